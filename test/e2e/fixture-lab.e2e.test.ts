// The lab in a real pseudo-terminal, on fixture lessons (test/ui/fixtures): the first frame, keys
// that step, play and step back, Ctrl+C into the program and out of the lab, resizing, colours,
// and the terminal given back on every way out.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYS, type Session, endedAfterEach, spawnSession } from './pty.js';
import { restoredAtExit } from './restore.js';

const root = join(import.meta.dirname, '../..');
const entry = join(import.meta.dirname, 'fixture-lab.tsx');
const sessions = endedAfterEach();

function lab(args: string[], options: Parameters<typeof spawnSession>[2] = {}): Session {
  const s = spawnSession(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: root, ...options });
  sessions.push(s);
  return s;
}

/** Runs the lab, then `stty -a` in the same terminal: what the lab left the terminal's modes as. */
function labThenStty(args: string[]): Session {
  const command = [process.execPath, '--import', 'tsx', entry, ...args].map((a) => `'${a}'`).join(' ');
  const s = spawnSession('/bin/sh', ['-c', `${command}; echo "lab exited $?"; stty -a`], { cwd: root });
  sessions.push(s);
  return s;
}

const step = (text: string) => Number(/step (\d+)\//.exec(text)?.[1]);
const clock = (text: string) => Number(/t = (\d+\.\d+) s/.exec(text)?.[1]);

describe('the lab in a terminal', () => {
  it('draws every panel on the first frame', async () => {
    const s = lab(['call-later', '--paused']);
    // The first frame may come before the first steps have arrived from the worker; then they do.
    const text = await s.waitFor((t) => t.includes('TIMELINE') && t.includes('q quit') && t.includes('step 1/'), 'the first steps');
    for (const title of ['SOURCE', 'LOOP', 'FUTURES & TASKS', 'OUTPUT', 'step 1/']) expect(text).toContain(title);
    expect(s.bufferType()).toBe('alternate');
    s.write('q');
    expect(await s.exited()).toBe(0);
  });

  it('steps with → and n, moves an iteration with ↓, steps back with ←, and plays with space', async () => {
    const s = lab(['call-later', '--paused', '--speed', '32']);
    await s.waitFor((t) => t.includes('step 1/'), 'step 1');
    s.write(KEYS.right);
    await s.waitFor((t) => step(t) === 2, 'step 2');
    s.write('n');
    await s.waitFor((t) => step(t) === 3, 'step 3');
    s.write(KEYS.left);
    await s.waitFor((t) => step(t) === 2, 'back to step 2');
    s.write(KEYS.down);
    const iter = await s.waitFor((t) => /iteration 1 ·/.test(t), 'the first loop iteration');
    expect(iter).toMatch(/▸ Iteration 1 of _run_once\(\)/);
    s.write(' ');
    const end = await s.waitFor((t) => t.includes('[Call_back--2]:3 + 4 = 7') && t.includes('the program exited with status 0'), 'playing to the end');
    // Timers come out by deadline: 1 (0.1 s), 3 (0.2 s), 2 (0.3 s).
    expect(end.indexOf('[Call_back--1]')).toBeLessThan(end.indexOf('[Call_back--3]'));
    expect(end.indexOf('[Call_back--3]')).toBeLessThan(end.indexOf('[Call_back--2]'));
    s.write('q');
    expect(await s.exited()).toBe(0);
  });

  it('sends KeyboardInterrupt into the program on Ctrl+C, and leaves on Ctrl+C once it has exited', async () => {
    const s = lab(['wait-forever', '--instant']);
    await s.waitFor((t) => t.includes('still running'), 'the program waiting in select()');
    s.write(KEYS.ctrlC);
    await s.waitFor((t) => /Ctrl\+C: SIGINT arrives/.test(t), 'the interrupt arriving');
    s.write('n');
    s.write('n');
    s.write('n');
    s.write('n');
    await s.waitFor((t) => t.includes('KeyboardInterrupt') && t.includes('exited with status 1'), 'KeyboardInterrupt printed and the exit');
    s.write(KEYS.ctrlC);
    expect(await s.exited()).toBe(0);
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
  });

  it('delivers Ctrl+C while playing at the time the header shows, without turning the clock back, and stops the clock at the exit', async () => {
    const s = lab(['wait-forever', '--speed', '2']);
    // Playing: the clock runs through the select() wait.
    await s.waitFor((t) => clock(t) >= 1, 'the clock past 1 s');
    s.write('c');
    const seen: number[] = [];
    const hit = await s.waitFor((t) => {
      seen.push(clock(t));
      return t.includes('exited with status 1');
    }, 'KeyboardInterrupt and the exit');
    // The clock never went back (to the last step's 0.000) and the interrupt came at once.
    expect(seen.every((t, i) => i === 0 || t >= seen[i - 1]!), seen.join(' ')).toBe(true);
    const at = Number(/(\d+\.\d+) MainThread\s+KeyboardInterrupt|(\d+\.\d+) KeyboardInterrupt/.exec(hit)?.slice(1).find(Boolean));
    expect(at).toBeGreaterThanOrEqual(1);
    expect(clock(hit)).toBe(at);
    // Paused at the exit: the clock stays at the exit time.
    expect(hit).toMatch(/❚❚ paused/);
    await new Promise((r) => setTimeout(r, 400));
    expect(clock(s.text())).toBe(at);
    s.write('q');
    expect(await s.exited()).toBe(0);
  });

  it('scrolls the help at 80×24 with ↓ and ↑, down to its last row', async () => {
    const s = lab(['call-later', '--paused'], { cols: 80, rows: 24 });
    await s.waitFor((t) => t.includes('step 1/'), 'the first frame');
    s.write('?');
    await s.waitFor((t) => t.includes('KEYS') && /↑ ↓ scroll · 1–/.test(t), 'the help, scrollable');
    for (let i = 0; i < 32; i++) s.write(KEYS.down);
    const bottom = await s.waitFor((t) => t.includes('PENDING · FINISHED · CANCELLED'), 'the help scrolled to its end');
    expect(bottom).not.toContain('…');
    expect(step(bottom)).toBe(1);
    s.write(KEYS.up);
    await s.waitFor((t) => !t.includes('PENDING · FINISHED · CANCELLED'), 'one row back up');
    s.write('?');
    await s.waitFor((t) => t.includes('TIMELINE') && !t.includes('KEYS'), 'the help closed');
    s.write('q');
    expect(await s.exited()).toBe(0);
  });

  it('leaves on three Ctrl+C within a second while the program runs', async () => {
    const s = lab(['call-later', '--paused']);
    await s.waitFor((t) => t.includes('step 1/'), 'the first frame');
    s.write(KEYS.ctrlC + KEYS.ctrlC + KEYS.ctrlC);
    expect(await s.exited()).toBe(130);
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
  });

  it('gives the terminal back on q: cursor shown, alternate screen left, raw mode off', async () => {
    const s = labThenStty(['call-later', '--paused']);
    await s.waitFor((t) => t.includes('step 1/'), 'the first frame');
    s.write('q');
    // Wait for stty's local-mode line (icanon or -icanon, echo or -echo): it prints in several writes.
    const after = await s.waitFor((t) => t.includes('lab exited 0') && /(^|\s)-?icanon(\s|$)/m.test(t) && /(^|\s)-?echo(\s|$)/m.test(t), 'stty after the lab');
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
    expect(s.bufferType()).toBe('normal');
    // Raw mode off: canonical input and echo are back.
    expect(after).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(after).toMatch(/(^|\s)echo(\s|$)/m);
  });

  it('gives the terminal back when killed with SIGTERM', async () => {
    const s = lab(['call-later', '--paused']);
    await s.waitFor((t) => t.includes('step 1/'), 'the first frame');
    s.signal('SIGTERM');
    expect(await s.exited()).toBe(143);
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
  });

  it('gives the terminal back and reports an error thrown while drawing', async () => {
    const s = labThenStty(['call-later', '--throw']);
    const after = await s.waitFor((t) => /lab exited [1-9]/.test(t) && /(^|\s)-?icanon(\s|$)/m.test(t), 'the failed lab and stty');
    expect(after).toContain('fixture failure');
    expect(restoredAtExit(s.raw())).toEqual({ cursorShown: true, altScreenLeft: true });
    expect(after).toMatch(/(^|\s)icanon(\s|$)/m);
  });

  it('follows a resize down to 80×24 without lines running over', async () => {
    const s = lab(['call-later', '--paused'], { cols: 120, rows: 36 });
    await s.waitFor((t) => t.includes('step 1/'), 'the first frame');
    for (let i = 0; i < 25; i++) s.write('n');
    await s.waitFor((t) => step(t) === 26, 'step 26');
    s.resize(80, 24);
    const text = await s.waitFor((t) => /^ asyncio-lab · call-later.*step 26\/\d+ ?$/.test(t.split('\n')[0]!) && t.split('\n')[22]!.includes('q quit'), 'the 80×24 frame');
    const rows = text.split('\n');
    expect(rows).toHaveLength(24);
    expect(rows.filter((r) => r.includes('TIMELINE'))).toHaveLength(1);
    expect(rows.filter((r) => r.includes('OUTPUT'))).toHaveLength(1);
    expect(rows.join('\n')).toContain('LOOP MainThread · running');
    s.write('q');
    expect(await s.exited()).toBe(0);
  });

  it('writes no colour with NO_COLOR and colour with FORCE_COLOR', async () => {
    const colour = /\x1b\[(3[0-7]|9[0-7])m/;
    const none = lab(['call-later', '--instant'], { env: { NO_COLOR: '1', FORCE_COLOR: undefined } });
    await none.waitFor((t) => t.includes('FINISHED'), 'the last frame');
    none.write('q');
    await none.exited();
    expect(none.raw()).not.toMatch(colour);
    const forced = lab(['call-later', '--instant'], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    await forced.waitFor((t) => t.includes('FINISHED'), 'the last frame');
    forced.write('q');
    await forced.exited();
    expect(forced.raw()).toMatch(colour);
  });
});
