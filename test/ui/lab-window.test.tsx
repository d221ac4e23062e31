// The lab on a run longer than its window, fed the way the worker feeds it (in batches, never more
// than a lead past what the lab says it used): memory is a bounded count of events whatever the
// run's length, an idle lab reads no further, and stepping back before the window simulates the run
// again and shows that step as the whole run has it.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/playback/simulation.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { LabApp } from '../../src/ui/components/LabApp.js';
import type { LabInit } from '../../src/ui/controller.js';
import { programOf } from '../../src/ui/program.js';
import { Replay } from '../../src/ui/state/replay.js';
import { at, callLaterLesson } from './fixtures/lessons.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const BATCH = 256;
const LEAD = 1024;
const WINDOW = 512;

/** n callbacks, each scheduled, run and printing: every event a step. */
function longTrace(n: number): TraceEvent[] {
  const events: TraceEvent[] = [at(0, { type: 'loop_created', loop: 1, debug: false, timeOrigin: 0 })];
  for (let i = 1; i <= n; i++) {
    const t = i / 1000;
    events.push(at(t, { type: 'loop_iteration', loop: 1, n: i, ready: 1, scheduled: 0 }));
    events.push(at(t, { type: 'handle_scheduled', loop: 1, handle: i, kind: 'Handle', callback: `cb(${i})` }));
    events.push(at(t, { type: 'handle_run', loop: 1, handle: i, callback: `cb(${i})` }));
    events.push(at(t, { type: 'output', stream: 'stdout', text: `line ${i}` }));
  }
  return events;
}

/** The worker's contract, on `events`: batches, at most LEAD events past what was consumed. */
function streaming(events: readonly TraceEvent[], runs: { sent: number; acked: number }[]): Simulation {
  const run = { sent: 0, acked: 0 };
  runs.push(run);
  let wake: (() => void) | undefined;
  let closed = false;
  const done = () => run.sent >= events.length || closed;
  return {
    next: async () => {
      while (!done() && run.sent - run.acked >= LEAD) await new Promise<void>((resolve) => (wake = resolve));
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (done()) return undefined;
      const batch = events.slice(run.sent, run.sent + BATCH);
      run.sent += batch.length;
      return batch;
    },
    nextText: async () => undefined,
    take: () => [],
    changed: async () => {},
    ended: () => (done() ? { end: { kind: 'exit', status: 0 } } : undefined),
    consumed: (n) => {
      run.acked += n;
      wake?.();
    },
    interrupt: () => false,
    allow: () => {},
    advanceOnce: () => {},
    received: () => run.sent,
    close: () => {
      closed = true;
      wake?.();
    },
  };
}

const wait = () => new Promise((resolve) => setTimeout(resolve, 20));
async function until(what: string, frame: () => string, holds: (f: string) => boolean): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const f = frame();
    if (holds(f)) return f;
    await wait();
  }
  throw new Error(`timed out waiting for ${what}:\n${frame()}`);
}

function open(events: readonly TraceEvent[], over: Partial<LabInit>) {
  const runs: { sent: number; acked: number }[] = [];
  const init: LabInit = { program: programOf(callLaterLesson, undefined, 'en'), options: { asWritten: false, debug: false, interrupts: [], until: 60 }, speed: 1, instant: false, startPaused: true, window: WINDOW, level: 'exact', ...over };
  const app = render(<LabApp init={init} lang="en" simulate={() => streaming(events, runs)} />);
  const frame = () => (app.lastFrame() ?? '').replace(ANSI, '');
  return { app, runs, frame };
}

const stepOf = (f: string) => Number(/step (\d+)\//.exec(f)?.[1]);

describe('the lab on a run longer than its window', () => {
  it('reads no further than its lead past the step shown while it stays paused', async () => {
    const events = longTrace(2000);
    const { app, runs, frame } = open(events, {});
    await until('the first steps', frame, (f) => /step 1\/\d+/.test(f));
    for (let i = 0; i < 20; i++) await wait();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.sent).toBeLessThanOrEqual(1 + LEAD + BATCH);
    expect(runs[0]!.sent).toBeLessThan(events.length);
    app.unmount();
  });

  it('follows a long run to its end in a bounded window, and steps back before it by simulating again', async () => {
    const events = longTrace(2000);
    const whole = new Replay(events);
    const { app, runs, frame } = open(events, { instant: true });
    const last = await until('the last step', frame, (f) => new RegExp(`step ${whole.length}/${whole.length}(\\s|$)`, 'm').test(f));
    expect(last).toContain('iteration 2000');
    expect(runs).toHaveLength(1);
    // Each step is one event. The window trims to WINDOW steps once it holds more than 1.25 WINDOW, but
    // never past the step on screen: a lab drawing behind the stream (a loaded machine) keeps more. So
    // step back a chunk at a time until the lab has to simulate again, and check it did so only once the
    // steps before the window were asked for.
    const CHUNK = 64;
    let backs = 0;
    while (runs.length === 1 && backs < whole.length) {
      app.stdin.write('b'.repeat(CHUNK));
      backs += CHUNK;
      await until(`${backs} steps back`, frame, (f) => runs.length === 2 || stepOf(f) === whole.length - backs);
    }
    expect(runs).toHaveLength(2);
    expect(backs).toBeGreaterThan(WINDOW);
    // Once the run is simulated again, the screen says so while it goes on, or shows the step it brought.
    await until(
      'the run simulated again, on screen',
      frame,
      (f) => f.includes('simulating again from the start') || stepOf(f) < whole.length - WINDOW,
    );
    const shown = await until('the step before the window', frame, (f) => !f.includes('simulating again') && stepOf(f) < whole.length - WINDOW);
    const s = stepOf(shown) - 1;
    expect(shown).toContain(`iteration ${whole.stateAt(s).loops[0]!.iteration} `);
    expect(shown).toContain(`t = ${whole.eventAt(s)!.t.toFixed(3)} s`);
    // The re-run was read no further than needed (here: to its end, it is short) and is now the live run.
    app.stdin.write('n');
    await until('a step forward', frame, (f) => stepOf(f) === s + 2);
    app.unmount();
  });
});
