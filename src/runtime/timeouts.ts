// asyncio.timeout / timeout_at and their Timeout context manager. Mirrors CPython's
// asyncio/timeouts.py (new in 3.11; 3.12's wait_for is built on it). The file is the same in 3.11
// and 3.12; 3.13 changed only __aexit__ (PythonBehaviour.timeoutExit), and 3.14 and 3.15 only its
// type annotations: the states, repr, reschedule, when, expired and the errors are the same on
// every version (test/oracle/process-cases/timeouts.py runs them on each).
//
// States: created -> active (entered) -> expiring (the deadline passed: the task was cancelled)
// -> expired (left with that cancellation turned into TimeoutError); or active -> finished.
// `async with` is written out by the caller: `t._enter()`, then `t._exit(error)` with the exception
// leaving the block (or null); `_exit` raises TimeoutError where `__aexit__` does.
import { CancelledError, type PyBaseException, RuntimeError, TimeoutError } from './exceptions.js';
import type { HandleLike } from './loop-types.js';
import { getRealm } from './realm.js';
import { floatRepr, formatFixed, pyFunction } from './repr.js';
import { currentTask, runningLoop } from './task-registry.js';
import type { Task } from './tasks.js';

type State = 'created' | 'active' | 'expiring' | 'expired' | 'finished';

export class Timeout {
  _state: State = 'created';
  _timeoutHandler: HandleLike | null = null;
  _task: Task<unknown> | null = null;
  /** The task's cancelling() count when the block was entered: cancellations from before are not ours. */
  private _cancelling = 0;
  /** The bound method `self._on_timeout` (a bound method has no source location in reprs). */
  private readonly onTimeout = pyFunction(() => this._onTimeout(), { name: 'Timeout._on_timeout' });

  constructor(private _when: number | null) {}

  /** The current deadline. */
  when(): number | null {
    return this._when;
  }

  reschedule(when: number | null): void {
    if (this._state !== 'active') {
      if (this._state === 'created') throw new RuntimeError('Timeout has not been entered');
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    this._when = when;
    if (this._timeoutHandler !== null) this._timeoutHandler.cancel();
    if (when === null) {
      this._timeoutHandler = null;
    } else {
      const loop = runningLoop();
      this._timeoutHandler = when <= loop.time() ? loop.callSoon(this.onTimeout) : loop.callAt(when, this.onTimeout);
    }
  }

  /** Did the deadline pass while the block ran? */
  expired(): boolean {
    return this._state === 'expiring' || this._state === 'expired';
  }

  __repr__(): string {
    // `round(self._when, 3)`: correctly rounded, halves to even, as '%.3f' rounds.
    const when = this._state === 'active' ? ` when=${this._when === null ? 'None' : floatRepr(Number(formatFixed(this._when, 3)))}` : '';
    return `<Timeout [${this._state}]${when}>`;
  }

  /** `__aenter__` (it never suspends). */
  _enter(): this {
    if (this._state !== 'created') throw new RuntimeError('Timeout has already been entered');
    const task = currentTask<Task<unknown>>();
    if (task === null) throw new RuntimeError('Timeout should be used inside a task');
    this._state = 'active';
    this._task = task;
    this._cancelling = task.cancelling();
    this.reschedule(this._when);
    return this;
  }

  /** `__aexit__(type(error), error, tb)`, `error` null when the block ended normally. */
  _exit(error: PyBaseException | null): void {
    if (this._timeoutHandler !== null) {
      this._timeoutHandler.cancel();
      this._timeoutHandler = null;
    }
    if (this._state === 'expiring') {
      this._state = 'expired';
      // Since there are no new cancel requests, the cancellation is ours: it becomes TimeoutError.
      if (this._task!.uncancel() <= this._cancelling && error !== null) {
        if (getRealm().python.timeoutExit === 'cancelled-exactly') {
          // 3.11, 3.12: `exc_type is exceptions.CancelledError`: a subclass passes unchanged.
          if (error.constructor === CancelledError) throw timeoutErrorFrom(error as CancelledError);
        } else {
          // 3.13+: `issubclass(exc_type, CancelledError)`; any other exception is marked.
          if (error instanceof CancelledError) throw timeoutErrorFrom(error);
          insertTimeoutError(error);
        }
      }
    } else if (this._state === 'active') {
      this._state = 'finished';
    }
  }

  private _onTimeout(): void {
    this._task!.cancel();
    this._state = 'expiring';
    // Drop the reference early.
    this._timeoutHandler = null;
  }
}

/** `raise TimeoutError from exc`: how a timeout's own cancellation leaves it (timeouts.py, and wait_for in 3.11's tasks.py). */
export function timeoutErrorFrom(cancelled: CancelledError): TimeoutError {
  const timeout = new TimeoutError();
  timeout.__cause__ = cancelled;
  timeout.__context__ = cancelled;
  timeout.__suppress_context__ = true;
  return timeout;
}

/**
 * 3.13's `_insert_timeout_error`: another exception left the block after the deadline passed; a
 * TimeoutError is inserted into its context chain just above the CancelledError it met. (3.13 does
 * the same for each exception of an ExceptionGroup; the runtime has no ExceptionGroup.)
 */
function insertTimeoutError(error: PyBaseException): void {
  let exc = error;
  while (exc.__context__ !== null) {
    if (exc.__context__ instanceof CancelledError) {
      const timeout = new TimeoutError();
      timeout.__context__ = exc.__context__;
      timeout.__cause__ = exc.__context__;
      exc.__context__ = timeout;
      break;
    }
    exc = exc.__context__;
  }
}

/** `asyncio.timeout(delay)`: a deadline `delay` seconds from now (null: none). */
export function timeout(delay: number | null): Timeout {
  const loop = runningLoop();
  return new Timeout(delay === null ? null : loop.time() + delay);
}

/** `asyncio.timeout_at(when)`: a deadline at loop time `when` (null: none). */
export function timeoutAt(when: number | null): Timeout {
  return new Timeout(when);
}
