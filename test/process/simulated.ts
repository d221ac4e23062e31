// What a simulated run printed, per stream, with the race marks the comparison needs.
import type { TraceEvent } from '../../src/runtime/trace.js';

/** A finished simulated run: a process's or a lesson's. */
type ProcessResult = { events: readonly TraceEvent[]; end: { kind: 'exit'; status: number } | { kind: string } };
import type { PrintedLine } from '../scenarios/compare.js';

export function printed(result: ProcessResult, stream: 'stdout' | 'stderr'): PrintedLine[] {
  return result.events.flatMap((e) => (e.type === 'output' && e.stream === stream ? [{ text: e.text, race: e.race, instant: e.instant }] : []));
}

export function texts(result: ProcessResult, stream: 'stdout' | 'stderr'): string[] {
  return printed(result, stream).map((l) => l.text);
}

export function status(result: ProcessResult): number | undefined {
  return result.end.kind === 'exit' && 'status' in result.end ? result.end.status : undefined;
}
