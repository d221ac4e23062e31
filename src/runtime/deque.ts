// collections.deque, as much of it as base_events.py uses for the ready queue: append, popleft,
// len and clear, each O(1).

/**
 * A ring buffer whose capacity doubles when full: a busy loop reuses the same slots every
 * iteration, where an array compacted with slice() copied (and allocated) the queue over and over.
 */
export class Deque<T> {
  /** Capacity is a power of two, so positions wrap with a mask. */
  private items: (T | undefined)[] = new Array<T | undefined>(16);
  private head = 0;
  private size = 0;
  /**
   * Items taken from the left so far: with it, a position in the queue has a name that does not
   * change as the queue moves (`popped + i` for the i-th item), so a boundary can be kept as a number.
   */
  popped = 0;
  get length(): number {
    return this.size;
  }
  append(item: T): void {
    if (this.size === this.items.length) this.grow();
    this.items[(this.head + this.size) & (this.items.length - 1)] = item;
    this.size += 1;
  }
  popleft(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.size -= 1;
    this.popped += 1;
    return item;
  }
  clear(): void {
    this.items = new Array<T | undefined>(16);
    this.head = 0;
    this.size = 0;
  }
  /** The i-th queued item from the left (for views). */
  at(i: number): T | undefined {
    return i >= 0 && i < this.size ? this.items[(this.head + i) & (this.items.length - 1)] : undefined;
  }
  /** The queued items, oldest first (for views and tests). */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.items[(this.head + i) & (this.items.length - 1)] as T);
    return out;
  }
  /** Doubles the capacity, copying the items in order to the start of one new array. */
  private grow(): void {
    const old = this.items;
    const mask = old.length - 1;
    const items = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.size; i++) items[i] = old[(this.head + i) & mask];
    this.items = items;
    this.head = 0;
  }
}
