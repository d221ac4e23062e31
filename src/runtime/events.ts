// Handles and the running-loop registry. Mirrors CPython 3.11's asyncio/events.py (Handle,
// TimerHandle, get_running_loop / _get_running_loop / _set_running_loop); the policy functions of
// events.py live in policy.ts.
//
// A Handle is a callback with its arguments and the contextvars.Context it will run in. The loop
// calls `_run()`; that is the only place a scheduled callback is called. A callback that returns a
// generator blocks its thread (e.g. it calls time.sleep): `_run()` then hands back a Blocking
// generator the loop `yield*`s, stepped inside the same context and under the same exception rules.
import type { BaseEventLoop } from './base-events.js';
import type { Blocking, BlockingRequest } from './blocking.js';
import { Context, type HeldContext, contextOf, holdCurrentContext } from './context.js';
import { Coroutine } from './coroutines.js';
import { PyBaseException, type PyFrame, RuntimeError, isExitException, toPyException } from './exceptions.js';
import type { CallbackArgs, ContextLike, EventLoopLike, ExceptionContext, HandleLike } from './loop-types.js';
import { stdlibLocation } from './python-version.js';
import type { Realm } from './realm.js';
import { PY_STDLIB_DIR, floatRepr, formatCallback, formatCallbackIsFinal, formatCallbackSource } from './repr.js';

/** What a Handle needs from its loop. */
export interface HandleLoop extends EventLoopLike {
  /** `_timer_handle_cancelled`: counts cancelled timers still in the heap. */
  _timerHandleCancelled(handle: TimerHandle): void;
  /** The exception a Handle is reporting while the exception handler runs (errors raised there chain to it). */
  _handling: PyBaseException | null;
}

/** The frame `Handle._run` adds to tracebacks of exceptions raised by callbacks, as CPython 3.11 prints it. */
export const HANDLE_RUN_FRAME: PyFrame = {
  file: `${PY_STDLIB_DIR}/asyncio/events.py`,
  line: 80,
  name: '_run',
  text: 'self._context.run(self._callback, *self._args)',
};

type Callback = (...args: never[]) => unknown;

/** The arguments of a callback that takes none; never written to. */
const NO_ARGS: CallbackArgs = [];

/**
 * Runs `body` as if inside the standard library function of `frame`: an exception leaving it gets
 * that frame prepended, as CPython's traceback grows while unwinding. A frame whose carets depend on
 * the version is passed as a function and made only when an exception leaves.
 */
export function* throughFrame<Y, T>(frame: PyFrame | (() => PyFrame), body: { [Symbol.iterator](): Iterator<Y, T, unknown> }): Generator<Y, T, unknown> {
  try {
    return yield* body;
  } catch (error) {
    if (error instanceof PyBaseException) error.frames.unshift(typeof frame === 'function' ? frame() : frame);
    throw error;
  }
}

/** Adds the frame of a function a Python exception is passing through (once), as CPython's traceback grows while unwinding. */
export function prependFrame(error: unknown, frame: PyFrame): void {
  if (error instanceof PyBaseException && error.frames[0] !== frame) error.frames.unshift(frame);
}

function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Generator).next === 'function' &&
    typeof (value as Generator).throw === 'function' &&
    typeof (value as Generator)[Symbol.iterator] === 'function'
  );
}

export class Handle implements HandleLike {
  /** Serial number in the realm: the handle's id in trace events. */
  readonly id: number;
  _callback: Callback | null;
  _args: CallbackArgs | null;
  _cancelled = false;
  /**
   * Not in CPython: set once the loop has called the callback. Only the trace reads it, so that a
   * cancel() coming after the run (sleep() cancels its own timer in a `finally`) is not shown as
   * removing anything.
   */
  _ran = false;
  readonly _loop: HandleLoop;
  /**
   * The context the callback runs in: the one given (`context=`), or without one the current
   * context's variables when the handle was made, the copy to make when first needed (HeldContext).
   */
  private context: HeldContext;
  /** The trace label, once formatted, when it cannot change (see callbackLabel). */
  private _label: string | null = null;
  /**
   * CPython's `_source_traceback` and `_repr` slots, which only debug mode fills: kept aside, so
   * that every other handle (a pending timer, a task's step) is two fields smaller.
   */
  private debugSlots: { sourceTraceback: PyFrame[] | null; repr: string | null } | null = null;

  constructor(callback: Callback, args: CallbackArgs, loop: HandleLoop, context?: HeldContext) {
    this.id = loop.realm.nextSerial();
    this.context = context ?? holdCurrentContext();
    this._loop = loop;
    this._callback = callback;
    // Most callbacks take no arguments: those handles share one empty list (a pending timer is smaller).
    this._args = args.length === 0 ? NO_ARGS : args;
    if (loop.getDebug()) {
      const stack = loop.realm.extractStack?.();
      if (stack && stack.length > 0) this._sourceTraceback = stack;
    }
  }

  /** `handle._context`: the contextvars.Context the callback runs in. */
  get _context(): ContextLike {
    const held = this.context;
    if (held instanceof Context) return held;
    const context = contextOf(held);
    this.context = context;
    return context;
  }

  /** Where the handle was created (debug mode only, when the simulated program's stack is known). */
  get _sourceTraceback(): PyFrame[] | null {
    return this.debugSlots === null ? null : this.debugSlots.sourceTraceback;
  }
  set _sourceTraceback(stack: PyFrame[] | null) {
    (this.debugSlots ??= { sourceTraceback: null, repr: null }).sourceTraceback = stack;
  }

  /** Kept by cancel() in debug mode so the slow-callback warning can still show the callback. */
  get _repr(): string | null {
    return this.debugSlots === null ? null : this.debugSlots.repr;
  }
  set _repr(text: string | null) {
    (this.debugSlots ??= { sourceTraceback: null, repr: null }).repr = text;
  }

  /** The class name shown in reprs. */
  protected get className(): string {
    return 'Handle';
  }

  /** Whether reprs and error messages show the callback's arguments (3.13+: in debug mode only). */
  _showsArgs(): boolean {
    return this._loop.realm.python.handleArgsInRepr === 'always' || this._loop.getDebug();
  }

  _reprInfo(): string[] {
    const info = [this.className];
    if (this._cancelled) info.push('cancelled');
    if (this._callback !== null) info.push(formatCallbackSource(this._callback, this._args, this._showsArgs()));
    if (this._sourceTraceback) {
      const frame = this._sourceTraceback[this._sourceTraceback.length - 1]!;
      const shown = stdlibLocation(this._loop.realm.python, frame.file, frame.line);
      info.push(`created at ${shown.file}:${shown.line}`);
    }
    return info;
  }

  __repr__(): string {
    if (this._repr !== null) return this._repr;
    return `<${this._reprInfo().join(' ')}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  /** The callback as the trace shows it: `call_back(1, 2)`. */
  callbackLabel(): string {
    if (this._label !== null) return this._label;
    const label = formatCallback(this._callback, this._args, null);
    // handle_scheduled and handle_run both show the label. Formatting it twice is needed only when
    // it can change in between: e.g. an argument that is a pending future (its repr shows its state
    // and callbacks) or a list. A function's name and primitives' reprs stay, so then it is kept.
    if (formatCallbackIsFinal(this._callback, this._args)) this._label = label;
    return label;
  }

  cancel(): void {
    if (!this._cancelled) {
      this._cancelled = true;
      if (this._loop.getDebug()) {
        // Keep a representation with callback and arguments, for "Executing <Handle...> took 2.5 seconds".
        this._repr = this.__repr__();
      }
      this._callback = null;
      this._args = null;
      this._label = null;
      const tracer = this._loop.realm.tracer;
      if (tracer.enabled) {
        const ran = this._ran ? { ran: true as const } : {};
        tracer.send({ type: 'handle_cancelled', loop: this._loop.id, handle: this.id, ...ran, t: tracer.time(), thread: tracer.thread() });
      }
    }
  }

  cancelled(): boolean {
    return this._cancelled;
  }

  /**
   * Calls the callback in its context. Exceptions go to the loop's exception handler, except
   * KeyboardInterrupt and SystemExit, which propagate. Returns a Blocking generator when the
   * callback blocks its thread (the loop `yield*`s it), otherwise undefined.
   */
  _run(): Blocking<void> | undefined {
    this._ran = true;
    let result: unknown;
    try {
      result = this._context.runWithArgs(this._callback as Callback, this._args as unknown[]);
    } catch (error) {
      this.reportError(error);
      return undefined;
    }
    // A coroutine object returned by a callback is not run (CPython: "coroutine ... was never awaited").
    return isGenerator(result) && !(result instanceof Coroutine) ? this.runBlocking(result) : undefined;
  }

  /** Steps a blocking callback inside the handle's context, passing its blocking requests up. */
  private *runBlocking(gen: Generator<unknown, unknown, unknown>): Blocking<void> {
    let step: () => IteratorResult<unknown, unknown> = () => gen.next();
    for (;;) {
      let result: IteratorResult<unknown, unknown>;
      try {
        result = this._context.run(step);
      } catch (error) {
        this.reportError(error);
        return;
      }
      if (result.done) return;
      try {
        const sent: unknown = yield result.value as BlockingRequest;
        step = () => gen.next(sent);
      } catch (error) {
        step = () => gen.throw(error);
      }
    }
  }

  private reportError(error: unknown): void {
    if (isExitException(error)) {
      // KeyboardInterrupt / SystemExit go on up through _run_once, with this frame in their traceback.
      prependFrame(error, HANDLE_RUN_FRAME);
      throw error;
    }
    const exception = toPyException(error);
    // The exception passed through Handle._run on its way to the handler, so its traceback starts there.
    prependFrame(exception, HANDLE_RUN_FRAME);
    const context: ExceptionContext = {
      message: `Exception in callback ${formatCallbackSource(this._callback, this._args, this._showsArgs())}`,
      exception,
      handle: this,
    };
    if (this._sourceTraceback) context.source_traceback = this._sourceTraceback;
    const outer = this._loop._handling;
    this._loop._handling = exception;
    try {
      this._loop.callExceptionHandler(context);
    } finally {
      this._loop._handling = outer;
    }
  }
}

/**
 * What call_soon_threadsafe makes. 3.14 gave it a class of its own (`_ThreadSafeHandle`, which
 * takes a lock around cancel and run); the simulation runs one thread at a time, so only its repr
 * differs.
 */
export class ThreadSafeHandle extends Handle {
  protected override get className(): string {
    return this._loop.realm.python.threadsafeHandleClass;
  }
}

export class TimerHandle extends Handle {
  readonly _when: number;
  /** True while the handle is in its loop's heap. */
  _scheduled = false;

  constructor(when: number, callback: Callback, args: CallbackArgs, loop: HandleLoop, context?: HeldContext) {
    super(callback, args, loop, context);
    this._when = when;
  }

  protected override get className(): string {
    return 'TimerHandle';
  }

  override _reprInfo(): string[] {
    const info = super._reprInfo();
    info.splice(this._cancelled ? 2 : 1, 0, `when=${floatRepr(this._when)}`);
    return info;
  }

  override cancel(): void {
    if (!this._cancelled) this._loop._timerHandleCancelled(this);
    super.cancel();
  }

  /** The absolute deadline on the loop's clock. */
  when(): number {
    return this._when;
  }
}

// ── the running loop, per thread (events.py's _running_loop) ────────────────

const runningLoops = new WeakMap<Realm, WeakMap<object, BaseEventLoop>>();

function runningMap(realm: Realm): WeakMap<object, BaseEventLoop> {
  let map = runningLoops.get(realm);
  if (!map) {
    map = new WeakMap();
    runningLoops.set(realm, map);
  }
  return map;
}

/** `asyncio._get_running_loop()`: the loop running in the current thread, or null. */
export function _getRunningLoop(realm: Realm): BaseEventLoop | null {
  return runningMap(realm).get(realm.threads.currentThreadKey()) ?? null;
}

/** `asyncio._set_running_loop(loop)`. */
export function _setRunningLoop(realm: Realm, loop: BaseEventLoop | null): void {
  const key = realm.threads.currentThreadKey();
  if (loop === null) runningMap(realm).delete(key);
  else runningMap(realm).set(key, loop);
}

/** `asyncio.get_running_loop()`: RuntimeError('no running event loop') when none runs in this thread. */
export function getRunningLoopIn(realm: Realm): BaseEventLoop {
  const loop = _getRunningLoop(realm);
  if (loop === null) throw new RuntimeError('no running event loop');
  return loop;
}
