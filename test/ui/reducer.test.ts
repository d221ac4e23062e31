// The UI state reducer on fixed event arrays: what the loop, futures, threads and lanes look like
// after exactly these events.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { toArray } from '../../src/ui/state/chain.js';
import { heapArray, leavingOrder } from '../../src/ui/state/heap.js';
import { isCancelled, readyHandles } from '../../src/ui/state/loop.js';
import { futureList } from '../../src/ui/state/futures.js';
import { laneList } from '../../src/ui/state/lanes.js';
import { foldEvents, reduce, SETTLED_FUTURES_KEPT } from '../../src/ui/state/reduce.js';
import type { LoopView } from '../../src/ui/state/types.js';
import { at } from './fixtures/lessons.js';

const created = at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: 0 });
const soon = (handle: number, callback: string, t = 0) => at(t, { type: 'handle_scheduled', loop: 1, handle, kind: 'Handle', callback });
const later = (handle: number, when: number, callback: string, heapIndex: number, t = 0) => at(t, { type: 'handle_scheduled', loop: 1, handle, kind: 'TimerHandle', when, heapIndex, callback });
const ready = (loop: LoopView) => readyHandles(loop).map((h) => h.callback);
const heapIds = (loop: LoopView) => heapArray(loop.heap).map((h) => h.id);

function loopOf(events: TraceEvent[]) {
  const loop = foldEvents(events).loops[0];
  if (!loop) throw new Error('no loop');
  return loop;
}

describe('ready queue', () => {
  it('appends call_soon handles in the order they were scheduled', () => {
    const loop = loopOf([created, soon(1, 'a()'), soon(2, 'b()'), soon(3, 'c()')]);
    expect(ready(loop)).toEqual(['a()', 'b()', 'c()']);
    expect(heapIds(loop)).toEqual([]);
  });

  it('removes the handle that runs from the queue and shows it as running until it is done', () => {
    const events = [created, soon(1, 'a()'), soon(2, 'b()'), at(0, { type: 'handle_run', loop: 1, handle: 1, callback: 'a()' })];
    const running = loopOf(events);
    expect(readyHandles(running).map((h) => h.id)).toEqual([2]);
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
    expect(readyHandles(loop).map((h) => h.id)).toEqual([3]);
  });

  it('keeps the batch boundary: what was ready when select() returned runs now, what callbacks add waits', () => {
    const events = [
      created,
      soon(1, 'a()'),
      soon(2, 'b()'),
      at(0, { type: 'select_wait', loop: 1, timeout: 0 }),
      at(0, { type: 'select_woke', loop: 1, slept: 0, reason: 'immediate' }),
      at(0, { type: 'handle_run', loop: 1, handle: 1, callback: 'a()' }),
      soon(3, 'c()'),
    ];
    const loop = loopOf(events);
    expect([ready(loop), loop.batch]).toEqual([['b()', 'c()'], 1]);
    // The next iteration: the batch was run to its end; c() is its own batch once select() returns.
    const next = loopOf([...events, at(0, { type: 'handle_done', loop: 1, handle: 1, took: 0 }), at(0, { type: 'handle_run', loop: 1, handle: 2, callback: 'b()' }), at(0, { type: 'loop_iteration', loop: 1, n: 2, ready: 1, scheduled: 0 })]);
    expect([ready(next), next.batch]).toEqual([['c()'], 0]);
  });

  it('drops the cancelled handles left at the end of a batch when the next iteration begins', () => {
    const loop = loopOf([
      created,
      soon(1, 'a()'),
      soon(2, 'b()'),
      at(0, { type: 'select_woke', loop: 1, slept: 0, reason: 'immediate' }),
      at(0, { type: 'handle_cancelled', loop: 1, handle: 2 }),
      at(0, { type: 'handle_run', loop: 1, handle: 1, callback: 'a()' }),
      soon(3, 'c()'),
      at(0, { type: 'handle_done', loop: 1, handle: 1, took: 0 }),
      at(0, { type: 'loop_iteration', loop: 1, n: 2, ready: 1, scheduled: 0 }),
    ]);
    expect(ready(loop)).toEqual(['c()']);
  });
});

describe('timer heap', () => {
  it("holds CPython's heap array as the pushes' reported positions make it", () => {
    // heappush of 0.1, 0.3, 0.2 leaves [0.1, 0.3, 0.2]; a push of 0.05 sifts up from index 3 to the root.
    const loop = loopOf([created, later(1, 0.1, 'cb(1)', 0), later(2, 0.3, 'cb(2)', 1), later(3, 0.2, 'cb(3)', 2), later(4, 0.05, 'cb(4)', 0)]);
    expect(heapIds(loop)).toEqual([4, 1, 3, 2]);
    expect(leavingOrder(loop.heap, 4).map((h) => h.id)).toEqual([4, 1, 3, 2]);
  });

  it('lists equal deadlines in the order heappop takes them, not in arrival order', () => {
    // Five timers on one deadline: heapq leaves the array [1, 2, 3, 4, 5], and heappop on it takes
    // 1, 3, 5, 2, 4 (python3: five heappush of items that never compare less, then five heappop).
    const loop = loopOf([created, ...[1, 2, 3, 4, 5].map((id) => later(id, 1, `t${id}()`, id - 1))]);
    expect(heapIds(loop)).toEqual([1, 2, 3, 4, 5]);
    expect(leavingOrder(loop.heap, 5).map((h) => h.id)).toEqual([1, 3, 5, 2, 4]);
    expect(leavingOrder(loop.heap, 2).map((h) => h.id)).toEqual([1, 3]);
  });

  it('moves a due timer to the END of the ready queue and flags it for that step only', () => {
    const events = [created, later(1, 0.1, 'cb(1)', 0), later(2, 0.2, 'cb(2)', 1), soon(3, 'first()'), at(0.1, { type: 'timer_ready', loop: 1, handle: 1, lastTo: 0 })];
    const loop = loopOf(events);
    expect(ready(loop)).toEqual(['first()', 'cb(1)']);
    expect(loop.moved).toBe(1);
    expect(heapIds(loop)).toEqual([2]);
    const after = loopOf([...events, at(0.1, { type: 'handle_run', loop: 1, handle: 3, callback: 'first()' })]);
    expect(after.moved).toBeUndefined();
  });

  it('keeps a cancelled timer on the heap until it is pruned', () => {
    const events = [created, later(1, 0.1, 'a()', 0), later(2, 0.2, 'b()', 1), later(3, 0.3, 'c()', 2), at(0, { type: 'handle_cancelled', loop: 1, handle: 1 })];
    const loop = loopOf(events);
    expect(heapArray(loop.heap).map((h) => [h.id, isCancelled(loop, h.id)])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    const pruned = loopOf([...events, at(0, { type: 'timers_pruned', loop: 1, count: 1, rebuilt: false as const, lastTo: [0] })]);
    expect(heapIds(pruned)).toEqual([3, 2]);
  });

  it('takes the array a rebuild (heapify) reports', () => {
    const events = [created, later(1, 0.1, 'a()', 0), later(2, 0.2, 'b()', 1), later(3, 0.3, 'c()', 2), at(0, { type: 'handle_cancelled', loop: 1, handle: 2 })];
    const pruned = loopOf([...events, at(0, { type: 'timers_pruned', loop: 1, count: 1, rebuilt: true as const, heap: [1, 3] })]);
    expect(heapIds(pruned)).toEqual([1, 3]);
  });

  it('shows a closed loop with empty structures (close() clears _ready and _scheduled)', () => {
    const loop = loopOf([created, soon(1, 'a()'), later(2, 0.1, 'b()', 0), at(0, { type: 'handle_cancelled', loop: 1, handle: 2 }), at(0, { type: 'loop_state', loop: 1, state: 'closed' })]);
    expect([loop.state, ready(loop), heapIds(loop)]).toEqual(['closed', [], []]);
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
    const t = futureList(waiting).find((f) => f.id === 5)!;
    expect([t.state, t.stepping, t.waitingOn, t.waitingRepr]).toEqual(['PENDING', false, 6, '<Future pending>']);
    const done = reduce(waiting, at(1, { type: 'future_state', loop: 1, future: 5, state: 'FINISHED', result: "'Done after 1s'" }));
    const d = futureList(done).find((f) => f.id === 5)!;
    expect([d.state, d.result, d.waitingOn]).toEqual(['FINISHED', "'Done after 1s'", undefined]);
  });

  it('shows cancel() requested while pending, then CANCELLED', () => {
    const s1 = foldEvents([created, task, at(1.5, { type: 'task_cancel_requested', loop: 1, task: 5, name: 'Task-2' })]);
    expect(futureList(s1)[0]).toMatchObject({ state: 'PENDING', cancelRequested: true });
    const s2 = reduce(s1, at(1.5, { type: 'future_state', loop: 1, future: 5, state: 'CANCELLED' }));
    expect(futureList(s2)[0]!.state).toBe('CANCELLED');
  });

  it('keeps every task but only the last few settled plain futures', () => {
    const events: TraceEvent[] = [created, task];
    for (let id = 100; id < 120; id++) {
      events.push(at(0, { type: 'future_created', loop: 1, future: id, kind: 'Future', name: `sleep(${id})` }));
      events.push(at(0, { type: 'future_state', loop: 1, future: id, state: 'FINISHED', result: 'None' }));
    }
    events.push(at(0, { type: 'future_created', loop: 1, future: 200, kind: 'Future', name: 'pending' }));
    const s = foldEvents(events);
    expect(futureList(s).map((f) => f.id)).toEqual([5, ...Array.from({ length: SETTLED_FUTURES_KEPT }, (_, i) => 120 - SETTLED_FUTURES_KEPT + i), 200]);
  });

  it('gives each task a lane under its thread, marked with its steps and its end', () => {
    const s = foldEvents([
      created,
      task,
      at(0, { type: 'task_step', loop: 1, task: 5, name: 'Task-2', mode: 'send' }),
      at(1.5, { type: 'task_step', loop: 1, task: 5, name: 'Task-2', mode: 'throw', value: 'CancelledError()' }),
      at(1.5, { type: 'future_state', loop: 1, future: 5, state: 'CANCELLED' }),
    ]);
    const lane = laneList(s).find((l) => l.key === 'task:5')!;
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
  const lane = (events: TraceEvent[]) => laneList(foldEvents(events)).find((l) => l.key === 'task:1')!;

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
    expect(laneList(s).find((l) => l.key === 'thread:Thread-1')?.open).toMatchObject({ t: 0, kind: 'blocked' });
    const woke = reduce(s, at(6, { type: 'thread_woke', name: 'Thread-1', reason: 'timeout' }, 'Thread-1'));
    const lane = laneList(woke).find((l) => l.key === 'thread:Thread-1')!;
    expect(lane.open).toBeUndefined();
    expect(toArray(lane.marks).map((m) => [m.t, m.end, m.kind])).toEqual([[0, 6, 'blocked']]);
  });

  it('flags races and Ctrl+C on the lane of the thread they happened in', () => {
    const s = foldEvents([created, at(1, { type: 'timer_ready', loop: 1, handle: 1, lastTo: -1 }, 'MainThread', { race: true }), at(1.5, { type: 'interrupt', n: 1 })]);
    const marks = toArray(laneList(s).find((l) => l.key === 'thread:MainThread')!.marks);
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
    const events = [created, soon(1, 'a()'), later(2, 0.1, 'b()', 0), at(0.1, { type: 'timer_ready', loop: 1, handle: 2, lastTo: -1 }), at(0.1, { type: 'handle_run', loop: 1, handle: 1, callback: 'a()' })];
    const before = foldEvents(events.slice(0, 3));
    const snapshot = JSON.stringify(before);
    foldEvents(events.slice(3), before);
    expect(JSON.stringify(before)).toBe(snapshot);
  });
});
