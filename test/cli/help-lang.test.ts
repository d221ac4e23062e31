// `--help` in the chosen language (`--lang` anywhere on the line, else the locale), laid out for the
// terminal's width: every line within it (CJK characters count two cells) and none starting with
// punctuation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessons } from '../../src/scenarios/index.js';
import { cells } from '../../src/ui/format.js';
import { cli } from './harness.js';

const NO_START = /^\s*[,.;:!?)\]}，。、：；！？）」』】》]/;
const commands = [[], ['call-later'], ['stop'], ['threads'], ['list'], ['run']] as const;

async function help(args: readonly string[], lang: 'zh' | 'en', columns?: number) {
  const run = await cli([...args, '--help', '--lang', lang], { lessons, ...(columns ? { tty: true, columns } : {}) });
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('--help', () => {
  it('speaks Chinese with --lang zh: headings, descriptions, option help and examples', async () => {
    const root = await help([], 'zh');
    expect(root).toMatch(/^用法: asyncio-lab \[options\] \[command\]/);
    for (const word of ['选项:', '命令:', '示例:', '显示帮助', '从菜单中选一课', '打印版本号']) expect(root).toContain(word);
    const lesson = await help(['call-later'], 'zh');
    expect(lesson).toContain(lessons.find((l) => l.id === 'call-later')!.title.zh);
    for (const word of ['实时播放的倍速', '(默认:1)', '在交互式时间线里观看', '显示帮助']) expect(lesson).toContain(word);
    expect(lesson).not.toMatch(/\b(Usage|Options|Examples|default|show help|watch it)\b/);
    const stop = (await cli(['help', 'stop', '--lang', 'zh'], { lessons })).stdout;
    for (const word of ['部分:', '参数:', '哪一个程序', '另一个部分', lessons.find((l) => l.id === 'stop-nested')!.title.zh]) expect(stop).toContain(word);
  });

  it('speaks English with --lang en, and follows the locale without --lang', async () => {
    const root = await help([], 'en');
    for (const word of ['Usage:', 'Options:', 'Commands:', 'Examples:', 'pick a lesson from a menu']) expect(root).toContain(word);
    expect(root).not.toMatch(/[\u4e00-\u9fff]/);
    const byLocale = await cli(['stop', '--help'], { lessons, env: { LANG: 'zh_CN.UTF-8' } });
    expect(byLocale.stdout).toMatch(/^用法:/);
    expect(byLocale.stdout).toContain('部分:');
    const overridden = await cli(['stop', '--help', '--lang=en'], { lessons, env: { LANG: 'zh_CN.UTF-8' } });
    expect(overridden.stdout).toMatch(/^Usage:/);
  });

  for (const lang of ['zh', 'en'] as const) {
    for (const columns of [120, 80, 60]) {
      it(`fits ${columns} columns in ${lang}, with no line starting with punctuation`, async () => {
        for (const args of commands) {
          const text = await help(args, lang, columns);
          for (const line of text.split('\n')) {
            expect(cells(line), `${args.join(' ')} at ${columns}: ${line}`).toBeLessThanOrEqual(columns);
            expect(line, `${args.join(' ')} at ${columns}`).not.toMatch(NO_START);
          }
        }
      });
    }
  }

  it('is laid out for 80 columns when the output is not a terminal', async () => {
    const text = await help(['threads'], 'zh');
    expect(Math.max(...text.split('\n').map(cells))).toBeLessThanOrEqual(80);
    expect(Math.max(...text.split('\n').map(cells))).toBeGreaterThan(70);
  });
});

describe("commander's usage errors", () => {
  it('are said in Chinese with --lang zh (the tokens as typed, the error: prefix kept, status 2), and in English otherwise', async () => {
    const zh = async (...args: string[]) => (await cli([...args, '--lang', 'zh'], { lessons })).stderr;
    expect(await zh('call-later', '--speeed', '2')).toBe("error: 未知选项 '--speeed'\n(你是不是想输入 --speed?)\n");
    expect(await zh('call-later', 'extra')).toBe("error: 'call-later' 的参数太多:应为 0 个,给了 1 个。\n");
    expect(await zh('call-later', '--speed', 'abc')).toMatch(/^error: 选项 '--speed <factor>' 的取值 'abc' 无效。/);
    const en = await cli(['call-later', '--speeed', '2', '--lang', 'en'], { lessons });
    expect([en.code, en.stderr]).toEqual([2, "error: unknown option '--speeed'\n(Did you mean --speed?)\n"]);
  });

  it("and the lab's own usage errors and engine failures are said in the chosen language", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-words-'));
    const program = join(dir, 'prog.py');
    writeFileSync(program, 'print(1)\n');
    const cases = [
      ['stop', 'bogus'],
      ['call-later', '--variant', 'x'],
      ['stop', 'wait', '--variant', 'x'],
      ['call-later', '--interrupt-at', '3', '--until', '1'],
      ['call-later', '--interrupt-at', '5'],
      ['run', join(dir, 'missing.py')],
      ['run', join(dir, 'x.mjs'), '--max-cpu', '1'],
      ['run', join(dir, 'x.mjs'), '--interrupt-after-event', '1'],
      ['run', program, '--interpreter', join(dir, 'no-python')],
      ['run', program, '--interpreter', process.execPath],
      ['help', 'bogus'],
    ];
    for (const args of cases) {
      const zh = await cli([...args, ...(args[0] === 'help' ? [] : ['--lang', 'zh'])], { lessons, env: { LANG: 'zh_CN.UTF-8' } });
      const en = await cli([...args, ...(args[0] === 'help' ? [] : ['--lang', 'en'])], { lessons, env: { LANG: 'en_US.UTF-8' } });
      expect([zh.code, en.code], args.join(' ')).toEqual([2, 2]);
      expect(en.stderr, args.join(' ')).toMatch(/^error: [a-z'-]/);
      // Left once the tokens as typed are out (quoted, options, commands, Python's names): no English word.
      const words = zh.stderr
        .replace(/^error:/, '')
        .replace(/'[^']*'|--[a-z-]+|<[^>]*>|asyncio-lab( [a-z-]+)*|Ctrl\+C|CPU|C?Python( \d\.\d+)?|python\d?|\b(wait|nested)\b/g, '');
      expect(words, `${args.join(' ')}: ${zh.stderr}`).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it("say why a value is refused in the chosen language too (each option's own reason)", async () => {
    const cases = [
      ['call-later', '--speed', '0'],
      ['call-later', '--speed', '1e-9'],
      ['call-later', '--until', '-1'],
      ['call-later', '--until', '99999'],
      ['call-later', '--interrupt-at', 'x'],
      ['call-later', '--interrupt-at', '1,99999'],
      ['call-later', '--python', '2.7'],
      ['call-later', '--max-events', '0'],
      ['call-later', '--max-memory', '1'],
      ['call-later', '--lang', 'xx'],
      ['run', 'x.py', '--max-cpu', '0'],
      ['run', 'x.py', '--interrupt-after-event', 'a'],
    ];
    for (const args of cases) {
      const zh = await cli([...args, '--lang', 'zh'].slice(0, args[1] === '--lang' ? 3 : undefined), { lessons, env: { LANG: 'zh_CN.UTF-8' } });
      const en = await cli([...args, '--lang', 'en'].slice(0, args[1] === '--lang' ? 3 : undefined), { lessons, env: { LANG: 'en_US.UTF-8' } });
      expect([zh.code, en.code], args.join(' ')).toEqual([2, 2]);
      // What is left once the tokens as typed ('...', option names, <placeholders>) are taken out: no English word.
      const words = zh.stderr.replace(/^error:/, '').replace(/'[^']*'/g, '').replace(/--[a-z-]+|<[^>]*>/g, '');
      expect(words, `${args.join(' ')}: ${zh.stderr}`).not.toMatch(/[A-Za-z]{3,}/);
      expect(en.stderr, args.join(' ')).toMatch(/is invalid\. expected /);
    }
  });
});
