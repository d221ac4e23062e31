// Small Python programs (test/oracle/process-cases/NAME.py) with their twins on the simulated
// process (NAME.ts): what a version does where the generated programs cannot reach (warnings
// asyncio raises at the caller's line, asyncio.timeout's states, reprs and errors, the frames an
// exception leaving asyncio.run or sleep gains, concurrent.futures' own exceptions). Each runs on python3
// (3.11) and on each Pyodide, with the harness the lessons use, and on the runtime set to that
// version: what they print and their exit status must be the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MainProgram } from '../../src/runtime/process/index.js';
import { runProcess } from '../../src/runtime/process/index.js';
import type { PythonVersion } from '../../src/runtime/python-version.js';
import type { PythonSource, RunResult } from '../../src/scenarios/types.js';
import { concurrentFuture } from './process-cases/concurrent-future.js';
import { deprecations } from './process-cases/deprecations.js';
import { runError } from './process-cases/run-error.js';
import { sleepZeroCancel } from './process-cases/sleep-zero-cancel.js';
import { timeouts } from './process-cases/timeouts.js';

export interface ProcessCase {
  name: string;
  source: PythonSource;
  program: MainProgram;
}

const DIR = join(import.meta.dirname, 'process-cases');
const TWINS: Record<string, MainProgram> = { deprecations, timeouts, 'run-error': runError, 'concurrent-future': concurrentFuture, 'sleep-zero-cancel': sleepZeroCancel };

export const PROCESS_CASES: ProcessCase[] = Object.entries(TWINS).map(([name, program]) => ({
  name,
  source: { file: `${name}.py`, text: readFileSync(join(DIR, `${name}.py`), 'utf8') },
  program,
}));

/** The twin on the runtime set to `python`, its clock as the oracles' (0.0 and frozen between waits). */
export function simulateCase(c: ProcessCase, python: PythonVersion, dev = false): RunResult {
  return runProcess(c.program, { file: c.source.file, source: c.source.text, python, debug: dev, until: 60, clock: { origin: 0, tick: 0 } });
}
