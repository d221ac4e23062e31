// concurrent.futures.Future (CPython's Lib/concurrent/futures/_base.py): a result handed between
// threads. Unlike asyncio's Future it has a RUNNING state, its result() blocks the calling thread
// (a generator here: `yield* fut.result()`), and done callbacks run at once in the thread that
// completes it.
import { stdlibFrame } from '../carets.js';
import { FuturesCancelledError, FuturesInvalidStateError, PyBaseException, RuntimeError, TimeoutError, excLine, formatException, isException, toPyException, type PyFrame } from '../exceptions.js';
import { pyAddress, repr } from '../repr.js';
import type { Kernel } from './kernel.js';
import { FUTURES_BASE_PY, WAIT_FRAMES } from './frames.js';
import type { Op } from './requests.js';
import { WaitQueue } from './wait-queue.js';

/** `Future.__get_result`, where result() re-raises the exception the future finished with. */
const GET_RESULT_FRAME: PyFrame = { file: FUTURES_BASE_PY, line: 401, name: '__get_result', text: 'raise self._exception' };

/** `error`, raised on the line of `frame` in the standard library (its traceback starts there). */
function raisedAt<E extends PyBaseException>(error: E, frame: PyFrame): E {
  error.frames.push(frame);
  return error;
}

export type ConcurrentState = 'PENDING' | 'RUNNING' | 'CANCELLED' | 'CANCELLED_AND_NOTIFIED' | 'FINISHED';

export type ConcurrentDoneCallback<T> = (future: ConcurrentFuture<T>) => unknown;

export class ConcurrentFuture<T = unknown> {
  /** Its serial id in the trace (the series of handles, futures and tasks). */
  readonly id: number;
  _state: ConcurrentState = 'PENDING';
  private value: T | undefined = undefined;
  private error: PyBaseException | undefined = undefined;
  private readonly callbacks: ConcurrentDoneCallback<T>[] = [];
  private readonly waiters: WaitQueue;

  constructor(
    private readonly kernel: Kernel,
    /** Where concurrent.futures' logger writes (stderr lines). */
    private readonly log: (lines: string[]) => void = () => {},
  ) {
    this.waiters = new WaitQueue(kernel);
    this.id = kernel.realm.nextSerial();
    const tracer = kernel.realm.tracer;
    if (tracer.enabled) tracer.emit({ type: 'concurrent_future_created', future: this.id });
  }

  /** Tells the trace its new state, where it is set (before its waiters wake and its callbacks run). */
  private traceState(state: 'RUNNING' | 'FINISHED' | 'CANCELLED'): void {
    const tracer = this.kernel.realm.tracer;
    if (!tracer.enabled) return;
    if (state !== 'FINISHED') tracer.emit({ type: 'concurrent_future_state', future: this.id, state });
    else if (this.error !== undefined) tracer.emit({ type: 'concurrent_future_state', future: this.id, state, exception: excLine(this.error) });
    else tracer.emit({ type: 'concurrent_future_state', future: this.id, state, result: repr(this.value) });
  }

  done(): boolean {
    return this._state === 'CANCELLED' || this._state === 'CANCELLED_AND_NOTIFIED' || this._state === 'FINISHED';
  }

  cancelled(): boolean {
    return this._state === 'CANCELLED' || this._state === 'CANCELLED_AND_NOTIFIED';
  }

  running(): boolean {
    return this._state === 'RUNNING';
  }

  /** `cancel()`: only a PENDING future can be cancelled. */
  cancel(): boolean {
    if (this._state === 'RUNNING' || this._state === 'FINISHED') return false;
    if (this.cancelled()) return true;
    this._state = 'CANCELLED';
    this.traceState('CANCELLED');
    this.waiters.notifyAll();
    this.invokeCallbacks();
    return true;
  }

  /** `set_running_or_notify_cancel()`: False if it was cancelled (the work must not run). */
  set_running_or_notify_cancel(): boolean {
    if (this._state === 'CANCELLED') {
      this._state = 'CANCELLED_AND_NOTIFIED';
      return false;
    }
    if (this._state === 'PENDING') {
      this._state = 'RUNNING';
      this.traceState('RUNNING');
      return true;
    }
    throw new RuntimeError('Future in unexpected state');
  }

  set_result(result: T): void {
    if (this.done()) throw this.invalidState(544, 'set_result');
    this.value = result;
    this._state = 'FINISHED';
    this.traceState('FINISHED');
    this.waiters.notifyAll();
    this.invokeCallbacks();
  }

  set_exception(exception: unknown): void {
    if (this.done()) throw this.invalidState(559, 'set_exception');
    this.error = toPyException(exception);
    this._state = 'FINISHED';
    this.traceState('FINISHED');
    this.waiters.notifyAll();
    this.invokeCallbacks();
  }

  /** `add_done_callback(fn)`: runs `fn(future)` now if done, else in the thread that completes it. */
  add_done_callback(fn: ConcurrentDoneCallback<T>): void {
    if (!this.done()) {
      this.callbacks.push(fn);
      return;
    }
    this.callOne(fn);
  }

  addDoneCallback(fn: ConcurrentDoneCallback<T>): void {
    this.add_done_callback(fn);
  }

  /** `result(timeout=None)`: `const r = yield* fut.result()`; blocks the calling thread until done. */
  *result(timeout: number | null = null): Op<T> {
    // _base.py raises on one line when the future was already done, on another after waiting.
    const waited = !this.done();
    yield* this.waitDone(timeout, 'future.result()', WAIT_FRAMES.futureResult(timeout));
    if (this.cancelled()) throw raisedAt(new FuturesCancelledError(), { file: FUTURES_BASE_PY, line: waited ? 454 : 447, name: 'result', text: 'raise CancelledError()' });
    if (this.error !== undefined) {
      // `return self.__get_result()` then `raise self._exception`: both frames go on the
      // exception's traceback, again at each result() call (re-raising it grows CPython's
      // traceback too; a second call's own caller frames are not added: checked for one call).
      this.error.frames.unshift(stdlibFrame(FUTURES_BASE_PY, waited ? 456 : 449, 'result', 'return self.__get_result()', 'self.__get_result()'), GET_RESULT_FRAME);
      throw this.error;
    }
    return this.value as T;
  }

  /** `exception(timeout=None)`: the exception it finished with, or null. */
  *exception(timeout: number | null = null): Op<PyBaseException | null> {
    const waited = !this.done();
    yield* this.waitDone(timeout, 'future.exception()', WAIT_FRAMES.futureException(timeout));
    if (this.cancelled()) throw raisedAt(new FuturesCancelledError(), { file: FUTURES_BASE_PY, line: waited ? 490 : 483, name: 'exception', text: 'raise CancelledError()' });
    return this.error ?? null;
  }

  private *waitDone(timeout: number | null, on: string, frames: PyFrame[]): Op<void> {
    if (this.done()) return;
    const deadline = timeout === null ? null : this.kernel.now + timeout;
    while (!this.done()) {
      const remaining = deadline === null ? null : deadline - this.kernel.now;
      if (remaining !== null && remaining <= 0) throw new TimeoutError();
      yield { kind: 'wait', queue: this.waiters, timeout: remaining, on, frames };
    }
  }

  /** What set_result/set_exception raise on a future that is already done, at their line of _base.py. */
  private invalidState(line: number, name: string): FuturesInvalidStateError {
    return raisedAt(new FuturesInvalidStateError(`${this._state}: ${this.__repr__()}`), { file: FUTURES_BASE_PY, line, name, text: "raise InvalidStateError('{}: {!r}'.format(self._state, self))" });
  }

  private invokeCallbacks(): void {
    for (const fn of this.callbacks.splice(0)) this.callOne(fn);
  }

  /** CPython logs and swallows an Exception raised by a done callback ("exception calling callback for ..."). */
  private callOne(fn: ConcurrentDoneCallback<T>): void {
    try {
      fn(this);
    } catch (error) {
      if (!isException(error)) throw error;
      this.log([`exception calling callback for ${this.__repr__()}`, ...formatException(toPyException(error))]);
    }
  }

  /** `<Future at 0x7f... state=pending>`, `state=finished returned str>`, `state=finished raised ValueError>`. */
  __repr__(): string {
    const state = this._state === 'CANCELLED_AND_NOTIFIED' ? 'cancelled' : this._state.toLowerCase();
    if (this._state === 'FINISHED') {
      if (this.error !== undefined) return `<Future at ${pyAddress(this)} state=finished raised ${this.error.pyName}>`;
      return `<Future at ${pyAddress(this)} state=finished returned ${pyTypeName(this.value)}>`;
    }
    return `<Future at ${pyAddress(this)} state=${state}>`;
  }
}

/** `type(value).__name__` for the values a simulated program hands around. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  const name = (value as { constructor?: { pyName?: string; name?: string } }).constructor;
  return name?.pyName ?? name?.name ?? 'object';
}
