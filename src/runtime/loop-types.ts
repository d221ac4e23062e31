// The part of the event loop that futures and tasks use (what CPython's futures.py and tasks.py
// call on `self._loop`). base-events.ts implements it; futures.ts and tasks.ts depend only on this,
// which keeps the import graph one-way: base-events -> futures/tasks -> loop-types.
import type { PyBaseException, PyFrame } from './exceptions.js';
import type { HeldContext } from './context.js';
import type { Realm } from './realm.js';

/** A callback's positional arguments (Python callbacks take positional args only). */
export type CallbackArgs = readonly unknown[];

/** What `call_exception_handler` receives (CPython's context dict). */
export interface ExceptionContext {
  message: string;
  exception?: PyBaseException;
  future?: unknown;
  task?: unknown;
  handle?: unknown;
  /** Where the object was created, in debug mode (`source_traceback`), outermost frame first. */
  source_traceback?: readonly PyFrame[];
  [key: string]: unknown;
}

/** A cancellable scheduled callback (Handle / TimerHandle). */
export interface HandleLike {
  cancel(): void;
  cancelled(): boolean;
}

/** A snapshot of a `contextvars.Context`: callbacks and task steps run inside one. */
export interface ContextLike {
  run<T>(fn: (...args: never[]) => T, ...args: unknown[]): T;
  /** `run` with the arguments as a list (no rest list gathered per call). */
  runWithArgs<T>(fn: (...args: never[]) => T, args: readonly unknown[]): T;
}

export interface CallSoonOptions {
  /** Run the callback in this context instead of a copy of the current one. */
  context?: ContextLike;
}

/** The event-loop surface futures and tasks rely on. */
export interface EventLoopLike {
  /** The loop's serial number in its realm (1, 2, ...), used in trace events. */
  readonly id: number;
  readonly realm: Realm;
  time(): number;
  callSoon(callback: (...args: never[]) => unknown, ...args: unknown[]): HandleLike;
  callSoonWithContext(callback: (...args: never[]) => unknown, args: CallbackArgs, options: CallSoonOptions): HandleLike;
  /** `callSoonWithContext` with the context as a HeldContext (its variables, or a Context). */
  _callSoonHeld(callback: (...args: never[]) => unknown, args: CallbackArgs, context: HeldContext | undefined): HandleLike;
  callLater(delay: number, callback: (...args: never[]) => unknown, ...args: unknown[]): HandleLike;
  callAt(when: number, callback: (...args: never[]) => unknown, ...args: unknown[]): HandleLike;
  getDebug(): boolean;
  isClosed(): boolean;
  isRunning(): boolean;
  /** See BaseEventLoop._runningLoopLost (3.13 only). */
  readonly _runningLoopLost?: boolean;
  callExceptionHandler(context: ExceptionContext): void;
}
