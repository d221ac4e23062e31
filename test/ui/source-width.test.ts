// The source panel's width is decided from the whole program and the terminal's size, never from
// what the current step crowds into the other column: stepping a lesson at 120×36, 80×24 and 60×18
// (at both levels, in both languages), the rule between the source and the loop & futures column never moves.
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import type { Lang, Lesson } from '../../src/scenarios/types.js';
import type { Line } from '../../src/ui/components/Lines.js';
import { screenLines } from '../../src/ui/components/Screen.js';
import { createLab, update } from '../../src/ui/controller.js';
import { cells } from '../../src/ui/format.js';
import { wordsAt } from '../../src/ui/learner/index.js';
import { programOf } from '../../src/ui/program.js';
import { noteFor } from '../../src/ui/state/notes.js';
import type { Level } from '../../src/ui/state/replay.js';

const SIZES = [
  [120, 36],
  [80, 24],
  [60, 18],
] as const;

/** Cells left of the panels' rule on the row under the header (the source panel's width); the width when stacked. */
function sourceWidth(lines: readonly Line[], width: number): number {
  const row = lines[1] ?? [];
  let used = 0;
  for (const seg of row) {
    if (seg.text === '│') return used;
    used += cells(seg.text);
  }
  return width;
}

/** The source panel's width at every step of `lesson` at `level`, each step's width once. */
function widths(lesson: Lesson, lang: Lang, width: number, height: number, level: Level): Map<number, number> {
  const program = programOf(lesson, undefined, lang);
  let lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil }, speed: 1, instant: false, startPaused: true, level }, 0);
  const seen = new Map<number, number>();
  for (let step = 0; step < lab.replay.length; step++) {
    const state = lab.replay.stateAt(step);
    const words = wordsAt(lab.replay, step);
    const lines = screenLines({
      width, height, lang, id: program.id, title: program.title, source: program.source(false, lang), state, event: lab.replay.eventAt(step),
      ...(words ? { words } : {}), level, note: noteFor(lab.replay, step), t: state.t, step, steps: lab.replay.length,
      endTime: lab.replay.endTime, totalEvents: lab.replay.total, playing: false, speed: 1, canToggle: true, help: false,
      ...(program.panels ? { panels: program.panels } : {}),
    });
    const w = sourceWidth(lines ?? [], width);
    if (!seen.has(w)) seen.set(w, step);
    if (step < lab.replay.length - 1) lab = update(lab, { type: 'step' }, 0);
  }
  return seen;
}

describe('the source panel\'s width', () => {
  describe.each(SIZES)('at %i×%i', (width, height) => {
    it.each(lessons.map((l) => [l.id, l] as const))('%s: the same at every step', (_id, lesson) => {
      for (const lang of ['en', 'zh'] as const) for (const level of ['exact', 'learner'] as const) {
        const seen = widths(lesson, lang, width, height, level);
        // Each width the panel took after its first, with the first step it took it at.
        expect([...seen].slice(1).map(([w, step]) => `${w} cells from step ${step}`), `${lang}, ${level}: first ${[...seen.keys()][0]} cells`).toEqual([]);
      }
    });
  });
});
