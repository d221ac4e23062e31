// The learner level: its steps (fold.ts) and what each says (words.ts), read off a Replay.
import type { Replay } from '../state/replay.js';
import { type StepWords, stepWords } from './words.js';

export { LearnerFold, learnerSteps, type StepRange } from './fold.js';
export { type Change, type StepWords, stepText, stepWords, type Words } from './words.js';

/** The words of step `s` of a learner-level replay (undefined at the exact level or before any step). */
export function wordsAt(replay: Replay, s: number): StepWords | undefined {
  if (replay.level !== 'learner') return undefined;
  const range = replay.stepRange(s);
  return range === undefined ? undefined : stepWords((i) => replay.event(i)!, range, replay.stateAfter(range.first));
}
