import { describe, expect, it } from 'vitest';
import {
  divergenceIndex,
  dueCount,
  dueCountAt,
  interruptAt,
  pause,
  resume,
  seek,
  setSpeed,
  simTimeAt,
  startPlayhead,
  wallDelayUntil,
  withInterrupt,
} from '../../src/playback/index.js';
import type { RunOptions } from '../../src/scenarios/types.js';
import { tickerRun } from './fixtures/lessons.js';

const events = [0, 0, 0.1, 0.2, 0.2, 0.3, 1].map((t) => ({ t }));
const options: RunOptions = { asWritten: false, debug: false, interrupts: [], until: 10 };

describe('pacing', () => {
  it('makes events due when the simulated time reaches them, same-instant events together', () => {
    expect(dueCount(events, -1)).toBe(0);
    expect(dueCount(events, 0)).toBe(2);
    expect(dueCount(events, 0.15)).toBe(3);
    expect(dueCount(events, 0.2)).toBe(5);
    expect(dueCount(events, 0.99)).toBe(6);
    expect(dueCount(events, 5)).toBe(7);
  });

  it('maps wall milliseconds to simulated seconds times speed', () => {
    const p = startPlayhead(0, 1000, 2);
    expect(simTimeAt(p, 1000)).toBe(0);
    expect(simTimeAt(p, 1050)).toBeCloseTo(0.1);
    expect(dueCountAt(events, p, 1100)).toBe(5);
    expect(wallDelayUntil(p, 1000, 1)).toBeCloseTo(500);
    expect(wallDelayUntil(p, 1600, 1)).toBe(0);
  });

  it('freezes while paused and resumes without a jump', () => {
    let p = startPlayhead(0, 0, 1);
    p = pause(p, 250);
    expect(simTimeAt(p, 10_000)).toBeCloseTo(0.25);
    expect(wallDelayUntil(p, 10_000, 1)).toBe(Infinity);
    p = resume(p, 10_000);
    expect(simTimeAt(p, 10_500)).toBeCloseTo(0.75);
  });

  it('changes speed and seeks without moving the present', () => {
    let p = startPlayhead(0, 0, 1);
    p = setSpeed(p, 1000, 10);
    expect(simTimeAt(p, 1000)).toBeCloseTo(1);
    expect(simTimeAt(p, 1100)).toBeCloseTo(2);
    p = seek(p, 2000, 0.5);
    expect(simTimeAt(p, 2000)).toBe(0.5);
  });

  it('rejects a speed that is not a positive number', () => {
    expect(() => startPlayhead(0, 0, 0)).toThrow(RangeError);
    expect(() => startPlayhead(0, 0, Number.NaN)).toThrow(RangeError);
  });
});

describe('interruptAt', () => {
  const ticker = { run: tickerRun };

  it('adds the interrupt to the options, sorted', () => {
    expect(withInterrupt({ ...options, interrupts: [3] }, 1).interrupts).toEqual([1, 3]);
  });

  it('re-simulates with Ctrl+C and reports where the new trace leaves the old one', () => {
    const previous = ticker.run(options);
    const { options: next, result, divergence } = interruptAt(ticker, options, 2.5, previous);
    expect(next.interrupts).toEqual([2.5]);
    expect(result.end).toEqual({ kind: 'exit', status: 1 });
    // The prefix up to the selector wait that started at t=2 is shared; the old trace then woke by timeout at 3.
    expect(result.events.slice(0, divergence)).toEqual(previous.events.slice(0, divergence));
    expect(previous.events[divergence]).toMatchObject({ type: 'select_woke', reason: 'timeout', t: 3 });
    expect(result.events[divergence]).toMatchObject({ type: 'select_woke', reason: 'interrupt', t: 2.5 });
  });

  it('computes the previous run itself when not given one', () => {
    const { divergence } = interruptAt(ticker, options, 2.5);
    expect(divergence).toBe(divergenceIndex(ticker.run(options).events, ticker.run(withInterrupt(options, 2.5)).events));
  });

  it('refuses to splice traces that differ before the interrupt (a non-deterministic run)', () => {
    let calls = 0;
    const flaky = {
      run: (o: RunOptions) => {
        calls++;
        const r = tickerRun(o);
        if (calls > 1) r.events[1] = { ...r.events[1]!, t: 0, type: 'output', stream: 'stdout', text: 'other' } as never;
        return r;
      },
    };
    expect(() => interruptAt(flaky, options, 2.5)).toThrow(/not deterministic/);
  });
});
