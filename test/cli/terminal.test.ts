// The CLI in a real pseudo-terminal, on the fixture lessons: a real Ctrl+C during the paced plain
// view reaches the simulated program, and the bare command opens the menu.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, spawnSession, type Session } from '../e2e/pty.js';

const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const main = join(import.meta.dirname, 'fixtures', 'main.ts');
let session: Session | undefined;

function start(args: string[]): Session {
  session = spawnSession(tsx, [main, ...args], { cwd: root, env: { NO_COLOR: '1', LANG: 'en_US.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined } });
  return session;
}

afterEach(() => session?.kill());

describe('in a terminal', () => {
  it('delivers a real Ctrl+C to the program in the paced plain view', async () => {
    const s = start(['ticker', '--plain', '--speed', '2']);
    await s.waitFor((text) => text.includes('tick 1'), 'the first tick');
    s.write(KEYS.ctrlC);
    await s.waitFor((text) => text.includes('KeyboardInterrupt'), 'the KeyboardInterrupt');
    expect(await s.exited()).toBe(1);
    expect(s.text()).toMatch(/Ctrl\+C \(SIGINT #1\): KeyboardInterrupt raised in the main thread/);
    expect(s.text()).toContain('process exits with status 1');
  });

  it('opens the menu when run alone, and leaves it with q', async () => {
    const s = start([]);
    await s.waitFor((text) => text.includes('Greeting') && text.includes('ticker plain'), 'the menu');
    s.write('q');
    expect(await s.exited()).toBe(0);
  });

  it('runs the lesson chosen in the menu in the interactive view', async () => {
    const s = start([]);
    await s.waitFor((text) => text.includes('Greeting'), 'the menu');
    s.write(KEYS.enter);
    await s.waitFor((text) => text.includes('print("hi")'), "the lesson's source");
    s.write('q');
    expect(await s.exited()).toBe(0);
  });

  it('opens the interactive view for a lesson command in a terminal', async () => {
    const s = start(['greet', '--instant']);
    await s.waitFor((text) => text.includes('print("hi")'), "the lesson's source");
    s.write('q');
    expect(await s.exited()).toBe(0);
  });
});
