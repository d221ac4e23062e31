// asyncio.gather. Mirrors `_GatheringFuture` and `gather` in CPython 3.11's asyncio/tasks.py, and
// 3.12's change (children already done are counted at once).
//
// The outer future's result lists the children's results in argument order, whatever order they
// finish in. Without return_exceptions the first child to fail (or be cancelled) fails the outer
// future at once, and the other children keep running. Cancelling the outer future cancels every
// child that is not done; the outer future then ends cancelled-by-exception (a CancelledError),
// even with return_exceptions.
import { CancelledError, type PyBaseException } from './exceptions.js';
import { CREATE_FUTURE_FRAME, asyncioFrame, asyncioFunction } from './future-repr.js';
import { Future } from './futures.js';
import type { EventLoopLike } from './loop-types.js';
import { getRealm } from './realm.js';
import { eventLoopForHelpers } from './task-registry.js';
import { type Awaitable, type EnsureFutureOptions, Task, ensureFuture } from './tasks.js';

/** The value an awaitable produces. */
export type AwaitedValue<A> = A extends Future<infer R> ? R : A extends { next(...args: never[]): IteratorResult<unknown, infer R> } ? R : never;

/** gather's result: one value per argument, in argument order (a tuple type for a tuple of arguments). */
export type GatherResults<A extends readonly unknown[]> = { -readonly [K in keyof A]: AwaitedValue<A[K]> };

/** With return_exceptions, any slot may hold the exception its child raised. */
export type GatherResultsOrErrors<A extends readonly unknown[]> = { -readonly [K in keyof A]: AwaitedValue<A[K]> | PyBaseException };

export interface GatherOptions {
  /** Treat exceptions like results: collect them in the result list instead of failing at the first. */
  returnExceptions?: boolean;
}

// Debug mode: gather's frames where it wraps an argument in a task and makes the outer future.
const GATHER_ENSURE_FRAMES = [asyncioFrame('tasks.py', 827, 'gather', 'fut = _ensure_future(arg, loop=loop)')];
const GATHERING_FUTURE_FRAMES = [
  asyncioFrame('tasks.py', 847, 'gather', 'outer = _GatheringFuture(children, loop=loop)'),
  asyncioFrame('tasks.py', 709, '__init__', 'super().__init__(loop=loop)'),
];

/** The future gather() returns: cancelling it cancels its children (like Task.cancel, not at once). */
export class GatheringFuture<T = unknown[]> extends Future<T> {
  static override pyName = '_GatheringFuture';

  _cancelRequested = false;

  constructor(
    readonly _children: Future<unknown>[],
    loop: EventLoopLike,
  ) {
    super(loop, { label: 'gather', frames: GATHERING_FUTURE_FRAMES });
  }

  override cancel(msg?: unknown): boolean {
    if (this.done()) return false;
    let ret = false;
    for (const child of this._children) {
      if (child.cancel(msg)) ret = true;
    }
    // If any child was actually cancelled, the cancellation propagates whatever
    // return_exceptions says (bpo-32684).
    if (ret) this._cancelRequested = true;
    return ret;
  }
}

function isGatherOptions(value: unknown): value is GatherOptions {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * `asyncio.gather(*aws, return_exceptions=False)`: `const [a, b] = yield* gather(x(), y())`;
 * options go last: `gather(x(), y(), { returnExceptions: true })`.
 */
export function gather<const A extends readonly Awaitable<unknown>[]>(...aws: A): GatheringFuture<GatherResults<A>>;
export function gather<const A extends readonly Awaitable<unknown>[]>(...args: [...A, GatherOptions]): GatheringFuture<GatherResultsOrErrors<A>>;
export function gather(...args: unknown[]): GatheringFuture<unknown[]> {
  const last = args[args.length - 1];
  const options: GatherOptions = isGatherOptions(last) ? last : {};
  const aws = (isGatherOptions(last) ? args.slice(0, -1) : args) as Awaitable<unknown>[];
  const returnExceptions = options.returnExceptions ?? false;

  if (aws.length === 0) {
    // CPython returns a plain, already finished Future here (its repr says <Future finished result=[]>).
    const outer = new Future<unknown[]>(eventLoopForHelpers(), { label: 'gather', frames: [asyncioFrame('tasks.py', 760, 'gather', 'outer = loop.create_future()'), CREATE_FUTURE_FRAME] });
    outer.setResult([]);
    return outer as GatheringFuture<unknown[]>;
  }

  const children: Future<unknown>[] = [];
  let nfuts = 0;
  let nfinished = 0;
  let outer: GatheringFuture<unknown[]> | null = null;

  const doneCallback = asyncioFunction(
    (fut: Future<unknown>): void => {
      nfinished += 1;
      if (outer === null || outer.done()) {
        // Mark the exception retrieved: nobody else will look at it.
        if (!fut.cancelled()) fut.exception();
        return;
      }
      if (!returnExceptions) {
        if (fut.cancelled()) {
          // A cancelled child fails the outer future with a CancelledError (it is not cancelled itself).
          outer.setException(fut._makeCancelledError());
          return;
        }
        const exc = fut.exception();
        if (exc !== null) {
          outer.setException(exc);
          return;
        }
      }
      if (nfinished === nfuts) {
        const results: unknown[] = [];
        for (const child of children) {
          if (child.cancelled()) {
            results.push(new CancelledError(child._cancelMessage === undefined ? '' : child._cancelMessage));
          } else {
            results.push(child.exception() ?? child.result());
          }
        }
        if (outer._cancelRequested) {
          // CPython's results loop rebinds `fut`, so the error comes from the last child in
          // argument order, not from the child that finished last.
          outer.setException(children[children.length - 1]!._makeCancelledError());
        } else {
          outer.setResult(results);
        }
      }
    },
    'gather.<locals>._done_callback',
    'tasks.py',
    764,
  );

  // `arg_to_fut`: an argument given twice is one child. A pending Future given as it is needs no
  // entry: it was seen before exactly when its last done callback is this call's (nothing else adds
  // callbacks while the arguments are gone through), and a map of a hundred thousand futures was
  // most of the cost of gathering them. Other arguments (coroutines, done futures) are mapped.
  let argToFut: Map<unknown, Future<unknown>> | undefined;
  const doneAtOnce = getRealm().python.gatherDoneChildrenAtOnce;
  const doneFuts: Future<unknown>[] = [];
  let loop: EventLoopLike | undefined;
  // The first argument decides the loop; the others are ensured on it (one options object for all).
  let ensureOptions: EnsureFutureOptions = { callerFrames: GATHER_ENSURE_FRAMES };
  for (const arg of aws) {
    const pendingFuture = arg instanceof Future && !arg.done();
    let fut = pendingFuture ? (arg._lastDoneCallback() === doneCallback ? arg : undefined) : argToFut?.get(arg);
    if (fut === undefined) {
      fut = ensureFuture(arg, ensureOptions);
      if (loop === undefined) {
        loop = fut.getLoop();
        ensureOptions = { loop, callerFrames: GATHER_ENSURE_FRAMES };
      }
      // A task made here for a coroutine: its caller cannot control it, so no "destroyed but pending" report.
      if (fut !== arg && fut instanceof Task) fut._logDestroyPending = false;
      nfuts += 1;
      if (!pendingFuture) (argToFut ??= new Map()).set(arg, fut);
      // 3.12+: a child already done is counted right after the outer future exists (below), not
      // through a done callback one loop iteration later; if all are done, gather is done at once.
      if (doneAtOnce && fut.done()) doneFuts.push(fut);
      else fut.addDoneCallback(doneCallback);
    }
    children.push(fut);
  }
  outer = new GatheringFuture(children, loop!);
  for (const fut of doneFuts) doneCallback(fut);
  return outer;
}
