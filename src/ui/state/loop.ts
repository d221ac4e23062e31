// The event loop as the view holds it: the ready deque, the heap array, the batch of the current
// iteration, the handle running. Each function is one step of base_events.py that the trace
// reported; none of them decides anything (the order comes from the runtime's moves). Each costs
// O(log n) in the number of live handles, except where the runtime itself does linear work
// (heapify after mass cancellation) or drops handles it skipped without an event (each handle is
// dropped once, so that cost is paid for by the events that scheduled them).
import type { TraceEvent } from '../../runtime/trace.js';
import { emptyHeap, heapPopped, heapPushed, heapRebuilt } from './heap.js';
import { empty, get, has, remove, set } from './intmap.js';
import { cleared, dequeue, emptyQueue, enqueue, firstItems, peek, queueLength } from './queue.js';
import type { HandleView, LoopView } from './types.js';

type Ev<K extends TraceEvent['type']> = Extract<TraceEvent, { type: K }>;

export function newLoop(event: Ev<'loop_created'>): LoopView {
  // A trace written before loops carried their clock's origin leaves deadlines on the loop's clock.
  const origin = typeof event.timeOrigin === 'number' ? { clockOffset: event.timeOrigin } : {};
  return { id: event.loop, thread: event.thread, debug: event.debug, state: 'idle', iteration: 0, stopping: false, ready: emptyQueue, batch: 0, heap: emptyHeap, live: empty(), ...origin };
}

/** call_soon appended a Handle to `_ready`; call_at pushed a TimerHandle on `_scheduled`. */
export function scheduled(loop: LoopView, event: Ev<'handle_scheduled'>): LoopView {
  const handle: HandleView = {
    id: event.handle,
    kind: event.kind,
    callback: event.callback,
    ...(event.when === undefined ? {} : { when: event.when }),
    scheduledAt: event.t,
    threadsafe: event.threadsafe ?? false,
    ...(event.task === undefined ? {} : { task: event.task }),
    ...(event.future === undefined ? {} : { future: event.future }),
  };
  const live = set(loop.live, handle.id, false);
  if (event.kind === 'TimerHandle') return { ...loop, live, heap: heapPushed(loop.heap, handle, event.heapIndex ?? loop.heap.size) };
  return { ...loop, live, ready: enqueue(loop.ready, handle) };
}

/** Handle.cancel(): it stays where it is (a timer until pruned or due, a ready handle until its turn). */
export function cancelled(loop: LoopView, handle: number): LoopView {
  if (!has(loop.live, handle)) return loop;
  return { ...loop, live: set(loop.live, handle, true) };
}

/** The selector returned: what is ready now is this iteration's batch (phase 4 adds the due timers). */
export function selectorReturned(loop: LoopView): LoopView {
  return { ...loop, batch: queueLength(loop.ready) };
}

/** Phase 4: heappop moved `heap[0]` to the END of `_ready`, and it joins this iteration's batch. */
export function timerReady(loop: LoopView, event: Ev<'timer_ready'>): LoopView {
  const handle = get(loop.heap, 0);
  if (handle === undefined || handle.id !== event.handle) return loop;
  return { ...loop, heap: heapPopped(loop.heap, event.lastTo), ready: enqueue(loop.ready, handle), batch: loop.batch + 1, moved: handle.id };
}

/** Phase 1: cancelled timers left the heap (popped from its top, or all at once and the rest heapified). */
export function timersPruned(loop: LoopView, event: Ev<'timers_pruned'>): LoopView {
  let { heap, live } = loop;
  if (event.rebuilt) {
    const kept = new Set(event.heap);
    for (let i = 0; i < heap.size; i++) {
      const id = get(heap, i)!.id;
      if (!kept.has(id)) live = remove(live, id);
    }
    return { ...loop, heap: heapRebuilt(heap, event.heap), live };
  }
  for (const lastTo of event.lastTo) {
    const top = get(heap, 0);
    if (top === undefined) break;
    live = remove(live, top.id);
    heap = heapPopped(heap, lastTo);
  }
  return { ...loop, heap, live };
}

/**
 * Phase 5 takes handles from the head of `_ready`: cancelled ones are dropped without an event,
 * then `handle` runs. A handle the view does not hold (never reported) takes nothing.
 */
export function handleRuns(loop: LoopView, event: Ev<'handle_run'>): LoopView {
  let { ready, live, batch } = loop;
  let running: HandleView | undefined;
  if (has(live, event.handle)) {
    while (running === undefined) {
      const head = peek(ready);
      if (head === undefined) break;
      ready = dequeue(ready);
      live = remove(live, head.id);
      batch = Math.max(0, batch - 1);
      if (head.id === event.handle) running = head;
    }
  }
  running ??= { id: event.handle, kind: 'Handle', callback: event.callback, scheduledAt: event.t, threadsafe: false };
  return { ...loop, ready, live, batch, running };
}

/** What is left of the batch once it ended: cancelled handles `_run_once` popped and skipped. */
export function batchEnded(loop: LoopView): LoopView {
  let { ready, live } = loop;
  for (let i = 0; i < loop.batch; i++) {
    const head = peek(ready);
    if (head === undefined) break;
    ready = dequeue(ready);
    live = remove(live, head.id);
  }
  return { ...loop, ready, live, batch: 0 };
}

/**
 * run_forever returned. Normally the batch ran to its end; an exception that escaped a callback
 * (its handle never reported done) left the rest of the batch in `_ready`.
 */
export function stopped(loop: LoopView): LoopView {
  const ended = loop.running === undefined ? batchEnded(loop) : { ...loop, batch: 0 };
  return { ...ended, running: undefined };
}

/** close(): `_ready.clear()` and `_scheduled.clear()`. */
export function closed(loop: LoopView): LoopView {
  return { ...loop, ready: cleared(loop.ready), heap: emptyHeap, live: empty(), batch: 0, running: undefined };
}

/** Up to `limit` handles of the ready deque, head first. */
export function readyHandles(loop: LoopView, limit = queueLength(loop.ready)): HandleView[] {
  return firstItems(loop.ready, limit);
}

/** True when `handle` (live in this loop) was cancelled. */
export function isCancelled(loop: LoopView, handle: number): boolean {
  return get(loop.live, handle) === true;
}
