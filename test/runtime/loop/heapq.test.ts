// heapq.ts must order equal keys exactly as CPython's heapq does: the loop's equal-deadline timers
// come out in that order. Expected orders come from python3's heapq.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { random } from '../../random.js';
import { KeyedHeap } from '../../../src/runtime/heapq.js';

interface Item {
  when: number;
  id: number;
}

type Op = ['push', number, number] | ['pop'];

function makeOps(seed: number, count: number, distinct: number): Op[] {
  const rand = random(seed);
  const ops: Op[] = [];
  let size = 0;
  for (let id = 0; id < count; id++) {
    if (size > 0 && rand() < 0.35) {
      ops.push(['pop']);
      size--;
    } else {
      ops.push(['push', Math.floor(rand() * distinct) / 10, id]);
      size++;
    }
  }
  for (let i = 0; i < size; i++) ops.push(['pop']);
  return ops;
}

interface Case {
  ops: Op[];
  /** Pushed first; then those whose id is a multiple of 3 are dropped and the rest heapified (the loop's clean-up of cancelled timers). */
  initial: Item[];
}

/** For each case, the pop order python3's heapq gives, items comparing by `when` only (TimerHandle.__lt__). */
function pythonPopOrders(cases: Case[]): number[][] {
  const program = `
import heapq, json, sys
class H:
    __slots__ = ('when', 'id')
    def __init__(self, when, id): self.when, self.id = when, id
    def __lt__(self, other): return self.when < other.when
results = []
for case in json.load(sys.stdin):
    heap = []
    for w, i in case['initial']: heapq.heappush(heap, H(w, i))
    if heap:
        heap = [h for h in heap if h.id % 3 != 0]
        heapq.heapify(heap)
    out = []
    for op in case['ops']:
        if op[0] == 'push': heapq.heappush(heap, H(op[1], op[2]))
        else: out.append(heapq.heappop(heap).id)
    results.append(out)
print(json.dumps(results))
`;
  const input = JSON.stringify(cases.map((c) => ({ ops: c.ops, initial: c.initial.map((x) => [x.when, x.id]) })));
  const result = spawnSync('python3', ['-c', program], { input, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as number[][];
}

function ourPopOrder({ ops, initial }: Case): number[] {
  const heap = new KeyedHeap<Item>();
  for (const x of initial) heap.push(x.when, x);
  if (initial.length > 0) heap.filterAndHeapify((x) => x.id % 3 !== 0);
  const out: number[] = [];
  for (const op of ops) {
    if (op[0] === 'push') heap.push(op[1], { when: op[1], id: op[2] });
    else out.push(heap.pop().id);
  }
  return out;
}

describe('heapq', () => {
  it('pops equal keys in the order CPython heapq pops them, over many seeded sequences with ties', () => {
    const cases = Array.from({ length: 60 }, (_, seed): Case => ({ ops: makeOps(seed + 1, 300, 1 + (seed % 6)), initial: [] }));
    expect(cases.map(ourPopOrder)).toEqual(pythonPopOrders(cases));
  });

  it('drops filtered items and heapifies the rest with ties into the order CPython heapify leaves', () => {
    const cases = Array.from({ length: 20 }, (_, seed): Case => {
      const rand = random(seed + 100);
      const initial = Array.from({ length: 150 }, (_, id) => ({ when: Math.floor(rand() * 4), id }));
      return { ops: [...makeOps(seed + 200, 50, 4).map((op): Op => (op[0] === 'push' ? ['push', op[1], op[2] + 1000] : op)), ...initial.filter((x) => x.id % 3 !== 0).map((): Op => ['pop'])], initial };
    });
    expect(cases.map(ourPopOrder)).toEqual(pythonPopOrders(cases));
  });

  it('pops in ascending order of key', () => {
    const heap = new KeyedHeap<Item>();
    for (const when of [5, 1, 4, 2, 3]) heap.push(when, { when, id: when });
    expect([1, 2, 3, 4, 5].map(() => heap.pop().when)).toEqual([1, 2, 3, 4, 5]);
    expect(heap.length).toBe(0);
  });

  it('grows past its initial capacity and keeps every key with its item', () => {
    const heap = new KeyedHeap<Item>();
    const whens = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    for (const [id, when] of whens.entries()) heap.push(when, { when, id });
    const popped = whens.map(() => heap.pop().when);
    expect(popped).toEqual([...whens].sort((a, b) => a - b));
  });

  it('refuses to pop an empty heap', () => {
    expect(() => new KeyedHeap<Item>().pop()).toThrow('index out of range');
  });
});
