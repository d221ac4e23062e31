// `py`: the Python-shaped environment a simulated program is written against, bound to one
// simulated process: builtins (print, id), the modules the article's programs import (time,
// threading, queue, concurrent.futures, asyncio), and the lesson annotation py.line (notes are tied to events outside the runtime: src/scenarios/notes.ts).
import type { BaseEventLoop } from '../base-events.js';
import { Coroutine, asyncDef, iscoroutinefunction, markCoroutineFunction, runningCoroutine, type CoroutineLike, type CoroutineOptions, type FrameHooks } from '../coroutines.js';
import {
  AttributeError,
  CancelledError,
  InvalidStateError,
  KeyError,
  KeyboardInterrupt,
  PyBaseException,
  PyException,
  QueueEmpty,
  RuntimeError,
  SystemExit,
  TimeoutError,
  TypeError,
  ValueError,
  ZeroDivisionError,
  formatException,
  toPyException,
  type PyFrame,
} from '../exceptions.js';
import { Future } from '../futures.js';
import { gather } from '../gather.js';
import { warnDeprecated } from '../deprecations.js';
import { DefaultEventLoopPolicy, getEventLoop, getEventLoopPolicy, getRunningLoop, newEventLoop, setEventLoop, setEventLoopPolicy } from '../policy.js';
import { pyFunction, pyId, repr, str } from '../repr.js';
import { runBlocking } from '../runners.js';
import { shield } from '../shield.js';
import { sleep } from '../sleep.js';
import { allTasks, currentTask } from '../task-registry.js';
import { Task, createTask, ensureFuture } from '../tasks.js';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait } from '../wait.js';
import { timeout, timeoutAt } from '../timeouts.js';
import { waitFor } from '../wait-for.js';
import { ConcurrentFuture } from './concurrent-future.js';
import type { ProcessContext } from './context.js';
import { ExecutorRegistry, ThreadPoolExecutor, type ExecutorOptions } from './executor.js';
import { completeTraceback, enteredLine, fullStack, inFrame, leaving, noteEntered, noteRaisedHere } from './frames.js';
import { enterFrame, innermostFrame, leaveFrame, showPointer } from './pointer.js';
import { Queue } from './queue.js';
import { runCoroutineThreadsafe } from './threadsafe.js';
import { Event, Lock, Thread, ThreadTable, markPyDef, type ThreadOptions } from './threading.js';
import { createTime, type PyTime } from './time.js';
import type { ProgramCoroutine } from './interpreter.js';
import type { StackFrame } from './thread.js';

export type Py = ReturnType<typeof createPy>;

/** Everything createPy needs besides the shared context. */
export interface PyParts {
  ctx: ProcessContext;
  executors: ExecutorRegistry;
  /** Loops the program created, in order (filled as it creates them). */
  loops: BaseEventLoop[];
  /** Coroutine objects the program's `async def`s made, in order (filled as it makes them). */
  coroutines: ProgramCoroutine[];
}

type AnyFunction = (...args: never[]) => unknown;

export function createPy({ ctx, executors, loops, coroutines }: PyParts) {
  const table = new ThreadTable(ctx);
  const time: PyTime = createTime(ctx.realm);
  // Every loop of the process, however it was created (new_event_loop, or get_event_loop and the
  // helpers that call it), for the garbage collection at exit.
  ctx.realm.onLoopCreated = (loop) => loops.push(loop as BaseEventLoop);

  /** The running thread's Python stack, plus the running coroutine's frame (debug-mode `created at`). */
  ctx.realm.extractStack = (): PyFrame[] => {
    const frames = fullStack(ctx.currentThread(), ctx.sources);
    const coro = runningCoroutine();
    if (coro !== undefined && coro.file !== undefined) frames.push(ctx.sources.frame({ file: coro.file, name: coro.__qualname__, line: coro.line }));
    return frames;
  };

  ctx.realm.enterFrames = (frames) => {
    const thread = ctx.currentThread();
    thread.libraryFrames.push({ depth: thread.stack.length, frames });
  };
  ctx.realm.leaveFrames = () => {
    ctx.currentThread().libraryFrames.pop();
  };
  ctx.realm.onExceptionMade = (error) => noteRaisedHere(error as PyBaseException, ctx.currentThread());

  /** The program's coroutines' frames, for the source pointer and tracebacks. */
  const coroutineFrames: FrameHooks = {
    enter(coro, thrown) {
      const thread = ctx.currentThread();
      if (thrown instanceof PyBaseException) noteEntered(thrown, coro);
      enterFrame(thread, coro);
    },
    leave() {
      leaveFrame(ctx.currentThread());
    },
  };

  const py = {
    // ── builtins ──────────────────────────────────────────────────────────────
    /** `print(*args, sep=' ', end='\n')`: a trailing `{sep, end, file}` object holds the keywords. */
    print: (...args: unknown[]): void => ctx.output.print(args),
    /** `id(obj)`: stable per object, address-like. */
    id: (obj: object): number => pyId(obj),
    /** `repr(x)` / `str(x)`. */
    repr: (value: unknown): string => repr(value),
    str: (value: unknown): string => str(value),
    /** Python's exception classes, to raise (`throw new py.builtins.ValueError('x')`) and catch (`instanceof`). */
    builtins: {
      BaseException: PyBaseException,
      Exception: PyException,
      KeyboardInterrupt,
      SystemExit,
      RuntimeError,
      ValueError,
      TypeError,
      KeyError,
      AttributeError,
      ZeroDivisionError,
      TimeoutError,
    },

    // ── lesson annotations ────────────────────────────────────────────────────
    /**
     * The program is now at `line` of its source: emits a `line` event, and moves the running
     * coroutine (inside a task) or the running thread's innermost frame there, so reprs and
     * tracebacks show it. `expr`: the call being made when it is not the whole line (`py.line(32,
     * 'q.get()')` for `x = q.get()`), which a traceback underlines with carets as 3.11 does.
     */
    line(line: number, expr?: string): void {
      const thread = ctx.currentThread();
      const top = innermostFrame(thread);
      if (top === undefined) return;
      top.line = line;
      if (!(top instanceof Coroutine)) (top as StackFrame).expr = expr;
      showPointer(thread);
      // Between two lines CPython runs a pending Ctrl+C's handler: KeyboardInterrupt is raised here.
      if (thread.isMain) ctx.kernel.signalCheck();
    },
    /**
     * `def name(...)` at `line` of the program: names the function for reprs
     * (`more_work(6) at threads-threadsafe.py:9`) and gives it a frame in tracebacks. Works for
     * plain functions and for generator functions (those that block).
     */
    def<F extends AnyFunction>(name: string, line: number, fn: F): F {
      const file = ctx.file;
      const isGeneratorFunction = Object.getPrototypeOf(fn) === Object.getPrototypeOf(function* () {});
      const wrapped = isGeneratorFunction
        ? function* (this: unknown, ...args: unknown[]) {
            return yield* inFrame(ctx.currentThread(), ctx.sources, { file, name, line }, () => (fn as unknown as (...a: unknown[]) => Generator<unknown, unknown, unknown>)(...args));
          }
        : function (this: unknown, ...args: unknown[]) {
            const thread = ctx.currentThread();
            const frame: StackFrame = { file, name, line };
            thread.stack.push(frame);
            enterFrame(thread, frame);
            try {
              return (fn as unknown as (...a: unknown[]) => unknown)(...args);
            } catch (error) {
              if (error instanceof PyBaseException) leaving(error, thread, ctx.sources);
              throw error;
            } finally {
              thread.stack.pop();
              leaveFrame(thread);
            }
          };
      return markPyDef(pyFunction(wrapped as unknown as F, { name, file, line }));
    },
    /** `async def name(...)` at `line` of the program (asyncDef with the program's file). */
    asyncDef<A extends unknown[], T>(name: string, line: number, body: (...args: A) => Generator<unknown, T, unknown>, options: Omit<CoroutineOptions, 'file' | 'line'> = {}) {
      const file = ctx.file;
      // An exception leaving the coroutine gets its frame (at the line it stood at), as in CPython.
      const framed = function* (...args: A): Generator<unknown, T, unknown> {
        try {
          return yield* body(...args);
        } catch (error) {
          if (error instanceof PyBaseException) {
            const coro = runningCoroutine();
            error.frames.unshift(ctx.sources.frame({ file, name, line: coro === undefined ? line : enteredLine(error, coro) }));
            // It enters the coroutine that awaits this one, if one does (a task's step catches it otherwise).
            const thread = ctx.currentThread();
            const caller = thread.frames[thread.frames.length - 2];
            if (caller instanceof Coroutine) noteEntered(error, caller);
          }
          throw error;
        }
      };
      const make = asyncDef(name, framed, { ...options, file, line, frames: coroutineFrames });
      // Each coroutine object is remembered, with how many loops existed when it was made, for the
      // exit-time "coroutine ... was never awaited" warning (interpreter.ts).
      const recorded = (...args: A): Coroutine<T> => {
        const coro = make(...args);
        coroutines.push({ coro: coro as Coroutine<unknown>, loopsBefore: loops.length });
        return coro;
      };
      return markCoroutineFunction(Object.assign(recorded, { __qualname__: make.__qualname__ })) as typeof make;
    },

    // ── time ──────────────────────────────────────────────────────────────────
    time,

    // ── threading ─────────────────────────────────────────────────────────────
    threading: {
      /** `threading.Thread(target=..., args=(...), name=..., daemon=...)`. */
      Thread: (options: ThreadOptions = {}): Thread => new Thread(ctx, table, options),
      current_thread: (): Thread => table.current(),
      /** Deprecated alias (DeprecationWarning in dev mode since 3.10). */
      currentThread: (): Thread => {
        ctx.warn('DeprecationWarning', 'currentThread() is deprecated, use current_thread() instead');
        return table.current();
      },
      main_thread: (): Thread => {
        const current = ctx.kernel.current;
        ctx.kernel.current = ctx.kernel.main;
        try {
          return table.current();
        } finally {
          ctx.kernel.current = current;
        }
      },
      get_ident: (): number => ctx.currentThread().ident,
      active_count: (): number => ctx.kernel.threads.filter((t) => t.alive).length,
      Event: (): Event => new Event(ctx),
      Lock: (): Lock => new Lock(ctx),
    },

    // ── queue ─────────────────────────────────────────────────────────────────
    queue: {
      Queue: <T = unknown>(): Queue<T> => new Queue<T>(ctx),
      Empty: QueueEmpty,
    },

    // ── concurrent.futures ────────────────────────────────────────────────────
    concurrent: {
      futures: {
        ThreadPoolExecutor: (options: ExecutorOptions = {}): ThreadPoolExecutor => new ThreadPoolExecutor(ctx, table, executors, options),
        Future: <T = unknown>(): ConcurrentFuture<T> => new ConcurrentFuture<T>(ctx.kernel, (lines) => ctx.output.stderrLines(lines)),
      },
    },

    // ── asyncio (the runtime's, bound to this process) ────────────────────────
    asyncio: {
      newEventLoop: (): BaseEventLoop => newEventLoop(),
      getEventLoop: (): BaseEventLoop => getEventLoop(),
      setEventLoop: (loop: BaseEventLoop | null): void => setEventLoop(loop),
      getRunningLoop: (): BaseEventLoop => getRunningLoop(),
      /** `asyncio.get_event_loop_policy()` / `set_event_loop_policy(p)` (3.14+: DeprecationWarning). */
      getEventLoopPolicy: (): DefaultEventLoopPolicy => getEventLoopPolicy(),
      setEventLoopPolicy: (policy: DefaultEventLoopPolicy | null): void => setEventLoopPolicy(policy),
      /** `asyncio.DefaultEventLoopPolicy` (3.14+: reading the name warns, as the module's __getattr__ does). */
      get DefaultEventLoopPolicy(): typeof DefaultEventLoopPolicy {
        warnDeprecated('asyncio.DefaultEventLoopPolicy');
        return DefaultEventLoopPolicy;
      },
      /** `asyncio.iscoroutinefunction(f)` (3.14+: DeprecationWarning). */
      iscoroutinefunction,
      /** `asyncio.run_coroutine_threadsafe(coro, loop)`: a concurrent Future chained to the task. */
      runCoroutineThreadsafe: <T>(coro: CoroutineLike<T>, loop: BaseEventLoop): ConcurrentFuture<T> => runCoroutineThreadsafe(ctx, coro, loop),
      /** `asyncio.all_tasks(loop)`: the loop's pending tasks, in creation order. */
      allTasks: (loop?: BaseEventLoop) => allTasks<Task>(loop ?? getRunningLoop()),
      currentTask: (loop?: BaseEventLoop) => currentTask<Task>(loop ?? getRunningLoop()),
      /** `asyncio.run(main())`: `yield* py.asyncio.run(main())`. */
      run: runBlocking,
      sleep,
      wait,
      waitFor,
      /** `asyncio.timeout(delay)` / `timeout_at(when)`; `async with` is `cm._enter()` ... `cm._exit(error or null)` (timeouts.ts). */
      timeout,
      timeoutAt,
      gather,
      shield,
      ensureFuture,
      createTask,
      asyncDef,
      Future,
      Task,
      Coroutine,
      FIRST_COMPLETED,
      FIRST_EXCEPTION,
      ALL_COMPLETED,
      CancelledError,
      InvalidStateError,
      TimeoutError,
    },

    // ── traceback ─────────────────────────────────────────────────────────────
    traceback: {
      /** `traceback.format_exc()` for the exception being handled (passed in): its lines, as one string. */
      format_exc: (error: unknown): string => `${formatException(completeTraceback(toPyException(error))).join('\n')}\n`,
      /** `traceback.print_exc()`: the same, on stderr. */
      print_exc: (error: unknown): void => ctx.output.stderrLines(formatException(completeTraceback(toPyException(error)))),
    },

    // ── sys ───────────────────────────────────────────────────────────────────
    sys: {
      /** `sys.stdout.write` / `sys.stderr.write`. */
      stdout: { write: (text: string): void => ctx.output.write('stdout', text) },
      stderr: { write: (text: string): void => ctx.output.write('stderr', text) },
    },
  };
  return py;
}
