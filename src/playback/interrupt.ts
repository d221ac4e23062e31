// Ctrl+C by re-simulation. A run is deterministic, so "press Ctrl+C now" is: run the same program
// again with one more interrupt at the current simulated time. Everything before that instant
// replays identically; the new trace diverges from the old one at (or after) the interrupt.
// The UI and the paced plain view both use this to continue drawing from the divergence point.
import type { TraceEvent } from '../runtime/trace.js';
import type { RunOptions, RunResult } from '../scenarios/types.js';

/** Anything that runs a program on the simulated process: a Lesson or a LessonVariant. */
export interface Runnable {
  run(options: RunOptions): RunResult;
  /** Runs on the wall clock (a recorded program with threads): two runs differ, even before a Ctrl+C. */
  readonly realTime?: boolean;
}

export interface Reinterrupted {
  /** The options of the new run: the old ones with `t` added to `interrupts`. */
  options: RunOptions;
  result: RunResult;
  /**
   * Index of the first event where the new trace differs from the previous one (equal to the
   * shorter length when one is a prefix of the other). Events before it need not be redrawn.
   */
  divergence: number;
}

/** `options` with a Ctrl+C at simulated time `t` added (interrupts kept sorted). */
export function withInterrupt(options: RunOptions, t: number): RunOptions {
  if (!(t >= 0) || !Number.isFinite(t)) throw new RangeError(`interrupt time must be a non-negative number, got ${t}`);
  const interrupts = [...options.interrupts, t].sort((a, b) => a - b);
  return { ...options, interrupts };
}

/**
 * Re-runs `runnable` with Ctrl+C at simulated time `t` added to `options.interrupts`.
 * `previous` is the result of running it with `options` (computed here when not given).
 * Throws if the new trace differs from `previous` before `t`: that would mean the simulation is
 * not deterministic, and splicing the two traces would show something that never happened.
 */
export function interruptAt(runnable: Runnable, options: RunOptions, t: number, previous?: RunResult): Reinterrupted {
  const before = previous ?? runnable.run(options);
  const next = withInterrupt(options, t);
  const result = runnable.run(next);
  const divergence = divergenceIndex(before.events, result.events);
  // Every event strictly before t happened before the clock reached t, so it must replay as is.
  const mustMatch = countBefore(before.events, t);
  if (!runnable.realTime && divergence < Math.min(mustMatch, result.events.length)) {
    const at = before.events[divergence];
    throw new Error(
      `re-simulation with Ctrl+C at ${t} s diverged earlier, at event ${divergence} (t=${at?.t}, ${at?.type}): the run is not deterministic`,
    );
  }
  return { options: next, result, divergence };
}

/** Index of the first position where the two traces differ. */
export function divergenceIndex(a: readonly TraceEvent[], b: readonly TraceEvent[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!sameEvent(a[i]!, b[i]!)) return i;
  return n;
}

/** Events are flat records of primitives (strings, numbers, booleans, null), so a shallow comparison is exact. */
export function sameEvent(a: TraceEvent, b: TraceEvent): boolean {
  if (a === b) return true;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const key of keys) if (!Object.is(ra[key], rb[key])) return false;
  return true;
}

function countBefore(events: readonly TraceEvent[], t: number): number {
  let n = 0;
  while (n < events.length && events[n]!.t < t) n++;
  return n;
}
