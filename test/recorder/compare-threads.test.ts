// Comparing a real-time recording (threads on a local interpreter) with the simulation: each thread on
// its own, in order, without times, up to the races the simulation marks and the waits on other threads.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { compareTraces, describeDifferences } from '../../src/recorder/compare-traces.js';

const event = (fields: Record<string, unknown>) => ({ t: 0, thread: 'T', ...fields }) as unknown as TraceEvent;
const out = (text: string, more: Record<string, unknown> = {}) => event({ type: 'output', stream: 'stdout', text, ...more });
const run = (handle: number, callback: string, more: Record<string, unknown> = {}) => event({ type: 'handle_run', loop: 1, handle, callback, ...more });
const realTime = { realTime: true };

describe('comparing a real-time recording', () => {
  it('takes a stretch of events marked as a race in any order, ids and heap positions aside', () => {
    const simulation = [
      out('start'),
      event({ type: 'timer_ready', loop: 1, handle: 5, lastTo: -1, race: true }),
      run(6, 'callback()', { race: true }),
      run(5, 'wakeup()', { race: true }),
      out('after'),
    ];
    const recorder = [out('start'), run(9, 'callback()'), event({ type: 'timer_ready', loop: 1, handle: 8, lastTo: 0 }), run(8, 'wakeup()'), out('after')];
    expect(compareTraces(simulation, recorder, realTime)).toEqual([]);
  });

  it('fails on the same reordering outside a race, and on a race stretch that holds other events', () => {
    const simulation = [run(6, 'callback()'), run(5, 'wakeup()')];
    expect(compareTraces(simulation, [run(5, 'wakeup()'), run(6, 'callback()')], realTime)).toMatchObject([{ thread: 'T', index: 0 }]);
    const racing = simulation.map((e) => ({ ...e, race: true }));
    const differences = compareTraces(racing, [run(5, 'wakeup()'), run(6, 'other()')], realTime);
    expect(differences).toMatchObject([{ thread: 'T', race: { from: 0, to: 2 } }]);
    expect(describeDifferences(differences)).toContain('(in a race, its events 1 to 2, compared in any order)');
    expect(describeDifferences(differences)).toMatch(/- simulation: T handle_run \{"loop":1,"handle":"#","callback":"callback\(\)"\}/);
    expect(describeDifferences(differences)).toMatch(/\+ recorder: {3}T handle_run \{"loop":1,"handle":"#","callback":"other\(\)"\}/);
  });

  it('numbers the objects outside races in the order they first appear there', () => {
    const simulation = [run(1, 'a()', { race: true }), run(2, 'b()', { race: true }), run(2, 'b()'), run(1, 'a()')];
    expect(compareTraces(simulation, [run(7, 'b()'), run(8, 'a()'), run(7, 'b()'), run(8, 'a()')], realTime)).toEqual([]);
    const twice = [run(1, 'a()'), run(1, 'a()')];
    expect(compareTraces(twice, [run(1, 'a()'), run(2, 'a()')], realTime)).toMatchObject([{ index: 1 }]);
  });

  it('drops waits on other threads (whether they wait at all is timing) but keeps time.sleep', () => {
    const blocked = (on: string) => event({ type: 'thread_blocked', name: 'T', on, until: null });
    const woke = event({ type: 'thread_woke', name: 'T', reason: 'notified' });
    const simulation = [out('a'), blocked('q.get()'), woke, out('b'), blocked('time.sleep(1)'), event({ type: 'thread_woke', name: 'T', reason: 'timeout' }), out('c')];
    const recorder = [out('a'), out('b'), blocked('time.sleep(1)'), event({ type: 'thread_woke', name: 'T', reason: 'timeout' }), out('c')];
    expect(compareTraces(simulation, recorder, realTime)).toEqual([]);
    expect(compareTraces(simulation, recorder.filter((e) => e.type !== 'thread_blocked'), realTime)).toMatchObject([{ index: 2 }]);
  });

  it('compares each thread on its own, whatever the interleaving and the times', () => {
    const simulation = [out('x', { thread: 'MainThread', t: 1 }), out('y', { t: 1 })];
    const recorder = [out('y', { t: 1.01 }), out('x', { thread: 'MainThread', t: 1.02 })];
    expect(compareTraces(simulation, recorder, realTime)).toEqual([]);
    expect(compareTraces(simulation, [out('y'), out('z', { thread: 'MainThread' })], realTime)).toMatchObject([{ thread: 'MainThread', index: 0 }]);
  });
});
