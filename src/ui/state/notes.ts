// Which lesson note explains a step. A note is an annotation, not a step of its own: the lessons
// emit it right after what it explains ("what just happened"), so a step's note is one emitted
// after the step's event and before the next step. Notes before the first step explain the first.
import type { Replay } from './replay.js';

export function noteFor(replay: Replay, step: number): { zh: string; en: string } | undefined {
  const at = replay.stops[step];
  if (at === undefined) return undefined;
  const from = step === 0 ? 0 : at + 1;
  const to = replay.stops[step + 1] ?? replay.events.length;
  let found: { zh: string; en: string } | undefined;
  for (let i = from; i < to; i++) {
    const e = replay.events[i]!;
    if (e.type === 'note') found ??= { zh: e.zh, en: e.en };
  }
  return found;
}
