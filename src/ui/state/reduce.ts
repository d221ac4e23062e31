// The pure reducer: the screen's state after one more trace event. It never mutates its input
// (old states are kept as checkpoints for stepping back) and never decides anything about
// scheduling: it moves a handle from the heap to the ready queue only because the trace says
// `timer_ready`, and so on. Each case names the CPython step it mirrors.
//
// Its cost per event does not grow with what is live: handles, timers, futures, tasks and task
// lanes sit in persistent maps (state/intmap.ts), updated in O(log n) by copying one path, so
// every step's state shares all the rest with the step before (checkpoints are cheap, plain data).
// Only loops and threads, a few per process, are plain arrays.
import { shellStatus } from '../../runtime/process/shell-status.js';
import type { TraceEvent } from '../../runtime/trace.js';
import { callText, shortArgs } from '../format.js';
import { append } from './chain.js';
import { empty, get, has, remove, set } from './intmap.js';
import { dequeue, enqueue, peek, queueLength } from './queue.js';
import { batchEnded, cancelled, closed, handleRuns, newLoop, scheduled, selectorReturned, stopped, timerReady, timersPruned } from './loop.js';
import { type FutureView, type LabState, type Lane, type LoopView, type Mark, type MarkKind, type ThreadView, initialState } from './types.js';

/**
 * Output lines, warnings and marks of each timeline lane a state keeps at least (at most twice
 * as many): the latest ones, so that a state's size does not grow with the length of the run
 * (state/chain.ts). The panels draw far fewer; the counts of all stay in each list's `length`.
 */
export const KEPT = 10_000;

/** The state after folding `event`, the `state.count`-th event of the trace. */
export function reduce(state: LabState, event: TraceEvent): LabState {
  const index = state.count;
  let next: LabState = { ...state, count: index + 1, t: event.t, thread: event.thread };
  next = ensureThread(next, event.thread);
  // A step only flags the timer it moved itself.
  if (next.loops.some((loop) => loop.moved !== undefined)) {
    next = { ...next, loops: next.loops.map((loop) => (loop.moved === undefined ? loop : { ...loop, moved: undefined })) };
  }
  switch (event.type) {
    case 'loop_created':
      return { ...next, loops: [...next.loops, newLoop(event)] };
    case 'loop_state':
      // A task belongs to its loop, and a loop to the thread running it: its tasks' lanes follow
      // (laneList files them under the loop's thread, so no lane is touched here).
      return updateLoop(next, event.loop, (loop) => {
        if (event.state === 'closed') return { ...closed(loop), state: 'closed' };
        // run_forever clears the stop flag on the way out (base_events.py: `self._stopping = False`).
        if (event.state === 'stopped') return { ...stopped(loop), state: 'stopped', stopping: false };
        return { ...loop, state: 'running', thread: event.thread, running: undefined };
      });
    case 'loop_stop_requested':
      return updateLoop(next, event.loop, (loop) => ({ ...loop, stopping: true }));
    case 'loop_iteration':
      return updateLoop(next, event.loop, (loop) => ({ ...batchEnded(loop), iteration: event.n }));
    case 'timers_pruned':
      return updateLoop(next, event.loop, (loop) => timersPruned(loop, event));
    case 'select_wait':
      next = updateLoop(next, event.loop, (loop) => ({ ...loop, selector: { waiting: true, since: event.t, timeout: event.timeout } }));
      return openSpan(next, threadLane(event.thread), event.t, 'select', event.timeout === null ? 'select()' : `select(${event.timeout})`);
    case 'select_woke':
      next = updateLoop(next, event.loop, (loop) => ({
        ...(event.reason === 'interrupt' ? loop : selectorReturned(loop)),
        selector: { waiting: false, since: loop.selector?.since ?? event.t, timeout: loop.selector?.timeout ?? null, woke: { reason: event.reason, slept: event.slept, at: event.t } },
      }));
      return closeSpan(next, threadLane(event.thread), event.t, index, event.race);
    case 'handle_scheduled':
      next = updateLoop(next, event.loop, (loop) => scheduled(loop, event));
      // A timer that settles a future: whoever waits on that future wakes at its deadline, on the
      // header's clock by the loop's clock origin (loop_created.timeOrigin).
      if (event.future === undefined || event.when === undefined) return next;
      {
        const offset = next.loops.find((loop) => loop.id === event.loop)?.clockOffset;
        return offset === undefined ? next : updateFuture(next, event.future, (f) => ({ ...f, timer: { handle: event.handle, due: event.when! - offset } }));
      }
    case 'handle_cancelled':
      return updateLoop(next, event.loop, (loop) => cancelled(loop, event.handle));
    case 'timer_ready':
      // _run_once: a due TimerHandle is popped from the heap and appended to the END of _ready.
      next = updateLoop(next, event.loop, (loop) => timerReady(loop, event));
      return addMark(next, threadLane(event.thread), { t: event.t, kind: 'timer', label: 'timer', index, ...race(event) });
    case 'handle_run':
      next = updateLoop(next, event.loop, (loop) => handleRuns(loop, event));
      next = addMark(next, threadLane(event.thread), { t: event.t, kind: 'run', label: event.callback, index, ...race(event) });
      return openSpan(next, threadLane(event.thread), event.t, 'busy', event.callback);
    case 'handle_done':
      next = updateLoop(next, event.loop, (loop) => ({ ...loop, running: undefined }));
      return event.took > 0 ? closeSpan(next, threadLane(event.thread), event.t, index, event.race) : dropSpan(next, threadLane(event.thread));
    case 'future_created': {
      const future: FutureView = {
        id: event.future,
        loop: event.loop,
        kind: event.kind,
        name: event.name,
        ...(event.coro === undefined ? {} : { coro: event.coro }),
        ...(event.args === undefined ? {} : { args: event.args }),
        state: 'PENDING',
        stepping: false,
        cancelRequested: false,
        changedAt: index,
      };
      next = { ...next, futures: set(next.futures, future.id, future) };
      if (event.kind === 'Task') {
        // Filed under the thread creating it until its loop runs (see laneList).
        const lane: Lane = { key: taskLane(event.future), kind: 'task', label: event.coro ? `${event.name} ${callText(event.coro, event.args === undefined ? undefined : shortArgs(event.args))}` : event.name, thread: event.thread, loop: event.loop, marks: undefined };
        next = { ...next, taskLanes: set(next.taskLanes, event.future, lane) };
      }
      return next;
    }
    case 'future_state': {
      next = updateFuture(settle(next, event.future), event.future, (f) => ({
        ...f,
        state: event.state,
        ...(event.result === undefined ? {} : { result: event.result }),
        ...(event.exception === undefined ? {} : { exception: event.exception }),
        changedAt: index,
        // Done: its callbacks went to the ready queue (handle_scheduled) and its timer has nothing left to settle.
        ...(event.state === 'PENDING' ? {} : { stepping: false, waitingRepr: undefined, awaitLine: undefined, callbacks: undefined, timer: undefined }),
      }));
      if (event.state !== 'PENDING') next = waitOn(next, event.future, undefined);
      if (event.state !== 'PENDING' && has(next.taskLanes, event.future)) {
        const kind: MarkKind = event.state === 'CANCELLED' ? 'cancelled' : 'done';
        next = addMark(next, taskLane(event.future), { t: event.t, kind, label: event.state, index, ...race(event) });
      }
      return next;
    }
    case 'task_step':
      next = updateFuture(waitOn(next, event.task, undefined), event.task, (f) => ({ ...f, stepping: true, waitingRepr: undefined, awaitLine: undefined, changedAt: index }));
      return addMark(next, taskLane(event.task), { t: event.t, kind: 'step', label: event.mode === 'throw' ? `throw(${event.value ?? ''})` : 'send', index, ...race(event) });
    case 'task_wait':
      return updateFuture(waitOn(next, event.task, event.on), event.task, (f) => ({ ...f, stepping: false, waitingRepr: event.onRepr, awaitLine: event.line, changedAt: index }));
    case 'future_callbacks':
      return updateFuture(next, event.future, (f) => ({ ...f, callbacks: event.callbacks, changedAt: index }));
    case 'concurrent_future_created': {
      const future: FutureView = { id: event.future, loop: 0, kind: 'ConcurrentFuture', name: 'concurrent.futures.Future', state: 'PENDING', stepping: false, cancelRequested: false, changedAt: index };
      return { ...next, futures: set(next.futures, future.id, future) };
    }
    case 'concurrent_future_state':
      // Done, it joins the settled futures that leave the view after a while (RUNNING is not done).
      return updateFuture(event.state === 'RUNNING' ? next : settle(next, event.future), event.future, (f) => ({
        ...f,
        state: event.state,
        ...(event.result === undefined ? {} : { result: event.result }),
        ...(event.exception === undefined ? {} : { exception: event.exception }),
        changedAt: index,
      }));
    case 'futures_chained': {
      const concurrent = get(next.futures, event.destination)?.kind === 'ConcurrentFuture';
      next = updateFuture(next, event.source, (f) => ({ ...f, ...(concurrent ? { concurrent: true as const } : {}), changedAt: index }));
      return updateFuture(next, event.destination, (f) => ({ ...f, chainedFrom: event.source, changedAt: index }));
    }
    case 'task_cancel_requested':
      return updateFuture(next, event.task, (f) => ({ ...f, cancelRequested: true, changedAt: index }));
    case 'thread_created':
      return updateThread(next, event.name, (th) => ({ ...th, ident: event.ident, daemon: event.daemon }), 'new');
    case 'thread_started':
      return updateThread(next, event.name, (th) => ({ ...th, state: 'running' }));
    case 'thread_blocked':
      next = updateThread(next, event.name, (th) => ({ ...th, state: 'blocked', blockedOn: event.on, until: event.until }));
      // A selector wait already draws its own span; a callback that blocks its thread (time.sleep
      // inside it) stays drawn as that callback holding the thread, which is what stalls the loop.
      {
        const open = next.threadLanes.find((l) => l.key === threadLane(event.name))?.open?.kind;
        return open === 'select' || open === 'busy' ? next : openSpan(next, threadLane(event.name), event.t, 'blocked', event.on);
      }
    case 'thread_woke': {
      // Notified by another thread: the trace names it (`by`).
      const on = next.threads.find((th) => th.name === event.name)?.blockedOn;
      if (event.reason === 'notified' && event.by !== undefined && on !== undefined) {
        const wake = { t: event.t, waker: event.by, woken: event.name, on };
        next = { ...next, wakes: append(next.wakes, wake, KEPT) };
        next = addMark(next, threadLane(wake.waker), { t: event.t, kind: 'wake', label: `→ ${wake.woken}`, index });
        next = addMark(next, threadLane(wake.woken), { t: event.t, kind: 'woken', label: `← ${wake.waker}`, index });
      }
      next = updateThread(next, event.name, (th) => ({ ...th, state: 'running', blockedOn: undefined, until: undefined }));
      const open = next.threadLanes.find((l) => l.key === threadLane(event.name))?.open;
      return open?.kind === 'blocked' ? closeSpan(next, threadLane(event.name), event.t, index, event.race) : next;
    }
    case 'thread_exit':
      // The thread has no frame left: no pointer.
      if (event.name in next.lines) {
        const { [event.name]: _gone, ...lines } = next.lines;
        next = { ...next, lines };
      }
      next = updateThread(next, event.name, (th) => ({ ...th, state: 'exited', blockedOn: undefined, ...(event.error === undefined ? {} : { error: event.error }) }));
      return dropSpan(next, threadLane(event.name));
    case 'interrupt':
      return addMark({ ...next, interrupts: event.n }, threadLane(event.thread), { t: event.t, kind: 'interrupt', label: 'KeyboardInterrupt', index });
    case 'shutdown':
      return { ...next, shutdown: { phase: event.phase, ...(event.waitingFor === undefined ? {} : { waitingFor: event.waitingFor }) } };
    case 'exit':
      return addMark({ ...next, exitStatus: event.status }, threadLane(event.thread), { t: event.t, kind: 'exit', label: `exit ${shellStatus(event.status)}`, index });
    case 'output':
      return { ...next, output: append(next.output, { t: event.t, thread: event.thread, stream: event.stream, text: event.text }, KEPT) };
    case 'exception_handler':
      return next;
    case 'warning':
      return { ...next, warnings: append(next.warnings, { t: event.t, category: event.category, message: event.message }, KEPT) };
    case 'line':
      return { ...next, lines: { ...next.lines, [event.thread]: event.line }, lineThread: event.thread };
    case 'note':
      return { ...next, note: { index, zh: event.zh, en: event.en } };
  }
}

/** Folds `events` onto `state` (from the initial state by default). */
export function foldEvents(events: readonly TraceEvent[], state?: LabState): LabState {
  let s = state ?? initialState;
  for (const event of events) s = reduce(s, event);
  return s;
}

export const threadLane = (name: string): string => `thread:${name}`;
export const taskLane = (id: number): string => `task:${id}`;

function race(event: TraceEvent): { race?: true } {
  return event.race ? { race: true } : {};
}

function updateLoop(state: LabState, id: number, fn: (loop: LoopView) => LoopView): LabState {
  return { ...state, loops: state.loops.map((loop) => (loop.id === id ? fn(loop) : loop)) };
}

/**
 * Plain and concurrent futures that are done stay on screen for a while, then leave: a long run
 * creates thousands (one per sleep()), and the panel is about what is pending now. Tasks always stay.
 */
export const SETTLED_FUTURES_KEPT = 6;

/** A plain or concurrent future `id` is done: it joins the settled ones, and the oldest beyond the few kept leave. */
function settle(state: LabState, id: number): LabState {
  const future = get(state.futures, id);
  if (future === undefined || future.kind === 'Task' || future.state === 'FINISHED' || future.state === 'CANCELLED') return state;
  let settled = enqueue(state.settled, id);
  let futures = state.futures;
  while (queueLength(settled) > SETTLED_FUTURES_KEPT) {
    futures = remove(futures, peek(settled)!);
    settled = dequeue(settled);
  }
  return { ...state, futures, settled };
}

/**
 * Task `task` now waits on `on` (a future's id, null for a bare yield, undefined for nothing):
 * the task's `waitingOn` and the waited futures' `waiters` change together, so a panel names a
 * future's waiters without scanning the tasks (whatever rows it shows, however many tasks live).
 */
function waitOn(state: LabState, task: number, on: number | null | undefined): LabState {
  const before = get(state.futures, task);
  if (before === undefined || before.waitingOn === on) return state;
  let futures = set(state.futures, task, { ...before, waitingOn: on });
  const left = before.waitingOn == null ? undefined : get(futures, before.waitingOn);
  if (left?.waiters !== undefined) {
    const waiters = remove(left.waiters, task);
    futures = set(futures, left.id, { ...left, waiters: waiters.size === 0 ? undefined : waiters });
  }
  const joined = on == null ? undefined : get(futures, on);
  if (joined !== undefined) futures = set(futures, joined.id, { ...joined, waiters: set(joined.waiters ?? empty<true>(), task, true) });
  return { ...state, futures };
}

function updateFuture(state: LabState, id: number, fn: (f: FutureView) => FutureView): LabState {
  const future = get(state.futures, id);
  return future === undefined ? state : { ...state, futures: set(state.futures, id, fn(future)) };
}

function ensureThread(state: LabState, name: string): LabState {
  if (state.threads.some((th) => th.name === name)) return state;
  const thread: ThreadView = { name, daemon: false, state: name === 'MainThread' ? 'running' : 'new' };
  return addLane({ ...state, threads: [...state.threads, thread] }, { key: threadLane(name), kind: 'thread', label: name, thread: name, marks: undefined });
}

function updateThread(state: LabState, name: string, fn: (th: ThreadView) => ThreadView, initialState: ThreadView['state'] = 'running'): LabState {
  let s = state;
  if (!s.threads.some((th) => th.name === name)) {
    s = ensureThread(s, name);
    s = { ...s, threads: s.threads.map((th) => (th.name === name ? { ...th, state: initialState } : th)) };
  }
  return { ...s, threads: s.threads.map((th) => (th.name === name ? fn(th) : th)) };
}

function addLane(state: LabState, lane: Lane): LabState {
  if (state.threadLanes.some((l) => l.key === lane.key)) return state;
  return { ...state, threadLanes: [...state.threadLanes, lane] };
}

/** A task lane ('task:N') is one map update; a thread lane one of the few thread lanes. */
function updateLane(state: LabState, key: string, fn: (lane: Lane) => Lane): LabState {
  if (key.startsWith('task:')) {
    const id = Number(key.slice(5));
    const lane = get(state.taskLanes, id);
    return lane === undefined ? state : { ...state, taskLanes: set(state.taskLanes, id, fn(lane)) };
  }
  if (!state.threadLanes.some((lane) => lane.key === key)) return state;
  return { ...state, threadLanes: state.threadLanes.map((lane) => (lane.key === key ? fn(lane) : lane)) };
}

function addMark(state: LabState, key: string, mark: Mark): LabState {
  return updateLane(state, key, (lane) => ({ ...lane, marks: append(lane.marks, mark, KEPT) }));
}

function openSpan(state: LabState, key: string, t: number, kind: MarkKind, label: string): LabState {
  return updateLane(state, key, (lane) => ({ ...lane, open: { t, kind, label } }));
}

/** Ends the open span at `end`, leaving it on the lane as a mark. */
function closeSpan(state: LabState, key: string, end: number, index: number, isRace?: boolean): LabState {
  return updateLane(state, key, (lane) => {
    if (!lane.open) return lane;
    const { open, ...rest } = lane;
    return { ...rest, marks: append(lane.marks, { t: open.t, end, kind: open.kind, label: open.label, index, ...(isRace ? { race: true } : {}) }, KEPT) };
  });
}

/** Ends the open span without a mark (a callback that took no simulated time). */
function dropSpan(state: LabState, key: string): LabState {
  return updateLane(state, key, (lane) => {
    if (!lane.open) return lane;
    const { open: _open, ...rest } = lane;
    return rest;
  });
}
