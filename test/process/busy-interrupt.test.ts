// Ctrl+C while the main thread is busy running Python code (a CPU-bound callback or coroutine, a
// call_soon chain that never waits): CPython raises KeyboardInterrupt inside the running code, with
// that code's frames at the bottom of the traceback, then unwinds through run_forever /
// run_until_complete's clean-up. Each program runs on python3 (SIGINT sent while it spins) and on
// the simulation (Ctrl+C at the same time); what they print and their exit status must match.
import { describe, expect, it } from 'vitest';
import { KeyboardInterrupt } from '../../src/runtime/exceptions.js';
import { runProcess, type MainProgram, type Py } from '../../src/runtime/process/index.js';
import { compareLines } from '../scenarios/compare.js';
import { NATIVE_PYTHON } from '../runtime/native-python.js';
import { runPython } from './python-oracle.js';
import { printed, status } from './simulated.js';

/**
 * Lines 4-8 of the programs: a callback (or coroutine) that never returns. CPython looks for a
 * pending signal after each call and at each jump back; nearly all of each turn is spent inside
 * sum(), so it finds the Ctrl+C when sum() returns, on line 8.
 */
const BUSY = `def busy():
    print("busy")
    while True:
        time.monotonic()
        sum(range(10**7))
`;

/**
 * The body of `busy` on the simulation: each turn reads the clock, so the Ctrl+C's time comes. It
 * gives up (a test failure, not a hang) long after the Ctrl+C should have been raised in it.
 */
function spin(py: Py): void {
  py.line(5);
  py.print('busy');
  for (let turn = 0; turn < 3_000_000; turn++) {
    py.line(7);
    py.time.monotonic();
    py.line(8);
  }
  throw new Error('the Ctrl+C was never raised inside busy()');
}

interface Case {
  name: string;
  python: string;
  program: MainProgram;
}

const cases: Case[] = [
  {
    name: 'a busy callback under run_forever: the traceback ends in the callback',
    python: `import asyncio
import time

${BUSY}
loop = asyncio.new_event_loop()
loop.call_soon(busy)
loop.run_forever()
`,
    *program(py) {
      const busy = py.def('busy', 4, () => spin(py));
      py.line(10);
      const loop = py.asyncio.newEventLoop();
      py.line(11);
      loop.callSoon(busy);
      py.line(12);
      yield* loop.blocking.runForever();
    },
  },
  {
    name: 'a busy callback while run_until_complete waits for a sleeping task',
    python: `import asyncio
import time

${BUSY}
async def main():
    loop.call_soon(busy)
    await asyncio.sleep(10)

loop = asyncio.new_event_loop()
loop.run_until_complete(main())
`,
    *program(py) {
      const busy = py.def('busy', 4, () => spin(py));
      const main = py.asyncDef('main', 10, function* () {
        py.line(11);
        loop.callSoon(busy);
        py.line(12);
        yield* py.asyncio.sleep(10);
      });
      py.line(14);
      const loop = py.asyncio.newEventLoop();
      py.line(15);
      yield* loop.blocking.runUntilComplete(main());
    },
  },
  {
    name: 'a busy coroutine: the traceback ends in the coroutine',
    python: `import asyncio
import time

async ${BUSY}
loop = asyncio.new_event_loop()
loop.run_until_complete(busy())
`,
    *program(py) {
      const busy = py.asyncDef('busy', 4, function* () {
        spin(py);
      });
      py.line(10);
      const loop = py.asyncio.newEventLoop();
      py.line(11);
      yield* loop.blocking.runUntilComplete(busy());
    },
  },
  {
    name: 'caught around run_until_complete: the loop has stopped, the busy handle is gone, the loop runs again',
    python: `import asyncio
import time

${BUSY}
async def main():
    loop.call_soon(busy)
    await asyncio.sleep(10)

loop = asyncio.new_event_loop()
task = loop.create_task(main())
try:
    loop.run_until_complete(task)
except KeyboardInterrupt:
    print("interrupted", loop.is_running(), task.done())
print(loop.run_until_complete(asyncio.sleep(0.1, "again")))
task.cancel()
loop.run_until_complete(asyncio.sleep(0))
print(task.cancelled())
loop.close()
`,
    *program(py) {
      const busy = py.def('busy', 4, () => spin(py));
      const main = py.asyncDef('main', 10, function* () {
        py.line(11);
        loop.callSoon(busy);
        py.line(12);
        yield* py.asyncio.sleep(10);
      });
      py.line(14);
      const loop = py.asyncio.newEventLoop();
      py.line(15);
      const task = loop.createTask(main());
      try {
        py.line(17);
        yield* loop.blocking.runUntilComplete(task);
      } catch (error) {
        if (!(error instanceof KeyboardInterrupt)) throw error;
        py.line(19);
        py.print('interrupted', loop.isRunning(), task.done());
      }
      py.line(20);
      py.print(yield* loop.blocking.runUntilComplete(py.asyncio.sleep(0.1, 'again')));
      py.line(21);
      task.cancel();
      py.line(22);
      yield* loop.blocking.runUntilComplete(py.asyncio.sleep(0));
      py.line(23);
      py.print(task.cancelled());
      py.line(24);
      loop.close();
    },
  },
];

describe('Ctrl+C while the main thread runs Python code, against python3', () => {
  for (const c of cases) {
    it(c.name, () => {
      const interrupts = [0.3];
      const real = runPython(c.python, interrupts);
      const sim = runProcess(c.program, { file: 'prog.py', source: c.python, interrupts, until: 10, python: NATIVE_PYTHON });
      const out = compareLines(printed(sim, 'stdout'), real.stdout);
      const err = compareLines(printed(sim, 'stderr'), real.stderr);
      expect({ stdout: out, stderr: err, status: status(sim) }, `CPython printed:\n${real.stdout.join('\n')}\n---\n${real.stderr.join('\n')}`).toEqual({
        stdout: { ok: true },
        stderr: { ok: true },
        status: real.status,
      });
    });
  }
});

describe('Ctrl+C into a call_soon chain that never waits', () => {
  const python = `import asyncio

def again():
    loop.call_soon(again)

loop = asyncio.new_event_loop()
loop.call_soon(again)
loop.run_forever()
`;
  const program: MainProgram = function* (py) {
    py.line(6);
    const loop = py.asyncio.newEventLoop();
    const again = py.def('again', 3, () => {
      py.line(4);
      loop.callSoon(again);
    });
    py.line(7);
    loop.callSoon(again);
    py.line(8);
    yield* loop.blocking.runForever();
  };

  it('is raised inside the running callback, at the first line run once it is due', () => {
    let events = 0;
    let stop = () => {};
    const sim = runProcess(program, {
      file: 'chain.py',
      source: python,
      interrupts: [0.001],
      python: NATIVE_PYTHON,
      // Without the signal check the chain runs on for ever: stop it rather than hang.
      sink: { attach: (control) => (stop = control.stop), event: () => void (++events > 100_000 && stop()) },
    });
    expect(sim.end).toEqual({ kind: 'exit', status: -2 });
    const stderr = sim.realm.output.filter((o) => o.stream === 'stderr').map((o) => o.text);
    expect(stderr.slice(-3)).toEqual(['  File "chain.py", line 4, in again', '    loop.call_soon(again)', 'KeyboardInterrupt']);
  });
});
