// The event budgets: events per simulated instant count from the last time a wait moved the
// clock; the total counts everything; each names itself and the option that raises it.
import { describe, expect, it } from 'vitest';
import { BudgetCounter, budgetMessage } from '../../src/playback/budgets.js';
import type { TraceEvent } from '../../src/runtime/trace.js';

const at = (t: number, type: 'handle_run' | 'select_woke' | 'thread_woke' = 'handle_run'): TraceEvent =>
  type === 'select_woke'
    ? { type, loop: 1, slept: 0.001, reason: 'timeout', t, thread: 'MainThread' }
    : type === 'thread_woke'
      ? { type, name: 'Thread-1', reason: 'timeout', t, thread: 'Thread-1' }
      : { type, loop: 1, handle: 1, callback: 'f()', t, thread: 'MainThread' };

describe('budgets', () => {
  it('counts events per instant from the last wait that moved the clock', () => {
    const counter = new BudgetCounter({ instantEvents: 3, events: 100, memoryMb: 64 });
    // A 1 ms timer chain: each selector wake-up at a later time starts a new instant.
    for (let i = 1; i <= 10; i++) {
      expect(counter.count(at(i / 1000, 'select_woke'))).toBeUndefined();
      expect(counter.count(at(i / 1000))).toBeUndefined();
      expect(counter.count(at(i / 1000))).toBeUndefined();
    }
    // A thread waking at the same time does not start one.
    expect(counter.count(at(0.01, 'thread_woke'))).toMatchObject({ budget: 'instantEvents', limit: 3, t: 0.01 });
  });

  it('keeps a call_soon chain at one instant though each read of the clock moves t by a tick', () => {
    const counter = new BudgetCounter({ instantEvents: 5, events: 100, memoryMb: 64 });
    const immediate = (t: number): TraceEvent => ({ type: 'select_woke', loop: 1, slept: 0, reason: 'immediate', t, thread: 'MainThread' });
    const notified = (t: number): TraceEvent => ({ type: 'thread_woke', name: 'Thread-1', reason: 'notified', t, thread: 'Thread-1' });
    const stops = [immediate(1e-6), at(2e-6), notified(3e-6), immediate(4e-6), at(5e-6), immediate(6e-6)].map((e) => counter.count(e));
    expect(stops.at(-1)).toEqual({ budget: 'instantEvents', limit: 5, t: 6e-6 });
  });

  it('stops a chain that never lets time advance, and a run over its total', () => {
    const instant = new BudgetCounter({ instantEvents: 5, events: 100, memoryMb: 64 });
    const stops = Array.from({ length: 6 }, () => instant.count(at(0)));
    expect(stops.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(stops[5]).toEqual({ budget: 'instantEvents', limit: 5, t: 0 });
    const total = new BudgetCounter({ instantEvents: 100, events: 4, memoryMb: 64 });
    const t = [0.1, 0.2, 0.3, 0.4, 0.5].map((x) => total.count(at(x, 'select_woke')));
    expect(t.at(-1)).toEqual({ budget: 'events', limit: 4, t: 0.5 });
  });

  it('says in one line which budget stopped the run and how to raise it', () => {
    const line = budgetMessage({ budget: 'instantEvents', limit: 10_000_000, t: 0 }, 'en');
    expect(line).toBe('stopped at 0.000 s: 10,000,000 events happened without simulated time advancing by a wait, the budget of events per instant; raise it with --max-instant-events <n>');
    expect(budgetMessage({ budget: 'events', limit: 5, t: 1 }, 'en')).toContain('--max-events <n>');
    expect(budgetMessage({ budget: 'memoryMb', limit: 512, t: 2 }, 'en')).toContain('--max-memory <MB>');
    for (const b of ['instantEvents', 'events', 'memoryMb'] as const) expect(budgetMessage({ budget: b, limit: 1, t: 0 }, 'zh')).not.toContain('\n');
  });
});

describe('the first instant', () => {
  it('counts from the first event, not from the first wake-up at that same time', () => {
    const counter = new BudgetCounter({ instantEvents: 3, events: 100, memoryMb: 64 });
    expect([at(0), at(0), { ...at(0, 'select_woke'), slept: 0 }].map((e) => counter.count(e))).toEqual([undefined, undefined, undefined]);
    expect(counter.count(at(0))).toMatchObject({ budget: 'instantEvents' });
  });
});
