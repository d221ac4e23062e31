// An immutable append-only list that shares structure: appending is O(1) and never copies, so
// every step's state can keep its own output and timeline marks while checkpoints stay cheap.
// (A reducer that spread arrays on every event would make folding 10,000 events quadratic.)

export interface Chain<T> {
  readonly item: T;
  readonly prev: Chain<T> | undefined;
  readonly length: number;
}

/** `chain` with `item` appended. */
export function append<T>(chain: Chain<T> | undefined, item: T): Chain<T> {
  return { item, prev: chain, length: (chain?.length ?? 0) + 1 };
}

/** The last `n` items, oldest first. */
export function lastItems<T>(chain: Chain<T> | undefined, n: number): T[] {
  const out: T[] = [];
  for (let c = chain; c && out.length < n; c = c.prev) out.push(c.item);
  return out.reverse();
}

/** Every item, oldest first. */
export function toArray<T>(chain: Chain<T> | undefined): T[] {
  return lastItems(chain, Number.POSITIVE_INFINITY);
}

/** Items from the newest back while `keep` holds (for drawing what is in view), oldest first. */
export function takeWhileBack<T>(chain: Chain<T> | undefined, keep: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (let c = chain; c && keep(c.item); c = c.prev) out.push(c.item);
  return out.reverse();
}
