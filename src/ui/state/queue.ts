// A persistent FIFO queue (the ready deque as a view holds it): items keyed by their position
// since the queue began, so appending and taking from the head are each one map update and never
// copy the queue, and the i-th item is one lookup.
import { type IntMap, empty, get, remove, set, valuesFrom } from './intmap.js';

export interface Queue<T> {
  /** Position of the head item (the count of items ever taken from the head). */
  readonly head: number;
  readonly items: IntMap<T>;
}

export const emptyQueue: Queue<never> = { head: 0, items: empty() };

export function queueLength(q: Queue<unknown>): number {
  return q.items.size;
}

export function enqueue<T>(q: Queue<T>, item: T): Queue<T> {
  return { head: q.head, items: set(q.items, q.head + q.items.size, item) };
}

/** The head item, or undefined when empty. */
export function peek<T>(q: Queue<T>): T | undefined {
  return get(q.items, q.head);
}

/** The queue without its head item. */
export function dequeue<T>(q: Queue<T>): Queue<T> {
  if (q.items.size === 0) return q;
  return { head: q.head + 1, items: remove(q.items, q.head) };
}

/** The i-th item from the head. */
export function itemAt<T>(q: Queue<T>, i: number): T | undefined {
  return get(q.items, q.head + i);
}

/** Up to `limit` items from the head, in order. */
export function firstItems<T>(q: Queue<T>, limit: number): T[] {
  return valuesFrom(q.items, q.head, limit);
}

/** An empty queue that keeps counting positions where `q` left off. */
export function cleared<T>(q: Queue<T>): Queue<T> {
  return { head: q.head + q.items.size, items: empty() };
}
