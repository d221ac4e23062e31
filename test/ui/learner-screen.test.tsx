// The learner level on screen (ink-testing-library): the lab opens at the learner level, whose
// explanation says what a step means in the program's terms, in English and Chinese; `v` switches
// to the exact level (every event, CPython's reprs) on the nearest step and back.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { LabApp } from '../../src/ui/components/LabApp.js';
import { programOf } from '../../src/ui/program.js';
import { findLessonById } from '../../src/scenarios/index.js';
import type { Lang } from '../../src/scenarios/types.js';

const ANSI = /\x1b\[[0-9;]*m/g;
const callLater = findLessonById('call-later')!;

async function until(check: () => boolean, what: string, frame: () => string): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}:\n${frame()}`);
}

function open(lang: Lang, startPaused = true) {
  const program = programOf(callLater, undefined, lang);
  const app = render(<LabApp init={{ program, options: { asWritten: false, debug: false, interrupts: [], until: callLater.defaultUntil }, speed: 1, instant: false, startPaused, watchFirst: true }} lang={lang} />);
  // ink-testing-library draws 100 columns; the explanation is joined across its two rows.
  const frame = () => (app.lastFrame() ?? '').replace(ANSI, '');
  const flat = () => frame().replace(/\n[ │]*/g, ' ').replace(/\s+/g, ' ');
  const steps = () => Number(/\/(\d+)/.exec(/step \d+\/\d+|步 \d+\/\d+/.exec(frame())?.[0] ?? '')?.[1]);
  const step = () => Number(/(?:step|步) (\d+)\//.exec(frame())?.[1]);
  return { app, frame, flat, steps, step };
}

describe('a lesson opens paused on what to watch', () => {
  it.each([
    ['en', 'What to watch:', 'space starts', 'Loop 1 created · Task-1 main() created'],
    ['zh', '看什么:', '空格开始播放', '创建事件循环 1 · 创建 Task-1 main()'],
  ] as const)('%s: the card, then space plays from the first step, explained', async (lang, heading, keys, first) => {
    // Not --step: without the card the lab would play at once.
    const { app, frame, flat, step } = open(lang, false);
    await until(() => frame().includes(heading), 'the card', frame);
    expect(flat()).toContain(keys);
    expect(flat()).toContain(callLater.explanation[lang].split('\n')[0]!.slice(0, 30));
    // Paused: the step does not move while the card is shown.
    await new Promise((r) => setTimeout(r, 400));
    expect(step()).toBe(1);
    expect(frame()).toMatch(/❚❚/);
    app.stdin.write('n');
    await until(() => !frame().includes(heading), 'the card to go', frame);
    // → showed the first step, explained, rather than moving past it.
    expect(step()).toBe(1);
    expect(flat()).toContain(first);
    app.stdin.write(' ');
    await until(() => step() > 1, 'playing', frame);
    app.unmount();
  });
});

describe('the learner level in the lab', () => {
  it('says what a step means, then v shows the same moment at the exact level and back', async () => {
    const { app, frame, flat, steps, step } = open('en');
    await until(() => steps() > 0 && !frame().includes('simulating'), 'the whole run', frame);
    const learnerSteps = steps();
    // The first key leaves the "What to watch" card.
    app.stdin.write('n');
    app.stdin.write('n');
    await until(() => flat().includes('Task-1 main() starts at line 6 · waits on sleep(0.5)'), 'the task step in words', flat);
    expect(step()).toBe(2);
    // The futures panel says what Task-1 waits on by name; the exact level shows CPython's repr.
    expect(frame()).toMatch(/Task-1 main\(\) PENDING · waiting on sleep\(0/);
    app.stdin.write('v');
    await until(() => steps() > learnerSteps, 'the exact level', frame);
    // The exact step showing the learner step's last event: the task's step has returned.
    expect(flat()).not.toContain('Task-1 main() starts');
    expect(frame()).toMatch(/<(_asyncio\.)?TaskStepMethW/);
    expect(frame()).toMatch(/Task-1 +PENDING main\(\) waits/);
    const exactStep = step();
    expect(exactStep).toBeGreaterThan(2);
    app.stdin.write('v');
    await until(() => steps() === learnerSteps, 'the learner level again', frame);
    expect(step()).toBe(2);
    app.unmount();
  });

  it('speaks Chinese at the learner level', async () => {
    const { app, frame, flat, steps } = open('zh');
    await until(() => steps() > 0 && !frame().includes('模拟中'), 'the whole run', frame);
    for (let i = 0; i < 4; i++) app.stdin.write('n');
    await until(() => flat().includes('事件循环在 select() 中睡到 0.100'), 'the wait in words', flat);
    app.stdin.write('n');
    await until(() => flat().includes('call_back(1, 1, 2) 运行(定时器到期)'), 'the timer callback in words', flat);
    app.unmount();
  });
});
