// What the panels read from the trace, recorded from CPython (the local python3) and simulated:
// "wakes at" from the loop's clock origin (loop_created.timeOrigin) and the timer's deadline, and
// the thread that woke another (thread_woke.by). The same program must read the same on both.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeInterpreter, recordLocal } from '../../src/recorder/local.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { findLessonById } from '../../src/scenarios/index.js';
import type { Lesson } from '../../src/scenarios/types.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { futureLines } from '../../src/ui/panels/futures.js';
import { toArray } from '../../src/ui/state/chain.js';
import { foldEvents, reduce } from '../../src/ui/state/reduce.js';
import { initialState } from '../../src/ui/state/types.js';

const interpreter = probeInterpreter('python3');
/** Wall seconds: the thread programs run in real time. */
const WALL = 60_000;

function record(source: string, file: string, mode: 'virtual' | 'real', until: number): TraceEvent[] {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-facts-'));
  try {
    writeFileSync(join(dir, file), source);
    return recordLocal({ interpreter: interpreter.executable, mode, source, file, dir, interrupts: [], until, debug: false }).events;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each lesson's corrected program recorded once on python3 in real time (the thread lessons take seconds). */
const realTimeRuns = new Map<string, TraceEvent[]>();
function recordedInRealTime(id: string): TraceEvent[] {
  let events = realTimeRuns.get(id);
  if (events === undefined) {
    const lesson = findLessonById(id)!;
    const source = lesson.corrected ?? lesson.asWritten;
    events = record(source.text, source.file, 'real', lesson.defaultUntil);
    realTimeRuns.set(id, events);
  }
  return events;
}

const simulated = (lesson: Lesson): TraceEvent[] => lesson.run({ asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil, python: '3.11' }).events;

/** Every "waiting on ... · wakes at ..." the learner's tasks panel says along the run. */
function wakesAtLines(events: readonly TraceEvent[]): string[] {
  const said = new Set<string>();
  let state = initialState;
  for (const event of events) {
    state = reduce(state, event);
    if (event.type !== 'task_wait') continue;
    for (const line of futureLines(state, 'en', 40, 'learner').map(lineText)) {
      const found = /(Task-\d+ .* PENDING · waiting on .* · wakes at \d+\.\d{3})/.exec(line);
      if (found) said.add(found[1]!);
    }
  }
  return [...said].sort();
}

/** The distinct wake-ups between threads the timeline names: `waker ⇢ woken: what it waited in`. */
const wakes = (events: readonly TraceEvent[]): string[] => [...new Set(toArray(foldEvents(events).wakes).map((w) => `${w.waker} ⇢ ${w.woken}: ${w.on}`))].sort();

describe('wakes at, recorded and simulated', () => {
  it('stop-wait: every task reads the same "wakes at" on CPython and on the simulation', () => {
    const lesson = findLessonById('stop-wait')!;
    const source = lesson.corrected ?? lesson.asWritten;
    const cpython = wakesAtLines(record(source.text, source.file, 'virtual', lesson.defaultUntil));
    expect(cpython.length).toBeGreaterThanOrEqual(3);
    expect(wakesAtLines(simulated(lesson))).toEqual(cpython);
  });
});

describe('who woke whom, recorded in real time', () => {
  it('names the waker of each wake-up: call_soon_threadsafe, a queue hand-off, a concurrent future, a join', () => {
    const program = [
      'import asyncio, queue, threading, time',
      'loop = asyncio.new_event_loop()',
      'thread = threading.Thread(target=loop.run_forever)',
      'thread.start()',
      'time.sleep(0.2)',
      'q = queue.Queue()',
      '# The loop thread puts in the queue a little later: the main thread is waiting in q.get() by then.',
      'loop.call_soon_threadsafe(loop.call_later, 0.2, q.put, 1)',
      'print(q.get())',
      'async def work():',
      '    await asyncio.sleep(0.2)',
      '    return 2',
      'print(asyncio.run_coroutine_threadsafe(work(), loop).result())',
      '# The loop stops a little later: the main thread is waiting in join() by then.',
      'loop.call_soon_threadsafe(loop.call_later, 0.2, loop.stop)',
      'thread.join()',
    ].join('\n');
    const events = record(program, 'wakes.py', 'real', 10);
    expect(events.filter((e) => e.type === 'output').map((e) => (e as { text: string }).text)).toEqual(['1', '2']);
    const loop = 'Thread-1 (run_forever)';
    // The recording names each waker itself (the timeline does not guess it from the event before).
    const notified = events.flatMap((e) => (e.type === 'thread_woke' && e.reason === 'notified' ? [`${e.by} ⇢ ${e.name}`] : []));
    expect([...new Set(notified)].sort()).toEqual([`${loop} ⇢ MainThread`, `MainThread ⇢ ${loop}`].sort());
    expect(wakes(events)).toEqual([`${loop} ⇢ MainThread: future.result()`, `${loop} ⇢ MainThread: join ${loop}`, `${loop} ⇢ MainThread: q.get()`, `MainThread ⇢ ${loop}: select`].sort());
  }, WALL);

  for (const id of ['threads-coroutine', 'threads-queue']) {
    it(`${id}: each wake-up CPython's recording names, the simulation names too`, () => {
      // In real time a thread may find what it waits for already there (a busy machine), and not wait.
      const cpython = wakes(recordedInRealTime(id));
      expect(cpython.length).toBeGreaterThanOrEqual(1);
      const simulation = wakes(simulated(findLessonById(id)!));
      expect(simulation.length).toBeGreaterThanOrEqual(2);
      for (const wake of cpython) expect(simulation).toContain(wake);
    }, WALL);
  }
});

describe('concurrent futures, recorded and simulated', () => {
  /** The concurrent futures' rows of the learner's futures panel after each event (those that say something new). */
  function concurrentRows(events: readonly TraceEvent[]): string[] {
    const said: string[] = [];
    let state = initialState;
    for (const event of events) {
      state = reduce(state, event);
      if (event.type !== 'concurrent_future_state' && event.type !== 'futures_chained') continue;
      for (const line of futureLines(state, 'en', 40, 'learner').map(lineText)) {
        const row = /concurrent\.futures\.Future (PENDING|RUNNING|FINISHED|CANCELLED).*/.exec(line)?.[0];
        // Whether the other future is chained yet when one is depends on the race between the threads.
        if (row !== undefined && row !== 'concurrent.futures.Future PENDING' && !said.includes(row)) said.push(row);
      }
    }
    return said.sort();
  }

  it('threads-coroutine: its two concurrent futures, chained to their tasks, as CPython sets them', () => {
    const cpython = concurrentRows(recordedInRealTime('threads-coroutine'));
    expect(cpython).toEqual([
      "concurrent.futures.Future FINISHED = 'the task conducts about 3s'",
      "concurrent.futures.Future FINISHED = 'the task conducts about 6s'",
      'concurrent.futures.Future PENDING · ⇠ set when Task-1 is done',
      'concurrent.futures.Future PENDING · ⇠ set when Task-2 is done',
      'concurrent.futures.Future RUNNING · ⇠ set when Task-1 is done',
      'concurrent.futures.Future RUNNING · ⇠ set when Task-2 is done',
    ]);
    expect(concurrentRows(simulated(findLessonById('threads-coroutine')!))).toEqual(cpython);
  }, WALL);

  it("threads-pool: the executor's future, RUNNING on its worker, then FINISHED", () => {
    const rows = (events: readonly TraceEvent[]) => events.flatMap((e) => (e.type === 'concurrent_future_state' ? [`${e.thread} ${e.state} ${e.result ?? ''}`] : []));
    const cpython = rows(recordedInRealTime('threads-pool'));
    expect(cpython).toEqual(['ThreadPoolExecutor-0_0 RUNNING ', 'ThreadPoolExecutor-0_0 FINISHED None']);
    expect(rows(simulated(findLessonById('threads-pool')!))).toEqual(cpython);
  }, WALL);
});

describe('done callbacks, recorded and simulated', () => {
  it("future: the pending future's _run_until_complete_cb, read by the recorder from CPython's live future", () => {
    const lesson = findLessonById('future')!;
    const source = lesson.corrected ?? lesson.asWritten;
    const events = record(source.text, source.file, 'virtual', lesson.defaultUntil);
    const callbacks = events.flatMap((e) => (e.type === 'future_callbacks' ? [e.callbacks] : []));
    expect(callbacks.some((list) => list.some((cb) => cb.startsWith('_run_until_complete_cb() at ')))).toBe(true);
    // The panel of the recorded run says it as the simulation's does, in words.
    const said = (list: readonly TraceEvent[]) => {
      const lines = new Set<string>();
      let state = initialState;
      for (const event of list) {
        state = reduce(state, event);
        for (const line of futureLines(state, 'en', 20, 'learner').map(lineText)) if (line.includes('when done calls')) lines.add(line.trim());
      }
      return [...lines].sort();
    };
    const cpython = said(events);
    expect(cpython.join('\n')).toContain('when done calls _run_until_complete_cb');
    expect(said(simulated(lesson))).toEqual(cpython);
  });
});
