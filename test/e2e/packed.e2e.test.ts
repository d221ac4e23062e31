// The lab as a learner gets it: `npm pack`, the tarball installed in an empty folder, and
// `npx asyncio-lab run example.py` with no python3 on the PATH: the embedded CPython records the
// program, and it prints what CPython prints.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'asyncio-lab-packed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A PATH with node, npm, npx and sh only: no python3 anywhere on it. */
function bareBin(): string {
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const find = (name: string) => execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  for (const name of ['node', 'npm', 'npx', 'sh']) symlinkSync(find(name), join(bin, name));
  return bin;
}

describe('the packed lab', () => {
  it('runs a Python program with npx, with no python3 on the PATH', () => {
    const packs = join(work, 'packs');
    mkdirSync(packs);
    execFileSync('npm', ['pack', '--pack-destination', packs], { cwd: ROOT, stdio: 'ignore' });
    const tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz'))!);
    const learner = join(work, 'learner');
    mkdirSync(learner);
    writeFileSync(join(learner, 'package.json'), '{ "private": true }\n');
    // Dependencies from npm's cache when it has them (the checkout's own `npm ci` filled it).
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: learner, stdio: 'ignore' });
    copyFileSync(join(ROOT, 'examples', 'gather-timeout.py'), join(learner, 'example.py'));
    const env = { HOME: process.env.HOME ?? work, PATH: bareBin() };
    expect(spawnSync('sh', ['-c', 'command -v python3'], { env }).status).not.toBe(0);
    const run = spawnSync('npx', ['asyncio-lab', 'run', 'example.py', '--output-only'], { cwd: learner, env, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      ['a: start', 'b: start', 'b: done after 0.25 s', 'a timer fires at 0.5 s', 'a: done after 1 s', "['A', 'B']", 'slow: start', 'slow: cancelled by wait_for after 2 s', ''].join('\n'),
    );
    expect(run.status).toBe(0);
  }, 300_000);
});
