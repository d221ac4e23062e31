// An immutable append-only list that shares structure: appending is O(1) and never copies, so
// every step's state can keep its own output and timeline marks while checkpoints stay cheap.
// (A reducer that spread arrays on every event would make folding 10,000 events quadratic.)
//
// A list given a bound keeps only its latest items: once twice the bound are reachable, the
// latest `bound` are linked anew (a copy of `bound` nodes every `bound` appends, O(1) each on
// average) and the older ones are left to the garbage collector once no kept state holds them. A
// run of millions of callbacks or lines then holds a bounded list, whatever its length.

export interface Chain<T> {
  readonly item: T;
  readonly prev: Chain<T> | undefined;
  /** Items appended in all, those no longer reachable included. */
  readonly length: number;
  /** Items reachable from here (this one included). */
  readonly kept: number;
}

/** `chain` with `item` appended; with a `bound`, keeping at least its latest `bound` items. */
export function append<T>(chain: Chain<T> | undefined, item: T, bound = Number.POSITIVE_INFINITY): Chain<T> {
  if (chain !== undefined && chain.kept >= 2 * bound) chain = relink(chain, bound);
  return { item, prev: chain, length: (chain?.length ?? 0) + 1, kept: (chain?.kept ?? 0) + 1 };
}

/** The latest `n` nodes of `chain`, linked anew (their counts kept). */
function relink<T>(chain: Chain<T>, n: number): Chain<T> {
  const nodes: Chain<T>[] = [];
  for (let c: Chain<T> | undefined = chain; c && nodes.length < n; c = c.prev) nodes.push(c);
  let linked: Chain<T> | undefined;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    linked = { item: node.item, prev: linked, length: node.length, kept: (linked?.kept ?? 0) + 1 };
  }
  return linked!;
}

/** The last `n` items, oldest first. */
export function lastItems<T>(chain: Chain<T> | undefined, n: number): T[] {
  const out: T[] = [];
  for (let c = chain; c && out.length < n; c = c.prev) out.push(c.item);
  return out.reverse();
}

/** Every item kept, oldest first. */
export function toArray<T>(chain: Chain<T> | undefined): T[] {
  return lastItems(chain, Number.POSITIVE_INFINITY);
}

/** Items from the newest back while `keep` holds (for drawing what is in view), oldest first. */
export function takeWhileBack<T>(chain: Chain<T> | undefined, keep: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (let c = chain; c && keep(c.item); c = c.prev) out.push(c.item);
  return out.reverse();
}
