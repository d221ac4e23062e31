// asyncio.wait_for, as in CPython 3.11's asyncio/tasks.py (`wait_for`, `_cancel_and_wait`), and as
// 3.12 rewrote it on top of asyncio.timeout() (gh-96764; PythonBehaviour.waitFor).
//
// 3.11:
// The awaitable is wrapped in a task; a private waiter future is released either by the task's
// completion or by a TimerHandle after `timeout` seconds. On timeout the task is cancelled and
// wait_for waits until it has really finished (so nothing runs on after wait_for returns), then
// raises TimeoutError (chained from the task's CancelledError). If wait_for itself is cancelled,
// the task is cancelled too.
import { type Coroutine, asyncDef, setLine } from './coroutines.js';
import { CancelledError, toPyException } from './exceptions.js';
import { ASYNCIO_DIR, CREATE_FUTURE_FRAME } from './future-repr.js';
import { Future } from './futures.js';
import type { EventLoopLike } from './loop-types.js';
import type { PythonBehaviour } from './python-version.js';
import { getRealm } from './realm.js';
import { partial } from './repr.js';
import { runningLoop } from './task-registry.js';
import { type Awaitable, ensureFuture } from './tasks.js';
import { timeout, timeoutErrorFrom } from './timeouts.js';
import { releaseWaiter } from './wait.js';

const TASKS_PY = `${ASYNCIO_DIR}/tasks.py`;

/** `_cancel_and_wait(fut, loop)`: cancels `fut` and waits on a private waiter until it is done. */
const cancelAndWait = asyncDef(
  '_cancel_and_wait',
  function* (fut: Future<unknown>, loop: EventLoopLike) {
    setLine(554);
    const waiter = new Future<unknown>(loop, { label: '_cancel_and_wait', frames: [CREATE_FUTURE_FRAME] });
    const cb = partial(releaseWaiter, [waiter]);
    fut.addDoneCallback(cb);
    try {
      fut.cancel();
      // Not awaiting fut itself keeps _cancel_and_wait reliably cancellable.
      setLine(562);
      yield* waiter;
    } finally {
      fut.removeDoneCallback(cb);
    }
  },
  { file: TASKS_PY, line: 551 },
);

/** The task's result; its CancelledError becomes TimeoutError (`raise TimeoutError from exc`). */
function resultOrTimeout<T>(fut: Future<T>): T {
  try {
    return fut.result();
  } catch (error) {
    if (error instanceof CancelledError) throw timeoutErrorFrom(error);
    throw error;
  }
}

const waitForDef = asyncDef(
  'wait_for',
  function* (aw: Awaitable<unknown>, timeout: number | null) {
    const loop = runningLoop();
    if (timeout === null) {
      setLine(452);
      return yield* (aw as Iterable<unknown> as Generator<unknown, unknown, unknown>);
    }
    if (timeout <= 0) {
      setLine(455);
      const fut = ensureFuture(aw, { loop });
      if (fut.done()) return fut.result();
      setLine(460);
      yield* cancelAndWait(fut, loop);
      return resultOrTimeout(fut);
    }

    setLine(466);
    const waiter = new Future<unknown>(loop, { label: 'wait_for', frames: [CREATE_FUTURE_FRAME] });
    const timeoutHandle = loop.callLater(timeout, releaseWaiter, waiter);
    const cb = partial(releaseWaiter, [waiter]);
    setLine(470);
    const fut = ensureFuture(aw, { loop });
    fut.addDoneCallback(cb);
    try {
      // Wait until the future completes or the timeout.
      try {
        setLine(476);
        yield* waiter;
      } catch (error) {
        if (!(toPyException(error) instanceof CancelledError)) throw error;
        if (fut.done()) return fut.result();
        fut.removeDoneCallback(cb);
        // The task must not run on after wait_for() returns (bpo-32751).
        setLine(485);
        yield* cancelAndWait(fut, loop);
        throw error;
      }
      if (fut.done()) return fut.result();
      fut.removeDoneCallback(cb);
      setLine(495);
      yield* cancelAndWait(fut, loop);
      // If the cancellation failed with another exception, that one is raised (bpo-40607).
      return resultOrTimeout(fut);
    } finally {
      timeoutHandle.cancel();
    }
  },
  { file: TASKS_PY, line: 436 },
);

// 3.12+: the awaitable is awaited in the caller's own task (a coroutine is not wrapped in a task),
// inside `async with timeouts.timeout(timeout)`: at the deadline the caller's task is cancelled and
// the timeout turns that CancelledError into TimeoutError. A timeout <= 0 still wraps and cancels.
type WaitForDef = (aw: Awaitable<unknown>, timeout: number | null) => Coroutine<unknown>;
const waitForOnTimeoutOf = new Map<PythonBehaviour, WaitForDef>();

function waitForOnTimeout(python: PythonBehaviour): WaitForDef {
  let def = waitForOnTimeoutOf.get(python);
  if (def !== undefined) return def;
  const lines = python.waitForLines!;
  def = asyncDef(
    'wait_for',
    function* (aw: Awaitable<unknown>, delay: number | null) {
      if (delay !== null && delay <= 0) {
        const fut = ensureFuture(aw);
        if (fut.done()) return fut.result();
        setLine(lines.cancelAndWait);
        yield* cancelAndWait(fut, runningLoop());
        return resultOrTimeout(fut);
      }
      setLine(lines.asyncWith);
      const cm = timeout(delay)._enter();
      let result: unknown;
      try {
        setLine(lines.awaitFut);
        result = yield* (aw as Iterable<unknown> as Generator<unknown, unknown, unknown>);
      } catch (error) {
        setLine(lines.asyncWith);
        cm._exit(toPyException(error));
        throw error;
      }
      cm._exit(null);
      return result;
    },
    { file: `${python.stdlibDir}/asyncio/tasks.py`, line: lines.def },
  ) as WaitForDef;
  waitForOnTimeoutOf.set(python, def);
  return def;
}

/** `await asyncio.wait_for(aw, timeout)`: `const r = yield* waitFor(work(), 2)`; raises TimeoutError. */
export function waitFor<T>(aw: Awaitable<T>, timeout: number | null): Coroutine<T> {
  const python = getRealm().python;
  if (python.waitFor === 'timeout') return waitForOnTimeout(python)(aw, timeout) as Coroutine<T>;
  return waitForDef(aw, timeout) as Coroutine<T>;
}
