// A port of Python's heapq (Lib/heapq.py, whose algorithm Modules/_heapqmodule.c repeats), for the
// loop's timer heap: a binary min-heap, heap[k] <= heap[2k+1] and heap[k] <= heap[2k+2].
//
// The exact sift algorithm matters, not just "some heap": items that compare equal (TimerHandles
// with the same deadline; TimerHandle.__lt__ looks at `when` only) come out in whatever order these
// sifts leave them, and the loop must run equal-deadline timers in CPython's order. Like CPython, the
// only comparison used is `<` on the keys.
//
// The keys (deadlines) live in a Float64Array beside the items, in the same slots: a sift compares
// numbers in one contiguous array instead of reading `_when` from handles scattered over memory,
// which was most of the cost of popping from a heap of 100,000 timers.

export class KeyedHeap<T> {
  /** The items, in heap order (`heap` in heapq's terms). */
  private items: T[] = [];
  /** keys[i] is the key of items[i]; capacity grows by doubling, `items.length` is the size. */
  private keys = new Float64Array(16);
  /**
   * Where the last `pop` left the heap's former last item (the one heappop moves into the hole at
   * the root and sifts), or -1 when nothing moved (the heap held one item). With the index a push
   * returns, this is all a view needs to follow the array move by move: the items that shift are
   * the ones on the path between that index and the root (see trace.ts, `timer_ready`).
   */
  lastTo = -1;

  /**
   * A heap holding a copy of an array already in heap order, keys beside items (no heapify): for
   * a view that pops a copy to list items in the order they will leave (`heappop` on a copy).
   */
  static fromHeapArray<T>(keys: ArrayLike<number>, items: readonly T[]): KeyedHeap<T> {
    const heap = new KeyedHeap<T>();
    heap.items = items.slice();
    heap.keys = new Float64Array(Math.max(16, items.length));
    for (let i = 0; i < items.length; i++) heap.keys[i] = keys[i]!;
    return heap;
  }

  get length(): number {
    return this.items.length;
  }

  /** The smallest item (`heap[0]`), or undefined when empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** The key of the smallest item; only when not empty. */
  peekKey(): number {
    return this.keys[0]!;
  }

  /** `heapq.heappush(heap, item)`; returns the index where the item settled. */
  push(key: number, item: T): number {
    const pos = this.items.length;
    if (pos === this.keys.length) this.grow();
    this.items.push(item);
    this.keys[pos] = key;
    return this.siftDown(0, pos);
  }

  /** `heapq.heappop(heap)`: removes and returns the smallest item. Throws on an empty heap. */
  pop(): T {
    const items = this.items;
    const last = items.pop();
    if (last === undefined) throw new RangeError('index out of range');
    const size = items.length;
    if (size === 0) {
      this.lastTo = -1;
      return last;
    }
    const returnitem = items[0]!;
    items[0] = last;
    this.keys[0] = this.keys[size]!;
    this.lastTo = this.siftUp(0);
    return returnitem;
  }

  /**
   * Keeps only the items `keep` accepts, in their current order, then `heapq.heapify`s them: what
   * `_run_once` does with `new_scheduled` when it drops cancelled timers.
   */
  filterAndHeapify(keep: (item: T) => boolean): void {
    const items = this.items;
    const keys = this.keys;
    let n = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (!keep(item)) continue;
      items[n] = item;
      keys[n] = keys[i]!;
      n += 1;
    }
    items.length = n;
    this.heapify();
  }

  /** Empties the heap. */
  clear(): void {
    this.items = [];
    this.keys = new Float64Array(16);
  }

  /** The items in heap order (a copy, for views and tests). */
  toArray(): T[] {
    return this.items.slice();
  }

  /** The item at index `i` of the heap array (heap order), for views. */
  at(i: number): T | undefined {
    return this.items[i];
  }

  /** `heapq.heapify(x)`: in place, in linear time, sifting from the last parent back to the root. */
  private heapify(): void {
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftUp(i);
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
  }

  /**
   * `_siftdown(heap, startpos, pos)`: the item at `pos` moves up towards the root (`startpos`)
   * while it is smaller than its parent. Returns where it settled.
   */
  private siftDown(startpos: number, pos: number): number {
    const { items, keys } = this;
    const newitem = items[pos]!;
    const newkey = keys[pos]!;
    while (pos > startpos) {
      const parentpos = (pos - 1) >> 1;
      const parentkey = keys[parentpos]!;
      if (newkey < parentkey) {
        items[pos] = items[parentpos]!;
        keys[pos] = parentkey;
        pos = parentpos;
        continue;
      }
      break;
    }
    items[pos] = newitem;
    keys[pos] = newkey;
    return pos;
  }

  /**
   * `_siftup(heap, pos)`: the hole at `pos` moves down to a leaf, at each level taking the smaller
   * child (the right one unless the left is strictly smaller), then the item is put there and
   * sifted back up. This bottom-up variant is what CPython does, and it decides the order of equal
   * items. Returns where the item settled.
   */
  private siftUp(pos: number): number {
    const { items, keys } = this;
    const endpos = items.length;
    const startpos = pos;
    const newitem = items[pos]!;
    const newkey = keys[pos]!;
    let childpos = 2 * pos + 1;
    while (childpos < endpos) {
      const rightpos = childpos + 1;
      if (rightpos < endpos && !(keys[childpos]! < keys[rightpos]!)) childpos = rightpos;
      items[pos] = items[childpos]!;
      keys[pos] = keys[childpos]!;
      pos = childpos;
      childpos = 2 * pos + 1;
    }
    items[pos] = newitem;
    keys[pos] = newkey;
    return this.siftDown(startpos, pos);
  }
}
