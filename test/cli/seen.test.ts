// The menu's seen marks: kept in $XDG_CONFIG_HOME/asyncio-lab (else ~/.config/asyncio-lab), cleared
// by `asyncio-lab list --reset-seen`, and never an error when the folder cannot be written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configDir, markSeen, readSeen, resetSeen, seenKey } from '../../src/commands/seen.js';

const dirs: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-seen-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the seen marks', () => {
  it('live in XDG_CONFIG_HOME/asyncio-lab, else in ~/.config/asyncio-lab', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x/conf', HOME: '/home/a' })).toBe('/x/conf/asyncio-lab');
    expect(configDir({ HOME: '/home/a' })).toBe('/home/a/.config/asyncio-lab');
    // A relative XDG_CONFIG_HOME is invalid by the spec: ignored.
    expect(configDir({ XDG_CONFIG_HOME: 'conf', HOME: '/home/a' })).toBe('/home/a/.config/asyncio-lab');
  });

  it('are written when a lesson is seen, read back, and reset', () => {
    const env = { XDG_CONFIG_HOME: temp() };
    expect(readSeen(env).size).toBe(0);
    markSeen(env, seenKey('call-later'));
    const after = markSeen(env, seenKey('future', 'stop-in-batch'));
    expect([...after].sort()).toEqual(['call-later', 'future:stop-in-batch']);
    expect(JSON.parse(readFileSync(join(env.XDG_CONFIG_HOME, 'asyncio-lab', 'seen.json'), 'utf8'))).toEqual({ seen: ['call-later', 'future:stop-in-batch'] });
    expect([...readSeen(env)].sort()).toEqual(['call-later', 'future:stop-in-batch']);
    expect(resetSeen(env)).toBe(true);
    expect(readSeen(env).size).toBe(0);
  });

  it('write nothing and throw nothing when the folder cannot be written', () => {
    // A file where the config folder should be: no folder can be made under it (as root too).
    const blocked = join(temp(), 'not-a-folder');
    writeFileSync(blocked, 'x');
    const env = { XDG_CONFIG_HOME: blocked };
    expect(() => markSeen(env, 'call-soon')).not.toThrow();
    expect(markSeen(env, 'call-soon').size).toBe(0);
    expect(existsSync(join(blocked, 'asyncio-lab'))).toBe(false);
    expect(readFileSync(blocked, 'utf8')).toBe('x');
    expect(readSeen(env).size).toBe(0);
  });

  it('ignore a file that is not theirs', () => {
    const env = { XDG_CONFIG_HOME: temp() };
    markSeen(env, 'call-soon');
    writeFileSync(join(env.XDG_CONFIG_HOME, 'asyncio-lab', 'seen.json'), '{ not json');
    expect(readSeen(env).size).toBe(0);
  });
});
