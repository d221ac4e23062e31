// Which program the lab shows: a lesson (as written or corrected) or one of its variants, and the
// source text that goes with the trace.
import { type IntroLine, lessonIntro } from '../scenarios/intro.js';
import type { PythonVersion } from '../runtime/python-version.js';
import type { Lang, Lesson, LessonVariant, PanelName, PythonSource, RunOptions, RunResult } from '../scenarios/types.js';
import { say } from './i18n.js';
import type { SourceView } from './panels/source.js';

export interface Program {
  /** Lesson id, plus the variant's id when one is shown. */
  readonly id: string;
  readonly title: string;
  /** False when there is no other source to switch to (no corrected program, or a variant). */
  readonly canToggle: boolean;
  source(asWritten: boolean, lang: Lang): SourceView;
  /** What the lesson tells the learner (the help overlay shows it above the keys). */
  intro(asWritten: boolean, lang: Lang, python: PythonVersion): IntroLine[];
  run(options: RunOptions): RunResult;
  /** The lesson's panels, most important first (which give way on a small screen). */
  readonly panels?: readonly PanelName[];
  /** The lesson's documented Ctrl+C moments (simulated seconds): g with nothing typed goes to the next. */
  readonly moments?: readonly number[];
  /** Runs on the wall clock: see Lesson.realTime. */
  readonly realTime?: boolean;
  /** A Ctrl+C inside a running callback names the step's event: see Lesson.eventMoments. */
  readonly eventMoments?: boolean;
}

/** The program for `lesson` (or its variant, given by id or itself); throws when the variant does not exist. */
export function programOf(lesson: Lesson, variant: string | LessonVariant | undefined, lang: Lang): Program {
  if (variant !== undefined) {
    const v = typeof variant === 'string' ? lesson.variants.find((x) => x.id === variant) : variant;
    if (!v) throw new Error(`lesson ${lesson.id} has no variant '${String(variant)}'`);
    return {
      id: `${lesson.id} · ${v.id}`,
      title: v.title[lang],
      canToggle: false,
      source: (_asWritten, l) => view(v.source, say('asWritten', l), new Set()),
      intro: (asWritten, l, python) => lessonIntro(lesson, v, asWritten, l, python),
      run: (options) => v.run(options),
      moments: lesson.interrupts.map((m) => m.at),
      ...(lesson.panels ? { panels: lesson.panels } : {}),
    };
  }
  return {
    id: lesson.id,
    title: lesson.title[lang],
    canToggle: lesson.corrected !== undefined,
    source: (asWritten, l) =>
      asWritten || !lesson.corrected
        ? view(lesson.asWritten, say('asWritten', l), new Set())
        : view(lesson.corrected, say('corrected', l), new Set(lesson.corrected.changes.map((c) => c.line))),
    intro: (asWritten, l, python) => lessonIntro(lesson, undefined, asWritten, l, python),
    run: (options) => lesson.run(options),
    moments: lesson.interrupts.map((m) => m.at),
    ...(lesson.panels ? { panels: lesson.panels } : {}),
    ...(lesson.realTime ? { realTime: true } : {}),
    ...(lesson.eventMoments ? { eventMoments: true } : {}),
  };
}

function view(source: PythonSource, label: string, changed: ReadonlySet<number>): SourceView {
  return { file: source.file, text: source.text, label, changed };
}
