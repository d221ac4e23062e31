// Picks the view for a lesson run: NDJSON, plain text (at once, or paced in real time with a live
// Ctrl+C), or the interactive Ink UI.
import { shellStatus } from '../runtime/process/shell-status.js';
import type { Lang, Lesson, LessonVariant, RunEnd, RunOptions } from '../scenarios/types.js';
import type { Runnable } from '../playback/index.js';
import { chalkFor } from '../views/color.js';
import { stoppedWatchingMessage } from '../views/ending.js';
import { lessonIntro } from '../scenarios/intro.js';
import { ndjsonLines } from '../views/ndjson.js';
import { PlainView, type PlainLine } from '../views/plain.js';
import type { CliContext, CliIO } from './io.js';
import { isCI, type LessonFlags } from './options.js';
import { playLive } from './paced.js';
import { stepPace, timePace } from './pace.js';

export interface LessonChoice {
  lesson: Lesson;
  variant: LessonVariant | undefined;
  options: RunOptions;
  flags: LessonFlags;
  lang: Lang;
  /** --until was given (otherwise a paced view keeps watching until the program exits). */
  untilGiven: boolean;
  /** --speed was given on the command line (it asks for pacing even when stdout is not a terminal). */
  speedGiven: boolean;
}

export type ViewKind = 'json' | 'plain' | 'paced' | 'step' | 'ui';

/** Which view a run gets: explicit flags first, then whether a person is watching a terminal. */
export function chooseView(choice: LessonChoice, io: CliIO): ViewKind {
  const { flags } = choice;
  if (flags.json) return 'json';
  const terminal = io.stdout.isTTY === true && !isCI(io.env);
  const plain = flags.plain || flags.outputOnly || flags.verbose || !terminal || !io.stdinIsTTY;
  if (!plain) return 'ui';
  if (flags.step) return 'step';
  const pacing = !flags.instant && (io.stdout.isTTY === true || choice.speedGiven);
  return pacing ? 'paced' : 'plain';
}

/** Runs the lesson in its view; resolves to the exit status. */
export async function runLesson(ctx: CliContext, choice: LessonChoice): Promise<number> {
  const { io } = ctx;
  const runnable: Runnable = choice.variant ?? choice.lesson;
  const view = chooseView(choice, io);
  if (view === 'ui') {
    const ui = await io.loadUi();
    return ui.runLab({
      lesson: choice.lesson,
      variant: choice.variant?.id,
      options: choice.options,
      speed: choice.flags.speed,
      instant: choice.flags.instant ?? false,
      startPaused: choice.flags.step ?? false,
      lang: choice.lang,
    });
  }
  if (view === 'json') {
    const result = runnable.run(choice.options);
    io.stdout.write(ndjsonLines(result.events, result.end).join('\n') + '\n');
    return finish(io, result.end, stoppedWatchingMessage(result.end, result.events, choice.lang));
  }
  const plain = new PlainView({
    lang: choice.lang,
    detail: choice.flags.outputOnly ? 'none' : choice.flags.verbose ? 'full' : 'brief',
    chalk: chalkFor(io.stdout, io.env),
    source: sourceOf(choice),
  });
  writeLines(io, plain.intro(lessonIntro(choice.lesson, choice.variant, choice.options.asWritten, choice.lang)));
  if (view === 'paced') return playLive(io, runnable, choice, plain, timePace(io, choice.flags.speed));
  if (view === 'step') {
    io.stderr.write(
      choice.lang === 'zh'
        ? '(单步: 回车显示下一步,Ctrl+C 向程序按下 Ctrl+C,q 回车退出)\n'
        : '(stepping: Enter shows the next step, Ctrl+C presses Ctrl+C in the program, q Enter quits)\n',
    );
    return playLive(io, runnable, choice, plain, stepPace(io, (event) => plain.shows(event)));
  }
  const result = runnable.run(choice.options);
  writeLines(io, plain.render(result.events));
  return finish(io, result.end, stoppedWatchingMessage(result.end, result.events, choice.lang));
}

/** The source text the run executes (for quoting lines in the verbose timeline). */
export function sourceOf(choice: LessonChoice): string {
  if (choice.variant) return choice.variant.source.text;
  const { lesson } = choice;
  return !choice.options.asWritten && lesson.corrected ? lesson.corrected.text : lesson.asWritten.text;
}

/** Writes lines in order, one write per run of lines on the same stream. */
export function writeLines(io: CliIO, lines: readonly PlainLine[]): void {
  let i = 0;
  while (i < lines.length) {
    const stream = lines[i]!.stream;
    let chunk = '';
    while (i < lines.length && lines[i]!.stream === stream) chunk += lines[i++]!.text + '\n';
    (stream === 'stdout' ? io.stdout : io.stderr).write(chunk);
  }
}

/** Says why watching stopped (if it did), and gives the exit status: the program's own, or 0 when it was still running. */
export function finish(io: CliIO, end: RunEnd, message: string | undefined): number {
  if (message !== undefined) io.stderr.write(chalkFor(io.stderr, io.env).yellow(message) + '\n');
  return exitStatus(end);
}

/**
 * The status a shell would see. A negative status is death by that signal (CPython re-raises an
 * uncaught KeyboardInterrupt as SIGINT, -2 to Python's subprocess): a shell shows 128 + signal.
 */
export function exitStatus(end: RunEnd): number {
  // A run still going when watching stopped has no status of its own; one stopped by a budget failed.
  return end.kind === 'exit' ? shellStatus(end.status) : end.budget ? 1 : 0;
}
