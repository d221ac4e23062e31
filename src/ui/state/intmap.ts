// A persistent map from small non-negative integers to values: a 32-way trie whose nodes are
// plain arrays, changed by copying only the path to the key (O(log32 n) per get, set or delete).
// Every step's state keeps its own version while all versions share what did not change, so the
// reducer's cost per event does not grow with what is live, and checkpoints of the view's state
// cost nothing to keep (and stay plain data).
//
// Keys are ids (handles, futures and tasks are numbered from 1 in their process) or positions
// (in the ready queue, in the heap array): dense enough that a trie needs no hashing. Iterating in
// key order is creation order for ids.

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

type Node = readonly unknown[];

export interface IntMap<T> {
  readonly size: number;
  /** Bits of the key consumed above the leaves: the root spans keys below 2 ** (shift + BITS). */
  readonly shift: number;
  readonly root: Node | undefined;
  /** Phantom field: ties the map to its value type. */
  readonly _value?: T;
}

export const emptyMap: IntMap<never> = { size: 0, shift: 0, root: undefined };

export function empty<T>(): IntMap<T> {
  return emptyMap as IntMap<T>;
}

/** Keys below 2 ** 31 (ids and positions in one run): shifts stay under 32 bits. */
function capacity(shift: number): number {
  return 2 ** (shift + BITS);
}

export function get<T>(map: IntMap<T>, key: number): T | undefined {
  if (key < 0 || key >= capacity(map.shift)) return undefined;
  let node = map.root;
  for (let shift = map.shift; node !== undefined && shift > 0; shift -= BITS) node = node[(key >>> shift) & MASK] as Node | undefined;
  return node?.[key & MASK] as T | undefined;
}

export function has(map: IntMap<unknown>, key: number): boolean {
  return get(map, key) !== undefined;
}

/** `map` with `key` set to `value` (`value` must not be undefined: use `remove`). */
export function set<T>(map: IntMap<T>, key: number, value: T): IntMap<T> {
  let { shift, root } = map;
  while (key >= capacity(shift)) {
    if (root !== undefined) root = [root];
    shift += BITS;
  }
  let grew = false;
  const put = (node: Node | undefined, level: number): Node => {
    const copy = node ? node.slice() : new Array<unknown>(WIDTH);
    const slot = (key >>> level) & MASK;
    if (level === 0) {
      grew = copy[slot] === undefined;
      copy[slot] = value;
    } else {
      copy[slot] = put(copy[slot] as Node | undefined, level - BITS);
    }
    return copy;
  };
  root = put(root, shift);
  return { size: map.size + (grew ? 1 : 0), shift, root };
}

/**
 * `map` with every `[key, value]` of `entries` set, in order: like repeated `set`, but a node is
 * copied once for the whole batch, however many of the keys pass through it (a heap move touches
 * a dozen indices whose paths share their upper nodes).
 */
export function setMany<T>(map: IntMap<T>, entries: readonly (readonly [number, T])[]): IntMap<T> {
  let { shift, root, size } = map;
  const maxKey = entries.reduce((m, [k]) => Math.max(m, k), 0);
  while (maxKey >= capacity(shift)) {
    if (root !== undefined) root = [root];
    shift += BITS;
  }
  const fresh = new Set<Node>();
  const own = (node: Node | undefined): unknown[] => {
    if (node !== undefined && fresh.has(node)) return node as unknown[];
    const copy = node ? node.slice() : new Array<unknown>(WIDTH);
    fresh.add(copy);
    return copy;
  };
  const top = own(root);
  for (const [key, value] of entries) {
    let node = top;
    for (let level = shift; level > 0; level -= BITS) {
      const slot = (key >>> level) & MASK;
      const child = own(node[slot] as Node | undefined);
      node[slot] = child;
      node = child;
    }
    if (node[key & MASK] === undefined) size += 1;
    node[key & MASK] = value;
  }
  return { size, shift, root: top };
}

/** `map` without `key`. Nodes left empty are dropped, so a map keeps no trace of removed keys. */
export function remove<T>(map: IntMap<T>, key: number): IntMap<T> {
  if (get(map, key) === undefined) return map;
  const drop = (node: Node, level: number): Node | undefined => {
    const slot = (key >>> level) & MASK;
    const copy = node.slice();
    copy[slot] = level === 0 ? undefined : drop(node[slot] as Node, level - BITS);
    return copy.some((x) => x !== undefined) ? copy : undefined;
  };
  const root = drop(map.root!, map.shift);
  return root === undefined ? empty() : { size: map.size - 1, shift: map.shift, root };
}

/**
 * Calls `visit(key, value)` for keys from `from` upward in order, until it returns false. Costs
 * O(log n) to find the start, then O(1) per entry visited (plus empty slots skipped in its nodes).
 */
export function forEachFrom<T>(map: IntMap<T>, from: number, visit: (key: number, value: T) => boolean): void {
  if (map.root === undefined) return;
  const walk = (node: Node, level: number, base: number): boolean => {
    const span = 2 ** level;
    const first = Math.max(0, Math.floor((from - base) / span));
    for (let slot = first; slot < WIDTH; slot++) {
      const child = node[slot];
      if (child === undefined) continue;
      const key = base + slot * span;
      if (level === 0) {
        if (key >= from && !visit(key, child as T)) return false;
      } else if (!walk(child as Node, level - BITS, key)) return false;
    }
    return true;
  };
  walk(map.root, map.shift, 0);
}

/** Up to `limit` values from key `from` upward, in key order. */
export function valuesFrom<T>(map: IntMap<T>, from: number, limit: number): T[] {
  const out: T[] = [];
  if (limit <= 0) return out;
  forEachFrom(map, from, (_key, value) => {
    out.push(value);
    return out.length < limit;
  });
  return out;
}

/** Every value, in key order. */
export function values<T>(map: IntMap<T>): T[] {
  return valuesFrom(map, 0, map.size);
}

/** A map of `items` keyed 0, 1, 2, ... (built bottom-up in linear time). */
export function fromArray<T>(items: readonly T[]): IntMap<T> {
  if (items.length === 0) return empty();
  let level: unknown[] = [];
  for (let i = 0; i < items.length; i += WIDTH) level.push(padded(items.slice(i, i + WIDTH)));
  let shift = 0;
  while (level.length > 1) {
    const up: unknown[] = [];
    for (let i = 0; i < level.length; i += WIDTH) up.push(padded(level.slice(i, i + WIDTH)));
    level = up;
    shift += BITS;
  }
  return { size: items.length, shift, root: level[0] as Node };
}

function padded(items: readonly unknown[]): Node {
  const node = new Array<unknown>(WIDTH);
  for (let i = 0; i < items.length; i++) node[i] = items[i];
  return node;
}
