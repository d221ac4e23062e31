// The differential oracle on CPython 3.12 to 3.15: the same generated programs and hand-written
// cases run on that version's real CPython (cpython_runner.py inside Pyodide, pyodide-harness.ts)
// and on the runtime set to that version (Realm's PythonBehaviour); the traces must be equal.
// Each version has a test file of its own (python-3.1x.test.ts), so each loads its Pyodide once
// and the files run in parallel.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PyodideVersion } from '../../src/engines/pyodide.js';
import { PYTHONS } from '../../src/runtime/python-version.js';
import { generate } from './generate.js';
import { type Comparison, compare, explain } from './harness.js';
import type { Program } from './program.js';
import { type PyodideOracle, loadOracle } from './pyodide-harness.js';
import { type RealRun, documentedRuns, lessonPrograms, runOnPython, simulate } from './pyodide-lessons.js';
import { compareLines, type PrintedLine } from '../scenarios/compare.js';
import type { RunResult } from '../../src/scenarios/types.js';
import { runOnRuntime } from './ts-runner.js';
import { PROCESS_CASES, simulateCase } from './process-cases.js';

/** Generated programs per version in CI (seeds 1..N); docs/oracle.md gives the sweeps beyond. */
export const VERSION_SEEDS = 500;

function differences(oracle: PyodideOracle, version: PyodideVersion, programs: Program[]): Comparison[] {
  const cpython = oracle.run(programs);
  return programs.map((p, i) => compare(p, cpython[i]!, runOnRuntime(p, { python: version }))).filter((c) => c.diffAt >= 0);
}

function report(failures: Comparison[], total: number): string {
  if (failures.length === 0) return '';
  const names = failures.map((f) => f.program.name).join(', ');
  return `${failures.length} of ${total} programs differ from CPython (${names}); the first:\n\n${explain(failures[0]!)}`;
}

const casesDir = join(import.meta.dirname, 'cases');
const cases = readdirSync(casesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(casesDir, name), 'utf8')) as Program);

export function describeVersion(version: PyodideVersion): void {
  describe(`Python ${version}: the runtime runs programs exactly as CPython ${PYTHONS[version].release} (Pyodide)`, () => {
    let oracle: PyodideOracle;
    beforeAll(async () => {
      oracle = await loadOracle(version, PYTHONS[version].stdlibDir);
    });

    it(`is CPython ${PYTHONS[version].release}`, () => {
      expect(oracle.python.fullVersion).toBe(PYTHONS[version].release);
    });

    const BATCH = 250;
    for (let start = 1; start <= VERSION_SEEDS; start += BATCH) {
      const end = Math.min(VERSION_SEEDS, start + BATCH - 1);
      it(`traces seeds ${start}..${end} identically`, () => {
        const programs = Array.from({ length: end - start + 1 }, (_, i) => generate(start + i));
        const failures = differences(oracle, version, programs);
        expect(failures.length, report(failures, programs.length)).toBe(0);
      });
    }

    it('traces the hand-written edge cases identically', () => {
      const failures = differences(oracle, version, cases);
      expect(failures.length, report(failures, cases.length)).toBe(0);
    });

    // Last: a lesson program runs with the interpreter's default warning filters and policy.
    describe('the single-thread lessons print what this CPython prints', () => {
      for (const program of lessonPrograms()) {
        it(program.name, () => {
          const real = runOnPython(oracle.python, program.source);
          const sim = simulate(program, version);
          expect({
            stdout: compareLines(printed(sim, 'stdout'), real.stdout),
            stderr: compareLines(printed(sim, 'stderr'), real.stderr),
            status: sim.end.kind === 'exit' ? sim.end.status : sim.end,
          }, `CPython ${version} printed:\n${real.stdout.join('\n')}\n---\n${real.stderr.join('\n')}`).toEqual({ stdout: { ok: true }, stderr: { ok: true }, status: real.status });
        });
      }
    });

    // Programs only a version's own asyncio can answer (deprecation warnings, asyncio.timeout): process-cases.ts.
    describe('the process cases print what this CPython prints', () => {
      for (const c of PROCESS_CASES) {
        for (const dev of [false, true]) {
          it(`${c.name}${dev ? ' (-X dev)' : ''}`, () => {
            const real = runOnPython(oracle.python, c.source, { dev });
            expectSamePrinted(simulateCase(c, version, dev), real, version);
          });
        }
      }
    });

    // The documented Ctrl+C moments and -X dev runs the 3.11 recordings hold, on this version.
    describe('the single-thread lessons\' documented Ctrl+C and -X dev runs print what this CPython prints', () => {
      for (const run of documentedRuns()) {
        const title = `${run.name} (${[run.start.dev ? '-X dev' : '', ...(run.start.interrupts ?? []).map((t) => `Ctrl+C at ${t} s`)].filter(Boolean).join(', ')})`;
        it(title, () => {
          const real = runOnPython(oracle.python, run.source, run.start);
          const sim = run.run(version);
          expect({
            stdout: compareLines(printed(sim, 'stdout'), real.stdout),
            stderr: compareLines(printed(sim, 'stderr'), real.stderr),
            status: sim.end.kind === 'exit' ? sim.end.status : sim.end,
          }, `CPython ${version} printed:\n${real.stdout.join('\n')}\n---\n${real.stderr.join('\n')}`).toEqual({ stdout: { ok: true }, stderr: { ok: true }, status: real.status });
        });
      }
    });
  });
}

/**
 * Exactly what `real` printed (a process case: virtual time on both sides, so floats and times are
 * compared as printed, not normalized as the lessons' real-time recordings are), and its exit status.
 */
export function expectSamePrinted(sim: RunResult, real: RealRun, version: string): void {
  const lines = (stream: 'stdout' | 'stderr') => printed(sim, stream).map((l) => l.text);
  expect({ stdout: lines('stdout'), stderr: lines('stderr'), status: sim.end.kind === 'exit' ? sim.end.status : sim.end }, `CPython ${version}`).toEqual(real);
}

/** What `sim` printed and its exit status are what `real` (that CPython, run by the lessons' harness) printed. */
export function expectSameRun(sim: RunResult, real: RealRun, version: string): void {
  expect({
    stdout: compareLines(printed(sim, 'stdout'), real.stdout),
    stderr: compareLines(printed(sim, 'stderr'), real.stderr),
    status: sim.end.kind === 'exit' ? sim.end.status : sim.end,
  }, `CPython ${version} printed:\n${real.stdout.join('\n')}\n---\n${real.stderr.join('\n')}`).toEqual({ stdout: { ok: true }, stderr: { ok: true }, status: real.status });
}

function printed(result: RunResult, stream: 'stdout' | 'stderr'): PrintedLine[] {
  return result.events.flatMap((e) => (e.type === 'output' && e.stream === stream ? [{ text: e.text, race: e.race, t: e.t }] : []));
}
