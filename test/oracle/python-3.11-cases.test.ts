// The process cases (process-cases.ts) on this machine's python3, CPython 3.11, against the runtime set to 3.11.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { PYTHONS } from '../../src/runtime/python-version.js';
import { PROCESS_CASES, simulateCase } from './process-cases.js';
import { runOnNativePython } from './pyodide-lessons.js';
import { expectSamePrinted } from './versions.js';

describe(`Python 3.11: the process cases print what python3 (CPython ${PYTHONS['3.11'].release}) prints`, () => {
  it('python3 is 3.11', () => {
    expect(spawnSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).stdout.trim()).toBe(PYTHONS['3.11'].release);
  });
  for (const c of PROCESS_CASES) {
    for (const dev of [false, true]) {
      it(`${c.name}${dev ? ' (-X dev)' : ''}`, () => {
        expectSamePrinted(simulateCase(c, '3.11', dev), runOnNativePython(c.source, { dev }), '3.11');
      });
    }
  }
});
