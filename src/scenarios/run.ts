// Runs a lesson's program on the simulated process.
import type { RunOptions, RunResult } from './types.js';

/** Placeholder until the lesson's program is written against the process API. */
export function pendingRun(options: RunOptions): RunResult {
  return { events: [], end: { kind: 'until', t: options.until } };
}
