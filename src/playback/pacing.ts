// Real-time playback of a recorded trace: which events are due at a given wall-clock moment.
//
// A run is simulated to completion in virtual time (microseconds of work); watching it in "real
// time" is a view concern. A Playhead maps wall-clock milliseconds to simulated seconds:
//
//   simulated = simAt + (wallMs - wallAt) / 1000 * speed      (frozen at simAt while paused)
//
// Everything here is pure: callers pass the wall clock in, so the UI, the paced plain view and
// the tests share one definition of "due".
import type { TraceEvent } from '../runtime/trace.js';

/** Where playback stands: an anchor (simulated time at a wall-clock moment) plus speed and pause. */
export interface Playhead {
  /** Simulated seconds at the anchor. */
  readonly simAt: number;
  /** Wall-clock milliseconds at the anchor (any monotonic origin, e.g. performance.now()). */
  readonly wallAt: number;
  /** Simulated seconds per wall-clock second (1 = real time). Always positive. */
  readonly speed: number;
  readonly paused: boolean;
}

/** A playhead at simulated time `simStart`, anchored at wall time `wallMs`. */
export function startPlayhead(simStart: number, wallMs: number, speed = 1, paused = false): Playhead {
  assertSpeed(speed);
  return { simAt: simStart, wallAt: wallMs, speed, paused };
}

/**
 * The simulated time the playhead shows at wall time `wallMs`. An anchor ahead of `wallMs` is a
 * clock that stands still until then (the lab's beat for a step, src/ui/step-pacing.ts).
 */
export function simTimeAt(playhead: Playhead, wallMs: number): number {
  if (playhead.paused || wallMs <= playhead.wallAt) return playhead.simAt;
  return playhead.simAt + ((wallMs - playhead.wallAt) / 1000) * playhead.speed;
}

/** Freezes the playhead where it stands at `wallMs`. */
export function pause(playhead: Playhead, wallMs: number): Playhead {
  if (playhead.paused) return playhead;
  return { ...playhead, simAt: simTimeAt(playhead, wallMs), wallAt: wallMs, paused: true };
}

/** Lets simulated time flow again from where it was frozen. */
export function resume(playhead: Playhead, wallMs: number): Playhead {
  if (!playhead.paused) return playhead;
  return { ...playhead, wallAt: wallMs, paused: false };
}

/** Changes speed without a jump: the simulated time at `wallMs` stays the same, and what remains of a standing clock is rescaled. */
export function setSpeed(playhead: Playhead, wallMs: number, speed: number): Playhead {
  assertSpeed(speed);
  if (!playhead.paused && wallMs < playhead.wallAt) return { ...playhead, speed, wallAt: wallMs + ((playhead.wallAt - wallMs) * playhead.speed) / speed };
  return { ...playhead, simAt: simTimeAt(playhead, wallMs), wallAt: wallMs, speed };
}

/** Jumps to simulated time `simTime` (stepping, rewinding), keeping speed and pause state. */
export function seek(playhead: Playhead, wallMs: number, simTime: number): Playhead {
  return { ...playhead, simAt: simTime, wallAt: wallMs };
}

/**
 * How many events have happened by simulated time `simTime`: the index of the first event not yet
 * due. Trace events are in non-decreasing `t` (the clock never goes back), so this is a binary
 * search; events that share an instant become due together.
 */
export function dueCount(events: readonly Pick<TraceEvent, 't'>[], simTime: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.t <= simTime) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many events are due at wall time `wallMs` under `playhead`. */
export function dueCountAt(events: readonly Pick<TraceEvent, 't'>[], playhead: Playhead, wallMs: number): number {
  return dueCount(events, simTimeAt(playhead, wallMs));
}

/**
 * Wall-clock milliseconds from `wallMs` until the playhead reaches simulated time `simTime` and
 * its clock runs: 0 when it already has, Infinity while paused short of it. A paced view sleeps this long before
 * showing the next event.
 */
export function wallDelayUntil(playhead: Playhead, wallMs: number, simTime: number): number {
  const now = simTimeAt(playhead, wallMs);
  if (playhead.paused) return simTime <= now ? 0 : Infinity;
  // A standing clock first waits out its stand (even for what is already due), then runs at speed.
  const stand = Math.max(0, playhead.wallAt - wallMs);
  return stand + (Math.max(0, simTime - now) / playhead.speed) * 1000;
}

function assertSpeed(speed: number): void {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);
}
