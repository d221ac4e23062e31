// The generator: deterministic per seed, and its programs really reach the corners the differential
// test is meant to cover (checked on the programs themselves, on CPython's traces of them, and on
// the runtime's own trace events).
import { describe, expect, it } from 'vitest';
import { generate } from './generate.js';
import { runOnCPython } from './harness.js';
import type { Op, Program } from './program.js';
import { runOnRuntime } from './ts-runner.js';

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);
const programs = SEEDS.map(generate);

function allOps(p: Program): Op[] {
  return [...p.top, ...Object.values(p.functions).flatMap((f) => f.body)];
}

function count(pred: (p: Program) => boolean): number {
  return programs.filter(pred).length;
}

describe('the program generator', () => {
  it('gives the same program for the same seed', () => {
    expect(JSON.stringify(generate(42))).toBe(JSON.stringify(generate(42)));
    expect(JSON.stringify(generate(42))).not.toBe(JSON.stringify(generate(43)));
  });

  it('writes programs with every kind of statement and await', () => {
    const kinds = new Set<string>(programs.flatMap((p) => allOps(p).map((op) => op.op)));
    const expected = [
      'print', 'call_soon', 'call_later', 'call_at', 'cancel_handle', 'create_future', 'create_task', 'set_result',
      'set_exception', 'cancel', 'result', 'exception', 'add_done_callback', 'remove_done_callback', 'repr', 'cancelling', 'uncancel',
      'close', 'stop', 'raise', 'return', 'sleep', 'await', 'await_coro', 'gather', 'wait', 'wait_for', 'shield',
      'run_until_complete', 'run_forever', 'cancel_all', 'asyncio_run', 'var_set', 'var_get', 'block',
    ];
    expect(expected.filter((k) => !kinds.has(k))).toEqual([]);
  });

  it('writes the scenarios the oracle must cover', () => {
    const topOps = (p: Program) => p.top.map((op) => op.op);
    // Ctrl+C at a selector wait, the default exception handler.
    expect(count((p) => p.interruptAt !== undefined)).toBeGreaterThan(20);
    expect(count((p) => p.handler === 'default')).toBeGreaterThan(10);
    // More than 100 timers with more than half of them cancelled.
    expect(
      count((p) => {
        const timers = p.top.filter((op) => op.op === 'call_later').length;
        return timers > 100 && p.top.filter((op) => op.op === 'cancel_handle').length > timers / 2;
      }),
    ).toBeGreaterThan(5);
    // stop() before run_forever(); run_forever vs run_until_complete.
    expect(count((p) => topOps(p).join(' ').includes('stop run_forever'))).toBeGreaterThan(20);
    expect(count((p) => topOps(p).includes('run_until_complete'))).toBeGreaterThan(100);
    // A callback that cancels a task waiting in each kind of awaitable.
    for (const kind of ['sleep', 'gather', 'wait', 'shield', 'wait_for']) {
      const waitsIn = (op: Op) => op.op === 'print' && op.text.endsWith(`waits in ${kind}`);
      expect(count((p) => Object.values(p.functions).some((f) => f.body.some(waitsIn)))).toBeGreaterThan(5);
    }
  });

  it('writes programs whose CPython runs hit the interesting outcomes', () => {
    const traces = runOnCPython(programs).map((r) => JSON.stringify(r.trace));
    const hits = (needle: string) => traces.filter((t) => t.includes(needle)).length;
    expect(hits('"! KeyboardInterrupt"')).toBeGreaterThan(20);
    expect(hits('"hang"]')).toBeGreaterThan(5);
    expect(hits('InvalidStateError: invalid state')).toBeGreaterThan(40);
    expect(hits('! TimeoutError')).toBeGreaterThan(5);
    expect(hits('! CancelledError: ')).toBeGreaterThan(20);
    expect(hits('Event loop stopped before Future completed.')).toBeGreaterThan(3);
    expect(hits('"handler","Exception in callback')).toBeGreaterThan(5);
    expect(hits('"stderr","Exception in callback')).toBeGreaterThan(10);
    expect(hits('"top_raised"')).toBeGreaterThan(3);
    expect(hits('asyncio_run","! KeyboardInterrupt"')).toBeGreaterThan(2);
  });

  it('writes programs that make the loop rebuild its timer heap', () => {
    let rebuilt = 0;
    for (const p of programs) {
      runOnRuntime(p, { listen: (e) => void (e.type === 'timers_pruned' && e.rebuilt && (rebuilt += 1)) });
    }
    expect(rebuilt).toBeGreaterThan(5);
  });
});
