// The FUTURES & TASKS panel in words, checked against CPython itself (the local python3, recorded
// by src/recorder in virtual time), never against strings typed here: a task's arguments are what
// CPython's coroutine frame holds, "wakes at" is when CPython's timer for that sleep came due, and
// a future's done callback is the `cb=[...]` CPython prints for it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHONS, type PythonVersion } from '../../src/runtime/python-version.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { probeInterpreter, recordLocal } from '../../src/recorder/local.js';
import { findLessonById } from '../../src/scenarios/index.js';
import type { Lesson } from '../../src/scenarios/types.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { callText, seconds, shortArgs } from '../../src/ui/format.js';
import { futureLines } from '../../src/ui/panels/futures.js';
import { loopLines } from '../../src/ui/panels/loop.js';
import { reduce } from '../../src/ui/state/reduce.js';
import { initialState, type LabState } from '../../src/ui/state/types.js';

const interpreter = probeInterpreter('python3');
const python = `${interpreter.major}.${interpreter.minor}` as PythonVersion;
const stdlibDir = spawnSync(interpreter.executable, ['-c', 'import asyncio, os; print(os.path.dirname(os.path.dirname(asyncio.__file__)))'], { encoding: 'utf8' }).stdout.trim();

/** The lesson's corrected program recorded on python3 in virtual time. */
function recorded(lesson: Lesson): TraceEvent[] {
  const source = lesson.corrected ?? lesson.asWritten;
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-words-'));
  try {
    writeFileSync(join(dir, source.file), source.text);
    return recordLocal({ interpreter: interpreter.executable, mode: 'virtual', source: source.text, file: source.file, dir, interrupts: [], until: lesson.defaultUntil, debug: false }).events;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The simulation's states after each event, on python3's version. */
function simulatedStates(lesson: Lesson): LabState[] {
  const run = lesson.run({ asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil, python });
  const states: LabState[] = [];
  let state = initialState;
  for (const event of run.events) states.push((state = reduce(state, event)));
  return states;
}

const panel = (state: LabState, level: 'learner' | 'exact') => futureLines(state, 'en', 40, level).map(lineText).join('\n');

describe('tasks in words', () => {
  const lesson = findLessonById('stop-wait')!;
  const cpython = recorded(lesson);
  const states = simulatedStates(lesson);
  // Every task CPython made, as its coroutine was called (the frame's arguments, reprs by CPython).
  const tasks = cpython.filter((e): e is Extract<TraceEvent, { type: 'future_created' }> => e.type === 'future_created' && e.kind === 'Task');

  it("names each task with the arguments CPython's coroutine frame holds", () => {
    expect(tasks.filter((t) => t.args !== undefined).length).toBeGreaterThanOrEqual(3);
    const shown = panel(states.at(-1)!, 'learner');
    // At the learner level a task among the arguments reads by its name, another object by its class.
    for (const task of tasks) expect(shown).toContain(`${task.name} ${callText(task.coro!, task.args === undefined ? undefined : shortArgs(task.args))} `);
    expect(shown).toMatch(/Task-4 wait\(\[Task-1, Task-2, Task-3\], None, 'ALL_COMPLETED'\) /);
  });

  it('says what a waiting task waits on and when CPython woke it', () => {
    // For each of CPython's sleep timers: the future it settles, the task awaiting that, and the time it came due.
    const names = new Map(cpython.flatMap((e) => (e.type === 'future_created' ? [[e.future, e.name] as const] : [])));
    const dueAt = new Map(cpython.flatMap((e) => (e.type === 'timer_ready' ? [[e.handle, e.t] as const] : [])));
    const waits = cpython.flatMap((e) => (e.type === 'task_wait' && e.on !== null ? [e] : []));
    const timers = cpython.flatMap((e) => (e.type === 'handle_scheduled' && e.future !== undefined ? [e] : []));
    expect(timers.length).toBeGreaterThanOrEqual(3);
    const call = (name: string) => {
      const task = tasks.find((t) => t.name === name)!;
      return `${name} ${callText(task.coro!, task.args)}`;
    };
    const expected = timers.flatMap((timer) => {
      const sleep = names.get(timer.future!)!;
      const waiter = waits.find((w) => w.on === timer.future)!;
      const due = seconds(dueAt.get(timer.handle)!);
      return [`${call(waiter.name)} PENDING · waiting on ${sleep} · wakes at ${due}`, `Future ${sleep} PENDING · wakes ${waiter.name} at ${due}`];
    });
    // The simulation's panel once every task is suspended on its sleep.
    const allWaiting = states.find((s) => expected.every((line) => panel(s, 'learner').includes(line)));
    expect(allWaiting, expected.join('\n')).toBeDefined();
    const shown = panel(allWaiting!, 'learner');
    for (const line of expected) expect(shown).toContain(line);
  });
});

describe('the loop in words', () => {
  const lesson = findLessonById('stop-wait')!;
  const cpython = recorded(lesson);
  const states = simulatedStates(lesson);
  const loop = (state: LabState) => loopLines(state, 'en', 40, 'learner').map(lineText).join('\n');

  it("names a task's step by the task CPython's handle steps, with the arguments of its call", () => {
    const tasks = new Map(cpython.flatMap((e) => (e.type === 'future_created' && e.kind === 'Task' ? [[e.future, e] as const] : [])));
    const steps = cpython.flatMap((e) => (e.type === 'handle_scheduled' && e.task !== undefined && !e.callback.includes('task_wakeup') ? [tasks.get(e.task)!] : []));
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const task of steps) {
      const line = `step of ${task.name} ${callText(task.coro!, task.args === undefined ? undefined : shortArgs(task.args))}`;
      expect(states.some((s) => loop(s).includes(line)), line).toBe(true);
    }
  });

  it("lists a sleep's timer by what it wakes and when CPython's came due, on the header's clock", () => {
    const names = new Map(cpython.flatMap((e) => (e.type === 'future_created' ? [[e.future, e.name] as const] : [])));
    const dueAt = new Map(cpython.flatMap((e) => (e.type === 'timer_ready' ? [[e.handle, e.t] as const] : [])));
    const waits = cpython.flatMap((e) => (e.type === 'task_wait' && e.on !== null ? [e] : []));
    const rows = cpython.flatMap((e) => (e.type === 'handle_scheduled' && e.future !== undefined ? [`${seconds(dueAt.get(e.handle)!)} ${names.get(e.future)} → wakes ${waits.find((w) => w.on === e.future)!.name}`] : []));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const heap = states.find((s) => rows.every((row) => loop(s).includes(row)));
    expect(heap, rows.join('\n')).toBeDefined();
  });
});

describe('futures with their done callbacks', () => {
  const lesson = findLessonById('future')!;
  const cpython = recorded(lesson);
  const states = simulatedStates(lesson);
  // What CPython printed for the pending future: `<Future pending cb=[...]>`.
  const printed = cpython.flatMap((e) => (e.type === 'output' ? [e.text] : [])).find((text) => text.includes('cb=['))!;
  const cb = /cb=\[(.*)\]>/.exec(printed)![1]!.split(stdlibDir).join(PYTHONS[python].stdlibDir);

  it("shows the future's _run_until_complete_cb as CPython prints it (exact) and by name (learner)", () => {
    expect(cb).toContain('_run_until_complete_cb');
    const pending = states.find((s) => panel(s, 'exact').includes('cb=['))!;
    expect(pending).toBeDefined();
    expect(panel(pending, 'exact')).toContain(`PENDING cb=[${cb}]`);
    expect(panel(pending, 'learner')).toContain(`PENDING · when done calls ${cb.replace(/ at \S+$/, '')}`);
  });

  it('drops the callbacks once the future is done (they went to the ready queue)', () => {
    const last = panel(states.at(-1)!, 'exact');
    expect(last).toContain('FINISHED');
    expect(last).not.toContain('cb=[');
  });
});

describe('concurrent futures in the thread lessons', () => {
  // CPython's repr of a task run_coroutine_threadsafe made, pending on its sleep: its `cb=[...]`.
  const program = [
    'import asyncio, threading',
    'loop = asyncio.new_event_loop()',
    'threading.Thread(target=loop.run_forever, daemon=True).start()',
    'async def more_work(x):',
    '    await asyncio.sleep(x)',
    'async def show():',
    '    return [repr(t) for t in asyncio.all_tasks() if t is not asyncio.current_task()]',
    'asyncio.run_coroutine_threadsafe(more_work(6), loop)',
    'print(asyncio.run_coroutine_threadsafe(show(), loop).result()[0])',
  ].join('\n');
  const printed = spawnSync(interpreter.executable, ['-c', program], { encoding: 'utf8' }).stdout;
  const cb = /\bcb=\[([^\]]*)\]>\s*$/.exec(printed.trim())![1]!.split(stdlibDir).join(PYTHONS[python].stdlibDir);
  const states = simulatedStates(findLessonById('threads-coroutine')!);

  it("shows each task's chain to its concurrent.futures.Future: CPython's callback (exact), the hand-off (learner)", () => {
    expect(cb).toMatch(/^_chain_future\.<locals>\._call_set_state\(\) at /);
    const waiting = states.find((s) => panel(s, 'learner').includes('Task-2 more_work(3) PENDING · waiting on sleep(3)'))!;
    expect(waiting).toBeDefined();
    expect(panel(waiting, 'exact')).toMatch(new RegExp(`Task-1 +PENDING more_work\\(\\) waits on .* cb=\\[${cb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]`));
    for (const task of ['Task-1 more_work(6)', 'Task-2 more_work(3)']) expect(panel(waiting, 'learner')).toMatch(new RegExp(`${task.replace(/[()]/g, '\\$&')} PENDING .*· then ⇢ concurrent\\.futures\\.Future`));
    const handed = states.find((s) => panel(s, 'learner').includes('Task-2 more_work(3) FINISHED'))!;
    expect(panel(handed, 'learner')).toMatch(/Task-2 more_work\(3\) FINISHED = 'the task conducts about 3s' · ⇢ concurrent\.futures\.Future set/);
  });
});

describe("a future's waiters, whatever rows the panel lists", () => {
  // 300 futures made before the 300 tasks that await them: past a few hundred the panel lists the
  // first made, so the futures' rows show and their waiters' rows do not.
  const source = [
    'import asyncio',
    'async def waiter(fut):',
    '    await fut',
    'async def main():',
    '    loop = asyncio.get_running_loop()',
    '    futs = [loop.create_future() for _ in range(300)]',
    '    tasks = [asyncio.create_task(waiter(f)) for f in futs]',
    '    await asyncio.sleep(0)',
    '    for f in futs:',
    '        f.set_result(None)',
    '    await asyncio.gather(*tasks)',
    'asyncio.run(main())',
  ].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-words-'));
  let cpython: TraceEvent[];
  try {
    writeFileSync(join(dir, 'waiters.py'), source);
    cpython = recordLocal({ interpreter: interpreter.executable, mode: 'virtual', source, file: 'waiters.py', dir, interrupts: [], until: 10, debug: false }).events;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  it('names the task CPython has waiting on each listed future, on a panel too short for the tasks', () => {
    // CPython's state once every task waits and before the first future is set.
    const firstSet = cpython.findIndex((e) => e.type === 'future_state' && e.state === 'FINISHED');
    let state = initialState;
    for (const event of cpython.slice(0, firstSet)) state = reduce(state, event);
    const waiterOf = new Map(cpython.slice(0, firstSet).flatMap((e) => (e.type === 'task_wait' && e.on !== null ? [[e.on, e.name] as const] : [])));
    expect(waiterOf.size).toBe(300);
    const rows = futureLines(state, 'en', 12, 'learner').map(lineText);
    const futureRows = rows.filter((row) => /^\s*Future /.test(row));
    expect(futureRows.length).toBeGreaterThanOrEqual(5);
    // The panel lists the first made: its future rows are CPython's first futures, in order.
    const futures = cpython.flatMap((e) => (e.type === 'future_created' && e.kind === 'Future' ? [e.future] : []));
    futureRows.forEach((row, i) => expect(row).toContain(`· wakes ${waiterOf.get(futures[i]!)} when done`));
  });
});
