// The NDJSON view (`--json`): one trace event per line, for scripts and for diffing runs.
// Every line has `type` and `t`; the rest are the event's own fields (src/runtime/trace.ts).
// Printed lines read {"type":"output","stream":"stdout","thread":"MainThread","text":"...","t":0}
// with `text` exactly as Python prints it.
import type { TraceEvent } from '../runtime/trace.js';
import type { RunEnd } from '../scenarios/types.js';

/** One event as a JSON object in a stable key order: type first, then its fields, thread, t. */
export function eventRecord(event: TraceEvent): Record<string, unknown> {
  if (event.type === 'output') {
    const { type, stream, thread, text, t, race } = event;
    return race === undefined ? { type, stream, thread, text, t } : { type, stream, thread, text, t, race };
  }
  const { type, t, thread, ...fields } = event;
  return { type, ...fields, thread, t };
}

/**
 * One event as one line of NDJSON (no newline): the text JSON.stringify(eventRecord(event)) gives,
 * built directly. A long run writes millions of lines, and copying each event into a record in
 * the right key order first cost four times the simulation's own time.
 */
export function eventLine(event: TraceEvent): string {
  if (event.type === 'output') {
    const { stream, thread, text, t, race } = event;
    return `{"type":"output","stream":"${stream}","thread":${JSON.stringify(thread)},"text":${JSON.stringify(text)},"t":${json(t)}${race === undefined ? '' : `,"race":${race}`}}`;
  }
  let line = `{"type":"${event.type}"`;
  const record = event as unknown as Record<string, unknown>;
  for (const key in record) {
    if (key === 'type' || key === 't' || key === 'thread') continue;
    const value = record[key];
    if (value === undefined) continue;
    line += `,"${key}":${typeof value === 'number' ? json(value) : JSON.stringify(value)}`;
  }
  return `${line},"thread":${JSON.stringify(event.thread)},"t":${json(event.t)}}`;
}

/** A number as JSON writes it (non-finite numbers are null). */
function json(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * The line that closes a run that did not exit: the simulation stopped at `until` while the
 * process was still running. Not a trace event: a statement about the watching.
 */
export function endLine(end: RunEnd, budget?: { budget: string; limit: number }): string | undefined {
  if (end.kind === 'exit') return undefined;
  if (budget !== undefined) return JSON.stringify({ type: 'stopped_watching', running: true, t: end.t, budget: budget.budget, limit: budget.limit });
  return JSON.stringify({ type: 'stopped_watching', running: true, t: end.t });
}

/** The whole NDJSON document for a run. */
export function ndjsonLines(events: readonly TraceEvent[], end: RunEnd): string[] {
  const lines = events.map(eventLine);
  const last = endLine(end);
  if (last !== undefined) lines.push(last);
  return lines;
}
