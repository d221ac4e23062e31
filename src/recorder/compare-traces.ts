// Compares a recorded trace (real CPython, src/recorder/) with the simulation's trace of the same
// program, event by event, as `asyncio-lab verify` does. Equal means equal up to what cannot be the
// same on two engines (trace-keys.ts: object ids, addresses, idents, sets' order, paths), and:
//   * races: lines the simulation marks as ordered by chance (threads printing at once, a set's
//     hash order) may come in any order among the lines of their group;
//   * the lesson's notes, which only the simulation attaches.
// In real time (thread lessons on a local interpreter) each thread is compared on its own
// (compare-threads.ts).
import type { TraceEvent } from '../runtime/trace.js';
import { callbacksAtCheckpoints } from './callbacks-at-checkpoints.js';
import { compareThread } from './compare-threads.js';
import { eventKeys, type KeyOptions } from './trace-keys.js';

/** Real-time run: compare per thread, in order, without times, up to races. */
export type CompareOptions = KeyOptions;

/** The first place two traces part, with a little of what came before. */
export interface TraceDifference {
  /** The thread whose events differ (real time), or undefined when the whole trace is compared. */
  thread?: string;
  /** Index of the first differing event in the compared sequence. */
  index: number;
  /** The stretch [from, to) of racing events (compared in any order) that differs, in real time. */
  race?: { from: number; to: number };
  /** The events before it (or before the race), which both sides share (as compared). */
  before: string[];
  /** The simulation's event there (in a race: one the recorder's stretch lacks). */
  simulation: string | undefined;
  /** The recorder's event there (in a race: one the simulation's stretch lacks). */
  recorder: string | undefined;
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

function firstDifference(sim: string[], rec: string[]): TraceDifference | undefined {
  const length = Math.max(sim.length, rec.length);
  for (let i = 0; i < length; i++) {
    if (sim[i] === rec[i]) continue;
    return { index: i, before: sim.slice(Math.max(0, i - 3), i), simulation: sim[i], recorder: rec[i] };
  }
  return undefined;
}

/**
 * What both sides can say. Left out: what only the simulation can say, which a recording never has
 * (its notes, and that a process waiting at exit for a thread that never ends hangs: a recording
 * just stops at the horizon). The done callbacks a pending future holds are compared as the recorder
 * reads them, at its checkpoints (callbacks-at-checkpoints.ts); in real time not at all: each thread
 * is compared on its own, and the checkpoint after a callback's change may be another thread's.
 */
function comparable(events: readonly TraceEvent[], realTime: boolean): TraceEvent[] {
  const kept = events.filter((event) => event.type !== 'note' && !(event.type === 'shutdown' && event.phase === 'hang') && !(realTime && event.type === 'future_callbacks'));
  return realTime ? kept : callbacksAtCheckpoints(kept);
}

/** The first difference of each compared sequence (the whole trace, or each thread's); empty when they agree. */
export function compareTraces(simulationEvents: readonly TraceEvent[], recorderEvents: readonly TraceEvent[], options: CompareOptions): TraceDifference[] {
  const simulation = comparable(simulationEvents, options.realTime);
  const recorder = comparable(recorderEvents, options.realTime);
  if (!options.realTime) {
    const simKeys = eventKeys(simulation, options);
    const recKeys = eventKeys(recorder, options);
    unrace(simulation, simKeys, recKeys);
    const difference = firstDifference(simKeys, recKeys);
    return difference ? [difference] : [];
  }
  const threads = [...new Set([...simulation, ...recorder].map((event) => event.thread))];
  return threads.flatMap((thread) => {
    const difference = compareThread(simulation.filter((e) => e.thread === thread), recorder.filter((e) => e.thread === thread), options, thread);
    return difference ? [difference] : [];
  });
}

/** The differences as a reader reads them: where, what both sides did just before, and each side's event. */
export function describeDifferences(differences: readonly TraceDifference[]): string {
  return differences
    .map((d) => {
      const where = d.thread === undefined ? `event ${d.index + 1}` : `thread ${d.thread}, its event ${d.index + 1}`;
      const race = d.race === undefined ? '' : ` (in a race, its events ${d.race.from + 1} to ${d.race.to}, compared in any order)`;
      const lines = [`  at ${where}${race}:`];
      for (const line of d.before) lines.push(`      both:       ${line}`);
      const none = d.race === undefined ? '(the trace ends here)' : '(nothing the other side lacks)';
      lines.push(`    - simulation: ${d.simulation ?? none}`);
      lines.push(`    + recorder:   ${d.recorder ?? none}`);
      return lines.join('\n');
    })
    .join('\n');
}
