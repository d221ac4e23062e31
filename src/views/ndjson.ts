// The NDJSON view (`--json`): one trace event per line, for scripts and for diffing runs.
// Every line has `type` and `t`; the rest are the event's own fields (src/runtime/trace.ts).
// Printed lines read {"type":"output","stream":"stdout","thread":"MainThread","text":"...","t":0}
// with `text` exactly as Python prints it.
import type { TraceEvent } from '../runtime/trace.js';
import type { RunEnd } from '../scenarios/types.js';
import { NdjsonEncoder } from './ndjson-encoder.js';

/** One event as a JSON object in a stable key order: type first, then its fields, thread, t. */
export function eventRecord(event: TraceEvent): Record<string, unknown> {
  if (event.type === 'output') {
    const { type, stream, thread, text, t, race } = event;
    return race === undefined ? { type, stream, thread, text, t } : { type, stream, thread, text, t, race };
  }
  const { type, t, thread, ...fields } = event;
  return { type, ...fields, thread, t };
}

/** One event as one line of NDJSON (no newline): the text JSON.stringify(eventRecord(event)) gives. */
export function eventLine(event: TraceEvent): string {
  lineEncoder.add(event);
  return lineEncoder.text().slice(0, -1);
}

const lineEncoder = new NdjsonEncoder(4096);

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
