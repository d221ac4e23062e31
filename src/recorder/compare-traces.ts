// Compares a recorded trace (real CPython, src/recorder/) with the simulation's trace of the same
// program, event by event, as `asyncio-lab verify` does. Equal means equal up to what cannot be the
// same on two engines:
//   * object ids: each side numbers its handles, futures and tasks in its own order, so ids are
//     renumbered by first appearance before comparing;
//   * memory addresses in reprs (0x7f...), threads' idents, the order of sets of objects (their hash is their
//     address), and the standard library's directory of the interpreter;
//   * races: lines the simulation marks as ordered by chance (threads printing at once, a set's
//     hash order) may come in any order among the lines of their group;
//   * the lesson's notes, which only the simulation attaches.
// In real time (thread lessons on a local interpreter) the threads' interleaving and every time are
// the machine's: then each thread's events are compared on their own, in order, without times (and
// without task numbers, which count tasks of every thread in the order they were created).
import type { TraceEvent } from '../runtime/trace.js';

export interface CompareOptions {
  /** Real-time run: compare per thread, in order, without times. */
  realTime: boolean;
  /** Directory prefixes of the recorder's side to spell as the simulation spells them ([from, to]). */
  paths?: readonly (readonly [string, string])[];
}

/** The first place two traces part, with a little of what came before. */
export interface TraceDifference {
  /** The thread whose events differ (real time), or undefined when the whole trace is compared. */
  thread?: string;
  /** Index of the first differing event in the compared sequence. */
  index: number;
  /** The events before it, which both sides share (as compared). */
  before: string[];
  simulation: string | undefined;
  recorder: string | undefined;
}

/** Fields that hold an object's serial id. */
const ID_FIELDS = ['handle', 'future', 'task', 'on'] as const;
/** Fields that hold a time: compared only in virtual time. */
const TIME_FIELDS = ['t', 'when', 'timeout', 'slept', 'took', 'until', 'instant'] as const;
const ADDRESS = /0x[0-9a-f]{6,}/g;
/** A thread's ident (threading.get_ident(), as printed or in thread_created): the machine's. */
const IDENT = /\b\d{12,}\b/g;
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

type Fields = Record<string, unknown>;

/** Each event as the text compared: ids renumbered by first appearance, addresses and paths neutral. */
function keys(events: readonly TraceEvent[], options: CompareOptions): string[] {
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
  return events.map((event) => {
    const fields: Fields = { ...event };
    delete fields.race;
    delete fields.instant;
    if (options.realTime) for (const name of TIME_FIELDS) delete fields[name];
    for (const name of ID_FIELDS) if (name in fields) fields[name] = renumber(fields[name]);
    if (typeof fields.ident === 'number') fields.ident = '<ident>';
    if (Array.isArray(fields.heap)) fields.heap = fields.heap.map(renumber);
    // Read as `t thread type {the rest}`: when, who and what first.
    const { t, thread, type, ...rest } = fields;
    let text = `${t === undefined ? '' : `${String(t)} `}${String(thread)} ${String(type)} ${JSON.stringify(rest)}`.replace(ADDRESS, '0x…').replace(IDENT, '<ident>');
    if (options.realTime) text = text.replace(TASK_NAME, 'Task-…');
    for (const [from, to] of options.paths ?? []) text = text.split(from).join(to);
    return sortSets(text);
  });
}

/**
 * Puts the lines of each group of racing events in one order on both sides: a group is the
 * simulation's race-marked events of one type at one instant (taken at the same positions on the
 * recorder's side, which has no race marks).
 */
function unrace(simulation: readonly TraceEvent[], simKeys: string[], recKeys: string[]): void {
  const groups = new Map<string, number[]>();
  simulation.forEach((event, i) => {
    if (!event.race) return;
    const instant = event.type === 'output' ? event.instant : undefined;
    const group = `${event.type}\u0000${instant ?? event.t}`;
    groups.set(group, [...(groups.get(group) ?? []), i]);
  });
  for (const positions of groups.values()) {
    for (const side of [simKeys, recKeys]) {
      if (positions.some((i) => i >= side.length)) continue;
      const sorted = positions.map((i) => side[i]!).sort();
      positions.forEach((i, k) => (side[i] = sorted[k]!));
    }
  }
}

function firstDifference(sim: string[], rec: string[], thread?: string): TraceDifference | undefined {
  const length = Math.max(sim.length, rec.length);
  for (let i = 0; i < length; i++) {
    if (sim[i] === rec[i]) continue;
    return { ...(thread === undefined ? {} : { thread }), index: i, before: sim.slice(Math.max(0, i - 3), i), simulation: sim[i], recorder: rec[i] };
  }
  return undefined;
}

/**
 * What only the simulation can say, which a recording never has: its notes, the done callbacks a
 * pending future holds (CPython's C futures add them where no tracer sees; their text is CPython's
 * `cb=[...]`, which a program's printed reprs show), and that a process waiting at exit for a
 * thread that never ends hangs (a recording just stops at the horizon).
 */
function comparable(events: readonly TraceEvent[]): TraceEvent[] {
  return events.filter((event) => event.type !== 'note' && event.type !== 'future_callbacks' && !(event.type === 'shutdown' && event.phase === 'hang'));
}

/**
 * One thread's events without its loop's iterations and selector waits: in real time, how many
 * iterations a loop takes, and whether a wait ends on its timeout or on another thread's
 * call_soon_threadsafe, depend on when the other threads' writes arrive (a race, each time).
 */
function withoutWaits(events: readonly TraceEvent[]): TraceEvent[] {
  let inSelect = false;
  return events.filter((event) => {
    if (event.type === 'loop_iteration' || event.type === 'select_wait' || event.type === 'select_woke') return false;
    if (event.type === 'thread_blocked' && event.on === 'select') return !(inSelect = true);
    if (event.type === 'thread_woke' && inSelect) return (inSelect = false);
    return true;
  });
}

/** The first difference of each compared sequence (the whole trace, or each thread's); empty when they agree. */
export function compareTraces(simulationEvents: readonly TraceEvent[], recorderEvents: readonly TraceEvent[], options: CompareOptions): TraceDifference[] {
  const simulation = comparable(simulationEvents);
  const recorder = comparable(recorderEvents);
  if (!options.realTime) {
    const simKeys = keys(simulation, options);
    const recKeys = keys(recorder, options);
    unrace(simulation, simKeys, recKeys);
    const difference = firstDifference(simKeys, recKeys);
    return difference ? [difference] : [];
  }
  const threads = [...new Set([...simulation, ...recorder].map((event) => event.thread))];
  return threads.flatMap((thread) => {
    const difference = firstDifference(
      keys(withoutWaits(simulation.filter((e) => e.thread === thread)), options),
      keys(withoutWaits(recorder.filter((e) => e.thread === thread)), options),
      thread,
    );
    return difference ? [difference] : [];
  });
}

/** The differences as a reader reads them: where, what both sides did just before, and each side's event. */
export function describeDifferences(differences: readonly TraceDifference[]): string {
  return differences
    .map((d) => {
      const where = d.thread === undefined ? `event ${d.index + 1}` : `thread ${d.thread}, its event ${d.index + 1}`;
      const lines = [`  at ${where}:`];
      for (const line of d.before) lines.push(`      both:       ${line}`);
      lines.push(`    - simulation: ${d.simulation ?? '(the trace ends here)'}`);
      lines.push(`    + recorder:   ${d.recorder ?? '(the trace ends here)'}`);
      return lines.join('\n');
    })
    .join('\n');
}
