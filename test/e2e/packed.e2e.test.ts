// The lab as a learner gets it: `npm pack`, the tarball installed in an empty folder, and
// `npx asyncio-lab run example.py` with no python3 on the PATH: the embedded CPython records the
// program, and it prints what CPython prints, in the plain view too; a program with threads is
// refused there with one line, and recorded, threads and all, with `--interpreter python3` once a
// python3 is on the PATH.
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
    const plain = spawnSync('npx', ['asyncio-lab', 'run', 'example.py', '--plain'], { cwd: learner, env, encoding: 'utf8' });
    expect(plain).toMatchObject({ stderr: '', status: 0 });
    expect(plain.stdout).toContain('slow: cancelled by wait_for after 2 s');
    expect(plain.stdout).toContain('CPython 3.14');

    copyFileSync(join(ROOT, 'examples', 'to-thread.py'), join(learner, 'threads.py'));
    const refused = spawnSync('npx', ['asyncio-lab', 'run', 'threads.py', '--output-only'], { cwd: learner, env, encoding: 'utf8' });
    expect(refused).toMatchObject({ stdout: '', status: 1 });
    expect(refused.stderr).toMatch(/^error: threads\.py:\d+: the program starts a thread, which the embedded Python cannot do; run it on a local CPython with --interpreter python3\n$/);
    // A python3 on the PATH (the machine's own executable, not a version manager's shim), and nothing else added.
    const withPython = join(work, 'python-bin');
    mkdirSync(withPython);
    symlinkSync(execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim(), join(withPython, 'python3'));
    const local = { ...env, PATH: `${env.PATH}:${withPython}` };
    const threads = spawnSync('npx', ['asyncio-lab', 'run', 'threads.py', '--interpreter', 'python3', '--output-only'], { cwd: learner, env: local, encoding: 'utf8' });
    const real = spawnSync('python3', ['threads.py'], { cwd: learner, env: local, encoding: 'utf8' });
    expect(real.stdout).toBe('tick 0\ntick 1\ntick 2\ndata.txt read in asyncio_0\n');
    expect(threads).toMatchObject({ stdout: real.stdout, stderr: '', status: 0 });
    const threadsPlain = spawnSync('npx', ['asyncio-lab', 'run', 'threads.py', '--interpreter', 'python3', '--plain'], { cwd: learner, env: local, encoding: 'utf8' });
    expect(threadsPlain.stdout).toContain('REAL time');
  }, 300_000);
});
