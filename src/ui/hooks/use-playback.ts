// Drives playback: schedules the next step when it is due (simulated time × speed, each step
// shown at least a moment), and refreshes the header's clock while simulated time flows between
// events (a 6-second select() wait visibly takes 6 seconds at 1×).
import { useEffect, useRef, useState } from 'react';
import { type Lab, nextTickIn } from '../controller.js';

/** Milliseconds between clock refreshes while playing. */
const CLOCK_MS = 100;

/** Calls `tick` whenever the next step is due; returns the wall time (ms) to draw the clock at. */
export function usePlayback(lab: Lab, tick: () => void, now: () => number = () => performance.now()): number {
  const shownAt = useRef(now());
  const [clock, setClock] = useState(now);
  useEffect(() => {
    shownAt.current = now();
  }, [lab.step, lab.replay]);
  useEffect(() => {
    const delay = nextTickIn(lab, now(), shownAt.current);
    if (!Number.isFinite(delay)) return;
    const timer = setTimeout(tick, delay);
    return () => clearTimeout(timer);
  }, [lab.step, lab.replay, lab.size, lab.playing, lab.speed]);
  useEffect(() => {
    if (!lab.playing) return;
    const timer = setInterval(() => setClock(now()), CLOCK_MS);
    return () => clearInterval(timer);
  }, [lab.playing]);
  return lab.playing ? Math.max(clock, shownAt.current) : now();
}
