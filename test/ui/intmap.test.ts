// The persistent map and queue under the reducer: every version stays as it was, and they agree
// with a plain Map / array over a long random sequence of operations.
import { describe, expect, it } from 'vitest';
import { type IntMap, empty, forEachFrom, fromArray, get, remove, set, setMany, values, valuesFrom } from '../../src/ui/state/intmap.js';
import { type Queue, dequeue, emptyQueue, enqueue, firstItems, itemAt, peek, queueLength } from '../../src/ui/state/queue.js';

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('IntMap', () => {
  it('agrees with a Map over random sets and removes, and leaves older versions untouched', () => {
    const rand = random(7);
    let map: IntMap<number> = empty();
    const model = new Map<number, number>();
    const versions: [IntMap<number>, string][] = [];
    for (let i = 0; i < 5000; i++) {
      const key = Math.floor(rand() * (i < 2500 ? 300 : 70000));
      if (rand() < 0.3) {
        map = remove(map, key);
        model.delete(key);
      } else {
        map = set(map, key, i);
        model.set(key, i);
      }
      if (i % 500 === 0) versions.push([map, JSON.stringify(values(map))]);
    }
    expect(map.size).toBe(model.size);
    const sorted = [...model.keys()].sort((a, b) => a - b);
    expect(values(map)).toEqual(sorted.map((k) => model.get(k)));
    for (const k of sorted.slice(0, 50)) expect(get(map, k)).toBe(model.get(k));
    for (const [v, seen] of versions) expect(JSON.stringify(values(v))).toBe(seen);
  });

  it('visits keys from a starting key in order, and stops when told', () => {
    const map = [5, 40, 41, 1000, 33000].reduce((m, k) => set(m, k, `v${k}`), empty<string>());
    const keys: number[] = [];
    forEachFrom(map, 41, (k) => (keys.push(k), keys.length < 2));
    expect(keys).toEqual([41, 1000]);
    expect(valuesFrom(map, 0, 3)).toEqual(['v5', 'v40', 'v41']);
  });

  it('drops emptied nodes, so a map keeps nothing of removed keys', () => {
    let map = empty<number>();
    for (let i = 0; i < 2000; i++) map = set(map, i, i);
    for (let i = 0; i < 2000; i++) map = remove(map, i);
    expect(map).toEqual(empty());
  });

  it('sets a batch of keys as repeated sets would, copying shared nodes once and leaving the input as it was', () => {
    const base = fromArray(Array.from({ length: 5000 }, (_, i) => i));
    const before = JSON.stringify(values(base));
    const entries: [number, number][] = [[4999, -1], [2499, -2], [1249, -3], [0, -4], [70000, -5], [2499, -6]];
    const batched = setMany(base, entries);
    const one = entries.reduce((m, [k, v]) => set(m, k, v), base);
    expect(values(batched)).toEqual(values(one));
    expect(batched.size).toBe(one.size);
    expect(JSON.stringify(values(base))).toBe(before);
  });

  it('builds from an array keyed 0..n-1', () => {
    const items = Array.from({ length: 1500 }, (_, i) => i * 2);
    const map = fromArray(items);
    expect([map.size, get(map, 1499), values(map)]).toEqual([1500, 2998, items]);
  });
});

describe('Queue', () => {
  it('is first in, first out, and indexes from its head', () => {
    let q: Queue<string> = emptyQueue;
    for (const x of ['a', 'b', 'c', 'd']) q = enqueue(q, x);
    const before = q;
    q = dequeue(dequeue(q));
    expect([peek(q), itemAt(q, 1), queueLength(q), firstItems(q, 5)]).toEqual(['c', 'd', 2, ['c', 'd']]);
    expect(firstItems(before, 5)).toEqual(['a', 'b', 'c', 'd']);
  });
});
