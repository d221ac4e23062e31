// Each lesson's panel priority on small screens (ink-testing-library at 80×24, lines of cells at
// 60×18 and 120×36): the panel a lesson ranks first keeps its title and rows, and wherever the
// futures panel or the timeline leaves rows out, its "+N more" says exactly how many.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { DEFAULT_PANELS, type Lesson, type PanelName } from '../../src/scenarios/types.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { Screen, type ScreenProps, screenLines } from '../../src/ui/components/Screen.js';
import { createLab, update } from '../../src/ui/controller.js';
import { cells } from '../../src/ui/format.js';
import { programOf } from '../../src/ui/program.js';
import { laneCount } from '../../src/ui/state/lanes.js';
import type { Level } from '../../src/ui/state/replay.js';
import { futuresRows, rightOf } from './futures-rows.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const TITLES: Record<PanelName, RegExp> = { source: /SOURCE/, loop: /LOOP/, futures: /FUTURES & TASKS/, timeline: /TIMELINE/, output: /OUTPUT/ };

/** The lab of `lesson` at every `every`-th step of `level`, as ScreenProps at `width`×`height`. */
function* frames(lesson: Lesson, level: Level, width: number, height: number, every: number): Generator<ScreenProps> {
  const program = programOf(lesson, undefined, 'en');
  let lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil }, speed: 1, instant: false, startPaused: true, level }, 0);
  for (let step = 0; step < lab.replay.length; step++) {
    if (step % every === 0 || step === lab.replay.length - 1) {
      const state = lab.replay.stateAt(lab.step);
      yield {
        width, height, lang: 'en', id: program.id, title: program.title, source: program.source(false, 'en'), state, level,
        event: lab.replay.eventAt(lab.step), t: state.t, step: lab.step, steps: lab.replay.length, endTime: lab.replay.endTime,
        totalEvents: lab.replay.total, playing: false, speed: 1, canToggle: true, help: false, ...(program.panels ? { panels: program.panels } : {}),
      };
    }
    lab = update(lab, { type: 'step' }, 0);
  }
}

/** Ink's frame at 80×24 (as ink-testing-library draws it), the screen's lines of cells at the other sizes (faster). */
/** Rows of its own the first-ranked panel keeps on any screen, "+N more" included (when it has that many to show); a first-ranked timeline one more (its lanes are the thread lessons' point). */
const FIRST_ROWS = 2;

/** How many rows `panel` would fill with all it holds. */
function wanted(p: ScreenProps, panel: PanelName): number {
  if (panel === 'timeline') return laneCount(p.state);
  if (panel === 'futures') return p.state.futures.size;
  if (panel === 'output') return p.state.output?.length ?? 0;
  // The loop panel: its ready queue and heap rows (before there is a loop, one row says so).
  if (panel === 'loop') return p.state.loops.length === 0 ? 1 : 2;
  return FIRST_ROWS;
}

/** Rows under `panel`'s title before the next panel (blank rows not counted). */
function contentRows(rows: readonly string[], panel: PanelName): number {
  const titles = Object.values(TITLES);
  // Beside the source, the loop and the futures are right of its │; the timeline and the output span the screen (a lane's cursor is a │ too).
  const column = (row: string) => (panel === 'source' ? row.split('│')[0]! : panel === 'timeline' || panel === 'output' ? row : rightOf(row));
  const at = rows.findIndex((r) => TITLES[panel].test(column(r).slice(0, 20)) && /^[A-Z]/.test(column(r)));
  if (at < 0) return 0;
  let n = 0;
  for (const row of rows.slice(at + 1)) {
    const text = column(row);
    // The output panel ends where the explanation (▸) begins.
    if (titles.some((t) => t.test(text.slice(0, 16)) && /^[A-Z]/.test(text)) || /^─+$/.test(row) || (panel === 'output' && /^▸ /.test(row))) break;
    if (text.trim() !== '') n++;
  }
  return n;
}

const drawn = (p: ScreenProps) => (p.width === 80 ? (render(<Screen {...p} />).lastFrame() ?? '').replace(ANSI, '') : (screenLines(p) ?? []).map(lineText).join('\n')).split('\n');

describe.each(lessons.map((l) => [l.id, l] as const))('%s', (_id, lesson) => {
  const priority = lesson.panels ?? DEFAULT_PANELS;

  it.each([
    [120, 36],
    [80, 24],
    [60, 18],
  ] as const)('at %i×%i: the first-ranked panel stays, "+N more" adds up, nothing is wider than the screen', (width, height) => {
    for (const level of ['learner', 'exact'] as const) {
      for (const p of frames(lesson, level, width, height, (level === 'learner' ? 1 : 4) * (width === 80 ? 3 : 1))) {
        const rows = drawn(p);
        const where = `${level} step ${p.step + 1}, ${width}×${height}`;
        for (const row of rows) expect(cells(row), where).toBeLessThanOrEqual(width);
        expect(rows.join('\n'), `${where}: ${priority[0]} kept`).toMatch(TITLES[priority[0]!]);
        expect(contentRows(rows, priority[0]!), `${where}: ${priority[0]} keeps rows\n${rows.join('\n')}`).toBeGreaterThanOrEqual(Math.min(priority[0] === 'timeline' ? FIRST_ROWS + 1 : FIRST_ROWS, wanted(p, priority[0]!)));
        // The futures panel: rows shown plus "+N more" (or the folded title's count) are all it holds.
        const futures = futuresRows(rows, 'FUTURES & TASKS');
        if (futures) {
          const { at: title, shown, more } = futures;
          if (!/^ {2}\(empty\)|^\(empty\)/.test(rightOf(rows[title + 1] ?? ''))) expect(shown + more, `${where}: futures\n${rows.join('\n')}`).toBe(p.state.futures.size);
        }
        // The timeline: lanes drawn plus "+N more" are all the lanes.
        const ruler = rows.findIndex((r) => r.startsWith('TIMELINE'));
        if (ruler >= 0) {
          let lanes = 0;
          let more = 0;
          for (const row of rows.slice(ruler + 1)) {
            if (row.startsWith('OUTPUT') || row.startsWith('wakes')) break;
            if (row.trim() === '') continue;
            const m = /^ {2}\+([\d,]+) more/.exec(row);
            if (m) more = Number(m[1]!.replace(/,/g, ''));
            else lanes++;
          }
          expect(lanes + more, `${where}: timeline lanes\n${rows.join('\n')}`).toBe(laneCount(p.state));
        }
      }
    }
  });
});
