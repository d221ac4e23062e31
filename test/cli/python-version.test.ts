// `--python`: every lesson (and scenario of your own) runs as the chosen CPython; the article's
// programs meet 3.12's DeprecationWarning and 3.14's RuntimeError at their first asyncio line, and
// `list` says on which versions each still runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findLessonById } from '../../src/scenarios/index.js';
import { articleRunsOn, versionSpan } from '../../src/scenarios/python-versions.js';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'asyncio-lab.js');
const env = { ...process.env, NO_COLOR: '1', CI: '', FORCE_COLOR: undefined, ASYNCIO_LAB_DEBUG: undefined };

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
});

describe('--python', () => {
  it("runs the article's call-soon as 3.11 silently, as 3.12 with a warning, and stops it as 3.14", () => {
    const on = (python: string) => run(['call-soon', '--as-written', '--output-only', '--python', python]);
    const py311 = on('3.11');
    expect([py311.code, py311.stderr]).toEqual([0, '']);
    const py312 = on('3.12');
    expect(py312.code).toBe(0);
    expect(py312.stdout).toBe(py311.stdout);
    expect(py312.stderr).toBe('call-soon.py:16: DeprecationWarning: There is no current event loop\n  loop = asyncio.get_event_loop()\n');
    const py314 = on('3.14');
    expect([py314.code, py314.stdout]).toEqual([1, '']);
    expect(py314.stderr).toContain('  File "/usr/lib/python3.14/asyncio/events.py", line 715, in get_event_loop\n');
    expect(py314.stderr.trimEnd().split('\n').at(-1)).toBe("RuntimeError: There is no current event loop in thread 'MainThread'.");
  });

  it('refuses a version it does not simulate with a one-line error', () => {
    const r = run(['call-soon', '--python', '3.10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: option '--python <version>' argument '3.10' is invalid. expected one of 3.11, 3.12, 3.13, 3.14, 3.15.\n");
  });

  it('applies to scenarios of your own', () => {
    const r = run(['run', 'examples/deadline-ties.mjs', '--output-only', '--python', '3.15']);
    expect(r.code).toBe(0);
  });
});

describe("where the article's programs still run", () => {
  it('stops the seven programs that call get_event_loop() with no loop from 3.14 on, and not the others', () => {
    const span = (id: string) => versionSpan(articleRunsOn(findLessonById(id)!));
    for (const id of ['call-soon', 'call-later', 'call-at', 'future', 'stop-wait', 'stop-nested', 'threads-pool']) expect(span(id), id).toBe('3.11–3.13');
    for (const id of ['threads-threadsafe', 'threads-coroutine', 'threads-queue', 'threads-daemon']) expect(span(id), id).toBe('3.11–3.15');
  });

  it('lists them with `list`', () => {
    expect(run(['list', '--lang', 'en']).stdout).toMatch(/^ {2}asyncio-lab call-soon +call_soon: .*\[3\.11–3\.13\]$/m);
  });
});
