// asyncio.wait. Mirrors `wait`, `_wait` and `_release_waiter` in CPython 3.11's asyncio/tasks.py.
//
// wait() never raises TimeoutError: it returns [done, pending] when the condition holds or the
// timeout expires. It waits on a private future ("waiter") that the first qualifying completion,
// or the timeout's TimerHandle, resolves; it does not cancel anything.
//
// Ordering: Python turns `fs` into a set and returns sets, and sets of tasks iterate in hash order
// (by address), which varies from run to run. Here the Sets keep the order in which the futures
// were given (first occurrence), which is one of the orders CPython may show.
import { type Coroutine, asyncDef, isCoroutine, setLine } from './coroutines.js';
import { TypeError, ValueError } from './exceptions.js';
import { ASYNCIO_DIR, CREATE_FUTURE_FRAME, asyncioFunction } from './future-repr.js';
import { Future, isFuture } from './futures.js';
import type { EventLoopLike, HandleLike } from './loop-types.js';
import { runningLoop } from './task-registry.js';
import { tuple } from './repr.js';

export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

export interface WaitOptions {
  /** Seconds; null/undefined waits as long as it takes. */
  timeout?: number | null;
  returnWhen?: ReturnWhen;
}

const TASKS_PY = `${ASYNCIO_DIR}/tasks.py`;

/** `_release_waiter(waiter, *args)`: the timeout's callback (and wait_for's done callback). */
export const releaseWaiter = asyncioFunction(
  (waiter: Future<unknown>, ..._args: unknown[]): void => {
    if (!waiter.done()) waiter.setResult(null);
  },
  '_release_waiter',
  'tasks.py',
  431,
);

function pyTypeName(value: unknown): string {
  if (isFuture(value)) return (value as Future<unknown>).pyClassName;
  return isCoroutine(value) ? 'coroutine' : typeof value;
}

const waitInner = asyncDef(
  '_wait',
  function* <T>(fs: Set<Future<T>>, timeout: number | null, returnWhen: ReturnWhen, loop: EventLoopLike) {
    setLine(513);
    const waiter = new Future<unknown>(loop, { label: 'wait', frames: [CREATE_FUTURE_FRAME] });
    let timeoutHandle: HandleLike | null = null;
    if (timeout !== null) timeoutHandle = loop.callLater(timeout, releaseWaiter, waiter);
    let counter = fs.size;

    const onCompletion = asyncioFunction(
      (f: Future<T>): void => {
        counter -= 1;
        if (counter <= 0 || returnWhen === FIRST_COMPLETED || (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)) {
          timeoutHandle?.cancel();
          if (!waiter.done()) waiter.setResult(null);
        }
      },
      '_wait.<locals>._on_completion',
      'tasks.py',
      519,
    );

    for (const f of fs) f.addDoneCallback(onCompletion);
    setLine(535);
    try {
      yield* waiter;
    } finally {
      timeoutHandle?.cancel();
      for (const f of fs) f.removeDoneCallback(onCompletion);
    }
    const done = new Set<Future<T>>();
    const pending = new Set<Future<T>>();
    for (const f of fs) (f.done() ? done : pending).add(f);
    // `return done, pending`: a tuple, as its repr shows (a task's result, in the trace).
    return tuple(done, pending) as [Set<Future<T>>, Set<Future<T>>];
  },
  { file: TASKS_PY, line: 507 },
);

const waitOuter = asyncDef(
  'wait',
  function* <T>(fs: Iterable<Future<T>>, timeout: number | null, returnWhen: ReturnWhen) {
    if (isFuture(fs) || isCoroutine(fs)) throw new TypeError(`expect a list of futures, not ${pyTypeName(fs)}`);
    const unique = new Set(fs);
    if (unique.size === 0) throw new ValueError('Set of Tasks/Futures is empty.');
    if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
      throw new ValueError(`Invalid return_when value: ${String(returnWhen)}`);
    }
    for (const f of unique) {
      if (isCoroutine(f)) throw new TypeError('Passing coroutines is forbidden, use tasks explicitly.');
    }
    const loop = runningLoop();
    setLine(428);
    return yield* waitInner(unique, timeout, returnWhen, loop);
  },
  { file: TASKS_PY, line: 399 },
);

/**
 * `done, pending = await asyncio.wait(fs, timeout=, return_when=)`:
 * `const [done, pending] = yield* wait(tasks, { timeout: 2, returnWhen: FIRST_COMPLETED })`.
 */
export function wait<T>(fs: Iterable<Future<T>>, options: WaitOptions = {}): Coroutine<[Set<Future<T>>, Set<Future<T>>]> {
  return waitOuter(fs, options.timeout ?? null, options.returnWhen ?? ALL_COMPLETED) as Coroutine<[Set<Future<T>>, Set<Future<T>>]>;
}
