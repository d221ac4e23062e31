// asyncio.sleep. Mirrors `sleep` and `__sleep0` in CPython 3.11's asyncio/tasks.py.
//
// sleep(0) is a bare `yield`: the task gives up control for exactly one loop iteration (its next
// step goes to the end of the ready queue). sleep(d > 0) waits on a future that a TimerHandle
// resolves d seconds later with `_set_result_unless_cancelled`; if the sleep is cancelled, the
// timer is cancelled on the way out.
import { type Coroutine, asyncDef, setLine } from './coroutines.js';
import { ASYNCIO_DIR, CREATE_FUTURE_FRAME } from './future-repr.js';
import { Future, setResultUnlessCancelled } from './futures.js';
import { runningLoop } from './task-registry.js';

// Where CPython defines sleep() and where it stands while waiting (asyncio/tasks.py, 3.11).
const SLEEP_DEF_LINE = 637;
const SLEEP0_LINE = 640;
const SLEEP_CREATE_LINE = 644;
const SLEEP_AWAIT_LINE = 649;

const sleepDef = asyncDef(
  'sleep',
  function* (delay: number, result: unknown) {
    if (delay <= 0) {
      setLine(SLEEP0_LINE);
      yield; // __sleep0(): Task.__step reschedules itself with call_soon.
      return result;
    }
    return yield* sleepOnTimer(delay, result);
  },
  { file: `${ASYNCIO_DIR}/tasks.py`, line: SLEEP_DEF_LINE },
);

/**
 * The rest of sleep() for delay > 0, still inside sleep's coroutine (setLine moves sleep's line).
 * A generator of its own so that each sleep(0), a suspended generator per call, is not sized for
 * the registers of this part (about 80 bytes less per sleep(0)).
 */
function* sleepOnTimer(delay: number, result: unknown): Generator<unknown, unknown, unknown> {
  const loop = runningLoop();
  setLine(SLEEP_CREATE_LINE);
  const future = new Future<unknown>(loop, { label: `sleep(${delay})`, frames: [CREATE_FUTURE_FRAME] });
  const handle = loop.callLater(delay, setResultUnlessCancelled, future, result);
  setLine(SLEEP_AWAIT_LINE);
  try {
    return yield* future;
  } finally {
    handle.cancel();
  }
}

/** `await asyncio.sleep(delay, result)`: `const r = yield* sleep(1, 'x')`. */
export function sleep<T = undefined>(delay: number, result?: T): Coroutine<T> {
  return sleepDef(delay, result) as Coroutine<T>;
}
