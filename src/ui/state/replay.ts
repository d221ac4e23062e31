// A trace prepared for stepping: which events are steps worth showing, and the state at any step
// without refolding from the start. States are immutable, so every CHECKPOINT_EVERY events the
// fold is kept; the state at event n is the checkpoint below n plus at most CHECKPOINT_EVERY - 1
// events. Moving forward by one step reuses the last state computed.
import type { TraceEvent } from '../../runtime/trace.js';
import { LearnerFold, type StepRange } from '../learner/fold.js';
import { reduce } from './reduce.js';
import { type LabState, initialState } from './types.js';

/** Events between checkpoints: bounds the work of one frame, whatever the trace's length. */
export const CHECKPOINT_EVERY = 64;

/**
 * Events not worth a step of their own: annotations (which line runs, what the lesson says), a
 * callback returning without taking any time, and select() returning at once after a zero timeout.
 * Their effect shows at the next step.
 */
export function isStop(event: TraceEvent): boolean {
  switch (event.type) {
    case 'line':
    case 'note':
      return false;
    case 'handle_done':
      return event.took > 0;
    case 'select_woke':
      return event.reason !== 'immediate';
    default:
      return true;
  }
}

/**
 * How finely the trace is stepped: 'learner' folds the machinery into what it means (one step per
 * callback, task step, wait; src/ui/learner/fold.ts), 'exact' stops at every event worth a step.
 */
export type Level = 'learner' | 'exact';

export class Replay {
  /** The level `stops` and every step number refer to (`withLevel` gives the other view). */
  readonly level: Level;
  private readonly stopList: number[] = [];
  private readonly fold = new LearnerFold();
  /** The learner level's stops, computed again only when the trace has grown. */
  private learnerCache: { count: number; stops: readonly number[] } = { count: -1, stops: [] };
  private readonly checkpoints: LabState[] = [initialState];
  private last: LabState = initialState;
  /** Threads blocked in a selector wait: the select_wait step already shows it, and its waking. */
  private readonly inSelect = new Set<string>();
  private readonly all: TraceEvent[];

  /** A replay of `events`; a run still streaming adds its later events with `append`. */
  constructor(events: readonly TraceEvent[], level: Level = 'exact') {
    this.all = [];
    this.level = level;
    this.append(events);
  }

  /**
   * The same trace stepped at `level`: a view sharing this replay's events, checkpoints and folds
   * (events appended to either are in both).
   */
  withLevel(level: Level): Replay {
    if (level === this.level) return this;
    const view = Object.create(Replay.prototype) as Replay;
    Object.assign(view, this, { level });
    return view;
  }

  /** The events step `s` covers, at this replay's level: from after the previous step's last event to its own. */
  stepRange(s: number): StepRange | undefined {
    const stops = this.stops;
    if (stops.length === 0) return undefined;
    const at = clamp(s, 0, stops.length - 1);
    return { first: at === 0 ? 0 : stops[at - 1]! + 1, last: stops[at]! };
  }

  /** The events so far. */
  get events(): readonly TraceEvent[] {
    return this.all;
  }

  /** Adds the next events of a run that is still going (steps already shown stay the same). */
  append(events: readonly TraceEvent[]): void {
    for (const event of events) {
      const i = this.all.length;
      this.all.push(event);
      this.fold.push(event);
      if (event.type === 'thread_blocked' && event.on.startsWith('select')) {
        this.inSelect.add(event.name);
        continue;
      }
      if (event.type === 'thread_woke' && this.inSelect.delete(event.name)) continue;
      if (isStop(event)) this.stopList.push(i);
    }
  }

  /** Event indices the viewer stops at, in order. Stop s shows the state after event stops[s]. */
  get stops(): readonly number[] {
    if (this.level === 'learner') {
      if (this.learnerCache.count !== this.all.length) this.learnerCache = { count: this.all.length, stops: this.fold.lastEvents() };
      return this.learnerCache.stops;
    }
    // A trace without a stop still has one step to show.
    if (this.stopList.length === 0 && this.all.length > 0) return [this.all.length - 1];
    return this.stopList;
  }

  /** Number of steps. */
  get length(): number {
    return this.stops.length;
  }

  /** The state after the first `n` events. */
  stateAfter(n: number): LabState {
    const count = Math.max(0, Math.min(n, this.events.length));
    if (count === this.last.count) return this.last;
    // Start from whichever known state is closest below: the last one shown or a checkpoint.
    const checkpoint = this.checkpointBelow(count);
    let state = this.last.count < count && this.last.count > checkpoint.count ? this.last : checkpoint;
    while (state.count < count) {
      state = reduce(state, this.events[state.count]!);
      this.remember(state);
    }
    this.last = state;
    return state;
  }

  /**
   * The state shown at step `s` (0-based): every event up to and including stops[s]. A task step
   * also shows the pointer's move it makes: its coroutine resuming at its await (or, on its first
   * step, its `async def` line), the `line` event right after it.
   */
  stateAt(s: number): LabState {
    if (this.stops.length === 0) return initialState;
    const stop = this.stops[clamp(s, 0, this.stops.length - 1)]!;
    const event = this.events[stop]!;
    const next = this.events[stop + 1];
    // A learner step ends where it ends (a task's step runs to its await there).
    if (this.level === 'learner') return this.stateAfter(stop + 1);
    const resumes = event.type === 'task_step' && next?.type === 'line' && next.thread === event.thread;
    return this.stateAfter(stop + 1 + (resumes ? 1 : 0));
  }

  /** The event shown at step `s`. */
  eventAt(s: number): TraceEvent | undefined {
    const stop = this.stops[clamp(s, 0, this.stops.length - 1)];
    return stop === undefined ? undefined : this.events[stop];
  }

  /** The step showing event `index` (the last step at or before it). */
  stepOfEvent(index: number): number {
    let lo = 0;
    let hi = this.stops.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.stops[mid]! <= index) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  /** The step whose events include event `index` (the first step ending at or after it). */
  stepContaining(index: number): number {
    let lo = 0;
    let hi = this.stops.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.stops[mid]! < index) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, Math.max(0, this.stops.length - 1));
  }

  /** The last step whose event happened at or before simulated time `t`. */
  stepAtTime(t: number): number {
    let lo = 0;
    let hi = this.stops.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.events[this.stops[mid]!]!.t <= t) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  /**
   * The step where the next loop iteration begins after step `s` (the next `loop_iteration` of
   * the loop that ran last), or the last step when none is left.
   */
  nextIteration(s: number): number {
    const from = this.stops[clamp(s, 0, this.stops.length - 1)] ?? 0;
    let loop: number | undefined;
    for (let i = from; i >= 0; i--) {
      const e = this.events[i]!;
      if (e.type === 'loop_iteration') {
        loop = e.loop;
        break;
      }
    }
    for (let i = from + 1; i < this.events.length; i++) {
      const e = this.events[i]!;
      if (e.type === 'loop_iteration' && (loop === undefined || e.loop === loop)) return this.stepContaining(i);
    }
    return this.stops.length - 1;
  }

  /** Simulated time at the end of the trace. */
  get endTime(): number {
    return this.events.at(-1)?.t ?? 0;
  }

  private checkpointBelow(count: number): LabState {
    const k = Math.min(Math.floor(count / CHECKPOINT_EVERY), this.checkpoints.length - 1);
    return this.checkpoints[k]!;
  }

  private remember(state: LabState): void {
    if (state.count % CHECKPOINT_EVERY === 0 && state.count / CHECKPOINT_EVERY === this.checkpoints.length) this.checkpoints.push(state);
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}
