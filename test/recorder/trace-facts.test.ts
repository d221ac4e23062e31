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
    it(`${id}: the same wake-ups on CPython and on the simulation`, () => {
      const lesson = findLessonById(id)!;
      const source = lesson.corrected ?? lesson.asWritten;
      const cpython = wakes(record(source.text, source.file, 'real', lesson.defaultUntil));
      expect(cpython.length).toBeGreaterThanOrEqual(2);
      expect(wakes(simulated(lesson))).toEqual(cpython);
    }, WALL);
  }
});
