// Small defects met by a new user, each checked here: a bad `help` topic, a speed too small to
// mean anything, a claim about a program the run cut short, TERM=dumb, a scenario's own horizon.
import { copyFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { cli } from './harness.js';

describe('small defects', () => {
  it('`help bogus` is an unknown command (status 2), not the root help', async () => {
    const run = await cli(['help', 'bogus']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("error: unknown command 'bogus'\n");
    const close = await cli(['help', 'gret']);
    expect(close.stderr).toBe("error: unknown command 'gret'\n(Did you mean greet?)\n");
  });

  it('refuses a speed too small to watch (4.9e-324 would never show a step)', async () => {
    for (const speed of ['4.9e-324', '1e-9', '1e300']) {
      const run = await cli(['greet', '--plain', '--speed', speed]);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(/^error: option '--speed <factor>' argument '.*' is invalid\. expected a speed from/);
    }
  });

  it('does not claim a program cut short by --until never exits', async () => {
    const run = await cli(['call-later', '--plain', '--until', '0.01'], { lessons });
    expect(run.stderr).toContain('stopped watching at 0.010 s: the process is still running;');
    expect(run.stderr).not.toContain('never exits');
  });

  it('gives TERM=dumb the plain view, not the full-screen lab', async () => {
    const run = await cli(['greet'], { tty: true, env: { TERM: 'dumb' } });
    expect(run.labCalls).toHaveLength(0);
    expect(run.stdout).toContain('hello:');
    const menu = await cli([], { tty: true, env: { TERM: 'dumb' } });
    expect(menu.menuCalls).toBe(0);
  });

  it("caps a scenario's own until like --until (an hour)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-'));
    const file = join(dir, 'far.mjs');
    writeFileSync(file, "export default { title: 't', source: { file: 'a.py', text: '' }, until: 1e12, *program(py) {} };\n");
    await expect(loadScenario(file)).rejects.toThrow('until must be at most 3600 simulated seconds');
  });

  it('runs the TypeScript example copied out of the repository (it imports no file of it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-'));
    const copy = join(dir, 'cancel-while-sleeping.ts');
    copyFileSync(join(import.meta.dirname, '../../examples/cancel-while-sleeping.ts'), copy);
    const lesson = await loadScenario(copy);
    const printed = lesson.run({ asWritten: false, debug: false, interrupts: [], until: 60 }).events.flatMap((e) => (e.type === 'output' ? [e.text] : []));
    expect(printed).toContain('worker cancelled while sleeping');
  });
});
