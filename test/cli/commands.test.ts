import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { fixtureLessons } from './fixtures/lessons.js';
import { cli } from './harness.js';

describe('help', () => {
  it('is a command too: asyncio-lab help <command> prints that command\'s help', async () => {
    const run = await cli(['help', 'stop'], { lessons });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: asyncio-lab stop \[options\] \[part\]/);
  });
});

describe('help examples', () => {
  it("suggest pressing Ctrl+C only at a lesson's documented moment", async () => {
    const stop = await cli(['stop', '--help'], { lessons });
    expect(stop.stdout).toContain('asyncio-lab stop --interrupt-at 0.5 --plain');
    // call-later's program ends at 0.5 s: no Ctrl+C moment to suggest.
    const callLater = await cli(['call-later', '--help'], { lessons });
    expect(callLater.code).toBe(0);
    expect(callLater.stdout).toContain('Examples:');
    expect(callLater.stdout).not.toContain('asyncio-lab call-later --interrupt-at');
  });
});

describe('usage errors', () => {
  it.each([
    [['greet', '--speed', '0'], "option '--speed <factor>' argument '0' is invalid"],
    [['greet', '--speed', 'fast'], "argument 'fast' is invalid"],
    [['greet', '--speed', '-1'], 'is invalid'],
    [['greet', '--until', 'x'], "option '--until <s>' argument 'x' is invalid"],
    [['greet', '--until', '50000'], 'expected at most 3600 simulated seconds'],
    [['greet', '--interrupt-at', '1,5000'], "expected at most 3600 simulated seconds (an hour); got '5000'"],
    [['greet', '--interrupt-at', '1,,2'], 'is invalid'],
    [['greet', '--lang', 'fr'], "expected 'zh' or 'en'"],
    [['greet', '--bogus'], "unknown option '--bogus'"],
    [['greet', 'extra'], 'too many arguments'],
    [['greet', '--json', '--plain'], "option '--json' cannot be used with option '--plain'"],
    [['greet', '--instant', '--speed', '2'], 'cannot be used with'],
    [['greet', '--output-only', '--verbose'], "option '--output-only' cannot be used with option '--verbose'"],
    [['greet', '--json', '--speed', '2'], "option '--json' cannot be used with option '--speed <factor>'"],
  ])('%j exits 2 with one error line', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it("names the command of a lesson given by its id (stop-wait is 'stop wait')", async () => {
    const run = await cli(['ticker-plain']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: unknown command 'ticker-plain'\n(Did you mean asyncio-lab ticker plain?)\n");
  });

  it('suggests the closest command for an unknown one', async () => {
    const run = await cli(['gret']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: unknown command 'gret'\n(Did you mean greet?)\n");
  });

  it('suggests the closest part for an unknown part', async () => {
    const run = await cli(['ticker', 'plian']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown part 'plian' for command 'ticker'\n(Did you mean plain?)");
    expect(run.stderr).toContain('(parts: plain, loud)');
  });

  it('suggests the closest variant, and says when a lesson has none', async () => {
    const near = await cli(['ticker', 'loud', '--variant', 'lod']);
    expect(near.code).toBe(2);
    expect(near.stderr).toContain("error: unknown variant 'lod'\n(Did you mean loud?)");
    const none = await cli(['greet', '--variant', 'x']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('asyncio-lab greet has no variants');
  });

  it('refuses a Ctrl+C after --until, which could never be delivered', async () => {
    const run = await cli(['ticker', '--until', '2', '--interrupt-at', '3']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: --interrupt-at 3 is after --until 2');
  });

  it('refuses a Ctrl+C after the program has exited, which could never be delivered (it used to be ignored)', async () => {
    const run = await cli(['greet', '--interrupt-at', '5', '--plain']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error: --interrupt-at 5: the program has already exited by then (at 1.000 s, status 0)');
  });
});

describe('help and version', () => {
  it('prints the version from the package', async () => {
    const run = await cli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: '9.9.9\n' });
  });

  it('lists every lesson command in the root help, with examples', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const name of ['list', 'greet', 'ticker']) expect(run.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(run.stdout).toContain('Examples:');
  });

  it('shows parts, options, variants and examples in a lesson command help', async () => {
    const run = await cli(['ticker', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: asyncio-lab ticker [options] [part]');
    expect(run.stdout).toContain('plain | loud (default: plain)');
    for (const flag of ['--as-written', '--variant <id>', '--speed <factor>', '--instant', '--step', '--plain', '--output-only', '--json', '--interrupt-at <s[,s...]>', '--until <s>', '--debug', '--lang <lang>']) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('$ asyncio-lab ticker loud --variant loud');
  });
});

describe('list', () => {
  it('prints the lessons as JSON with invocation, titles and variants', async () => {
    const run = await cli(['list', '--json']);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as unknown[];
    expect(list).toHaveLength(3);
    expect(list[1]).toEqual({
      id: 'ticker-plain',
      command: 'ticker',
      part: 'plain',
      default: true,
      usage: 'asyncio-lab ticker plain',
      title: { zh: '滴答', en: 'Ticker' },
      corrected: false,
      defaultUntil: 3,
      articleRunsOn: ['3.11', '3.12', '3.13', '3.14', '3.15'],
      variants: [],
    });
    expect(list[2]).toMatchObject({ default: false, variants: [{ id: 'loud', usage: 'asyncio-lab ticker loud --variant loud' }] });
  });

  it('prints a readable list in the language of the locale', async () => {
    const en = await cli(['list']);
    expect(en.stdout).toMatch(/^ {2}asyncio-lab ticker plain \* +Ticker +\[3\.11–3\.15\]$/m);
    expect(en.stdout).toMatch(/^ {4}asyncio-lab ticker loud --variant loud +loud$/m);
    const zh = await cli(['list'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stdout).toMatch(/asyncio-lab ticker plain \* +滴答/);
    const forced = await cli(['list', '--lang', 'en'], { env: { LC_ALL: 'zh_TW.UTF-8' } });
    expect(forced.stdout).toContain('Ticker');
  });

  it('prints the list when run alone without a terminal, and opens the menu in one', async () => {
    const piped = await cli([]);
    expect(piped.stdout).toContain('asyncio-lab greet');
    expect(piped.menuCalls).toBe(0);
    const ci = await cli([], { tty: true, env: { CI: 'true' } });
    expect(ci.menuCalls).toBe(0);
    const terminal = await cli([], { tty: true, menuPicks: ['greet'] });
    expect(terminal.labCalls[0]?.lesson.id).toBe('greet');
    expect(terminal.labCalls[0]?.options).toEqual({ asWritten: false, debug: false, interrupts: [], until: 5, python: '3.14' });
  });

  it('returns to the menu after each lesson until the menu is left, or the lab is left with three Ctrl+C', async () => {
    const twice = await cli([], { tty: true, menuPicks: ['greet', 'ticker-plain'] });
    expect(twice.labCalls.map((c) => c.lesson.id)).toEqual(['greet', 'ticker-plain']);
    expect(twice.menuCalls).toBe(3);
    expect(twice.code).toBe(0);
    const left = await cli([], { tty: true, menuPicks: ['greet', 'greet'], labStatus: 130 });
    expect(left.menuCalls).toBe(1);
    expect(left.code).toBe(130);
  });

  it('opens a variant picked in the menu, and comes back to the row it was picked on', async () => {
    const run = await cli([], { tty: true, menuPicks: ['greet', 'ticker-loud:loud'] });
    expect(run.labCalls.map((c) => [c.lesson.id, c.variant])).toEqual([
      ['greet', undefined],
      ['ticker-loud', 'loud'],
    ]);
    // The fake menu answers row n on its n-th call: each menu opens where the last choice was.
    expect(run.menuRows).toEqual([0, 1, 2]);
  });

  it('marks each lesson opened from it as seen, in XDG_CONFIG_HOME, until list --reset-seen', async () => {
    const env = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'asyncio-lab-menu-')) };
    try {
      const run = await cli([], { tty: true, env, menuPicks: ['greet', 'ticker-loud:loud'] });
      expect(run.menuSeen).toEqual([[], ['greet'], ['greet', 'ticker-loud:loud']]);
      const again = await cli([], { tty: true, env });
      expect(again.menuSeen).toEqual([['greet', 'ticker-loud:loud']]);
      const reset = await cli(['list', '--reset-seen'], { env });
      expect([reset.code, reset.stdout]).toEqual([0, 'The seen marks are cleared.\n']);
      expect((await cli([], { tty: true, env })).menuSeen).toEqual([[]]);
    } finally {
      rmSync(env.XDG_CONFIG_HOME, { recursive: true, force: true });
    }
  });

  it('opens lessons with no error and nothing written when the config folder cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-menu-'));
    const blocked = join(dir, 'file');
    writeFileSync(blocked, '');
    try {
      const run = await cli([], { tty: true, env: { XDG_CONFIG_HOME: blocked }, menuPicks: ['greet', 'greet'] });
      expect([run.code, run.stderr, run.labCalls.length]).toEqual([0, '', 2]);
      expect(run.menuSeen).toEqual([[], [], []]);
      expect(readdirSync(dir)).toEqual(['file']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('unexpected errors', () => {
  const broken = [{ ...fixtureLessons[0]!, run: () => { throw new TypeError('boom'); } }];

  it('print one error line and exit 1, without a stack', async () => {
    const run = await cli(['greet', '--plain'], { lessons: broken });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: boom\n(set ASYNCIO_LAB_DEBUG=1 to see where it happened)\n');
  });

  it('show the stack with ASYNCIO_LAB_DEBUG=1', async () => {
    const run = await cli(['greet', '--plain'], { lessons: broken, env: { ASYNCIO_LAB_DEBUG: '1' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: boom\nTypeError: boom\n\s+at /);
  });
});
