// `asyncio-lab run program.py` can always be left at once, in a real pseudo-terminal: while the
// embedded Python loads, while a program is recorded, and in the lab while a run is recorded again.
// The recorder runs in a process beside the lab's; after leaving, the terminal's modes are the
// shell's again and no recorder process is left (they are found by the program's unique folder,
// which is in their command line).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS, type Session, endedAfterEach, spawnSession } from './pty.js';
import { restoredAtExit } from './restore.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/asyncio-lab.js');
const sessions = endedAfterEach();

const SLEEPY = `import asyncio

async def main():
    print("start")
    await asyncio.sleep(1)
    print("done")

asyncio.run(main())
`;

/** Busy for about `seconds` of wall time in a callback, then done: a recording that takes that long. */
const busy = (seconds: number) => `import asyncio

def spin():
    n = 0
    while n < ${Math.round(seconds * 2_000_000)}:
        n += 1

async def main():
    asyncio.get_running_loop().call_soon(spin)
    await asyncio.sleep(0.1)
    print("spun")

asyncio.run(main())
`;

/** The program in a folder of its own: the recorder processes' command lines name it. */
function programFile(name: string, text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-leave-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

/** The processes whose command line names `dir` (the recorder's, started for a program there). */
function processesFor(dir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => line.includes(dir) && !line.includes('ps -eo'));
}

/**
 * The command, then `stty -a` in the same terminal: what it left the terminal's modes as. The shell
 * outlives a Ctrl+C typed at the cooked terminal (it goes to the whole foreground group), as a
 * user's interactive shell does; the trap is reset to the default in the command it starts.
 */
function thenStty(args: string[], cwd: string): Session {
  const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
  const s = spawnSession('/bin/sh', ['-c', `trap true INT; ${command}; echo "lab exited $?"; stty -a`], { cwd, cols: 110, rows: 32 });
  sessions.push(s);
  return s;
}

/** Waits for the command's status and stty's modes, and checks the terminal is the shell's again. */
async function givenBack(s: Session, status: string): Promise<string> {
  const after = await s.waitFor((t) => t.includes(`lab exited ${status}`) && /(^|\s)-?icanon(\s|$)/m.test(t) && /(^|\s)-?echo(\s|$)/m.test(t), 'stty after leaving', 20_000);
  expect(s.bufferType()).toBe('normal');
  expect(after).toMatch(/(^|\s)icanon(\s|$)/m);
  expect(after).toMatch(/(^|\s)echo(\s|$)/m);
  return after;
}

// `npm test` builds before it runs the tests; building again here would rewrite the embedded
// engine's runner while other test files start it. Run on its own, the test builds what is missing.
describe('leaving while the embedded Python loads', () => {
  it('says it is loading, and Ctrl+C leaves at once (status 130) with the terminal as it was and no recorder left', async () => {
    const { dir, file } = programFile('sleepy.py', SLEEPY);
    const s = thenStty(['run', file], dir);
    await s.waitFor((t) => t.includes('loading CPython 3.14'), 'the loading line', 20_000);
    expect(processesFor(dir).length).toBeGreaterThan(0);
    s.write(KEYS.ctrlC);
    const after = await givenBack(s, '130');
    expect(after).not.toContain('loading CPython');
    expect(processesFor(dir)).toEqual([]);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('leaves on %s (status %s) and leaves no recorder', async (signal, status) => {
    const { dir, file } = programFile('sleepy.py', SLEEPY);
    const s = spawnSession(process.execPath, [bin, 'run', file], { cwd: dir, cols: 110, rows: 32 });
    sessions.push(s);
    await s.waitFor((t) => t.includes('loading CPython 3.14'), 'the loading line', 20_000);
    s.signal(signal);
    expect(await s.exited(20_000)).toBe(status);
    expect(processesFor(dir)).toEqual([]);
  });
});

describe('leaving while a program is recorded on a local python3', () => {
  it('leaves on SIGTERM in the middle of a long callback, and leaves no python3 running', async () => {
    const { dir, file } = programFile('busy.py', busy(8));
    const s = spawnSession(process.execPath, [bin, 'run', file, '--interpreter', 'python3'], { cwd: dir, cols: 110, rows: 32 });
    sessions.push(s);
    await s.waitFor((t) => t.includes('recording busy.py'), 'the recording line', 20_000);
    expect(processesFor(dir).length).toBeGreaterThan(0);
    s.signal('SIGTERM');
    expect(await s.exited(20_000)).toBe(143);
    expect(processesFor(dir)).toEqual([]);
  });
});

/** Quick to record, until a Ctrl+C: then it computes in C for ever (no trace event, no budget check). */
const STUCK_AFTER_CTRL_C = `import asyncio

async def main():
    await asyncio.sleep(1)

try:
    asyncio.run(main())
except KeyboardInterrupt:
    sum(range(10 ** 15))
`;

describe('the lab while the program is recorded again', () => {
  it('keeps drawing and answers q while a Ctrl+C run is recorded, and leaves no recorder', async () => {
    const { dir, file } = programFile('stuck.py', STUCK_AFTER_CTRL_C);
    const s = thenStty(['run', file, '--interpreter', 'python3', '--step'], dir);
    await s.waitFor((t) => t.includes('TIMELINE') && t.includes('step 1/'), 'the first frame', 40_000);
    // Ctrl+C in the lab: the program is recorded again, and this time never ends.
    s.write(KEYS.ctrlC);
    s.write(KEYS.space);
    await s.waitFor(() => processesFor(dir).length > 0, 'the second recording', 10_000);
    s.write('q');
    await givenBack(s, '0');
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
    expect(processesFor(dir)).toEqual([]);
  });
});

describe('the streamed views', () => {
  it('--json stops quietly when its reader goes away, and leaves no recorder', () => {
    const { dir, file } = programFile('sleepy.py', SLEEPY);
    const run = spawnSync('bash', ['-c', `'${process.execPath}' '${bin}' run '${file}' --interpreter python3 --json | head -n 1; echo "status \${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const lines = run.stdout.trim().split('\n');
    expect(JSON.parse(lines[0]!)).toHaveProperty('type');
    expect(lines.at(-1)).toMatch(/^status (0|141)$/);
    expect(run.stderr).toBe('');
    expect(processesFor(dir)).toEqual([]);
  });
});
