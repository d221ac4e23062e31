// The kernel of the simulated process: it runs simulated threads one at a time (the GIL), parks
// them on the requests they yield (time.sleep, a selector wait, a wait queue), wakes them by time or
// by event, moves the virtual clock, and delivers Ctrl+C. It mirrors no CPython file: it plays the
// part of the OS scheduler and of the GIL hand-off in Python/ceval_gil.c.
//
// Determinism: the runnable queue is FIFO; threads woken by one wait (same instant) run in the order
// they blocked. A thread that yields a request which can be satisfied at once
// (select(0), a self-pipe already written, a wait with timeout 0) keeps running: only a real block
// hands the GIL over. Where real Python could order two threads' work either way, races.ts marks it.
import { KeyboardInterrupt, excLine, type PyFrame } from '../exceptions.js';
import { STDLIB_FRAMES } from './frames.js';
import type { Realm } from '../realm.js';
import { str } from '../repr.js';
import type { EventInit, TraceEvent } from '../trace.js';
import { RaceRecorder, type CountPokes, type Segment } from './races.js';
import { epollTimeout, type BlockingRequest } from '../blocking.js';
import type { KernelRequest, SelectResult } from './requests.js';
import { SimThread } from './thread.js';
import { WaitQueue, type Waker } from './wait-queue.js';

/** How the kernel's run ended: the main thread finished, or nothing more happens before `until`. */
export type KernelEnd = { kind: 'done' } | { kind: 'until'; t: number };

/**
 * A streaming run's consumer: it gets every event once no race mark can change it, and the kernel
 * keeps none of them (only those an unresolved race may still mark, at most HELD_EVENTS_LIMIT).
 */
export interface KernelSink {
  event(event: TraceEvent): void;
  /**
   * Called before the clock moves forward to `t` by a wait (a sleep, a selector timeout): the one
   * place a run can be held at its frontier. It may block (a worker waits here for its reader) and
   * may add interrupts or stop the run; the kernel looks at its queues again afterwards.
   */
  beforeAdvance?(t: number): void;
  /**
   * Called wherever the main thread looks for a pending signal while it runs code (every line):
   * the consumer may add an interrupt there (a worker reads a Ctrl+C its reader sent), and it is
   * raised at once. Must be cheap.
   */
  poll?(): void;
}

/**
 * Events a streaming run holds back while a race between threads is unresolved. A thread that
 * never blocks again would hold them for ever: past this many, the oldest are handed out as they
 * are (a race mark that lands later on them is lost), so memory stays bounded.
 */
export const HELD_EVENTS_LIMIT = 100_000;

/** The first ident handed to a new thread, and the step between threads (an 8 MiB stack plus a guard page, as glibc lays them out). */
const FIRST_THREAD_IDENT = 0x7fa1_1399_96c0;
const THREAD_IDENT_STEP = 0x80_1000;
/** The main thread's ident (its pthread_t lives above the others). */
const MAIN_THREAD_IDENT = 0x7fa1_15c4_6b80;
/** Linux's default timer slack (timerslack_ns = 50 µs): timed wake-ups this close together happen as one. */
export const TIMER_SLACK = 50e-6;


export class Kernel implements Waker {
  readonly threads: SimThread[] = [];
  readonly main: SimThread;
  /** The thread holding the GIL (the main thread between slices, for events the kernel emits). */
  current: SimThread;
  /**
   * Every trace event of the run, in order; in a streaming run (`sink` set) only those not yet
   * handed to the sink, from absolute number `eventBase` on.
   */
  readonly events: TraceEvent[] = [];
  /** Absolute number of `events[0]`. */
  private eventBase = 0;
  private readonly sink: KernelSink | undefined;
  /** Set by `stop()`: the run ends at the next point the kernel gets control. */
  private stopped = false;
  readonly races: RaceRecorder;
  /** How many interrupts have been delivered. */
  interruptCount = 0;
  /** Called when the kernel raises an exception in a thread (to record where, for its traceback). */
  onRaise: ((error: KeyboardInterrupt, thread: SimThread) => void) | undefined = undefined;
  /** Called whenever no thread is runnable, with whether any thread waits for a deadline. */
  onIdle: ((timersPending: boolean) => void) | undefined = undefined;

  private readonly runnable: SimThread[] = [];
  /** The threads the last timer expiry woke, and when: a Ctrl+C at that instant races with them. */
  private timerWakes: { at: number; sides: Segment[] } | undefined = undefined;
  /** Which thread waits in each loop's selector (the loop keeps its own self-pipe flag). */
  private readonly selecting = new Map<object, SimThread>();
  private readonly interrupts: number[];
  private blockSeq = 0;
  private threadCount = 0;

  constructor(
    readonly realm: Realm,
    interrupts: readonly number[],
    sink?: KernelSink,
  ) {
    this.interrupts = [...interrupts].sort((a, b) => a - b);
    this.sink = sink;
    this.races = new RaceRecorder({ count: () => this.eventBase + this.events.length, base: () => this.eventBase, kept: this.events });
    this.main = new SimThread('MainThread', MAIN_THREAD_IDENT, false, true, new WaitQueue(this));
    this.main.started = true;
    this.threads.push(this.main);
    this.current = this.main;
    realm.tracer.listen(sink === undefined ? (event) => this.events.push(event) : (event) => this.stream(event));
    realm.threads = {
      currentThreadName: () => this.current.name,
      currentThreadKey: () => this.current,
      isMainThread: () => this.current.isMain,
    };
    realm.onSelfPipeWrite = (loop) => this.selfPipeWritten(loop);
  }

  /**
   * Time since start, as the clock last read (src/runtime/clock.ts; looking reads no clock: the
   * kernel is not the program). Deadlines, Ctrl+C moments and `until` are on this scale: a blocked
   * thread wakes at the time it blocked plus its timeout, as an OS timer is set, so a thread that
   * blocked after another for the same timeout wakes after it.
   */
  get now(): number {
    return this.realm.clock.elapsed();
  }

  /**
   * The instant: time advanced by waits only. Threads woken by one wait of the kernel share it (and
   * race); a run of callbacks that never waits stays at one instant.
   */
  get instant(): number {
    return this.realm.clock.instant;
  }

  /** Ctrl+C at simulated time `t` (or now, if that has passed), during the run. */
  addInterrupt(t: number): void {
    const at = Math.max(t, this.now);
    let i = this.interrupts.length;
    while (i > 0 && this.interrupts[i - 1]! > at) i--;
    this.interrupts.splice(i, 0, at);
  }

  /**
   * CPython's eval loop looks for a pending signal between bytecodes, so a Ctrl+C that comes while
   * the main thread runs Python code raises KeyboardInterrupt right there, in the running frame (a
   * busy callback, a call_soon chain that never waits), not at its next blocking point. The program
   * calls this at every line the main thread runs; a Ctrl+C the clock has passed is raised from
   * here. Strictly passed: lines between two reads of the clock share one time, and a Ctrl+C at the
   * time of one of them (the step the lab showed when it was pressed) lands after all of them. A
   * Ctrl+C within the timer slack of the wake-up that started this stretch is left to run(): it
   * lands in that wake-up's instant, racing with the threads it woke.
   */
  signalCheck(): void {
    this.sink?.poll?.();
    const at = this.interrupts[0];
    if (at === undefined || !(this.now > at) || this.current !== this.main) return;
    if (this.timerWakes?.at === this.instant && at <= this.instant + TIMER_SLACK) return;
    this.interrupts.shift();
    this.interruptCount++;
    this.emit({ type: 'interrupt', n: this.interruptCount });
    // A Python-level handler (asyncio.run's) runs here, between two lines; if it returns, the code goes on.
    const error = this.sigint();
    if (error === 'handled') return;
    this.onRaise?.(error, this.main);
    throw error;
  }

  /**
   * SIGINT's Python-level handling in the main thread: the handler installed (realm.sigintHandler,
   * asyncio.run's) runs as the main thread; 'handled' when it returned, else the KeyboardInterrupt to
   * raise where the main thread stands (the handler's, or `signal.default_int_handler`'s).
   */
  private sigint(): KeyboardInterrupt | 'handled' {
    const handler = this.realm.sigintHandler;
    if (handler === undefined) return new KeyboardInterrupt();
    const previous = this.current;
    this.current = this.main;
    try {
      handler();
      return 'handled';
    } catch (error) {
      if (error instanceof KeyboardInterrupt) return error;
      throw error;
    } finally {
      this.current = previous;
    }
  }

  /** Ends the run at the next point the kernel gets control (between two requests of a thread). */
  stop(): void {
    this.stopped = true;
  }

  /** A streaming run's events: handed out at once unless a race may still mark them. */
  private stream(event: TraceEvent): void {
    const sink = this.sink!;
    if (this.events.length === 0 && this.races.settledBefore() > this.eventBase) {
      this.eventBase++;
      sink.event(event);
      return;
    }
    this.events.push(event);
    this.release();
  }

  /** Hands out the held events no unresolved race covers (or the oldest, past the limit). */
  private release(): void {
    const settled = Math.max(this.races.settledBefore(), this.eventBase + this.events.length - HELD_EVENTS_LIMIT);
    const n = Math.min(this.events.length, settled - this.eventBase);
    if (n <= 0) return;
    const out = this.events.splice(0, n);
    this.eventBase += n;
    for (const event of out) this.sink!.event(event);
  }

  emit(init: EventInit): void {
    if (this.realm.tracer.enabled) this.realm.tracer.emit(init);
  }

  // ── threads ─────────────────────────────────────────────────────────────────

  /** A new (not yet started) thread; `name` as threading.Thread computes it. */
  createThread(name: string, daemon: boolean): SimThread {
    const ident = FIRST_THREAD_IDENT - this.threadCount++ * THREAD_IDENT_STEP;
    const thread = new SimThread(name, ident, daemon, false, new WaitQueue(this));
    this.threads.push(thread);
    return thread;
  }

  /** Makes the main thread run `program`. */
  setMainProgram(program: Generator<BlockingRequest, unknown, unknown>): void {
    this.main.program = program;
    this.main.state = 'runnable';
    this.runnable.push(this.main);
  }

  /**
   * `thread.start()`: CPython's start() waits until the new thread signals it has started, and the
   * new thread then keeps the GIL until it first blocks. So the new thread runs first, up to its first
   * blocking point, and then the starter continues. Both stretches are a race (real Python may switch
   * between them at any print).
   */
  start(thread: SimThread, program: Generator<BlockingRequest, unknown, unknown>): void {
    const starter = this.current;
    thread.program = program;
    this.emit({ type: 'thread_created', name: thread.name, ident: thread.ident, daemon: thread.daemon });
    const newSide = this.races.nextSlice(thread);
    thread.state = 'runnable';
    this.runSlice(thread);
    this.current = starter;
    this.races.pair(newSide, this.races.fromNow(starter));
  }

  /** The running thread acted on other threads (Waker, for wait queues). */
  poke(): void {
    if (this.current.state === 'running') this.races.poke(this.current);
  }

  /**
   * Wakes a blocked thread because something happened (Waker, for wait queues). `countPokes`: when
   * what the waker does to other threads afterwards races with the woken one (see selfPipeWritten).
   */
  wake(thread: SimThread, reason: 'notified', countPokes: CountPokes = 'never'): void {
    const block = thread.blocked;
    if (thread.state !== 'blocked' || block === undefined) return;
    const value = block.request.kind === 'select' ? ({ reason: 'self_pipe', slept: this.instant - block.since } satisfies SelectResult) : block.request.kind === 'wait' ? true : undefined;
    this.unblock(thread, { value }, reason);
    if (this.current !== thread && this.current.state === 'running') {
      this.races.pair(this.races.fromNow(this.current, countPokes), this.races.nextSlice(thread));
    }
  }

  /**
   * `call_soon_threadsafe` wrote the loop's self-pipe: wake the thread in its selector wait. (If no
   * one waits there, the loop's own `selfPipeWritten` flag makes its next wait return at once.)
   * What the writer schedules next on that loop (a second call_soon_threadsafe) may land before the
   * woken loop takes its ready queue, or after it, behind the handles that batch schedules.
   */
  selfPipeWritten(loop: object): void {
    this.poke();
    const waiter = this.selecting.get(loop);
    if (waiter !== undefined) this.wake(waiter, 'notified', 'if-other-schedules');
  }

  // ── running ─────────────────────────────────────────────────────────────────

  /**
   * Runs the scheduler until the main thread has finished (the process exited) or nothing happens
   * before `until`. This while loop is the whole OS: run whoever is runnable; when no one is, deliver
   * a due Ctrl+C, or move the clock to the next deadline and wake who was waiting for it.
   */
  run(until: number): KernelEnd {
    for (;;) {
      if (this.main.state === 'done') return this.finish({ kind: 'done' });
      if (this.stopped) return this.finish({ kind: 'until', t: this.now });
      const next = this.runnable.shift();
      if (next !== undefined) {
        this.runSlice(next);
        continue;
      }
      const timerAt = this.nextDeadline();
      this.onIdle?.(timerAt !== undefined);
      const interruptAt = this.interrupts[0];
      // A Ctrl+C within the timer slack of a timed wake-up lands in that wake-up's instant: the
      // threads it woke and the signal race (in CPython either may get the GIL first).
      const inThisWake = this.timerWakes?.at === this.instant && interruptAt !== undefined && interruptAt <= this.now + TIMER_SLACK;
      if (interruptAt !== undefined && (interruptAt <= this.now || inThisWake)) {
        this.interrupts.shift();
        this.deliverInterrupt();
        continue;
      }
      let nextAt = timerAt === undefined ? interruptAt : interruptAt === undefined ? timerAt : Math.min(timerAt, interruptAt);
      if (timerAt !== undefined && interruptAt !== undefined && interruptAt < timerAt && timerAt - interruptAt <= TIMER_SLACK) nextAt = timerAt;
      if (nextAt === undefined) {
        // Everyone is blocked and nothing can wake anyone: the process hangs for ever.
        this.realm.clock.waitUntil(until);
        return this.finish({ kind: 'until', t: until });
      }
      if (nextAt > until) {
        this.realm.clock.waitUntil(until);
        return this.finish({ kind: 'until', t: until });
      }
      if (nextAt > this.now && this.sink?.beforeAdvance) {
        // The reader may hold the run here, add a Ctrl+C or stop it: look again afterwards.
        const interrupts = this.interrupts.length;
        this.sink.beforeAdvance(nextAt);
        if (this.stopped || this.interrupts.length !== interrupts) continue;
      }
      this.realm.clock.waitUntil(nextAt);
      // One wait: every thread whose deadline has come wakes at this instant (the float sum of the
      // wait may land an ulp short of the deadline it aimed at: the deadline itself is the bar).
      if (timerAt !== undefined && timerAt === nextAt) this.wakeDueTimers(Math.max(timerAt, this.now));
    }
  }

  private finish(end: KernelEnd): KernelEnd {
    this.races.resolve();
    if (this.sink !== undefined) {
      const out = this.events.splice(0);
      this.eventBase += out.length;
      for (const event of out) this.sink.event(event);
    }
    return end;
  }

  /** Steps `thread` (it holds the GIL) until it blocks or ends. */
  private runSlice(thread: SimThread): void {
    const program = thread.program;
    if (program === undefined) throw new Error(`thread ${thread.name} has no program`);
    this.current = thread;
    thread.state = 'running';
    this.races.sliceStarted(thread);
    if (!thread.started) {
      thread.started = true;
      this.emit({ type: 'thread_started', name: thread.name });
    }
    let resume = thread.resume;
    for (;;) {
      let step: IteratorResult<BlockingRequest, unknown>;
      try {
        step = 'error' in resume ? program.throw(resume.error) : program.next(resume.value);
      } catch (error) {
        // The thread programs the process builds catch everything themselves; this is a bug guard.
        thread.state = 'done';
        this.races.sliceEnded(thread);
        throw error;
      }
      if (step.done) {
        this.threadEnded(thread);
        return;
      }
      const immediate = this.request(thread, step.value as KernelRequest);
      if (immediate === undefined) {
        this.races.sliceEnded(thread);
        return;
      }
      // A stopped run (a budget reached) leaves the thread where it stands.
      if (this.stopped) return;
      resume = immediate;
    }
  }

  private threadEnded(thread: SimThread): void {
    thread.state = 'done';
    // The main thread's end is the process's `exit` event, emitted by the interpreter.
    if (!thread.isMain) this.emit(thread.error ? { type: 'thread_exit', name: thread.name, error: excLine(thread.error) } : { type: 'thread_exit', name: thread.name });
    this.races.sliceEnded(thread);
    thread.exited.notifyAll();
  }

  /** Handles a request: returns how to resume at once, or undefined when the thread is now blocked. */
  private request(thread: SimThread, request: KernelRequest): { value: unknown } | { error: unknown } | undefined {
    switch (request.kind) {
      case 'sleep': {
        const on = request.on ?? `time.sleep(${str(request.seconds)})`;
        // time.sleep(0) still releases the GIL: others runnable now go first.
        this.block(thread, request, on, Math.max(0, request.seconds));
        return undefined;
      }
      case 'select': {
        if (request.loop.selfPipeWritten) return { value: { reason: 'self_pipe', slept: 0 } satisfies SelectResult };
        if (request.timeout !== null && request.timeout <= 0) {
          return { value: { reason: 'immediate', slept: 0 } satisfies SelectResult };
        }
        this.selecting.set(request.loop, thread);
        this.block(thread, request, 'select', request.timeout === null ? null : epollTimeout(request.timeout));
        return undefined;
      }
      case 'wait': {
        if (request.timeout !== null && request.timeout <= 0) return { value: false };
        request.queue.waiters.push(thread);
        this.block(thread, request, request.on, request.timeout, request.queue);
        return undefined;
      }
      default:
        return { error: new Error(`the simulated process cannot serve the blocking request '${(request as { kind: string }).kind}'`) };
    }
  }

  /** Parks `thread` for at most `timeout` seconds from the clock's current reading (null: until woken). */
  private block(thread: SimThread, request: KernelRequest, on: string, timeout: number | null, queue?: WaitQueue): void {
    thread.state = 'blocked';
    const deadline = timeout === null ? null : this.now + timeout;
    thread.blocked = { request, on, deadline, since: this.instant, seq: this.blockSeq++, queue };
    this.emit({ type: 'thread_blocked', name: thread.name, on, until: deadline });
  }

  /** Takes a thread out of whatever it waits on and makes it runnable with `resume`. */
  private unblock(thread: SimThread, resume: { value: unknown } | { error: unknown }, reason: 'timeout' | 'notified' | 'interrupt'): void {
    const block = thread.blocked;
    if (block === undefined) return;
    block.queue?.remove(thread);
    if (block.request.kind === 'select' && this.selecting.get(block.request.loop) === thread) this.selecting.delete(block.request.loop);
    thread.blocked = undefined;
    thread.resume = resume;
    thread.state = 'runnable';
    this.runnable.push(thread);
    const previous = this.current;
    this.current = thread;
    // Notified: by the thread running now (one runs at a time), which acted on what `thread` waits on.
    if (reason === 'notified' && previous !== thread) this.emit({ type: 'thread_woke', name: thread.name, reason, by: previous.name });
    else this.emit({ type: 'thread_woke', name: thread.name, reason });
    this.current = previous;
  }

  /**
   * The instant the next timed wake-up happens: the earliest deadline, or, when other deadlines
   * follow it within TIMER_SLACK, the latest of those, so that one wait wakes them all (as Linux
   * coalesces timers within a thread's timer slack). Two threads that meant to wake at the same
   * moment get deadlines a few clock ticks apart (each computed its timeout from its own reads);
   * woken by one wait, they share an instant and race, as they do on a real machine.
   */
  private nextDeadline(): number | undefined {
    let earliest: number | undefined;
    for (const thread of this.threads) {
      const deadline = thread.blocked?.deadline;
      if (deadline !== undefined && deadline !== null && (earliest === undefined || deadline < earliest)) earliest = deadline;
    }
    if (earliest === undefined) return undefined;
    let wake = earliest;
    for (const thread of this.threads) {
      const deadline = thread.blocked?.deadline;
      if (deadline !== undefined && deadline !== null && deadline > wake && deadline <= earliest + TIMER_SLACK) wake = deadline;
    }
    return wake;
  }

  /** Wakes every thread whose deadline is at or before `time`, earliest first; threads waking together race. */
  private wakeDueTimers(time: number): void {
    const due = this.threads
      .filter((t) => t.state === 'blocked' && t.blocked?.deadline != null && t.blocked.deadline <= time)
      // One wait wakes them all at one instant: their deadlines differ by clock ticks only (or by
      // less than the timer slack), so they run in the order they blocked, not by those ticks.
      .sort((a, b) => a.blocked!.seq - b.blocked!.seq);
    const sides = due.map((t) => this.races.nextSlice(t, true));
    for (let i = 0; i < sides.length; i++) for (let j = i + 1; j < sides.length; j++) this.races.pair(sides[i]!, sides[j]!);
    this.timerWakes = { at: this.instant, sides };
    for (const thread of due) {
      const block = thread.blocked!;
      const request = block.request;
      const value = request.kind === 'select' ? ({ reason: 'timeout', slept: this.instant - block.since } satisfies SelectResult) : request.kind === 'wait' ? false : undefined;
      this.unblock(thread, { value }, 'timeout');
    }
  }

  /**
   * Ctrl+C: KeyboardInterrupt is raised in the main thread where it is blocked (or the SIGINT
   * handler the program installed runs there, asyncio.run's). It is delivered once
   * the threads a timer woke at this instant have run to their next blocking point; in CPython the
   * signal and those timers race (either may get the GIL first), so the main thread's handling of it
   * and what they did at this instant are marked as a race.
   */
  private deliverInterrupt(): void {
    this.interruptCount++;
    this.current = this.main;
    this.emit({ type: 'interrupt', n: this.interruptCount });
    if (this.main.state !== 'blocked') return;
    if (this.timerWakes?.at === this.instant) {
      const handling = this.races.nextSlice(this.main, true);
      for (const side of this.timerWakes.sides) if (side.thread !== this.main) this.races.pair(handling, side);
    }
    // A handler that returns (asyncio.run's first Ctrl+C cancels the main task and writes the
    // loop's self-pipe) leaves the main thread in its wait, which that write ends.
    const error = this.sigint();
    if (error === 'handled') return;
    // The frames CPython shows below the caller for the blocking point the main thread is at (then
    // the handler's own, when it raised).
    error.frames = [...this.blockFrames(this.main), ...error.frames];
    this.onRaise?.(error, this.main);
    this.unblock(this.main, { error }, 'interrupt');
  }

  private blockFrames(thread: SimThread): PyFrame[] {
    const request = thread.blocked?.request;
    if (request?.kind === 'wait' && request.frames) return [...request.frames];
    if (request?.kind === 'select') return [...STDLIB_FRAMES.select];
    return [];
  }
}
