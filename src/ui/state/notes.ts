// Which lesson note explains a step. A note is an annotation, not a step of its own; like a `line`
// event it comes just before what it explains, so a step's note is one emitted since the previous
// step. Notes after the last step explain the last step.
import type { Replay } from './replay.js';

export function noteFor(replay: Replay, step: number): { zh: string; en: string } | undefined {
  const at = replay.stops[step];
  if (at === undefined) return undefined;
  const from = step > 0 ? replay.stops[step - 1]! + 1 : 0;
  const to = step === replay.stops.length - 1 ? replay.events.length : at + 1;
  let found: { zh: string; en: string } | undefined;
  for (let i = from; i < to; i++) {
    const e = replay.events[i]!;
    if (e.type === 'note') found ??= { zh: e.zh, en: e.en };
  }
  return found;
}
