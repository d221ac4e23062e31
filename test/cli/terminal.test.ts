// The CLI in a real pseudo-terminal, on the fixture lessons: a real Ctrl+C during the paced plain
// view reaches the simulated program, and the bare command opens the menu.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, spawnSession, type Session } from '../e2e/pty.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'asyncio-lab.js');
const main = join(import.meta.dirname, 'fixtures', 'main.ts');
let session: Session | undefined;

const env = { NO_COLOR: '1', LANG: 'en_US.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined };

/**
 * The CLI on the fixture lessons, in node with tsx's loader (not the tsx command, whose parent
 * process relays a SIGINT and kills the program if it has not answered within 60 ms).
 */
function start(args: string[]): Session {
  session = spawnSession(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env });
  return session;
}

/** The built binary on the real lessons. */
function startBinary(args: string[]): Session {
  session = spawnSession(process.execPath, [bin, ...args], { cwd: root, env });
  return session;
}

/**
 * Presses `key` until the screen shows `what`: the first key can arrive before the UI listens to
 * stdin (its input hook attaches just after the first frame is drawn).
 */
async function pressUntil(s: Session, key: string, predicate: (text: string) => boolean, what: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    s.write(key);
    try {
      await s.waitFor(predicate, what, 1000);
      return;
    } catch (error) {
      if (attempt === 10) throw error;
    }
  }
}

/** Presses q until the program exits (see pressUntil); resolves to its exit status. */
async function quit(s: Session): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    s.write('q');
    try {
      return await s.exited(1000);
    } catch (error) {
      if (attempt === 10) throw error;
    }
  }
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root });
});

afterEach(() => session?.kill());

describe('in a terminal', () => {
  it('delivers a real Ctrl+C to the program in the paced plain view', async () => {
    const s = start(['ticker', '--plain', '--speed', '2']);
    await s.waitFor((text) => text.includes('tick 1'), 'the first tick');
    s.write(KEYS.ctrlC);
    await s.waitFor((text) => text.includes('KeyboardInterrupt'), 'the KeyboardInterrupt');
    expect(await s.exited()).toBe(1);
    expect(s.text()).toMatch(/Ctrl\+C: KeyboardInterrupt is raised in MainThread/);
    expect(s.text()).toContain('the process exits with status 1');
  });

  it('opens the menu when run alone, and leaves it with q', async () => {
    const s = start([]);
    await s.waitFor((text) => text.includes('Greeting') && text.includes('ticker plain'), 'the menu');
    expect(await quit(s)).toBe(0);
  });

  it('runs the lesson chosen in the menu in the interactive view, then shows the menu again', async () => {
    const s = start([]);
    await s.waitFor((text) => text.includes('Greeting'), 'the menu');
    await pressUntil(s, 'j', (text) => text.includes('▶ ticker plain'), 'the second lesson selected');
    s.write('k');
    await s.waitFor((text) => text.includes('▶ greet'), 'the first lesson selected');
    s.write(KEYS.enter);
    // The lesson opens paused on what to watch; a step key shows the panels.
    await s.waitFor((text) => text.includes('What greet shows.') && text.includes('space starts'), 'what to watch');
    // Opened from the menu, the lesson runs as the lab's default Python, and the header says which.
    expect(s.text()).toContain('asyncio-lab · greet · Python 3.14');
    s.write('n');
    await s.waitFor((text) => text.includes('print("hi")'), "the lesson's source");
    // Leaving the lesson comes back to the menu; leaving the menu ends the program.
    await pressUntil(s, 'q', (text) => text.includes('Pick a lesson') && !text.includes('print("hi")'), 'the menu again');
    expect(await quit(s)).toBe(0);
  });

  it('cycles the Python version with p through all five from the current one, simulating the lesson again each time', async () => {
    const s = startBinary(['call-soon', '--as-written', '--python', '3.13', '--instant']);
    const header = (text: string) => /asyncio-lab · call-soon · Python (3\.1\d) .* step \d+\/(\d+)/.exec(text);
    // The view keeps its time (as t does): 3.14 and 3.15 stop the article's program at its first
    // asyncio line (a run of two steps, the error shown); 3.11 to 3.13 run it whole.
    const stopped = (text: string) => text.includes("RuntimeError: There is no current event loop in thread 'MainThread'.");
    const steps = (text: string) => Number(header(text)?.[2]);
    await s.waitFor((text) => header(text)?.[1] === '3.13' && steps(text) > 2, 'Python 3.13');
    // The key is read once the first frame is drawn; one press per version from here.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const python of ['3.14', '3.15', '3.11', '3.12', '3.13']) {
      s.write('p');
      const runs = python === '3.14' || python === '3.15' ? (text: string) => stopped(text) && steps(text) === 2 : (text: string) => !stopped(text) && steps(text) > 2;
      await s.waitFor((text) => header(text)?.[1] === python && text.includes(`now running as Python ${python}`) && runs(text), `Python ${python} in the header, and its run`);
    }
    expect(await quit(s)).toBe(0);
  });

  it('opens the interactive view for a lesson command in a terminal', async () => {
    const s = start(['greet', '--instant']);
    await s.waitFor((text) => text.includes('print("hi")'), "the lesson's source");
    expect(await quit(s)).toBe(0);
  });

  it("stops the article's tasks with a real Ctrl+C (stop wait, paced plain)", async () => {
    const s = startBinary(['stop', 'wait', '--output-only', '--speed', '1']);
    // The three tasks print at once, then sleep 1, 2 and 3 s: Ctrl+C lands while they wait.
    await s.waitFor((text) => text.includes('Waiting:  3'), 'the three tasks waiting');
    s.write(KEYS.ctrlC);
    await s.waitFor((text) => (text.match(/任务是否cancelled\?\? True/g) ?? []).length >= 3, 'the tasks cancelled');
    expect(await s.exited()).toBe(0);
  });

  it('needs a second Ctrl+C for a program that hangs at shutdown (threads queue)', async () => {
    const s = startBinary(['threads', 'queue', '--output-only', '--speed', '4']);
    // main : 3 is printed at 3 s (0.75 s of wall time at 4x); then the main thread blocks in q.get() forever.
    await s.waitFor((text) => text.includes('main : 3'), 'the last result');
    s.write(KEYS.ctrlC);
    await s.waitFor((text) => text.includes('KeyboardInterrupt'), 'the first KeyboardInterrupt, in q.get()');
    expect(s.text()).toContain('x = q.get()');
    // Still running: interpreter shutdown joins the loop thread, which never ends.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    s.write(KEYS.ctrlC);
    // As 3.14, the default, reports it (3.11 and 3.12 say "Exception ignored in: <module 'threading' ...>").
    await s.waitFor((text) => text.includes('Exception ignored on threading shutdown:'), 'the second KeyboardInterrupt, in _shutdown');
    expect(await s.exited()).toBe(130);
  });
});
