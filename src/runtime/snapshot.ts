// What the runtime holds, read from its own structures: each loop's ready deque, its timer heap as
// CPython's array (`_scheduled`), the handle running and where the current iteration's batch ends,
// and every future's and task's state. A view built from the trace must show exactly this (the
// reducer of the UI is tested against it at every event of every lesson); it is plain data, so it
// can be compared, printed or sent as it is.
//
//   const watch = watchRealm(realm);   // before the program creates its loops and futures
//   ...                                // at any moment, e.g. from a trace listener:
//   const snap = watch.snapshot();
import type { BaseEventLoop } from './base-events.js';
import type { Handle, TimerHandle } from './events.js';
import { Future } from './futures.js';
import type { Realm } from './realm.js';
import { Task } from './tasks.js';
import type { FutureState } from './trace.js';

export interface HandleSnapshot {
  /** The handle's trace id. */
  readonly id: number;
  readonly cancelled: boolean;
}

export interface LoopSnapshot {
  /** The loop's trace id. */
  readonly id: number;
  readonly running: boolean;
  readonly closed: boolean;
  /** `_stopping`: stop() was called and the current iteration is the last. */
  readonly stopping: boolean;
  /** `_ready`, head first. */
  readonly ready: readonly HandleSnapshot[];
  /**
   * How many handles at the head of `ready` this iteration's batch will still run (`ntodo` of
   * `_run_once` minus those already taken), from the end of the selector wait on; 0 outside a batch.
   */
  readonly batch: number;
  /** `_scheduled`, the heap array as heapq leaves it (index 0 leaves first). */
  readonly heap: readonly HandleSnapshot[];
  /** The handle whose callback runs now, or null. */
  readonly runningHandle: number | null;
}

export interface FutureSnapshot {
  readonly id: number;
  readonly kind: 'Future' | 'Task';
  readonly state: FutureState;
  /** Tasks: the id of the future the task waits on (`_fut_waiter`), or null. */
  readonly waitingOn?: number | null;
}

export interface RealmSnapshot {
  readonly loops: readonly LoopSnapshot[];
  /** In creation order. */
  readonly futures: readonly FutureSnapshot[];
}

/** A loop's structures now. */
export function loopSnapshot(loop: BaseEventLoop): LoopSnapshot {
  const ready = loop._ready;
  const heap = loop._scheduled;
  const readyHandles: HandleSnapshot[] = [];
  for (let i = 0; i < ready.length; i++) readyHandles.push(handleSnapshot(ready.at(i)!));
  const heapHandles: HandleSnapshot[] = [];
  for (let i = 0; i < heap.length; i++) heapHandles.push(handleSnapshot(heap.at(i) as TimerHandle));
  return {
    id: loop.id,
    running: loop.isRunning(),
    closed: loop.isClosed(),
    stopping: loop._stopping,
    ready: readyHandles,
    batch: Math.min(ready.length, Math.max(0, loop._batchEnd - ready.popped)),
    heap: heapHandles,
    runningHandle: loop._runningHandle?.id ?? null,
  };
}

/** A future's or task's state now. */
export function futureSnapshot(future: Future<unknown>): FutureSnapshot {
  if (future instanceof Task) return { id: future.id, kind: 'Task', state: future._state, waitingOn: future._futWaiter?.id ?? null };
  return { id: future.id, kind: 'Future', state: future._state };
}

export interface RealmWatch {
  /** Every loop and future created in the realm since the watch began, as they are now. */
  snapshot(): RealmSnapshot;
}

/**
 * Follows what `realm` creates from now on (it keeps every loop and future alive: for tests and
 * tools, not for long runs).
 */
export function watchRealm(realm: Realm): RealmWatch {
  const loops: BaseEventLoop[] = [];
  const futures: Future<unknown>[] = [];
  const previous = realm.onCreated;
  realm.onCreated = (object) => {
    previous?.(object);
    if (object instanceof Future) futures.push(object);
    else loops.push(object as BaseEventLoop);
  };
  return {
    snapshot: () => ({
      loops: loops.map(loopSnapshot),
      // A Task refused at construction (not a coroutine) never became a task the trace knows.
      futures: futures.filter((f) => !(f instanceof Task) || f._coro !== undefined).map(futureSnapshot),
    }),
  };
}

function handleSnapshot(handle: Handle): HandleSnapshot {
  return { id: handle.id, cancelled: handle._cancelled };
}
