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
// A Playhead (src/playback/pacing.ts, which reads, holds, runs and re-speeds it) carries the anchor:
// its `simAt` is the time of the step shown and its `wallAt` the wall moment the clock starts
// running from there, one beat after the step was shown. Everything here is a pure function of the
// wall clock passed in.
import { wallDelayUntil, type Playhead } from '../playback/index.js';

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

/**
 * Wall milliseconds from `now` until the clock reaches `t` (the next step's time): the beat, then
 * the wait at speed; never, while paused.
 */
export function msUntil(playhead: Playhead, now: number, t: number): number {
  return playhead.paused ? Number.POSITIVE_INFINITY : wallDelayUntil(playhead, now, t);
}
