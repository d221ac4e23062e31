// The differential harness: runs programs on real CPython (cpython_runner.py, one python3 process
// per batch) and on our runtime (ts-runner.ts), compares the traces entry by entry, and explains
// the first difference.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PY_STDLIB_DIR } from '../../src/runtime/repr.js';
import type { Entry, Program, RunResult } from './program.js';

const RUNNER = join(import.meta.dirname, 'cpython_runner.py');

/** Runs a batch of programs on CPython 3.11's asyncio in one python3 process; results in input order. */
export function runOnCPython(programs: readonly Program[]): RunResult[] {
  const input = programs.map((p) => JSON.stringify(p)).join('\n') + '\n';
  const child = spawnSync('python3', [RUNNER], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, PYTHONASYNCIODEBUG: '', PYTHONDEVMODE: '', PYTHONHASHSEED: '0', ORACLE_RUNTIME_STDLIB: PY_STDLIB_DIR },
  });
  if (child.status !== 0) {
    throw new Error(`cpython_runner.py failed (status ${child.status}):\n${child.stderr}`);
  }
  const results = child.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RunResult);
  if (results.length !== programs.length) {
    throw new Error(`cpython_runner.py answered ${results.length} of ${programs.length} programs:\n${child.stderr}`);
  }
  return results;
}

/** The first index where two traces differ (-1 when equal). A missing entry counts as a difference. */
export function firstDifference(expected: readonly Entry[], actual: readonly Entry[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (i >= expected.length || i >= actual.length) return i;
    if (comparable(expected[i]!) !== comparable(actual[i]!)) return i;
  }
  return -1;
}

/**
 * An entry as JSON, as both sides can know it: object addresses hidden
 * (`<_asyncio.TaskStepMethWrapper object at 0xf2d2a8>`: the interpreter's memory), and a selector
 * wait that nothing can end, raised inside a callback (a loop run from inside its own callback,
 * 3.13), named alike: cpython_runner.py's `Hang: select(None)` and the runtime's SimulationHang
 * both stand for a process that would block there forever.
 */
function comparable(entry: Entry): string {
  return JSON.stringify(entry)
    .replace(/ at 0x[0-9a-f]+/g, ' at 0x…')
    .replace(/SimulationHang: the event loop would block forever[^"]*/g, 'Hang: select(None)');
}

export interface Comparison {
  program: Program;
  cpython: RunResult;
  runtime: RunResult;
  /** Index of the first differing entry, or -1. */
  diffAt: number;
}

export function compare(program: Program, cpython: RunResult, runtime: RunResult): Comparison {
  const failed = cpython.error !== undefined || runtime.error !== undefined;
  return { program, cpython, runtime, diffAt: failed ? 0 : firstDifference(cpython.trace, runtime.trace) };
}

function show(entry: Entry | undefined): string {
  return entry === undefined ? '(nothing)' : JSON.stringify(entry);
}

/** A readable report: the first differing entry, both traces side by side (marked), and the program. Also shows identical traces (diffAt -1). */
export function explain(c: Comparison): string {
  const same = c.diffAt === -1;
  const lines: string[] = [same ? `program ${c.program.name}: traces are identical` : `program ${c.program.name}: traces differ at entry ${c.diffAt}`];
  if (c.cpython.error !== undefined) lines.push(`cpython_runner.py failed:\n${c.cpython.error}`);
  if (c.runtime.error !== undefined) lines.push(`ts-runner failed:\n${c.runtime.error}`);
  if (!same) lines.push(`  CPython: ${show(c.cpython.trace[c.diffAt])}`, `  runtime: ${show(c.runtime.trace[c.diffAt])}`);
  lines.push('');
  const n = Math.max(c.cpython.trace.length, c.runtime.trace.length);
  const width = Math.max(20, ...c.cpython.trace.map((e) => show(e).length));
  lines.push(`     ${'CPython'.padEnd(width)}   runtime`);
  for (let i = 0; i < n; i++) {
    const left = show(c.cpython.trace[i]);
    const right = show(c.runtime.trace[i]);
    const mark = i === c.diffAt ? '>>' : left === right ? '  ' : '!=';
    lines.push(`${mark}${String(i).padStart(3)} ${left.padEnd(width)}   ${left === right ? '=' : right}`);
  }
  lines.push('', 'program:', JSON.stringify(c.program));
  return lines.join('\n');
}
