// A trace prepared for stepping, in bounded memory: a window of the latest events (at most about
// WINDOW_EVENTS, never dropping the step shown), which of them are steps, and the state at any
// step of the window without refolding from the start.
//
// Each event is folded once, as it arrives, into the state at the run's frontier; every
// CHECKPOINT_EVERY events that state is kept as a checkpoint (plain data sharing structure with
// its neighbours, state/intmap.ts). The state at event n is the checkpoint below n plus at most
// CHECKPOINT_EVERY - 1 events, so a step forward, a step back or a jump to the end costs the same
// on a long run as on a short one. Events, stops and checkpoints older than the window are
// dropped: the steps before it are counted, not kept, and showing one again means simulating the
// run again from its start (use-run.ts does it in the worker).
//
// Steps are at one of two levels of detail (`level`, switched in place by `setLevel`): 'exact'
// stops at every event worth a step (isStop) and at every line that ran without one (ranUntraced);
// 'learner' folds the machinery into what it means,
// one step per callback, task step, wait (src/ui/learner/fold.ts). Both lists are kept as the run
// streams in, windowed alike, so switching costs nothing.
import type { TraceEvent } from '../../runtime/trace.js';
import { LearnerFold, type StepRange } from '../learner/fold.js';
import { reduce } from './reduce.js';
import { type LabState, initialState } from './types.js';

/**
 * Events between checkpoints: bounds the work of one frame, whatever the trace's length (a step
 * back folds at most this many events again, about 1 to 4 ms). The checkpoints' states are most of
 * what the window holds besides its events, and what the lab's thread holds live sets how far its
 * heap grows before V8 collects it: checkpoints every 256 events instead of 64 took the lab's peak
 * RSS down by about 60 MB on 100,000 pending timers (`npm run bench lab`).
 */
export const CHECKPOINT_EVERY = 256;
/**
 * Events the window keeps: twice what the simulation's worker may run ahead of the step shown
 * (src/playback/worker-client.ts), so that whatever arrives while a step is shown never pushes it
 * out. A window that outgrows it by a quarter is cut back to it.
 */
export const WINDOW_EVENTS = 131_072;

/**
 * Events not worth a step of their own: annotations (which line runs, shown by the step that
 * line makes, or by a step of its own when it makes none; what the lesson says, the
 * done callbacks a future holds: the call that added them is the step), a
 * callback returning without taking any time, and select() returning at once after a zero timeout.
 * Their effect shows at the next step.
 */
export function isStop(event: TraceEvent): boolean {
  switch (event.type) {
    case 'line':
    case 'note':
    case 'future_callbacks':
      return false;
    case 'handle_done':
      return event.took > 0;
    case 'select_woke':
      return event.reason !== 'immediate';
    default:
      return true;
  }
}

/** How finely the trace is stepped (see above). */
export type Level = 'learner' | 'exact';

/** The steps of one level in the window: run event numbers of their last events. */
interface StopList {
  list: number[];
  /** Steps of this level before the window. */
  before: number;
}

export class Replay {
  /** The level step numbers refer to. */
  private levelNow: Level;
  /** The learner level's steps closed so far (the step still open, if any, ends at the last event). */
  private readonly learner: StopList = { list: [], before: 0 };
  private readonly fold = new LearnerFold();
  /** The events kept: events[i] is the run's event number `first + i`. */
  private held: TraceEvent[] = [];
  private firstEvent = 0;
  /** Run event numbers of the steps in the window, in order; `stopsBefore` steps came before it. */
  private stopList: number[] = [];
  private stopsBefore = 0;
  /** checkpoints[k] is the state after `first + k * CHECKPOINT_EVERY` events. */
  private checkpoints: LabState[] = [initialState];
  /** The state after every event received. */
  private frontier: LabState = initialState;
  /** The state computed last (stepping forward reuses it). */
  private last: LabState = initialState;
  /** Threads blocked in a selector wait: the select_wait step already shows it, and its waking. */
  private readonly inSelect = new Set<string>();

  /** A replay of `events`; a run still streaming adds its later events with `append`. */
  constructor(
    events: readonly TraceEvent[] = [],
    /** Events the window keeps (it is cut back a whole number of checkpoints at a time; tests use small ones). */
    readonly window = WINDOW_EVENTS,
    level: Level = 'exact',
  ) {
    this.levelNow = level;
    this.append(events);
  }

  /** The level of detail step numbers refer to. */
  get level(): Level {
    return this.levelNow;
  }

  /**
   * Steps at `level` from now on (the controller maps the step shown to the nearest one). In
   * place: the run streaming into this replay goes on streaming into it.
   */
  setLevel(level: Level): this {
    this.levelNow = level;
    return this;
  }

  /** The current level's steps: the window's list, the steps before it, and the open learner step. */
  private steps(): { list: readonly number[]; before: number; open: number | undefined } {
    if (this.levelNow === 'learner') return { list: this.learner.list, before: this.learner.before, open: this.fold.hasOpenStep ? this.total - 1 : undefined };
    // A trace without a stop still has one step to show.
    const open = this.stopsBefore + this.stopList.length === 0 && this.total > 0 ? this.total - 1 : undefined;
    return { list: this.stopList, before: this.stopsBefore, open };
  }

  /** The run's event numbers ending the window's steps, in order (the open learner step's included). */
  private stopAt(k: number, steps = this.steps()): number | undefined {
    return k < steps.list.length ? steps.list[k] : k === steps.list.length ? steps.open : undefined;
  }

  /** The events step `s` covers (in the window): from after the previous step's last event to its own. */
  stepRange(s: number): StepRange | undefined {
    const last = this.stopIndex(s);
    if (last === undefined) return undefined;
    const previous = s > 0 ? this.stopIndex(s - 1) : undefined;
    return { first: previous === undefined ? (s === 0 ? 0 : this.firstEvent) : previous + 1, last };
  }

  /**
   * Adds the next events of a run that is still going (steps already shown stay the same), then
   * cuts the window back if it outgrew its size, keeping every event from `keepFrom` on (the
   * event of the step shown).
   */
  append(events: readonly TraceEvent[], keepFrom = Number.POSITIVE_INFINITY): void {
    for (const event of events) {
      const i = this.firstEvent + this.held.length;
      this.held.push(event);
      this.fold.push(event);
      for (const end of this.fold.drain()) this.learner.list.push(end);
      this.frontier = reduce(this.frontier, event);
      if (this.frontier.count % CHECKPOINT_EVERY === 0) this.checkpoints.push(this.frontier);
      if (event.type === 'thread_blocked' && event.on.startsWith('select')) {
        this.inSelect.add(event.name);
        continue;
      }
      if (event.type === 'thread_woke' && this.inSelect.delete(event.name)) continue;
      if (isStop(event)) this.stopList.push(i);
      else if (event.type === 'line' && this.ranUntraced(i)) this.stopList.push(i - 1);
    }
    if (this.held.length > this.window + this.window / 4) this.trim(keepFrom);
  }

  /**
   * Whether the `line` event before event `i` (itself a `line`) ran without a traced effect (an
   * assignment, a `functools.partial(...)`): such a line is a step of its own, so the exact level's
   * pointer stops at every line the program runs. Not when the line is where a task's step resumed
   * (that step already shows the pointer there).
   */
  private ranUntraced(i: number): boolean {
    const before = this.event(i - 1);
    if (before?.type !== 'line' || this.stopList.at(-1) === i - 1) return false;
    const resumed = this.event(i - 2);
    return !(resumed?.type === 'task_step' && resumed.thread === before.thread);
  }

  /** Drops the oldest events down to the window's size, at a checkpoint, never at or past `keepFrom`. */
  private trim(keepFrom: number): void {
    const total = this.total;
    const wanted = Math.floor((total - this.window) / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
    // A little room before the step shown, to step back from it.
    const allowed = Math.floor((keepFrom - this.window / 4) / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
    const first = Math.min(wanted, allowed);
    if (first <= this.firstEvent) return;
    const drop = first - this.firstEvent;
    this.held.splice(0, drop);
    this.checkpoints.splice(0, drop / CHECKPOINT_EVERY);
    let stops = 0;
    while (stops < this.stopList.length && this.stopList[stops]! < first) stops++;
    this.stopList.splice(0, stops);
    this.stopsBefore += stops;
    let learner = 0;
    while (learner < this.learner.list.length && this.learner.list[learner]! < first) learner++;
    this.learner.list.splice(0, learner);
    this.learner.before += learner;
    this.firstEvent = first;
    if (this.last.count < first) this.last = this.checkpoints[0]!;
  }

  /** Events received in all (the number of the next event). */
  get total(): number {
    return this.firstEvent + this.held.length;
  }

  /** The run's number of the oldest event kept. */
  get first(): number {
    return this.firstEvent;
  }

  /** The run's event number `i`, when it is in the window. */
  event(i: number): TraceEvent | undefined {
    return i >= this.firstEvent ? this.held[i - this.firstEvent] : undefined;
  }

  /** Checkpoints kept (what the window's memory is made of, besides its events). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** The events kept, oldest first (the run's events from `first` on). */
  get kept(): readonly TraceEvent[] {
    return this.held;
  }

  /** Number of steps, those before the window included. */
  get length(): number {
    const steps = this.steps();
    return steps.before + steps.list.length + (steps.open === undefined ? 0 : 1);
  }

  /** The first step still in the window: showing an earlier one means simulating the run again. */
  get firstStep(): number {
    return this.steps().before;
  }

  /** The run's event number shown at step `s` (its last event), when the step is in the window. */
  stopIndex(s: number): number | undefined {
    const steps = this.steps();
    return s >= steps.before ? this.stopAt(s - steps.before, steps) : undefined;
  }

  /** The state after the run's first `n` events (n at or after the window's start). */
  stateAfter(n: number): LabState {
    const count = Math.max(this.firstEvent, Math.min(n, this.total));
    if (count === this.last.count) return this.last;
    if (count === this.total) return (this.last = this.frontier);
    // Start from whichever known state is closest below: the last one shown or a checkpoint.
    const checkpoint = this.checkpoints[Math.floor((count - this.firstEvent) / CHECKPOINT_EVERY)]!;
    let state = this.last.count < count && this.last.count > checkpoint.count ? this.last : checkpoint;
    while (state.count < count) state = reduce(state, this.held[state.count - this.firstEvent]!);
    this.last = state;
    return state;
  }

  /**
   * The state shown at step `s` (clamped to the window): every event up to and including its
   * stop. A task step also shows the pointer's move it makes: its coroutine resuming at its await
   * (or, on its first step, its `async def` line), the `line` event right after it.
   */
  stateAt(s: number): LabState {
    const stop = this.stopIndex(this.clampStep(s));
    if (stop === undefined) return this.total === 0 ? initialState : this.stateAfter(this.firstEvent);
    // A learner step ends where it ends (a task's step runs to its await there).
    if (this.levelNow === 'learner') return this.stateAfter(stop + 1);
    const event = this.event(stop)!;
    const next = this.event(stop + 1);
    const resumes = event.type === 'task_step' && next?.type === 'line' && next.thread === event.thread;
    return this.stateAfter(stop + 1 + (resumes ? 1 : 0));
  }

  /** The event shown at step `s` (clamped to the window). */
  eventAt(s: number): TraceEvent | undefined {
    const stop = this.stopIndex(this.clampStep(s));
    return stop === undefined ? undefined : this.event(stop);
  }

  /** The step showing the run's event `index` (the last step at or before it; the window's first, before it). */
  stepOfEvent(index: number): number {
    const steps = this.steps();
    return steps.before + Math.max(0, this.search(steps, (stop) => stop <= index) - 1);
  }

  /** The step whose events include the run's event `index` (the first step ending at or after it). */
  stepContaining(index: number): number {
    const steps = this.steps();
    const count = steps.list.length + (steps.open === undefined ? 0 : 1);
    return steps.before + Math.min(this.search(steps, (stop) => stop < index), Math.max(0, count - 1));
  }

  /** The last step of the window whose event happened at or before simulated time `t`. */
  stepAtTime(t: number): number {
    const steps = this.steps();
    return steps.before + Math.max(0, this.search(steps, (stop) => this.event(stop)!.t <= t) - 1);
  }

  /** How many of the window's steps, from its first, satisfy `below` (which holds for a prefix of them). */
  private search(steps: ReturnType<Replay['steps']>, below: (stop: number) => boolean): number {
    let lo = 0;
    let hi = steps.list.length + (steps.open === undefined ? 0 : 1);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (below(this.stopAt(mid, steps)!)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The step where the next loop iteration begins after step `s` (the next `loop_iteration` of
   * the loop that ran last), or the last step when none is left.
   */
  nextIteration(s: number): number {
    const from = this.stopIndex(this.clampStep(s)) ?? this.firstEvent;
    let loop: number | undefined;
    for (let i = from; i >= this.firstEvent; i--) {
      const e = this.event(i)!;
      if (e.type === 'loop_iteration') {
        loop = e.loop;
        break;
      }
    }
    for (let i = from + 1; i < this.total; i++) {
      const e = this.event(i)!;
      if (e.type === 'loop_iteration' && (loop === undefined || e.loop === loop)) return this.stepContaining(i);
    }
    return this.length - 1;
  }

  /** Simulated time at the end of the trace. */
  get endTime(): number {
    return this.held.at(-1)?.t ?? 0;
  }

  private clampStep(s: number): number {
    return Math.max(this.firstStep, Math.min(this.length - 1, s));
  }
}
