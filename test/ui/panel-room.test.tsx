// Every panel at every size: the source as wide as its lines need (within reason) and never cut
// at a lesson's key token, "+N more" wherever rows do not fit, and the lesson's panel priority
// (call-later keeps its LOOP panel down to 60×18). Drawn with ink-testing-library where it fits its
// 100 columns, as lines of cells beyond.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { findLessonById } from '../../src/scenarios/index.js';
import type { Lang } from '../../src/scenarios/types.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { Screen, type ScreenProps, screenLines } from '../../src/ui/components/Screen.js';
import { createLab, update } from '../../src/ui/controller.js';
import { cells } from '../../src/ui/format.js';
import { layout } from '../../src/ui/layout.js';
import { sourceLines, sourceWidthNeeded } from '../../src/ui/panels/source.js';
import { programOf } from '../../src/ui/program.js';
import { noteFor } from '../../src/ui/state/notes.js';

const ANSI = /\x1b\[[0-9;]*m/g;

/** The screen of lesson `id` after `steps` steps, or at the first step of `type`. */
function props(id: string, width: number, height: number, at: number | string, lang: Lang = 'en'): ScreenProps {
  const lesson = findLessonById(id)!;
  const program = programOf(lesson, undefined, lang);
  let lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil }, speed: 1, instant: false, startPaused: true, level: 'exact' }, 0);
  let target = typeof at === 'number' ? at : 0;
  if (typeof at === 'string') {
    while (target < lab.replay.length && lab.replay.eventAt(target)?.type !== at) target++;
    if (target >= lab.replay.length) throw new Error(`${id}: no ${at} event in the run`);
  }
  for (let i = 0; i < target; i++) lab = update(lab, { type: 'step' }, 0);
  const state = lab.replay.stateAt(lab.step);
  return {
    width, height, lang, id: program.id, title: program.title, source: program.source(false, lang), state,
    event: lab.replay.eventAt(lab.step), note: noteFor(lab.replay, lab.step), t: state.t, step: lab.step, steps: lab.replay.length,
    endTime: lab.replay.endTime, totalEvents: lab.replay.total, playing: false, speed: 1, canToggle: true, help: false,
    ...(program.panels ? { panels: program.panels } : {}),
  };
}

const screen = (p: ScreenProps) => (p.width <= 100 ? (render(<Screen {...p} />).lastFrame() ?? '').replace(ANSI, '') : (screenLines(p) ?? []).map(lineText).join('\n'));

describe('the source panel', () => {
  it('is as wide as the program\'s longest line needs at 120 columns, within the other column\'s share', () => {
    const p = props('call-soon', 120, 36, 8);
    const box = layout(120, 36, 2, 1, sourceWidthNeeded(p.source))!;
    expect(box.sourceWidth).toBeGreaterThan(60);
    expect(box.rightWidth).toBeGreaterThanOrEqual(54);
    // A program with short lines takes no more than it needs.
    expect(layout(120, 36, 2, 1, 40)!.sourceWidth).toBe(40);
  });

  it('never cuts the lesson\'s key token: call-soon\'s partial at 120 columns, stop wait\'s corrected line 25 at every size', () => {
    expect(screen(props('call-soon', 120, 36, 8))).toContain('functools.partial(call_back, kwargs="xxoo")');
    for (const [w, h] of [[120, 36], [80, 24], [60, 18]] as const) {
      const p = props('stop-wait', w, h, 30);
      const rows = (sourceLines(p.source, { pointers: { MainThread: 25 }, focus: 'MainThread', awaiting: [] }, 12, w >= 70 ? layout(w, h, 2, 1, sourceWidthNeeded(p.source))!.sourceWidth : w, 'SOURCE')).map(lineText);
      // Wrapped, the line's rows read as the line: every token whole on a row.
      expect(rows.join('\n'), `${w}×${h}`).toMatch(/asyncio\.all_tasks\(\s*(\n\s*)?loop\)\)/);
      expect(rows.join(' ')).not.toContain('asynci…');
      for (const row of rows) expect(cells(row)).toBeLessThanOrEqual(w);
    }
  });

  it('says how many lines are below the window ("+N more") and above it (↑N)', () => {
    const p = props('stop-nested', 80, 24, 30);
    const rows = sourceLines(p.source, { pointers: { MainThread: 26 }, focus: 'MainThread', awaiting: [] }, 8, 39, 'SOURCE').map(lineText);
    expect(rows[0]).toMatch(/↑\d+/);
    expect(rows.at(-1)).toMatch(/^\s+\+\d+ more$/);
    expect(rows).toHaveLength(8);
    expect(rows.join('\n')).toContain('▶26');
  });
});

describe('the width beside the source', () => {
  it('call-later at 100×30: the loop and futures rows are never cut, and wrap only when the source keeps no spare cells', () => {
    for (const lang of ['en', 'zh'] as const) {
      const steps = props('call-later', 100, 30, 0, lang).steps;
      for (let step = 0; step < steps; step++) {
        const rows = screen(props('call-later', 100, 30, step, lang)).split('\n');
        const beside = rows.filter((r) => r.includes('│') && !/^(TIMELINE|时间线|MainThread|\s+Task-)/.test(r));
        const rule = cells(beside[0]!.slice(0, beside[0]!.indexOf('│')));
        const left = beside.map((r) => r.slice(0, r.indexOf('│')).trimEnd());
        const right = beside.map((r) => r.slice(r.indexOf('│') + 1));
        for (const r of right) expect(r, `${lang} step ${step}: a cut row\n${rows.join('\n')}`).not.toMatch(/\S…/);
        // A row that goes on under the one above (indented past its label): the column had to wrap.
        const wrapped = right.some((r) => /^ {4}\S/.test(r) || /^ {11}[^ ↑+]/.test(r));
        if (wrapped) expect(rule, `${lang} step ${step}: spare cells in the source\n${rows.join('\n')}`).toBeLessThanOrEqual(Math.max(24, ...left.map((l) => cells(l))) + 1);
      }
    }
  });
});

describe('the explanation', () => {
  it('takes rows from the panels when a long note needs them (up to 4 at 80×24), instead of being cut', () => {
    const note = { en: Array.from({ length: 9 }, (_, i) => `clause ${i} of a long note`).join(', ') + '.', zh: '长'.repeat(100) + '。' };
    for (const lang of ['en', 'zh'] as const) {
      const p = { ...props('call-later', 80, 24, 8, lang), note };
      const rows = screen(p).split('\n');
      expect(rows.length, lang).toBeLessThanOrEqual(23);
      const at = rows.findIndex((r) => r.startsWith('▸ '));
      const text = rows.slice(at, -1).map((r) => r.trim()).join(lang === 'en' ? ' ' : '');
      expect(text, `${lang}\n${rows.join('\n')}`).toContain(note[lang].slice(-20));
      expect(text).not.toContain('…');
      // The panels gave the rows: the key bar is still the last row.
      expect(rows.at(-1)).toMatch(/q (quit|退出)/);
    }
  });
});

describe('the explanation on a short screen', () => {
  it('takes a third row from the panels at 60×18 when its text needs one, instead of being cut', () => {
    const note = { en: Array.from({ length: 6 }, (_, i) => `clause ${i} of a note`).join(', ') + '.', zh: '长'.repeat(70) + '。' };
    for (const lang of ['en', 'zh'] as const) {
      const p = { ...props('call-later', 60, 18, 8, lang), note };
      const rows = screen(p).split('\n');
      expect(rows.length, lang).toBeLessThanOrEqual(17);
      const at = rows.findIndex((r) => r.startsWith('▸ '));
      expect(rows.length - 1 - at, `${lang}\n${rows.join('\n')}`).toBe(3);
      const text = rows.slice(at, -1).map((r) => r.trim()).join(lang === 'en' ? ' ' : '');
      expect(text, `${lang}\n${rows.join('\n')}`).toContain(note[lang].slice(-20));
      expect(text).not.toContain('…');
      expect(rows.at(-1)).toMatch(/q (quit|退出)?/);
    }
  });
});

describe('"+N more" at 80×24 and 60×18', () => {
  it("call-later at 60×18: the heap says how many timers it does not list, at every step", () => {
    const first = props('call-later', 60, 18, 0);
    for (let step = 0; step < first.steps; step++) {
      const p = props('call-later', 60, 18, step);
      const rows = (screenLines(p) ?? []).map(lineText);
      const heap = p.state.loops[0]?.heap.size ?? 0;
      const start = rows.findIndex((r) => /^  heap /.test(r));
      if (heap < 2 || start < 0) continue;
      let listed = 0;
      for (let i = start; i < rows.length && (i === start || /^ {11}\S/.test(rows[i]!)); i++) if (/^ {2}(heap {5}| {9})(\+\d+ more · )?\d+\.\d{3} /.test(rows[i]!)) listed++;
      const more = listed < heap ? `+${heap - listed} more` : undefined;
      if (more) expect(rows.join('\n'), `step ${step}: ${heap} timers, ${listed} listed\n${rows.join('\n')}`).toContain(more);
    }
  });


  it('stop nested at 80×24: the futures and the timeline say how many tasks and lanes they leave out', () => {
    const frame = screen(props('stop-nested', 80, 24, 30));
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(cells(l)).toBeLessThanOrEqual(80);
    const timeline = lines.findIndex((l) => l.startsWith('TIMELINE'));
    const output = lines.findIndex((l) => l.startsWith('OUTPUT'));
    expect(lines.slice(timeline, output).join('\n')).toMatch(/\+\d+ more/);
    // On a row of its own, or beside the title when the futures listed need every row.
    expect(lines.slice(0, timeline).some((l) => /│(\s+|FUTURES & TASKS\s+)\+\d+ more/.test(l))).toBe(true);
  });

  it('call-later at 60×18 keeps its LOOP panel (the lesson ranks it first); the futures panel gives way to one row', () => {
    for (const lang of ['en', 'zh'] as const) {
      const frame = screen(props('call-later', 60, 18, 'timer_ready', lang));
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(17);
      for (const l of lines) expect(cells(l)).toBeLessThanOrEqual(60);
      expect(frame).toContain(lang === 'en' ? 'LOOP' : '事件循环');
      expect(frame).toMatch(lang === 'en' ? /heap|ready/ : /定时器堆|就绪/);
      expect(frame).toMatch(lang === 'en' ? /FUTURES & TASKS\s+\+\d+ more/ : /FUTURE 与 TASK\s+\+\d+ 更多/);
    }
  });

  it('stop nested ranks its futures panel first: it keeps its tasks at 60×18', () => {
    const frame = screen(props('stop-nested', 60, 18, 30));
    expect(frame).toContain('FUTURES & TASKS');
    expect(frame).toMatch(/Task-\d/);
  });
});

describe('the output panel', () => {
  it('pages back with o so that a whole traceback can be read, and says what is above and below', async () => {
    const { outputLines } = await import('../../src/ui/panels/output.js');
    const { Replay } = await import('../../src/ui/state/replay.js');
    const lesson = findLessonById('stop-wait')!;
    const { events } = lesson.run({ asWritten: true, debug: false, interrupts: [0.5], until: lesson.defaultUntil });
    const replay = new Replay(events);
    const state = replay.stateAt(replay.length - 1);
    const all = (state.output ? [...Array(state.output.length)] : []).length;
    expect(all).toBeGreaterThan(8);
    const page = (back: number) => outputLines(state, 'en', 5, back).map(lineText);
    expect(page(0)[0]).toMatch(/^OUTPUT ↑\d+ · o older · O newer$/);
    // Paging back as far as it goes reaches the first line printed and the traceback's head.
    const seen = new Set<string>();
    for (let back = 0; back <= Math.ceil(all / 4); back++) for (const l of page(back).slice(1)) seen.add(l);
    const { toArray } = await import('../../src/ui/state/chain.js');
    const printed = toArray(state.output).map((l) => l.text);
    for (const text of printed) expect([...seen].some((l) => l.endsWith(text)), text).toBe(true);
    expect(page(99)[1]).toContain(printed[0]);
    expect([...seen].some((l) => l.includes('Traceback (most recent call last):'))).toBe(true);
    expect(page(99)[0]).toMatch(/^OUTPUT ↓\d+/);
  });

  it('o and O move the page in the lab; a step brings back the newest lines', () => {
    const lesson = findLessonById('call-later')!;
    let lab = createLab({ program: programOf(lesson, undefined, 'en'), options: { asWritten: false, debug: false, interrupts: [], until: 5 }, speed: 1, instant: true, startPaused: true }, 0);
    lab = update(update(lab, { type: 'output_page', by: 1 }, 0), { type: 'output_page', by: 1 }, 0);
    expect(lab.outputBack).toBe(2);
    expect(update(lab, { type: 'output_page', by: -1 }, 0).outputBack).toBe(1);
    expect(update(lab, { type: 'back' }, 0).outputBack).toBe(0);
  });
});
