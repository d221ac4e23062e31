// Ctrl+C under asyncio.run: CPython's Runner installs a SIGINT handler in the main thread while it
// runs. The first Ctrl+C cancels the main task (its clean-up runs) and run() raises KeyboardInterrupt
// once the task has finished cancelling, in the handling of its CancelledError; a second one raises
// KeyboardInterrupt where the program stands. Each program runs on python3 (SIGINT sent at the
// time) and on the simulation (Ctrl+C at the same time, as --interrupt-at, the lab's `c` key and a
// Ctrl+C into the live run all deliver it).
//
// Compared: what each prints on stdout and stderr (the whole traceback, with the frames asyncio.run's
// own functions add), and the exit status.
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/runtime/exceptions.js';
import { runProcess, type MainProgram } from '../../src/runtime/process/index.js';
import runCancelled from '../e2e/scenarios/run-cancelled.js';
import { compareLines } from '../scenarios/compare.js';
import { NATIVE_PYTHON } from '../runtime/native-python.js';
import { runPython } from './python-oracle.js';
import { printed, status, texts } from './simulated.js';

interface Case {
  name: string;
  python: string;
  interrupts: number[];
  program: MainProgram;
}

const cases: Case[] = [
  {
    name: 'one Ctrl+C: the main task is cancelled, its finally runs, then run() raises KeyboardInterrupt',
    interrupts: [1],
    python: runCancelled.source.text,
    program: runCancelled.program,
  },
  {
    name: 'a second Ctrl+C while the main task, having caught the cancellation, still runs: KeyboardInterrupt where it waits',
    interrupts: [1, 2],
    python: `import asyncio

async def main():
    print("main starts")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("main caught the cancel, sleeps on")
        await asyncio.sleep(10)

asyncio.run(main())
`,
    *program(py) {
      const main = py.asyncDef('main', 3, function* () {
        py.line(4);
        py.print('main starts');
        try {
          py.line(6);
          yield* py.asyncio.sleep(10);
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          py.line(8);
          py.print('main caught the cancel, sleeps on');
          py.line(9);
          yield* py.asyncio.sleep(10);
        }
      });
      py.line(11);
      yield* py.asyncio.run(main());
    },
  },
  {
    name: 'a main task that swallows the cancellation returns normally: run() returns, nothing is raised',
    interrupts: [1],
    python: `import asyncio

async def main():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("swallowed")
    return 42

print(asyncio.run(main()))
`,
    *program(py) {
      const main = py.asyncDef('main', 3, function* () {
        try {
          py.line(5);
          yield* py.asyncio.sleep(10);
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          py.line(7);
          py.print('swallowed');
        }
        py.line(8);
        return 42;
      });
      py.line(10);
      py.print(yield* py.asyncio.run(main()));
    },
  },
];

describe('Ctrl+C under asyncio.run, against python3', () => {
  for (const c of cases) {
    it(c.name, () => {
      const real = runPython(c.python, c.interrupts);
      const sim = runProcess(c.program, { file: 'prog.py', source: c.python, interrupts: c.interrupts, until: 30, python: NATIVE_PYTHON });
      expect(
        { stdout: compareLines(printed(sim, 'stdout'), real.stdout), stderr: compareLines(printed(sim, 'stderr'), real.stderr), status: status(sim) },
        `CPython printed:\n${real.stdout.join('\n')}\n---\n${real.stderr.join('\n')}\n--- the simulation:\n${texts(sim, 'stderr').join('\n')}`,
      ).toEqual({ stdout: { ok: true }, stderr: { ok: true }, status: real.status });
    });
  }
});
