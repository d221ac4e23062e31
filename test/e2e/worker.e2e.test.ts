// The built CLI with programs that never give control back or never end: the simulation runs in a
// worker thread, so the lab draws, answers q, Ctrl+C, SIGTERM and SIGHUP, and gives the terminal
// back (cursor, alternate screen, raw mode) with nothing left running; the streamed views stop at
// a budget with one line, and stop quietly when their reader goes away.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS, type Session, endedAfterEach, spawnSession } from './pty.js';
import { restoredAtExit } from './restore.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/asyncio-lab.js');
const spin = join(import.meta.dirname, 'scenarios/spin.mjs');
const soonForever = join(import.meta.dirname, 'scenarios/soon-forever.mjs');
const sessions = endedAfterEach();

/** The lab, then `stty -a` in the same terminal: what the lab left the terminal's modes as. */
function labThenStty(args: string[]): Session {
  const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
  const s = spawnSession('/bin/sh', ['-c', `${command}; echo "lab exited $?"; stty -a`], { cwd: root, cols: 110, rows: 32 });
  sessions.push(s);
  return s;
}

function lab(args: string[]): Session {
  const s = spawnSession(process.execPath, [bin, ...args], { cwd: root, cols: 110, rows: 32 });
  sessions.push(s);
  return s;
}

/** Waits for stty's local-mode line after the lab left, and checks the terminal is given back. */
async function givenBack(s: Session, status: string): Promise<void> {
  const after = await s.waitFor((t) => t.includes(`lab exited ${status}`) && /(^|\s)-?icanon(\s|$)/m.test(t) && /(^|\s)-?echo(\s|$)/m.test(t), 'stty after the lab', 20_000);
  expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
  expect(s.bufferType()).toBe('normal');
  expect(after).toMatch(/(^|\s)icanon(\s|$)/m);
  expect(after).toMatch(/(^|\s)echo(\s|$)/m);
}

describe('a program that never gives control back, in the lab', () => {
  it('draws, and leaves on q with the terminal given back', async () => {
    const s = labThenStty(['run', spin]);
    await s.waitFor((t) => t.includes('SOURCE') && t.includes('simulating'), 'the first frame');
    s.write('q');
    await givenBack(s, '0');
  });

  it('leaves on three Ctrl+C within a second (status 130)', async () => {
    const s = labThenStty(['run', spin]);
    await s.waitFor((t) => t.includes('SOURCE'), 'the first frame');
    // Keys can reach the lab before its input hook listens: press again until it leaves.
    for (let attempt = 0; attempt < 5 && !s.text().includes('lab exited'); attempt++) {
      s.write(KEYS.ctrlC + KEYS.ctrlC + KEYS.ctrlC);
      await s.waitFor((t) => t.includes('lab exited'), 'leaving', 3000).catch(() => undefined);
    }
    await givenBack(s, '130');
  });

  it.each([
    ['SIGTERM', '143'],
    ['SIGHUP', '129'],
  ] as const)('leaves on %s (status %s)', async (signal, status) => {
    const s = lab(['run', spin]);
    await s.waitFor((t) => t.includes('SOURCE'), 'the first frame');
    s.signal(signal);
    expect(await s.exited(20_000)).toBe(Number(status));
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
  });
});

describe('a call_soon chain that never ends', () => {
  it('plays in the lab while it is simulated, and leaves on q', async () => {
    const s = labThenStty(['run', soonForever, '--max-instant-events', '200000']);
    await s.waitFor((t) => /step \d+\/\d+/.test(t) && t.includes('call_soon'), 'steps of the chain');
    s.write('q');
    await givenBack(s, '0');
  });

  it('c raises KeyboardInterrupt inside the running callback (its traceback on screen); three Ctrl+C still leave', async () => {
    const s = labThenStty(['run', soonForever, '--max-instant-events', '100000000']);
    await s.waitFor((t) => Number(/step (\d+)\//.exec(t)?.[1] ?? 0) > 20, 'the chain running');
    s.write('c');
    // CPython's traceback: the callback's frame, under run_forever's and _run_once's.
    const shown = await s.waitFor((t) => t.includes('KeyboardInterrupt') && t.includes('in again'), 'the KeyboardInterrupt in the callback', 30_000);
    expect(shown).toContain('loop.call_soon(again)');
    s.write(KEYS.ctrlC + KEYS.ctrlC + KEYS.ctrlC);
    // 0 once the lab knows the program has exited (one Ctrl+C leaves then), 130 before.
    const left = await s.waitFor((t) => /lab exited (0|130)/.test(t), 'leaving', 20_000);
    await givenBack(s, /lab exited (0|130)/.exec(left)![1]!);
  });

  it('--json stops at the budget with one line, the NDJSON valid up to there (status 3)', () => {
    const run = spawnSync(process.execPath, [bin, 'run', soonForever, '--json', '--max-instant-events', '5000'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(3);
    const lines = run.stdout.trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as { type: string });
    expect(records.length).toBe(5001);
    expect(records.at(-1)).toMatchObject({ type: 'stopped_watching', budget: 'instantEvents', limit: 5000 });
    // The chain never waits, but each of its loop's reads of the clock moves `t` by a 1 µs tick.
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(
      /^stopped at 0\.00\d s: 5,000 events happened without simulated time advancing by a wait, the budget of events per instant; raise it with --max-instant-events <n>$/,
    );
  });

  it('--json into a reader that closes early (| head) stops quietly', () => {
    const run = spawnSync('/bin/sh', ['-c', `'${process.execPath}' '${bin}' run '${soonForever}' --json | head -2; echo "status \${PIPESTATUS:-done}"`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.stdout.split('\n').slice(0, 2).map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['line', 'line']);
    expect(run.stderr).toBe('');
  });

  it('--plain with a synchronous infinite loop leaves on SIGTERM', async () => {
    const s = lab(['run', spin, '--plain']);
    await s.waitFor((t) => t.includes('A loop that never yields'), 'the intro');
    s.signal('SIGTERM');
    expect(typeof (await s.exited(20_000))).toBe('number');
  });
});

describe('--plain --step with stdin that is not a terminal', () => {
  it('runs with stdin from /dev/null (one step, then end of input)', () => {
    const run = spawnSync(process.execPath, [bin, 'call-soon', '--plain', '--step'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
  });

  it('takes every Enter of a burst piped at once', () => {
    const whole = spawnSync(process.execPath, [bin, 'call-soon', '--output-only'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const stepped = spawnSync(process.execPath, [bin, 'call-soon', '--output-only', '--step'], { cwd: root, encoding: 'utf8', input: '\n'.repeat(500), timeout: 60_000 });
    expect(stepped.stdout).toBe(whole.stdout);
    expect(stepped.status).toBe(whole.status);
  });
});

describe('--interrupt-at on a program that never ends or never gives control back', () => {
  it('checks in the worker, within the budgets, whether the Ctrl+C would be delivered (a call_soon chain stops at the budget)', () => {
    const run = spawnSync(process.execPath, [bin, 'run', soonForever, '--interrupt-at', '1', '--json', '--max-instant-events', '5000'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(3);
    expect(run.stdout.trim().split('\n')).toHaveLength(5001);
    expect(run.stderr).toMatch(/^stopped at 0\.00\d s: 5,000 events/);
  });

  it('raises a Ctrl+C during a program that never waits inside its running callback, as CPython does', () => {
    const chain = join(import.meta.dirname, 'scenarios/short-chain.mjs');
    const run = spawnSync(process.execPath, [bin, 'run', chain, '--interrupt-at', '0.0001', '--plain'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(130);
    expect(run.stdout + run.stderr).toMatch(/File "short-chain\.py", line 4, in again\n\s+if i < 1000: loop\.call_soon\(again, i \+ 1\)\nKeyboardInterrupt/);
  });

  it('opens the lab on a synchronous infinite loop, and leaves on q with the terminal given back', async () => {
    const s = labThenStty(['run', spin, '--interrupt-at', '1']);
    await s.waitFor((t) => t.includes('asyncio-lab') && t.includes('q quit'), 'the first frame', 30_000);
    s.write('q');
    await givenBack(s, '0');
  });
});
