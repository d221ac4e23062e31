// The interactive lab: keys in, the Screen out. State lives in the pure controller; this
// component only wires keys, timers and the terminal size to it.
import { useApp, useInput } from 'ink';
import { useCallback, useMemo, useRef, useState } from 'react';
import { DEFAULT_PYTHON_VERSION } from '../../runtime/python-version.js';
import type { Lang, RunOptions } from '../../scenarios/types.js';
import { type Action, atEnd, createLab, keyActions, type LabInit, simNow, update } from '../controller.js';
import { usePlayback } from '../hooks/use-playback.js';
import { useRun } from '../hooks/use-run.js';
import { DEFAULT_BUDGETS } from '../../playback/budgets.js';
import { simulateInProcess, type Simulation } from '../../playback/simulation.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { noteFor } from '../state/notes.js';
import { wordsAt } from '../learner/index.js';
import { watchSection } from '../learner/watch.js';
import { helpMaxScroll, Screen } from './Screen.js';
import { nextMoment } from '../go-to-time.js';
import { type Bilingual, both, sayf } from '../i18n.js';

export interface LabAppProps {
  readonly init: LabInit;
  readonly lang: Lang;
  /**
   * Starts a run of the program in the simulation's worker.
   * @default in-process runs of `init.program` (tests)
   */
  readonly simulate?: (options: RunOptions) => Simulation;
  /** The first run, already started while the UI loaded. */
  readonly first?: Simulation;
}

/** Runs `program` on this thread, as a stream (for tests and programs not found by a worker). */
function inProcess(program: LabInit['program']): (options: RunOptions) => Simulation {
  return ({ sink: _sink, ...options }) => simulateInProcess({ runnable: program, target: { kind: 'lesson', id: program.id }, options, budgets: DEFAULT_BUDGETS });
}


export function LabApp({ init, lang, simulate, first }: LabAppProps) {
  const { exit } = useApp();
  // A lesson with something to watch opens paused on it (space starts).
  const [lab, setLab] = useState(() => createLab({ ...init, watchFirst: init.watchFirst === true && watchSection(init.program.intro(init.options.asWritten, lang, init.options.python ?? DEFAULT_PYTHON_VERSION)).length > 0 }, performance.now(), 'streamed'));
  const run = useMemo(() => simulate ?? inProcess(init.program), []);
  // The lesson's intro changes only with the program shown (t switches it) and the version (p), not every frame.
  const intro = useMemo(
    () => lab.program.intro(lab.options.asWritten, lang, lab.options.python ?? DEFAULT_PYTHON_VERSION),
    [lab.program, lab.options.asWritten, lang, lab.options.python],
  );
  const source = useMemo(() => lab.program.source(lab.options.asWritten, lang), [lab.program, lab.options.asWritten, lang]);
  const { width, height } = useTerminalSize();
  // The state the last action left, ahead of the frame that draws it: q or a third Ctrl+C leaves
  // at once instead of after one more frame (a frame of a big run takes a while).
  const latest = useRef(lab);
  const dispatch = useCallback((action: Action) => {
    const next = update(latest.current, action, performance.now());
    latest.current = next;
    setLab(next);
    if (next.quit !== undefined) exit(next.quit);
  }, []);
  const clock = usePlayback(lab, () => dispatch({ type: 'tick' }));
  useRun(lab, dispatch, run, first, clock);
  // Ctrl+C reaches the program at the simulated time the header shows.
  const shownT = useRef(0);
  useInput((input, key) => {
    // While a time is typed after g, keys edit it (Enter goes, Esc cancels).
    if (lab.goto !== undefined) {
      for (const ch of input.length > 1 ? [...input] : [input]) dispatch({ type: 'goto_key', input: ch, key });
      return;
    }
    for (const action of keyActions(input, key)) {
      if (action.type === 'interrupt') dispatch({ ...action, at: shownT.current });
      // While the help is open ↑ ↓ scroll it, as far as this screen needs.
      else if (lab.help && (action.type === 'scroll' || action.type === 'iteration')) {
        dispatch({ type: 'scroll', by: action.type === 'scroll' ? action.by : 1, max: helpMaxScroll({ width, height, lang, state: lab.replay.stateAt(lab.step), intro }) });
      } else dispatch(action);
    }
  });
  // What the learner step says: computed once per step shown (a run still streaming may grow its last step).
  const words = useMemo(() => wordsAt(lab.replay, lab.step), [lab.replay, lab.level, lab.step, lab.size]);
  const state = lab.replay.stateAt(lab.step);
  const end = lab.end;
  const ending = !atEnd(lab) ? undefined : state.exitStatus !== undefined ? 'exited' : end?.kind === 'until' ? (state.shutdown?.phase === 'hang' ? 'hangs' : 'running') : undefined;
  // A run stopped by a budget says so where the explanation goes, once its last step is shown.
  const flash = lab.goto !== undefined ? gotoPrompt(lab) : lab.flash ?? (lab.stopped && atEnd(lab) ? lab.stopped : lab.replay.length === 0 ? both('firstSteps') : undefined);

  const t = simNow(lab, clock);
  shownT.current = t;
  return (
    <Screen
      width={width}
      height={height}
      lang={lang}
      id={lab.program.id}
      title={lab.program.title}
      python={lab.options.python}
      source={source}
      state={state}
      event={lab.replay.eventAt(lab.step)}
      {...(words ? { words } : {})}
      level={lab.level}
      note={noteFor(lab.replay, lab.step)}
      flash={flash}
      simulating={lab.end === undefined}
      ending={ending}
      t={t}
      step={lab.step}
      steps={lab.replay.length}
      endTime={lab.replay.endTime}
      totalEvents={lab.replay.total}
      playing={lab.playing}
      speed={lab.speed}
      canToggle={lab.program.canToggle}
      help={lab.help}
      intro={intro}
      helpScroll={lab.helpScroll}
      watch={lab.watching ? watchSection(intro) : undefined}
      timelineView={lab.timeline}
      outputBack={lab.outputBack}
      {...(lab.program.panels ? { panels: lab.program.panels } : {})}
    />
  );
}

/** The line the explanation gives way to while a time is typed after g. */
function gotoPrompt(lab: ReturnType<typeof createLab>): Bilingual {
  const next = nextMoment(lab.program.moments ?? [], simNow(lab, performance.now()));
  const moment = (lang: Lang) => (next === undefined ? '' : sayf('gotoMoment', lang, String(next)));
  return { zh: sayf('gotoPrompt', 'zh', lab.goto ?? '', moment('zh')), en: sayf('gotoPrompt', 'en', lab.goto ?? '', moment('en')) };
}
