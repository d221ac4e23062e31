// Runs oracle programs on CPython and on the runtime and reports differences, by hand:
//   npx tsx test/oracle/compare-cli.ts test/oracle/cases/deadline-ties.json   # one or more files
//   npx tsx test/oracle/compare-cli.ts 1 5000                                   # generated seeds 1..5000
//   npx tsx test/oracle/compare-cli.ts --show 7                                 # print seed 7 and both traces
// Exit status 1 when any program differs. Each distinct first difference is explained once.
import { readFileSync } from 'node:fs';
import { generate } from './generate.js';
import { compare, explain, runOnCPython } from './harness.js';
import type { Program } from './program.js';
import { runOnRuntime } from './ts-runner.js';

const args = process.argv.slice(2);
const show = args[0] === '--show';
const rest = show ? args.slice(1) : args;
let programs: Program[];
if (rest.length > 0 && rest.every((a) => /^\d+$/.test(a))) {
  const [from, to = from] = rest.map(Number) as [number, number?];
  programs = Array.from({ length: to! - from + 1 }, (_, i) => generate(from + i));
} else {
  programs = rest.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Program);
}

const cpython = runOnCPython(programs);
let failed = 0;
const seen = new Set<string>();
programs.forEach((program, i) => {
  const c = compare(program, cpython[i]!, runOnRuntime(program));
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
