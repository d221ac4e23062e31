// The lab's own words in the chosen language, read off a real pseudo-terminal at 120×36, 80×24 and
// 60×18: the header, the loop panel's state and select line, the timeline's header, the explanation
// (wrapped without a line starting with punctuation) and the key bar.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cells } from '../../src/ui/format.js';
import { type Session, spawnSession } from './pty.js';

const root = join(import.meta.dirname, '../..');
const sessions: Session[] = [];

beforeAll(() => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
});

afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

/** call-later paused after `steps` steps (the loop has run its first select). */
async function screenAt(lang: 'zh' | 'en', cols: number, rows: number, steps = 12): Promise<string[]> {
  const s = spawnSession(process.execPath, [join(root, 'bin/asyncio-lab.js'), 'call-later', '--step', '--lang', lang], { cwd: root, cols, rows });
  sessions.push(s);
  await s.waitFor((t) => /asyncio-lab · call/.test(t), 'the lab');
  for (let i = 1; i <= steps; i++) {
    s.write('n');
    // The header is written first: wait for the frame's last panel too, not a frame half drawn.
    await s.waitFor((t) => new RegExp(`(step|步) ${i + 1}/`).test(t) && /OUTPUT|输出/.test(t), `step ${i + 1}`);
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
    for (const word of ['轮 1', '步 13/', '时间线', '输出', '暂停', 'FUTURE 与 TASK']) expect(text).toContain(word);
    if (text.includes('事件循环')) {
      expect(text).toContain('运行中');
      // At 60×18 the LOOP panel may keep only its first rows (call-later ranks it first, see layout.ts).
      if (/select\s/.test(text)) expect(text).toMatch(/select\s+0\.000 醒来\(有就绪回调,不等待,睡了 0\.000 秒\)|select\s+0\.000 醒来/);
      else expect(text).toMatch(/就绪/);
    }
    for (const english of ['TIMELINE', 'OUTPUT', 'iteration', 'step ', 'paused', 'woke at', 'waiting in', '· running', 'slept']) expect(text).not.toContain(english);
    for (const row of screen) {
      expect(cells(row)).toBeLessThanOrEqual(cols);
      expect(row, `a row starting with punctuation at ${cols}×${rows}`).not.toMatch(LEADING_PUNCTUATION);
    }
  });

  it('speaks English with --lang en', async () => {
    const text = (await screenAt('en', cols, rows)).join('\n');
    for (const word of ['iteration 1', 'step 13/', 'TIMELINE', 'OUTPUT', 'paused']) expect(text).toContain(word);
    if (/select\s/.test(text)) expect(text).toMatch(/select\s+woke at 0\.000 \(immediate/);
    else if (text.includes('LOOP')) expect(text).toMatch(/ready/);
    expect(text).not.toMatch(/[轮步暂停醒来]/);
  });
});
