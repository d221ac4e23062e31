// The lab's own words in the chosen language, read off a real pseudo-terminal at 120×36, 80×24 and
// 60×18: the header, the loop panel's state and select line, the timeline's header, the explanation
// (wrapped without a line starting with punctuation) and the key bar.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cells } from '../../src/ui/format.js';
import { endedAfterEach, spawnSession } from './pty.js';

const root = join(import.meta.dirname, '../..');
const sessions = endedAfterEach();

/** call-later paused after `steps` learner steps (Task-1 has run its first step, in iteration 1). */
async function screenAt(lang: 'zh' | 'en', cols: number, rows: number, steps = 1): Promise<string[]> {
  const s = spawnSession(process.execPath, [join(root, 'bin/asyncio-lab.js'), 'call-later', '--step', '--lang', lang], { cwd: root, cols, rows });
  sessions.push(s);
  await s.waitFor((t) => /asyncio-lab · call/.test(t) && /What to watch|看什么/.test(t), 'the lab on what to watch');
  // The first key leaves the card for the first step.
  s.write('n');
  await s.waitFor((t) => /OUTPUT|输出/.test(t), 'the panels');
  for (let i = 1; i <= steps; i++) {
    s.write('n');
    // The header is written first: wait for the frame's last panel and its key bar too, not a frame half drawn.
    await s.waitFor((t) => new RegExp(`(step|步) ${i + 1}/`).test(t) && /OUTPUT|输出/.test(t) && /paused|暂停/.test(t), `step ${i + 1}`);
  }
  const screen = s.screen();
  s.write('q');
  expect(await s.exited()).toBe(0);
  return screen;
}

const LEADING_PUNCTUATION = /^\s*[,.:;!?)\]，。：；、！？）]/;
const sizes = [
  [120, 36],
  [80, 24],
  [60, 18],
] as const;

describe.each(sizes)('the lab at %i×%i', (cols, rows) => {
  it('speaks Chinese with --lang zh', async () => {
    const screen = await screenAt('zh', cols, rows);
    const text = screen.join('\n');
    for (const word of ['轮 1', '步 2/', '时间线', '输出', '暂停', 'FUTURE 与 TASK']) expect(text).toContain(word);
    if (text.includes('事件循环')) {
      expect(text).toContain('运行中');
      // At 60×18 the LOOP panel may keep only its first rows (call-later ranks it first, see layout.ts).
      if (/select\s/.test(text)) expect(text).toMatch(/select\s+0\.000 醒来\(有就绪回调,不等待,睡了 0\.000 秒\)|select\s+0\.000 醒来/);
      else expect(text).toMatch(/就绪/);
    }
    // The learner step in words (wrapped anywhere: read across the rows).
    expect(screen.map((r) => r.trim()).join('')).toMatch(/Task-1 main\(\) 开始执行\(第 ?\d+ ?行\)/);
    for (const english of ['TIMELINE', 'OUTPUT', 'iteration', 'step ', 'paused', 'woke at', 'waiting in', '· running', 'slept']) expect(text).not.toContain(english);
    for (const row of screen) {
      expect(cells(row)).toBeLessThanOrEqual(cols);
      expect(row, `a row starting with punctuation at ${cols}×${rows}`).not.toMatch(LEADING_PUNCTUATION);
    }
  });

  it('speaks English with --lang en', async () => {
    const text = (await screenAt('en', cols, rows)).join('\n');
    for (const word of ['iteration 1', 'step 2/', 'TIMELINE', 'OUTPUT', 'paused']) expect(text).toContain(word);
    // The learner step in words, read across the explanation's rows.
    expect(text.split('\n').map((r) => r.trim()).join(' ')).toMatch(/Task-1 main\(\) starts at line \d+ · waits on sleep\(0\.5\)/);
    if (/select\s/.test(text)) expect(text).toMatch(/select\s+woke at 0\.000 \(immediate/);
    else if (text.includes('LOOP')) expect(text).toMatch(/ready/);
    expect(text).not.toMatch(/[轮步暂停醒来]/);
  });
});
