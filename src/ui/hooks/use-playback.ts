// Drives playback: schedules the next step when it is due (step-pacing.ts: one beat of the step
// rate at the step's instant, then simulated time × speed until the next), and refreshes the
// header's clock while simulated time flows (a 6-second select() wait visibly takes 6 seconds at 1×).
import { useEffect, useState } from 'react';
import { type Lab, nextTickIn } from '../controller.js';

/** Milliseconds between clock refreshes while playing. */
const CLOCK_MS = 100;

/** Calls `tick` whenever the next step is due; returns the wall time (ms) to draw the clock at. */
export function usePlayback(lab: Lab, tick: () => void, now: () => number = () => performance.now()): number {
  // Only to draw again while the clock runs: the frame reads the wall clock itself.
  const [, setClock] = useState(now);
  useEffect(() => {
    const delay = nextTickIn(lab, now());
    if (!Number.isFinite(delay)) return;
    const timer = setTimeout(tick, delay);
    return () => clearTimeout(timer);
  }, [lab.step, lab.replay, lab.size, lab.playing, lab.speed, lab.playhead]);
  useEffect(() => {
    if (!lab.playing) return;
    const timer = setInterval(() => setClock(now()), CLOCK_MS);
    return () => clearInterval(timer);
  }, [lab.playing]);
  return now();
}
