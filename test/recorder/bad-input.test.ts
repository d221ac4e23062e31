// Bad input and runaway programs on `run program.py --interpreter python3`: each ends with what
// CPython prints or one `error:` line, and an exit status; never a stack dump or a hang.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordLocal } from '../../src/recorder/local.js';
import { runEnd } from '../../src/recorder/lesson.js';
import { stoppedWatchingMessage } from '../../src/views/ending.js';
import { cli } from '../cli/harness.js';
import { runOnPython } from './corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-bad-'));

function program(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const run = (file: string, ...more: string[]) => cli(['run', file, '--interpreter', 'python3', '--output-only', ...more]);

describe('a program the lab cannot give what it needs', () => {
  it('reads standard input: one line naming the line, status 1', async () => {
    const file = program('ask.py', 'import asyncio\nprint("asking")\nname = input("name? ")\n');
    const r = await run(file);
    expect(r.stderr).toBe('error: ask.py:3: the program reads standard input (input() or sys.stdin), which a recorded run does not have; put the value in the program instead\n');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(1);
  });

  it('opens a network connection, directly or through asyncio: refused before it happens', async () => {
    const direct = await run(program('net.py', 'import socket\n\ns = socket.create_connection(("example.com", 80))\n'));
    expect(direct.stderr).toBe('error: net.py:3: socket.getaddrinfo: the lab runs the program on a virtual event loop with no real network\n');
    expect(direct.code).toBe(1);
    const viaLoop = await run(program('net2.py', 'import asyncio\nasync def main():\n    await asyncio.open_connection("example.com", 80)\nasyncio.run(main())\n'));
    expect(viaLoop.stderr).toBe('error: net2.py:3: create_connection: the lab runs the program on a virtual event loop with no real network\n');
    expect(viaLoop.code).toBe(1);
    const server = await run(program('server.py', 'import socket\nsock = socket.socket()\n'));
    expect(server.stderr).toMatch(/^error: server\.py:2: socket\.__new__: .*no real network\n$/);
  });

  it('starts a subprocess, directly or through asyncio: refused before it happens', async () => {
    const r = await run(program('sub.py', 'import subprocess\nsubprocess.run(["ls"])\n'));
    expect(r.stderr).toBe('error: sub.py:2: subprocess.Popen: the lab does not start other processes from a recorded program\n');
    expect(r.code).toBe(1);
    const viaLoop = await run(program('sub2.py', 'import asyncio\nasync def main():\n    await asyncio.create_subprocess_exec("ls")\nasyncio.run(main())\n'));
    expect(viaLoop).toMatchObject({ stdout: '', stderr: 'error: sub2.py:3: subprocess_exec: the lab does not start other processes from a recorded program\n', code: 1 });
  });

  it('may read files', async () => {
    const data = program('data.txt', 'forty-two\n');
    const r = await run(program('reads.py', `with open(${JSON.stringify(data)}) as f:\n    print(f.read().strip())\n`));
    expect(r).toMatchObject({ stdout: 'forty-two\n', stderr: '', code: 0 });
  });
});

describe('a program that does not start or does not end', () => {
  it('has a syntax error: shown as python3 shows it, with its status', async () => {
    const file = program('broken.py', 'import asyncio\n\nasync def main(:\n    pass\n');
    const [real, lab] = await Promise.all([runOnPython(file), run(file)]);
    expect(lab.stderr).toBe(real.stderr);
    expect(lab.stderr).toContain('SyntaxError');
    expect(lab.code).toBe(real.code);
  });

  it('never ends: recorded up to the horizon, which it names', async () => {
    const file = program('forever.py', 'import asyncio\nasync def main():\n    while True:\n        print("tick")\n        await asyncio.sleep(1)\nasyncio.run(main())\n');
    const r = await run(file, '--until', '3');
    // Each tick is a few clock reads (1 µs each) after the whole second: the fourth, just after 3 s, is past the horizon.
    expect(r.stdout).toBe('tick\n'.repeat(3));
    expect(r.stderr).toMatch(/^stopped watching at 3\.000 s: the process is still running/);
    expect(r.code).toBe(0);
  });

  it('waits for ever on a loop nothing can wake: recorded up to the horizon', async () => {
    const r = await run(program('hang.py', 'import asyncio\nprint("waiting")\nasyncio.run(asyncio.Event().wait())\n'), '--until', '5');
    expect(r.stdout).toBe('waiting\n');
    expect(r.stderr).toMatch(/^stopped watching at 5\.000 s/);
  });

  it('computes for ever: the CPU budget stops it with its own message, status 1', async () => {
    const source = 'while True: pass\n';
    const recording = recordLocal({ interpreter: 'python3', source, file: program('spin.py', source), dir, mode: 'virtual', interrupts: [], until: 60, debug: false, cpuSeconds: 1 });
    const end = runEnd(recording);
    expect(end).toMatchObject({ kind: 'until', budget: { kind: 'cpu', limit: 1 } });
    expect(stoppedWatchingMessage(end, recording.events, 'en')).toBe('stopped: the program computed for 1 s of wall time without waiting (a loop that never awaits?); the recording ends there; give it longer with --max-cpu <s>');
  });

  it('computes for ever, with --max-cpu: stopped there, with the message and status 3', async () => {
    const r = await run(program('spin2.py', 'print("spinning", flush=True)\nwhile True: pass\n'), '--max-cpu', '1');
    expect(r).toMatchObject({ stdout: 'spinning\n', stderr: 'stopped: the program computed for 1 s of wall time without waiting (a loop that never awaits?); the recording ends there; give it longer with --max-cpu <s>\n', code: 3 });
  });

  it('floods the loop with callbacks: the event budget stops it', async () => {
    const source = 'import asyncio\nloop = asyncio.new_event_loop()\ndef again():\n    loop.call_soon(again)\nloop.call_soon(again)\nloop.run_forever()\n';
    const recording = recordLocal({ interpreter: 'python3', source, file: program('flood.py', source), dir, mode: 'virtual', interrupts: [], until: 60, debug: false, maxEvents: 2000 });
    expect(runEnd(recording)).toMatchObject({ kind: 'until', budget: { kind: 'events', limit: 2000 } });
    expect(recording.events.length).toBeLessThan(2100);
    // --max-events is the recording's budget too (and the views', which see the same events).
    const r = await run(program('flood2.py', source), '--max-events', '2000');
    expect(r).toMatchObject({ stdout: '', stderr: 'stopped at 0.000 s: the run reached its budget of 2,000 events; raise it with --max-events <n>\n', code: 3 });
  });
});

describe('the command line', () => {
  it('names a missing interpreter and a missing file, each in one line with status 2', async () => {
    const file = program('ok.py', 'print("ok")\n');
    const noInterpreter = await cli(['run', file, '--interpreter', 'python-nope']);
    expect(noInterpreter).toMatchObject({ code: 2, stderr: "error: --interpreter 'python-nope': no such executable\n" });
    const noFile = await cli(['run', join(dir, 'nope.py'), '--interpreter', 'python3']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/^error: no such file: '.*nope\.py'\n$/);
  });

  it('says, for a program that starts threads, that it runs in real time and where the thread starts', async () => {
    const file = program('thread.py', 'import threading\n\nt = threading.Thread(target=print, args=("in a thread",))\nt.start()\nt.join()\n');
    const r = await cli(['run', file, '--interpreter', 'python3', '--plain']);
    expect(r.stdout).toContain('The program starts threads (line 4), so it runs in REAL time');
    expect(r.stdout).toContain('in a thread\n');
    expect(r.code).toBe(0);
  });
});
