// Bad input and runaway programs on the embedded engine (`run program.py`, CPython 3.14 in
// Pyodide), as bad-input.test.ts tries them on python3: each ends with what CPython prints or one
// `error:` line, and an exit status; never a stack dump or a hang. One Pyodide load: the engine's
// child process replaced by the same recorder, with the same config, in this process's interpreter.
// (A module the embedded Python lacks and a thread: embedded.test.ts.)
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runEnd } from '../../src/recorder/lesson.js';
import { cli } from '../cli/harness.js';
import { runOnPython } from './corpus.js';
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

  it('reads a file beside it, by its folder or by an absolute path, as python3 does; may not write there', async () => {
    program('data.txt', 'forty-two\n');
    const source = [
      'import os',
      "with open(os.path.join(os.path.dirname(__file__), 'data.txt')) as f:",
      "    print('beside:', f.read().strip())",
      `with open(${JSON.stringify(join(dir, 'data.txt'))}) as f:`,
      "    print('absolute:', f.read().strip())",
      'import helper',
      "print('imported:', helper.VALUE)",
      '',
    ].join('\n');
    program('helper.py', 'VALUE = 42\n');
    const file = program('reads.py', source);
    const [lab, real] = await Promise.all([run(file), runOnPython(file)]);
    expect(lab).toMatchObject({ stdout: real.stdout, stderr: '', code: 0 });
    expect(lab.stdout).toBe('beside: forty-two\nabsolute: forty-two\nimported: 42\n');
    // The learner's folder is read-only there: the file is not written.
    const writes = await run(program('writes.py', `try:\n    open(${JSON.stringify(join(dir, 'out.txt'))}, 'w')\nexcept OSError as e:\n    print(e.strerror)\n`));
    expect(writes).toMatchObject({ stdout: 'Read-only file system\n', code: 0 });
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
  });

  it("opens a file that is not there: the error python3 shows on Linux, Linux's error number included", async () => {
    const file = program('missing.py', "open('no-such-file.txt')\n");
    const [lab, real] = await Promise.all([run(file), runOnPython(file)]);
    const last = (text: string) => text.trimEnd().split('\n').at(-1);
    expect(last(real.stderr)).toBe("FileNotFoundError: [Errno 2] No such file or directory: 'no-such-file.txt'");
    expect(last(lab.stderr)).toBe(last(real.stderr));
    expect(lab.code).toBe(1);
  });

  it('starts a subprocess, directly or through asyncio: refused in the same words as on python3', async () => {
    const direct = await run(program('sub.py', 'import subprocess\nsubprocess.run(["ls"])\n'));
    expect(direct).toMatchObject({ stdout: '', stderr: 'error: sub.py:2: subprocess.Popen: the lab does not start other processes from a recorded program\n', code: 1 });
    const viaLoop = await run(program('sub2.py', 'import asyncio\nasync def main():\n    await asyncio.create_subprocess_exec("ls")\nasyncio.run(main())\n'));
    expect(viaLoop).toMatchObject({ stdout: '', stderr: 'error: sub2.py:3: subprocess_exec: the lab does not start other processes from a recorded program\n', code: 1 });
    const system = await run(program('sub3.py', 'import os\nos.system("ls")\n'));
    expect(system).toMatchObject({ stderr: 'error: sub3.py:2: os.system: the lab does not start other processes from a recorded program\n', code: 1 });
  });

  it('opens a network connection or a socket: refused before it happens, no crash', async () => {
    const sock = await run(program('sock.py', 'import socket\nsock = socket.socket()\n'));
    expect(sock).toMatchObject({ stdout: '', stderr: 'error: sock.py:2: socket.__new__: the lab runs the program on a virtual event loop with no real network\n', code: 1 });
    const direct = await run(program('net.py', 'import socket\n\ns = socket.create_connection(("example.com", 80))\n'));
    expect(direct).toMatchObject({ stderr: 'error: net.py:3: socket.getaddrinfo: the lab runs the program on a virtual event loop with no real network\n', code: 1 });
    const viaLoop = await run(program('net2.py', 'import asyncio\nasync def main():\n    await asyncio.open_connection("example.com", 80)\nasyncio.run(main())\n'));
    expect(viaLoop).toMatchObject({ stderr: 'error: net2.py:3: create_connection: the lab runs the program on a virtual event loop with no real network\n', code: 1 });
  });

  it('computes for ever in a callback: the CPU budget stops it, naming the budget and how to raise it', async () => {
    const source = 'import asyncio\n\ndef spin():\n    print("spinning")\n    while True: pass\n\nloop = asyncio.new_event_loop()\nloop.call_soon(spin)\nloop.run_forever()\n';
    const r = await run(program('spin.py', source), '--max-cpu', '1');
    expect(r.stdout).toBe('spinning\n');
    expect(r.stderr).toBe('stopped: the program computed for 1 s of wall time without waiting (a loop that never awaits?); the recording ends there; give it longer with --max-cpu <s>\n');
    expect(r.code).toBe(3);
  });

  it('floods the loop with callbacks: the event budget stops it', () => {
    const source = 'import asyncio\nloop = asyncio.new_event_loop()\ndef again():\n    loop.call_soon(again)\nloop.call_soon(again)\nloop.run_forever()\n';
    // CPU time enough that only the event budget can stop it, however loaded the machine.
    const recording = shared.batch!.record({ source, file: program('flood.py', source), dir, interrupts: [], until: 60, debug: false, maxEvents: 2000, cpuSeconds: 600 });
    expect(runEnd(recording)).toMatchObject({ kind: 'until', budget: { kind: 'events', limit: 2000 } });
    expect(recording.events.length).toBeLessThan(2100);
  });
});
