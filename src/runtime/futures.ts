// asyncio.Future. Mirrors CPython 3.11's asyncio/futures.py; where the C accelerator
// (_asyncio.Future, what `asyncio.Future` really is) words a message differently, the C wording is
// used, because that is what learners see: `InvalidStateError('invalid state')`,
// `'Result is not set.'`.
//
// State machine (the whole of it):
//
//     PENDING ──set_result / set_exception──▶ FINISHED
//        └──────────────cancel──────────────▶ CANCELLED
//
// Leaving PENDING schedules every done callback, in registration order, with `loop.call_soon`
// (never calls it directly), then forgets them.
//
// `const r = yield* fut` is `r = await fut`: the iterator yields the future itself (flagged with
// `_asyncio_future_blocking`) so the Task stepping the coroutine can wait on it, then returns the
// result or raises. The iterator is the C one's (_asyncio), not futures.py's `__await__`.
import { type HeldContext, copyContext, holdCurrentContext } from './context.js';
import { CancelledError, InvalidStateError, RuntimeError, StopIteration, TypeError, ValueError, excLine } from './exceptions.js';
import type { PyBaseException, PyFrame } from './exceptions.js';
import { asyncioFunction, futureReprText } from './future-repr.js';
import { formatCallbackSource, pyFunctionInfo, repr } from './repr.js';
import type { ContextLike, EventLoopLike } from './loop-types.js';
import type { FutureState } from './trace.js';

/** A done callback: called with the future once it is done. */
export type DoneCallback<F> = (future: F) => unknown;

type CallbackFn = (...args: never[]) => unknown;

interface CallbackEntry {
  fn: CallbackFn;
  context: ContextLike;
}

export interface FutureOptions {
  /** A short label for the trace, e.g. 'sleep(0.5)'. Defaults to the class name. */
  label?: string;
  /**
   * Debug mode: CPython's own frames between the program's stack and where CPython captures it
   * (innermost last), e.g. `[CREATE_FUTURE_FRAME]` for a future made by `loop.create_future()`,
   * so `created at` names the same line as CPython's.
   */
  frames?: readonly PyFrame[];
}

/** `add_done_callback(fn)` without `context=`: shared, not a literal per call. */
const NO_OPTIONS: { context?: ContextLike } = Object.freeze({});

/** A future without done callbacks lists this (shared, never written). */
const NO_CALLBACKS: readonly CallbackFn[] = [];

/** The traceback of a future without an exception: shared, so a pending future allocates one list fewer. */
const NO_FRAMES: readonly PyFrame[] = [];

/**
 * Futures whose repr is being built right now, innermost last (reprlib.recursive_repr). Reprs
 * nest, so a stack a few deep does; a Set hashed every future the trace labels a callback with.
 */
const reprStack: object[] = [];

/** Per loop, the futures an exception was set on, until someone looks (see `unretrievedFutures`). */
const failedByLoop = new WeakMap<EventLoopLike, Set<Future<unknown>>>();

export class Future<T = unknown> {
  /** The Python class name shown in reprs. */
  static pyName = 'Future';

  _result: T | undefined = undefined;
  _exception: PyBaseException | null = null;
  /** The exception's traceback when it was set: result() raises it with this traceback again. */
  _exceptionTb: readonly PyFrame[] = NO_FRAMES;
  // The done callbacks, kept as the C accelerator keeps them (fut_callback0, fut_context0,
  // fut_callbacks): the first in two fields of the future, a list only from the second on, so a
  // future waited on once (most are) holds no entry and no list. `_callbackFunctions` lists them.
  private callback0: CallbackFn | null = null;
  private context0: HeldContext | null = null;
  /** The callbacks after the first, in registration order; null while there are none. */
  private callbacksRest: CallbackEntry[] | null = null;
  _cancelMessage: unknown = undefined;
  /** A saved CancelledError, chained as context of the one `result()` raises later. */
  _cancelledExc: CancelledError | null = null;
  /**
   * Set by the iterator right before yielding the future to a Task: `await fut` (correct) as
   * opposed to a bare `yield fut` (an error the Task reports). Its presence marks a Future-like.
   */
  _asyncio_future_blocking = false;
  /** Debug mode: the simulated Python stack where the future was created (`created at` in reprs). */
  _sourceTraceback: PyFrame[] | null = null;
  /** True while an exception is set and nobody has looked at it (result(), exception(), cancel()). */
  protected logTraceback = false;
  private finalized = false;
  /** Last of the initialized fields: a Task's own first fields, which every step reads too, follow it. */
  _state: FutureState = 'PENDING';

  readonly _loop: EventLoopLike;
  /** Serial id in the realm: how the trace refers to this future. */
  readonly id: number;

  constructor(loop: EventLoopLike, options: FutureOptions = {}) {
    this._loop = loop;
    this.id = loop.realm.nextSerial();
    if (loop.getDebug()) {
      const stack = loop.realm.extractStack?.();
      if (stack !== undefined && stack.length > 0) this._sourceTraceback = options.frames ? [...stack, ...options.frames] : stack;
    }
    loop.realm.onCreated?.(this);
    const tracer = loop.realm.tracer;
    if (tracer.enabled && this.traceKind() === 'Future') {
      const name = options.label ?? this.pyClassName;
      tracer.send({ type: 'future_created', loop: loop.id, future: this.id, kind: 'Future', name, t: tracer.time(), thread: tracer.thread() });
    }
  }

  /** 'Task' for tasks: they announce themselves once their name and coroutine are known. */
  protected traceKind(): 'Future' | 'Task' {
    return 'Future';
  }

  /**
   * True when this future's repr can no longer change, so a handle may keep a trace label showing
   * it (repr.ts formatCallbackIsFinal): done (a callback added now is scheduled, not listed), no
   * callback still listed (3.11 and 3.12 forget them only once all are scheduled), and cancelled or
   * with a result whose repr is fixed. Tasks say no: set_name changes their repr.
   */
  _reprIsFinal(): boolean {
    if (this.callback0 !== null || this.callbacksRest !== null) return false;
    if (this._state === 'CANCELLED') return true;
    if (this._state !== 'FINISHED' || this._exception !== null) return false;
    const result: unknown = this._result;
    return result === null || (typeof result !== 'object' && typeof result !== 'function');
  }

  get pyClassName(): string {
    return (this.constructor as typeof Future).pyName;
  }

  /** `future._log_traceback`: can only be set to false (marks the exception as retrieved). */
  get _log_traceback(): boolean {
    return this.logTraceback;
  }
  set _log_traceback(value: boolean) {
    if (value) throw new ValueError('_log_traceback can only be set to False');
    this.logTraceback = false;
  }

  getLoop(): EventLoopLike {
    return this._loop;
  }

  /**
   * The CancelledError that result()/exception() raise for a cancelled future. Call once per
   * cancellation handled: it hands over (and forgets) the saved exception.
   */
  _makeCancelledError(): CancelledError {
    if (this._cancelledExc !== null) {
      const saved = this._cancelledExc;
      this._cancelledExc = null;
      return saved;
    }
    return this._cancelMessage === undefined ? new CancelledError() : new CancelledError(this._cancelMessage);
  }

  /** Cancels the future and schedules its callbacks; false when it was already done. */
  cancel(msg?: unknown): boolean {
    this.logTraceback = false;
    if (this._state !== 'PENDING') return false;
    this._state = 'CANCELLED';
    this._cancelMessage = msg;
    this.traceState();
    this.scheduleCallbacks();
    return true;
  }

  /** The done callbacks' functions, in registration order (for reprs, which show only them). */
  _callbackFunctions(): readonly CallbackFn[] {
    const rest = this.callbacksRest;
    if (rest === null) return this.callback0 === null ? NO_CALLBACKS : [this.callback0];
    const fns = this.callback0 === null ? [] : [this.callback0];
    for (const entry of rest) fns.push(entry.fn);
    return fns;
  }

  /** The done callback added last and still registered, or null (gather tells its arguments apart by it). */
  _lastDoneCallback(): CallbackFn | null {
    const rest = this.callbacksRest;
    return rest === null ? this.callback0 : rest[rest.length - 1]!.fn;
  }

  /** `__schedule_callbacks`: every callback to the ready queue, in the order they were added. */
  private scheduleCallbacks(): void {
    const fn0 = this.callback0;
    const context0 = this.context0;
    const rest = this.callbacksRest;
    // Each version forgets them at its own moment, which the future's repr in the scheduled Handles
    // shows; whatever happens, all are forgotten at the end (if call_soon fails, on a closed loop,
    // the others are dropped too).
    const before = this._loop.realm.python.futureForgetsCallbacks === 'before';
    try {
      if (fn0 !== null) {
        if (before) this.callback0 = this.context0 = null;
        this._loop._callSoonHeld(fn0, [this], context0!);
        this.callback0 = this.context0 = null;
      }
      if (rest === null) return;
      if (before) this.callbacksRest = null;
      // An entry carries its `context`, so it serves as call_soon's options (no literal per callback).
      for (const entry of rest) {
        this._loop.callSoonWithContext(entry.fn, [this], entry);
      }
    } finally {
      this.callback0 = null;
      this.context0 = null;
      this.callbacksRest = null;
    }
  }

  cancelled(): boolean {
    return this._state === 'CANCELLED';
  }

  done(): boolean {
    return this._state !== 'PENDING';
  }

  /** The result; raises the exception set, CancelledError, or InvalidStateError while pending. */
  result(): T {
    if (this._state === 'CANCELLED') throw this._makeCancelledError();
    if (this._state !== 'FINISHED') throw new InvalidStateError('Result is not set.');
    this.logTraceback = false;
    if (this._exception !== null) {
      // raise self._exception.with_traceback(self._exception_tb): frames added while it propagated
      // from an earlier result() call are dropped.
      this._exception.frames = [...this._exceptionTb];
      throw this._exception;
    }
    return this._result as T;
  }

  /** The exception set (null if a result was set); raises CancelledError or InvalidStateError. */
  exception(): PyBaseException | null {
    if (this._state === 'CANCELLED') throw this._makeCancelledError();
    if (this._state !== 'FINISHED') throw new InvalidStateError('Exception is not set.');
    this.logTraceback = false;
    return this._exception;
  }

  /** Runs `fn(future)` (through call_soon) when done; at once (still through call_soon) if already done. */
  addDoneCallback(fn: DoneCallback<this>, options: { context?: ContextLike } = NO_OPTIONS): void {
    const callback = fn as (...args: never[]) => unknown;
    if (this._state !== 'PENDING') {
      this._loop.callSoonWithContext(callback, [this], { context: options.context });
    } else {
      // The context is copied now, when the callback is added, not when it is scheduled (the
      // first callback's copy is held as variables until then: see HeldContext).
      if (this.callback0 === null && this.callbacksRest === null) {
        this.callback0 = callback;
        this.context0 = options.context ?? holdCurrentContext();
      } else {
        const entry = { fn: callback, context: options.context ?? copyContext() };
        if (this.callbacksRest === null) this.callbacksRest = [entry];
        else this.callbacksRest.push(entry);
      }
      if (!isTaskWakeup(callback)) this.traceCallbacks();
    }
  }

  /**
   * Tells the trace the done callbacks a pending future holds, as its repr's `cb=[...]` names them,
   * when one other than a task's wakeup is added or removed: a task awaiting the future is told by
   * its `task_wait` already, and one more event per await would double the cost of tracing them.
   */
  private traceCallbacks(): void {
    const tracer = this._loop.realm.tracer;
    if (!tracer.enabled) return;
    // As the repr's cb=[...] shows them (future-repr.ts): a partial's arguments only up to 3.12.
    const showArgs = this._loop.realm.python.handleArgsInRepr === 'always';
    const callbacks = this._callbackFunctions().filter((fn) => !isTaskWakeup(fn)).map((fn) => formatCallbackSource(fn, null, showArgs));
    tracer.send({ type: 'future_callbacks', loop: this._loop.id, future: this.id, callbacks, t: tracer.time(), thread: tracer.thread() });
  }

  /** Removes every registration of `fn`; returns how many were removed. */
  removeDoneCallback(fn: DoneCallback<this>): number {
    let removed = 0;
    if (this.callback0 !== null && this.callback0 === (fn as unknown)) {
      this.callback0 = null;
      this.context0 = null;
      removed += 1;
    }
    if (this.callbacksRest !== null) {
      const kept = this.callbacksRest.filter((entry) => entry.fn !== (fn as unknown));
      removed += this.callbacksRest.length - kept.length;
      // As in C, an emptied list goes: the next callback added may take the first place again.
      this.callbacksRest = kept.length === 0 ? null : kept;
    }
    if (removed > 0 && !isTaskWakeup(fn)) this.traceCallbacks();
    return removed;
  }

  setResult(result: T): void {
    if (this._state !== 'PENDING') throw new InvalidStateError('invalid state');
    this._result = result;
    this._state = 'FINISHED';
    this.traceState();
    this.scheduleCallbacks();
  }

  setException(exception: PyBaseException): void {
    if (this._state !== 'PENDING') throw new InvalidStateError('invalid state');
    if (exception.constructor === StopIteration) {
      throw new TypeError('StopIteration interacts badly with generators and cannot be raised into a Future');
    }
    this._exception = exception;
    this._exceptionTb = [...exception.frames];
    this._state = 'FINISHED';
    this.traceState();
    this.scheduleCallbacks();
    this.logTraceback = true;
    let failed = failedByLoop.get(this._loop);
    if (failed === undefined) failedByLoop.set(this._loop, (failed = new Set()));
    failed.add(this as Future<unknown>);
  }

  /** `await future`: yields the future while pending, then returns its result (or raises). */
  /**
   * `await fut`, as the C future iterator (`FutureIter_am_send`) does it, which differs from
   * futures.py's `__await__`: each resumption of a pending future yields it again if no one is
   * blocked on it, and raises at once if its blocking flag is still set. So a task that awaited
   * itself (the flag stays set: Task.__step refuses it without clearing it) makes every later
   * `await` of it raise "await wasn't used with future", as on CPython.
   */
  *[Symbol.iterator](): Generator<Future<T>, T, unknown> {
    while (!this.done()) {
      if (this._asyncio_future_blocking) throw new RuntimeError("await wasn't used with future");
      this._asyncio_future_blocking = true;
      yield this; // This tells the Task to wait for completion.
    }
    return this.result();
  }

  /**
   * CPython reports an exception nobody retrieved from `Future.__del__`, when the future is garbage
   * collected. The simulation has no garbage collector, so whoever knows the future is gone (the
   * simulated process at exit, or a lesson at the moment CPython would collect it) calls this. It
   * calls the loop's exception handler with CPython's context, at most once per future, and only
   * while the exception is still unretrieved.
   */
  reportIfUnretrieved(): boolean {
    if (!this.logTraceback || this.finalized) return false;
    this.finalized = true;
    this.logTraceback = false;
    this._loop.callExceptionHandler({
      message: `${this.pyClassName} exception was never retrieved`,
      exception: this._exception ?? undefined,
      future: this,
      ...(this._sourceTraceback ? { source_traceback: this._sourceTraceback } : {}),
    });
    return true;
  }

  /** Everything `__del__` reports (for a Future: the unretrieved exception). */
  finalize(): void {
    this.reportIfUnretrieved();
  }

  /** What the repr shows between the class name and `>` (`_repr_info()` joined). */
  protected reprText(): string {
    return futureReprText(this);
  }

  __repr__(): string {
    // reprlib.recursive_repr: a future that shows up inside its own repr prints as '...'.
    if (reprStack.includes(this)) return '...';
    reprStack.push(this);
    try {
      return `<${this.pyClassName} ${this.reprText()}>`;
    } finally {
      reprStack.pop();
    }
  }

  toString(): string {
    return this.__repr__();
  }

  protected traceState(): void {
    const tracer = this._loop.realm.tracer;
    if (!tracer.enabled) return;
    // Built stamped (Tracer.send), one literal per set of fields: no property added afterwards.
    const loop = this._loop.id;
    const future = this.id;
    const state = this._state;
    if (state === 'FINISHED') {
      if (this._exception !== null) {
        const exception = excLine(this._exception);
        tracer.send({ type: 'future_state', loop, future, state, exception, t: tracer.time(), thread: tracer.thread() });
      } else {
        const result = repr(this._result);
        tracer.send({ type: 'future_state', loop, future, state, result, t: tracer.time(), thread: tracer.thread() });
      }
    } else if (state === 'CANCELLED' && this._cancelMessage !== undefined) {
      const exception = `CancelledError: ${String(this._cancelMessage)}`;
      tracer.send({ type: 'future_state', loop, future, state, exception, t: tracer.time(), thread: tracer.thread() });
    } else {
      tracer.send({ type: 'future_state', loop, future, state, t: tracer.time(), thread: tracer.thread() });
    }
  }
}

/** A task's `task_wakeup`, the done callback `await` adds (tasks.ts names it so). */
function isTaskWakeup(fn: unknown): boolean {
  return pyFunctionInfo(fn)?.name === 'Task.task_wakeup';
}

/** `isfuture(obj)`: a Future, or anything advertising itself as one (`_asyncio_future_blocking`). */
export function isFuture(value: unknown): value is Future<unknown> {
  return value instanceof Future || (typeof value === 'object' && value !== null && typeof (value as { _asyncio_future_blocking?: unknown })._asyncio_future_blocking === 'boolean');
}

/** `futures._set_result_unless_cancelled(fut, result)`: the callback `sleep()` schedules. */
export const setResultUnlessCancelled = asyncioFunction(
  (fut: Future<unknown>, result: unknown): void => {
    if (fut.cancelled()) return;
    fut.setResult(result);
  },
  '_set_result_unless_cancelled',
  'futures.py',
  311,
);

/**
 * The futures and tasks of `loop` whose exception nobody has retrieved yet, in the order they
 * failed: what CPython would report as "... exception was never retrieved" when collecting them.
 * The simulated process calls `reportIfUnretrieved()` on them when it decides they are collected.
 */
export function unretrievedFutures(loop: EventLoopLike): Future<unknown>[] {
  const failed = failedByLoop.get(loop);
  if (failed === undefined) return [];
  const result: Future<unknown>[] = [];
  for (const future of failed) {
    if (future._log_traceback) result.push(future);
    else failed.delete(future);
  }
  return result;
}
