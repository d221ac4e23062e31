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
