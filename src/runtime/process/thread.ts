// A simulated OS thread: its identity (name, ident, daemon), the generator that is its program,
// and where it stands in the kernel's state machine.
//
//   new ──start()──> runnable ──picked (holds the GIL)──> running ──yields a request──> blocked
//                       ^                                   │  │                          │
//                       └────────── woken (time, notify, interrupt) ───────────────────────┘
//                                                           └──returns / raises──> done
//
// Invariant: exactly one thread is 'running' while the kernel steps (the GIL).
import type { PyBaseException, PyFrame } from '../exceptions.js';
import type { BlockingRequest } from '../blocking.js';
import type { KernelRequest } from './requests.js';
import type { WaitQueue } from './wait-queue.js';

export type ThreadState = 'new' | 'runnable' | 'running' | 'blocked' | 'done';

/** How a thread resumes: with a value (next) or an exception (throw). */
export type Resume = { value: unknown } | { error: unknown };

/** What a blocked thread waits for. */
export interface BlockState {
  request: KernelRequest;
  /** Label shown in the trace ('select', 'time.sleep(6)', 'q.get()', ...). */
  on: string;
  /** Time since start (src/runtime/clock.ts) at which it wakes by itself; null = only an event wakes it. */
  deadline: number | null;
  /** The instant it blocked at (a selector wait reports how long it slept). */
  since: number;
  /** Order of blocking, to break ties between equal deadlines deterministically. */
  seq: number;
  queue?: WaitQueue;
}

/** One frame of a thread's Python call stack (the module, then functions it called). */
export interface StackFrame {
  file: string;
  name: string;
  /** The line being executed in this frame (set by `py.line`). */
  line: number;
  /** The part of the line being executed, when it is not the whole line (3.11 underlines it with carets). */
  expr?: string;
}

export class SimThread {
  state: ThreadState = 'new';
  program: Generator<BlockingRequest, unknown, unknown> | undefined = undefined;
  resume: Resume = { value: undefined };
  blocked: BlockState | undefined = undefined;
  /** The Python call stack, outermost first (kept by py.line and py.def). */
  readonly stack: StackFrame[] = [];
  /** The program's frames as the source pointer follows them (stack frames and running coroutines), innermost last (pointer.ts). */
  readonly frames: { line: number }[] = [];
  /** The line the thread's pointer last showed (its last `line` event). */
  pointer: number | undefined = undefined;
  /** CPython's own frames the thread is in (a loop's run_forever...), each above `stack[depth]`. */
  readonly libraryFrames: { depth: number; frames: readonly PyFrame[] }[] = [];
  /** The exception that ended the thread, if one did. */
  error: PyBaseException | undefined = undefined;
  /** Set once the thread has started running (CPython's `_started` event). */
  started = false;

  constructor(
    /** `Thread.name`: 'MainThread', 'Thread-1 (start_loop)', 'ThreadPoolExecutor-0_0'. */
    readonly name: string,
    /** `Thread.ident`: looks like a pthread_t address, as CPython's do. */
    readonly ident: number,
    readonly daemon: boolean,
    readonly isMain: boolean,
    /** Threads blocked in `join()` on this thread (woken when it ends). */
    readonly exited: WaitQueue,
  ) {}

  get alive(): boolean {
    return this.started && this.state !== 'done';
  }
}

/** Frames a request adds below the caller when KeyboardInterrupt is raised at it. */
export type RequestFrames = (request: KernelRequest) => PyFrame[];
