// The event loop. Mirrors CPython 3.11's asyncio/base_events.py (BaseEventLoop), with the selector
// wait of selector_events.py reduced to its self-pipe: the simulation has no sockets, only timers,
// ready callbacks and wake-ups from other threads (call_soon_threadsafe).
//
// State (the same few fields as CPython's):
//   _ready       deque of Handles to run in the next iteration, FIFO
//   _scheduled   heap of TimerHandles ordered by deadline (heapq.ts, CPython's sift algorithm)
//   _stopping    set by stop(): the current iteration is the last one of this run_forever()
//   _threadKey   the thread running the loop, null when not running (CPython's _thread_id)
//   _closed      set by close(), forever
// Invariant: a TimerHandle is in _scheduled exactly when its `_scheduled` flag is true, and
// _timerCancelledCount counts the cancelled ones among them.
//
// `runOnce()` is `_run_once`, a generator because its selector wait blocks the loop's thread. The
// synchronous `runForever()` / `runUntilComplete()` drive that generator on the standalone driver
// (virtual time, one thread); `loop.blocking.*` are the same runs as generators, for simulated
// threads. There is one algorithm underneath both.
import type { Blocking, SelectRequest, SelectResult, StandaloneOptions } from './blocking.js';
import { driveStandalone } from './blocking.js';
import { stdlibFrame } from './carets.js';
import { LINUX_CLOCK_RESOLUTION } from './clock.js';
import type { HeldContext } from './context.js';
import { Coroutine, isCoroutine, type CoroutineLike } from './coroutines.js';
import { HANDLE_RUN_FRAME, Handle, type HandleLoop, ThreadSafeHandle, TimerHandle, _getRunningLoop, _setRunningLoop, prependFrame } from './events.js';
import { type PyBaseException, type PyFrame, RuntimeError, TypeError, ValueError, excLine, formatException, formatFrames, isExitException, toPyException } from './exceptions.js';
import { RUN_UNTIL_COMPLETE_TASK_FRAMES, asyncioFunction } from './future-repr.js';
import { Future, isFuture } from './futures.js';
import { Deque } from './deque.js';
import { KeyedHeap } from './heapq.js';
import type { CallSoonOptions, CallbackArgs, EventLoopLike, ExceptionContext } from './loop-types.js';
import { type Realm, getRealm } from './realm.js';
import { PY_STDLIB_DIR, formatFixed, pyFunction, pyFunctionInfo, repr } from './repr.js';
import { Task, type TaskOptions } from './tasks.js';
import type { TraceEvent } from './trace.js';

/** Minimum number of scheduled timers before cancelled ones are cleaned out of the heap. */
export const MIN_SCHEDULED_TIMER_HANDLES = 100;
/** ...and the fraction of them that must be cancelled. */
export const MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;
/** Maximum timeout passed to select, to avoid OS limitations. */
export const MAXIMUM_SELECT_TIMEOUT = 24 * 3600;
/** `time.get_clock_info('monotonic').resolution` on Linux: due timers are those within it of now. */
export const CLOCK_RESOLUTION = LINUX_CLOCK_RESOLUTION;

type Callback = (...args: never[]) => unknown;

/** The options of call_soon and friends without `context=`: one shared (never written) object rather than a literal per call. */
const NO_OPTIONS: CallSoonOptions = Object.freeze({});

/** `loop.set_exception_handler(handler)`: called as `handler(loop, context)`. */
export type ExceptionHandler = (loop: BaseEventLoop, context: ExceptionContext) => void;

export interface EventLoopOptions {
  /** The realm (simulated process) the loop lives in; default: the current realm. */
  realm?: Realm;
  /** Debug mode; default: the realm's `debug` (python -X dev). */
  debug?: boolean;
  /** The class name shown in the loop's repr. */
  className?: string;
}

/** `_run_until_complete_cb(fut)`: the done callback run_until_complete adds; it stops the loop. */
export const runUntilCompleteCb = asyncioFunction(
  (fut: Future<unknown>): void => {
    if (!fut.cancelled()) {
      const exc = fut.exception();
      // run_forever() already finished: KeyboardInterrupt / SystemExit went through it.
      if (isExitException(exc)) return;
    }
    (fut.getLoop() as BaseEventLoop).stop();
  },
  '_run_until_complete_cb',
  'base_events.py',
  180,
);

// Frames of base_events.py (CPython 3.11.7) that an exception escaping the loop (KeyboardInterrupt,
// SystemExit) carries in its traceback. The selector wait's own frames (_run_once's select line and
// selectors.py) belong to whoever delivers the interrupt there (the kernel, or driveStandalone).
const BASE_EVENTS_PY = `${PY_STDLIB_DIR}/asyncio/base_events.py`;
export const RUN_UNTIL_COMPLETE_FRAME: PyFrame = { file: BASE_EVENTS_PY, line: 640, name: 'run_until_complete', text: 'self.run_forever()' };
export const RUN_FOREVER_FRAME: PyFrame = { file: BASE_EVENTS_PY, line: 607, name: 'run_forever', text: 'self._run_once()' };
/** `handle._run()` in _run_once: line 1914 in the debug branch, 1922 otherwise. */
export const RUN_ONCE_HANDLE_FRAMES: { debug: PyFrame; normal: PyFrame } = {
  debug: { file: BASE_EVENTS_PY, line: 1914, name: '_run_once', text: 'handle._run()' },
  normal: { file: BASE_EVENTS_PY, line: 1922, name: '_run_once', text: 'handle._run()' },
};

// The same frames as a stack extracted inside them shows them (debug mode's `Object created at`);
// only debug mode extracts stacks, so only its handle runs enter `_run_once` and Handle._run.
const RUN_UNTIL_COMPLETE_FRAMES = [RUN_UNTIL_COMPLETE_FRAME];
const RUN_FOREVER_FRAMES = [RUN_FOREVER_FRAME];
const RUN_HANDLE_FRAMES = [RUN_ONCE_HANDLE_FRAMES.debug, HANDLE_RUN_FRAME];

/** The frame `call_exception_handler` adds to the traceback of an error raised by a custom handler (CPython 3.11). */
export const CALL_EXCEPTION_HANDLER_FRAME: PyFrame = {
  file: `${PY_STDLIB_DIR}/asyncio/base_events.py`,
  line: 1808,
  name: 'call_exception_handler',
  text: 'self._exception_handler(self, context)',
};

/** Writes what `logging`'s last-resort handler writes for `logger.error(msg, exc_info=exc)`: the message, then the traceback. */
export function logToStderr(realm: Realm, message: string, exception?: unknown): void {
  const lines = message.split('\n');
  if (exception !== undefined && exception !== null) lines.push(...formatException(toPyException(exception)));
  for (const line of lines) realm.writeLine('stderr', line);
}

export class BaseEventLoop implements EventLoopLike, HandleLoop {
  readonly id: number;
  readonly realm: Realm;
  readonly className: string;

  _timerCancelledCount = 0;
  _closed = false;
  _stopping = false;
  readonly _ready = new Deque<Handle>();
  /** The timer heap, keyed by deadline (`TimerHandle.__lt__` compares `when` only). */
  readonly _scheduled = new KeyedHeap<TimerHandle>();
  _threadKey: object | null = null;
  /** `time.get_clock_info('monotonic').resolution` of the realm's clock (1 ns; 15.625 ms on a coarse clock). */
  _clockResolution: number;
  _exceptionHandler: ExceptionHandler | null = null;
  _debug: boolean;
  /** Debug mode logs callbacks that run at least this long (seconds). */
  slowCallbackDuration = 0.1;
  _currentHandle: Handle | null = null;
  /**
   * The handle whose callback runs now, in every mode (CPython keeps `_current_handle` in debug
   * mode only; this one is for views: `snapshot.ts`).
   */
  _runningHandle: Handle | null = null;
  /**
   * Where this iteration's batch ends in the ready queue, as a `_ready.popped` count: from the end
   * of the selector wait, every handle ahead of it runs in this iteration (`ntodo` in `_run_once`),
   * and what is appended behind it waits for the next. Equal to `_ready.popped` outside a batch.
   */
  _batchEnd = 0;
  /** The exception Handle._run is handling while it calls the exception handler (for implicit chaining). */
  _handling: PyBaseException | null = null;
  private selfPipe = false;
  private iterations = 0;

  /** The generator forms of the runs, for simulated threads: `yield* loop.blocking.runForever()`. */
  readonly blocking = {
    runForever: (): Blocking<void> => this.runForeverBlocking(),
    runUntilComplete: <T>(future: Future<T> | CoroutineLike<T>): Blocking<T> => this.runUntilCompleteBlocking(future),
  };

  constructor(options: EventLoopOptions = {}) {
    this.realm = options.realm ?? getRealm();
    this.id = this.realm.nextLoopId();
    this.className = options.className ?? '_UnixSelectorEventLoop';
    this._debug = options.debug ?? this.realm.debug;
    this._clockResolution = this.realm.clock.resolution;
    this.realm.onCreated?.(this);
    const tracer = this.realm.tracer;
    if (tracer.enabled) tracer.emit({ type: 'loop_created', loop: this.id, debug: this._debug, timeOrigin: this.realm.clock.origin });
    this.realm.onLoopCreated?.(this);
  }

  __repr__(): string {
    const py = (b: boolean) => (b ? 'True' : 'False');
    return `<${this.className} running=${py(this.isRunning())} closed=${py(this.isClosed())} debug=${py(this.getDebug())}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  // ── futures and tasks ───────────────────────────────────────────────────────

  /** `loop.create_future()`. */
  createFuture<T = unknown>(): Future<T> {
    return new Future<T>(this);
  }

  /** `loop.create_task(coro, name=None, context=None)`. */
  createTask<T>(coro: CoroutineLike<T>, options: TaskOptions = {}): Task<T> {
    this._checkClosed();
    return new Task<T>(coro, this, options);
  }

  // ── running and stopping ────────────────────────────────────────────────────

  _checkClosed(): void {
    if (this._closed) throw new RuntimeError('Event loop is closed');
  }

  /**
   * True while a run_forever goes on after 3.13's clean-up unset the running loop under it: code it
   * runs meets `RuntimeError('no running event loop')`, as on CPython 3.13.2.
   */
  _runningLoopLost = false;

  /** How many run_forever calls of this loop are on the stack (more than one only after 3.13's refusal clean-up). */
  private _runDepth = 0;

  _checkRunning(): void {
    if (this.isRunning()) throw new RuntimeError('This event loop is already running');
    if (_getRunningLoop(this.realm) !== null) throw new RuntimeError('Cannot run the event loop while another loop is running');
  }

  /** `loop.run_forever()` on the standalone driver (virtual time, one thread). */
  runForever(options?: StandaloneOptions): void {
    driveStandalone(this.runForeverBlocking(), { realm: this.realm, ...options });
  }

  /** `loop.run_until_complete(future)` on the standalone driver; a coroutine is wrapped in a Task. */
  runUntilComplete<T>(future: Future<T> | CoroutineLike<T>, options?: StandaloneOptions): T {
    return driveStandalone(this.runUntilCompleteBlocking(future), { realm: this.realm, ...options });
  }

  private *runForeverBlocking(): Blocking<void> {
    try {
      this._checkClosed();
      this._checkRunning();
    } catch (error) {
      if (this.realm.python.runForeverCleanupOnRefusal) {
        // 3.13's run_forever calls _run_forever_setup inside its try: when the setup refuses (a
        // loop already running), the finally's clean-up still runs, and the running loop is unset.
        this._stopping = false;
        this._threadKey = null;
        _setRunningLoop(this.realm, null);
        this._runningLoopLost = true;
      }
      throw error;
    }
    const tracer = this.realm.tracer;
    this.realm.enterFrames?.(RUN_FOREVER_FRAMES);
    this._runDepth += 1;
    // A run that starts inside another run of this loop (3.13: the refusal's clean-up made it look
    // stopped) has a running loop again until it ends.
    this._runningLoopLost = false;
    try {
      this._threadKey = this.realm.threads.currentThreadKey();
      _setRunningLoop(this.realm, this);
      if (tracer.enabled) tracer.emit({ type: 'loop_state', loop: this.id, state: 'running' });
      for (;;) {
        // `self._run_once()`, its lines repeated here (see runOnce) so an iteration starts no generator.
        const timeout = this._prepareSelect();
        const t0 = this.realm.clock.instant;
        let woke: unknown;
        try {
          woke = yield this._selectRequest(timeout);
        } catch (error) {
          this._selectInterrupted(t0);
          throw error;
        }
        this._selectDone(woke, timeout, t0);
        const blocked = this._runReady();
        if (blocked) yield* blocked;
        if (this._stopping) break;
      }
    } catch (error) {
      // The traceback of an exception leaving run_forever shows its frame (e.g. Ctrl+C in the selector).
      prependFrame(error, RUN_FOREVER_FRAME);
      throw error;
    } finally {
      this.realm.leaveFrames?.();
      this._runDepth -= 1;
      // Its clean-up leaves the outer run of this loop, if any, going on with no running loop.
      this._runningLoopLost = this._runDepth > 0;
      this._stopping = false;
      // An exception that left mid-batch (Ctrl+C in a callback) ends the batch and the handle's run.
      this._batchEnd = this._ready.popped;
      this._runningHandle = null;
      this._threadKey = null;
      _setRunningLoop(this.realm, null);
      if (tracer.enabled) tracer.emit({ type: 'loop_state', loop: this.id, state: 'stopped' });
    }
  }

  private *runUntilCompleteBlocking<T>(future: Future<T> | CoroutineLike<T>): Blocking<T> {
    this._checkClosed();
    this._checkRunning();
    const newTask = !isFuture(future);
    const fut = this.ensureFuture(future);
    // An exception is raised if the future didn't complete: no "destroy pending task" message.
    if (newTask && fut instanceof Task) fut._logDestroyPending = false;
    fut.addDoneCallback(runUntilCompleteCb);
    this.realm.enterFrames?.(RUN_UNTIL_COMPLETE_FRAMES);
    try {
      yield* this.runForeverBlocking();
    } catch (error) {
      // The coroutine raised a BaseException: consume it so it is not logged; the caller gets it here.
      if (newTask && fut.done() && !fut.cancelled()) fut.exception();
      prependFrame(error, RUN_UNTIL_COMPLETE_FRAME);
      throw error;
    } finally {
      this.realm.leaveFrames?.();
      fut.removeDoneCallback(runUntilCompleteCb);
    }
    if (!fut.done()) throw new RuntimeError('Event loop stopped before Future completed.');
    try {
      return fut.result();
    } catch (error) {
      // `return future.result()` re-raises the future's exception: its traceback gains this frame.
      prependFrame(error, stdlibFrame(BASE_EVENTS_PY, 653, 'run_until_complete', 'return future.result()', 'future.result()'));
      throw error;
    }
  }

  /** `tasks.ensure_future(future, loop=self)`. */
  private ensureFuture<T>(future: Future<T> | CoroutineLike<T>): Future<T> {
    if (isFuture(future)) {
      if (future.getLoop() !== this) throw new ValueError('The future belongs to a different loop than the one specified as the loop argument');
      return future as Future<T>;
    }
    if (isCoroutine(future)) return this.createTask(future as CoroutineLike<T>, { frames: RUN_UNTIL_COMPLETE_TASK_FRAMES });
    throw new TypeError('An asyncio.Future, a coroutine or an awaitable is required');
  }

  /**
   * `loop.stop()`: the loop finishes the iteration it is in (every callback already in that batch
   * still runs) and run_forever returns. Called before run_forever, it makes the next run a single
   * iteration. It writes nothing to the self-pipe: a loop blocked in select from another thread
   * does not notice until something else wakes it.
   */
  stop(): void {
    this._stopping = true;
    const tracer = this.realm.tracer;
    if (tracer.enabled) tracer.emit({ type: 'loop_stop_requested', loop: this.id });
  }

  /** `loop.close()`: drops pending callbacks and timers; irreversible; refuses a running loop. */
  close(): void {
    if (this.isRunning()) throw new RuntimeError('Cannot close a running event loop');
    if (this._closed) return;
    this._closed = true;
    this._ready.clear();
    this._scheduled.clear();
    const tracer = this.realm.tracer;
    if (tracer.enabled) tracer.emit({ type: 'loop_state', loop: this.id, state: 'closed' });
  }

  isClosed(): boolean {
    return this._closed;
  }

  isRunning(): boolean {
    return this._threadKey !== null;
  }

  /**
   * `loop.time()`: the simulated monotonic clock. Each call is a read, one clock tick (src/runtime/clock.ts):
   * later than the read before, or equal on a coarse clock. The loop calls it exactly where CPython's does.
   */
  time(): number {
    return this.realm.clock.read();
  }

  getDebug(): boolean {
    return this._debug;
  }

  setDebug(enabled: boolean): void {
    this._debug = enabled;
    // CPython switches coroutine origin tracking from inside the loop: one more handle, and a self-pipe write.
    if (this.isRunning()) this.callSoonThreadsafe(this.setCoroutineOriginTracking, enabled);
  }

  /** `_set_coroutine_origin_tracking`: nothing to track in the simulation, but the handle is CPython's. */
  private readonly setCoroutineOriginTracking = pyFunction((_enabled: boolean) => undefined, { name: 'BaseEventLoop._set_coroutine_origin_tracking' });

  // ── scheduling callbacks ────────────────────────────────────────────────────

  /** `loop.call_soon(callback, *args)`: run it in the next iteration, after what is already queued. */
  callSoon(callback: Callback, ...args: unknown[]): Handle {
    return this.callSoonWithContext(callback, args, NO_OPTIONS);
  }

  /** `loop.call_soon(callback, *args, context=context)`. */
  callSoonWithContext(callback: Callback, args: CallbackArgs, options: CallSoonOptions): Handle {
    return this._callSoonHeld(callback, args, options.context);
  }

  /**
   * `loop.call_soon(callback, *args, context=...)` with the context as a HeldContext: a future's
   * first done callback keeps only the variables of its context until it is scheduled, and the
   * handle makes the Context when it runs (no Context and no options object per callback before).
   */
  _callSoonHeld(callback: Callback, args: CallbackArgs, context: HeldContext | undefined): Handle {
    this._checkClosed();
    if (this._debug) {
      this._checkThread();
      this._checkCallback(callback, 'call_soon');
    }
    return this._callSoon(callback, args, context, false);
  }

  /** `loop.call_later(delay, callback, *args)`: `call_at(time() + delay, ...)`. */
  callLater(delay: number, callback: Callback, ...args: unknown[]): TimerHandle {
    return this.callLaterWithContext(delay, callback, args, NO_OPTIONS);
  }

  callLaterWithContext(delay: number, callback: Callback, args: CallbackArgs, options: CallSoonOptions): TimerHandle {
    if (delay === null || delay === undefined) throw new TypeError('delay must not be None');
    return this.callAtWithContext(this.time() + delay, callback, args, options);
  }

  /** `loop.call_at(when, callback, *args)`: run it once the loop clock reaches `when`. */
  callAt(when: number, callback: Callback, ...args: unknown[]): TimerHandle {
    return this.callAtWithContext(when, callback, args, NO_OPTIONS);
  }

  callAtWithContext(when: number, callback: Callback, args: CallbackArgs, options: CallSoonOptions): TimerHandle {
    if (when === null || when === undefined) throw new TypeError('when cannot be None');
    this._checkClosed();
    if (this._debug) {
      this._checkThread();
      this._checkCallback(callback, 'call_at');
    }
    const timer = new TimerHandle(when, callback, args, this, options.context);
    const heapIndex = this._scheduled.push(when, timer);
    timer._scheduled = true;
    const tracer = this.realm.tracer;
    if (tracer.enabled) {
      const callback = timer.callbackLabel();
      // A timer that settles a future (sleep's _set_result_unless_cancelled) names it: a task waiting on that future wakes at `when`.
      const first = args[0];
      if (first instanceof Future) tracer.send({ type: 'handle_scheduled', loop: this.id, handle: timer.id, kind: 'TimerHandle', when, heapIndex, callback, future: first.id, t: tracer.time(), thread: tracer.thread() });
      else tracer.send({ type: 'handle_scheduled', loop: this.id, handle: timer.id, kind: 'TimerHandle', when, heapIndex, callback, t: tracer.time(), thread: tracer.thread() });
    }
    return timer;
  }

  /** `loop.call_soon_threadsafe(callback, *args)`: call_soon, then write the self-pipe to wake the loop's selector. */
  callSoonThreadsafe(callback: Callback, ...args: unknown[]): Handle {
    return this.callSoonThreadsafeWithContext(callback, args, NO_OPTIONS);
  }

  callSoonThreadsafeWithContext(callback: Callback, args: CallbackArgs, options: CallSoonOptions): Handle {
    this._checkClosed();
    if (this._debug) this._checkCallback(callback, 'call_soon_threadsafe');
    const handle = this._callSoon(callback, args, options.context, true);
    this._writeToSelf();
    return handle;
  }

  _callSoon(callback: Callback, args: CallbackArgs, context: HeldContext | undefined, threadsafe: boolean): Handle {
    const handle = threadsafe ? new ThreadSafeHandle(callback, args, this, context) : new Handle(callback, args, this, context);
    this._ready.append(handle);
    const tracer = this.realm.tracer;
    if (tracer.enabled) {
      // Built stamped (Tracer.send): two literals rather than a spread of the optional field.
      const label = handle.callbackLabel();
      const t = tracer.time();
      const thread = tracer.thread();
      const event: Extract<TraceEvent, { type: 'handle_scheduled' }> = threadsafe
        ? { type: 'handle_scheduled', loop: this.id, handle: handle.id, kind: 'Handle', callback: label, threadsafe: true, t, thread }
        : { type: 'handle_scheduled', loop: this.id, handle: handle.id, kind: 'Handle', callback: label, t, thread };
      // A task's step or wake-up (its TaskStepMethWrapper or task_wakeup) names the task.
      const owner = pyFunctionInfo(callback)?.self;
      if (owner instanceof Task) event.task = owner.id;
      tracer.send(event);
    }
    return handle;
  }

  _checkCallback(callback: unknown, method: string): void {
    if (callback instanceof Coroutine || (typeof callback === 'function' && '__qualname__' in callback)) {
      throw new TypeError(`coroutines cannot be used with ${method}()`);
    }
    if (typeof callback !== 'function') throw new TypeError(`a callable object was expected by ${method}(), got ${repr(callback)}`);
  }

  /** Debug mode: non-thread-safe methods must be called from the thread running the loop. */
  _checkThread(): void {
    if (this._threadKey === null) return;
    if (this.realm.threads.currentThreadKey() !== this._threadKey) {
      throw new RuntimeError('Non-thread-safe operation invoked on an event loop other than the current one');
    }
  }

  /** Appends a handle made elsewhere to the ready queue, unless it was cancelled. */
  _addCallback(handle: Handle): void {
    if (!handle._cancelled) this._ready.append(handle);
  }

  /** Writes a byte to the self-pipe: the loop's next (or current) selector wait returns at once. */
  _writeToSelf(): void {
    this.selfPipe = true;
    this.realm.onSelfPipeWrite?.(this);
  }

  /** True when the self-pipe was written and no selector wait has drained it yet. */
  get selfPipeWritten(): boolean {
    return this.selfPipe;
  }

  /** `_timer_handle_cancelled`: a timer still in the heap was cancelled. */
  _timerHandleCancelled(handle: TimerHandle): void {
    if (handle._scheduled) this._timerCancelledCount += 1;
  }

  /** The ready queue's handles, oldest first (for views and tests). */
  readyHandles(): Handle[] {
    return this._ready.toArray();
  }

  // ── one iteration ───────────────────────────────────────────────────────────

  /**
   * `_run_once`: one full iteration. Clean cancelled timers, wait in the selector (not at all if
   * something is ready or the loop is stopping; until the earliest deadline otherwise), move the
   * timers that are due to the ready queue, then run exactly the callbacks that are ready now.
   *
   * The phases are plain methods and only the selector wait (and a callback that blocks its
   * thread) yields: run_forever repeats these same lines in its own loop rather than starting a
   * generator per iteration, which used to be a third of an iteration's cost.
   */
  *runOnce(): Blocking<void> {
    const timeout = this._prepareSelect();
    const t0 = this.realm.clock.instant;
    let woke: unknown;
    try {
      woke = yield this._selectRequest(timeout);
    } catch (error) {
      this._selectInterrupted(t0);
      throw error;
    }
    this._selectDone(woke, timeout, t0);
    const blocked = this._runReady();
    if (blocked) yield* blocked;
  }

  /** Phases 1 and 2 of `_run_once`: drop cancelled timers, then decide the selector's timeout. */
  private _prepareSelect(): number | null {
    const tracer = this.realm.tracer;
    this.iterations += 1;
    if (tracer.enabled) {
      const ready = this._ready.length;
      const scheduled = this._scheduled.length;
      tracer.send({ type: 'loop_iteration', loop: this.id, n: this.iterations, ready, scheduled, t: tracer.time(), thread: tracer.thread() });
    }

    // Phase 1: drop cancelled timers. Rebuilding the heap is linear, so it is done only when
    // cancelled timers are many (over 100 scheduled, over half of them cancelled); otherwise only
    // the ones at the top are popped (they would otherwise decide the timeout).
    const schedCount = this._scheduled.length;
    if (schedCount > MIN_SCHEDULED_TIMER_HANDLES && this._timerCancelledCount / schedCount > MIN_CANCELLED_TIMER_HANDLES_FRACTION) {
      this._scheduled.filterAndHeapify(keepUncancelled);
      if (tracer.enabled) {
        const heap = this._scheduled.toArray().map((h) => h.id);
        tracer.emit({ type: 'timers_pruned', loop: this.id, count: schedCount - heap.length, rebuilt: true, heap });
      }
      this._timerCancelledCount = 0;
    } else {
      let lastTo: number[] | undefined;
      while (this._scheduled.length > 0 && this._scheduled.peek()!._cancelled) {
        this._timerCancelledCount -= 1;
        const handle = this._scheduled.pop();
        handle._scheduled = false;
        if (tracer.enabled) (lastTo ??= []).push(this._scheduled.lastTo);
      }
      if (lastTo !== undefined && tracer.enabled) tracer.emit({ type: 'timers_pruned', loop: this.id, count: lastTo.length, rebuilt: false, lastTo });
    }

    // Phase 2: how long the selector may wait.
    let timeout: number | null = null;
    if (this._ready.length > 0 || this._stopping) {
      timeout = 0;
    } else if (this._scheduled.length > 0) {
      const when = this._scheduled.peekKey();
      timeout = Math.min(Math.max(0, when - this.time()), MAXIMUM_SELECT_TIMEOUT);
    }

    // Phase 3 begins: the selector wait. The only I/O here is the self-pipe; reading it drains it.
    if (tracer.enabled) tracer.send({ type: 'select_wait', loop: this.id, timeout, t: tracer.time(), thread: tracer.thread() });
    return timeout;
  }

  /**
   * The request of a selector wait of `timeout`: one object per loop, rewritten at each wait. Whoever
   * serves a wait (the standalone driver, the kernel) is done with it before the loop can wait
   * again, and a busy loop waits once per iteration.
   */
  private _selectRequest(timeout: number | null): SelectRequest {
    const request = (this.selectRequest ??= { kind: 'select', loop: this, timeout });
    request.timeout = timeout;
    return request;
  }

  private selectRequest: SelectRequest | null = null;

  /** KeyboardInterrupt reached the selector wait that began at instant `t0`. */
  private _selectInterrupted(t0: number): void {
    const tracer = this.realm.tracer;
    if (tracer.enabled) tracer.emit({ type: 'select_woke', loop: this.id, slept: this.realm.clock.instant - t0, reason: 'interrupt' });
  }

  /** The end of phase 3 (the selector wait returned `woke`), and phase 4: due timers become ready. */
  private _selectDone(woke: unknown, timeout: number | null, t0: number): void {
    const tracer = this.realm.tracer;
    const reason = (woke as SelectResult | undefined)?.reason ?? (this.selfPipe ? 'self_pipe' : timeout === 0 ? 'immediate' : 'timeout');
    this.selfPipe = false;
    // The selector returned: everything in the ready queue now, and every timer phase 4 moves
    // there, belongs to this iteration's batch (`ntodo`).
    const ready = this._ready;
    this._batchEnd = ready.popped + ready.length;
    if (tracer.enabled) tracer.send({ type: 'select_woke', loop: this.id, slept: this.realm.clock.instant - t0, reason, t: tracer.time(), thread: tracer.thread() });

    // Phase 4: timers that are due (within the clock's resolution) go to the end of the ready queue.
    // (3.15 widens the window to one ulp of the time where that is larger than the resolution.)
    const endTime = this.realm.python.readyWindowEnd(this.time(), this._clockResolution);
    const scheduled = this._scheduled;
    while (scheduled.length > 0) {
      if (scheduled.peekKey() >= endTime) break;
      const handle = scheduled.pop();
      handle._scheduled = false;
      ready.append(handle);
      this._batchEnd += 1;
      if (tracer.enabled) tracer.send({ type: 'timer_ready', loop: this.id, handle: handle.id, lastTo: scheduled.lastTo, t: tracer.time(), thread: tracer.thread() });
    }
  }

  /**
   * Phase 5: this is the only place where callbacks are actually *called*. Only the ntodo handles
   * ready now run: callbacks they schedule wait for the next iteration (after another selector
   * poll), so a callback that keeps rescheduling itself cannot starve the timers. When a callback
   * blocks its thread, the rest of the phase is returned as a generator for the caller to `yield*`.
   */
  private _runReady(): Blocking<void> | undefined {
    const ntodo = this._ready.length;
    for (let i = 0; i < ntodo; i++) {
      const handle = this._ready.popleft();
      if (handle._cancelled) continue;
      const running = this._runHandle(handle);
      if (running) return this._runReadyAfterBlocking(running, ntodo - i - 1);
    }
    return undefined;
  }

  /** The rest of phase 5 once a callback blocked: wait it out, then run the `left` handles still due. */
  private *_runReadyAfterBlocking(running: Blocking<void>, left: number): Blocking<void> {
    yield* running;
    for (; left > 0; left--) {
      const handle = this._ready.popleft();
      if (handle._cancelled) continue;
      const blocked = this._runHandle(handle);
      if (blocked) yield* blocked;
    }
  }

  /**
   * `handle._run()` as `_run_once` calls it (timed, in debug mode). Returns a generator when the
   * handle is not finished yet: its callback blocks the thread, or debug mode wraps it in frames.
   */
  private _runHandle(handle: Handle): Blocking<void> | undefined {
    const tracer = this.realm.tracer;
    this._runningHandle = handle;
    if (tracer.enabled) {
      const callback = handle.callbackLabel();
      tracer.send({ type: 'handle_run', loop: this.id, handle: handle.id, callback, t: tracer.time(), thread: tracer.thread() });
    }
    // What the handle took, for the trace: time waited meanwhile (observing reads no clock).
    const start = this.realm.clock.instant;
    if (this._debug) return this._runHandleDebug(handle, start);
    let blocking: Blocking<void> | undefined;
    try {
      blocking = handle._run();
    } catch (error) {
      // Only KeyboardInterrupt and SystemExit get here: Handle._run reports everything else.
      prependFrame(error, RUN_ONCE_HANDLE_FRAMES.normal);
      throw error;
    }
    if (blocking) return this._finishBlockedHandle(handle, blocking, start);
    this._handleDone(handle, start);
    return undefined;
  }

  /** A callback blocked its thread: wait until it returns. */
  private *_finishBlockedHandle(handle: Handle, blocking: Blocking<void>, start: number): Blocking<void> {
    try {
      yield* blocking;
    } catch (error) {
      prependFrame(error, RUN_ONCE_HANDLE_FRAMES.normal);
      throw error;
    }
    this._handleDone(handle, start);
  }

  /** Debug mode's branch of `_run_once`: the handle runs inside its frames, and a slow one is logged. */
  private *_runHandleDebug(handle: Handle, start: number): Blocking<void> {
    this.realm.enterFrames?.(RUN_HANDLE_FRAMES);
    try {
      this._currentHandle = handle;
      const t0 = this.time();
      const blocking = handle._run();
      if (blocking) yield* blocking;
      const dt = this.time() - t0;
      if (dt >= this.slowCallbackDuration) this.warnSlowCallback(handle, dt);
    } catch (error) {
      prependFrame(error, RUN_ONCE_HANDLE_FRAMES.debug);
      throw error;
    } finally {
      this._currentHandle = null;
      this.realm.leaveFrames?.();
    }
    this._handleDone(handle, start);
  }

  private _handleDone(handle: Handle, start: number): void {
    this._runningHandle = null;
    const tracer = this.realm.tracer;
    if (tracer.enabled) tracer.send({ type: 'handle_done', loop: this.id, handle: handle.id, took: this.realm.clock.instant - start, t: tracer.time(), thread: tracer.thread() });
  }

  /** `logger.warning('Executing %s took %.3f seconds', _format_handle(handle), dt)`. */
  private warnSlowCallback(handle: Handle, dt: number): void {
    const message = `Executing ${formatHandle(handle)} took ${formatFixed(dt, 3)} seconds`;
    const tracer = this.realm.tracer;
    if (tracer.enabled) tracer.emit({ type: 'warning', category: 'asyncio', message });
    logToStderr(this.realm, message);
  }

  // ── exception handling ──────────────────────────────────────────────────────

  getExceptionHandler(): ExceptionHandler | null {
    return this._exceptionHandler;
  }

  /** `loop.set_exception_handler(handler)`; null restores the default handler. */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== 'function') {
      throw new TypeError(`A callable object or None is expected, got ${repr(handler)}`);
    }
    this._exceptionHandler = handler;
  }

  /**
   * `loop.default_exception_handler(context)`: logs the message, then `key: repr(value)` for every
   * other key in sorted order (creation tracebacks in debug mode), then the exception's traceback,
   * as `logger.error(..., exc_info=exc)` prints it.
   */
  defaultExceptionHandler(context: ExceptionContext): void {
    const message = context.message || 'Unhandled exception in event loop';
    const exception = context.exception;
    if (!('source_traceback' in context) && this._currentHandle?._sourceTraceback) {
      context.handle_traceback = this._currentHandle._sourceTraceback;
    }
    const logLines = [message];
    for (const key of Object.keys(context).sort()) {
      if (key === 'message' || key === 'exception') continue;
      const value = context[key];
      if (value === undefined) continue;
      let text: string;
      // Creation stacks are extracted without column positions, so CPython prints them without carets.
      if (key === 'source_traceback') text = ['Object created at (most recent call last):', ...formatFrames(value as readonly PyFrame[], { carets: false })].join('\n');
      else if (key === 'handle_traceback') text = ['Handle created at (most recent call last):', ...formatFrames(value as readonly PyFrame[], { carets: false })].join('\n');
      else text = repr(value);
      logLines.push(`${key}: ${text}`);
    }
    logToStderr(this.realm, logLines.join('\n'), exception ?? undefined);
  }

  /** `loop.call_exception_handler(context)`: the custom handler if set, else the default one. */
  callExceptionHandler(context: ExceptionContext): void {
    const tracer = this.realm.tracer;
    if (tracer.enabled) {
      tracer.emit({
        type: 'exception_handler',
        loop: this.id,
        message: context.message,
        ...(context.exception ? { exception: excLine(context.exception) } : {}),
      });
    }
    if (this._exceptionHandler === null) {
      try {
        this.defaultExceptionHandler(context);
      } catch (error) {
        if (isExitException(error)) throw error;
        // Second protection layer for unexpected errors in the default implementation.
        logToStderr(this.realm, 'Exception in default exception handler', error);
      }
      return;
    }
    try {
      this._exceptionHandler(this, context);
    } catch (error) {
      if (isExitException(error)) throw error;
      // The custom handler failed: let the default one report that, with the original context.
      const exception = toPyException(error);
      if (exception.frames[0] !== CALL_EXCEPTION_HANDLER_FRAME) exception.frames.unshift(CALL_EXCEPTION_HANDLER_FRAME);
      // Raised while the caller was handling an exception (Handle._run's except block): Python chains it.
      if (this._handling !== null && exception.__context__ === null && exception !== this._handling) exception.__context__ = this._handling;
      try {
        this.defaultExceptionHandler({ message: 'Unhandled error in exception handler', exception, context });
      } catch (inner) {
        if (isExitException(inner)) throw inner;
        logToStderr(this.realm, 'Exception in default exception handler while handling an unexpected error in custom exception handler', inner);
      }
    }
  }
}

/** What survives the clean-up of cancelled timers; a dropped one is marked as out of the heap. */
function keepUncancelled(handle: TimerHandle): boolean {
  if (!handle._cancelled) return true;
  handle._scheduled = false;
  return false;
}

/** `_format_handle(handle)`: a task's step shows as the task itself. */
export function formatHandle(handle: Handle): string {
  const self = pyFunctionInfo(handle._callback)?.self;
  if (self instanceof Task) return repr(self);
  return handle.__repr__();
}
