// The commander program: `asyncio-lab` (menu or list), `list`, and one command per lesson group.
// Built from an injected lesson registry, so tests drive it with fixture lessons.
import { sayCommanderError } from './help-errors.js';
import { Command, Option } from 'commander';
import type { Lang } from '../scenarios/types.js';
import { groupByCommand, usageOf } from './catalog.js';
import type { CliContext } from './io.js';
import { lessonCommand, speaks } from './lesson.js';
import { scenarioCommand } from './scenario.js';
import { verifyCommand } from './verify.js';
import { listCommand, listText } from './list.js';
import { LAB_PYTHON, langFromEnv, parseLang } from './options.js';
import { canShowLab } from './run-lesson.js';
import { DEFAULT_HELP_WIDTH, examplesSection, helpConfiguration } from './help-format.js';
import { hw } from './help-words.js';
import type { HelpContext } from './io.js';
import { markSeen, readSeen, seenKey } from './seen.js';
import { DEFAULT_BUDGETS } from '../playback/budgets.js';
import type { RunTarget } from '../playback/simulation.js';

/** What the lab returns when left with three Ctrl+C: leave the menu too. */
const SIGINT_STATUS = 130;

export interface Built {
  program: Command;
  /** The exit status the action decided (0 when it decided none). */
  exitCode(): number;
}

/** The language `--help` is written in: a `--lang` on the command line (anywhere), else the locale's. */
export function helpLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  for (let i = argv.length - 1; i >= 0; i--) {
    const arg = argv[i]!;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'zh' || value === 'en') return value;
  }
  return langFromEnv(env);
}

/** The width help is laid out for: the terminal's, else DEFAULT_HELP_WIDTH. */
export function helpWidth(io: CliContext['io']): number {
  const columns = io.stdout.isTTY ? io.stdout.columns : undefined;
  return columns && columns > 0 ? columns : DEFAULT_HELP_WIDTH;
}

export function buildProgram(ctx: CliContext, argv: readonly string[] = []): Built {
  let code = 0;
  const setExit = (n: number) => {
    code = n;
  };
  const { io } = ctx;
  const help: HelpContext = { lang: helpLang(argv, io.env), width: helpWidth(io) };
  const { lang: hl } = help;
  const program = new Command('asyncio-lab')
    .description(hw('root', hl))
    .version(ctx.version, '-V, --version', hw('version', hl))
    .helpOption('-h, --help', hw('help', hl))
    .helpCommand('help [command]', hw('helpCommand', hl))
    .configureHelp(helpConfiguration(hl))
    .addOption(new Option('--lang <lang>', hw('rootLang', hl)).argParser((v) => parseLang(v, hl)))
    .showSuggestionAfterError(true)
    // Root options only before a command, so each command's own --lang reaches it.
    .enablePositionalOptions()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's usage errors in the chosen language (help-errors.ts).
      outputError: (text, write) => write(sayCommanderError(text, hl)),
      getOutHelpWidth: () => help.width,
      getErrHelpWidth: () => help.width,
    })
    .exitOverride();
  // Our own usage errors, in the language --help speaks (lesson.ts usageError).
  speaks(program, hl);

  // Commands built on their own take the output, exit and suggestion settings above.
  program.addCommand(listCommand(ctx, help).copyInheritedSettings(program));

  for (const [name, group] of groupByCommand(ctx.lessons)) {
    program.addCommand(lessonCommand(ctx, name, group, setExit, help).copyInheritedSettings(program));
  }
  program.addCommand(scenarioCommand(ctx, setExit, help).copyInheritedSettings(program));
  program.addCommand(verifyCommand(ctx, setExit, help).copyInheritedSettings(program));

  program.addHelpText(
    'after',
    examplesSection(
      [
        ['asyncio-lab', hw('exMenu', hl)],
        ['asyncio-lab list', hw('exList', hl)],
        ['asyncio-lab call-later', hw('exCallLater', hl)],
        ['asyncio-lab stop wait --interrupt-at 1.5 --plain', hw('exStopWait', hl)],
        ['asyncio-lab threads daemon --variant daemon', hw('exDaemon', hl)],
        ['asyncio-lab run examples/deadline-ties.mjs', hw('exRun', hl)],
        ['asyncio-lab <command> --help', hw('exCommandHelp', hl)],
      ],
      hl,
      help.width,
    ),
  );

  // The root takes operands only to report them as unknown commands (with commander's suggestion);
  // set after the subcommands copied the root's settings, so they still refuse excess arguments.
  program.allowExcessArguments(true);
  program.action(async (flags: { lang?: Lang }) => {
    if (program.args.length > 0) {
      // A lesson's id (`stop-wait`) is not its command (`stop wait`): say which command it is.
      const lesson = ctx.lessons.find((l) => l.id === program.args[0] && l.part !== undefined);
      if (lesson) program.error(`error: unknown command '${program.args[0]}'\n(Did you mean ${usageOf(lesson)}?)`, { exitCode: 2, code: 'asyncio-lab.usage' });
      (program as unknown as { unknownCommand(): never }).unknownCommand();
    }
    const lang = flags.lang ?? langFromEnv(io.env);
    if (canShowLab(io) && ctx.lessons.length > 0) {
      const ui = await io.loadUi();
      // Back to the menu after each lesson, on the same row, until the menu is left (or the lab is
      // left with three Ctrl+C).
      let row = 0;
      let seen = readSeen(io.env);
      for (;;) {
        const choice = await ui.runMenu({ lessons: ctx.lessons, lang, row, seen });
        if (!choice) return;
        const { lesson, variant } = choice;
        row = choice.row;
        seen = markSeen(io.env, seenKey(lesson.id, variant?.id));
        const target: RunTarget = { kind: 'lesson', id: lesson.id, ...(variant ? { variant: variant.id } : {}) };
        code = await ui.runLab({
          lesson,
          ...(variant ? { variant: variant.id } : {}),
          simulate: ({ sink: _sink, ...options }) => io.simulate({ runnable: variant ?? lesson, target, options, budgets: DEFAULT_BUDGETS }),
          options: { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil, python: LAB_PYTHON },
          speed: 1,
          instant: false,
          startPaused: false,
          watchFirst: true,
          lang,
        });
        if (code === SIGINT_STATUS) return;
      }
    }
    io.stdout.write(listText(ctx.lessons, lang));
  });

  return { program, exitCode: () => code };
}
