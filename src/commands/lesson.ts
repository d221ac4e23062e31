// One command per lesson group: `asyncio-lab call-soon`, `asyncio-lab stop [wait|nested]`,
// `asyncio-lab threads [threadsafe|coroutine|pool|queue|daemon]`. The command resolves the part and
// variant, builds the run options, and hands over to the chosen view (src/commands/run-lesson.ts).
import { Command } from 'commander';
import type { Runnable } from '../playback/index.js';
import { shellStatus } from '../runtime/process/shell-status.js';
import type { Lesson, LessonVariant, RunOptions } from '../scenarios/types.js';
import { usageOf } from './catalog.js';
import type { CliContext } from './io.js';
import { LAB_PYTHON, budgetsOf, langFromEnv, lessonOptions, type LessonFlags } from './options.js';
import type { RunTarget } from '../playback/simulation.js';
import { runLesson } from './run-lesson.js';
import { didYouMean } from './suggest.js';

/** Fails the command with `error: ...` and exit status 2. */
export function usageError(command: Command, message: string): never {
  command.error(`error: ${message}`, { exitCode: 2, code: 'asyncio-lab.usage' });
}

export function lessonCommand(ctx: CliContext, name: string, group: readonly Lesson[], setExit: (code: number) => void): Command {
  const first = group[0]!;
  const parts = group.flatMap((l) => (l.part === undefined ? [] : [l.part]));
  const command = new Command(name);
  if (parts.length > 1) {
    command.description(`parts: ${parts[0]} (default), ${parts.slice(1).join(', ')}`);
    const width = Math.max(...parts.map((p) => p.length)) + 2;
    command.addHelpText('after', ['', 'Parts:', ...group.map((l) => `  ${(l.part ?? '').padEnd(width)}${l.title.en}`)].join('\n'));
  } else {
    command.description(first.title.en);
  }
  if (parts.length > 0) command.argument('[part]', `which program: ${parts.join(' | ')} (default: ${parts[0]})`);
  for (const option of lessonOptions(group.flatMap((l) => l.variants.map((v) => v.id)))) command.addOption(option);
  command.addHelpText('after', helpExamples(name, group));

  command.action(async (...args: unknown[]) => {
    const part = parts.length > 0 ? (args[0] as string | undefined) : undefined;
    const flags = command.opts<LessonFlags>();
    const lesson = part === undefined ? first : group.find((l) => l.part === part);
    if (!lesson) usageError(command, `unknown part '${part}' for command '${name}'${didYouMean(part!, parts)}\n(parts: ${parts.join(', ')})`);

    let variant: LessonVariant | undefined;
    if (flags.variant !== undefined) {
      const ids = lesson.variants.map((v) => v.id);
      variant = lesson.variants.find((v) => v.id === flags.variant);
      if (!variant) {
        const known = ids.length > 0 ? `${didYouMean(flags.variant, ids)}\n(variants of ${usageOf(lesson)}: ${ids.join(', ')})` : ` (${usageOf(lesson)} has no variants)`;
        usageError(command, `unknown variant '${flags.variant}'${known}`);
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
  const late = interruptAfterExit(variant ?? lesson, options);
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
    budgets: budgetsOf(flags),
  });
}

/** The run options the command's flags ask for (a usage error when they disagree). */
export function runOptionsOf(command: Command, lesson: Lesson, flags: LessonFlags): RunOptions {
  const interrupts = flags.interruptAt ?? [];
  const untilGiven = flags.until !== undefined;
  const last = interrupts.at(-1);
  if (untilGiven && last !== undefined && last > flags.until!) {
    usageError(command, `--interrupt-at ${last} is after --until ${flags.until}: that Ctrl+C would never be delivered`);
  }
  // Without --until, watch the lesson's default span, and as long again after the last Ctrl+C
  // (the program may take a while to shut down, or hang and need a second one).
  const until = flags.until ?? (last === undefined ? lesson.defaultUntil : Math.max(lesson.defaultUntil, last + lesson.defaultUntil));
  return { asWritten: flags.asWritten ?? false, debug: flags.debug ?? false, interrupts, until, python: flags.python ?? LAB_PYTHON };
}

/**
 * Why a requested Ctrl+C would never reach the program (it has exited by then), or undefined when
 * every one is delivered. The run is deterministic, so one run tells; a view would show nothing.
 */
export function interruptAfterExit(runnable: Runnable, options: RunOptions): string | undefined {
  if (options.interrupts.length === 0) return undefined;
  const { events, end } = runnable.run(options);
  const delivered = events.reduce((n, e) => (e.type === 'interrupt' ? n + 1 : n), 0);
  const missed = options.interrupts[delivered];
  if (missed === undefined || end.kind !== 'exit') return undefined;
  const exitedAt = events.at(-1)?.t ?? 0;
  return `--interrupt-at ${missed}: the program has already exited by then (at ${exitedAt.toFixed(3)} s, status ${shellStatus(end.status)}), so that Ctrl+C would never be delivered`;
}

function helpExamples(name: string, group: readonly Lesson[]): string {
  const first = group[0]!;
  const base = `asyncio-lab ${name}`;
  // A documented Ctrl+C moment, when the lesson has one (a program that ends at 0.5 s has none at 1.5 s).
  const moment = first.interrupts[0]?.at;
  const rows: [string, string][] = [[base, 'watch it in the interactive timeline']];
  const other = group[1];
  if (other) rows.push([usageOf(other), 'another part (see Parts above)']);
  rows.push([`${base} --plain --speed 4`, 'printed lines and a text timeline, 4x real time']);
  rows.push([`${base} --output-only`, 'only what the Python program prints']);
  rows.push([`${base} --json`, 'the trace as NDJSON, one event per line']);
  if (moment !== undefined) rows.push([`${base} --interrupt-at ${moment} --plain`, `press Ctrl+C at ${moment} s (simulated time)`]);
  if (first.corrected) rows.push([`${base} --as-written`, "the article's program, unchanged"]);
  for (const lesson of group) {
    for (const variant of lesson.variants) rows.push([`${usageOf(lesson)} --variant ${variant.id}`, variant.title.en]);
  }
  rows.push([`${base} --debug --plain`, 'asyncio debug mode (python -X dev)']);
  const width = Math.max(...rows.map(([c]) => c.length)) + 3;
  return ['', 'Examples:', ...rows.map(([c, what]) => `  $ ${c.padEnd(width)}${what}`)].join('\n') + '\n';
}
