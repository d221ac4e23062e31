// The runtime against CPython 3.11's asyncio: 3000 generated programs (seeds 1..3000), 300 of them
// again on a coarse clock, and the hand-written edge cases in cases/*.json run on both
// (cpython_runner.py on real asyncio in virtual time, ts-runner.ts on src/runtime); every trace
// must be identical, entry for entry.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WINDOWS_CLOCK_RESOLUTION } from '../../src/runtime/clock.js';
import { generate } from './generate.js';
import { type Comparison, compare, explain, runOnCPython } from './harness.js';
import type { Program } from './program.js';
import { runOnRuntime } from './ts-runner.js';

const SEEDS = 3000;
const BATCH = 300;

function differences(programs: Program[]): Comparison[] {
  const cpython = runOnCPython(programs);
  return programs.map((p, i) => compare(p, cpython[i]!, runOnRuntime(p, { python: '3.11' }))).filter((c) => c.diffAt >= 0);
}

function report(failures: Comparison[], total: number): string {
  if (failures.length === 0) return '';
  const names = failures.map((f) => f.program.name).join(', ');
  return `${failures.length} of ${total} programs differ from CPython (${names}); the first:\n\n${explain(failures[0]!)}`;
}

describe('generated programs run exactly as on CPython', () => {
  for (let start = 1; start <= SEEDS; start += BATCH) {
    const end = Math.min(SEEDS, start + BATCH - 1);
    it(`traces seeds ${start}..${end} identically`, () => {
      const programs = Array.from({ length: end - start + 1 }, (_, i) => generate(start + i));
      const failures = differences(programs);
      expect(failures.length, report(failures, programs.length)).toBe(0);
    });
  }
});

// The same programs on a coarse clock (Windows' 15.625 ms): readings a few statements apart are equal,
// so deadlines tie often and the loop's resolution window is wide.
const COARSE_SEEDS = 300;
describe('generated programs on a coarse clock run exactly as on CPython', () => {
  it(`traces seeds 1..${COARSE_SEEDS} identically`, () => {
    const programs = Array.from({ length: COARSE_SEEDS }, (_, i) => ({ ...generate(i + 1), clockResolution: WINDOWS_CLOCK_RESOLUTION }));
    const failures = differences(programs);
    expect(failures.length, report(failures, programs.length)).toBe(0);
  });
});

const casesDir = join(import.meta.dirname, 'cases');
const cases = readdirSync(casesDir)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(casesDir, name), 'utf8')) as Program);

describe('hand-written edge cases run exactly as on CPython', () => {
  const cpython = new Map(runOnCPython(cases).map((r) => [r.name, r]));
  for (const program of cases) {
    it(`${program.name}: ${program.description ?? ''}`, () => {
      const c = compare(program, cpython.get(program.name)!, runOnRuntime(program, { python: '3.11' }));
      expect(c.diffAt, c.diffAt === -1 ? '' : explain(c)).toBe(-1);
    });
  }
});
