// What the commands need from the outside world, injected so tests run them in-process with fake
// streams, a fake clock and a fake UI; src/cli.ts wires in the real process.
import type { Simulation, SimulationRequest } from '../playback/simulation.js';
import type { Lesson, Lang, RunOptions } from '../scenarios/types.js';
import type { MenuChoice } from '../ui/components/Menu.js';

/** An output stream: process.stdout / process.stderr, or a test's buffer. */
export interface OutStream {
  /** False when the text waits in a buffer: wait for 'drain' before writing more. Bytes are UTF-8. */
  write(text: string | Uint8Array): unknown;
  isTTY?: boolean;
  /** The terminal's width, when it is one. */
  columns?: number;
  once?(event: 'drain', listener: () => void): unknown;
}

/** What `runLab` takes (src/ui/index.tsx). */
export interface LabArgs {
  lesson: Lesson;
  /** The id of one of `lesson.variants`. */
  variant?: string;
  options: RunOptions;
  speed: number;
  instant: boolean;
  startPaused: boolean;
  /** Open paused on the lesson's "What to watch" (a lesson's, not a program of the user's own). */
  watchFirst?: boolean;
  lang: Lang;
  /** Starts the run (and each replay) in the simulation's worker. */
  simulate(options: RunOptions): Simulation;
  /** The run already started for `options` while the UI loaded. */
  first?: Simulation;
}

/** The Ink UI's entry points (src/ui/index.tsx), loaded only when a terminal is shown. */
export interface UiModule {
  runLab(args: LabArgs): Promise<number>;
  /** The menu, with `row` selected at first and the `seen` lessons marked; undefined when it is left. */
  runMenu(args: { lessons: readonly Lesson[]; lang: Lang; row?: number; seen?: ReadonlySet<string> }): Promise<MenuChoice | undefined>;
}

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  /** Whether stdin is a terminal (the menu and the UI read keys from it). */
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Wall clock, milliseconds from any fixed origin. */
  now(): number;
  /** Resolves after `ms` wall milliseconds, or earlier when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** The next line typed on stdin (for --step), undefined at end of input or when `signal` aborts. */
  nextLine(signal: AbortSignal): Promise<string | undefined>;
  /** Subscribes to SIGINT (a real Ctrl+C); returns the unsubscribe function. */
  onSigint(handler: () => void): () => void;
  /** Loads the Ink UI (a dynamic import, so that --help, list and plain never load React). */
  loadUi(): Promise<UiModule>;
  /** Starts a run: in a worker thread for the real process, in-process for tests' fixture lessons. */
  simulate(request: SimulationRequest): Simulation;
}

/** What `--help` is written for: its language and the width it must fit in. */
export interface HelpContext {
  lang: Lang;
  width: number;
}

/** Everything a command needs. */
export interface CliContext {
  lessons: readonly Lesson[];
  io: CliIO;
  version: string;
}
