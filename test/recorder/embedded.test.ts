// The embedded engine (the default for .py files): the recorder on CPython 3.14 compiled to
// WebAssembly, in a child process. It prints what the same program prints on the same Pyodide
// without the recorder, shows the standard library where a Linux install keeps it, and refuses
// threads and modules it does not have with one line.
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

describe('a program on the embedded Python', () => {
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
