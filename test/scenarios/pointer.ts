// Compares a simulated run's source pointer (its `line` events) with the one a recording took on
// real python3 (src/recorder/pointer.py), thread by thread.
import type { Recording } from './recordings.js';

/** What the comparison needs of an event (a TraceEvent, or an NDJSON record of one). */
export interface PointerEvent {
  type: string;
  thread?: string;
  line?: number;
  race?: boolean;
}

/** Each thread's pointer moves, from a run's `line` events. */
export function pointerByThread(events: readonly PointerEvent[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const event of events) if (event.type === 'line') (out[event.thread!] ??= []).push(event.line!);
  return out;
}

/** Each move of a sequence (from, to), counted: what a reordering of whole visits keeps. */
function moves(lines: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 1; i < lines.length; i++) out[`${lines[i - 1]}→${lines[i]}`] = (out[`${lines[i - 1]}→${lines[i]}`] ?? 0) + 1;
  return out;
}

/**
 * For each thread of the recording, its pointer in a form to compare with `toEqual`: the sequence
 * itself, or, for a thread the simulation marks as racing (events at one virtual instant that real
 * time spreads over microseconds, in either order, so its visits may come in another order) when
 * the two orders differ, its first and last lines and its moves, counted. Returns [simulated, recorded].
 */
export function comparablePointers(events: readonly PointerEvent[], recording: Recording): [Record<string, unknown>, Record<string, unknown>] {
  const relaxed = relaxedThreads(events, recording);
  const simulated = pointerByThread(events);
  const threads = [...new Set([...Object.keys(simulated), ...Object.keys(recording.pointer)])].sort();
  const form = (thread: string, lines: readonly number[] | undefined) =>
    lines === undefined || !relaxed.includes(thread) ? lines : { first: lines[0], last: lines.at(-1), moves: moves(lines) };
  return [
    Object.fromEntries(threads.map((t) => [t, form(t, simulated[t])])),
    Object.fromEntries(threads.map((t) => [t, form(t, recording.pointer[t])])),
  ];
}

/**
 * The threads compared in the relaxed form: exact wherever the sequences agree; relaxed only for a
 * racing thread whose order differs.
 */
export function relaxedThreads(events: readonly PointerEvent[], recording: Recording): string[] {
  const simulated = pointerByThread(events);
  const racing = new Set(events.filter((e) => e.race === true).map((e) => e.thread));
  return Object.keys(simulated)
    .filter((thread) => racing.has(thread) && recording.pointer[thread] !== undefined && JSON.stringify(simulated[thread]) !== JSON.stringify(recording.pointer[thread]))
    .sort();
}
