// Playback helpers shared by the Ink UI and the paced plain view: pacing a trace against the wall
// clock, and Ctrl+C by deterministic re-simulation.
export {
  type Playhead,
  startPlayhead,
  simTimeAt,
  pause,
  resume,
  setSpeed,
  seek,
  dueCount,
  dueCountAt,
  wallDelayUntil,
} from './pacing.js';
export { type Runnable, type Reinterrupted, withInterrupt, interruptAt, divergenceIndex, sameEvent } from './interrupt.js';
