// The screen drawn with ink-testing-library: panels present, sizes respected at 80×24, loop
// structures in CPython's order, state words coloured, both languages, help, and keys in the app.
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepsOf } from './fixtures/steps.js';
import { LabApp } from '../../src/ui/components/LabApp.js';
import { lineText } from '../../src/ui/components/Lines.js';
import { helpMaxScroll, Screen, type ScreenProps, screenLines } from '../../src/ui/components/Screen.js';
import { createLab, update } from '../../src/ui/controller.js';
import { keyBarLine } from '../../src/ui/panels/chrome.js';
import { overlayView } from '../../src/ui/panels/overlay.js';
import { cells } from '../../src/ui/format.js';
import { programOf } from '../../src/ui/program.js';
import { noteFor } from '../../src/ui/state/notes.js';
import { futureList } from '../../src/ui/state/futures.js';
import { set } from '../../src/ui/state/intmap.js';
import type { Lang } from '../../src/scenarios/types.js';
import { at, callLaterLesson } from './fixtures/lessons.js';

const ANSI = /\x1b\[[0-9;]*m/g;
/** The screen as plain text, wider than ink-testing-library's 100 columns. */
const text = (props: ScreenProps) => (screenLines(props) ?? []).map(lineText).join('\n');
const plain = (s: string | undefined) => (s ?? '').replace(ANSI, '');

/** Props for the call-later fixture after `steps` steps. */
function propsAt(steps: number, over: Partial<ScreenProps> & { lang?: Lang } = {}): ScreenProps {
  const lang = over.lang ?? 'en';
  const program = programOf(callLaterLesson, undefined, lang);
  let lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: [], until: 5 }, speed: 1, instant: false, startPaused: true }, 0);
  for (let i = 0; i < steps; i++) lab = update(lab, { type: 'step' }, 0);
  const state = lab.replay.stateAt(lab.step);
  return {
    width: 100,
    height: 30,
    lang,
    id: program.id,
    title: program.title,
    source: program.source(false, lang),
    state,
    event: lab.replay.eventAt(lab.step),
    note: noteFor(lab.replay, lab.step),
    t: state.t,
    step: lab.step,
    steps: lab.replay.length,
    endTime: lab.replay.endTime,
    totalEvents: lab.replay.kept.length,
    playing: false,
    speed: 1,
    canToggle: true,
    help: false,
    ...over,
  };
}

/** The step at which the first timer (0.1 s) has just moved to the ready queue. */
function firstTimerStep(): number {
  const p = programOf(callLaterLesson, undefined, 'en');
  const lab = createLab({ program: p, options: { asWritten: false, debug: false, interrupts: [], until: 5 }, speed: 1, instant: false, startPaused: true }, 0);
  return stepsOf(lab.replay).findIndex((i) => lab.replay.event(i)!.type === 'timer_ready');
}

let level: typeof chalk.level;
beforeAll(() => {
  level = chalk.level;
  chalk.level = 1;
});
afterAll(() => {
  chalk.level = level;
});

describe('Screen', () => {
  it('shows every panel at 80×24 within 80 columns and 23 rows', () => {
    const frame = plain(render(<Screen {...propsAt(25, { width: 80, height: 24 })} />).lastFrame());
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect(cells(line), line).toBeLessThanOrEqual(80);
    for (const title of ['SOURCE', 'LOOP', 'FUTURES & TASKS', 'TIMELINE', 'OUTPUT', 'q quit']) expect(frame).toContain(title);
  });

  it('stacks the source above the loop on a narrow terminal and refuses a tiny one', () => {
    const narrow = plain(render(<Screen {...propsAt(25, { width: 62, height: 30 })} />).lastFrame()).split('\n');
    const sourceRow = narrow.findIndex((l) => l.startsWith('SOURCE'));
    const loopRow = narrow.findIndex((l) => l.startsWith('LOOP'));
    expect(sourceRow).toBeGreaterThan(0);
    expect(loopRow).toBeGreaterThan(sourceRow);
    expect(plain(render(<Screen {...propsAt(0, { width: 40, height: 10 })} />).lastFrame())).toContain('terminal too small');
  });

  it('lists the heap by deadline and marks the timer that just moved to the end of the ready queue', () => {
    const frame = text(propsAt(firstTimerStep(), { width: 140 }));
    expect(frame).toMatch(/ready\s+→ <TimerHandle when=0\.1 call_back\(1, 1, 2\)>/);
    const heap = ['when=0.2 call_back(3, 5, 7)', 'when=0.3 call_back(2, 3, 4)', 'when=0.5 '].map((s) => frame.indexOf(s));
    expect(heap.every((i) => i > 0)).toBe(true);
    expect([...heap].sort((a, b) => a - b)).toEqual(heap);
    expect(frame).toContain('▶ 4');
  });

  it('colours future states: PENDING amber, FINISHED green, CANCELLED red', () => {
    const props = propsAt(30);
    const frame = render(<Screen {...props} />).lastFrame() ?? '';
    expect(frame).toContain(`${chalk.yellow('PENDING')}`);
    const finished = { ...props.state, futures: futureList(props.state).reduce((m, f, i) => set(m, f.id, { ...f, state: i === 0 ? ('FINISHED' as const) : ('CANCELLED' as const) }), props.state.futures) };
    const frame2 = render(<Screen {...props} state={finished} />).lastFrame() ?? '';
    expect(frame2).toContain(chalk.green('FINISHED'));
    expect(frame2).toContain(chalk.red('CANCELLED'));
  });

  it('shows what a pending task waits on', () => {
    const frame = text(propsAt(30, { width: 140 }));
    expect(frame).toMatch(/Task-1\s+PENDING main\(\) waits on <Future pending>/);
  });

  it("explains the step with the lesson's note when it has one, else generically", () => {
    const program = programOf(callLaterLesson, undefined, 'en');
    const lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: [], until: 5 }, speed: 1, instant: false, startPaused: true }, 0);
    const noted = stepsOf(lab.replay).findIndex((_, s) => noteFor(lab.replay, s) !== undefined);
    expect(plain(render(<Screen {...propsAt(noted)} />).lastFrame())).toContain('sleep(0.5) creates a future and a 0.5 s timer.');
    expect(plain(render(<Screen {...propsAt(firstTimerStep())} />).lastFrame())).toContain('goes to the END of the ready queue');
  });

  it('speaks Chinese when asked, keeping Python words as they are', () => {
    const frame = plain(render(<Screen {...propsAt(30, { lang: 'zh' })} />).lastFrame());
    expect(frame).toContain('源码');
    expect(frame).toContain('退出');
    expect(frame).toContain('PENDING');
  });

  it('lines the time axis up with the lanes in Chinese (wide characters take two columns)', () => {
    const rows = text(propsAt(60, { lang: 'zh' })).split('\n');
    const ruler = rows.find((l) => l.startsWith('时间线'))!;
    const lane = rows[rows.indexOf(ruler) + 1]!;
    expect(cells(ruler)).toBe(100);
    expect(ruler).not.toContain('…');
    // The axis starts (0.0) in the column where the lanes' track starts.
    const axis = cells(ruler.slice(0, ruler.indexOf('0.0')));
    expect(axis).toBe(cells(lane.match(/^MainThread\s+/)![0]));
  });

  it('shows the printed lines with their time and stderr in red', () => {
    const props = propsAt(60);
    const frame = plain(render(<Screen {...props} />).lastFrame());
    expect(frame).toContain('0.200 [Call_back--3]:5 + 7 = 12');
    const withErr = { ...props.state, output: { item: { t: 1, thread: 'MainThread', stream: 'stderr' as const, text: 'KeyboardInterrupt' }, prev: props.state.output, length: 99, kept: (props.state.output?.kept ?? 0) + 1 } };
    expect(render(<Screen {...props} state={withErr} />).lastFrame()).toContain(chalk.red('KeyboardInterrupt'));
  });

  it('opens the help over the panels with every key and the timeline marks', () => {
    const frame = plain(render(<Screen {...propsAt(5, { help: true, height: 36 })} />).lastFrame());
    expect(frame).toContain('KEYS');
    expect(frame).toContain('TIMELINE MARKS');
    expect(frame).toContain('KeyboardInterrupt into the program now');
  });

  it("puts the lesson's intro above the keys in the help: what to watch, changed lines, errata, Ctrl+C moments", () => {
    const lesson = {
      ...callLaterLesson,
      errata: [{ zh: '文章错了', en: 'The article is wrong here.' }],
      interrupts: [{ at: 0.2, what: { zh: '中断', en: 'KeyboardInterrupt in select' } }],
    };
    const program = programOf(lesson, undefined, 'en');
    const rows = text(propsAt(5, { help: true, width: 120, height: 60, intro: program.intro(false, 'en', '3.11') })).split('\n');
    // Row 0 is the header, which names the lesson too.
    const at = (needle: string) => rows.findIndex((row, i) => i > 0 && row.includes(needle));
    expect(at(callLaterLesson.title.en)).toBeGreaterThan(0);
    expect(at('Timers leave the heap by deadline.')).toBeGreaterThan(at('What to watch:'));
    expect(at('The article is wrong here.')).toBeGreaterThan(at('Where the article is wrong or outdated:'));
    expect(at('0.2 s (--interrupt-at 0.2): KeyboardInterrupt in select')).toBeGreaterThan(at('When to press Ctrl+C:'));
    expect(at('KEYS')).toBeGreaterThan(at('KeyboardInterrupt in select'));
    // Without an intro the help is the keys alone.
    expect(text(propsAt(5, { help: true, width: 120, height: 60 }))).not.toContain('What to watch:');
  });

  it('says on the first step where the explanation is, and explains later steps', () => {
    expect(plain(render(<Screen {...propsAt(0)} />).lastFrame())).toContain('Press ? for what this lesson shows');
    expect(plain(render(<Screen {...propsAt(3)} />).lastFrame())).not.toContain('Press ? for what this lesson shows');
  });

  it('fits the help at 100 columns: long lines wrap instead of being cut', () => {
    const rows = text(propsAt(5, { help: true, width: 100, height: 36 })).split('\n');
    for (const row of rows) expect(cells(row), row).toBeLessThanOrEqual(100);
    const help = rows.slice(1, -3).join('\n');
    expect(help).not.toContain('…');
    expect(help).toMatch(/once it has exited, or three Ctrl\+C\s+within a second, Ctrl\+C leaves/);
    expect(help).toContain('PENDING · FINISHED · CANCELLED');
  });

  it('scrolls the help at 80×24 so that no row is lost', () => {
    for (const lang of ['en', 'zh'] as const) {
      const props = propsAt(5, { help: true, width: 80, height: 24, lang });
      const max = helpMaxScroll(props);
      expect(max).toBeGreaterThan(0);
      const top = text(props).split('\n');
      const bottom = text({ ...props, helpScroll: max }).split('\n');
      expect(top.length).toBe(23);
      expect(top.join('\n')).toContain(lang === 'en' ? 'KEYS' : '按键');
      expect(top.join('\n')).toMatch(lang === 'en' ? /↑ ↓ scroll · 1–\d+ \/ \d+/ : /↑ ↓ 滚动/);
      expect(bottom.join('\n')).toContain('PENDING · FINISHED · CANCELLED');
      for (const row of [...top, ...bottom]) expect(cells(row), row).toBeLessThanOrEqual(80);
      // Scrolling further shows the same last page.
      expect(text({ ...props, helpScroll: max + 5 })).toBe(bottom.join('\n'));
    }
  });

  it('lays a long help out in two columns when the terminal is wide', () => {
    const content = [...['ONE', 'TWO'].flatMap((h) => [[{ text: h, bold: true }], ...Array.from({ length: 10 }, (_, i) => [{ text: `  ${h.toLowerCase()} ${i}` }])])];
    const wide = overlayView(content, 130, 12, 0, 'en');
    expect([wide.lines.length, wide.maxScroll]).toEqual([11, 0]);
    expect(lineText(wide.lines[0]!)).toMatch(/^ONE\s+TWO$/);
    const narrow = overlayView(content, 80, 12, 0, 'en');
    expect([narrow.lines.length, narrow.maxScroll]).toEqual([12, 11]);
  });

  it('flags a race on the timeline', () => {
    const props = propsAt(10);
    const state = { ...props.state, threadLanes: props.state.threadLanes.map((l) => ({ ...l, marks: { item: { t: 0, kind: 'run' as const, label: 'x', index: 3, race: true }, prev: undefined, length: 1, kept: 1 } })) };
    expect(plain(render(<Screen {...props} state={state} />).lastFrame())).toContain('≈');
    expect(plain(render(<Screen {...props} />).lastFrame())).not.toContain('≈');
  });
});

describe('key bar', () => {
  const bar = (width: number, canToggle: boolean, lang: Lang = 'en', playing = true) => lineText(keyBarLine({ playing, speed: 0.25, width, lang, canToggle }));

  it('always shows space, n, c, ? and q, then back, within the width', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const width of [60, 70, 80, 100, 120, 160]) {
        const line = bar(width, true, lang);
        expect(cells(line), line).toBe(width);
        for (const key of [' space', ' n ', ' c Ctrl+C ', ' ? ', ' q ']) expect(line, line).toMatch(new RegExp(key.replace(/[?+]/g, '\\$&')));
      }
    }
    expect(bar(80, true)).toContain('← b back · c Ctrl+C');
  });

  it('shows t at 120 columns only for a lesson with a corrected program', () => {
    expect(bar(120, true)).toContain('t as written/corrected');
    expect(bar(120, true, 'zh')).toContain('t 原文/修正版');
    expect(bar(200, false)).not.toMatch(/ t /);
  });
});

describe('LabApp', () => {
  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  }

  it('steps forward with n and → and back with b', async () => {
    const program = programOf(callLaterLesson, undefined, 'en');
    const app = render(<LabApp init={{ program, options: { asWritten: false, debug: false, interrupts: [], until: 5 }, speed: 1, instant: false, startPaused: true }} lang="en" />);
    const frame = () => plain(app.lastFrame());
    await until(() => frame().includes('step 1/'));
    app.stdin.write('n');
    await until(() => frame().includes('step 2/'));
    app.stdin.write('\x1b[C');
    await until(() => frame().includes('step 3/'));
    app.stdin.write('b');
    await until(() => frame().includes('step 2/'));
    expect(frame()).toContain('step 2/');
    app.unmount();
  });

  it('shows the program in zh with the as-written source after t', async () => {
    const program = programOf(callLaterLesson, undefined, 'zh');
    const app = render(<LabApp init={{ program, options: { asWritten: false, debug: false, interrupts: [], until: 5 }, speed: 1, instant: false, startPaused: true }} lang="zh" />);
    const frame = () => plain(app.lastFrame());
    await until(() => frame().includes('new_event_loop()'));
    expect(frame()).toContain('call-later.py · 修正版');
    app.stdin.write('t');
    await until(() => frame().includes('get_event_loop()'));
    expect(frame()).toContain('call-later.py · 原文');
    app.unmount();
  });
});

void at;
