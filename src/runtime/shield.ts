// asyncio.shield. Mirrors `shield` in CPython 3.11's asyncio/tasks.py, and 3.14's (see
// PythonBehaviour.shieldAwaitedBy).
//
// shield(aw) returns an outer future that follows the inner one (a task wrapping `aw`). Cancelling
// the outer future (e.g. because the task awaiting it is cancelled) leaves the inner task running;
// when it later finishes, its result is dropped (its exception marked as retrieved). Cancelling the
// inner task by other means cancels the outer future too.
import { CREATE_FUTURE_FRAME, asyncioFrame, asyncioFunction } from './future-repr.js';
import { Future } from './futures.js';
import type { PythonBehaviour } from './python-version.js';
import { getRealm } from './realm.js';
import { pyFunction } from './repr.js';
import { currentTask } from './task-registry.js';
import { type Awaitable, ensureFuture } from './tasks.js';

type LogOnException = (fut: Future<unknown>) => void;
const logOnExceptionOf = new Map<PythonBehaviour, LogOnException>();

/** 3.14's module-level `_log_on_exception(fut)` (one function per version, as removeDoneCallback compares it). */
function logOnException(python: PythonBehaviour, line: number): LogOnException {
  let fn = logOnExceptionOf.get(python);
  if (fn === undefined) {
    fn = pyFunction(
      (fut: Future<unknown>): void => {
        if (fut.cancelled()) return;
        const exc = fut.exception();
        if (exc === null) return;
        fut.getLoop().callExceptionHandler({
          message: `${exc.pyName} exception in shielded future`,
          exception: exc,
          future: fut,
          ...(fut._sourceTraceback ? { source_traceback: fut._sourceTraceback } : {}),
        });
      },
      { name: '_log_on_exception', file: `${python.stdlibDir}/asyncio/tasks.py`, line },
    );
    logOnExceptionOf.set(python, fn);
  }
  return fn;
}

// Debug mode: shield's own frames where it makes the inner task and the outer future.
const SHIELD_ENSURE_FRAME = asyncioFrame('tasks.py', 884, 'shield', 'inner = _ensure_future(arg)');
const SHIELD_CREATE_FRAME = asyncioFrame('tasks.py', 889, 'shield', 'outer = loop.create_future()');

/** `await asyncio.shield(aw)`: `const r = yield* shield(task)`. */
export function shield<T>(aw: Awaitable<T>): Future<T> {
  const inner = ensureFuture(aw, { callerFrames: [SHIELD_ENSURE_FRAME] });
  // Already done: nothing to shield.
  if (inner.done()) return inner;
  const loop = inner.getLoop();
  const outer = new Future<T>(loop, { label: 'shield', frames: [SHIELD_CREATE_FRAME, CREATE_FUTURE_FRAME] });
  const python = getRealm().python;
  const awaitedBy = python.shieldAwaitedBy;
  const curTask = awaitedBy === null ? null : currentTask(loop);

  const innerDoneCallback = asyncioFunction(
    (done: Future<T>): void => {
      if (outer.cancelled()) {
        // Mark the inner result as retrieved (before 3.14; 3.14 logs it, see outerDoneCallback).
        if (awaitedBy === null && !done.cancelled()) done.exception();
        return;
      }
      if (done.cancelled()) {
        outer.cancel();
      } else {
        const exc = done.exception();
        if (exc !== null) outer.setException(exc);
        else outer.setResult(done.result());
      }
    },
    'shield.<locals>._inner_done_callback',
    'tasks.py',
    891,
  );

  const outerDoneCallback = asyncioFunction(
    (_outer: Future<T>): void => {
      if (!inner.done()) {
        inner.removeDoneCallback(innerDoneCallback);
        if (awaitedBy !== null) {
          // Keep only one callback to log on cancel.
          const log = logOnException(python, awaitedBy.logOnExceptionLine) as (fut: Future<T>) => void;
          inner.removeDoneCallback(log);
          inner.addDoneCallback(log);
        }
      }
    },
    'shield.<locals>._outer_done_callback',
    'tasks.py',
    908,
  );

  if (awaitedBy !== null && curTask !== null) {
    // The awaited-by record itself is introspection only; its clean-up is one more done callback.
    const clearAwaitedBy = pyFunction((_inner: Future<T>): void => undefined, {
      name: 'shield.<locals>._clear_awaited_by_callback',
      file: `${python.stdlibDir}/asyncio/tasks.py`,
      line: awaitedBy.clearAwaitedByLine,
    });
    inner.addDoneCallback(clearAwaitedBy);
  }
  inner.addDoneCallback(innerDoneCallback);
  outer.addDoneCallback(outerDoneCallback);
  return outer;
}
