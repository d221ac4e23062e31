// A real-time recording (a thread lesson on a local interpreter) against the simulation: the threads'
// interleaving and every time are the machine's, so each thread's events are compared on their own,
// in order, without times (trace-keys.ts), and up to the races the simulation marks: a stretch of a
// thread's events marked `race` (what real Python may order differently against another thread: two
// threads printing at once, a call_soon_threadsafe landing before or after a due timer) must hold
// the same events on both sides, in any order.
import type { TraceEvent } from '../runtime/trace.js';
import { eventKeys, type KeyOptions } from './trace-keys.js';
import type { TraceDifference } from './compare-traces.js';

/**
 * A thread's events without its waits on other threads: in real time, how many iterations a loop
 * takes, whether a selector wait ends on its timeout or on another thread's call_soon_threadsafe,
 * and whether a q.get(), a join() or a future's result() has to wait at all, depend on when the other
 * threads act. Only time.sleep() is the thread's own wait, and stays.
 */
function withoutWaitsOnOthers(events: readonly TraceEvent[]): TraceEvent[] {
  let waiting = false;
  return events.filter((event) => {
    if (event.type === 'loop_iteration' || event.type === 'select_wait' || event.type === 'select_woke') return false;
    if (event.type === 'thread_blocked' && !event.on.startsWith('time.sleep(')) return !(waiting = true);
    if (event.type === 'thread_woke' && waiting) return (waiting = false);
    return true;
  });
}

/** Keys that one side has and the other has not, counted (a multiset difference). */
function unmatched(keys: readonly string[], others: readonly string[]): number[] {
  const left = new Map<string, number>();
  for (const key of others) left.set(key, (left.get(key) ?? 0) + 1);
  const positions: number[] = [];
  keys.forEach((key, i) => {
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    else positions.push(i);
  });
  return positions;
}

/** The first place one thread's events part on the two sides, or undefined. */
export function compareThread(simulationEvents: readonly TraceEvent[], recorderEvents: readonly TraceEvent[], options: KeyOptions, thread: string): TraceDifference | undefined {
  const simulation = withoutWaitsOnOthers(simulationEvents);
  const recorder = withoutWaitsOnOthers(recorderEvents);
  // The recorder's side has no race marks: its event i is in a race when the simulation's is.
  const inRace = (i: number) => simulation[i]?.race === true;
  const sim = eventKeys(simulation, { ...options, realTime: true }, inRace);
  const rec = eventKeys(recorder, { ...options, realTime: true }, inRace);
  const before = (i: number) => sim.slice(Math.max(0, i - 3), i);
  const length = Math.max(sim.length, rec.length);
  for (let i = 0; i < length; ) {
    if (!inRace(i)) {
      if (sim[i] !== rec[i]) return { thread, index: i, before: before(i), simulation: sim[i], recorder: rec[i] };
      i += 1;
      continue;
    }
    let end = i;
    while (inRace(end)) end += 1;
    const simStretch = sim.slice(i, end);
    const recStretch = rec.slice(i, end);
    const missing = unmatched(simStretch, recStretch);
    const extra = unmatched(recStretch, simStretch);
    if (missing.length > 0 || extra.length > 0) {
      const at = i + (missing[0] ?? extra[0] ?? 0);
      return { thread, index: at, race: { from: i, to: end }, before: before(i), simulation: missing.length > 0 ? simStretch[missing[0]!] : undefined, recorder: extra.length > 0 ? recStretch[extra[0]!] : undefined };
    }
    i = end;
  }
  return undefined;
}
