// The trace: the typed event stream a simulated process emits, and the contract between the
// runtime and every view (Ink UI, plain text, NDJSON). Views are pure functions of these events;
// nothing else crosses from the runtime to a view.
//
// Every event carries `t`, the simulated time in seconds since the process started (the process
// clock as last read, less its origin: src/runtime/clock.ts; stamping an event reads no clock), and
// `thread`, the name of the simulated thread that was running when it happened ('MainThread' outside
// the kernel). Printed lines also carry `instant`, the time advanced by waits only: lines of one
// instant are "at the same time" (two threads woken by one wait), whatever ticks lie between them. Loop events carry `loop`, the
// loop's serial number in its process (1, 2, ...). Handles, futures and tasks are referred to by
// a serial `id` unique within the process, so a view can follow one object across events.
//
// Cost: emitters guard with `if (tracer.enabled)` before building an event object, so with no
// listener attached tracing costs one property read per site.

/** Future state, spelled as CPython spells it. */
export type FutureState = 'PENDING' | 'CANCELLED' | 'FINISHED';

/** Fields common to every event. */
export interface EventBase {
  /** Simulated time since the process started, seconds (ticks of the clock included). */
  t: number;
  /** Name of the simulated thread that emitted it. */
  thread: string;
  /** Set when real Python may order this event differently relative to another thread's event at the same instant. */
  race?: boolean;
}

export type TraceEvent =
  // ── event loops (base_events.py) ─────────────────────────────────────────────
  /**
   * A loop is created. `timeOrigin`: what its clock (`loop.time()`, the monotonic clock) read at the
   * trace's t = 0, so that a deadline `when` falls at `when - timeOrigin` on the trace's clock (a
   * sleep(0.2) scheduled at t = 0.3 wakes at 0.5): the panels read deadlines from it, never from a
   * future's name.
   */
  | (EventBase & { type: 'loop_created'; loop: number; debug: boolean; timeOrigin: number })
  /** run_forever entered (state 'running') or left ('stopped'); close() ('closed'). */
  | (EventBase & { type: 'loop_state'; loop: number; state: 'running' | 'stopped' | 'closed' })
  /** loop.stop() called: the flag that makes the current iteration the last. */
  | (EventBase & { type: 'loop_stop_requested'; loop: number })
  /** _run_once begins. `n` counts iterations of this loop from 1. */
  | (EventBase & { type: 'loop_iteration'; loop: number; n: number; ready: number; scheduled: number })
  /**
   * Cancelled timers removed from the heap: popped from its top one by one (`lastTo` gives, for
   * each heappop, where the heap's last item settled, as on `timer_ready`), or, with more than 100
   * scheduled and over half of them cancelled, all of them at once and the rest heapified
   * (`rebuilt`; `heap` lists the handles of the new array, index by index: heapify moves too many
   * items to describe move by move, and it is as rare as it is linear in the runtime too).
   */
  | (EventBase & { type: 'timers_pruned'; loop: number; count: number; rebuilt: false; lastTo: number[] })
  | (EventBase & { type: 'timers_pruned'; loop: number; count: number; rebuilt: true; heap: number[] })
  /** The selector wait begins. timeout null = block until woken. */
  | (EventBase & { type: 'select_wait'; loop: number; timeout: number | null })
  /** The selector wait ended: time ran out, the self-pipe was written (call_soon_threadsafe), or KeyboardInterrupt. */
  | (EventBase & { type: 'select_woke'; loop: number; slept: number; reason: 'timeout' | 'self_pipe' | 'interrupt' | 'immediate' })
  // ── handles (events.py) ─────────────────────────────────────────────────────
  /** A Handle appended to the ready queue (call_soon, call_soon_threadsafe) or a TimerHandle pushed on the heap. */
  | (EventBase & {
      type: 'handle_scheduled';
      loop: number;
      handle: number;
      kind: 'Handle' | 'TimerHandle';
      /** Deadline on the loop clock, for TimerHandles. */
      when?: number;
      /**
       * For TimerHandles: the index of `_scheduled` (CPython's heap array) where heappush left it.
       * The items on the path from the array's old end up to that index each moved down one level.
       */
      heapIndex?: number;
      /** What CPython's repr shows of the callback, e.g. "call_back(1, 1, 2)". */
      callback: string;
      threadsafe?: boolean;
      /** For a Handle that steps or wakes a task (its TaskStepMethWrapper, its task_wakeup): the task's id. */
      task?: number;
      /** For a TimerHandle whose first argument is a future (sleep's `_set_result_unless_cancelled(fut, result)`): that future's id. */
      future?: number;
    })
  /** handle.cancel(). `ran`: the loop had already called it, so nothing waits to be skipped (sleep() cancels its own timer after it fired). */
  | (EventBase & { type: 'handle_cancelled'; loop: number; handle: number; ran?: true })
  /**
   * A due TimerHandle moved from the heap to the end of the ready queue. It was `heap[0]`; heappop
   * moved the array's last item into the hole and sifted it to index `lastTo` (-1: the heap held
   * only this one), so the items on the path from the root down to `lastTo` each moved up one level.
   */
  | (EventBase & { type: 'timer_ready'; loop: number; handle: number; lastTo: number })
  /** A handle's callback starts running (the only place callbacks are called). */
  | (EventBase & { type: 'handle_run'; loop: number; handle: number; callback: string })
  /** It returned (or raised; the exception shows up as an exception_handler event). `took` = simulated seconds it ran. */
  | (EventBase & { type: 'handle_done'; loop: number; handle: number; took: number })
  // ── futures and tasks (futures.py, tasks.py) ────────────────────────────────
  | (EventBase & {
      type: 'future_created';
      loop: number;
      future: number;
      kind: 'Future' | 'Task';
      /** Task name ('Task-1') or a short label for a future (e.g. 'sleep(0.5)', 'gather', '_GatheringFuture'). */
      name: string;
      /** For tasks: the coroutine, e.g. "main()". */
      coro?: string;
      /**
       * For tasks whose coroutine was called with arguments: their reprs as its frame holds them
       * (`cr_frame.f_locals`), e.g. "'a', 0.2" for worker('a', 0.2). CPython's reprs do not show
       * them; a learner needs them to tell two tasks of one coroutine function apart.
       */
      args?: string;
    })
  | (EventBase & {
      type: 'future_state';
      loop: number;
      future: number;
      state: FutureState;
      /** repr() of the result, when FINISHED with a result. */
      result?: string;
      /** "ExcType: message", when FINISHED with an exception or CANCELLED with a message. */
      exception?: string;
    })
  /**
   * The done callbacks a pending future holds changed (add_done_callback, remove_done_callback),
   * each as its repr's `cb=[...]` shows it (`_run_until_complete_cb() at .../base_events.py:180`).
   * Tasks' wakeups (`Task.task_wakeup()`, added by every await) are left out: `task_wait` tells them.
   * Once the future is done its callbacks are scheduled (handle_scheduled) and it holds none.
   */
  | (EventBase & { type: 'future_callbacks'; loop: number; future: number; callbacks: string[] })
  /**
   * A concurrent.futures.Future is created (run_coroutine_threadsafe's, an executor's submit(), or
   * the program's own): a result handed between threads. It belongs to no loop; its id is in the
   * same series as handles', futures' and tasks'.
   */
  | (EventBase & { type: 'concurrent_future_created'; future: number })
  /**
   * A concurrent.futures.Future changed state (concurrent/futures/_base.py): RUNNING
   * (set_running_or_notify_cancel), FINISHED (set_result, set_exception: `result` is the result's
   * repr, `exception` "ExcType: message"), CANCELLED (cancel(); CPython's CANCELLED_AND_NOTIFIED
   * is the same state to a learner). Emitted where the state is set, before its waiters are woken.
   */
  | (EventBase & { type: 'concurrent_future_state'; future: number; state: 'RUNNING' | 'FINISHED' | 'CANCELLED'; result?: string; exception?: string })
  /**
   * `_chain_future(source, destination)` (asyncio/futures.py): when `source` is done its outcome is
   * copied to `destination`, and cancelling `destination` cancels `source`. run_coroutine_threadsafe
   * chains its task to the concurrent future it returns.
   */
  | (EventBase & { type: 'futures_chained'; source: number; destination: number })
  /** A task's __step begins: the coroutine is resumed with send(value) or throw(exc). */
  | (EventBase & { type: 'task_step'; loop: number; task: number; name: string; mode: 'send' | 'throw'; value?: string })
  /**
   * The step ended with the coroutine suspended: on a future, or on a bare yield (sleep(0)). `line`:
   * the line the coroutine stands at (its await), for a coroutine of the simulated program's own.
   */
  | (EventBase & { type: 'task_wait'; loop: number; task: number; name: string; on: number | null; onRepr: string; line?: number })
  /** task.cancel() requested (it may be delivered at the next step). */
  | (EventBase & { type: 'task_cancel_requested'; loop: number; task: number; name: string; msg?: string })
  // ── threads and the kernel (the simulated process) ──────────────────────────
  | (EventBase & { type: 'thread_created'; name: string; ident: number; daemon: boolean })
  | (EventBase & { type: 'thread_started'; name: string })
  /** A thread blocks: on a selector wait, time.sleep, q.get, a concurrent future's result, join, a lock or an event. */
  | (EventBase & { type: 'thread_blocked'; name: string; on: string; until: number | null })
  /**
   * A blocked thread wakes. `by`, when `notified`: the thread whose action woke it (wrote the loop's
   * self-pipe in call_soon_threadsafe, put in the queue it waits on, set the concurrent future whose
   * result() it waits for, ended the thread it joins); absent when it is the woken thread itself.
   */
  | (EventBase & { type: 'thread_woke'; name: string; reason: 'timeout' | 'notified' | 'interrupt'; by?: string })
  | (EventBase & { type: 'thread_exit'; name: string; error?: string })
  /** Ctrl+C: SIGINT delivered; KeyboardInterrupt is raised in the main thread where it stands (under asyncio.run, the Runner's handler takes it: the first cancels the main task). */
  | (EventBase & { type: 'interrupt'; n: number })
  /** Interpreter shutdown phases: joining non-daemon threads (and maybe hanging on one), killing daemons. */
  | (EventBase & { type: 'shutdown'; phase: 'begin' | 'joining' | 'hang' | 'daemons_killed' | 'done'; waitingFor?: string })
  | (EventBase & { type: 'exit'; status: number })
  // ── what the program says ───────────────────────────────────────────────────
  /** A line the program printed (print(), or stderr writes such as tracebacks and logger output). `text` has no newline. */
  | (EventBase & { type: 'output'; stream: 'stdout' | 'stderr'; text: string; /** Time advanced by waits only (the clock's `instant`; the runtime always sets it). */ instant?: number })
  /** The exception handler was called (call_exception_handler): the context's message and exception. */
  | (EventBase & { type: 'exception_handler'; loop: number; message: string; exception?: string })
  /** A warning (ResourceWarning, DeprecationWarning, slow callback in debug mode). */
  | (EventBase & { type: 'warning'; category: string; message: string })
  // ── lesson annotations ──────────────────────────────────────────────────────
  /**
   * The thread's source pointer moved to `line` (1-based, in the shown source): the line of its
   * innermost frame in the program's file, as CPython's sys.settrace sees it (docs/process-api.md).
   */
  | (EventBase & { type: 'line'; line: number })
  /** An explanation the lesson attaches to this moment, in both languages. */
  | (EventBase & { type: 'note'; zh: string; en: string });

export type TraceEventType = TraceEvent['type'];

/** Distributes Omit over the union, so each member keeps its own fields. */
export type EventInit<E extends TraceEvent = TraceEvent> = E extends TraceEvent ? Omit<E, 't' | 'thread'> : never;

export type TraceListener = (event: TraceEvent) => void;

/**
 * Where events go. Emitters must check `enabled` before building an event, so that a trace with
 * no listener costs one property read per emit site. `emit` takes the object it is given (it adds
 * `t` and `thread` to it): pass a fresh one, never one that is reused or kept.
 */
export class Tracer {
  /** True while at least one listener is attached. Read it before building an event. */
  enabled = false;
  private listeners: TraceListener[] = [];

  constructor(
    /** Reads the current simulated time. */
    private now: () => number = () => 0,
    /** Reads the name of the running simulated thread. */
    private threadName: () => string = () => 'MainThread',
  ) {}

  /** Attaches a listener; returns a function that detaches it. */
  listen(listener: TraceListener): () => void {
    this.listeners.push(listener);
    this.enabled = true;
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
      this.enabled = this.listeners.length > 0;
    };
  }

  /**
   * Stamps an event with time and thread and hands it to every listener. Every emit site builds a
   * fresh object literal, so the event is stamped in place: copying it (an object spread) was most
   * of the cost of tracing.
   */
  emit(init: EventInit): void {
    const event = init as TraceEvent;
    event.t = this.now();
    event.thread = this.threadName();
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(event);
  }

  /** The simulated time now: the `t` of an event built stamped, for `send`. */
  time(): number {
    return this.now();
  }

  /** The name of the running simulated thread: the `thread` of an event built stamped, for `send`. */
  thread(): string {
    return this.threadName();
  }

  /**
   * Hands an event that already carries `t` and `thread` to every listener. The emit sites that
   * run once per callback or task step build their events whole, `t: tracer.time(), thread:
   * tracer.thread()` last (where `emit` would add them, so the fields keep their order): adding
   * two properties to object literals of many shapes in `emit` cost more than the rest of a
   * traced `call_soon` callback.
   */
  send(event: TraceEvent): void {
    const listeners = this.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i]!(event);
  }

  /** Rebinds the clock and thread readers (the kernel does this when a process starts). */
  bind(now: () => number, threadName: () => string): void {
    this.now = now;
    this.threadName = threadName;
  }
}
