// Which lesson note explains a step. A note is an annotation, not a step of its own: it belongs to
// the step it sits next to. Notes emitted just before a step's event (since the previous step)
// explain that step; failing that, notes right after it (before the next step) do.
import type { Replay } from './replay.js';

export function noteFor(replay: Replay, step: number): { zh: string; en: string } | undefined {
  const at = replay.stops[step];
  if (at === undefined) return undefined;
  const from = step > 0 ? replay.stops[step - 1]! + 1 : 0;
  const to = replay.stops[step + 1] ?? replay.events.length;
  let found: { zh: string; en: string } | undefined;
  for (let i = from; i < at; i++) {
    const e = replay.events[i]!;
    if (e.type === 'note') found = { zh: e.zh, en: e.en };
  }
  if (found) return found;
  for (let i = at + 1; i < to; i++) {
    const e = replay.events[i]!;
    if (e.type === 'note') return { zh: e.zh, en: e.en };
  }
  return undefined;
}
