// The harness itself: it must notice a difference, point at the first one, and fail a runtime that
// gets an ordering wrong.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BaseEventLoop } from '../../src/runtime/base-events.js';
import { KeyedHeap } from '../../src/runtime/heapq.js';
import { compare, explain, firstDifference, runOnCPython } from './harness.js';
import type { Entry, Program } from './program.js';
import { runOnRuntime } from './ts-runner.js';

function loadCase(name: string): Program {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'cases', `${name}.json`), 'utf8')) as Program;
}

const ties = loadCase('deadline-ties');
const [cpython] = runOnCPython([ties]);

describe('the differential harness', () => {
  it('records a non-trivial CPython trace for a case', () => {
    expect(cpython!.error).toBeUndefined();
    expect(cpython!.trace.filter((e) => e[1] === 'call').length).toBe(11);
  });

  it('finds no difference between a trace and a copy of it', () => {
    const copy = JSON.parse(JSON.stringify(cpython!.trace)) as Entry[];
    expect(firstDifference(cpython!.trace, copy)).toBe(-1);
  });

  it('points at the first entry of a perturbed trace', () => {
    const trace = cpython!.trace;
    const calls = trace.flatMap((e, i) => (e[1] === 'call' ? [i] : []));
    const i = calls[3]!;
    const shifted = trace.map((e, k) => (k === i ? [(e[0] as number) + 1e-9, ...e.slice(1)] : e));
    expect(firstDifference(trace, shifted)).toBe(i);
    const swapped = [...trace];
    [swapped[calls[1]!], swapped[calls[2]!]] = [swapped[calls[2]!]!, swapped[calls[1]!]!];
    expect(firstDifference(trace, swapped)).toBe(calls[1]);
    expect(firstDifference(trace, trace.slice(0, -1))).toBe(trace.length - 1);
  });

  it('shows both traces and the program when they differ', () => {
    const perturbed = cpython!.trace.map((e) => (e[1] === 'call' && e[3] === '(4)' ? [e[0], 'call', 'cb', '(5)'] : e));
    const c = compare(ties, cpython!, { name: ties.name, trace: perturbed });
    const text = explain(c);
    expect(c.diffAt).toBeGreaterThan(0);
    expect(text).toContain(`traces differ at entry ${c.diffAt}`);
    expect(text).toContain('"(4)"');
    expect(text).toContain('"(5)"');
    expect(text).toContain(JSON.stringify(ties));
  });

  it('fails a runtime whose timer heap breaks deadline ties differently from heapq', () => {
    // A heap whose pushes move an item above a parent with the same deadline (`<=` where heapq has `<`).
    type Sifting = { items: unknown[]; keys: Float64Array; siftDown(start: number, pos: number): void };
    const proto = KeyedHeap.prototype as unknown as Sifting;
    const siftDown = proto.siftDown;
    proto.siftDown = function (this: Sifting, start: number, pos: number) {
      const { items, keys } = this;
      const item = items[pos];
      const key = keys[pos]!;
      while (pos > start) {
        const parent = (pos - 1) >> 1;
        if (!(key <= keys[parent]!)) break;
        items[pos] = items[parent];
        keys[pos] = keys[parent]!;
        pos = parent;
      }
      items[pos] = item;
      keys[pos] = key;
    };
    let perturbed;
    try {
      perturbed = runOnRuntime(ties);
    } finally {
      proto.siftDown = siftDown;
    }
    expect(compare(ties, cpython!, perturbed).diffAt).toBeGreaterThan(0);
    expect(compare(ties, cpython!, runOnRuntime(ties)).diffAt).toBe(-1);
  });

  it('fails a runtime whose loop clock reads a millisecond late', () => {
    const time = Object.getOwnPropertyDescriptor(BaseEventLoop.prototype, 'time')!;
    Object.defineProperty(BaseEventLoop.prototype, 'time', {
      ...time,
      value: function (this: BaseEventLoop) {
        return this.realm.clock.read() + 0.001;
      },
    });
    let perturbed;
    try {
      perturbed = runOnRuntime(ties);
    } finally {
      Object.defineProperty(BaseEventLoop.prototype, 'time', time);
    }
    const c = compare(ties, cpython!, perturbed);
    expect(c.diffAt).toBeGreaterThan(0);
    expect(explain(c)).toContain('>>');
  });
});
