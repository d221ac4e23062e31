// runProcess: one run of a simulated CPython process. It makes a fresh realm (so tasks are numbered
// from Task-1 and ids and idents start over), a kernel with the main thread, and `py`; runs the
// program as the main module, then the interpreter's shutdown; and returns the whole trace and how
// the run ended. Same program and same interrupts give the same trace.
import type { BaseEventLoop } from '../base-events.js';
import { PROCESS_CLOCK_ORIGIN, VirtualClock, type ClockOptions } from '../clock.js';
import { Realm, withRealm } from '../realm.js';
import type { TraceEvent } from '../trace.js';
import type { ProcessContext } from './context.js';
import { ExecutorRegistry } from './executor.js';
import { SourceFiles, inFrame, noteRaised } from './frames.js';
import { Interpreter, type ProgramCoroutine } from './interpreter.js';
import { Kernel, type KernelSink } from './kernel.js';
import { ProcessOutput } from './output.js';
import { createPy, type Py } from './py.js';
import type { Op } from './requests.js';
import { Warnings } from './warnings.js';

export interface ProcessOptions {
  /** asyncio debug mode and dev-mode warnings (`python3 -X dev`). Default false. */
  debug?: boolean;
  /** Simulated times (seconds) at which Ctrl+C is pressed. */
  interrupts?: readonly number[];
  /** Stop at this simulated time if the process has not exited. Default 60. */
  until?: number;
  /** The program's file name, as tracebacks and reprs show it. Default 'main.py'. */
  file?: string;
  /** The program's source text, so tracebacks can show each frame's line. */
  source?: string;
  /** Called with the fresh realm before the program starts (to listen to its tracer, or `watchRealm` it). */
  observe?: (realm: Realm) => void;
  /**
   * Streams the run: events go to the sink as they become final and the result's `events` is
   * empty, so a run of any length takes bounded memory.
   */
  sink?: ProcessSink;
  /**
   * The monotonic clock (src/runtime/clock.ts). Default: origin PROCESS_CLOCK_ORIGIN (loop.time()
   * reads like a real machine's, not 0.0), one tick of CLOCK_TICK per read.
   */
  clock?: ClockOptions;
}

/** What a streaming run's consumer can do to the run while it goes. */
export interface ProcessControl {
  /** Ctrl+C at simulated time `t` (now, if that has passed). */
  interrupt(t: number): void;
  /** Ends the run at the next point the kernel gets control; it then ends as if `until` was reached. */
  stop(): void;
  /** The simulated time now. */
  now(): number;
}

export interface ProcessSink extends KernelSink {
  /** Called once, before the program starts, with the run's controls. */
  attach?(control: ProcessControl): void;
}

/** The main module: a generator function receiving `py` (it may also be a plain function). */
export type MainProgram = (py: Py) => Op<unknown> | void;

/** How a run ended (the same shape as the lessons' RunEnd). */
export type RunEnd =
  | { kind: 'exit'; status: number }
  /** Still running (or hanging) at `until`. */
  | { kind: 'until'; t: number };

export interface ProcessResult {
  events: TraceEvent[];
  end: RunEnd;
  /** The realm the run used (its `output` holds every printed line with its thread). */
  realm: Realm;
}

export function runProcess(main: MainProgram, options: ProcessOptions = {}): ProcessResult {
  const realm = new Realm(new VirtualClock({ origin: PROCESS_CLOCK_ORIGIN, ...options.clock }));
  realm.debug = options.debug ?? false;
  const kernel = new Kernel(realm, options.interrupts ?? [], options.sink);
  options.sink?.attach?.({ interrupt: (t) => kernel.addInterrupt(t), stop: () => kernel.stop(), now: () => kernel.now });
  options.observe?.(realm);
  const file = options.file ?? 'main.py';
  const sources = new SourceFiles();
  if (options.source !== undefined) sources.add(file, options.source);
  const output = new ProcessOutput(realm);
  const warnings = new Warnings(kernel, output, sources, realm.debug, file);
  const ctx: ProcessContext = {
    realm,
    kernel,
    sources,
    output,
    file,
    debug: realm.debug,
    coroutinesInCallbacks: new Map(),
    counters: { thread: 0, executor: 0 },
    warn: (category, message) => warnings.warn(category, message),
    currentThread: () => kernel.current,
  };
  const executors = new ExecutorRegistry();
  const loops: BaseEventLoop[] = [];
  const coroutines: ProgramCoroutine[] = [];
  const interpreter = new Interpreter({ ctx, executors, warnings, loops, coroutines });
  kernel.onIdle = (timersPending) => interpreter.idle(timersPending);
  kernel.onRaise = (error, thread) => noteRaised(error, thread, sources);

  let status = 0;
  const end = withRealm(realm, () => {
    const py = createPy({ ctx, executors, loops, coroutines });
    const module = () => inFrame(kernel.main, sources, { file, name: '<module>', line: 1 }, () => main(py)) as Op<unknown>;
    kernel.setMainProgram(
      (function* () {
        status = yield* interpreter.main(module);
      })(),
    );
    return kernel.run(options.until ?? 60);
  });
  return { events: kernel.events, end: end.kind === 'done' ? { kind: 'exit', status } : end, realm };
}
