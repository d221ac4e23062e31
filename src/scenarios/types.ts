// What a lesson is: the article's Python program, its explanation in two languages, and the same
// program written against the simulated process, which produces the trace every view draws.
import type { ProcessSink } from '../runtime/process/index.js';
import type { Realm } from '../runtime/realm.js';
import type { TraceEvent } from '../runtime/trace.js';
import type { LessonNote } from './notes.js';
import type { PythonVersion } from '../runtime/python-version.js';
import type { ByVersion, Versioned } from './by-version.js';

export type Lang = 'zh' | 'en';

/**
 * The longest simulated span a run is watched for: an hour (`--until`, and a scenario's own
 * `until`). Runs are streamed, so a longer one would fit in memory, but not in anyone's patience:
 * an hour of a 1 ms timer chain is millions of events.
 */
export const MAX_UNTIL = 3600;

/** Text in both of the lab's languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A Python program as a learner reads it. */
export interface PythonSource {
  /** File name shown in tracebacks and reprs, e.g. 'stop-wait.py'. */
  file: string;
  /** The source text, exactly as shown. */
  text: string;
}

/** One line the corrected source changes, and why. */
export interface SourceChange {
  /** 1-based line in the corrected source. */
  line: number;
  /** The article's line it replaces (empty when the line is new). */
  was: string;
  /** Why, in the words of each version where they differ. */
  why: Versioned;
}

/**
 * The lab's panels, most important first: on a small screen the last ones give way first (the
 * lesson's point stays: call-later keeps its LOOP panel down to 60×18). Default: DEFAULT_PANELS.
 */
export type PanelName = 'source' | 'loop' | 'futures' | 'timeline' | 'output';
export const DEFAULT_PANELS: readonly PanelName[] = ['source', 'futures', 'loop', 'output', 'timeline'];

/** A documented moment to press Ctrl+C, and what happens then. */
export interface InterruptMoment {
  /** Simulated seconds. */
  at: number;
  what: Bilingual;
}

/** Options for one run of a lesson on the simulated process. */
export interface RunOptions {
  /** Run the article's exact code instead of the corrected one. */
  asWritten: boolean;
  /** asyncio debug mode (`python -X dev`). */
  debug: boolean;
  /** Simulated times at which Ctrl+C (SIGINT) is delivered. */
  interrupts: readonly number[];
  /**
   * A recorded program only (src/recorder/): Ctrl+C right after these events of its recording
   * (indexes from 0), where the clock does not move (inside a callback that computes).
   */
  interruptEvents?: readonly number[];
  /** Stop simulating at this simulated time if the process has not exited (a run that never ends). */
  until: number;
  /** Streams the run to this sink instead of returning its events (the result's `events` is then empty). */
  sink?: ProcessSink;
  /** Which CPython the program runs as (`--python`); default: the runtime's default version (3.11). */
  python?: PythonVersion;
  /** Called with the simulated process's realm before the program starts (tests watch the runtime's structures through it). */
  observe?: (realm: Realm) => void;
}

/** How a run ended. */
export type RunEnd =
  | { kind: 'exit'; status: number }
  /** Still running (or hanging) at `until`, or stopped earlier by a recording budget. */
  | { kind: 'until'; t: number; budget?: RunBudget };

/**
 * A recorded run (src/recorder/) that was stopped by one of its budgets: wall seconds of computing
 * without a wait (a CPU loop), or a number of trace events (a flood).
 */
export interface RunBudget {
  kind: 'cpu' | 'events';
  limit: number;
}

export interface RunResult {
  events: TraceEvent[];
  end: RunEnd;
}

export interface LessonVariant {
  /** Appended to the lesson id to name it, e.g. 'daemon' in 'threads daemon --variant daemon'. */
  id: string;
  title: Bilingual;
  explanation: Bilingual;
  source: PythonSource;
  /** Explanations tied to the events they explain (notes.ts). */
  notes: readonly LessonNote[];
  run(options: RunOptions): RunResult;
}

export interface Lesson {
  /** The lesson's id: 'call-soon', 'stop-wait', 'threads-queue', ... */
  id: string;
  /** CLI command and part: `asyncio-lab stop wait` is { command: 'stop', part: 'wait' }. */
  command: string;
  part?: string;
  title: Bilingual;
  /** What to watch, step by step, in plain words. */
  explanation: Bilingual;
  /** The article's program, verbatim. */
  asWritten: PythonSource;
  /** The default program where the article's fails or misleads today; absent when they are the same. */
  corrected?: PythonSource & { changes: SourceChange[] };
  /** Where the article's text or printed output is wrong or outdated. */
  errata: Bilingual[];
  /** What the article's program, as written, does on each Python version; absent where it is the same on all. */
  asWrittenOn?: ByVersion<Bilingual>;
  /** When to press Ctrl+C, and what happens. */
  interrupts: InterruptMoment[];
  /** The default `until` for non-interactive runs of a program that never ends on its own. */
  defaultUntil: number;
  /** Explanations tied to the events they explain (notes.ts), for the as-written and corrected program alike. */
  notes: readonly LessonNote[];
  /** Extra programs the article invites (e.g. threads daemon with daemon=True). */
  variants: LessonVariant[];
  /** Runs the (corrected or as-written) program on the simulated process. */
  run(options: RunOptions): RunResult;
  /** Which panels give way last on a small screen, most important first. @default DEFAULT_PANELS */
  panels?: readonly PanelName[];
  /** The token the lesson is about, which the screen never cuts (define.ts). */
  keyToken?: string;
  /** Runs on the wall clock (a recorded program with threads): two runs differ, even before a Ctrl+C. */
  realTime?: boolean;
  /**
   * A recorded program that takes a Ctrl+C right after an event (RunOptions.interruptEvents): the
   * lab's Ctrl+C inside a running callback, where the clock stands still, names the step's event.
   */
  eventMoments?: boolean;
}
