// asyncio.run. Mirrors CPython 3.11's asyncio/runners.py (`run`, `Runner`, `_cancel_all_tasks`).
//
// run(main) makes a new loop (and sets it as the thread's current loop), runs `main` as a task
// until it completes, then shuts down: every task still pending is cancelled and the loop runs until
// they have finished (an exception other than cancellation is reported to the exception handler),
// the loop runs the (here empty) async-generator and default-executor shutdowns as CPython does, and
// the loop is closed.
//
// Ctrl+C: CPython's Runner installs a SIGINT handler in the main thread while run() runs (when the
// handler there is still Python's default): the first Ctrl+C cancels the main task, and run() then
// raises KeyboardInterrupt once the task has finished cancelling; a second Ctrl+C raises
// KeyboardInterrupt where the program stands. Here run() installs `interrupt()` as the realm's
// SIGINT handler (the simulated process calls it where a Ctrl+C lands); a driver that delivers
// SIGINT itself (the standalone driver's tests) calls `runner.interrupt()`.
import type { BaseEventLoop } from './base-events.js';
import { type Blocking, type StandaloneOptions, driveStandalone } from './blocking.js';
import { stdlibFrame } from './carets.js';
import { copyContext } from './context.js';
import { asyncDef, isCoroutine, type CoroutineLike } from './coroutines.js';
import { _getRunningLoop, throughFrame } from './events.js';
import { CancelledError, KeyboardInterrupt, RuntimeError, ValueError, type PyFrame } from './exceptions.js';
import { ASYNCIO_DIR } from './future-repr.js';
import { gather } from './gather.js';
import { newEventLoop, setEventLoop } from './policy.js';
import { getRealm } from './realm.js';
import { repr } from './repr.js';
import { allTasks } from './task-registry.js';
import type { Task } from './tasks.js';

const BASE_EVENTS_PY = `${ASYNCIO_DIR}/base_events.py`;
/** Where `Runner._on_sigint` raises KeyboardInterrupt (a second Ctrl+C), innermost in its traceback. */
const RUNNERS_PY = `${ASYNCIO_DIR}/runners.py`;
const ON_SIGINT_FRAME: PyFrame = { file: RUNNERS_PY, line: 157, name: '_on_sigint', text: 'raise KeyboardInterrupt()' };
// The frames an exception leaving asyncio.run gains on its way out (3.11 lines; other versions map
// them). Those with carets are made when an exception leaves (their carets depend on the version);
// prependFrame's once-only rule holds for the constant ones.
const runnerRunFrame = (): PyFrame => stdlibFrame(RUNNERS_PY, 118, 'run', 'return self._loop.run_until_complete(task)', 'self._loop.run_until_complete(task)');
/** Where Runner.run raises KeyboardInterrupt once a Ctrl+C-cancelled main task has finished. */
const RUNNER_INTERRUPT_FRAME: PyFrame = { file: RUNNERS_PY, line: 123, name: 'run', text: 'raise KeyboardInterrupt()' };
const asyncioRunFrame = (): PyFrame => stdlibFrame(RUNNERS_PY, 190, 'run', 'return runner.run(main)', 'runner.run(main)');

// The loop's shutdown coroutines: nothing to shut down in the simulation, but CPython runs each in a
// task of its own (so they take a Task-N number and a loop iteration each).
const shutdownAsyncgens = asyncDef('BaseEventLoop.shutdown_asyncgens', function* () {}, { file: BASE_EVENTS_PY, line: 539 });
const shutdownDefaultExecutor = asyncDef('BaseEventLoop.shutdown_default_executor', function* (..._timeout: number[]) {}, { file: BASE_EVENTS_PY, line: 564 });

/** `_cancel_all_tasks(loop)`: cancels what is still pending and runs the loop until it is all done. */
function* cancelAllTasks(loop: BaseEventLoop): Blocking<void> {
  const toCancel = [...allTasks<Task<unknown>>(loop)];
  if (toCancel.length === 0) return;
  for (const task of toCancel) task.cancel();
  yield* loop.blocking.runUntilComplete(gather(...toCancel, { returnExceptions: true }));
  for (const task of toCancel) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.callExceptionHandler({ message: 'unhandled exception during asyncio.run() shutdown', exception, task });
    }
  }
}

export interface RunOptions {
  /** Debug mode for the new loop (`asyncio.run(main, debug=True)`). */
  debug?: boolean;
}

/** `asyncio.Runner`: one loop, one or more `run()` calls, then `close()`. */
export class Runner {
  private state: 'CREATED' | 'INITIALIZED' | 'CLOSED' = 'CREATED';
  private loop: BaseEventLoop | null = null;
  private mainTask: Task<unknown> | null = null;
  private interruptCount = 0;

  constructor(private readonly options: RunOptions = {}) {}

  /** `runner.get_loop()`. */
  getLoop(): BaseEventLoop {
    return this.lazyInit();
  }

  private lazyInit(): BaseEventLoop {
    if (this.state === 'CLOSED') throw new RuntimeError('Runner is closed');
    if (this.state === 'INITIALIZED') return this.loop!;
    const loop = newEventLoop();
    setEventLoop(loop);
    if (this.options.debug !== undefined) loop.setDebug(this.options.debug);
    this.loop = loop;
    this.state = 'INITIALIZED';
    return loop;
  }

  /** `runner.run(coro)` as a blocking operation of the calling simulated thread. */
  *run<T>(coro: CoroutineLike<T>): Blocking<T> {
    if (!isCoroutine(coro)) throw new ValueError(`a coroutine was expected, got ${repr(coro)}`);
    if (_getRunningLoop(getRealm()) !== null) throw new RuntimeError('Runner.run() cannot be called from a running event loop');
    const loop = this.lazyInit();
    const task = loop.createTask(coro, { context: copyContext() });
    this.mainTask = task as Task<unknown>;
    const realm = getRealm();
    let sigintHandler: (() => void) | undefined;
    if (realm.threads.isMainThread() && realm.sigintHandler === undefined) {
      sigintHandler = () => {
        if (this.interrupt()) return;
        const interrupt = new KeyboardInterrupt();
        interrupt.frames = [ON_SIGINT_FRAME];
        throw interrupt;
      };
      realm.sigintHandler = sigintHandler;
    }
    this.interruptCount = 0;
    try {
      return yield* throughFrame(runnerRunFrame, loop.blocking.runUntilComplete(task));
    } catch (error) {
      if (error instanceof CancelledError && this.interruptCount > 0 && task.uncancel() === 0) {
        // Raised in the `except CancelledError:` block: the cancellation is its context.
        const interrupt = new KeyboardInterrupt();
        interrupt.frames = [RUNNER_INTERRUPT_FRAME];
        interrupt.__context__ = error;
        throw interrupt;
      }
      throw error;
    } finally {
      this.mainTask = null;
      if (sigintHandler !== undefined && realm.sigintHandler === sigintHandler) realm.sigintHandler = undefined;
    }
  }

  /**
   * SIGINT while run() is running (`Runner._on_sigint`): the first cancels the main task and
   * returns true (the interrupt is consumed); later ones return false, meaning KeyboardInterrupt
   * must be raised where the main thread stands.
   */
  interrupt(): boolean {
    this.interruptCount += 1;
    const task = this.mainTask;
    if (this.interruptCount === 1 && task !== null && !task.done()) {
      task.cancel();
      // Wake the loop if it is blocked in select() with a long timeout.
      this.loop!.callSoonThreadsafe(() => undefined);
      return true;
    }
    return false;
  }

  /** `runner.close()`: cancel what is left, run the shutdowns, close the loop. */
  *close(): Blocking<void> {
    if (this.state !== 'INITIALIZED') return;
    const loop = this.loop!;
    try {
      yield* cancelAllTasks(loop);
      yield* loop.blocking.runUntilComplete(shutdownAsyncgens());
      yield* loop.blocking.runUntilComplete(shutdownDefaultExecutor(...getRealm().python.shutdownExecutorArgs));
    } finally {
      setEventLoop(null);
      loop.close();
      this.loop = null;
      this.state = 'CLOSED';
    }
  }
}

/** `asyncio.run(main, debug=)` as a blocking operation: `yield* runBlocking(main())` in a simulated thread. */
export function* runBlocking<T>(main: CoroutineLike<T>, options: RunOptions = {}): Blocking<T> {
  if (_getRunningLoop(getRealm()) !== null) throw new RuntimeError('asyncio.run() cannot be called from a running event loop');
  const runner = new Runner(options);
  try {
    return yield* throughFrame(asyncioRunFrame, runner.run(main));
  } finally {
    yield* runner.close();
  }
}

/** `asyncio.run(main, debug=)` on the standalone driver (virtual time, one thread). */
export function run<T>(main: CoroutineLike<T>, options: RunOptions & StandaloneOptions = {}): T {
  const { debug, ...standalone } = options;
  return driveStandalone(runBlocking(main, debug === undefined ? {} : { debug }), { realm: getRealm(), ...standalone });
}
