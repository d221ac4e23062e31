// Each trace event as the text `asyncio-lab verify` compares (compare-traces.ts): equal texts mean
// equal events up to what cannot be the same on two engines:
//   * object ids: each side numbers its handles, futures and tasks in its own order, so ids are
//     renumbered by first appearance;
//   * memory addresses in reprs (0x7f...), threads' idents, the order of sets of objects (their hash is their
//     address), and the standard library's directory of the interpreter;
//   * in real time, every time, and task numbers (they count the tasks of every thread, in the order
//     the threads happen to create them).
// An event inside a race (real time) is keyed without its ids and heap positions: which object was
// numbered first, and where a timer settled in the heap, depend on the order the race took.
import type { TraceEvent } from '../runtime/trace.js';

export interface KeyOptions {
  /** Real-time run: times and task numbers are the machine's. */
  realTime: boolean;
  /** Directory prefixes of the recorder's side to spell as the simulation spells them ([from, to]). */
  paths?: readonly (readonly [string, string])[];
}

/** Fields that hold an object's serial id. */
const ID_FIELDS = ['handle', 'future', 'task', 'on', 'source', 'destination'] as const;
/** Fields that hold a time: compared only in virtual time. */
const TIME_FIELDS = ['t', 'when', 'timeout', 'slept', 'took', 'until', 'instant', 'timeOrigin'] as const;
/** Fields that say where in the heap a timer went: they depend on every timer already there. */
const HEAP_FIELDS = ['heapIndex', 'lastTo', 'heap'] as const;
const ADDRESS = /0x[0-9a-f]{6,}/g;
/** A thread's ident (threading.get_ident(), as printed or in thread_created): the machine's. Not a time's digits. */
const IDENT = /(?<![\d.])\d{12,}\b/g;
/** Task names count tasks process-wide: with threads, which thread creates one first is a race. */
const TASK_NAME = /\bTask-\d+\b/g;
/** A set of objects in a repr, `{<Task ...>, <Task ...>}`: iterated in hash order, which is by address. */
const OBJECT_SET = /\{(<[^{}]*>)\}/g;
const SHORTENED_SET_END = /\.\.\.[^.{}]*?>\}/g;

/** Sets of objects in one order on both sides (their hash order is their addresses'). */
function sortSets(text: string): string {
  return text
    // A shortened repr ('<Task finishe...3s'>}, set())>') ends with whichever item the set put last.
    .replace(SHORTENED_SET_END, '...>}').replace(OBJECT_SET, (_, items: string) => `{${items.split('>, <').map((item, i, all) => `${i > 0 ? '<' : ''}${item}${i < all.length - 1 ? '>' : ''}`).sort().join(', ')}}`);
}

/**
 * The events' keys, ids renumbered by first appearance among the events keyed with their ids.
 * `inRace(i)`: event i is keyed without ids and heap positions.
 */
export function eventKeys(events: readonly TraceEvent[], options: KeyOptions, inRace: (index: number) => boolean = () => false): string[] {
  const serials = new Map<number, number>();
  const renumber = (id: unknown) => {
    if (typeof id !== 'number') return id;
    let n = serials.get(id);
    if (n === undefined) {
      n = serials.size + 1;
      serials.set(id, n);
    }
    return n;
  };
  return events.map((event, index) => {
    const fields: Record<string, unknown> = { ...event };
    delete fields.race;
    delete fields.instant;
    if (options.realTime) for (const name of TIME_FIELDS) delete fields[name];
    if (inRace(index)) {
      for (const name of ID_FIELDS) if (typeof fields[name] === 'number') fields[name] = '#';
      for (const name of HEAP_FIELDS) delete fields[name];
    } else {
      for (const name of ID_FIELDS) if (name in fields) fields[name] = renumber(fields[name]);
      if (Array.isArray(fields.heap)) fields.heap = fields.heap.map(renumber);
    }
    if (typeof fields.ident === 'number') fields.ident = '<ident>';
    // Read as `t thread type {the rest}`: when, who and what first.
    const { t, thread, type, ...rest } = fields;
    let text = `${t === undefined ? '' : `${String(t)} `}${String(thread)} ${String(type)} ${JSON.stringify(rest)}`.replace(ADDRESS, '0x…').replace(IDENT, '<ident>');
    if (options.realTime) text = text.replace(TASK_NAME, 'Task-…');
    for (const [from, to] of options.paths ?? []) text = text.split(from).join(to);
    return sortSets(text);
  });
}
