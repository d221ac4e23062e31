// What a lesson's module (src/lessons/<NN>-<id>/lesson.ts) holds: only what a person has to write.
// Everything else comes from the lesson's folder (src/scenarios/folders.ts): its id from the folder's
// name, the article's program from <id>.py, the corrected program from corrected/<id>.py and the lines
// it changes (and what they were) from comparing the two, each variant's program from
// variants/<variant>/<file>.py.
import type { MainProgram } from '../runtime/process/index.js';
import type { LessonNote } from './notes.js';
import type { ByVersion, Versioned } from './by-version.js';
import type { Bilingual, InterruptMoment, PanelName } from './types.js';

/** The program on the simulated process: one program, or one per choice of as-written or corrected. */
export type Twin = MainProgram | ((asWritten: boolean) => MainProgram);

export interface VariantDefinition {
  title: Bilingual;
  /** What to watch, step by step. */
  explanation: Bilingual;
  /** Explanations tied to the events they explain (notes.ts). */
  notes: LessonNote[];
  /** The variant's program on the simulated process. */
  twin: MainProgram;
}

/** One run of a lesson's program on real CPython, recorded by scripts/record-lessons.py. */
export interface RecordingDefinition {
  /** Names the recording `<lesson id>.<name>` ('' names it `<lesson id>`). */
  name: string;
  program: 'as-written' | 'corrected' | `variant:${string}`;
  /** `python3 -X dev` (asyncio debug mode). */
  dev?: boolean;
  /** Seconds after start at which SIGINT (Ctrl+C) is sent. */
  interrupts?: number[];
  /** Seconds after which a run still going is killed (it hangs): the simulation must still be running then. */
  killAfter: number;
  /** An outcome the run must show, retried until it does (the conditions are named in record-lessons.py). */
  accept?: 'both-timers-at-5';
}

export interface LessonDefinition {
  /** CLI command and part: `asyncio-lab stop wait` is { command: 'stop', part: 'wait' }. */
  command: string;
  part?: string;
  title: Bilingual;
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary: string;
  /** What to watch, step by step, in plain words. */
  explanation: Bilingual;
  /** Why each line of the corrected program that differs from the article's is changed, by line number (by version where that differs). */
  corrections?: Record<number, Versioned>;
  /** What the article's program, as written, does on each Python version (the intro shows the chosen version's). */
  asWrittenOn?: ByVersion<Bilingual>;
  /** Where the article's text or printed output is wrong or outdated. */
  errata: Bilingual[];
  /** When to press Ctrl+C, and what happens. */
  interrupts: InterruptMoment[];
  /** The default `until` for non-interactive runs of a program that never ends on its own. */
  defaultUntil: number;
  /** Explanations tied to the events they explain (notes.ts), for the as-written and corrected program alike. */
  notes: LessonNote[];
  /** Extra programs the article invites, by id (the name of their folder under variants/). */
  variants?: Record<string, VariantDefinition>;
  /** Which panels give way last on a small screen, most important first (types.ts PanelName). */
  panels?: readonly PanelName[];
  /**
   * The token the lesson is about (a piece of its program or of a panel's words, as the screen
   * shows it): at every size and in both languages the screen shows it whole at some step, wrapped
   * or scrolled, and never cuts it (test/ui/key-token.test.ts, which requires one of every lesson;
   * a user's scenario has none).
   */
  keyToken?: string;
  /** The runs recorded on CPython, which the tests compare the simulation with. */
  recordings: RecordingDefinition[];
  /** The program on the simulated process. */
  twin: Twin;
  /**
   * Printed lines whose order real Python leaves open for a reason other than threads (e.g. a set
   * iterated in hash order): they are marked as races, as lines of two threads printing at once are.
   */
  unordered?: (text: string) => boolean;
}

/** Lets a lesson's module check its shape: `export default defineLesson({ ... })`. */
export function defineLesson(definition: LessonDefinition): LessonDefinition {
  return definition;
}
