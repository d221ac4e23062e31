// Runs oracle programs on CPython and on the runtime and reports differences, by hand:
//   npx tsx test/oracle/compare-cli.ts test/oracle/cases/deadline-ties.json   # one or more files
//   npx tsx test/oracle/compare-cli.ts 1 5000                                   # generated seeds 1..5000
//   npx tsx test/oracle/compare-cli.ts --show 7                                 # print seed 7 and both traces
//   npx tsx test/oracle/compare-cli.ts --python 3.14 1 5000                     # on CPython 3.14 (Pyodide)
// Exit status 1 when any program differs. Each distinct first difference is explained once.
import { readFileSync } from 'node:fs';
import { isPyodideVersion } from '../../src/engines/pyodide.js';
import { PYTHONS, type PythonVersion } from '../../src/runtime/python-version.js';
import { generate } from './generate.js';
import { compare, explain, runOnCPython } from './harness.js';
import type { Program, RunResult } from './program.js';
import { loadOracle } from './pyodide-harness.js';
import { runOnRuntime } from './ts-runner.js';

let args = process.argv.slice(2);
const python = args[0] === '--python' ? args[1]! : '3.11';
if (args[0] === '--python') args = args.slice(2);
if (python !== '3.11' && !isPyodideVersion(python)) throw new Error(`--python: expected 3.11 to 3.15, got ${python}`);
const show = args[0] === '--show';
const rest = show ? args.slice(1) : args;
let programs: Program[];
if (rest.length > 0 && rest.every((a) => /^\d+$/.test(a))) {
  const [from, to = from] = rest.map(Number) as [number, number?];
  programs = Array.from({ length: to! - from + 1 }, (_, i) => generate(from + i));
} else {
  programs = rest.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Program);
}

const cpython: RunResult[] = isPyodideVersion(python) ? (await loadOracle(python, PYTHONS[python].stdlibDir)).run(programs) : runOnCPython(programs);
let failed = 0;
const seen = new Set<string>();
programs.forEach((program, i) => {
  const c = compare(program, cpython[i]!, runOnRuntime(program, { python: python as PythonVersion }));
  if (show) {
    console.log(explain(c));
    return;
  }
  if (c.diffAt === -1) return;
  failed += 1;
  const key = JSON.stringify([c.cpython.trace[c.diffAt], c.runtime.trace[c.diffAt]]);
  if (!seen.has(key)) {
    seen.add(key);
    console.log(`${explain(c)}\n`);
  }
});
if (!show) console.log(`${programs.length - failed} of ${programs.length} programs traced identically on CPython and on the runtime`);
process.exitCode = failed > 0 ? 1 : 0;
