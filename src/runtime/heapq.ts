// A port of Python's heapq (Lib/heapq.py, whose algorithm Modules/_heapqmodule.c repeats): a binary
// min-heap in a plain array, heap[k] <= heap[2k+1] and heap[k] <= heap[2k+2].
//
// The exact sift algorithm matters, not just "some heap": items that compare equal (TimerHandles
// with the same deadline; TimerHandle.__lt__ looks at `when` only) come out in whatever order these
// sifts leave them, and the loop must run equal-deadline timers in CPython's order. Like CPython, the
// only comparison used is `lt` (`<`).

/** `a < b` for heap items. */
export type Less<T> = (a: T, b: T) => boolean;

/**
 * `_siftdown(heap, startpos, pos)`: the item at `pos` moves up towards the root (`startpos`) while it
 * is smaller than its parent.
 */
function siftDown<T>(heap: T[], startpos: number, pos: number, lt: Less<T>): void {
  const newitem = heap[pos]!;
  while (pos > startpos) {
    const parentpos = (pos - 1) >> 1;
    const parent = heap[parentpos]!;
    if (lt(newitem, parent)) {
      heap[pos] = parent;
      pos = parentpos;
      continue;
    }
    break;
  }
  heap[pos] = newitem;
}

/**
 * `_siftup(heap, pos)`: the hole at `pos` moves down to a leaf, at each level taking the smaller
 * child (the right one unless the left is strictly smaller), then the item is put there and sifted
 * back up. This bottom-up variant is what CPython does, and it decides the order of equal items.
 */
function siftUp<T>(heap: T[], pos: number, lt: Less<T>): void {
  const endpos = heap.length;
  const startpos = pos;
  const newitem = heap[pos]!;
  let childpos = 2 * pos + 1;
  while (childpos < endpos) {
    const rightpos = childpos + 1;
    if (rightpos < endpos && !lt(heap[childpos]!, heap[rightpos]!)) childpos = rightpos;
    heap[pos] = heap[childpos]!;
    pos = childpos;
    childpos = 2 * pos + 1;
  }
  heap[pos] = newitem;
  siftDown(heap, startpos, pos, lt);
}

/** `heapq.heappush(heap, item)`. */
export function heappush<T>(heap: T[], item: T, lt: Less<T>): void {
  heap.push(item);
  siftDown(heap, 0, heap.length - 1, lt);
}

/** `heapq.heappop(heap)`: removes and returns the smallest item. Throws on an empty heap. */
export function heappop<T>(heap: T[], lt: Less<T>): T {
  const last = heap.pop();
  if (last === undefined) throw new RangeError('index out of range');
  if (heap.length > 0) {
    const returnitem = heap[0]!;
    heap[0] = last;
    siftUp(heap, 0, lt);
    return returnitem;
  }
  return last;
}

/** `heapq.heapify(x)`: in place, in linear time, sifting from the last parent back to the root. */
export function heapify<T>(heap: T[], lt: Less<T>): void {
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftUp(heap, i, lt);
}
