// The plain view (`--plain`): the program's printed lines exactly as Python prints them, stdout to
// stdout and stderr to stderr, interleaved with a text timeline of what the event loop does.
// Timeline lines go to stdout, prefixed with the simulated time (and the thread, when it is not
// the main thread) and dimmed; the lesson's notes are shown in the chosen language. With
// detail 'none' (`--output-only`) only the program's lines are printed, as `python3 file.py` would.
import type { ChalkInstance } from 'chalk';
import type { TraceEvent } from '../runtime/trace.js';
import type { Lang } from '../scenarios/types.js';
import { describe, newDescribeState, type DescribeState, type Detail } from './describe.js';
import type { IntroLine } from '../scenarios/intro.js';
import { LearnerPlain } from './learner-plain.js';

export interface PlainLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface PlainOptions {
  lang: Lang;
  /**
   * 'learner' (the default): one line per learner step (src/ui/learner), the printed lines inside
   * it; 'full' (`--verbose`): every event; 'none' prints only the program's own lines.
   */
  detail: Detail | 'learner' | 'none';
  /** Colours for timeline lines (which go to stdout). */
  chalk: ChalkInstance;
  /** The program's source, to quote the executing line in full detail. */
  source?: string;
}

/** Turns events into lines, one event at a time (the paced view feeds it as events become due). */
export class PlainView {
  private readonly state: DescribeState = newDescribeState();
  private readonly sourceLines: string[];
  private readonly learner: LearnerPlain | undefined;
  /** At the learner level, a second fold that `shows` feeds (stepping asks before the events are shown), and its answers. */
  private readonly lookahead: LearnerPlain | undefined;
  private readonly answers = new WeakMap<TraceEvent, boolean>();

  constructor(private readonly options: PlainOptions) {
    this.sourceLines = options.source?.split('\n') ?? [];
    this.learner = options.detail === 'learner' ? new LearnerPlain(options.lang, options.chalk, timePrefix) : undefined;
    this.lookahead = options.detail === 'learner' ? new LearnerPlain(options.lang, options.chalk, timePrefix) : undefined;
  }

  /** The lines one event prints (often none; at the learner level, a step's lines once it is whole). */
  lines(event: TraceEvent): PlainLine[] {
    if (this.learner) return this.learner.lines(event);
    if (event.type === 'output') return [{ stream: event.stream, text: event.text }];
    const { detail, chalk, lang } = this.options;
    if (detail === 'none') return [];
    const prefix = timePrefix(event);
    if (event.type === 'note') return [{ stream: 'stdout', text: chalk.dim(prefix) + chalk.cyan(`» ${event[lang]}`) }];
    let text = describe(event, this.state, lang, detail as Detail);
    if (text === undefined) return [];
    if (event.type === 'line') {
      const code = this.sourceLines[event.line - 1];
      if (code !== undefined) text += `: ${code.trim()}`;
    }
    if (event.race) text += lang === 'zh' ? '  (竞争: 真实 Python 中顺序可能不同)' : '  (race: real Python may order this differently)';
    const loud = event.type === 'interrupt' || event.type === 'exit' || (event.type === 'shutdown' && event.phase === 'hang');
    return [{ stream: 'stdout', text: loud ? chalk.dim(prefix) + chalk.yellow(text) : chalk.dim(prefix + text) }];
  }

  /**
   * The lesson's intro before the run (nothing with --output-only): each line starts with `»`, as the
   * lesson's notes do, so it never reads as something the program printed; a blank line follows.
   */
  intro(lines: readonly IntroLine[]): PlainLine[] {
    const { detail, chalk } = this.options;
    if (detail === 'none' || lines.length === 0) return [];
    const styled = lines.map(({ kind, text }) => ({
      stream: 'stdout' as const,
      text: kind === 'title' ? chalk.bold(`» ${text}`) : kind === 'heading' ? chalk.cyan(`» ${text}:`) : chalk.cyan(`»   ${text}`),
    }));
    return [...styled, { stream: 'stdout', text: '' }];
  }

  /** What is left to write when the run has ended (the learner level's last step, if still open). */
  finish(): PlainLine[] {
    return this.learner?.finish() ?? [];
  }

  /**
   * Whether `event` prints anything at this detail level (without printing it). At the learner
   * level: whether it completes a step; asked of each event in order, once or more.
   */
  shows(event: TraceEvent): boolean {
    if (this.lookahead) {
      let answer = this.answers.get(event);
      if (answer === undefined) {
        answer = this.lookahead.lines(event).length > 0;
        this.answers.set(event, answer);
      }
      return answer;
    }
    if (event.type === 'output') return true;
    if (this.options.detail === 'none') return false;
    return event.type === 'note' || describe(event, newDescribeState(), this.options.lang, this.options.detail as Detail) !== undefined;
  }

  /** All lines of a whole trace. */
  render(events: readonly TraceEvent[]): PlainLine[] {
    return [...events.flatMap((event) => this.lines(event)), ...this.finish()];
  }
}

/** "   0.100 " or "   6.000 [Thread-1] ". */
export function timePrefix(event: TraceEvent): string {
  const time = event.t.toFixed(3).padStart(8);
  return event.thread === 'MainThread' ? `${time}  ` : `${time} [${event.thread}]  `;
}
