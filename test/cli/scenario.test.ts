// `asyncio-lab run <scenario>`: a scenario of your own runs in the lab's views, prints what CPython
// prints for its Python source, and a broken scenario file is one `error:` line with status 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.js';
import { runPython } from '../process/python-oracle.js';
import { compareLines } from '../scenarios/compare.js';
import { cli } from './harness.js';

const examples = ['examples/deadline-ties.mjs', 'examples/cancel-while-sleeping.ts'];

describe.each(examples)('%s', (file) => {
  it('prints, with --output-only, what python3 prints for its source, and exits as python3 does', async () => {
    const lesson = await loadScenario(file);
    const real = runPython(lesson.asWritten.text, [], lesson.asWritten.file);
    const run = await cli(['run', file, '--output-only']);
    const lines = (text: string) => text.split('\n').filter((line, i, all) => i < all.length - 1 || line !== '');
    expect(compareLines(lines(run.stdout).map((text) => ({ text })), real.stdout)).toEqual({ ok: true });
    expect(compareLines(lines(run.stderr).map((text) => ({ text })), real.stderr)).toEqual({ ok: true });
    expect(run.code).toBe(real.status);
  });

  it('gives --json a trace whose output events are the printed lines', async () => {
    const json = await cli(['run', file, '--json']);
    const only = await cli(['run', file, '--output-only']);
    const records = json.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; t: number; stream?: string; text?: string });
    expect(records.some((r) => r.type === 'handle_run')).toBe(true);
    const printed = records.filter((r) => r.type === 'output' && r.stream === 'stdout').map((r) => `${r.text}\n`).join('');
    expect(printed).toBe(only.stdout);
  });

  it('opens in the interactive lab in a terminal, with its own source', async () => {
    const run = await cli(['run', file], { tty: true, stdinTTY: true, env: {} });
    expect(run.labCalls).toHaveLength(1);
    expect(run.labCalls[0]!.lesson.asWritten.text).toContain('import asyncio');
  });
});

describe('a broken scenario file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-scenario-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cases: [string, string, RegExp][] = [
    ['a missing file', join(dir, 'missing.mjs'), /no such file/],
    ['not a module', write('notes.txt', 'hello'), /expected a JavaScript or TypeScript module/],
    ['a syntax error', write('syntax.mjs', 'export default {'), /failed to load: .*(SyntaxError|invalid JS syntax)/],
    ['no default export', write('named.mjs', 'export const x = 1;'), /has no default export/],
    ['no title', write('untitled.mjs', 'export default { source: { file: "a.py", text: "" }, *program() {} };'), /has no title/],
    ['no source', write('nosource.mjs', 'export default { title: "t", *program() {} };'), /source must be \{ file, text \}/],
    ['a program that is not a generator', write('plain.mjs', 'export default { title: "t", source: { file: "a.py", text: "" }, program() {} };'), /program must be a generator function/],
    ['a bad until', write('until.mjs', 'export default { title: "t", until: -1, source: { file: "a.py", text: "" }, *program() {} };'), /until must be simulated seconds/],
  ];
  it.each(cases)('%s: one error line naming the file, status 2', async (_what, path, message) => {
    const run = await cli(['run', path, '--plain']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: scenario '.*': /);
    expect(lines[0]).toMatch(message);
  });
});
