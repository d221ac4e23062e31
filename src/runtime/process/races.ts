// Which trace events real Python could order differently. The kernel is deterministic, but a real
// interpreter switches threads whenever one releases the GIL (any blocking call, and every print,
// which writes to a file). So when thread X wakes thread W (start(), a notify, a self-pipe write)
// and keeps running, what X does next and what W does when it runs happened "at the same time";
// likewise for threads that wake at the same simulated instant: woken by one wait of the kernel,
// the clock's `instant` (time advanced by waits only, src/runtime/clock.ts), whatever clock ticks
// their deadlines differ by. Such pairs of segments are recorded
// here while the kernel runs and resolved at the end: if both sides did something visible (printed,
// or, for threads that woke at the same instant, acted on the other: a self-pipe write, a queue put,
// which may land before or after what the other side does), every event of both sides is marked
// `race: true`. A pair is resolved as soon as both its sides have ended (they no longer change), so a
// streaming run can hand out every event no unresolved pair covers (`settledBefore`).
import type { TraceEvent } from '../trace.js';
import type { SimThread } from './thread.js';

/** A stretch of one thread's events: [from, to) in absolute event numbers, filtered by thread. */
export interface Segment {
  thread: SimThread;
  from: number | undefined;
  to: number | undefined;
  /** The thread acted on another thread meanwhile (wrote a self-pipe, put on a queue, set an event...). */
  poked: boolean;
  /**
   * Whether such acts count as visible. 'always' between threads that woke at the same instant (each
   * was already under way, so a pipe write may land before or after the other's timers). 'never'
   * after a wake-up: what X puts on W's queue after waking it is queued behind the wake-up, in order.
   * 'if-other-schedules' after a self-pipe wake-up: X's next call_soon_threadsafe may land before the
   * woken loop takes its ready queue, or after it, and then runs after the handles that batch
   * schedules with call_soon; when the woken side schedules none, it runs next either way.
   */
  countPokes: CountPokes;
}

export type CountPokes = 'always' | 'never' | 'if-other-schedules';

/** Where the recorder reads events: an absolute count, and the events still kept from `base` on. */
export interface EventWindow {
  /** Events emitted so far (the next event's absolute number). */
  count(): number;
  /** Absolute number of the first event still kept. */
  base(): number;
  /** The kept events, from `base()` on. */
  readonly kept: TraceEvent[];
}

export class RaceRecorder {
  private pairs: [Segment, Segment][] = [];
  /** Segments that begin when the thread next runs. */
  private readonly pendingNext = new Map<SimThread, Segment[]>();
  /** Segments that end when the thread's current slice ends. */
  private readonly open = new Map<SimThread, Segment[]>();

  constructor(private readonly events: EventWindow) {}

  /** A segment of `thread` starting now (it is running). */
  fromNow(thread: SimThread, countPokes: CountPokes = 'never'): Segment {
    const segment: Segment = { thread, from: this.events.count(), to: undefined, poked: false, countPokes };
    this.push(this.open, thread, segment);
    return segment;
  }

  /** A segment of `thread` that is its next slice. */
  nextSlice(thread: SimThread, countPokes = false): Segment {
    const segment: Segment = { thread, from: undefined, to: undefined, poked: false, countPokes: countPokes ? 'always' : 'never' };
    this.push(this.pendingNext, thread, segment);
    return segment;
  }

  pair(a: Segment, b: Segment): void {
    this.pairs.push([a, b]);
  }

  /** The kernel calls this when `thread` starts a slice. */
  sliceStarted(thread: SimThread): void {
    const pending = this.pendingNext.get(thread);
    if (pending === undefined) return;
    this.pendingNext.delete(thread);
    for (const segment of pending) {
      segment.from = this.events.count();
      this.push(this.open, thread, segment);
    }
  }

  /** The kernel calls this when `thread` blocks or ends. */
  sliceEnded(thread: SimThread): void {
    const open = this.open.get(thread);
    if (open === undefined) return;
    this.open.delete(thread);
    for (const segment of open) segment.to = this.events.count();
    this.resolveEnded();
  }

  /**
   * The absolute number of the first event an unresolved pair may still mark (Infinity when none):
   * every event before it is final. A side that has not started yet starts after every event so far;
   * a running segment not paired yet (a new thread's first slice, paired once it blocks) holds too.
   */
  settledBefore(): number {
    let first = Number.POSITIVE_INFINITY;
    for (const segments of this.open.values()) for (const s of segments) if (s.from! < first) first = s.from!;
    for (const [a, b] of this.pairs) {
      if (a.from !== undefined && a.from < first) first = a.from;
      if (b.from !== undefined && b.from < first) first = b.from;
    }
    return first;
  }

  /** Resolves the pairs whose two sides have both ended (or whose thread ended before running them). */
  private resolveEnded(): void {
    if (this.pairs.length === 0) return;
    const ended = (s: Segment) => s.to !== undefined || (s.from === undefined && s.thread.state === 'done');
    const pending: [Segment, Segment][] = [];
    for (const pair of this.pairs) {
      if (ended(pair[0]) && ended(pair[1])) this.resolvePair(pair);
      else pending.push(pair);
    }
    this.pairs = pending;
  }

  /** `thread` acted on other threads (its effect may land before or after what they do meanwhile). */
  poke(thread: SimThread): void {
    for (const segment of this.open.get(thread) ?? []) segment.poked = true;
  }

  /** Marks the events of every pair whose two sides both did something another thread can see. */
  resolve(): void {
    for (const pair of this.pairs) this.resolvePair(pair);
    this.pairs = [];
  }

  private resolvePair([a, b]: [Segment, Segment]): void {
    if (this.visible(a, b) && this.visible(b, a)) {
      this.mark(a);
      this.mark(b);
    }
  }

  /** The segment's events still kept (a streaming run that held too many has handed out the oldest). */
  private eventsOf(segment: Segment): TraceEvent[] {
    if (segment.from === undefined) return [];
    const base = this.events.base();
    const to = segment.to ?? this.events.count();
    return this.events.kept.slice(Math.max(0, segment.from - base), Math.max(0, to - base)).filter((e) => e.thread === segment.thread.name);
  }

  /** It printed, or it acted on another thread when that counts (against the `other` side of its pair). */
  private visible(segment: Segment, other: Segment): boolean {
    if (this.eventsOf(segment).some((e) => e.type === 'output')) return true;
    if (!segment.poked || segment.countPokes === 'never') return false;
    return segment.countPokes === 'always' || this.eventsOf(other).some((e) => e.type === 'handle_scheduled' && e.kind === 'Handle');
  }

  private mark(segment: Segment): void {
    for (const event of this.eventsOf(segment)) event.race = true;
  }

  private push(map: Map<SimThread, Segment[]>, thread: SimThread, segment: Segment): void {
    const list = map.get(thread);
    if (list === undefined) map.set(thread, [segment]);
    else list.push(segment);
  }
}
