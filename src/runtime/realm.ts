// A realm is one simulated Python process's global state: what CPython keeps per process
// (the task-name counter in tasks.py, id() values, thread idents), the clock every loop and
// thread reads (time.monotonic), the tracer, and where printed lines go.
//
// A standalone loop uses the default realm; the simulated process creates a fresh realm for each
// run, so every run starts from Task-1 and replays identically.
import type { PyFrame } from './exceptions.js';
import { DEFAULT_PYTHON_VERSION, PYTHONS, type PythonBehaviour, type PythonVersion } from './python-version.js';
import { VirtualClock } from './clock.js';
import { Tracer } from './trace.js';

export { VirtualClock } from './clock.js';
export type { Clock } from './clock.js';

/** Hooks the simulated process installs; a standalone realm has a single main thread. */
export interface ThreadHooks {
  /** Name of the running simulated thread ('MainThread', 'Thread-1', ...). */
  currentThreadName(): string;
  /** A key identifying the running thread (per-thread event loop policy state hangs off it). */
  currentThreadKey(): object;
  /** True when the running thread is the main thread. */
  isMainThread(): boolean;
}

/** Receives every printed line (stdout or stderr). */
export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

const MAIN_THREAD_KEY = {};

export class Realm {
  readonly clock: VirtualClock;
  /** The Python version this process is: everything that differs between versions is read from here. */
  readonly python: PythonBehaviour;
  readonly tracer: Tracer;
  threads: ThreadHooks = {
    currentThreadName: () => 'MainThread',
    currentThreadKey: () => MAIN_THREAD_KEY,
    isMainThread: () => true,
  };
  /** Lines printed so far, in order, with their stream (kept for tests and the plain view). */
  readonly output: { stream: 'stdout' | 'stderr'; thread: string; text: string }[] = [];
  /** Extra sink for printed lines (e.g. a live view). */
  sink: OutputSink | undefined = undefined;
  /** asyncio debug mode for loops created in this realm (`python -X dev`, PYTHONASYNCIODEBUG=1). */
  debug = false;
  /**
   * The simulated program's call stack, outermost first, when the program tracks it. Debug mode
   * records it where handles are created (`created at FILE:LINE`, `source_traceback`).
   */
  extractStack: (() => PyFrame[]) | undefined = undefined;
  /**
   * The loop entering and leaving CPython frames of its own (run_until_complete, run_forever,
   * `_run_once` running a handle, Handle._run), so that a stack extracted meanwhile shows them as
   * `traceback.extract_stack()` would. Set by a program that tracks its stack.
   */
  enterFrames: ((frames: readonly PyFrame[]) => void) | undefined = undefined;
  leaveFrames: (() => void) | undefined = undefined;
  /**
   * Called when a loop's self-pipe is written (`call_soon_threadsafe`), so the kernel can wake the
   * thread blocked in that loop's selector wait. Standalone, the loop's next select returns at once.
   */
  onSelfPipeWrite: ((loop: object) => void) | undefined = undefined;
  /**
   * warnings.warn from asyncio's own code (e.g. 3.12's 'There is no current event loop'): the
   * simulated process shows it as CPython's default filters do; a standalone realm drops it.
   */
  warn: ((category: string, message: string) => void) | undefined = undefined;
  /**
   * Called with every Python exception made in this realm (CPython's `raise X(...)` makes and raises
   * it at one line): the simulated process notes where it is raised, for its traceback.
   */
  onExceptionMade: ((error: object) => void) | undefined = undefined;
  /**
   * The main thread's Python-level SIGINT handler (`signal.signal(SIGINT, handler)`); undefined is
   * `signal.default_int_handler`, which raises KeyboardInterrupt where the main thread stands.
   * asyncio's Runner installs one while it runs (runners.py). The simulated process calls it, as the
   * main thread, where a Ctrl+C lands: returning means the signal was handled (the main thread goes
   * on with what it was doing), raising KeyboardInterrupt raises it there.
   */
  sigintHandler: (() => void) | undefined = undefined;
  /** Called by every event loop created in this realm (the simulated process collects them at exit). */
  onLoopCreated: ((loop: object) => void) | undefined = undefined;
  /** Called with every event loop, future and task created in this realm, for `watchRealm` (snapshot.ts). */
  onCreated: ((object: object) => void) | undefined = undefined;

  private serial = 0;
  private taskCounter = 0;
  private loopCounter = 0;
  private nextPyId = 0x7f3c_5a1e_0000;

  constructor(clock: VirtualClock = new VirtualClock(), version: PythonVersion = DEFAULT_PYTHON_VERSION) {
    this.clock = clock;
    this.python = PYTHONS[version];
    this.tracer = new Tracer(
      // An event's `t` is the time since start: stamping it reads no clock (no tick).
      () => this.clock.elapsed(),
      () => this.threads.currentThreadName(),
    );
  }

  /** A serial number for a handle, future or task, unique in this realm (trace ids). */
  nextSerial(): number {
    return ++this.serial;
  }

  /** `Task-N`, numbered as CPython's `_task_name_counter` numbers them (per process, from 1). */
  nextTaskName(): string {
    return `Task-${++this.taskCounter}`;
  }

  /** A loop's serial number in this realm. */
  nextLoopId(): number {
    return ++this.loopCounter;
  }

  /** An `id()` value that looks like CPython's (an address), stable for the object's lifetime. */
  allocatePyId(): number {
    const id = this.nextPyId;
    this.nextPyId += 0x1d0;
    return id;
  }

  /** Records a printed line and emits it on the trace. */
  writeLine(stream: 'stdout' | 'stderr', text: string): void {
    const thread = this.threads.currentThreadName();
    this.output.push({ stream, thread, text });
    if (this.tracer.enabled) this.tracer.emit({ type: 'output', stream, text, instant: this.clock.instant });
    this.sink?.(stream, text);
  }
}

let current = new Realm();

/** The realm simulated code runs in now. */
export function getRealm(): Realm {
  return current;
}

/** Makes `realm` current (the simulated process does this when it starts a run); returns the previous one. */
export function setRealm(realm: Realm): Realm {
  const previous = current;
  current = realm;
  return previous;
}

/** Runs `fn` with `realm` current, restoring the previous realm afterwards. */
export function withRealm<T>(realm: Realm, fn: () => T): T {
  const previous = setRealm(realm);
  try {
    return fn();
  } finally {
    setRealm(previous);
  }
}
