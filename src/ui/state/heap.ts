// The loop's timer heap as the view holds it: CPython's `_scheduled` array, index by index, kept
// in step with the runtime's heap by the moves the trace reports (never by comparing deadlines
// here). A heappush says where the new timer settled; a heappop says where the array's last item
// settled; the items between that index and the root are the ones that shifted, one level each.
// Both cost O(log n) map updates, whatever the heap's size.
import { KeyedHeap } from '../../runtime/heapq.js';
import { type IntMap, empty, fromArray, get, remove, setMany, values } from './intmap.js';
import type { HandleView } from './types.js';

/** Index → handle: the heap array. Its keys are exactly 0 .. size - 1. */
export type HeapArray = IntMap<HandleView>;

export const emptyHeap: HeapArray = empty();

/** heappush: `handle` appended at the end, then sifted up to `at` (its ancestors on the way moved down). */
export function heapPushed(heap: HeapArray, handle: HandleView, at: number): HeapArray {
  const moves: [number, HandleView][] = [];
  let pos = heap.size;
  while (pos > at) {
    const parent = (pos - 1) >> 1;
    moves.push([pos, get(heap, parent)!]);
    pos = parent;
  }
  moves.push([pos, handle]);
  return setMany(heap, moves);
}

/**
 * heappop: `heap[0]` left; the last item went into the hole at the root and settled at `lastTo`
 * (-1 when it was the only item), so every item on the path from `lastTo` up to the root moved
 * up one level (the hole's trip further down and back is a no-op for the items below `lastTo`).
 */
export function heapPopped(heap: HeapArray, lastTo: number): HeapArray {
  const n = heap.size;
  if (n <= 1 || lastTo < 0) return empty();
  const last = get(heap, n - 1)!;
  const path: number[] = [];
  for (let pos = lastTo; pos > 0; pos = (pos - 1) >> 1) path.push(pos);
  // From the root down: each index takes the item of its child on the path (read before any write).
  const moves: [number, HandleView][] = [];
  let up = 0;
  for (let i = path.length - 1; i >= 0; i--) {
    moves.push([up, get(heap, path[i]!)!]);
    up = path[i]!;
  }
  moves.push([lastTo, last]);
  return setMany(remove(heap, n - 1), moves);
}

/** The heap array after a rebuild (heapify), from the trace's list of ids in array order. */
export function heapRebuilt(heap: HeapArray, ids: readonly number[]): HeapArray {
  const byId = new Map(values(heap).map((h) => [h.id, h] as const));
  return fromArray(ids.map((id) => byId.get(id)!).filter((h) => h !== undefined));
}

/** The heap array, index 0 first. */
export function heapArray(heap: HeapArray, limit = heap.size): HandleView[] {
  const out: HandleView[] = [];
  for (let i = 0; i < Math.min(limit, heap.size); i++) out.push(get(heap, i)!);
  return out;
}

/**
 * The first `k` timers in the order they will leave the heap: what heappop on a copy of the array
 * gives. Walking the heap best-first from the root (a small queue of candidates, O(k log k)) gives
 * that order whenever no two of those deadlines are equal; equal deadlines leave in the order
 * heapq's sifts decide, which depends on the whole array, so then a copy of it is popped with the
 * runtime's own heap code (linear in the heap's size, and only while ties are in view).
 */
export function leavingOrder(heap: HeapArray, k: number): HandleView[] {
  const walked = bestFirst(heap, k + 1);
  const tie = walked.some((h, i) => i > 0 && h.when === walked[i - 1]!.when);
  if (!tie) return walked.slice(0, k);
  const items = heapArray(heap);
  const copy = KeyedHeap.fromHeapArray(
    items.map((h) => h.when ?? 0),
    items,
  );
  const out: HandleView[] = [];
  while (out.length < k && copy.length > 0) out.push(copy.pop());
  return out;
}

function bestFirst(heap: HeapArray, k: number): HandleView[] {
  const out: HandleView[] = [];
  // Candidate indices, a binary min-heap on (deadline, index).
  const cand: number[] = heap.size > 0 ? [0] : [];
  const key = (i: number) => get(heap, i)!.when ?? 0;
  const less = (a: number, b: number) => key(a) < key(b) || (key(a) === key(b) && a < b);
  while (out.length < k && cand.length > 0) {
    const top = cand[0]!;
    const last = cand.pop()!;
    if (cand.length > 0) {
      cand[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < cand.length && less(cand[l]!, cand[m]!)) m = l;
        if (r < cand.length && less(cand[r]!, cand[m]!)) m = r;
        if (m === i) break;
        [cand[i], cand[m]] = [cand[m]!, cand[i]!];
        i = m;
      }
    }
    out.push(get(heap, top)!);
    for (const child of [2 * top + 1, 2 * top + 2]) {
      if (child >= heap.size) continue;
      cand.push(child);
      for (let i = cand.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!less(cand[i]!, cand[p]!)) break;
        [cand[i], cand[p]] = [cand[p]!, cand[i]!];
        i = p;
      }
    }
  }
  return out;
}
