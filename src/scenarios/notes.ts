// A lesson's notes, tied to the events they explain. A note names an event by its type and some of
// its fields (`{ type: 'task_wait', name: 'Task-1' }`, `{ type: 'output', text: /^当前的内部时间/ }`,
// `{ type: 'line', line: 7 }`); the first event of the trace that matches gets the note, as a
// `note` event placed right after it. Every view (plain text, NDJSON, the lab) reads that same
// event, so a note shows where its event shows and nowhere else: if the event does not happen in a
// run (no Ctrl+C, the as-written program), neither does the note.
//
// This runs on the trace, outside the runtime: the simulated program only does what the Python
// program does, and the words about it live in the lesson.
import type { TraceEvent, TraceEventType } from '../runtime/trace.js';
import type { Bilingual } from './types.js';

/** A field's expected value: equal to it, or, for a RegExp, a string field it matches. */
export type FieldMatch = string | number | boolean | null | RegExp;

/** Which event: its type, and fields it must have (any other field may be anything). */
export type EventMatch = { type: TraceEventType } & { readonly [field: string]: FieldMatch | undefined };

export interface LessonNote extends Bilingual {
  /** The event this note explains. */
  when: EventMatch;
  /** Which of the matching events, counting from 1 (default: the first). */
  nth?: number;
  /**
   * Events that must have happened first, in this order (e.g. `[{ type: 'interrupt' }]` for a note
   * about what Ctrl+C did): matches are counted only once the last of them has been seen.
   */
  after?: readonly EventMatch[];
}

/** Whether `event` has the type and every field `match` asks for. */
export function matches(event: TraceEvent, match: EventMatch): boolean {
  const fields = event as unknown as Record<string, unknown>;
  for (const key of Object.keys(match)) {
    const want = match[key];
    if (want === undefined) continue;
    const got = fields[key];
    if (want instanceof RegExp) {
      if (typeof got !== 'string' || !want.test(got)) return false;
    } else if (got !== want) return false;
  }
  return true;
}

/**
 * Follows a trace event by event and says which notes each event brings. Streams: it keeps only a
 * few counters per note, so it can run beside an engine that emits events one at a time.
 */
export class NoteMatcher {
  private readonly pending: { note: LessonNote; gates: number; seen: number }[];

  constructor(notes: readonly LessonNote[]) {
    this.pending = notes.map((note) => ({ note, gates: 0, seen: 0 }));
  }

  /** The `note` events to place right after `event` (usually none). */
  after(event: TraceEvent): TraceEvent[] {
    if (event.type === 'note') return [];
    let out: TraceEvent[] | undefined;
    for (let i = 0; i < this.pending.length; i++) {
      const p = this.pending[i]!;
      const after = p.note.after ?? [];
      if (p.gates < after.length) {
        if (matches(event, after[p.gates]!)) p.gates += 1;
        continue;
      }
      if (!matches(event, p.note.when)) continue;
      p.seen += 1;
      if (p.seen !== (p.note.nth ?? 1)) continue;
      (out ??= []).push({ type: 'note', t: event.t, thread: event.thread, zh: p.note.zh, en: p.note.en });
      this.pending.splice(i--, 1);
    }
    return out ?? [];
  }
}

/** `events` with the notes placed after the events they explain. */
export function withNotes(events: readonly TraceEvent[], notes: readonly LessonNote[]): TraceEvent[] {
  if (notes.length === 0) return [...events];
  const matcher = new NoteMatcher(notes);
  const out: TraceEvent[] = [];
  for (const event of events) {
    out.push(event);
    for (const note of matcher.after(event)) out.push(note);
  }
  return out;
}
