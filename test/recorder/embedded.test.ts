// The embedded engine (the default for .py files): the recorder on CPython 3.14 compiled to
// WebAssembly, in a child process. It prints what the same program prints on the same Pyodide
// without the recorder, shows the standard library where a Linux install keeps it, and refuses
// threads and modules it does not have with one line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPython } from '../../src/engines/pyodide.js';
import { cli } from '../cli/harness.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-embedded-'));

function program(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const bin = join(root, 'bin', 'asyncio-lab.js');

describe('a program on the embedded Python', () => {
  it('reads a file by a path relative to the working directory it was started in, as python3 does', () => {
    const folder = mkdtempSync(join(tmpdir(), 'asyncio-lab-embedded-cwd-'));
    writeFileSync(join(folder, 'data.txt'), 'forty-two\n');
    writeFileSync(join(folder, 'reads.py'), "with open('data.txt') as f:\n    print(f.read().strip())\n");
    const lab = spawnSync(process.execPath, [bin, 'run', 'reads.py', '--output-only'], { cwd: folder, encoding: 'utf8' });
    const real = spawnSync('python3', ['reads.py'], { cwd: folder, encoding: 'utf8' });
    expect(real.stdout).toBe('forty-two\n');
    expect(lab).toMatchObject({ stdout: real.stdout, stderr: '', status: 0 });
  });

  it('computes for ever in a callback: the CPU budget stops it in the engine process, with the message and status 3', async () => {
    const source = 'import asyncio\n\ndef spin():\n    print("spinning")\n    while True: pass\n\nloop = asyncio.new_event_loop()\nloop.call_soon(spin)\nloop.run_forever()\n';
    const r = await cli(['run', program('spin.py', source), '--output-only', '--max-cpu', '1']);
    expect(r).toMatchObject({ stdout: 'spinning\n', stderr: 'stopped: the program computed for 1 s of wall time without waiting (a loop that never awaits?); the recording ends there; give it longer with --max-cpu <s>\n', code: 3 });
  });

  it('prints what the same Pyodide prints without the recorder', async () => {
    const file = join(root, 'examples', 'gather-timeout.py');
    const python = await loadPython('3.14');
    python.useVirtualTime();
    python.runPython(readFileSync(file, 'utf8'), { filename: file });
    const bare = python.takeOutput();
    const lab = await cli(['run', file, '--output-only']);
    expect(lab.stdout).toBe(bare.stdout);
    expect(lab.stdout).toContain('slow: cancelled by wait_for after 2 s');
    expect(lab.stderr).toBe(bare.stderr);
    expect(lab.code).toBe(0);
  });

  it('shows a traceback with the standard library where Linux keeps it, and exits 1', async () => {
    const r = await cli(['run', program('fails.py', 'import asyncio\n\nasync def main():\n    raise ValueError("no")\n\nasyncio.run(main())\n'), '--output-only']);
    expect(r.stderr).toContain('File "/usr/lib/python3.14/asyncio/runners.py"');
    expect(r.stderr).toContain(`File "${join(dir, 'fails.py')}", line 4, in main`);
    expect(r.stderr).not.toMatch(/python314\.zip|webloop|recorder/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('ValueError: no');
    expect(r.code).toBe(1);
  });

  it('refuses a thread, naming the line, and a module it lacks, naming the module', async () => {
    const thread = await cli(['run', program('thread.py', 'import threading\n\nthreading.Thread(target=print).start()\n'), '--output-only']);
    expect(thread.stderr).toBe('error: thread.py:3: the program starts a thread, which the embedded Python cannot do; run it on a local CPython with --interpreter python3\n');
    expect(thread.code).toBe(1);
    const missing = await cli(['run', program('missing.py', 'import asyncio\nimport aiohttp\n'), '--output-only']);
    expect(missing.stderr).toBe("error: missing.py:2: module 'aiohttp' is not in the embedded Python; run the program on a local CPython with --interpreter python3\n");
    expect(missing.code).toBe(1);
  });
});
