// The lesson menu in a real pseudo-terminal: keys sent in one burst open the row they reach; after a
// lesson and q the menu is drawn whole, once, with no rows of an older copy around it, and the opened
// lesson marked ✓ (kept in a temporary XDG_CONFIG_HOME); leaving gives the shell's screen back.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { KEYS, type Session, spawnSession } from './pty.js';

const root = join(import.meta.dirname, '../..');
const sessions: Session[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function menu(lang: 'zh' | 'en', xdg: string, cols = 80, rows = 24): Session {
  const s = spawnSession(process.execPath, [join(root, 'bin/asyncio-lab.js'), '--lang', lang], { cwd: root, cols, rows, env: { XDG_CONFIG_HOME: xdg } });
  sessions.push(s);
  return s;
}

const title = { zh: '选择一课', en: 'Pick a lesson' } as const;
const commandRows = (text: string) => text.split('\n').filter((r) => /^[▶ ] {1,3}(\S+( \S+)?|--variant \S+)\s{2,}/.test(r));

describe.each(['en', 'zh'] as const)('the menu in %s at 80×24', (lang) => {
  it('opens the row a burst of keys reaches, comes back whole after q, marks the lesson seen', async () => {
    const xdg = mkdtempSync(join(tmpdir(), 'asyncio-lab-xdg-'));
    dirs.push(xdg);
    const s = menu(lang, xdg);
    await s.waitFor((t) => t.includes(title[lang]) && t.includes('threads daemon'), 'the menu');
    const first = s.screen();
    // Down, down, enter in one write: call-at.
    s.write(KEYS.down + KEYS.down + KEYS.enter);
    await s.waitFor((t) => t.includes('asyncio-lab · call-at'), 'the call-at lesson');
    s.write('q');
    await s.waitFor((t) => t.includes(title[lang]) && t.includes('✓'), 'the menu again');
    await s.waitFor(() => true, 'a flushed screen');
    const again = s.screen();
    // The same rows as the first time, in place: only the selection and the mark moved.
    expect(again.filter((r) => r.includes(title[lang]))).toHaveLength(1);
    expect(again.findIndex((r) => r.includes(title[lang]))).toBe(first.findIndex((r) => r.includes(title[lang])));
    expect(commandRows(again.join('\n'))).toHaveLength(commandRows(first.join('\n')).length);
    for (const lesson of lessons) expect(again.filter((r) => r.startsWith(`  ${lesson.command}`) || r.startsWith(`▶ ${lesson.command}`)).length).toBeGreaterThan(0);
    expect(again.filter((r) => / call-soon /.test(` ${r} `))).toHaveLength(1);
    // Nothing below the menu but its one line about the marks.
    const last = again.findLastIndex((r) => r.trim() !== '');
    expect(again[last]).toContain('--reset-seen');
    expect(again.find((r) => r.startsWith('▶'))).toMatch(/^▶ call-at\s+✓ /);
    expect(JSON.parse(readFileSync(join(xdg, 'asyncio-lab', 'seen.json'), 'utf8'))).toEqual({ seen: ['call-at'] });
    s.write('q');
    expect(await s.exited()).toBe(0);
    // The shell's screen is given back without a copy of the menu on it.
    expect(s.bufferType()).toBe('normal');
    expect(s.text()).not.toContain(title[lang]);
  });
});

describe('the menu with a config folder it cannot write', () => {
  it('opens lessons without an error and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-xdg-'));
    dirs.push(dir);
    const blocked = join(dir, 'file');
    writeFileSync(blocked, '');
    const s = menu('en', blocked);
    await s.waitFor((t) => t.includes('threads daemon'), 'the menu');
    s.write(KEYS.enter);
    await s.waitFor((t) => t.includes('asyncio-lab · call-soon'), 'the lesson');
    s.write('q');
    await s.waitFor((t) => t.includes(title.en) && !t.includes('asyncio-lab · call-soon'), 'the menu again');
    expect(s.text()).not.toContain('✓');
    expect(s.text()).not.toMatch(/error/i);
    s.write('q');
    expect(await s.exited()).toBe(0);
    expect(readFileSync(blocked, 'utf8')).toBe('');
  });
});
