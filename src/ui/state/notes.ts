// Which lesson notes explain a step. A note is not a step of its own: it is placed right after the
// event it explains (src/scenarios/notes.ts), and shows at the step that first shows that event:
// the event's own step when it is a step, else the next step (a `line` event is seen when the next
// step is drawn). Notes explaining events before the first step show at the first.
import type { Replay } from './replay.js';

export function noteFor(replay: Replay, step: number): { zh: string; en: string } | undefined {
  const at = replay.stopIndex(step);
  if (at === undefined) return undefined;
  // The window's first step: notes before it are gone with the events (only the run's first step has none).
  const previous = step === 0 ? -1 : (replay.stopIndex(step - 1) ?? replay.first - 1);
  const last = step === replay.length - 1;
  const to = last ? replay.total : replay.stopIndex(step + 1)!;
  const found: { zh: string; en: string }[] = [];
  // The event a note explains is the last event before it that is not a note.
  let explained = step === 0 ? 0 : previous;
  for (let i = previous + 1; i < to; i++) {
    const e = replay.event(i)!;
    if (e.type !== 'note') explained = i;
    else if (explained > previous && (explained <= at || last)) found.push({ zh: e.zh, en: e.en });
  }
  if (found.length === 0) return undefined;
  return { zh: found.map((n) => n.zh).join(' '), en: found.map((n) => n.en).join(' ') };
}
