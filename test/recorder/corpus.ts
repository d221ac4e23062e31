// The corpus: asyncio programs of the kinds learners write (test/recorder/corpus/*.py). Each is run
// on python3 itself and through `asyncio-lab run <file> --interpreter python3 --output-only`; the
// two must print the same lines on each stream, up to memory addresses, and exit alike.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../cli/harness.js';

export const CORPUS = join(import.meta.dirname, 'corpus');
export const PROGRAMS = readdirSync(CORPUS).filter((f) => f.endsWith('.py')).sort();

export interface Printed {
  stdout: string;
  stderr: string;
  code: number;
}

/** What `python3 file` prints and how it exits (a death by signal as a shell reports it). */
export function runOnPython(file: string): Promise<Printed> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [file], { cwd: CORPUS, env: { ...process.env, PYTHONDEVMODE: '', PYTHONASYNCIODEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stdout, stderr, code: code ?? 128 + (signal === 'SIGINT' ? 2 : 9) }));
  });
}

/** Addresses differ from run to run (`<TaskStepMethWrapper object at 0x7f...>`); nothing else may. */
export function withoutAddresses(text: string): string {
  return text.replace(/\b0x[0-9a-f]+\b/g, '0x?');
}

/** Declares one test per program of `names`. */
export function corpusTests(names: readonly string[]): void {
  it.each(names)('%s prints with --output-only what python3 prints, and exits alike', async (name) => {
    const file = join(CORPUS, name);
    const [real, lab] = await Promise.all([runOnPython(file), cli(['run', file, '--interpreter', 'python3', '--output-only'])]);
    expect(withoutAddresses(lab.stdout)).toBe(withoutAddresses(real.stdout));
    expect(withoutAddresses(lab.stderr)).toBe(withoutAddresses(real.stderr));
    expect(lab.code).toBe(real.code);
  });
}
