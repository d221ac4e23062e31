// Picks the view for a lesson run: NDJSON, plain text (at once, or paced in real time with a live
// Ctrl+C), or the interactive Ink UI. Every view reads the run as a stream (src/playback/simulation.ts)
// and writes as it goes, so output starts at once and memory stays bounded however long the run.
import type { Budgets, BudgetStop } from '../playback/budgets.js';
import { budgetMessage } from '../playback/budgets.js';
import type { RunTarget, Simulation, SimulationEnd, SimulationRequest } from '../playback/simulation.js';
import { shellStatus } from '../runtime/process/shell-status.js';
import type { Runnable } from '../playback/index.js';
import type { TraceEvent } from '../runtime/trace.js';
import type { Lang, Lesson, LessonVariant, RunEnd, RunOptions } from '../scenarios/types.js';
import { chalkFor } from '../views/color.js';
import { stoppedWatchingMessage } from '../views/ending.js';
import { DEFAULT_PYTHON_VERSION } from '../runtime/python-version.js';
import { lessonIntro } from '../scenarios/intro.js';
import { endLine } from '../views/ndjson.js';
import { PlainView, type PlainLine } from '../views/plain.js';
import type { CliContext, CliIO, OutStream } from './io.js';
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
  /** The program, as the simulation's worker finds it. */
  target: RunTarget;
  budgets: Budgets;
}

export type ViewKind = 'json' | 'plain' | 'paced' | 'step' | 'ui';

/** Exit status of a run a budget stopped (the program was neither done nor left by the user). */
export const BUDGET_STATUS = 3;

/**
 * A terminal that can show the full-screen lab: a TTY, not CI, and not TERM=dumb (a terminal that
 * cannot move the cursor, such as an editor's shell buffer).
 */
export function canShowLab(io: CliIO): boolean {
  return io.stdout.isTTY === true && io.stdinIsTTY && !isCI(io.env) && io.env.TERM !== 'dumb';
}

/** Which view a run gets: explicit flags first, then whether a person is watching a terminal. */
export function chooseView(choice: LessonChoice, io: CliIO): ViewKind {
  const { flags } = choice;
  if (flags.json) return 'json';
  const plain = flags.plain || flags.outputOnly || flags.verbose || !canShowLab(io);
  if (!plain) return 'ui';
  if (flags.step) return 'step';
  const pacing = !flags.instant && (io.stdout.isTTY === true || choice.speedGiven);
  return pacing ? 'paced' : 'plain';
}

/** What the simulation needs to run `choice` with `options`. */
export function requestOf(choice: LessonChoice, options: RunOptions): SimulationRequest {
  const { sink: _sink, ...plain } = options;
  return { runnable: choice.variant ?? choice.lesson, target: choice.target, options: plain, budgets: choice.budgets };
}

/** Runs the lesson in its view; resolves to the exit status. */
export async function runLesson(ctx: CliContext, choice: LessonChoice): Promise<number> {
  const { io } = ctx;
  const runnable: Runnable = choice.variant ?? choice.lesson;
  const view = chooseView(choice, io);
  if (view === 'ui') {
    // The worker starts simulating while the UI's modules load.
    const simulate = (options: RunOptions) => io.simulate(requestOf(choice, options));
    const first = simulate(choice.options);
    const ui = await io.loadUi();
    return ui.runLab({
      lesson: choice.lesson,
      variant: choice.variant?.id,
      options: choice.options,
      speed: choice.flags.speed,
      instant: choice.flags.instant ?? false,
      startPaused: choice.flags.step ?? false,
      // A lesson opens paused on what to watch; a program of the user's own starts at once.
      watchFirst: choice.target.kind === 'lesson',
      lang: choice.lang,
      simulate,
      first,
    });
  }
  if (view === 'json') return streamJson(io, io.simulate({ ...requestOf(choice, choice.options), format: 'ndjson' }), choice.lang);
  const plain = new PlainView({
    lang: choice.lang,
    detail: choice.flags.outputOnly ? 'none' : choice.flags.verbose ? 'full' : 'learner',
    chalk: chalkFor(io.stdout, io.env),
    source: sourceOf(choice),
  });
  writeLines(io, plain.intro(lessonIntro(choice.lesson, choice.variant, choice.options.asWritten, choice.lang, choice.options.python ?? DEFAULT_PYTHON_VERSION)));
  if (view === 'paced') return playLive(io, runnable, choice, plain, timePace(io, choice.flags.speed));
  if (view === 'step') {
    io.stderr.write(
      choice.lang === 'zh'
        ? '(单步: 回车显示下一步,Ctrl+C 向程序按下 Ctrl+C,q 回车退出)\n'
        : '(stepping: Enter shows the next step, Ctrl+C presses Ctrl+C in the program, q Enter quits)\n',
    );
    return playLive(io, runnable, choice, plain, stepPace(io, (event) => plain.shows(event)));
  }
  return streamPlain(io, io.simulate(requestOf(choice, choice.options)), plain, choice.lang);
}

/** `--json`: each batch of events written as NDJSON as it arrives. */
async function streamJson(io: CliIO, simulation: Simulation, lang: Lang): Promise<number> {
  const tail = new EndingTail();
  try {
    for (let batch = await simulation.nextText(); batch !== undefined; batch = await simulation.nextText()) {
      if (batch.shutdown) tail.see(batch.shutdown);
      await writeDrained(io.stdout, batch.bytes);
      simulation.consumed(batch.count);
    }
    const ended = simulation.ended()!;
    const last = endLine(ended.end, ended.budget);
    if (last !== undefined) await writeDrained(io.stdout, last + '\n');
    return finishRun(io, ended, tail, lang);
  } finally {
    simulation.close();
  }
}

/** `--plain` and `--output-only` without pacing: lines written as the events arrive. */
async function streamPlain(io: CliIO, simulation: Simulation, plain: PlainView, lang: Lang): Promise<number> {
  const tail = new EndingTail();
  try {
    for (let batch = await simulation.next(); batch !== undefined; batch = await simulation.next()) {
      const lines: PlainLine[] = [];
      for (const event of batch) {
        tail.see(event);
        for (const line of plain.lines(event)) lines.push(line);
      }
      await writeLinesDrained(io, lines);
      simulation.consumed(batch.length);
    }
    await writeLinesDrained(io, plain.finish());
    return finishRun(io, simulation.ended()!, tail, lang);
  } finally {
    simulation.close();
  }
}

/** The last events a run's closing message reads (why a process is still alive), kept as they pass. */
export class EndingTail {
  private shutdown: TraceEvent | undefined = undefined;
  see(event: TraceEvent): void {
    if (event.type === 'shutdown') this.shutdown = event;
  }
  /** What stoppedWatchingMessage needs of the trace. */
  events(): TraceEvent[] {
    return this.shutdown ? [this.shutdown] : [];
  }
}

/** Says how a streamed run ended (a budget, a failure, or watching stopped) and gives the exit status. */
export function finishRun(io: CliIO, ended: SimulationEnd, tail: EndingTail, lang: Lang): number {
  if (ended.error !== undefined) {
    io.stderr.write(`error: the simulation failed: ${ended.error}\n`);
    return 1;
  }
  if (ended.budget !== undefined) return budgetStopped(io, ended.budget, lang);
  return finish(io, ended.end, stoppedWatchingMessage(ended.end, tail.events(), lang));
}

export function budgetStopped(io: CliIO, budget: BudgetStop, lang: Lang): number {
  io.stderr.write(chalkFor(io.stderr, io.env).yellow(budgetMessage(budget, lang)) + '\n');
  return BUDGET_STATUS;
}

/** Writes `text`, then waits until the stream has taken it (so a slow reader holds the run back). */
export function writeDrained(stream: OutStream, text: string | Uint8Array): Promise<void> | void {
  if (stream.write(text) !== false || typeof stream.once !== 'function') return;
  return new Promise<void>((resolve) => stream.once!('drain', resolve));
}

async function writeLinesDrained(io: CliIO, lines: readonly PlainLine[]): Promise<void> {
  let i = 0;
  while (i < lines.length) {
    const stream = lines[i]!.stream;
    let chunk = '';
    while (i < lines.length && lines[i]!.stream === stream) chunk += lines[i++]!.text + '\n';
    await writeDrained(stream === 'stdout' ? io.stdout : io.stderr, chunk);
  }
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
  return end.kind === 'exit' ? shellStatus(end.status) : end.budget ? BUDGET_STATUS : 0;
}
