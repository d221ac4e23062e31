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

/** Where a coroutine made by hand with no generator of its own keeps one: it is never stepped. */
const NO_FRAME: Generator<never, never, unknown> = (function* () {})() as Generator<never, never, unknown>;

/**
 * sleep(d <= 0) (`await __sleep0(); return result`): a coroutine that suspends once, then returns
 * `result`. A task awaits sleep(0) once per step of a busy loop, so its body is written into the
 * coroutine itself rather than wrapped around a generator: one object per call instead of three
 * (a Coroutine, its generator, the frame of __sleep0), and no stack of running coroutines to keep,
 * since nothing runs inside it. Its states and errors are the Coroutine's.
 */
class SleepZero<T> extends Coroutine<T> {
  constructor(private readonly result: T) {
    super(NO_FRAME as Generator<never, T, unknown>, SLEEP_CODE);
  }

  override next(): IteratorResult<undefined, T> {
    const state = this.state;
    if (state === 'created') {
      this.state = 'suspended';
      this.line = SLEEP0_LINE;
      return YIELDED;
    }
    if (state === 'suspended') {
      this.state = 'closed';
      return this.result === undefined ? (RETURNED_NONE as IteratorResult<undefined, T>) : { value: this.result, done: true };
    }
    return super.next() as IteratorResult<undefined, T>;
  }

  /** Nothing in sleep catches: the exception ends it and goes on up, through its frames if it was waiting. */
  override throw(error: unknown): IteratorResult<undefined, T> {
    const waiting = this.state === 'suspended';
    if (this.state === 'created' || waiting) this.state = 'closed';
    else return super.throw(error) as IteratorResult<undefined, T>;
    if (waiting && error instanceof PyBaseException) error.frames.unshift(...SLEEP_ZERO_FRAMES);
    throw error;
  }

  override return(value: T): IteratorResult<undefined, T> {
    if (this.state === 'running') return super.return(value) as IteratorResult<undefined, T>;
    this.state = 'closed';
    return { value, done: true };
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
  if (delay <= 0) return new SleepZero(result) as Coroutine<T>;
  return new Coroutine(sleepOnTimer(delay, result), SLEEP_CODE) as Coroutine<T>;
}
