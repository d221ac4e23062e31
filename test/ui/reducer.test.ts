// The UI state reducer on fixed event arrays: what the loop, futures, threads and lanes look like
// after exactly these events.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { toArray } from '../../src/ui/state/chain.js';
import { foldEvents, reduce, SETTLED_FUTURES_KEPT } from '../../src/ui/state/reduce.js';
import { at } from './fixtures/lessons.js';

const created = at(0, { type: 'loop_created', loop: 1, debug: false });
const soon = (handle: number, callback: string, t = 0) => at(t, { type: 'handle_scheduled', loop: 1, handle, kind: 'Handle', callback });
const later = (handle: number, when: number, callback: string, t = 0) => at(t, { type: 'handle_scheduled', loop: 1, handle, kind: 'TimerHandle', when, callback });

function loopOf(events: TraceEvent[]) {
  const loop = foldEvents(events).loops[0];
  if (!loop) throw new Error('no loop');
  return loop;
}

describe('ready queue', () => {
  it('appends call_soon handles in the order they were scheduled', () => {
    const loop = loopOf([created, soon(1, 'a()'), soon(2, 'b()'), soon(3, 'c()')]);
    expect(loop.ready.map((h) => h.callback)).toEqual(['a()', 'b()', 'c()']);
    expect(loop.heap).toEqual([]);
  });

  it('removes the handle that runs from the queue and shows it as running until it is done', () => {
    const events = [created, soon(1, 'a()'), soon(2, 'b()'), at(0, { type: 'handle_run', loop: 1, handle: 1, callback: 'a()' })];
    const running = loopOf(events);
    expect(running.ready.map((h) => h.id)).toEqual([2]);
    expect(running.running?.callback).toBe('a()');
    const done = loopOf([...events, at(0, { type: 'handle_done', loop: 1, handle: 1, took: 0 })]);
    expect(done.running).toBeUndefined();
  });

  it('drops cancelled handles ahead of the one that runs (_run_once pops and skips them)', () => {
    const loop = loopOf([
      created,
      soon(1, 'a()'),
      soon(2, 'b()'),
      soon(3, 'c()'),
      at(0, { type: 'handle_cancelled', loop: 1, handle: 1 }),
      at(0, { type: 'handle_run', loop: 1, handle: 2, callback: 'b()' }),
    ]);
    expect(loop.ready.map((h) => h.id)).toEqual([3]);
  });
});

describe('timer heap', () => {
  it('keeps timers sorted by deadline, not by the order they were added', () => {
    const loop = loopOf([created, later(1, 0.1, 'cb(1)'), later(2, 0.3, 'cb(2)'), later(3, 0.2, 'cb(3)')]);
    expect(loop.heap.map((h) => h.when)).toEqual([0.1, 0.2, 0.3]);
    expect(loop.heap.map((h) => h.callback)).toEqual(['cb(1)', 'cb(3)', 'cb(2)']);
  });

  it('keeps equal deadlines in arrival order', () => {
    const loop = loopOf([created, later(1, 1, 'x()'), later(2, 0.5, 'y()'), later(3, 1, 'z()')]);
    expect(loop.heap.map((h) => h.id)).toEqual([2, 1, 3]);
  });

  it('moves a due timer to the END of the ready queue and flags it for that step only', () => {
    const events = [created, later(1, 0.1, 'cb(1)'), later(2, 0.2, 'cb(2)'), soon(3, 'first()'), at(0.1, { type: 'timer_ready', loop: 1, handle: 1 })];
    const loop = loopOf(events);
    expect(loop.ready.map((h) => h.callback)).toEqual(['first()', 'cb(1)']);
    expect(loop.ready.map((h) => h.moved ?? false)).toEqual([false, true]);
    expect(loop.heap.map((h) => h.id)).toEqual([2]);
    const after = loopOf([...events, at(0.1, { type: 'handle_run', loop: 1, handle: 3, callback: 'first()' })]);
    expect(after.ready.map((h) => h.moved ?? false)).toEqual([false]);
  });

  it('keeps a cancelled timer on the heap until it is pruned', () => {
    const events = [created, later(1, 0.1, 'a()'), later(2, 0.2, 'b()'), later(3, 0.3, 'c()'), at(0, { type: 'handle_cancelled', loop: 1, handle: 2 })];
    expect(loopOf(events).heap.map((h) => [h.id, h.cancelled])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    const pruned = loopOf([...events, at(0, { type: 'timers_pruned', loop: 1, count: 1, rebuilt: false })]);
    expect(pruned.heap.map((h) => h.id)).toEqual([1, 3]);
  });
});

describe('selector', () => {
  it('shows the wait with its timeout, then how it ended', () => {
    const waiting = loopOf([created, at(0, { type: 'select_wait', loop: 1, timeout: 0.5 })]);
    expect(waiting.selector).toEqual({ waiting: true, since: 0, timeout: 0.5 });
    const woke = loopOf([created, at(0, { type: 'select_wait', loop: 1, timeout: 0.5 }), at(0.5, { type: 'select_woke', loop: 1, slept: 0.5, reason: 'timeout' })]);
    expect(woke.selector?.waiting).toBe(false);
    expect(woke.selector?.woke).toEqual({ reason: 'timeout', slept: 0.5, at: 0.5 });
  });

  it('marks stop() and clears the flag when run_forever returns', () => {
    const events = [created, at(0, { type: 'loop_state', loop: 1, state: 'running' }), at(0, { type: 'loop_stop_requested', loop: 1 })];
    expect(loopOf(events).stopping).toBe(true);
    const stopped = loopOf([...events, at(0, { type: 'loop_state', loop: 1, state: 'stopped' })]);
    expect([stopped.state, stopped.stopping]).toEqual(['stopped', false]);
  });
});

describe('futures and tasks', () => {
  const task = at(0, { type: 'future_created', loop: 1, future: 5, kind: 'Task', name: 'Task-2', coro: 'do_some_work(1)' });
  const fut = at(0, { type: 'future_created', loop: 1, future: 6, kind: 'Future', name: 'sleep(1)' });

  it('starts PENDING, shows what a suspended task waits on, then FINISHED with its result', () => {
    const waiting = foldEvents([created, task, fut, at(0, { type: 'task_step', loop: 1, task: 5, name: 'Task-2', mode: 'send' }), at(0, { type: 'task_wait', loop: 1, task: 5, name: 'Task-2', on: 6, onRepr: '<Future pending>' })]);
    const t = waiting.futures.find((f) => f.id === 5)!;
    expect([t.state, t.stepping, t.waitingOn, t.waitingRepr]).toEqual(['PENDING', false, 6, '<Future pending>']);
    const done = reduce(waiting, at(1, { type: 'future_state', loop: 1, future: 5, state: 'FINISHED', result: "'Done after 1s'" }));
    const d = done.futures.find((f) => f.id === 5)!;
    expect([d.state, d.result, d.waitingOn]).toEqual(['FINISHED', "'Done after 1s'", undefined]);
  });

  it('shows cancel() requested while pending, then CANCELLED', () => {
    const s1 = foldEvents([created, task, at(1.5, { type: 'task_cancel_requested', loop: 1, task: 5, name: 'Task-2' })]);
    expect(s1.futures[0]).toMatchObject({ state: 'PENDING', cancelRequested: true });
    const s2 = reduce(s1, at(1.5, { type: 'future_state', loop: 1, future: 5, state: 'CANCELLED' }));
    expect(s2.futures[0]!.state).toBe('CANCELLED');
  });

  it('keeps every task but only the last few settled plain futures', () => {
    const events: TraceEvent[] = [created, task];
    for (let id = 100; id < 120; id++) {
      events.push(at(0, { type: 'future_created', loop: 1, future: id, kind: 'Future', name: `sleep(${id})` }));
      events.push(at(0, { type: 'future_state', loop: 1, future: id, state: 'FINISHED', result: 'None' }));
    }
    events.push(at(0, { type: 'future_created', loop: 1, future: 200, kind: 'Future', name: 'pending' }));
    const s = foldEvents(events);
    expect(s.futures.map((f) => f.id)).toEqual([5, ...Array.from({ length: SETTLED_FUTURES_KEPT }, (_, i) => 120 - SETTLED_FUTURES_KEPT + i), 200]);
  });

  it('gives each task a lane under its thread, marked with its steps and its end', () => {
    const s = foldEvents([
      created,
      task,
      at(0, { type: 'task_step', loop: 1, task: 5, name: 'Task-2', mode: 'send' }),
      at(1.5, { type: 'task_step', loop: 1, task: 5, name: 'Task-2', mode: 'throw', value: 'CancelledError()' }),
      at(1.5, { type: 'future_state', loop: 1, future: 5, state: 'CANCELLED' }),
    ]);
    const lane = s.lanes.find((l) => l.key === 'task:5')!;
    expect(lane.thread).toBe('MainThread');
    expect(toArray(lane.marks).map((m) => [m.t, m.kind])).toEqual([
      [0, 'step'],
      [1.5, 'step'],
      [1.5, 'cancelled'],
    ]);
  });
});

describe('task lanes and threads', () => {
  // threads pool: MainThread creates loop 1; a pool thread creates Task-1 on it and runs it.
  const pool = 'ThreadPoolExecutor-0_0';
  const poolTask = at(0, { type: 'future_created', loop: 1, future: 1, kind: 'Task', name: 'Task-1', coro: 'task_1()' }, pool);
  const lane = (events: TraceEvent[]) => foldEvents(events).lanes.find((l) => l.key === 'task:1')!;

  it('files a task under the thread that runs its loop, not the thread that created the loop', () => {
    expect(lane([created, poolTask]).thread).toBe(pool);
    expect(lane([created, poolTask, at(0, { type: 'loop_state', loop: 1, state: 'running' }, pool), at(0, { type: 'task_step', loop: 1, task: 1, name: 'Task-1', mode: 'send' }, pool)]).thread).toBe(pool);
  });

  it("moves a loop's task lanes to the thread that starts running the loop", () => {
    const mainTask = at(0, { type: 'future_created', loop: 1, future: 1, kind: 'Task', name: 'Task-1', coro: 'task_1()' });
    expect(lane([created, mainTask]).thread).toBe('MainThread');
    expect(lane([created, mainTask, at(0, { type: 'loop_state', loop: 1, state: 'running' }, 'Thread-1')]).thread).toBe('Thread-1');
  });

  it('files a task created from another thread on a running loop under the loop\'s thread', () => {
    const running = at(0, { type: 'loop_state', loop: 1, state: 'running' }, 'Thread-1');
    const fromMain = at(0, { type: 'future_created', loop: 1, future: 1, kind: 'Task', name: 'Task-1', coro: 'more_work(6)' });
    expect(lane([created, running, fromMain]).thread).toBe('Thread-1');
  });
});

describe('threads, lanes and output', () => {
  it('draws a blocked thread as a bar from when it blocked to when it woke', () => {
    const s = foldEvents([
      at(0, { type: 'thread_created', name: 'Thread-1', ident: 2, daemon: false }),
      at(0, { type: 'thread_started', name: 'Thread-1' }, 'Thread-1'),
      at(0, { type: 'thread_blocked', name: 'Thread-1', on: 'time.sleep(6)', until: 6 }, 'Thread-1'),
    ]);
    expect(s.threads.find((t) => t.name === 'Thread-1')).toMatchObject({ state: 'blocked', blockedOn: 'time.sleep(6)', until: 6 });
    expect(s.lanes.find((l) => l.key === 'thread:Thread-1')?.open).toMatchObject({ t: 0, kind: 'blocked' });
    const woke = reduce(s, at(6, { type: 'thread_woke', name: 'Thread-1', reason: 'timeout' }, 'Thread-1'));
    const lane = woke.lanes.find((l) => l.key === 'thread:Thread-1')!;
    expect(lane.open).toBeUndefined();
    expect(toArray(lane.marks).map((m) => [m.t, m.end, m.kind])).toEqual([[0, 6, 'blocked']]);
  });

  it('flags races and Ctrl+C on the lane of the thread they happened in', () => {
    const s = foldEvents([created, at(1, { type: 'timer_ready', loop: 1, handle: 1 }, 'MainThread', { race: true }), at(1.5, { type: 'interrupt', n: 1 })]);
    const marks = toArray(s.lanes.find((l) => l.key === 'thread:MainThread')!.marks);
    expect(marks.map((m) => [m.kind, m.race ?? false])).toEqual([
      ['timer', true],
      ['interrupt', false],
    ]);
    expect(s.interrupts).toBe(1);
  });

  it('collects printed lines with their stream and thread, and the line each thread executes', () => {
    const s = foldEvents([
      at(0, { type: 'line', line: 4 }),
      at(0, { type: 'output', stream: 'stdout', text: 'Waiting:  1' }),
      at(0, { type: 'line', line: 9 }, 'Thread-1'),
      at(1, { type: 'output', stream: 'stderr', text: 'KeyboardInterrupt' }, 'Thread-1'),
    ]);
    expect(toArray(s.output).map((l) => [l.thread, l.stream, l.text])).toEqual([
      ['MainThread', 'stdout', 'Waiting:  1'],
      ['Thread-1', 'stderr', 'KeyboardInterrupt'],
    ]);
    expect(s.lines).toEqual({ MainThread: 4, 'Thread-1': 9 });
  });
});

describe('purity', () => {
  it('never changes a state it was given (earlier steps stay as they were)', () => {
    const events = [created, soon(1, 'a()'), later(2, 0.1, 'b()'), at(0.1, { type: 'timer_ready', loop: 1, handle: 2 }), at(0.1, { type: 'handle_run', loop: 1, handle: 1, callback: 'a()' })];
    const before = foldEvents(events.slice(0, 3));
    const snapshot = JSON.stringify(before);
    foldEvents(events.slice(3), before);
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});
