// The built executable as a user runs it: `node bin/asyncio-lab.js ...` (CI builds dist/ first).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'asyncio-lab.js');
const env = { ...process.env, NO_COLOR: '1', CI: '', FORCE_COLOR: undefined, ASYNCIO_LAB_DEBUG: undefined };

function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: { ...env, ...extraEnv }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
});

describe('the built binary', () => {
  it('prints the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('runs scenarios of your own, JavaScript as they are and TypeScript through tsx', () => {
    const js = run(['run', 'examples/deadline-ties.mjs', '--output-only']);
    expect(js).toEqual({ code: 0, stdout: 'soon at 0.0\nc at 0.2\na at 0.2\nmain done\n', stderr: '' });
    const ts = run(['run', 'examples/cancel-while-sleeping.ts', '--output-only']);
    expect(ts.code).toBe(0);
    expect(ts.stdout).toContain("main saw CancelledError('enough')\n");
  });

  it('prints help with exit status 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: asyncio-lab \[options\] \[command\]/);
    expect(r.stdout).toMatch(/^ {2}list\b/m);
  });

  it('exits 2 with one error line for an unknown command, and 2 for an unknown option', () => {
    const r = run(['lsit']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("error: unknown command 'lsit'\n(Did you mean list?)\n");
    expect(run(['list', '--nope']).code).toBe(2);
  });

  it('exits quietly when stdout is closed early (piping into head)', async () => {
    const child = spawn(process.execPath, [bin, 'list', '--json'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('keeps React and Ink out of the startup bundle (the UI is a separate chunk)', () => {
    const entry = readFileSync(join(root, 'dist', 'cli.js'), 'utf8');
    const staticImports = [...entry.matchAll(/^import\s.*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]!);
    const chunks = staticImports.filter((s) => s.startsWith('./'));
    const reachable = [entry, ...chunks.map((c) => readFileSync(join(root, 'dist', c), 'utf8'))].join('\n');
    expect(reachable).not.toMatch(/from\s*["'](react|ink)["']/);
    expect(readdirSync(join(root, 'dist')).some((f) => f.endsWith('.js'))).toBe(true);
  });
});
