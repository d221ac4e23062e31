// `asyncio-lab verify` fails where the recording and the simulation really differ: a program edited
// after its twin was written, a simulation that schedules differently; and refuses bad requests
// with one line.
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import type { Lesson, RunOptions } from '../../src/scenarios/types.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { compareTraces } from '../../src/recorder/compare-traces.js';
import { cli } from '../cli/harness.js';

const future = lessons.find((l) => l.id === 'future')!;

describe('asyncio-lab verify', () => {
  it('passes a lesson whose program and simulation agree, saying so for each program', async () => {
    const run = await cli(['verify', 'future', '--interpreter', 'python3'], { lessons });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('future as-written: the same trace on CPython 3.11');
    expect(run.stdout).toContain('future variant close-running: the same trace');
    expect(run.code).toBe(0);
  });

  it('fails on a program edited after its simulation was written, showing both sides of the first difference', async () => {
    const edited: Lesson = { ...future, variants: [], asWritten: { ...future.asWritten, text: future.asWritten.text.replace('print("进入事件循环")', 'print("edited")') } };
    const run = await cli(['verify', 'future', '--interpreter', 'python3'], { lessons: [edited] });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('future as-written: differs from the simulation');
    expect(run.stdout).toMatch(/- simulation: .*output \{"stream":"stdout","text":"进入事件循环"\}/);
    expect(run.stdout).toMatch(/\+ recorder: {3}.*output \{"stream":"stdout","text":"edited"\}/);
  });

  it('fails on a simulation that schedules differently (a timer one tick later)', async () => {
    const later = (events: TraceEvent[]) => events.map((e) => (e.type === 'handle_scheduled' && e.when !== undefined ? { ...e, when: e.when + 1e-6 } : e));
    const callLater = lessons.find((l) => l.id === 'call-later')!;
    const perturbed: Lesson = { ...callLater, run: (options: RunOptions) => {
      const result = callLater.run(options);
      return { ...result, events: later(result.events) };
    } };
    const run = await cli(['verify', 'call-later', '--interpreter', 'python3'], { lessons: [perturbed] });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/- simulation: .*handle_scheduled .*"kind":"TimerHandle","when":4521\.\d+/);
  });

  it('refuses an unknown lesson, a thread lesson on the embedded Python and a --python the interpreter is not, in one line each', async () => {
    for (const [args, message] of [
      [['verify', 'nope'], "error: no lesson 'nope'"],
      [['verify', 'threads-pool'], "error: lesson 'threads-pool' starts threads, which the embedded Python cannot: add --interpreter python3"],
      [['verify', 'future', '--interpreter', 'python3', '--python', '3.14'], "error: --python 3.14: --interpreter 'python3' is Python 3.11"],
      [['verify', 'future', '--interpreter', 'no-such-python'], "error: --interpreter 'no-such-python': no such executable"],
    ] as const) {
      const run = await cli([...args], { lessons });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(message);
    }
  });
});

describe('comparing traces', () => {
  const event = (fields: Record<string, unknown>) => ({ t: 0, thread: 'MainThread', ...fields }) as unknown as TraceEvent;

  it('renumbers ids by first appearance, ignores addresses and notes, and orders racing lines of one instant', () => {
    const simulation = [
      event({ type: 'handle_scheduled', loop: 1, handle: 7, kind: 'Handle', callback: '<TaskStepMethWrapper object at 0x7f0000000000>()' }),
      event({ type: 'note', zh: '', en: '' }),
      event({ type: 'output', stream: 'stdout', text: 'a', instant: 0, race: true }),
      event({ type: 'output', stream: 'stdout', text: 'b', instant: 0, race: true }),
    ];
    const recorder = [
      event({ type: 'handle_scheduled', loop: 1, handle: 2, kind: 'Handle', callback: '<TaskStepMethWrapper object at 0x7f12345678ab>()' }),
      event({ type: 'output', stream: 'stdout', text: 'b' }),
      event({ type: 'output', stream: 'stdout', text: 'a' }),
    ];
    expect(compareTraces(simulation, recorder, { realTime: false })).toEqual([]);
    const unmarked = simulation.map((e) => ({ ...e, race: undefined }) as TraceEvent);
    expect(compareTraces(unmarked, recorder, { realTime: false })).toHaveLength(1);
  });

  it('compares times in virtual time, and each thread on its own without times in real time', () => {
    const sim = [event({ type: 'output', stream: 'stdout', text: 'x', t: 1 }), event({ type: 'output', stream: 'stdout', text: 'y', thread: 'T', t: 1 })];
    const rec = [event({ type: 'output', stream: 'stdout', text: 'y', thread: 'T', t: 1.01 }), event({ type: 'output', stream: 'stdout', text: 'x', t: 1.02 })];
    expect(compareTraces(sim, rec, { realTime: true })).toEqual([]);
    expect(compareTraces(sim, rec, { realTime: false })[0]).toMatchObject({ index: 0 });
  });
});
