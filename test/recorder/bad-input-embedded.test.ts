// Bad input and runaway programs on the embedded engine (`run program.py`, CPython 3.14 in
// Pyodide), as bad-input.test.ts tries them on python3: each ends with what CPython prints or one
// `error:` line, and an exit status; never a stack dump or a hang. One Pyodide load: the engine's
// child process replaced by the same recorder, with the same config, in this process's interpreter.
// (A module the embedded Python lacks and a thread: embedded.test.ts.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runEnd } from '../../src/recorder/lesson.js';
import { cli } from '../cli/harness.js';
import { embeddedBatch, type EmbeddedBatch } from './embedded-batch.js';

const shared = vi.hoisted(() => ({ batch: undefined as EmbeddedBatch | undefined }));
vi.mock('../../src/recorder/embedded.js', async (importOriginal) =>
  (await import('./embedded-batch.js')).engineOnBatch(await importOriginal(), () => shared.batch!),
);

const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-bad-embedded-'));

function program(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const run = (file: string, ...more: string[]) => cli(['run', file, '--output-only', ...more]);

describe('bad input on the embedded Python 3.14', () => {
  beforeAll(async () => {
    shared.batch = await embeddedBatch('3.14');
  }, 120_000);
  afterAll(() => shared.batch?.close());

  it('a syntax error: shown as that CPython shows it (no Pyodide frame), status 1', async () => {
    const source = 'import asyncio\n\nasync def main(:\n    pass\n';
    const file = program('broken.py', source);
    const lab = await run(file);
    const bare = shared.batch!.plain(source, file);
    expect(lab.stderr).toBe(bare.stderr);
    expect(lab.stderr).toContain('SyntaxError');
    expect(lab.code).toBe(1);
  });

  it('reads standard input: one line naming the line, status 1', async () => {
    const r = await run(program('ask.py', 'import asyncio\nprint("asking")\nname = input("name? ")\n'));
    expect(r.stderr).toBe('error: ask.py:3: the program reads standard input (input() or sys.stdin), which a recorded run does not have; put the value in the program instead\n');
    expect(r.code).toBe(1);
  });

  it('never ends: recorded up to the horizon, which it names', async () => {
    const r = await run(program('forever.py', 'import asyncio\nasync def main():\n    while True:\n        print("tick")\n        await asyncio.sleep(1)\nasyncio.run(main())\n'), '--until', '3');
    expect(r.stdout).toBe('tick\n'.repeat(3));
    expect(r.stderr).toMatch(/^stopped watching at 3\.000 s: the process is still running/);
    expect(r.code).toBe(0);
  });

  it('waits for ever on a loop nothing can wake: recorded up to the horizon', async () => {
    const r = await run(program('hang.py', 'import asyncio\nprint("waiting")\nasyncio.run(asyncio.Event().wait())\n'), '--until', '5');
    expect(r.stdout).toBe('waiting\n');
    expect(r.stderr).toMatch(/^stopped watching at 5\.000 s/);
  });

  it('floods the loop with callbacks: the event budget stops it', () => {
    const source = 'import asyncio\nloop = asyncio.new_event_loop()\ndef again():\n    loop.call_soon(again)\nloop.call_soon(again)\nloop.run_forever()\n';
    const recording = shared.batch!.record({ source, file: program('flood.py', source), dir, interrupts: [], until: 60, debug: false, maxEvents: 2000 });
    expect(runEnd(recording)).toMatchObject({ kind: 'until', budget: { kind: 'events', limit: 2000 } });
    expect(recording.events.length).toBeLessThan(2100);
  });
});
