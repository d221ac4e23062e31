// What the screen shows at one step: everything here is derived from the trace by the reducer in
// reduce.ts. Nothing in src/ui computes scheduling; it only replays what the runtime recorded.
import type { FutureState } from '../../runtime/trace.js';
import type { Chain } from './chain.js';
import type { HeapArray } from './heap.js';
import { type IntMap, emptyMap } from './intmap.js';
import { type Queue, emptyQueue } from './queue.js';

/** A Handle or TimerHandle as the loop holds it (ready deque or timer heap). */
export interface HandleView {
  readonly id: number;
  readonly kind: 'Handle' | 'TimerHandle';
  /** What CPython's repr shows of the callback, e.g. "call_back(1, 1, 2)". */
  readonly callback: string;
  /** Deadline on the loop clock (TimerHandles). */
  readonly when?: number;
  /** Simulated time it was scheduled. */
  readonly scheduledAt: number;
  readonly threadsafe: boolean;
  /** The task whose step or wake-up it is (the trace's `task`). */
  readonly task?: number;
  /** The future a TimerHandle settles (sleep's timer: the trace's `future`). */
  readonly future?: number;
}

/** The selector wait inside _run_once. */
export interface SelectorView {
  readonly waiting: boolean;
  /** When the wait began. */
  readonly since: number;
  /** The timeout passed to select(); null = block until woken. */
  readonly timeout: number | null;
  /** How the last wait ended (absent while waiting or before the first wait). */
  readonly woke?: { readonly reason: 'timeout' | 'self_pipe' | 'interrupt' | 'immediate'; readonly slept: number; readonly at: number };
}

export interface LoopView {
  readonly id: number;
  /** The thread that created it, then the thread that runs it. */
  readonly thread: string;
  readonly debug: boolean;
  readonly state: 'idle' | 'running' | 'stopped' | 'closed';
  /** _run_once iterations so far. */
  readonly iteration: number;
  /** stop() was called and the current iteration is the last. */
  readonly stopping: boolean;
  /** The ready deque (`_ready`), head first: read it with `readyHandles` (state/loop.ts). */
  readonly ready: Queue<HandleView>;
  /**
   * How many handles at the head of `ready` this iteration will still run: from the end of the
   * selector wait, what was ready then plus the timers moved there (`ntodo` of `_run_once`), less
   * those already taken. Handles behind them wait for the next iteration. 0 outside a batch.
   */
  readonly batch: number;
  /** The timer heap as CPython's array (`_scheduled`, index 0 leaves first): see state/heap.ts. */
  readonly heap: HeapArray;
  /** The handles in `ready` and `heap`, by id: true once cancelled (Handle.cancel()). */
  readonly live: IntMap<boolean>;
  readonly selector?: SelectorView;
  /** The handle whose callback is running now. */
  readonly running?: HandleView;
  /** The timer the last event moved from the heap to the end of the ready queue (timer_ready). */
  readonly moved?: number;
  /**
   * The loop clock less the header's clock: a deadline `when` falls at `when - clockOffset` on the
   * header's clock. The trace's `loop_created.timeOrigin` (what the loop's clock read at t = 0).
   */
  readonly clockOffset?: number;
}

/** A concurrent.futures.Future's states as the trace says them (asyncio's three, and RUNNING). */
export type AnyFutureState = FutureState | 'RUNNING';

export interface FutureView {
  readonly id: number;
  /** Its loop (0 for a concurrent.futures.Future, which belongs to none). */
  readonly loop: number;
  readonly kind: 'Future' | 'Task' | 'ConcurrentFuture';
  readonly name: string;
  readonly coro?: string;
  /** Task: the reprs of the arguments its coroutine was called with (`'a', 0.2`): see `callText`. */
  readonly args?: string;
  readonly state: AnyFutureState;
  readonly result?: string;
  readonly exception?: string;
  /** Task: its coroutine is running now (inside __step). */
  readonly stepping: boolean;
  /** Task: the future it waits on, and that future's repr; null `waitingOn` with a repr = bare yield. */
  readonly waitingOn?: number | null;
  readonly waitingRepr?: string;
  /** The tasks waiting on it (their `waitingOn` is its id), by id: in creation order. */
  readonly waiters?: IntMap<true>;
  /** Task: the line its suspended coroutine stands at (its await), when it is the program's. */
  readonly awaitLine?: number;
  readonly cancelRequested: boolean;
  /** The done callbacks it holds while pending, as its repr's `cb=[...]` names them (tasks' wakeups left out: `waitingOn` says those). */
  readonly callbacks?: readonly string[];
  /** Chained to a concurrent.futures.Future (run_coroutine_threadsafe's task: the trace's futures_chained): it hands that its outcome. */
  readonly concurrent?: true;
  /** `_chain_future`: the future whose outcome it gets (futures_chained.source). */
  readonly chainedFrom?: number;
  /** The TimerHandle that will settle it (sleep's timer) and when, on the header's clock: a task waiting on it wakes then. */
  readonly timer?: { readonly handle: number; readonly due: number };
  /** Event index of its last state change (to mark what just changed). */
  readonly changedAt: number;
}

export interface ThreadView {
  readonly name: string;
  readonly ident?: number;
  readonly daemon: boolean;
  readonly state: 'new' | 'running' | 'blocked' | 'exited';
  readonly blockedOn?: string;
  readonly until?: number | null;
  readonly error?: string;
}

/** Something drawn on a timeline lane: a point (no `end`) or a span from `t` to `end`. */
export interface Mark {
  readonly t: number;
  readonly end?: number;
  readonly kind: MarkKind;
  readonly label: string;
  /** Event index that produced it. */
  readonly index: number;
  readonly race?: boolean;
}

export type MarkKind =
  | 'run' // a callback ran
  | 'busy' // a callback held the thread for a while (time.sleep inside it)
  | 'timer' // a TimerHandle came due
  | 'select' // the loop waited in select()
  | 'blocked' // the thread was blocked (time.sleep, q.get, join, ...)
  | 'step' // a task's coroutine was resumed
  | 'done' // a task finished
  | 'cancelled' // a task was cancelled
  | 'interrupt' // Ctrl+C
  | 'wake' // this thread woke another (call_soon_threadsafe's self-pipe, q.put, a concurrent future's result)
  | 'woken' // another thread woke this one
  | 'exit'; // the process exited

export interface Lane {
  /** 'thread:MainThread' or 'task:3'. */
  readonly key: string;
  readonly kind: 'thread' | 'task';
  readonly label: string;
  /**
   * The thread the lane is filed under. Task lanes hold the thread that created the task; they are
   * drawn under the thread running their loop once it has run (`laneList`, state/lanes.ts).
   */
  readonly thread: string;
  /** For task lanes: the task's loop (the lane moves to whichever thread runs that loop). */
  readonly loop?: number;
  readonly marks: Chain<Mark> | undefined;
  /** A span still open at this step (blocked, waiting in select, a callback running). */
  readonly open?: { readonly t: number; readonly kind: MarkKind; readonly label: string };
}

/** One thread waking another: `waker` acted (wrote the self-pipe, put in a queue, set a result) and `woken` left its wait `on`. */
export interface Wake {
  readonly t: number;
  readonly waker: string;
  readonly woken: string;
  /** What the woken thread was blocked in (`select`, `q.get()`, `future.result()`, `join ...`). */
  readonly on: string;
}

export interface OutputLine {
  readonly t: number;
  readonly thread: string;
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

export interface LabState {
  /** Events folded so far. */
  readonly count: number;
  /** Simulated time of the last folded event. */
  readonly t: number;
  /** Thread of the last folded event. */
  readonly thread: string;
  readonly loops: readonly LoopView[];
  /** Futures and tasks by id (creation order): read them with `futureList` (state/futures.ts). */
  readonly futures: IntMap<FutureView>;
  /** Plain futures that are done, oldest first: they leave the view after SETTLED_FUTURES_KEPT more. */
  readonly settled: Queue<number>;
  readonly threads: readonly ThreadView[];
  /** One lane per thread (few). */
  readonly threadLanes: readonly Lane[];
  /** One lane per task, by task id: read all lanes with `laneList` (state/lanes.ts). */
  readonly taskLanes: IntMap<Lane>;
  readonly output: Chain<OutputLine> | undefined;
  /** The source line each thread is executing (from `line` events). */
  readonly lines: Readonly<Record<string, number>>;
  /** Thread whose line was set last. */
  readonly lineThread?: string;
  /** The last lesson note, with the index of the event that carried it. */
  readonly note?: { readonly index: number; readonly zh: string; readonly en: string };
  readonly interrupts: number;
  readonly shutdown?: { readonly phase: 'begin' | 'joining' | 'hang' | 'daemons_killed' | 'done'; readonly waitingFor?: string };
  readonly exitStatus?: number;
  /** Threads waking other threads, oldest first (the timeline names the latest). */
  readonly wakes?: Chain<Wake> | undefined;
  readonly warnings: Chain<{ readonly t: number; readonly category: string; readonly message: string }> | undefined;
}

export const initialState: LabState = {
  count: 0,
  t: 0,
  thread: 'MainThread',
  loops: [],
  futures: emptyMap,
  settled: emptyQueue,
  threads: [],
  threadLanes: [],
  taskLanes: emptyMap,
  output: undefined,
  lines: {},
  interrupts: 0,
  warnings: undefined,
};
