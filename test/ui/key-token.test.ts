// Every lesson's key token (`keyToken` in its lesson.ts: the piece of code or the panel's words the
// lesson is about) at 120×36, 80×24 and 60×18, in both languages: stepping through the whole lesson
// at both levels, some step's screen (the card it opens on and the ? pages left out) shows it
// whole (wrapped across rows or scrolled into view is fine: at the exact level the source pointer
// passes every line the program runs), and no screen shows it cut
// (a prefix of it ending in "…").
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import type { Lang, Lesson } from '../../src/scenarios/types.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { type ScreenProps, helpMaxScroll, screenLines } from '../../src/ui/components/Screen.js';
import { watchSection } from '../../src/ui/learner/watch.js';
import { DEFAULT_PYTHON_VERSION } from '../../src/runtime/python-version.js';
import { createLab, update } from '../../src/ui/controller.js';
import { wordsAt } from '../../src/ui/learner/index.js';
import { programOf } from '../../src/ui/program.js';
import { noteFor } from '../../src/ui/state/notes.js';
import type { Level } from '../../src/ui/state/replay.js';

const SIZES = [
  [120, 36],
  [80, 24],
  [60, 18],
] as const;

/**
 * Every screen of the lesson at `level`, as rows of text: the card it opens on (What to watch),
 * every step, and the last step with the ? overlay over it (scrolled to each of its pages).
 */
function* screens(lesson: Lesson, lang: Lang, width: number, height: number, level: Level, interrupts: number[]): Generator<{ step: number; rows: string[]; kind: 'card' | 'step' | 'help' }> {
  const program = programOf(lesson, undefined, lang);
  let lab = createLab({ program, options: { asWritten: false, debug: false, interrupts, until: lesson.defaultUntil }, speed: 1, instant: false, startPaused: true, level }, 0);
  const intro = program.intro(false, lang, DEFAULT_PYTHON_VERSION);
  const props = (extra: Partial<ScreenProps>): ScreenProps => {
    const state = lab.replay.stateAt(lab.step);
    const words = wordsAt(lab.replay, lab.step);
    return {
      width, height, lang, id: program.id, title: program.title, source: program.source(false, lang), state, event: lab.replay.eventAt(lab.step),
      ...(words ? { words } : {}), level, note: noteFor(lab.replay, lab.step), t: state.t, step: lab.step, steps: lab.replay.length,
      endTime: lab.replay.endTime, totalEvents: lab.replay.total, playing: false, speed: 1, canToggle: true, help: false, intro,
      ...(program.panels ? { panels: program.panels } : {}), ...extra,
    };
  };
  const rows = (p: ScreenProps) => (screenLines(p) ?? []).map(lineText);
  yield { step: -1, rows: rows(props({ watch: watchSection(intro) })), kind: 'card' };
  for (let step = 0; step < lab.replay.length; step++) {
    yield { step, rows: rows(props({})), kind: 'step' };
    if (step < lab.replay.length - 1) lab = update(lab, { type: 'step' }, 0);
  }
  const max = helpMaxScroll(props({}));
  for (let scroll = 0; scroll <= max; scroll += Math.max(1, height - 12)) yield { step: lab.replay.length, rows: rows(props({ help: true, helpScroll: scroll })), kind: 'help' };
}

/**
 * Whether `token` reads whole in one of the screen's columns: the rows left of the panels' rule,
 * right of it, and across the screen, each read top to bottom with blanks (a wrapped row's indent) left out.
 */
function shownWhole(rows: readonly string[], token: string): boolean {
  const columns: Record<'left' | 'right' | 'across', string> = { left: '', right: '', across: '' };
  for (const row of rows) {
    const rule = row.indexOf('│');
    if (rule < 0) columns.across += row;
    else {
      columns.left += row.slice(0, rule);
      columns.right += row.slice(rule + 1);
    }
  }
  const squeezed = token.replace(/\s+/g, '');
  return Object.values(columns).some((text) => text.replace(/\s+/g, '').includes(squeezed));
}

/** The row that shows `token` cut: a prefix of it (6 characters or more) followed by an ellipsis. */
function cutRow(rows: readonly string[], token: string): string | undefined {
  return rows.find((row) => {
    for (let k = 6; k < token.length; k++) if (row.includes(`${token.slice(0, k)}…`)) return true;
    return false;
  });
}

describe('the key token of every lesson', () => {
  it('is defined by every lesson', () => {
    for (const lesson of lessons) expect(lesson.keyToken, lesson.id).toMatch(/\S{6,}/);
  });

  const cases = lessons.flatMap((lesson) => (['en', 'zh'] as const).flatMap((lang) => SIZES.map(([w, h]) => [`${lesson.id} ${lang} ${w}×${h}`, lesson, lang, w, h] as const)));
  it.each(cases)('%s: shown whole on some step (not only by the card or the ? pages), cut at none', (_name, lesson, lang, width, height) => {
    const token = lesson.keyToken!;
    let whole: string | undefined;
    // The run on its own, and with a Ctrl+C at the lesson's first documented moment (the
    // handler of stop wait, stop nested and threads daemon runs only then).
    const runs = [[], ...lesson.interrupts.slice(0, 1).map((m) => [m.at])];
    for (const interrupts of runs) {
      for (const level of ['learner', 'exact'] as const) {
        for (const { step, rows, kind } of screens(lesson, lang, width, height, level, interrupts)) {
          const cut = cutRow(rows, token);
          expect(cut, `${level} step ${step + 1}, Ctrl+C at ${interrupts}: ${token} cut\n${rows.join('\n')}`).toBeUndefined();
          if (whole === undefined && kind === 'step' && shownWhole(rows, token)) whole = `${level} ${step}`;
        }
      }
    }
    expect(whole, `${token} never shown whole`).toBeDefined();
  });
});
