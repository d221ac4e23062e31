// Ctrl+C on a recorded program (`--interrupt-at`): KeyboardInterrupt arrives in the selector wait as
// CPython's signal handler delivers it, so the lab prints what python3 prints when SIGINT arrives at
// that moment (asyncio.Runner's handler cancels the main task; without it the traceback ends in the
// epoll selector's poll), and never a frame of the recorder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPython } from '../process/python-oracle.js';
import { compareLines } from '../scenarios/compare.js';
import { cli } from '../cli/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-ctrl-c-'));
const lines = (text: string) => text.split('\n').slice(0, -1).map((t) => ({ text: t }));

const PROGRAMS = {
  'asyncio.run': 'import asyncio\n\nasync def main():\n    print("sleeping")\n    await asyncio.sleep(1)\n    print("woke")\n\nasyncio.run(main())\n',
  'run_until_complete': 'import asyncio\n\nasync def main():\n    print("sleeping")\n    await asyncio.sleep(1)\n\nloop = asyncio.new_event_loop()\nloop.run_until_complete(main())\n',
  'caught': 'import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n\ntry:\n    asyncio.run(main())\nexcept KeyboardInterrupt:\n    print("caught Ctrl+C")\n',
};

describe.each(Object.entries(PROGRAMS))('Ctrl+C at 0.5 s in a program using %s', (_, source) => {
  it('prints what python3 prints when SIGINT arrives then, and exits alike', async () => {
    const file = join(dir, 'prog.py');
    writeFileSync(file, source);
    const real = runPython(source, [0.5]);
    const lab = await cli(['run', file, '--interpreter', 'python3', '--output-only', '--interrupt-at', '0.5']);
    expect(compareLines(lines(lab.stdout), real.stdout)).toEqual({ ok: true });
    expect(compareLines(lines(lab.stderr), real.stderr)).toEqual({ ok: true });
    expect(lab.stderr).not.toContain('recorder');
    expect(lab.code).toBe(real.status < 0 ? 128 - real.status : real.status);
  });
});

describe('the trace of a Ctrl+C in the selector wait', () => {
  it('shows the wait, the interrupt at its time and the wake-up, then the loop stopping', async () => {
    const file = join(dir, 'traced.py');
    writeFileSync(file, PROGRAMS.run_until_complete);
    const r = await cli(['run', file, '--interpreter', 'python3', '--json', '--interrupt-at', '0.5']);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; t: number; reason?: string; timeout?: number; state?: string; status?: number });
    const at = events.findIndex((e) => e.type === 'interrupt');
    // The clock ticks once per read (the runtime's rule): the wait starts a few microseconds in.
    expect(events[at - 1]).toMatchObject({ type: 'select_wait' });
    expect(events[at - 1]!.timeout).toBeCloseTo(1, 5);
    expect(events[at - 1]!.t).toBeCloseTo(0, 5);
    expect(events[at]).toMatchObject({ type: 'interrupt', t: 0.5 });
    expect(events[at + 1]).toMatchObject({ type: 'select_woke', reason: 'interrupt', t: 0.5 });
    expect(events.slice(at).find((e) => e.type === 'loop_state')).toMatchObject({ state: 'stopped' });
    expect(events.at(-1)).toMatchObject({ type: 'exit', status: -2 });
  });
});
