// The plain view at the learner level (`--plain`, the default): one line per learner step saying
// what it means (src/ui/learner), the program's printed lines and the lesson's notes in the order
// they happened inside it, then a line with the other changes the step made. A step is written as
// soon as the fold knows it is whole (its callback returned, its wait began, or the next step
// began), so paced output keeps time with the run.
import type { ChalkInstance } from 'chalk';
import type { TraceEvent } from '../runtime/trace.js';
import type { Lang } from '../scenarios/types.js';
import { LearnerFold } from '../ui/learner/fold.js';
import { stepText, stepWords } from '../ui/learner/words.js';
import { reduce } from '../ui/state/reduce.js';
import { initialState, type LabState } from '../ui/state/types.js';
import type { PlainLine } from './plain.js';

export class LearnerPlain {
  private readonly fold = new LearnerFold();
  /** The events not yet folded into `before`, from index `from`. */
  private pending: TraceEvent[] = [];
  private from = 0;
  /** The exact state before event `from` (names of tasks and futures for the words). */
  private before: LabState = initialState;
  /** The last event index written as part of a step (-1: none yet). */
  private written = -1;

  constructor(
    private readonly lang: Lang,
    private readonly chalk: ChalkInstance,
    private readonly prefix: (event: TraceEvent) => string,
  ) {}

  /** The lines that `event` completes (often none: a step is written once it is whole). */
  lines(event: TraceEvent): PlainLine[] {
    const index = this.fold.length;
    this.fold.push(event);
    this.pending.push(event);
    const out: PlainLine[] = [];
    // A note explaining the step already written (it joined that step) goes out at once.
    if (event.type === 'note' && this.fold.isClosed && this.fold.firstOfOpen <= this.written && !this.fold.hasPending) {
      this.written = index;
      return [this.note(event)];
    }
    // Steps closed by this event (one at most, but an earlier one may not have been written yet).
    for (const end of this.fold.drain()) if (end > this.written) out.push(...this.step(this.written + 1, end));
    if (this.fold.isClosed && this.fold.firstOfOpen > this.written) out.push(...this.step(this.fold.firstOfOpen, index));
    return out;
  }

  /** The lines of the step still open when the run ended. */
  finish(): PlainLine[] {
    const last = this.fold.length - 1;
    return last > this.written ? this.step(this.written + 1, last) : [];
  }

  private step(first: number, last: number): PlainLine[] {
    while (this.from < first) {
      this.before = reduce(this.before, this.pending.shift()!);
      this.from += 1;
    }
    const events = this.pending;
    const at = (i: number) => events[i - this.from]!;
    const words = stepWords(at, { first, last }, this.before);
    const { chalk, lang } = this;
    const lead = at(first);
    const shown = { ...words, changes: words.changes.filter((c) => !c.events.every((i) => at(i).type === 'output')) };
    const out: PlainLine[] = [{ stream: 'stdout', text: chalk.dim(this.prefix(lead)) + stepText({ ...shown, changes: [] }, lang) }];
    for (let i = first; i <= last; i++) {
      const e = at(i);
      if (e.type === 'output') out.push({ stream: e.stream, text: e.text });
      else if (e.type === 'note') out.push(this.note(e));
    }
    if (shown.changes.length > 0) {
      const rest = shown.changes.map((c) => c.words[lang]).join(' · ');
      out.push({ stream: 'stdout', text: chalk.dim(`${this.prefix(at(last))}  ${rest}`) });
    }
    this.written = last;
    return out;
  }

  private note(e: Extract<TraceEvent, { type: 'note' }>): PlainLine {
    return { stream: 'stdout', text: this.chalk.dim(this.prefix(e)) + this.chalk.cyan(`» ${e[this.lang]}`) };
  }
}
