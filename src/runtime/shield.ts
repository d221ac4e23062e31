// asyncio.shield. Mirrors `shield` in CPython 3.11's asyncio/tasks.py.
//
// shield(aw) returns an outer future that follows the inner one (a task wrapping `aw`). Cancelling
// the outer future (e.g. because the task awaiting it is cancelled) leaves the inner task running;
// when it later finishes, its result is dropped (its exception marked as retrieved). Cancelling the
// inner task by other means cancels the outer future too.
import { CREATE_FUTURE_FRAME, asyncioFrame, asyncioFunction } from './future-repr.js';
import { Future } from './futures.js';
import { type Awaitable, ensureFuture } from './tasks.js';

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

  const innerDoneCallback = asyncioFunction(
    (done: Future<T>): void => {
      if (outer.cancelled()) {
        // Mark the inner result as retrieved.
        if (!done.cancelled()) done.exception();
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
      if (!inner.done()) inner.removeDoneCallback(innerDoneCallback);
    },
    'shield.<locals>._outer_done_callback',
    'tasks.py',
    908,
  );

  inner.addDoneCallback(innerDoneCallback);
  outer.addDoneCallback(outerDoneCallback);
  return outer;
}
