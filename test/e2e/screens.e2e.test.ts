// Every lesson in a real pseudo-terminal at 120×36, 80×24 and 60×18, in both languages, at the
// learner and the exact level: one session per lesson × language × level opens at 120×36, then
// resizes to the two smaller sizes, stepping a few steps at each. Each screen is read for its words:
// rows within the width and no CJK character cut, the lesson's first-ranked panel kept (its
// priority: `panels` in lesson.ts), the futures panel's "+N more" adding up to the futures the step
// holds, no English word of the lab's own left on a Chinese screen; then q gives the terminal back.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { DEFAULT_PANELS, type Lang, type Lesson, type PanelName } from '../../src/scenarios/types.js';
import { createLab, update } from '../../src/ui/controller.js';
import { cells } from '../../src/ui/format.js';
import { programOf } from '../../src/ui/program.js';
import type { Level } from '../../src/ui/state/replay.js';
import { endedAfterEach, spawnSession } from './pty.js';
import { restoredAtExit } from './restore.js';
import { futuresRows } from '../ui/futures-rows.js';

const root = join(import.meta.dirname, '../..');
const sessions = endedAfterEach();

const SIZES = [
  [120, 36],
  [80, 24],
  [60, 18],
] as const;
/** Steps taken at each size. */
const STEPS_PER_SIZE = 2;

const TITLES: Record<PanelName, Record<Lang, string>> = {
  source: { en: 'SOURCE', zh: '源码' },
  loop: { en: 'LOOP', zh: '事件循环' },
  futures: { en: 'FUTURES & TASKS', zh: 'FUTURE 与 TASK' },
  timeline: { en: 'TIMELINE', zh: '时间线' },
  output: { en: 'OUTPUT', zh: '输出' },
};
/** The lab's own English words, which a Chinese screen must not show (Python's words may stay). */
const ENGLISH = [/TIMELINE/, /OUTPUT/, /SOURCE/, /\biteration\b/, /\bstep \d/, /\bpaused\b/, /woke at/, /waiting in/, /waiting on/, /wakes at/, /when done/, /\+[\d,]+ more\b/, /\bresumes\b/, /\bquit\b/, /\(empty\)/];

const stepOf = (text: string) => Number(/(?:step|步) (\d+)\//.exec(text)?.[1]);
const invocation = (l: Lesson) => [l.command, ...(l.part ? [l.part] : [])];

/** The futures and tasks the lab holds at `step` (1-based, as the header counts) of `level`. */
function futuresAt(lesson: Lesson, lang: Lang, level: Level, step: number): number {
  const program = programOf(lesson, undefined, lang);
  let lab = createLab({ program, options: { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil }, speed: 1, instant: false, startPaused: true, level }, 0);
  for (let i = 1; i < step; i++) lab = update(lab, { type: 'step' }, 0);
  return lab.replay.stateAt(lab.step).futures.size;
}

function checkScreen(screen: string[], lesson: Lesson, lang: Lang, level: Level, cols: number, where: string): void {
  const text = screen.join('\n');
  for (const row of screen) {
    expect(cells(row), `${where}: a row wider than the terminal\n${text}`).toBeLessThanOrEqual(cols);
    expect(row, `${where}: a character cut`).not.toContain('\uFFFD');
  }
  // The lesson's first-ranked panel stays at every size.
  const first = (lesson.panels ?? DEFAULT_PANELS)[0]!;
  expect(text, `${where}: ${first} panel kept`).toContain(TITLES[first][lang]);
  // "+N more" says exactly how many futures and tasks the panel leaves out.
  const rows = futuresRows(screen, TITLES.futures[lang]);
  if (rows) expect(rows.shown + rows.more, `${where}: futures shown + more\n${text}`).toBe(futuresAt(lesson, lang, level, stepOf(text)));
  if (lang === 'zh') for (const word of ENGLISH) expect(text, `${where}: English ${word} on a Chinese screen`).not.toMatch(word);
}

const cases = lessons.flatMap((lesson) => (['en', 'zh'] as const).flatMap((lang) => (['learner', 'exact'] as const).map((level) => [`${invocation(lesson).join(' ')} --lang ${lang} (${level})`, lesson, lang, level] as const)));

describe('every lesson at three sizes, in both languages, at both levels', () => {
  it.each(cases)('%s', async (_name, lesson, lang, level) => {
    const [cols0, rows0] = SIZES[0];
    const s = spawnSession(process.execPath, [join(root, 'bin/asyncio-lab.js'), ...invocation(lesson), '--step', '--lang', lang], { cwd: root, cols: cols0, rows: rows0 });
    sessions.push(s);
    // The key bar, whose words shorten on a narrow screen: its Ctrl+C key stays.
    const keyBar = 'c Ctrl+C';
    await s.waitFor((t) => /What to watch|看什么/.test(t), 'what to watch');
    s.write('n');
    await s.waitFor((t) => !/What to watch|看什么/.test(t) && stepOf(t) === 1 && t.includes(keyBar), 'the first step');
    if (level === 'exact') {
      const learnerSteps = Number(/\/(\d+)/.exec(/(?:step|步) \d+\/\d+/.exec(s.text())![0])![1]);
      s.write('v');
      await s.waitFor((t) => Number(/\/(\d+)/.exec(/(?:step|步) \d+\/\d+/.exec(t)?.[0] ?? '')?.[1]) > learnerSteps, 'the exact level');
    }
    for (const [cols, rows] of SIZES) {
      if (cols !== cols0) {
        s.resize(cols, rows);
        // The whole frame redrawn at the new size: its header (the step) and its key bar.
        await s.waitFor((t) => t.split('\n').every((r) => cells(r) <= cols) && t.includes(keyBar) && stepOf(t) > 0, `the frame at ${cols}×${rows}`);
      }
      for (let i = 0; i < STEPS_PER_SIZE; i++) {
        const before = stepOf(await s.waitFor((t) => stepOf(t) > 0 && t.includes(keyBar), 'a whole frame'));
        s.write('n');
        // A step past the last one stays there (the ending line ■ says how the run ended): then the frame at the same step is read.
        await s.waitFor((t) => (stepOf(t) > before || /^■ /m.test(t)) && t.includes(keyBar), `a step at ${cols}×${rows}`);
      }
      // The step shown complete: not the learner step still open at the frontier of a run being
      // simulated ("3/3+"), whose panels grow as its events stream in.
      await s.waitFor((t) => {
        const m = /(?:step|步) (\d+)\/(\d+)(\+)?/.exec(t);
        return m !== null && (m[3] === undefined || Number(m[1]) < Number(m[2])) && t.includes(keyBar);
      }, `a complete step at ${cols}×${rows}`);
      checkScreen(s.screen(), lesson, lang, level, cols, `${lesson.id} ${lang} ${level} ${cols}×${rows}`);
    }
    s.write('q');
    expect(await s.exited()).toBe(0);
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
  }, 60_000);
});
