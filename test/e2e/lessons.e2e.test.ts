// Every lesson in the built CLI, in a real pseudo-terminal: the first frame shows the panels, keys
// step forward and back, playing reaches the end, q leaves and gives the terminal back. And Ctrl+C
// in `stop wait`: KeyboardInterrupt, the cancellations and the clean-up.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { KEYS, type Session, endedAfterEach, spawnSession } from './pty.js';
import { restoredAtExit } from './restore.js';

const root = join(import.meta.dirname, '../..');
const sessions = endedAfterEach();

function cli(args: string[], options: Parameters<typeof spawnSession>[2] = {}): Session {
  const s = spawnSession(process.execPath, [join(root, 'bin/asyncio-lab.js'), ...args], { cwd: root, cols: 110, rows: 32, ...options });
  sessions.push(s);
  return s;
}

const stepOf = (text: string) => Number(/step (\d+)\//.exec(text)?.[1]);
const timeOf = (text: string) => Number(/t = (\d+\.\d+) s/.exec(text)?.[1]);

// Lessons whose program is written (a lesson still being written has an empty trace).
const ready = lessons.filter((l) => l.run({ asWritten: false, debug: false, interrupts: [], until: l.defaultUntil }).events.length > 0);
const invocation = (l: (typeof lessons)[number]) => [l.command, ...(l.part ? [l.part] : [])];

describe('every lesson in the terminal', () => {
  it('has lessons to show', () => {
    expect(ready.length).toBeGreaterThan(0);
  });

  it.each(ready.map((l) => [invocation(l).join(' '), l] as const))('%s: panels, stepping, playing to the end, leaving', async (_name, lesson) => {
    const s = cli([...invocation(lesson), '--step', '--speed', '64']);
    // The lesson opens on what to watch; the first key shows the first step.
    await s.waitFor((t) => t.includes('What to watch') && t.includes('space starts'), 'what to watch');
    s.write('n');
    const first = await s.waitFor((t) => t.includes('TIMELINE') && t.includes('step 1/'), 'the first frame');
    for (const title of ['SOURCE', 'LOOP', 'FUTURES & TASKS', 'OUTPUT', 'q quit']) expect(first).toContain(title);
    expect(first).toContain(lesson.asWritten.file);
    s.write(KEYS.right);
    await s.waitFor((t) => stepOf(t) === 2, 'step 2');
    s.write('n');
    await s.waitFor((t) => stepOf(t) === 3, 'step 3');
    s.write(KEYS.left);
    await s.waitFor((t) => stepOf(t) === 2, 'back to step 2');
    s.write(' ');
    await s.waitFor((t) => /the program exited with status \d+|still running|the process hangs/.test(t), 'playing to the end', 30_000);
    s.write('q');
    expect(await s.exited()).toBe(0);
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
  });
});

describe('Ctrl+C in stop wait', () => {
  it.runIf(ready.some((l) => l.id === 'stop-wait'))('shows KeyboardInterrupt, the cancellations and the clean-up', async () => {
    const s = cli(['stop', 'wait', '--step']);
    await s.waitFor((t) => t.includes('What to watch'), 'what to watch');
    s.write('n');
    await s.waitFor((t) => t.includes('step 1/') && t.includes('SOURCE'), 'the first frame');
    // One loop iteration at a time until Task-1 has finished (1 s) and the others still wait.
    for (let i = 0; i < 100 && !(timeOf(s.text()) >= 1); i++) {
      const before = stepOf(s.text());
      s.write(KEYS.down);
      await s.waitFor((t) => stepOf(t) !== before, 'the next iteration');
    }
    expect(timeOf(s.text())).toBeGreaterThanOrEqual(1);
    s.write(KEYS.ctrlC);
    // (The source panel already shows `except KeyboardInterrupt` beside the pointer on line 22.)
    const hit = await s.waitFor((t) => /Ctrl\+C: KeyboardInterrupt is raised in MainThread/.test(t), 'KeyboardInterrupt arriving');
    expect(hit).toMatch(/KeyboardInterrupt/);
    s.write(' ');
    const end = await s.waitFor((t) => t.includes('the program exited with status 0'), 'the clean-up and the exit', 30_000);
    expect(end.match(/任务是否cancelled\?\? True/g)?.length).toBe(3);
    expect(end).toContain('CANCELLED');
    expect(end).toContain('LOOP MainThread · closed');
    s.write(KEYS.ctrlC);
    expect(await s.exited()).toBe(0);
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
  });
});
