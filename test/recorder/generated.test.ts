// The recorder's own trace, checked against the simulation's on generated programs: the
// differential oracle's programs (test/oracle/generate.ts), written out as Python a learner could
// run (generated/python-source.ts), recorded on real CPython, and run on the runtime
// (test/oracle/ts-runner.ts) set to the same version and waiting as the simulated process does; the
// two lab traces must be equal event by event, as `asyncio-lab verify` compares a lesson's (up to
// object ids and addresses). Local python3 (3.11): the first SEEDS seeds, one fork per program
// (generated/record_batch.py). The embedded 3.14 engine: EMBEDDED_SEEDS programs in one Pyodide
// load (embedded-batch.ts).
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Recording } from '../../src/recorder/recording.js';
import { generate } from '../oracle/generate.js';
import type { Program } from '../oracle/program.js';
import { embeddedBatch, type EmbeddedBatch } from './embedded-batch.js';
import { differences, recordable, simulate } from './generated/compare-generated.js';
import { pythonSource } from './generated/python-source.js';
import { recordLocalBatch } from './generated/record-local.js';

const SEEDS = 300;
const EMBEDDED_SEEDS = 60;

const programs = (n: number): Program[] => Array.from({ length: n }, (_, i) => recordable(generate(i + 1)));

/** Each program's first difference (none is expected), with its seed. */
function check(list: readonly Program[], recordings: readonly Recording[], python: '3.11' | '3.14', paths: readonly (readonly [string, string])[]): string[] {
  const failures: string[] = [];
  list.forEach((program, i) => {
    const simulated = simulate(program, python);
    if ('error' in simulated) {
      failures.push(`${program.name}: the runtime's runner failed: ${simulated.error.split('\n')[0]}`);
      return;
    }
    const found = differences(simulated, recordings[i]!, paths);
    if (found !== '') failures.push(`${program.name}:\n${found}`);
  });
  return failures;
}

describe('the recorder against the runtime, on generated programs', () => {
  it(`python3 (3.11): ${SEEDS} programs give the runtime's trace`, async () => {
    const stdlib = spawnSync('python3', ['-c', 'import asyncio, os; print(os.path.dirname(os.path.dirname(asyncio.__file__)))'], { encoding: 'utf8' }).stdout.trim();
    const list = programs(SEEDS);
    const recordings = await recordLocalBatch('python3', list.map(pythonSource));
    expect(recordings).toHaveLength(SEEDS);
    expect(check(list, recordings, '3.11', [[stdlib, '/usr/lib/python3.11']]).slice(0, 3)).toEqual([]);
  }, 600_000);

  describe('on the embedded Python 3.14', () => {
    let batch: EmbeddedBatch;
    beforeAll(async () => {
      batch = await embeddedBatch('3.14');
    }, 120_000);
    afterAll(() => batch?.close());

    it(`${EMBEDDED_SEEDS} programs give the runtime's trace`, () => {
      const list = programs(EMBEDDED_SEEDS);
      const recordings = list.map((program) => batch.record({ source: pythonSource(program), file: 'program.py', dir: '/generated', interrupts: [], until: 60, debug: false, cpuSeconds: 120 }));
      expect(check(list, recordings, '3.14', []).slice(0, 3)).toEqual([]);
    }, 900_000);
  });
});
