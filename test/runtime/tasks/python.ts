// Runs a Python program on real CPython (python3, 3.11) with the virtual-time loop of vloop.py,
// and returns what it printed: the oracle our runtime's output is compared with.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASYNCIO_DIR } from '../../../src/runtime/future-repr.js';

/** The program's file name, as coroutine reprs show it. */
export const PY_FILE = 'prog.py';

/** Runs `source` as prog.py (it may `from vloop import new_loop`); returns stdout lines, with asyncio's directory spelled as ours. */
export function runPython(source: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-oracle-'));
  copyFileSync(join(import.meta.dirname, 'vloop.py'), join(dir, 'vloop.py'));
  copyFileSync(join(import.meta.dirname, '../../../src/engines/virtual_time.py'), join(dir, 'virtual_time.py'));
  writeFileSync(join(dir, PY_FILE), source);
  const run = spawnSync('python3', ['-X', 'utf8', PY_FILE], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 failed (${run.status}):\n${run.stderr}`);
  const asyncioDir = spawnSync('python3', ['-c', 'import asyncio, os; print(os.path.dirname(asyncio.__file__))'], { encoding: 'utf8' }).stdout.trim();
  return run.stdout
    .replaceAll(asyncioDir, ASYNCIO_DIR)
    .replaceAll(`${dir}/`, '')
    .replace(/0x[0-9a-f]+/g, '0x?')
    .split('\n')
    .slice(0, -1);
}

/** The 1-based line of the first line of `source` containing `text` (to place coroutines and awaits where Python has them). */
export function lineOf(source: string, text: string): number {
  const index = source.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`not in the program: ${text}`);
  return index + 1;
}

/** Masks addresses, as runPython does. */
export function maskAddresses(lines: string[]): string[] {
  return lines.map((line) => line.replace(/0x[0-9a-f]+/g, '0x?'));
}
