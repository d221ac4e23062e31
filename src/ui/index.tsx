// The Ink UI's entry, lazy-imported by the CLI only when a lesson is shown in a terminal.
//   runLab:  the interactive timeline for one lesson; resolves to the exit code when the user leaves
//            (0 after q, or Ctrl+C once the program has exited; 130 after three Ctrl+C in a second).
//   runMenu: the lesson menu; resolves to the chosen lesson or variant (and its row), or undefined.
import './production.js';
import { render } from 'ink';
import type { Simulation } from '../playback/simulation.js';
import type { Lang, Lesson, LessonVariant, RunOptions } from '../scenarios/types.js';
import { applyNoColor } from './color.js';
import { LabApp } from './components/LabApp.js';
import { Menu, type MenuChoice } from './components/Menu.js';
import { programOf } from './program.js';
import type { Level } from './state/replay.js';
import { takeTerminal } from './terminal.js';

export interface LabInput {
  lesson: Lesson;
  /** A variant of the lesson, by id or itself. */
  variant?: string | LessonVariant;
  options: RunOptions;
  /** Simulated seconds per wall-clock second. */
  speed: number;
  /** No pacing: open on the last step. */
  instant: boolean;
  /** Begin paused, stepping with the keys. */
  startPaused: boolean;
  /** Open paused on the lesson's "What to watch" card. @default false */
  watchFirst?: boolean;
  /** The level of detail to open at. @default 'learner' */
  level?: Level;
  lang: Lang;
  /** Starts the run (and each replay) in the simulation's worker. */
  simulate?(options: RunOptions): Simulation;
  /** The run already started while the UI loaded. */
  first?: Simulation;
}

export async function runLab(input: LabInput): Promise<number> {
  const program = programOf(input.lesson, input.variant, input.lang);
  applyNoColor();
  const terminal = takeTerminal(process.stdout, process.stdin);
  const onResize = () => {
    // Redraw from a blank screen: a shrinking terminal leaves pieces of the old frame behind.
    terminal.clear();
    app.clear();
  };
  process.stdout.on('resize', onResize);
  const app = render(
    <LabApp
      init={{ program, options: input.options, speed: input.speed, instant: input.instant, startPaused: input.startPaused, watchFirst: input.watchFirst === true, ...(input.level ? { level: input.level } : {}) }}
      lang={input.lang}
      {...(input.simulate ? { simulate: input.simulate } : {})}
      {...(input.first ? { first: input.first } : {})}
    />,
    { exitOnCtrlC: false, patchConsole: false, maxFps: 60 },
  );
  try {
    const code = await app.waitUntilExit();
    return typeof code === 'number' ? code : 0;
  } finally {
    process.stdout.off('resize', onResize);
    terminal.restore();
  }
}

export async function runMenu(input: { lessons: readonly Lesson[]; lang: Lang; row?: number; seen?: ReadonlySet<string> }): Promise<MenuChoice | undefined> {
  let chosen: MenuChoice | undefined;
  applyNoColor();
  // On the alternate screen, as the lab is: Ink's last frame of the menu then goes away with it
  // instead of staying in the shell's scrollback above the next menu (a stale copy of itself).
  const terminal = takeTerminal(process.stdout, process.stdin);
  const app = render(<Menu lessons={input.lessons} lang={input.lang} row={input.row ?? 0} {...(input.seen ? { seen: input.seen } : {})} onChoose={(choice) => (chosen = choice)} />, { exitOnCtrlC: false, patchConsole: false });
  try {
    await app.waitUntilExit();
  } finally {
    terminal.restore();
  }
  return chosen;
}

export { Replay } from './state/replay.js';
export { reduce, foldEvents } from './state/reduce.js';
export type { LabState } from './state/types.js';
