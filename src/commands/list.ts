// `asyncio-lab list [--json]`: the lessons, their commands and variants.
import { Command, Option } from 'commander';
import type { Lang, Lesson } from '../scenarios/types.js';
import { versionSpan } from '../scenarios/python-versions.js';
import { cells } from '../ui/format.js';
import { catalog } from './catalog.js';
import type { CliContext, HelpContext } from './io.js';
import { DEFAULT_HELP_WIDTH, examplesSection } from './help-format.js';
import { hw } from './help-words.js';
import { langFromEnv, parseLang } from './options.js';
import { resetSeen } from './seen.js';

/** The list as text, one lesson a line, variants indented under it. */
export function listText(lessons: readonly Lesson[], lang: Lang): string {
  const entries = catalog(lessons);
  const rows: [string, string, string][] = [];
  for (const entry of entries) {
    rows.push([`  ${entry.usage}${entry.default && entry.part !== null ? ' *' : ''}`, entry.title[lang], versionSpan(entry.articleRunsOn)]);
    for (const variant of entry.variants) rows.push([`    ${variant.usage}`, variant.title[lang], '']);
  }
  const width = Math.max(0, ...rows.map(([left]) => left.length)) + 2;
  const titleWidth = Math.max(0, ...rows.map(([, title]) => cells(title))) + 2;
  const lines = [lang === 'zh' ? 'asyncio-lab 的课程(运行: asyncio-lab <命令> [部分]):' : 'asyncio-lab lessons (run one: asyncio-lab <command> [part]):', ''];
  for (const [left, title, versions] of rows) lines.push(versions === '' ? left.padEnd(width) + title : left.padEnd(width) + title + ' '.repeat(titleWidth - cells(title)) + `[${versions}]`);
  lines.push('');
  lines.push(
    lang === 'zh'
      ? '[3.11–3.13]: 文章原来的程序在这些 Python 版本上照样运行(3.14 起多数在第一行 asyncio 代码就报错);--python 选择版本。'
      : "[3.11–3.13]: the Python versions on which the article's program still runs as written (from 3.14 most stop at their first asyncio line); --python picks one.",
  );
  lines.push(
    lang === 'zh'
      ? '* 该命令不带部分时运行的默认部分。每个命令都支持 --help。'
      : '* the part a command runs when given none. Every command takes --help.',
  );
  return lines.join('\n') + '\n';
}

export function listCommand(ctx: CliContext, help: HelpContext = { lang: 'en', width: DEFAULT_HELP_WIDTH }): Command {
  const { lang: hl } = help;
  return new Command('list')
    .description(hw('list', hl))
    .addOption(new Option('--json', hw('listJson', hl)))
    .addOption(new Option('--lang <lang>', hw('langShort', hl)).argParser((v) => parseLang(v, hl)))
    .addOption(new Option('--reset-seen', hw('resetSeen', hl)).conflicts(['json']))
    .addHelpText(
      'after',
      examplesSection(
        [
          ['asyncio-lab list', hw('exListPlain', hl)],
          ['asyncio-lab list --json', hw('exListJson', hl)],
          ['asyncio-lab list --reset-seen', hw('exResetSeen', hl)],
        ],
        hl,
        help.width,
      ),
    )
    .action((flags: { json?: boolean; lang?: Lang; resetSeen?: boolean }) => {
      const lang = flags.lang ?? langFromEnv(ctx.io.env);
      if (flags.resetSeen) {
        const done = resetSeen(ctx.io.env);
        ctx.io.stdout.write(lang === 'zh' ? (done ? '已清除“已看过”标记。\n' : '无法清除“已看过”标记(配置目录不可写)。\n') : done ? 'The seen marks are cleared.\n' : 'The seen marks could not be cleared (the config folder is not writable).\n');
      } else if (flags.json) ctx.io.stdout.write(JSON.stringify(catalog(ctx.lessons), null, 2) + '\n');
      else ctx.io.stdout.write(listText(ctx.lessons, lang));
    });
}
