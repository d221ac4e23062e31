// What the panels say about time and threads comes from the trace, never from a guess: a timer's
// "wakes at" is its deadline less the loop's clock origin (loop_created.timeOrigin), whatever the
// future it settles is called; a wake-up between threads names the thread the trace says woke it
// (thread_woke.by), whatever thread's event came just before; a concurrent.futures.Future is a row
// of its own, from its own events (created, state, chained), not guessed from a callback's name.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { findLessonById } from '../../src/scenarios/index.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { futureLines } from '../../src/ui/panels/futures.js';
import { loopLines } from '../../src/ui/panels/loop.js';
import { toArray } from '../../src/ui/state/chain.js';
import { get } from '../../src/ui/state/intmap.js';
import { foldEvents, SETTLED_FUTURES_KEPT } from '../../src/ui/state/reduce.js';
import type { LabState } from '../../src/ui/state/types.js';
import { at } from './fixtures/lessons.js';
import { PROCESS_CLOCK_ORIGIN } from '../../src/runtime/clock.js';

const on = (thread: string, t: number, init: Parameters<typeof at>[1]): TraceEvent => ({ ...at(t, init), thread });

describe('wakes at: the loop clock origin the trace carries', () => {
  // A future settled by a timer whose name says nothing of its delay (a program's own future).
  const events = [
    at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: 100 }),
    at(0, { type: 'future_created', loop: 1, future: 1, kind: 'Task', name: 'Task-1', coro: 'main()' }),
    at(0.25, { type: 'future_created', loop: 1, future: 2, kind: 'Future', name: 'Future' }),
    at(0.25, { type: 'handle_scheduled', loop: 1, handle: 3, kind: 'TimerHandle', when: 100.75, heapIndex: 0, callback: '_set_result_unless_cancelled(<Future pending>, None)', future: 2 }),
    at(0.25, { type: 'task_wait', loop: 1, task: 1, name: 'Task-1', on: 2, onRepr: '<Future pending>' }),
  ];
  const state = foldEvents(events);

  it("puts the timer's deadline on the trace's clock: when - timeOrigin", () => {
    expect(get(state.futures, 2)?.timer).toEqual({ handle: 3, due: 0.75 });
    expect(futureLines(state, 'en', 10, 'learner').map(lineText).join('\n')).toContain('Task-1 main() PENDING · waiting on Future · wakes at 0.750');
  });

  it('reads every heap deadline on that clock, before any sleep', () => {
    const timer = [at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: PROCESS_CLOCK_ORIGIN }), at(0.001, { type: 'handle_scheduled', loop: 1, handle: 1, kind: 'TimerHandle', when: PROCESS_CLOCK_ORIGIN + 0.200001, heapIndex: 0, callback: 'later()' })];
    const heap = loopLines(foldEvents(timer), 'en', 20, 'learner').map(lineText).join('\n');
    expect(heap).toMatch(/0\.200 later\(\)/);
  });

  it('says the same of the call-later lesson from its first timer on', () => {
    const lesson = findLessonById('call-later')!;
    const run = lesson.run({ asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil, python: '3.11' });
    const first = run.events.findIndex((e) => e.type === 'handle_scheduled' && e.kind === 'TimerHandle');
    const timer = run.events[first] as Extract<TraceEvent, { type: 'handle_scheduled' }>;
    const heap = loopLines(foldEvents(run.events.slice(0, first + 1)), 'en', 30, 'learner').map(lineText).join('\n');
    const due = (timer.when! - PROCESS_CLOCK_ORIGIN).toFixed(3);
    expect(Number(due)).toBeLessThan(10);
    expect(heap).toContain(`${due} `);
  });
});

describe('wake marks: the waker the trace names', () => {
  const thread = 'Thread-1 (run_forever)';
  // As a real-time recording writes it: the woken thread reports its own wake-up, after events of a third thread.
  const events = [
    on('MainThread', 0, { type: 'thread_created', name: thread, ident: 2, daemon: false }),
    on(thread, 0, { type: 'thread_blocked', name: thread, on: 'select', until: null }),
    on('MainThread', 0.1, { type: 'output', stream: 'stdout', text: 'call_soon_threadsafe' }),
    on('Thread-2', 0.1, { type: 'output', stream: 'stdout', text: 'another thread prints' }),
    on(thread, 0.1, { type: 'thread_woke', name: thread, reason: 'notified', by: 'MainThread' }),
  ];

  it('names the waker from thread_woke.by', () => {
    const wakes = toArray(foldEvents(events).wakes);
    expect(wakes.map((w) => `${w.waker} ⇢ ${w.woken}: ${w.on}`)).toEqual([`MainThread ⇢ ${thread}: select`]);
  });

  it('draws no wake-up where the trace names no waker (a timeout, or the thread itself)', () => {
    const own = [...events.slice(0, 4), on(thread, 0.1, { type: 'thread_woke', name: thread, reason: 'notified' })];
    expect(foldEvents(own).wakes).toBeUndefined();
  });

  const wakesOf = (id: string): string[] => {
    const lesson = findLessonById(id)!;
    const run = lesson.run({ asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil, python: '3.11' });
    const state: LabState = foldEvents(run.events);
    return [...new Set(toArray(state.wakes).map((w) => `${w.waker} ⇢ ${w.woken}: ${w.on}`))];
  };

  it('on the thread lessons: call_soon_threadsafe, run_coroutine_threadsafe, the queue hand-off', () => {
    expect(wakesOf('threads-threadsafe')).toEqual(['MainThread ⇢ Thread-1 (start_loop): select']);
    expect(wakesOf('threads-coroutine')).toEqual(['MainThread ⇢ Thread-1 (start_loop): select', 'Thread-1 (start_loop) ⇢ MainThread: future.result()']);
    expect(wakesOf('threads-queue')).toEqual(['MainThread ⇢ Thread-1 (thread_loop): select', 'Thread-1 (thread_loop) ⇢ MainThread: q.get()']);
  });
});

describe('concurrent futures: their own rows, from their own events', () => {
  const events = [
    at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: 0 }),
    at(0, { type: 'concurrent_future_created', future: 1 }),
    at(0, { type: 'future_created', loop: 1, future: 2, kind: 'Task', name: 'Task-1', coro: 'more_work()', args: '6' }, 'Thread-1'),
    at(0, { type: 'futures_chained', source: 2, destination: 1 }, 'Thread-1'),
  ];
  const panel = (list: TraceEvent[]) => futureLines(foldEvents(list), 'en', 20, 'learner').map(lineText).join('\n');

  it('shows the concurrent future chained to the task that will set it, and the task handing its outcome on', () => {
    const shown = panel(events);
    expect(shown).toContain('concurrent.futures.Future PENDING · ⇠ set when Task-1 is done');
    expect(shown).toContain('Task-1 more_work(6) PENDING · then ⇢ concurrent.futures.Future');
  });

  it('follows its states as the trace gives them: RUNNING, then FINISHED with its result', () => {
    const running = [...events, at(6, { type: 'concurrent_future_state', future: 1, state: 'RUNNING' }, 'Thread-1')];
    expect(panel(running)).toContain('concurrent.futures.Future RUNNING · ⇠ set when Task-1 is done');
    const finished = [...running, at(6, { type: 'concurrent_future_state', future: 1, state: 'FINISHED', result: "'done'" }, 'Thread-1')];
    expect(panel(finished)).toContain("concurrent.futures.Future FINISHED = 'done'");
  });

  it('lets a done one leave with the other settled futures', () => {
    const many: TraceEvent[] = [...events, at(6, { type: 'concurrent_future_state', future: 1, state: 'FINISHED', result: 'None' })];
    for (let i = 0; i <= SETTLED_FUTURES_KEPT; i++) {
      many.push(at(7, { type: 'future_created', loop: 1, future: 10 + i, kind: 'Future', name: 'sleep(1)' }), at(8, { type: 'future_state', loop: 1, future: 10 + i, state: 'FINISHED', result: 'None' }));
    }
    expect(get(foldEvents(many).futures, 1)).toBeUndefined();
  });
});
