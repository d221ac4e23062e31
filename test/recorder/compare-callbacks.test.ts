// compare-traces compares the done callbacks a pending future holds as the recorder reads them: at
// its checkpoints (a callback's return, a loop starting or stopping), the last change per future,
// a partial's argument reprs aside.
import { describe, expect, it } from 'vitest';
import { compareTraces } from '../../src/recorder/compare-traces.js';
import type { TraceEvent } from '../../src/runtime/trace.js';

const M = { thread: 'MainThread' } as const;
const run = (t: number): TraceEvent => ({ type: 'handle_run', loop: 1, handle: 9, callback: 'main()', t, ...M });
const done = (t: number): TraceEvent => ({ type: 'handle_done', loop: 1, handle: 9, took: 0, t, ...M });
const out = (t: number, text: string): TraceEvent => ({ type: 'output', stream: 'stdout', text, t, ...M });
const cbs = (t: number, ...callbacks: string[]): TraceEvent => ({ type: 'future_callbacks', loop: 1, future: 2, callbacks, t, ...M });
const created: TraceEvent = { type: 'future_created', loop: 1, future: 2, kind: 'Future', name: 'Future', t: 0, ...M };
const differ = (sim: TraceEvent[], rec: TraceEvent[]) => compareTraces(sim, rec, { realTime: false }).length > 0;

describe('done callbacks in compare-traces', () => {
  it('tells two engines apart when the callbacks a future holds at a checkpoint differ', () => {
    expect(differ([created, run(0), cbs(0, 'a() at x.py:1'), done(0)], [created, run(0), cbs(0, 'b() at x.py:1'), done(0)])).toBe(true);
    expect(differ([created, run(0), cbs(0, 'a() at x.py:1'), done(0)], [created, run(0), done(0)])).toBe(true);
  });

  it('takes the simulation\'s callbacks where the recorder reads them: the last change before the checkpoint', () => {
    const sim = [created, run(0), cbs(0, 'a() at x.py:1'), out(0, 'hi'), cbs(0, 'a() at x.py:1', 'b() at x.py:2'), done(0)];
    const rec = [created, run(0), out(0, 'hi'), cbs(0, 'a() at x.py:1', 'b() at x.py:2'), done(0)];
    expect(differ(sim, rec)).toBe(false);
  });

  it("compares a partial's arguments as (…): reprs of live objects, read at different moments", () => {
    const sim = [created, run(0), cbs(0, '_release_waiter(<Future pending>)() at tasks.py:431'), done(0)];
    const rec = [created, run(0), cbs(0, '_release_waiter(<Future pendi...ask_wakeup()]>)() at tasks.py:431'), done(0)];
    expect(differ(sim, rec)).toBe(false);
  });
});
