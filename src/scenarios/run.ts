// Runs a lesson's program on the simulated process (src/runtime/process): the options a learner
// chose, the file name and source text tracebacks show.
import { runProcess, type MainProgram } from '../runtime/process/index.js';
import type { PythonSource, RunOptions, RunResult } from './types.js';

export function runOn(program: MainProgram, source: PythonSource, options: RunOptions): RunResult {
  const { events, end } = runProcess(program, {
    debug: options.debug,
    interrupts: options.interrupts,
    until: options.until,
    file: source.file,
    source: source.text,
  });
  return { events, end };
}

/** Placeholder until the lesson's program is written against the process API. */
export function pendingRun(options: RunOptions): RunResult {
  return { events: [], end: { kind: 'until', t: options.until } };
}
