// How the lab plays a trace against the wall clock: two rates, kept apart so the header's clock
// never lies.
//
//   * Where simulated time passes (a select() that sleeps, time.sleep, a blocking get), the clock
//     runs at `speed` simulated seconds per wall second: at 1× a 4.5-second wait takes 4.5 s.
//   * A step happens at one instant (its clock reads differ by ticks of a microsecond, which do not
//     separate instants): while it is on screen the clock stands still, for one beat of the step
//     rate, STEP_RATE steps per wall second × speed. A burst of steps at one instant is read at
//     that rate; the clock shows the instant they share.
//
// So the wall time of a run played at speed s is (its simulated time + steps ÷ STEP_RATE) ÷ s, and
// at any moment the header shows the simulated time of what is on screen.
//
// A Playhead (src/playback/pacing.ts) carries the anchor: its `simAt` is the time of the step shown
// and its `wallAt` the wall moment the clock starts running from there, one beat after the step
// was shown. Everything here is a pure function of the wall clock passed in.
import type { Playhead } from '../playback/index.js';

/** Steps per wall second at 1× while events follow each other at one instant (× speed). */
export const STEP_RATE = 5;

/** Wall milliseconds each step stands on screen, the clock still, at `speed`. */
export function beatMs(speed: number): number {
  return 1000 / (STEP_RATE * speed);
}

/** The playhead for a step at simulated time `t` shown at wall time `now`: the clock stands for one beat if it is running. */
export function showStep(playhead: Playhead, now: number, t: number): Playhead {
  return { ...playhead, simAt: t, wallAt: playhead.paused ? now : now + beatMs(playhead.speed) };
}

/** The simulated time the playhead shows at wall time `now`: still during the beat, then running at its speed. */
export function clockAt(playhead: Playhead, now: number): number {
  if (playhead.paused || now <= playhead.wallAt) return playhead.simAt;
  return playhead.simAt + ((now - playhead.wallAt) / 1000) * playhead.speed;
}

/** Freezes the clock where it stands at `now`. */
export function holdClock(playhead: Playhead, now: number): Playhead {
  if (playhead.paused) return playhead;
  return { ...playhead, simAt: clockAt(playhead, now), wallAt: now, paused: true };
}

/** Lets the clock run again from `now` (no beat: the step was on screen while paused). */
export function runClock(playhead: Playhead, now: number): Playhead {
  if (!playhead.paused) return playhead;
  return { ...playhead, wallAt: now, paused: false };
}

/** A new speed without a jump: the time shown stays, and what remains of a beat is rescaled. */
export function changeSpeed(playhead: Playhead, now: number, speed: number): Playhead {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);
  if (!playhead.paused && now < playhead.wallAt) return { ...playhead, speed, wallAt: now + ((playhead.wallAt - now) * playhead.speed) / speed };
  return { ...playhead, simAt: clockAt(playhead, now), wallAt: now, speed };
}

/** Wall milliseconds from `now` until the clock reaches `t` (the next step's time): the beat, then the wait at speed. */
export function msUntil(playhead: Playhead, now: number, t: number): number {
  if (playhead.paused) return Number.POSITIVE_INFINITY;
  const start = Math.max(now, playhead.wallAt);
  const ahead = Math.max(0, t - clockAt(playhead, start));
  return start - now + (ahead / playhead.speed) * 1000;
}
