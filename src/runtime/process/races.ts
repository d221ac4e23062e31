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
// `race: true`.
import type { TraceEvent } from '../trace.js';
import type { SimThread } from './thread.js';

/** A stretch of one thread's events: [from, to) in the event list, filtered by thread. */
export interface Segment {
  thread: SimThread;
  from: number | undefined;
  to: number | undefined;
  /** The thread acted on another thread meanwhile (wrote a self-pipe, put on a queue, set an event...). */
  poked: boolean;
  /**
   * Whether such acts count as visible. They do between threads that woke at the same instant (each
   * was already under way, so a pipe write may land before or after the other's timers). They do not
   * after a wake-up: what X does to W after waking it is queued behind the wake-up, in order.
   */
  countPokes: boolean;
}

export class RaceRecorder {
  private readonly pairs: [Segment, Segment][] = [];
  /** Segments that begin when the thread next runs. */
  private readonly pendingNext = new Map<SimThread, Segment[]>();
  /** Segments that end when the thread's current slice ends. */
  private readonly open = new Map<SimThread, Segment[]>();

  constructor(private readonly events: TraceEvent[]) {}

  /** A segment of `thread` starting now (it is running). */
  fromNow(thread: SimThread): Segment {
    const segment: Segment = { thread, from: this.events.length, to: undefined, poked: false, countPokes: false };
    this.push(this.open, thread, segment);
    return segment;
  }

  /** A segment of `thread` that is its next slice. */
  nextSlice(thread: SimThread, countPokes = false): Segment {
    const segment: Segment = { thread, from: undefined, to: undefined, poked: false, countPokes };
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
      segment.from = this.events.length;
      this.push(this.open, thread, segment);
    }
  }

  /** The kernel calls this when `thread` blocks or ends. */
  sliceEnded(thread: SimThread): void {
    const open = this.open.get(thread);
    if (open === undefined) return;
    this.open.delete(thread);
    for (const segment of open) segment.to = this.events.length;
  }

  /** `thread` acted on other threads (its effect may land before or after what they do meanwhile). */
  poke(thread: SimThread): void {
    for (const segment of this.open.get(thread) ?? []) segment.poked = true;
  }

  /** Marks the events of every pair whose two sides both did something another thread can see. */
  resolve(): void {
    for (const [a, b] of this.pairs) {
      if (this.visible(a) && this.visible(b)) {
        this.mark(a);
        this.mark(b);
      }
    }
  }

  private eventsOf(segment: Segment): TraceEvent[] {
    if (segment.from === undefined) return [];
    const to = segment.to ?? this.events.length;
    return this.events.slice(segment.from, to).filter((e) => e.thread === segment.thread.name);
  }

  /** It printed, or it acted on another thread when that counts. */
  private visible(segment: Segment): boolean {
    return (segment.countPokes && segment.poked) || this.eventsOf(segment).some((e) => e.type === 'output');
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
