// Which trace events real Python could order differently. The kernel is deterministic, but a real
// interpreter switches threads whenever one releases the GIL (any blocking call, and every print,
// which writes to a file). So when thread X wakes thread W (start(), a notify, a self-pipe write)
// and keeps running, what X does next and what W does when it runs happened "at the same time";
// likewise for threads that wake at the same simulated instant. Such pairs of segments are recorded
// here while the kernel runs and resolved at the end: if both sides printed something, every event
// of both sides is marked `race: true`.
import type { TraceEvent } from '../trace.js';
import type { SimThread } from './thread.js';

/** A stretch of one thread's events: [from, to) in the event list, filtered by thread. */
interface Segment {
  thread: SimThread;
  from: number | undefined;
  to: number | undefined;
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
    const segment: Segment = { thread, from: this.events.length, to: undefined };
    this.push(this.open, thread, segment);
    return segment;
  }

  /** A segment of `thread` that is its next slice. */
  nextSlice(thread: SimThread): Segment {
    const segment: Segment = { thread, from: undefined, to: undefined };
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

  /** Marks the events of every pair whose two sides both printed. */
  resolve(): void {
    for (const [a, b] of this.pairs) {
      if (this.printed(a) && this.printed(b)) {
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

  private printed(segment: Segment): boolean {
    return this.eventsOf(segment).some((e) => e.type === 'output');
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
