// `asyncio-lab run program.py --interpreter python3` in a real pseudo-terminal: the lab opens on the
// recorded program, steps forward and back, Ctrl+C records the program again with KeyboardInterrupt
// in the selector wait, and q gives the terminal back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS, endedAfterEach, spawnSession } from './pty.js';
import { restoredAtExit } from './restore.js';

const root = join(import.meta.dirname, '../..');
const sessions = endedAfterEach();
const stepOf = (text: string) => Number(/step (\d+)\//.exec(text)?.[1]);
const timeOf = (text: string) => Number(/t = (\d+\.\d+) s/.exec(text)?.[1]);

const PROGRAM = `import asyncio

async def main():
    print("sleeping")
    await asyncio.sleep(2)
    print("woke up")

try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("interrupted")
`;

describe('a Python program of your own in the terminal', () => {
  it('steps forward and back, takes a Ctrl+C in the selector wait, and leaves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-e2e-'));
    const file = join(dir, 'sleepy.py');
    writeFileSync(file, PROGRAM);
    const s = spawnSession(process.execPath, [join(root, 'bin/asyncio-lab.js'), 'run', file, '--interpreter', 'python3', '--step'], { cwd: dir, cols: 110, rows: 32 });
    sessions.push(s);
    const first = await s.waitFor((t) => t.includes('TIMELINE') && t.includes('step 1/'), 'the first frame', 30_000);
    expect(first).toContain('sleepy.py');
    s.write(KEYS.right);
    await s.waitFor((t) => stepOf(t) === 2, 'step 2');
    s.write(KEYS.left);
    await s.waitFor((t) => stepOf(t) === 1, 'back to step 1');
    // One loop iteration at a time until the loop waits in select for the 2 s sleep.
    for (let i = 0; i < 50 && !s.text().includes('sleeping'); i++) {
      const before = stepOf(s.text());
      s.write(KEYS.down);
      await s.waitFor((t) => stepOf(t) !== before, 'the next iteration');
    }
    expect(timeOf(s.text())).toBeLessThan(2);
    s.write(KEYS.ctrlC);
    s.write(' ');
    const end = await s.waitFor((t) => t.includes('the program exited with status 0'), 'the interrupted run to its end', 30_000);
    const output = end.slice(end.indexOf('OUTPUT'));
    expect(output).toContain('interrupted');
    expect(output).not.toContain('woke up');
    s.write('q');
    expect(await s.exited()).toBe(0);
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
  });
});
