// A Ctrl+C into the live run in the simulation's worker while the program is busy: a call_soon
// chain that never waits has long passed the time the reader shows, yet the Ctrl+C goes into the
// live run (no replay from the start) and is raised inside the running callback.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../src/playback/budgets.js';
import { collect, type Simulation } from '../../src/playback/simulation.js';
import { simulateInWorker } from '../../src/playback/worker-client.js';
import type { Runnable } from '../../src/playback/interrupt.js';
import type { TraceEvent } from '../../src/runtime/trace.js';

const soonForever = join(import.meta.dirname, '../e2e/scenarios/soon-forever.mjs');
const open: Simulation[] = [];

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function start(): Simulation {
  const unused: Runnable = {
    run: () => {
      throw new Error('runs in the worker');
    },
  };
  const simulation = simulateInWorker({
    runnable: unused,
    target: { kind: 'scenario', file: soonForever },
    options: { asWritten: false, debug: false, interrupts: [], until: 60, python: '3.11' },
    budgets: { ...DEFAULT_BUDGETS, instantEvents: 2_000_000 },
  });
  open.push(simulation);
  return simulation;
}

describe('Ctrl+C into a busy live run', () => {
  it('is taken at once, though the chain has run past its time, and raised in the callback', async () => {
    const simulation = start();
    const first: TraceEvent[] = [];
    // Read a few batches, then press Ctrl+C at the time of the first one: the worker has gone on.
    while (first.length < 20_000) {
      const batch = await simulation.next();
      expect(batch).toBeDefined();
      first.push(...batch!);
      simulation.consumed(batch!.length);
    }
    const pressedAt = first[100]!.t;
    expect(simulation.interrupt(pressedAt)).toBe(true);
    const rest = await collect(simulation);
    expect(rest.ended.end).toEqual({ kind: 'exit', status: -2 });
    expect(rest.events.filter((e) => e.type === 'interrupt')).toHaveLength(1);
    const stderr = rest.events.flatMap((e) => (e.type === 'output' && e.stream === 'stderr' ? [e.text] : []));
    expect(stderr.slice(-3)).toEqual(['  File "soon-forever.py", line 4, in again', '    loop.call_soon(again)', 'KeyboardInterrupt']);
  });
});

describe('Ctrl+C into a live run held at its frontier, under asyncio.run', () => {
  it('goes to the Runner\'s handler: the main task is cancelled, its finally runs, then KeyboardInterrupt', async () => {
    const simulation = simulateInWorker(
      {
        runnable: { run: () => { throw new Error('runs in the worker'); } },
        target: { kind: 'scenario', file: join(import.meta.dirname, '../e2e/scenarios/run-cancelled.ts') },
        options: { asWritten: false, debug: false, interrupts: [], until: 60, python: '3.11' },
        budgets: DEFAULT_BUDGETS,
      },
      // The lab's present: the run is held before its clock moves past 1 s (to the sleep's end).
      1,
    );
    open.push(simulation);
    const before: TraceEvent[] = [];
    while (!before.some((e) => e.type === 'thread_blocked' && e.on.startsWith('select'))) {
      const batch = await simulation.next();
      expect(batch).toBeDefined();
      before.push(...batch!);
      simulation.consumed(batch!.length);
    }
    expect(simulation.interrupt(1)).toBe(true);
    simulation.allow(Number.POSITIVE_INFINITY);
    const rest = await collect(simulation);
    const lines = [...before, ...rest.events].flatMap((e) => (e.type === 'output' ? [e.text] : []));
    expect(lines.slice(0, 2)).toEqual(['main starts', 'main cleans up']);
    expect(lines).toContain('During handling of the above exception, another exception occurred:');
    expect(lines.at(-1)).toBe('KeyboardInterrupt');
    expect(rest.ended.end).toEqual({ kind: 'exit', status: -2 });
    // The sleep did not run its 10 s: the cancellation ended it at the Ctrl+C.
    expect(rest.events.at(-1)!.t).toBeLessThan(2);
  });
});
