// The learner level's steps: the exact trace cut into units a learner reads as one thing ("Task-1
// main() resumes", "sleep(0.5) wakes Task-1 at 0.500", "the loop sleeps in select() until 0.100").
// A learner step is a contiguous range of trace events; every event belongs to exactly one step, so
// the state after a step is the exact level's state after the step's last event, and nothing the
// exact level shows is lost: it is only grouped. This file decides where steps begin and end; the
// words for a step are in words.ts. It reads the trace only (views never decide scheduling).
//
// The rules, in the order the fold applies them to each event:
//   - annotations (`line`) and the loop's bookkeeping before a callback (an iteration beginning,
//     select() returning, a due timer moving to the ready queue) wait to see what follows: they open
//     the next step when it begins, else they join the step they are in;
//   - a `note` joins the step of the event it explains (the one before it);
//   - a callback is one step, from its bookkeeping to its return (`handle_run` .. `handle_done`);
//   - a wait closes its step: select() waiting for time or a wake-up, or a thread blocking
//     (time.sleep, q.get, join, result()); simulated time passes between steps, never inside one;
//   - another thread acting, Ctrl+C, the interpreter's shutdown, and the program's top-level code
//     printing after doing something else begin a new step; a traceback's lines stay together.
import type { TraceEvent } from '../../runtime/trace.js';

/** One learner step: events `first` to `last` of the trace, both included. */
export interface StepRange {
  readonly first: number;
  readonly last: number;
}

/** What kind of step the fold is in. */
type Unit = 'callback' | 'wait' | 'top';

/**
 * Folds a growing trace into learner steps, one event at a time (a run streams in), in bounded
 * memory: `drain` hands over the last event of each step closed since it was last called; the
 * step still open ends at the last event pushed.
 */
export class LearnerFold {
  /** Last event index of each step closed and not drained yet. */
  private readonly closedEnds: number[] = [];
  /** Last event index of the last step closed (-1: none). */
  private lastEnd = -1;
  /** Events pushed. */
  private count = 0;
  /** First event of the open step (-1: none open). */
  private openFirst = -1;
  private unit: Unit = 'top';
  private thread = '';
  /** The open step can take no more deciding events (a wait or a callback's return closed it). */
  private closed = true;
  /** The open step has only printed lines so far (top-level code), so more lines join it. */
  private onlyOutput = false;
  /** First of the events waiting to see whether they open the next step (-1: none). */
  private pendingFrom = -1;
  /** Threads blocked in a selector wait (their waking is bookkeeping of the loop's next step). */
  private readonly inSelect = new Set<string>();
  /** Threads inside a callback (between its handle_run and handle_done). */
  private readonly inCallback = new Set<string>();

  push(event: TraceEvent): void {
    const i = this.count++;
    if (event.type === 'note') {
      // A note explains the event before it: it goes where that event went.
      if (this.pendingFrom < 0 && this.openFirst < 0) this.pendingFrom = i;
      return;
    }
    if (isBookkeeping(event, this.inSelect)) {
      if (event.type === 'thread_woke') this.inSelect.delete(event.name);
      if (this.pendingFrom < 0) this.pendingFrom = i;
      return;
    }
    if (this.opens(event)) this.begin(this.pendingFrom >= 0 ? this.pendingFrom : i, event);
    else if (this.openFirst < 0) this.begin(this.pendingFrom >= 0 ? this.pendingFrom : i, event);
    this.pendingFrom = -1;
    this.after(event);
  }

  /** Events pushed so far. */
  get length(): number {
    return this.count;
  }

  /** The step still open is whole: whatever comes next begins another (its callback returned, its wait began). */
  get isClosed(): boolean {
    return this.closed && this.openFirst >= 0;
  }

  /** Whether events are waiting to see if they open the next step (the pointer, the loop's bookkeeping). */
  get hasPending(): boolean {
    return this.pendingFrom >= 0;
  }

  /** The first event of the step still open (-1 before the first). */
  get firstOfOpen(): number {
    return this.openFirst;
  }

  /** The last event of each step closed since the last call, in order. */
  drain(): number[] {
    return this.closedEnds.splice(0);
  }

  /** Whether events after the last closed step make a step still open. */
  get hasOpenStep(): boolean {
    return this.count > this.lastEnd + 1;
  }

  /** Whether `event`, a deciding event, begins a new step. */
  private opens(event: TraceEvent): boolean {
    if (this.openFirst < 0 || this.closed) return true;
    // Another thread acting (a woken thread's own thread_woke included) begins its own step.
    if (event.thread !== this.thread) return true;
    switch (event.type) {
      case 'handle_run':
      case 'interrupt':
        return true;
      case 'shutdown':
        return event.phase === 'begin';
      case 'select_wait':
        // The loop starting to wait after the top-level code that started it stays in that step.
        return this.unit !== 'top';
      case 'output':
        return this.unit === 'top' && !this.onlyOutput;
      default:
        return false;
    }
  }

  private begin(first: number, event: TraceEvent): void {
    if (this.openFirst >= 0) {
      this.closedEnds.push(first - 1);
      this.lastEnd = first - 1;
    }
    this.openFirst = first;
    this.thread = event.thread;
    this.closed = false;
    // A thread waking inside a callback (after time.sleep) goes on with that callback.
    this.unit = event.type === 'handle_run' || this.inCallback.has(event.thread) ? 'callback' : event.type === 'select_wait' ? 'wait' : 'top';
    this.onlyOutput = event.type === 'output';
  }

  /** What `event` does to the open step: a callback's return or a wait closes it. */
  private after(event: TraceEvent): void {
    if (event.type !== 'output') this.onlyOutput = false;
    switch (event.type) {
      case 'handle_run':
        this.inCallback.add(event.thread);
        return;
      case 'handle_done':
        this.inCallback.delete(event.thread);
        if (event.thread === this.thread) this.closed = true;
        return;
      case 'thread_blocked':
        if (event.on.startsWith('select')) this.inSelect.add(event.name);
        if (event.name === this.thread) this.closed = true;
        return;
      case 'exit':
        this.closed = true;
        return;
    }
  }
}

/**
 * Events that wait to see what follows: the pointer moving, and the loop's steps between two
 * callbacks that change nothing a learner reads apart from the callback they lead to.
 */
function isBookkeeping(event: TraceEvent, inSelect: ReadonlySet<string>): boolean {
  switch (event.type) {
    case 'line':
    case 'future_callbacks':
    case 'loop_iteration':
    case 'timers_pruned':
    case 'timer_ready':
    case 'select_woke':
      return true;
    case 'select_wait':
      return event.timeout === 0;
    case 'thread_woke':
      return inSelect.has(event.name);
    default:
      return false;
  }
}

/** The learner steps of a whole trace. */
export function learnerSteps(events: readonly TraceEvent[]): StepRange[] {
  const fold = new LearnerFold();
  for (const e of events) fold.push(e);
  const lasts = fold.drain();
  if (fold.hasOpenStep) lasts.push(events.length - 1);
  return lasts.map((last, s) => ({ first: s === 0 ? 0 : lasts[s - 1]! + 1, last }));
}
