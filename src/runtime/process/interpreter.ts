// The life of the interpreter around the main program, as CPython's Py_RunMain and Py_FinalizeEx
// order it: run the module; print an uncaught exception (sys.excepthook); threading._shutdown
// (concurrent.futures' exit hook stops the executors, then every non-daemon thread is joined, which
// hangs for ever on a thread that never ends: Ctrl+C there is "Exception ignored in: <module
// 'threading'...>"); daemon threads are frozen where they stand; then garbage collection at exit
// reports pending tasks ("Task was destroyed but it is pending!") and, in dev mode, unclosed loops.
//
// Exit status, as `subprocess` reports it: 0; 1 after an uncaught exception; SystemExit's code; and
// -2 after an uncaught KeyboardInterrupt (CPython re-raises SIGINT on itself so the parent sees the
// signal: a shell shows 130).
import { KeyboardInterrupt, SystemExit, formatException, tracebackExcLine, toPyException } from '../exceptions.js';
import type { BaseEventLoop } from '../base-events.js';
import { unretrievedFutures } from '../futures.js';
import { allTasks } from '../task-registry.js';
import { Task } from '../tasks.js';
import { Coroutine } from '../coroutines.js';
import { PY_STDLIB_DIR } from '../repr.js';
import type { ProcessContext } from './context.js';
import type { ExecutorRegistry } from './executor.js';
import { completeTraceback } from './frames.js';
import type { Op } from './requests.js';
import type { SimThread } from './thread.js';
import type { Warnings } from './warnings.js';
import { PYTHONS, type PythonBehaviour, stdlibLocation } from '../python-version.js';

/** Exit status of a process killed by SIGINT, as subprocess.Popen.returncode reports it. */
export const SIGINT_STATUS = -2;

/** What CPython prints when Ctrl+C interrupts threading._shutdown's join (3.11's words by default). */
export function shutdownInterrupted(python: PythonBehaviour = PYTHONS['3.11']): string[] {
  const { intro, line, text } = python.threadingShutdown;
  const threadingPy = `${python.stdlibDir}/threading.py`;
  return [
    intro === 'module' ? `Exception ignored in: <module 'threading' from '${threadingPy}'>` : 'Exception ignored on threading shutdown:',
    'Traceback (most recent call last):',
    `  File "${threadingPy}", line ${line}, in _shutdown`,
    `    ${text}`,
    'KeyboardInterrupt: ',
  ];
}

/** A coroutine object made by one of the program's `async def`s, and how many loops existed then. */
export interface ProgramCoroutine {
  coro: Coroutine<unknown>;
  loopsBefore: number;
}

/** Where CPython's warning points when a loop's `__del__` frees a task that never ran: close()'s `self._ready.clear()`. */
function loopCloseReadyClear(python: PythonBehaviour): string {
  const at = stdlibLocation(python, `${PY_STDLIB_DIR}/asyncio/base_events.py`, 678);
  return `${at.file}:${at.line}`;
}

export interface InterpreterParts {
  ctx: ProcessContext;
  executors: ExecutorRegistry;
  warnings: Warnings;
  /** Every event loop the program created, in creation order. */
  loops: readonly BaseEventLoop[];
  /** Every coroutine object the program's `async def`s made, in creation order. */
  coroutines: readonly ProgramCoroutine[];
}

export class Interpreter {
  /** Set while the main thread is in threading._shutdown, joining `joining`. */
  joining: SimThread | undefined = undefined;
  private hangReported = false;

  constructor(private readonly parts: InterpreterParts) {}

  /** The main thread's whole program: the module, then shutdown. Returns the exit status. */
  *main(module: () => Op<unknown>): Op<number> {
    const { ctx } = this.parts;
    let status = 0;
    try {
      yield* module();
    } catch (error) {
      status = this.uncaught(error);
    }
    status = yield* this.shutdown(status);
    this.collectGarbage();
    ctx.output.flush('stdout');
    ctx.output.flush('stderr');
    ctx.kernel.emit({ type: 'exit', status });
    return status;
  }

  /** sys.excepthook for the main module; returns the exit status it implies. */
  private uncaught(error: unknown): number {
    const { ctx } = this.parts;
    if (error instanceof SystemExit) {
      const code = error.args[0];
      if (code === undefined || code === null) return 0;
      // The OS keeps the low 8 bits of a chosen status (sys.exit(-2) is 254, not death by SIGINT).
      if (typeof code === 'number') return Number.isInteger(code) ? code & 0xff : 1;
      ctx.output.stderrLines([String(code)]);
      return 1;
    }
    const exc = completeTraceback(toPyException(error));
    ctx.output.stderrLines(exc.frames.length > 0 || exc.__context__ || exc.__cause__ ? formatException(exc) : [tracebackExcLine(exc)]);
    return exc instanceof KeyboardInterrupt ? SIGINT_STATUS : 1;
  }

  /** threading._shutdown: the executors' exit hook, then join every non-daemon thread. */
  private *shutdown(status: number): Op<number> {
    const { ctx, executors } = this.parts;
    const kernel = ctx.kernel;
    kernel.emit({ type: 'shutdown', phase: 'begin' });
    executors.interpreterShutdown = true;
    for (const executor of executors.executors) executor.stop();
    try {
      for (const thread of kernel.threads) {
        if (thread.isMain || thread.daemon || !thread.alive) continue;
        this.joining = thread;
        this.hangReported = false;
        kernel.emit({ type: 'shutdown', phase: 'joining', waitingFor: thread.name });
        while (thread.state !== 'done') {
          yield { kind: 'wait', queue: thread.exited, timeout: null, on: `join ${thread.name}` };
        }
      }
    } catch (error) {
      if (!(error instanceof KeyboardInterrupt)) throw error;
      ctx.output.stderrLines(shutdownInterrupted(ctx.realm.python));
    } finally {
      this.joining = undefined;
    }
    const alive = kernel.threads.filter((t) => !t.isMain && t.alive);
    if (alive.length > 0) kernel.emit({ type: 'shutdown', phase: 'daemons_killed', waitingFor: alive.map((t) => t.name).join(', ') });
    for (const thread of alive) thread.state = 'done';
    kernel.emit({ type: 'shutdown', phase: 'done' });
    return status;
  }

  /** The kernel is idle: if shutdown waits on a thread that nothing can wake but Ctrl+C, say so once. */
  idle(timersPending: boolean): void {
    if (this.joining === undefined || timersPending || this.hangReported) return;
    this.hangReported = true;
    const kernel = this.parts.ctx.kernel;
    const previous = kernel.current;
    kernel.current = kernel.main;
    kernel.emit({ type: 'shutdown', phase: 'hang', waitingFor: this.joining.name });
    kernel.current = previous;
  }

  /**
   * Garbage collection at exit. Loops still running on a frozen (daemon or abandoned) thread stay
   * referenced from its frame and are never collected. The rest go in one pass of the cycle
   * collector, which finalizes objects oldest first: in dev mode an unclosed loop (older than its
   * tasks) warns from BaseEventLoop.__del__ before any of its tasks reports (CPython 3.11 shows this
   * warning for the first such loop only: later ones are collected after the warnings machinery is
   * gone); then pending tasks are destroyed (Task.__del__), in creation order, and failed futures
   * nobody asked are reported ("exception was never retrieved", Future.__del__), in the order they
   * failed.
   *
   * A coroutine that never started warns "coroutine '...' was never awaited" when it is freed. An
   * unclosed loop's `__del__` calls close(), whose `self._ready.clear()` frees the tasks that never
   * ran a step: each warns from that line right after its own report. A coroutine no task owns is
   * freed when the module's globals are cleared, with no Python frame running (`sys:1`); globals go
   * in the order they were bound, taken here as the order the coroutines and loops were made.
   * A destroyed task's coroutine, suspended at an await, is closed right after the task's report
   * (its frame resumes at that await to take the GeneratorExit: the pointer shows it).
   */
  private collectGarbage(): void {
    const { loops, warnings, coroutines } = this.parts;
    const collectable = loops.filter((loop) => !loop.isRunning());
    const unclosed = collectable.find((loop) => !loop.isClosed());
    if (unclosed !== undefined) {
      const message = `unclosed event loop ${unclosed.__repr__()}`;
      // BaseEventLoop.__del__'s warning, at that version's line of base_events.py.
      const at = stdlibLocation(this.parts.ctx.realm.python, `${PY_STDLIB_DIR}/asyncio/base_events.py`, 692);
      warnings.warnUnlocated('ResourceWarning', message, [`${at.file}:${at.line}: ResourceWarning: ${message}`]);
    }
    // Coroutines some task or pending run_coroutine_threadsafe callback owns are freed with it (or
    // never, on a loop still running).
    const inCallbacks = this.parts.ctx.coroutinesInCallbacks;
    const owned = new Set<unknown>([...loops.flatMap((loop) => [...allTasks(loop)].map((task) => (task as Task<unknown>)._coro)), ...inCallbacks.keys()]);
    const neverStarted = (coro: Coroutine<unknown>) => coro.state === 'created';
    const neverAwaited = (coro: Coroutine<unknown>) => `coroutine '${coro.__qualname__}' was never awaited`;
    let next = 0;
    const bareUpTo = (loopsBefore: number) => {
      for (; next < coroutines.length && coroutines[next]!.loopsBefore <= loopsBefore; next++) {
        const { coro } = coroutines[next]!;
        if (neverStarted(coro) && !owned.has(coro)) warnings.warnAtExit(this.parts.ctx.realm.python.noFrameWarningPlace, 'RuntimeWarning', neverAwaited(coro));
      }
    };
    for (const [index, loop] of loops.entries()) {
      bareUpTo(index);
      if (loop.isRunning()) continue;
      for (const task of allTasks(loop)) {
        if (!(task instanceof Task)) continue;
        task.finalize();
        const coro = task._coro;
        // Then its coroutine, suspended at an await, is finalized: closed (GeneratorExit where it stands).
        if (coro instanceof Coroutine && coro.state === 'suspended') coro.close();
        if (!loop.isClosed() && !task.done() && coro instanceof Coroutine && neverStarted(coro)) {
          warnings.warnAtExit(loopCloseReadyClear(this.parts.ctx.realm.python), 'RuntimeWarning', neverAwaited(coro));
        }
      }
      if (!loop.isClosed()) {
        for (const [coro, owner] of inCallbacks) {
          if (owner === loop && coro instanceof Coroutine && neverStarted(coro)) warnings.warnAtExit(loopCloseReadyClear(this.parts.ctx.realm.python), 'RuntimeWarning', neverAwaited(coro));
        }
      }
      for (const future of unretrievedFutures(loop)) future.reportIfUnretrieved();
    }
    bareUpTo(Infinity);
  }
}
