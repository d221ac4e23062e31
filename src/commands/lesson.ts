// One command per lesson group: `asyncio-lab call-soon`, `asyncio-lab stop [wait|nested]`,
// `asyncio-lab threads [threadsafe|coroutine|pool|queue|daemon]`. The command resolves the part and
// variant, builds the run options, and hands over to the chosen view (src/commands/run-lesson.ts).
import { Command } from 'commander';
import type { Lang, Lesson, LessonVariant, RunOptions } from '../scenarios/types.js';
import type { Bilingual } from '../ui/i18n.js';
import { usageWords } from './usage-words.js';
import { usageOf } from './catalog.js';
import type { CliContext, HelpContext } from './io.js';
import { DEFAULT_HELP_WIDTH, examplesSection, helpSection } from './help-format.js';
import { helpWords, hw } from './help-words.js';
import { LAB_PYTHON, budgetsOf, langFromEnv, lessonOptions, type LessonFlags } from './options.js';
import type { RunTarget } from '../playback/simulation.js';
import { interruptAfterExit } from './late-interrupt.js';
import { runLesson } from './run-lesson.js';
import { didYouMean } from './suggest.js';

/** The language each command tree speaks (its root's, set where the command line is read). */
const spoken = new WeakMap<Command, Lang>();

/** `command` and the commands added under it say their usage errors in `lang`. */
export function speaks(command: Command, lang: Lang): Command {
  spoken.set(command, lang);
  return command;
}

function langOf(command: Command | null): Lang {
  for (let c = command; c !== null; c = c.parent) {
    const lang = spoken.get(c);
    if (lang !== undefined) return lang;
  }
  return 'en';
}

/** Fails the command with `error: ...` in its language and exit status 2. */
export function usageError(command: Command, message: Bilingual): never {
  command.error(`error: ${message[langOf(command)]}`, { exitCode: 2, code: 'asyncio-lab.usage' });
}

export function lessonCommand(ctx: CliContext, name: string, group: readonly Lesson[], setExit: (code: number) => void, help: HelpContext = { lang: 'en', width: DEFAULT_HELP_WIDTH }): Command {
  const { lang: hl } = help;
  const first = group[0]!;
  const parts = group.flatMap((l) => (l.part === undefined ? [] : [l.part]));
  const command = new Command(name);
  if (parts.length > 1) {
    command.description(helpWords.partsDescription(parts[0]!, parts.slice(1).join(hl === 'zh' ? '、' : ', '))[hl]);
    command.addHelpText('after', helpSection(hw('parts', hl), group.map((l) => [l.part ?? '', l.title[hl]] as const), help.width).trimEnd());
  } else {
    command.description(first.title[hl]);
  }
  if (parts.length > 0) command.argument('[part]', helpWords.partArgument(parts.join(' | '), parts[0]!)[hl]);
  for (const option of lessonOptions(group.flatMap((l) => l.variants.map((v) => v.id)), hl)) command.addOption(option);
  command.addHelpText('after', helpExamples(name, group, help));

  command.action(async (...args: unknown[]) => {
    const part = parts.length > 0 ? (args[0] as string | undefined) : undefined;
    const flags = command.opts<LessonFlags>();
    const lesson = part === undefined ? first : group.find((l) => l.part === part);
    if (!lesson) usageError(command, usageWords.unknownPart(part!, name, didYouMean(part!, parts), parts.join(', ')));

    let variant: LessonVariant | undefined;
    if (flags.variant !== undefined) {
      const ids = lesson.variants.map((v) => v.id);
      variant = lesson.variants.find((v) => v.id === flags.variant);
      if (!variant) {
        usageError(command, ids.length > 0 ? usageWords.unknownVariant(flags.variant, didYouMean(flags.variant, ids), usageOf(lesson), ids.join(', ')) : usageWords.noVariants(flags.variant, usageOf(lesson)));
      }
    }

    setExit(await runChosen(ctx, command, lesson, variant, flags, { kind: 'lesson', id: lesson.id, ...(variant ? { variant: variant.id } : {}) }));
  });
  return command;
}

/**
 * Runs a lesson (or one of its variants) with the command's flags: checks that they agree, picks
 * how long to watch, and hands over to the chosen view. Resolves to the exit status.
 */
export async function runChosen(ctx: CliContext, command: Command, lesson: Lesson, variant: LessonVariant | undefined, flags: LessonFlags, target: RunTarget): Promise<number> {
  const options = runOptionsOf(command, lesson, flags);
  const budgets = budgetsOf(flags);
  const { sink: _sink, ...plain } = options;
  const late = await interruptAfterExit(ctx.io.simulate, { runnable: variant ?? lesson, target, options: plain, budgets });
  if (late !== undefined) usageError(command, late);
  return runLesson(ctx, {
    lesson,
    variant,
    options,
    flags,
    lang: flags.lang ?? langFromEnv(ctx.io.env),
    untilGiven: flags.until !== undefined,
    speedGiven: command.getOptionValueSource('speed') === 'cli',
    target,
    budgets,
  });
}

/** The run options the command's flags ask for (a usage error when they disagree). */
export function runOptionsOf(command: Command, lesson: Lesson, flags: LessonFlags): RunOptions {
  const interrupts = flags.interruptAt ?? [];
  const untilGiven = flags.until !== undefined;
  const last = interrupts.at(-1);
  if (untilGiven && last !== undefined && last > flags.until!) {
    usageError(command, usageWords.interruptAfterUntil(last, flags.until!));
  }
  // Without --until, watch the lesson's default span, and as long again after the last Ctrl+C
  // (the program may take a while to shut down, or hang and need a second one).
  const until = flags.until ?? (last === undefined ? lesson.defaultUntil : Math.max(lesson.defaultUntil, last + lesson.defaultUntil));
  const events = flags.interruptAfterEvent === undefined ? {} : { interruptEvents: flags.interruptAfterEvent };
  return { asWritten: flags.asWritten ?? false, debug: flags.debug ?? false, interrupts, ...events, until, python: flags.python ?? LAB_PYTHON };
}

function helpExamples(name: string, group: readonly Lesson[], help: HelpContext): string {
  const { lang: hl } = help;
  const first = group[0]!;
  const base = `asyncio-lab ${name}`;
  // A documented Ctrl+C moment, when the lesson has one (a program that ends at 0.5 s has none at 1.5 s).
  const moment = first.interrupts[0]?.at;
  const rows: [string, string][] = [[base, hw('exWatch', hl)]];
  const other = group[1];
  if (other) rows.push([usageOf(other), hw('exOtherPart', hl)]);
  rows.push([`${base} --plain --speed 4`, hw('exPlain', hl)]);
  rows.push([`${base} --output-only`, hw('exOutputOnly', hl)]);
  rows.push([`${base} --json`, hw('exJson', hl)]);
  if (moment !== undefined) rows.push([`${base} --interrupt-at ${moment} --plain`, helpWords.exInterrupt(moment)[hl]]);
  if (first.corrected) rows.push([`${base} --as-written`, hw('exAsWritten', hl)]);
  for (const lesson of group) {
    for (const variant of lesson.variants) rows.push([`${usageOf(lesson)} --variant ${variant.id}`, variant.title[hl]]);
  }
  rows.push([`${base} --debug --plain`, hw('exDebug', hl)]);
  return examplesSection(rows, hl, help.width);
}
