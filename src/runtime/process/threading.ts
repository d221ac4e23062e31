// The `threading` module of the simulated process (CPython's Lib/threading.py): Thread, Event,
// Lock, current_thread. A Thread's target is a generator function (`function*`) when it blocks
// (time.sleep, q.get, a loop's run_forever...), or a plain function when it does not.
import { RuntimeError, SystemExit, formatException, toPyException } from '../exceptions.js';
import { functionName, pyAddress, pyFunctionInfo } from '../repr.js';
import type { ProcessContext } from './context.js';
import { STDLIB_FRAMES, WAIT_FRAMES, completeTraceback, inFrame } from './frames.js';
import type { Op } from './requests.js';
import type { SimThread } from './thread.js';
import { WaitQueue } from './wait-queue.js';

/** A thread's target: a generator function when it blocks, else a plain function. */
export type ThreadTarget = (...args: never[]) => unknown;

export interface ThreadOptions {
  target?: ThreadTarget;
  args?: readonly unknown[];
  name?: string;
  /** Default: the creating thread's daemon flag (False for the main thread). */
  daemon?: boolean;
}

const PY_DEF = Symbol('py.def');

/** Marks a function wrapped by py.def (it pushes its own frame). */
export function markPyDef<F extends object>(fn: F): F {
  Object.defineProperty(fn, PY_DEF, { value: true });
  return fn;
}

function isPyDef(fn: unknown): boolean {
  return typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[PY_DEF] === true;
}

/** The Python objects of the process's threads, by simulated thread. */
export class ThreadTable {
  private readonly objects = new Map<SimThread, Thread>();

  constructor(private readonly ctx: ProcessContext) {}

  register(sim: SimThread, thread: Thread): void {
    this.objects.set(sim, thread);
  }

  /** `threading.current_thread()`. */
  current(): Thread {
    const sim = this.ctx.currentThread();
    let thread = this.objects.get(sim);
    if (thread === undefined) {
      thread = Thread.wrap(this.ctx, this, sim);
      this.objects.set(sim, thread);
    }
    return thread;
  }
}

/** `threading.Thread`. */
export class Thread {
  /** The simulated thread; created at construction, it runs from start(). */
  private sim: SimThread;
  private readonly target: ThreadTarget | undefined;
  private readonly args: readonly unknown[];
  private startedOnce = false;

  constructor(
    private readonly ctx: ProcessContext,
    table: ThreadTable,
    options: ThreadOptions = {},
    sim?: SimThread,
  ) {
    this.target = options.target;
    this.args = options.args ?? [];
    if (sim !== undefined) {
      this.sim = sim;
      this.startedOnce = true;
      return;
    }
    // Lib/threading.py _newname(): 'Thread-N', and since 3.10 ' (target)' when there is a target.
    const name = options.name ?? (options.target ? `Thread-${++ctx.counters.thread} (${functionName(options.target)})` : `Thread-${++ctx.counters.thread}`);
    const daemon = options.daemon ?? ctx.currentThread().daemon;
    this.sim = ctx.kernel.createThread(name, daemon);
    table.register(this.sim, this);
  }

  /** The Thread object of an existing simulated thread (the main thread). */
  static wrap(ctx: ProcessContext, table: ThreadTable, sim: SimThread): Thread {
    return new Thread(ctx, table, {}, sim);
  }

  get name(): string {
    return this.sim.name;
  }

  /** `Thread.ident`: None (null) until started. */
  get ident(): number | null {
    return this.startedOnce ? this.sim.ident : null;
  }

  get native_id(): number | null {
    return this.ident === null ? null : 4000 + this.ctx.kernel.threads.indexOf(this.sim);
  }

  get daemon(): boolean {
    return this.sim.daemon;
  }

  set daemon(value: boolean) {
    if (this.startedOnce) throw new RuntimeError('cannot set daemon status of active thread');
    (this.sim as { daemon: boolean }).daemon = value;
  }

  /** Deprecated since 3.10: `setDaemon() is deprecated, set the daemon attribute instead`. */
  setDaemon(value: boolean): void {
    this.ctx.warn('DeprecationWarning', 'setDaemon() is deprecated, set the daemon attribute instead');
    this.daemon = value;
  }

  isDaemon(): boolean {
    this.ctx.warn('DeprecationWarning', 'isDaemon() is deprecated, get the daemon attribute instead');
    return this.daemon;
  }

  getName(): string {
    this.ctx.warn('DeprecationWarning', 'getName() is deprecated, get the name attribute instead');
    return this.name;
  }

  is_alive(): boolean {
    return this.sim.alive;
  }

  isAlive(): boolean {
    return this.is_alive();
  }

  /**
   * `start()`: the new thread runs first, up to its first blocking point (CPython's start() waits
   * for the new thread's `_started` event, and the new thread keeps the GIL until it blocks); then
   * the caller continues. Real Python may interleave their prints: the trace marks both as a race.
   */
  start(): void {
    if (this.startedOnce) throw new RuntimeError('threads can only be started once');
    this.startedOnce = true;
    this.ctx.kernel.start(this.sim, this.bootstrap());
  }

  /** `join(timeout=None)`: `yield* t.join()`. */
  *join(timeout: number | null = null): Op<void> {
    if (!this.startedOnce) throw new RuntimeError('cannot join thread before it is started');
    if (this.sim === this.ctx.currentThread()) throw new RuntimeError('cannot join current thread');
    const deadline = timeout === null ? null : this.ctx.kernel.now + timeout;
    while (this.sim.state !== 'done') {
      const remaining = deadline === null ? null : deadline - this.ctx.kernel.now;
      if (remaining !== null && remaining <= 0) return;
      yield { kind: 'wait', queue: this.sim.exited, timeout: remaining, on: 'join', frames: WAIT_FRAMES.join(timeout) };
    }
  }

  /** Thread._bootstrap_inner: run the target; an uncaught exception goes to threading.excepthook. */
  private *bootstrap(): Op<void> {
    const target = this.target;
    if (target === undefined) return;
    const thread = this.sim;
    const info = pyFunctionInfo(target);
    try {
      const body = () => (target as (...args: unknown[]) => unknown)(...this.args) as Generator<unknown, unknown, unknown> | unknown;
      if (isPyDef(target)) {
        const result = body();
        if (isIterator(result)) yield* result as Op<unknown>;
      } else {
        yield* inFrame(thread, this.ctx.sources, { file: info?.file ?? this.ctx.file, name: functionName(target), line: info?.line ?? 0 }, body) as Op<unknown>;
      }
    } catch (error) {
      if (error instanceof SystemExit) return;
      const exc = toPyException(error);
      completeTraceback(exc);
      exc.frames.unshift(...STDLIB_FRAMES.bootstrap);
      thread.error = exc;
      // threading.excepthook
      this.ctx.output.stderrLines([`Exception in thread ${thread.name}:`, ...formatException(exc)]);
    }
  }

  __repr__(): string {
    const status = !this.startedOnce ? 'initial' : this.sim.state === 'done' ? 'stopped' : 'started';
    const parts = [status];
    if (this.daemon) parts.push('daemon');
    if (this.startedOnce) parts.push(String(this.sim.ident));
    const cls = this.sim.isMain ? '_MainThread' : 'Thread';
    return `<${cls}(${this.name}, ${parts.join(' ')})>`;
  }
}

function isIterator(value: unknown): value is Iterator<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Iterator<unknown>).next === 'function';
}

/** `threading.Event`. */
export class Event {
  private flag = false;
  private readonly waiters: WaitQueue;

  constructor(private readonly ctx: ProcessContext) {
    this.waiters = new WaitQueue(ctx.kernel);
  }

  is_set(): boolean {
    return this.flag;
  }

  isSet(): boolean {
    return this.flag;
  }

  set(): void {
    this.flag = true;
    this.waiters.notifyAll();
  }

  clear(): void {
    this.flag = false;
  }

  /** `wait(timeout=None)`: `const ok = yield* ev.wait()`; True once set, False on timeout. */
  *wait(timeout: number | null = null): Op<boolean> {
    const deadline = timeout === null ? null : this.ctx.kernel.now + timeout;
    while (!this.flag) {
      const remaining = deadline === null ? null : deadline - this.ctx.kernel.now;
      if (remaining !== null && remaining <= 0) return false;
      yield { kind: 'wait', queue: this.waiters, timeout: remaining, on: 'event.wait()', frames: WAIT_FRAMES.eventWait(timeout) };
    }
    return true;
  }

  __repr__(): string {
    return `<threading.Event at ${pyAddress(this)}: ${this.flag ? 'set' : 'unset'}>`;
  }
}

/** `threading.Lock`. */
export class Lock {
  private held = false;
  private readonly waiters: WaitQueue;

  constructor(private readonly ctx: ProcessContext) {
    this.waiters = new WaitQueue(ctx.kernel);
  }

  locked(): boolean {
    return this.held;
  }

  /** `acquire(blocking=True, timeout=-1)`: `yield* lock.acquire()`. */
  *acquire(blocking = true, timeout = -1): Op<boolean> {
    const deadline = !blocking ? this.ctx.kernel.now : timeout < 0 ? null : this.ctx.kernel.now + timeout;
    while (this.held) {
      const remaining = deadline === null ? null : deadline - this.ctx.kernel.now;
      if (remaining !== null && remaining <= 0) return false;
      yield { kind: 'wait', queue: this.waiters, timeout: remaining, on: 'lock.acquire()' };
    }
    this.held = true;
    return true;
  }

  release(): void {
    if (!this.held) throw new RuntimeError('release unlocked lock');
    this.held = false;
    this.waiters.notifyOne();
  }
}
