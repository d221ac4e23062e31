// The differential harness's CPython side on Pyodide (CPython 3.12 to 3.15): cpython_runner.py,
// unchanged, runs inside the interpreter, one program at a time, on CPython's own asyncio in
// virtual time (src/engines/virtual_time.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadedPython, type PyodideVersion, loadPython } from '../../src/engines/pyodide.js';
import type { Program, RunResult } from './program.js';

const RUNNER = join(import.meta.dirname, 'cpython_runner.py');

export interface PyodideOracle {
  readonly python: LoadedPython;
  run(programs: readonly Program[]): RunResult[];
}

/** Loads `version` and prepares cpython_runner.py in it; `runtimeStdlib` is the directory the runtime shows CPython's files under. */
export async function loadOracle(version: PyodideVersion, runtimeStdlib: string): Promise<PyodideOracle> {
  const python = await loadPython(version, { env: { PYTHONHASHSEED: '0', ORACLE_RUNTIME_STDLIB: runtimeStdlib } });
  python.useVirtualTime();
  python.pyodide.FS.writeFile('/home/pyodide/cpython_runner.py', readFileSync(RUNNER, 'utf8'));
  python.runPython('import cpython_runner\ncpython_runner.prepare()');
  const answer = python.pyodide.pyimport('cpython_runner').answer as (line: string) => string;
  return {
    python,
    run(programs) {
      const results = programs.map((p) => JSON.parse(answer(JSON.stringify(p))) as RunResult);
      const { stderr } = python.takeOutput();
      if (stderr !== '') throw new Error(`cpython_runner.py on Python ${version} wrote to stderr:\n${stderr}`);
      return results;
    },
  };
}
