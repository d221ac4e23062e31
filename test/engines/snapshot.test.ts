// The embedded engine's memory snapshot (src/engines/snapshot.ts): the first run makes it, later
// runs start from it, and a program prints the same either way; a snapshot that cannot be loaded
// is made again, and the run still goes on.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPython } from '../../src/engines/pyodide.js';
import { installRecorder, recorderBytecode } from '../../src/engines/recorder-files.js';

const root = join(import.meta.dirname, '..', '..');
const example = join(root, 'examples', 'gather-timeout.py');

// Each test's cache folder (a snapshot is about 30 MB): removed afterwards.
const caches: string[] = [];
afterAll(() => {
  for (const cache of caches) rmSync(cache, { recursive: true, force: true });
});

function newCache(): string {
  const cache = mkdtempSync(join(tmpdir(), 'asyncio-lab-cache-'));
  caches.push(cache);
  return cache;
}

function run(cache: string, env: NodeJS.ProcessEnv = {}): { stdout: string; status: number | null } {
  const child = spawnSync(process.execPath, [join(root, 'bin', 'asyncio-lab.js'), 'run', example, '--output-only'], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: cache, ...env },
    timeout: 120_000,
  });
  return { stdout: child.stdout, status: child.status };
}

function snapshots(cache: string): string[] {
  const dir = join(cache, 'asyncio-lab');
  return readdirSync(dir).map((name) => join(dir, name));
}

describe('the embedded Python from a memory snapshot', () => {
  it('is made by the first run and read by the next, which prints the same as a run without it', () => {
    const cache = newCache();
    const plain = run(cache, { ASYNCIO_LAB_SNAPSHOT: 'off' });
    expect(() => snapshots(cache)).toThrow();
    const first = run(cache);
    const [file] = snapshots(cache);
    expect(file).toMatch(/pyodide-314\.\d+\.\d+-node-[\d.]+-[0-9a-f]{8}\.snapshot$/);
    const made = statSync(file!).mtimeMs;
    const second = run(cache);
    expect(statSync(file!).mtimeMs).toBe(made);
    expect(plain.status).toBe(0);
    expect(first).toEqual(plain);
    expect(second).toEqual(plain);
    expect(plain.stdout).toContain('slow: cancelled by wait_for after 2 s');
  });

  it('makes a snapshot that cannot be loaded again, and runs the program', () => {
    const cache = newCache();
    const plain = run(cache, { ASYNCIO_LAB_SNAPSHOT: 'off' });
    run(cache);
    const [file] = snapshots(cache);
    writeFileSync(file!, 'not a snapshot');
    expect(run(cache)).toEqual(plain);
    expect(readFileSync(file!).length).toBeGreaterThan(1_000_000);
  });

  it('holds the recorder compiled ahead: a run from it writes .pyc files CPython accepts for the sources', async () => {
    const bytecode = recorderBytecode();
    // The first load makes the snapshot (or finds the test run's), the second starts from it.
    await loadPython('3.14', { snapshot: bytecode.snapshot });
    const python = await loadPython('3.14', { snapshot: bytecode.snapshot });
    installRecorder(python.pyodide.FS);
    bytecode.written(python.pyodide);
    const checked = python.runPython(`import glob, importlib.util
sources = glob.glob('/asyncio_lab/**/*.py', recursive=True)
def accepted(source):
    with open(importlib.util.cache_from_source(source), 'rb') as f:
        pyc = f.read()
    with open(source, 'rb') as f:
        # A hash-checked .pyc (PEP 552: flags 3) of this very source.
        return int.from_bytes(pyc[4:8], 'little') == 3 and pyc[8:16] == importlib.util.source_hash(f.read())
[len(sources), all(accepted(s) for s in sources)]`) as { toJs(): [number, boolean] };
    const [count, all] = checked.toJs();
    expect(count).toBeGreaterThan(10);
    expect(all).toBe(true);
  }, 120_000);
});
