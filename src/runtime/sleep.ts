// asyncio.sleep. Mirrors `sleep` and `__sleep0` in CPython 3.11's asyncio/tasks.py.
//
// sleep(0) is a bare `yield`: the task gives up control for exactly one loop iteration (its next
// step goes to the end of the ready queue). sleep(d > 0) waits on a future that a TimerHandle
// resolves d seconds later with `_set_result_unless_cancelled`; if the sleep is cancelled, the
// timer is cancelled on the way out.
import { stdlibFrame } from './carets.js';
import { Coroutine, coroutineCode, setLine } from './coroutines.js';
import { PyBaseException, type PyFrame } from './exceptions.js';
import { throughFrame } from './events.js';
import { ASYNCIO_DIR, CREATE_FUTURE_FRAME } from './future-repr.js';
import { Future, setResultUnlessCancelled } from './futures.js';
import { runningLoop } from './task-registry.js';

// Where CPython defines sleep() and where it stands while waiting (asyncio/tasks.py, 3.11).
const SLEEP_DEF_LINE = 637;
const SLEEP0_LINE = 640;
const SLEEP0_AWAIT_LINE = SLEEP0_LINE;
const SLEEP0_YIELD_LINE = 634;
const SLEEP_CREATE_LINE = 644;
const SLEEP_AWAIT_LINE = 649;

const TASKS_PY = `${ASYNCIO_DIR}/tasks.py`;
const SLEEP_CODE = coroutineCode('sleep', { file: TASKS_PY, line: SLEEP_DEF_LINE });
const sleepAwaitFrame = (): PyFrame => stdlibFrame(TASKS_PY, SLEEP_AWAIT_LINE, 'sleep', 'return await future', 'await future');
/** What a cancellation thrown into sleep(0) leaves through: `await __sleep0()`, then __sleep0's bare `yield`. */
const SLEEP_ZERO_FRAMES: readonly PyFrame[] = [
  { file: TASKS_PY, line: SLEEP0_AWAIT_LINE, name: 'sleep', text: 'await __sleep0()' },
  { file: TASKS_PY, line: SLEEP0_YIELD_LINE, name: '__sleep0', text: 'yield' },
];

/** What the bare `yield` of sleep(0) hands the task: shared, as nobody writes to it. */
const YIELDED: IteratorResult<undefined, never> = Object.freeze({ value: undefined, done: false });
/** sleep(0)'s return when there is no `result`: shared likewise. */
const RETURNED_NONE: IteratorResult<never, undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The body of sleep(d <= 0) (`await __sleep0(); return result`), written out as the generator it
 * would be: suspend once, then return `result`. A task awaits sleep(0) once per step of a busy
 * loop, and a generator object per call was most of what that step allocated. The Coroutine
 * wrapping it keeps the coroutine's protocol (state, running stack, reprs) as for any other.
 */
class SleepZeroFrame<T> implements Generator<undefined, T, unknown> {
  private state: 'created' | 'suspended' | 'done' = 'created';

  constructor(private readonly result: T) {}

  next(): IteratorResult<undefined, T> {
    if (this.state === 'created') {
      this.state = 'suspended';
      setLine(SLEEP0_LINE);
      return YIELDED;
    }
    if (this.state === 'suspended') {
      this.state = 'done';
      return this.result === undefined ? (RETURNED_NONE as IteratorResult<undefined, T>) : { value: this.result, done: true };
    }
    return RETURNED_NONE as IteratorResult<undefined, T>;
  }

  /** Nothing in sleep catches: the exception ends it and goes on up, through its frames if it was waiting. */
  throw(error: unknown): IteratorResult<undefined, T> {
    const waiting = this.state === 'suspended';
    this.state = 'done';
    if (waiting && error instanceof PyBaseException) error.frames.unshift(...SLEEP_ZERO_FRAMES);
    throw error;
  }

  return(value: T): IteratorResult<undefined, T> {
    this.state = 'done';
    return { value, done: true };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

/**
 * The rest of sleep() for delay > 0, inside sleep's coroutine (setLine moves sleep's line): a
 * future resolved by a timer, and the timer cancelled if the wait is.
 */
function* sleepOnTimer(delay: number, result: unknown): Generator<unknown, unknown, unknown> {
  const loop = runningLoop();
  setLine(SLEEP_CREATE_LINE);
  const future = new Future<unknown>(loop, { label: `sleep(${delay})`, frames: [CREATE_FUTURE_FRAME] });
  const handle = loop.callLater(delay, setResultUnlessCancelled, future, result);
  setLine(SLEEP_AWAIT_LINE);
  try {
    // A cancellation thrown into the sleeping task leaves through sleep's own frame.
    return yield* throughFrame(sleepAwaitFrame, future);
  } finally {
    handle.cancel();
  }
}

/** `await asyncio.sleep(delay, result)`: `const r = yield* sleep(1, 'x')`. */
export function sleep<T = undefined>(delay: number, result?: T): Coroutine<T> {
  // CPython tests `delay <= 0` once the coroutine runs; a JS comparison cannot raise, so testing it now is the same.
  const frame = delay <= 0 ? new SleepZeroFrame(result) : sleepOnTimer(delay, result);
  return new Coroutine(frame, SLEEP_CODE) as Coroutine<T>;
}
