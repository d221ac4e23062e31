// The ? overlay and the "What to watch" card in Chinese at 80×24 and 60×18, for every lesson: every
// row within the width, wrapped by display width with kinsoku (no row starts with closing
// punctuation, none ends with an opening one), and nothing cut: the rows read, without their
// blanks, exactly as the text they wrap.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PYTHON_VERSION } from '../../src/runtime/python-version.js';
import { lessons } from '../../src/scenarios/index.js';
import { type Line, lineText } from '../../src/ui/components/Lines.js';
import { helpMaxScroll, type ScreenProps, screenLines } from '../../src/ui/components/Screen.js';
import { createLab } from '../../src/ui/controller.js';
import { cells } from '../../src/ui/format.js';
import { watchLines, watchSection } from '../../src/ui/learner/watch.js';
import { helpLines } from '../../src/ui/panels/help.js';
import { programOf } from '../../src/ui/program.js';
import { wrapLine } from '../../src/ui/wrap-text.js';

const NO_START = /^[，。、：；！？）」』】》〉”’,.;:!?)\]}]/;
const NO_END = /[（「『【《〈“‘([{]$/;
const SIZES = [
  [80, 24],
  [60, 18],
] as const;

const squeeze = (lines: readonly Line[]) => lines.map(lineText).join('').replace(/\s+/g, '');

/** Rows of the screen: within the width. */
function checkRows(rows: readonly string[], width: number, where: string): void {
  for (const row of rows) expect(cells(row), `${where}: wider than ${width}: ${row}`).toBeLessThanOrEqual(width);
}

/** The rows one line wraps onto: within the width, and its breaks kinsoku's. */
function checkBreaks(rows: readonly string[], width: number, where: string): void {
  checkRows(rows, width, where);
  for (const row of rows.slice(1)) expect(row.trimStart(), `${where}: a row starts with closing punctuation\n${rows.join('\n')}`).not.toMatch(NO_START);
  for (const row of rows.slice(0, -1)) expect(row.trimEnd(), `${where}: a row ends with an opening bracket\n${rows.join('\n')}`).not.toMatch(NO_END);
}

describe('the ? overlay and the What to watch card in Chinese', () => {
  const cases = lessons.flatMap((lesson) => SIZES.map(([w, h]) => [`${lesson.id} ${w}×${h}`, lesson, w, h] as const));
  it.each(cases)('%s: wrapped by display width with kinsoku, nothing cut', (_name, lesson, width, height) => {
    const program = programOf(lesson, undefined, 'zh');
    const intro = program.intro(false, 'zh', DEFAULT_PYTHON_VERSION);
    for (const [what, content] of [
      ['help', helpLines('zh', intro)],
      ['watch', watchLines(watchSection(intro), 'zh')],
    ] as const) {
      for (const line of content) {
        const rows = wrapLine(line, width);
        checkBreaks(rows.map(lineText), width, `${what} ${width}`);
        expect(squeeze(rows), `${what}: ${lineText(line)}`).toBe(squeeze([line]));
      }
    }
    // On the screen, page after page of the overlay: no row cut (an ellipsis) or wider than the terminal.
    const lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil }, speed: 1, instant: false, startPaused: true, level: 'learner' }, 0);
    const state = lab.replay.stateAt(0);
    const props: ScreenProps = {
      width, height, lang: 'zh', id: program.id, title: program.title, source: program.source(false, 'zh'), state, event: lab.replay.eventAt(0),
      t: 0, step: 0, steps: lab.replay.length, endTime: lab.replay.endTime, totalEvents: lab.replay.total, playing: false, speed: 1, canToggle: true, help: true, intro,
    };
    const max = helpMaxScroll(props);
    for (let scroll = 0; scroll <= max; scroll++) {
      const rows = (screenLines({ ...props, helpScroll: scroll }) ?? []).map(lineText).slice(1, -3);
      checkRows(rows, width, `help scrolled ${scroll}`);
      for (const row of rows) expect(row, `help scrolled ${scroll}: cut`).not.toMatch(/\S…$/);
    }
    const card = (screenLines({ ...props, help: false, watch: watchSection(intro) }) ?? []).map(lineText).slice(1, -3);
    checkRows(card, width, 'watch card');
    for (const row of card) expect(row, 'watch card: cut').not.toMatch(/\S…$/);
  });
});
