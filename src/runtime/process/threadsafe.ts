// asyncio.run_coroutine_threadsafe and the future chaining under it (CPython's asyncio/tasks.py
// `run_coroutine_threadsafe` and asyncio/futures.py `_chain_future`): from any thread, schedule a
// coroutine on another thread's loop through call_soon_threadsafe (which writes that loop's
// self-pipe and so wakes it), and get back a concurrent.futures.Future that the task completes.
import type { BaseEventLoop } from '../base-events.js';
import { isCoroutine, type CoroutineLike } from '../coroutines.js';
import { TypeError, toPyException } from '../exceptions.js';
import { ENSURE_FUTURE_FRAME, asyncioFrame, asyncioFunction } from '../future-repr.js';
import type { Future } from '../futures.js';
import { ensureFuture } from '../tasks.js';
import { ConcurrentFuture } from './concurrent-future.js';
import type { ProcessContext } from './context.js';

/**
 * `_chain_future(source, destination)` for an asyncio source and a concurrent destination: when the
 * task finishes, its outcome is copied to the concurrent future at once (in the loop's thread);
 * cancelling the concurrent future cancels the task through call_soon_threadsafe.
 */
export function chainToConcurrent<T>(source: Future<T>, destination: ConcurrentFuture<T>, sourceLoop: BaseEventLoop): void {
  const tracer = sourceLoop.realm.tracer;
  if (tracer.enabled) tracer.emit({ type: 'futures_chained', source: source.id, destination: destination.id });
  const setState = () => {
    if (source.cancelled()) {
      destination.cancel();
      return;
    }
    if (!destination.set_running_or_notify_cancel()) return;
    const exception = source.exception();
    if (exception !== null) destination.set_exception(exception);
    else destination.set_result(source.result());
  };
  const callCheckCancel = asyncioFunction(
    (dest: ConcurrentFuture<T>) => {
      if (dest.cancelled()) sourceLoop.callSoonThreadsafe(() => source.cancel());
    },
    '_chain_future.<locals>._call_check_cancel',
    'futures.py',
    387,
  );
  const callSetState = asyncioFunction(
    () => {
      if (destination.cancelled()) return;
      setState();
    },
    '_chain_future.<locals>._call_set_state',
    'futures.py',
    394,
  );
  destination.add_done_callback(callCheckCancel);
  source.addDoneCallback(callSetState);
}

/** The line of run_coroutine_threadsafe's callback that makes the task (debug mode's `Object created at`). */
const CALLBACK_ENSURE_FRAME = asyncioFrame('tasks.py', 928, 'callback', 'futures._chain_future(ensure_future(coro, loop=loop), future)');

/** `asyncio.run_coroutine_threadsafe(coro, loop)`. */
export function runCoroutineThreadsafe<T>(ctx: ProcessContext, coro: CoroutineLike<T>, loop: BaseEventLoop): ConcurrentFuture<T> {
  if (!isCoroutine(coro)) throw new TypeError('A coroutine object is required');
  const future = new ConcurrentFuture<T>(ctx.kernel, (lines) => ctx.output.stderrLines(lines));
  const callback = asyncioFunction(
    () => {
      ctx.coroutinesInCallbacks.delete(coro);
      try {
        chainToConcurrent(ensureFuture(coro, { loop, callerFrames: [CALLBACK_ENSURE_FRAME, ENSURE_FUTURE_FRAME] }), future, loop);
      } catch (error) {
        if (future.set_running_or_notify_cancel()) future.set_exception(toPyException(error));
        throw error;
      }
    },
    'run_coroutine_threadsafe.<locals>.callback',
    'tasks.py',
    926,
  );
  ctx.coroutinesInCallbacks.set(coro, loop);
  loop.callSoonThreadsafe(callback);
  return future;
}
