// What a simulated run printed, per stream, with the race marks the comparison needs.
import type { ProcessResult } from '../../src/runtime/process/index.js';
import type { PrintedLine } from '../scenarios/compare.js';

export function printed(result: ProcessResult, stream: 'stdout' | 'stderr'): PrintedLine[] {
  return result.events.flatMap((e) => (e.type === 'output' && e.stream === stream ? [{ text: e.text, race: e.race, instant: e.instant }] : []));
}

export function texts(result: ProcessResult, stream: 'stdout' | 'stderr'): string[] {
  return printed(result, stream).map((l) => l.text);
}

export function status(result: ProcessResult): number | undefined {
  return result.end.kind === 'exit' ? result.end.status : undefined;
}
