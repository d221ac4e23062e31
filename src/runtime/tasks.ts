// asyncio.Task: a coroutine wrapped in a Future. Mirrors CPython 3.11's asyncio/tasks.py (`Task`,
// `__step`, `__wakeup`, `create_task`); where the C accelerator (_asyncio.Task, what `asyncio.Task`
// really is) shows something differently, the C form is used: its wake-up callback prints as
// `Task.task_wakeup()` and each scheduled step as `<TaskStepMethWrapper object at 0x...>()`.
//
// While a Task is not done, `_futWaiter` is null or a Future, and the Task is in one of 3 states:
//   1. waiting: `_futWaiter` is pending; no step is scheduled; `task_wakeup` is one of the
//      waiter's done callbacks.
//   2. scheduled: `_futWaiter` is null or done; a step is in the ready queue.
//   3. running: inside `step()`; `_futWaiter` is null and no step is scheduled.
// 1 → 2 when the waiter completes (it schedules task_wakeup, which steps); 2 → 3 when the step runs.
import { unsupportedBlockingInCoroutine } from './blocking.js';
import { copyContext } from './context.js';
import { type CoroutineLike, Coroutine, formatCoroutine, isCoroutine, isGenerator } from './coroutines.js';
import { CancelledError, InvalidStateError, PyBaseException, type PyFrame, RuntimeError, TypeError, ValueError, excLine, isExitException, toPyException } from './exceptions.js';
import { ENSURE_FUTURE_CREATE_TASK_FRAME, ENSURE_FUTURE_FRAME, asyncioFrame, taskReprText } from './future-repr.js';
import { Future, isFuture } from './futures.js';
import type { ContextLike, EventLoopLike } from './loop-types.js';
import { getRealm } from './realm.js';
import { type PyFunctionInfo, pyFunction, repr, str } from './repr.js';
import { enterTask, eventLoopForHelpers, leaveTask, registerTask, runningLoop, unregisterTask } from './task-registry.js';

export interface TaskOptions {
  /** The task's name; `Task-N` (the process-wide counter) when absent. */
  name?: string;
  /** The contextvars Context every step runs in; a copy of the current one when absent. */
  context?: ContextLike;
  /**
   * Debug mode: CPython's frames from the program down to the caller of `loop.create_task`
   * (innermost last), so `created at` reads as CPython's (e.g. `.../asyncio/tasks.py:680`).
   */
  frames?: readonly PyFrame[];
}

/**
 * A task's TaskStepMethWrapper as its step functions tell it (PyFunctionInfo): the name
 * `<TaskStepMethWrapper object at 0x...>` and the task. The address is taken when the task first
 * schedules a step; the name is written only when something shows it (a repr, the trace), so ten
 * thousand tasks do not each keep one.
 */
class StepWrapperInfo implements PyFunctionInfo {
  private text: string | undefined = undefined;
  constructor(
    readonly self: Task<unknown>,
    private readonly className: string,
    private readonly address: number,
  ) {}
  get name(): string {
    return (this.text ??= `<${this.className} object at 0x${this.address.toString(16)}>`);
  }
}

/** A step takes no arguments: one shared (never written) empty list instead of one per step. */
const NO_ARGS: readonly unknown[] = [];

export class Task<T = unknown> extends Future<T> {
  static override pyName = 'Task';

  // Field order is memory order: the fields every step reads come first (the initialized ones, then
  // the first assigned in the constructor), next to the Future's `_state` and `_loop`. Ten thousand
  // tasks stepped in turn miss the processor's caches at every step, once per line of memory read.
  /** The step as call_soon schedules it (a TaskStepMethWrapper), made once. */
  private plainStep: (() => void) | undefined = undefined;
  /** A cancel() arrived while no waiter could take it: throw CancelledError at the next step. */
  _mustCancel = false;
  /** The future this task waits on (state 1), else null. */
  _futWaiter: Future<unknown> | null = null;
  readonly _coro: CoroutineLike<T>;
  readonly _context: ContextLike;
  _name: string;
  /** How many cancel() calls are outstanding (cancelling() / uncancel()). */
  _numCancelsRequested: number;
  /** False for tasks gather() made itself: no "Task was destroyed but it is pending!" for those. */
  _logDestroyPending: boolean;

  /**
   * The bound `task_wakeup` method and `context=self._context`, as every wake-up is added: made at
   * the task's first await of a future (a task that only ever yields, as a sleep(0) loop does, never
   * needs them), then one object each, so remove_done_callback can find the method.
   */
  private wakeupCallback: ((future: Future<unknown>) => void) | null;
  private inContext: { readonly context: ContextLike } | null;
  /** What the step wrapper's functions say of themselves (its name, the task), made at the first step. */
  private stepInfo: StepWrapperInfo | undefined;

  constructor(coro: CoroutineLike<T>, loop: EventLoopLike, options: TaskOptions = {}) {
    super(loop, options.frames ? { frames: options.frames } : {});
    this._coro = coro;
    this._context = options.context ?? copyContext();
    this._numCancelsRequested = 0;
    this._logDestroyPending = true;
    this.stepInfo = undefined;
    this.wakeupCallback = null;
    this.inContext = null;
    if (!isCoroutine(coro)) {
      this._logDestroyPending = false;
      throw new TypeError(`a coroutine was expected, got ${repr(coro)}`);
    }
    this._name = options.name === undefined ? loop.realm.nextTaskName() : str(options.name);

    const tracer = loop.realm.tracer;
    if (tracer.enabled) {
      const coroName = coro instanceof Coroutine ? `${coro.__qualname__}()` : formatCoroutine(coro);
      const args = coro instanceof Coroutine ? coro.argsText() : undefined;
      tracer.emit(args === undefined ? { type: 'future_created', loop: loop.id, future: this.id, kind: 'Task', name: this._name, coro: coroName } : { type: 'future_created', loop: loop.id, future: this.id, kind: 'Task', name: this._name, coro: coroName, args });
    }
    this.scheduleStep(null);
    registerTask(this);
  }

  protected override traceKind(): 'Future' | 'Task' {
    return 'Task';
  }

  getCoro(): CoroutineLike<T> {
    return this._coro;
  }

  getName(): string {
    return this._name;
  }

  /** `task.set_name(value)`: the name is `str(value)`. */
  setName(value: unknown): void {
    this._name = str(value);
  }

  override setResult(_result: T): never {
    throw new RuntimeError('Task does not support set_result operation');
  }

  override setException(_exception: PyBaseException): never {
    throw new RuntimeError('Task does not support set_exception operation');
  }

  /**
   * Requests cancellation: CancelledError is thrown into the coroutine at its next step. A task
   * waiting on a future cancels that future instead (its completion wakes the task with the
   * CancelledError). The coroutine may catch it: unlike Future.cancel, this guarantees nothing.
   */
  override cancel(msg?: unknown): boolean {
    this.logTraceback = false;
    if (this.done()) return false;
    this._numCancelsRequested += 1;
    const tracer = this._loop.realm.tracer;
    if (tracer.enabled) {
      tracer.emit({ type: 'task_cancel_requested', loop: this._loop.id, task: this.id, name: this._name, ...(msg === undefined ? {} : { msg: String(msg) }) });
    }
    if (this._futWaiter !== null) {
      // Leave _futWaiter set: it may be a Task that swallows the cancellation, to be cancelled again.
      if (this._futWaiter.cancel(msg)) return true;
    }
    // A step must be scheduled already (state 2): it will throw CancelledError in.
    this._mustCancel = true;
    this._cancelMessage = msg;
    return true;
  }

  /** The number of outstanding cancellation requests. */
  cancelling(): number {
    return this._numCancelsRequested;
  }

  /** Withdraws one cancellation request; returns how many remain. */
  uncancel(): number {
    if (this._numCancelsRequested > 0) {
      this._numCancelsRequested -= 1;
      // 3.13+: withdrawing the last request also withdraws a cancellation not yet delivered.
      if (this._numCancelsRequested === 0 && this._loop.realm.python.uncancelClearsMustCancel) this._mustCancel = false;
    }
    return this._numCancelsRequested;
  }

  /** Schedules `__step(exc)`, as CPython does with a TaskStepMethWrapper through call_soon. */
  private scheduleStep(exc: PyBaseException | null): void {
    let step: () => void;
    if (exc === null) {
      // The common case, once per await: one wrapper per task, made on first use.
      step = this.plainStep ??= pyFunction(() => this.step(null), this.stepWrapperInfo());
    } else {
      step = pyFunction(() => this.step(exc), this.stepWrapperInfo());
    }
    // call_soon(step, context=self._context), the context handed over as it is (no options object to read).
    this._loop._callSoonHeld(step, NO_ARGS, this._context);
  }

  private stepWrapperInfo(): StepWrapperInfo {
    return (this.stepInfo ??= new StepWrapperInfo(this, this._loop.realm.python.stepWrapperClass, getRealm().allocatePyId()));
  }

  /** `Task.__step`: resumes the coroutine once, with send(None) or throw(exc), and acts on what it yields. */
  private step(exc: PyBaseException | null): void {
    // The C Task (the one CPython runs) enters the task before anything else (task_step, then
    // task_step_impl): when entering fails (another task of the loop is being executed, as when
    // a loop runs inside its own callback on 3.13), the task still waits on its future and keeps
    // a pending cancellation, and the error's repr of it shows so.
    enterTask(this._loop, this);
    try {
      if (this.done()) throw new InvalidStateError(`_step(): already done: ${repr(this)}, ${repr(exc)}`);
      if (this._mustCancel) {
        if (!(exc instanceof CancelledError)) exc = this._makeCancelledError();
        this._mustCancel = false;
      }
      const coro = this._coro;
      this._futWaiter = null;

      const tracer = this._loop.realm.tracer;
      if (tracer.enabled) {
        // Built stamped (Tracer.send): two literals rather than a spread of the optional field.
        const { id, _name: name } = this;
        const loop = this._loop.id;
        tracer.send(
          exc === null
            ? { type: 'task_step', loop, task: id, name, mode: 'send', t: tracer.time(), thread: tracer.thread() }
            : { type: 'task_step', loop, task: id, name, mode: 'throw', value: excLine(exc), t: tracer.time(), thread: tracer.thread() },
        );
      }

      let result: IteratorResult<unknown, T>;
      try {
        result = exc === null ? coro.next(undefined) : coro.throw(exc);
      } catch (thrown) {
        const error = toPyException(thrown);
        if (error instanceof CancelledError) {
          // Keep the original exception, to chain it when result() raises later.
          this._cancelledExc = error;
          super.cancel();
        } else if (isExitException(error)) {
          super.setException(error);
          throw thrown;
        } else {
          super.setException(error);
        }
        return;
      }
      if (result.done) {
        if (this._mustCancel) {
          // Cancelled right before the coroutine returned.
          this._mustCancel = false;
          super.cancel(this._cancelMessage);
        } else {
          super.setResult(result.value);
        }
        return;
      }
      this.onYield(result.value);
    } finally {
      leaveTask(this._loop, this);
      // all_tasks() only ever lists pending tasks; a done task need not be remembered.
      if (this._state !== 'PENDING') unregisterTask(this);
    }
  }

  /** What the coroutine yielded: a future to wait on (via `yield*`), undefined (`sleep(0)`), or a mistake. */
  private onYield(result: unknown): void {
    if (result === undefined || result === null) {
      // A bare yield gives up control for one loop iteration (the next step is scheduled, then
      // this one ends). Tested first: it is what every sleep(0) yields, and no future is undefined.
      this.scheduleStep(null);
      this.traceWait(null);
    } else if (isFuture(result)) {
      if (result.getLoop() !== this._loop) {
        this.scheduleStep(new RuntimeError(`Task ${repr(this)} got Future ${repr(result)} attached to a different loop`));
      } else if (result._asyncio_future_blocking) {
        if (result === this) {
          this.scheduleStep(new RuntimeError(`Task cannot await on itself: ${repr(this)}`));
        } else {
          result._asyncio_future_blocking = false;
          const wakeup = (this.wakeupCallback ??= pyFunction((future: Future<unknown>) => this.wakeup(future), { name: 'Task.task_wakeup', self: this }));
          result.addDoneCallback(wakeup, (this.inContext ??= { context: this._context }));
          if (this._mustCancel) {
            if (result.cancel(this._cancelMessage)) this._mustCancel = false;
          }
          // The step ends here, waiting on `result`: what it did before (a cancel just now) comes
          // first in the trace. (CPython sets _fut_waiter before that cancel; nothing can read it in
          // between, and set here it changes when the trace says so.)
          this._futWaiter = result;
          this.traceWait(result);
        }
      } else {
        this.scheduleStep(new RuntimeError(`yield was used instead of yield from in task ${repr(this)} with ${repr(result)}`));
      }
    } else if (isGenerator(result)) {
      this.scheduleStep(new RuntimeError(`yield was used instead of yield from for generator in task ${repr(this)} with ${repr(result)}`));
    } else {
      // A blocking call (time.sleep...) made straight from the coroutine: say what to do instead.
      const unsupported = unsupportedBlockingInCoroutine(result);
      this.scheduleStep(new RuntimeError(unsupported ?? `Task got bad yield: ${repr(result)}`));
    }
  }

  /** `Task.__wakeup` (C: task_wakeup): the awaited future is done; step with its outcome. */
  private wakeup(future: Future<unknown>): void {
    let error: PyBaseException | null = null;
    try {
      future.result();
    } catch (thrown) {
      // This may also be a cancellation.
      error = toPyException(thrown);
    }
    this.step(error);
  }

  private traceWait(on: Future<unknown> | null): void {
    const tracer = this._loop.realm.tracer;
    if (!tracer.enabled) return;
    const onRepr = on === null ? 'None' : repr(on);
    const coro = this._coro;
    // Where a program's coroutine stands (its await), when the program follows its frames.
    if (coro instanceof Coroutine && coro.followed) {
      tracer.send({ type: 'task_wait', loop: this._loop.id, task: this.id, name: this._name, on: on === null ? null : on.id, onRepr, line: coro.line, t: tracer.time(), thread: tracer.thread() });
      return;
    }
    tracer.send({ type: 'task_wait', loop: this._loop.id, task: this.id, name: this._name, on: on === null ? null : on.id, onRepr, t: tracer.time(), thread: tracer.thread() });
  }

  /** A task's repr shows its name, which set_name may change even when it is done. */
  override _reprIsFinal(): boolean {
    return false;
  }

  protected override reprText(): string {
    return taskReprText(this, {
      cancelling: this._numCancelsRequested,
      done: this.done(),
      name: this._name,
      coro: formatCoroutine(this._coro),
      waitFor: this._futWaiter === null ? null : repr(this._futWaiter),
    });
  }

  /**
   * What garbage collection at interpreter exit does to a task that is still referenced only by
   * itself and its coroutine: the coroutine is finalized first (closed: GeneratorExit runs its
   * `finally` blocks, and its repr turns to `done, defined at`), then the task's `__del__` reports.
   * This is one of the two orders CPython 3.11's cycle collector may take (see collectTasks).
   */
  collect(): void {
    this._closeCoroutine();
    this.finalize();
  }

  /** Closes the coroutine as its finalizer does: GeneratorExit runs its `finally` blocks. */
  _closeCoroutine(): void {
    const coro = this._coro;
    if (coro instanceof Coroutine) coro.close();
    else coro.return(undefined as T);
  }

  /**
   * Everything `Task.__del__` reports: "Task was destroyed but it is pending!" for a pending task,
   * then the unretrieved exception. See Future.reportIfUnretrieved for when to call it.
   */
  override finalize(): void {
    if (this._state === 'PENDING' && this._logDestroyPending) {
      this._logDestroyPending = false;
      this._loop.callExceptionHandler({
        message: 'Task was destroyed but it is pending!',
        task: this,
        ...(this._sourceTraceback ? { source_traceback: this._sourceTraceback } : {}),
      });
    }
    super.finalize();
  }
}

/** `loop.create_task(coro, name=, context=)` as base_events does it: refuses a closed loop. */
export function createTaskOn<T>(loop: EventLoopLike, coro: CoroutineLike<T>, options: TaskOptions = {}): Task<T> {
  if (loop.isClosed()) throw new RuntimeError('Event loop is closed');
  return new Task(coro, loop, options);
}

/**
 * `asyncio.create_task(coro, name=, context=)`: a Task on the running loop. As in CPython, the task
 * is created unnamed and renamed afterwards, so a named task still consumes a `Task-N` number.
 */
export function createTask<T>(coro: CoroutineLike<T>, options: TaskOptions = {}): Task<T> {
  const task = createTaskOn(runningLoop(), coro, { ...(options.context === undefined ? {} : { context: options.context }), frames: [CREATE_TASK_FRAME] });
  if (options.name !== undefined) task.setName(options.name);
  return task;
}

/** What `ensure_future` accepts: a future (returned as is) or a coroutine (wrapped in a Task). */
export type Awaitable<T> = Future<T> | CoroutineLike<T>;

const CREATE_TASK_FRAME = asyncioFrame('tasks.py', 384, 'create_task', 'task = loop.create_task(coro)');

export interface EnsureFutureOptions {
  /** The loop for a new task (default: the running loop, else the policy's). */
  loop?: EventLoopLike;
  /**
   * Debug mode: CPython's frames above `_ensure_future` (innermost last); default: the public
   * `ensure_future`'s. gather() passes its own, run_until_complete its own plus ensure_future's.
   */
  callerFrames?: readonly PyFrame[];
}

/** `asyncio.ensure_future(x, loop=)`: a future as is; a coroutine wrapped in a Task on `loop` (default: the running loop). */
/** `loop = events.get_event_loop()` in ensure_future; where it raises (3.14+), its traceback shows this frame. */
function ensureFutureLoop(): EventLoopLike {
  try {
    return eventLoopForHelpers();
  } catch (error) {
    const python = getRealm().python;
    if (python.ensureFutureGetLoopLine !== null) {
      if (error instanceof PyBaseException) error.frames.unshift({ file: `${python.stdlibDir}/asyncio/tasks.py`, line: python.ensureFutureGetLoopLine, name: 'ensure_future', text: 'loop = events.get_event_loop()' });
    }
    throw error;
  }
}

export function ensureFuture<T>(value: Awaitable<T>, options: EnsureFutureOptions = {}): Future<T> {
  if (isFuture(value)) {
    if (options.loop !== undefined && options.loop !== value.getLoop()) {
      throw new ValueError('The future belongs to a different loop than the one specified as the loop argument');
    }
    return value as Future<T>;
  }
  if (!isCoroutine(value)) throw new TypeError('An asyncio.Future, a coroutine or an awaitable is required');
  const loop = options.loop ?? ensureFutureLoop();
  try {
    return createTaskOn(loop, value, { frames: ensureFutureFrames(options.callerFrames ?? [ENSURE_FUTURE_FRAME]) });
  } catch (error) {
    if (value instanceof Coroutine) value.close();
    else value.return(undefined as T);
    throw error;
  }
}

/**
 * Debug mode's stack down to `loop.create_task` in ensure_future, as this version has it: 3.11's
 * public ensure_future calls `_ensure_future`, which makes the task (gather and shield call the
 * private one); from 3.12 ensure_future makes it itself and its callers call it by that name.
 */
function ensureFutureFrames(callerFrames: readonly PyFrame[]): PyFrame[] {
  if (getRealm().python.privateEnsureFuture) return [...callerFrames, ENSURE_FUTURE_CREATE_TASK_FRAME];
  return [
    ...callerFrames.filter((f) => f !== ENSURE_FUTURE_FRAME).map((f) => (f.text?.includes('_ensure_future(') ? { ...f, text: f.text.replace('_ensure_future(', 'ensure_future(') } : f)),
    { ...ENSURE_FUTURE_CREATE_TASK_FRAME, name: 'ensure_future' },
  ];
}

/**
 * Garbage collection of a group of tasks at interpreter exit, in the order CPython's cycle collector
 * takes when the coroutines sit before their tasks in its lists (the simulated process shows the
 * other order, tasks first; docs/runtime-api.md): every finalizer runs before anything is freed,
 * so all the coroutines are closed first (their
 * `finally` blocks run: an enclosing `asyncio.wait` removes its callbacks from the tasks it waited
 * on, a `sleep` cancels its timer), then each task reports ("Task was destroyed but it is
 * pending!", or an exception never retrieved). Pass every pending task, including those that
 * will not report (the task run_until_complete made): their coroutines' cleanup shows in the
 * others' reprs.
 */
export function collectTasks(tasks: Iterable<Task<unknown>>): void {
  const group = [...tasks];
  for (const task of group) task._closeCoroutine();
  for (const task of group) task.finalize();
}
