// The corpus on the embedded engine (CPython 3.14 compiled to WebAssembly): for each program,
// `asyncio-lab run <file> --output-only` prints what the same program prints on the same Pyodide
// without the recorder (the recorder must not change what a program prints), with Pyodide's standard
// library shown where a Linux install keeps it, and exits alike; a program that starts threads gets
// the one-line refusal. One Pyodide load for the file: the engine's child process (which loads one
// per run) is replaced by the same recorder, with the same config, in this process's interpreter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../cli/harness.js';
import { CORPUS, PROGRAMS, withoutAddresses } from './corpus.js';
import { embeddedBatch, type EmbeddedBatch } from './embedded-batch.js';

const shared = vi.hoisted(() => ({ batch: undefined as EmbeddedBatch | undefined }));
vi.mock('../../src/recorder/embedded.js', async (importOriginal) =>
  (await import('./embedded-batch.js')).engineOnBatch(await importOriginal(), () => shared.batch!),
);

/** The programs that start threads, which the embedded Python cannot. */
const THREADED = ['run-coroutine-threadsafe.py', 'run-in-executor.py', 'threadsafe.py', 'to-thread.py'];

/** Task numbers run on across the programs of one interpreter: each output numbers its tasks from 1, in order of appearance. */
function renumberTasks(text: string): string {
  const numbers = new Map<string, number>();
  return text.replace(/\bTask-(\d+)\b/g, (_, n: string) => {
    if (!numbers.has(n)) numbers.set(n, numbers.size + 1);
    return `Task-${numbers.get(n)}`;
  });
}

describe('the corpus on the embedded Python 3.14', () => {
  let stdlib: string;
  beforeAll(async () => {
    shared.batch = await embeddedBatch('3.14');
    stdlib = String(shared.batch.python.runPython('import asyncio, os\nos.path.dirname(os.path.dirname(asyncio.__file__))'));
  }, 120_000);
  afterAll(() => shared.batch?.close());

  const same = (text: string) => renumberTasks(withoutAddresses(text));

  it.each(PROGRAMS.filter((name) => !THREADED.includes(name)))('%s prints with --output-only what it prints there without the recorder', async (name) => {
    const file = join(CORPUS, name);
    const lab = await cli(['run', file, '--output-only']);
    const bare = shared.batch!.plain(readFileSync(file, 'utf8'), file);
    // The plain run's loop is the oracles' virtual-time subclass of CPython's (virtual_time.py), named
    // for itself; the recorder's loop keeps the name of CPython's, as python3 prints it.
    const linux = (text: string) => text.split(`${stdlib}/`).join('/usr/lib/python3.14/').replaceAll('VirtualTimeLoop', '_UnixSelectorEventLoop');
    expect(same(lab.stdout)).toBe(same(linux(bare.stdout)));
    expect(same(lab.stderr)).toBe(same(linux(bare.stderr)));
    expect(lab.stderr).not.toMatch(/python314\.zip|webloop|asyncio_lab_recorder/);
    expect(lab.code).toBe(bare.code);
  });

  it.each(THREADED)('%s starts a thread: one line naming its line, status 1', async (name) => {
    const lab = await cli(['run', join(CORPUS, name), '--output-only']);
    expect(lab.stdout).toBe('');
    expect(lab.stderr).toMatch(new RegExp(`^error: ${name.replace('.', '\\.')}:\\d+: the program starts a thread, which the embedded Python cannot do; run it on a local CPython with --interpreter python3\\n$`));
    expect(lab.code).toBe(1);
  });
});
