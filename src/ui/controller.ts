// The lab's controls as a pure state machine: keys become actions, actions move the step, the
// speed, the play state, or ask for a re-run of the program (Ctrl+C injected, the other source).
// Runs stream in from the simulation's worker: 'grew' adds the events that arrived (the replay
// grows in place, in a bounded window), 'ended' says how the run ended. A re-run is asked for with
// `pending` and the lab goes on showing the old trace until 'adopt' brings the new one, simulated
// as far as the step to show (use-run.ts runs it in the worker; a run is deterministic, so the new
// trace repeats the old one up to the change). Stepping back before the window is such a re-run.
import { type Bilingual, both, bothf } from './i18n.js';
import { pause, type Playhead, resume, sameEvent, seek, setSpeed, simTimeAt, startPlayhead, withInterrupt } from '../playback/index.js';
import { nextMoment, typedSeconds, typeTimeKey } from './go-to-time.js';
import type { TimelineView } from './panels/timeline.js';
import { msUntil, showStep } from './step-pacing.js';
import type { RunEnd, RunOptions, RunResult } from '../scenarios/types.js';
import type { Program } from './program.js';
import { type Level, Replay } from './state/replay.js';
import { DEFAULT_PYTHON_VERSION, PYTHON_VERSIONS } from '../runtime/python-version.js';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32] as const;
/** The timeline's deepest zoom: 1/1024 of the run (a 60-second run down to 59 ms across the track). */
export const MAX_ZOOM = 1024;
/** Three Ctrl+C within this many milliseconds leave the lab whatever the program is doing. */
export const CTRL_C_WINDOW_MS = 1000;

export interface Lab {
  readonly program: Program;
  readonly options: RunOptions;
  /** The options the lab started with (restart goes back to them). */
  readonly initialOptions: RunOptions;
  /** The trace so far: it grows while the run streams in. */
  readonly replay: Replay;
  /** Events received when this state was made (a new state each time more arrive). */
  readonly size: number;
  /** How the run ended; undefined while it is still being simulated. */
  readonly end?: RunEnd;
  /** A one-line reason the run was stopped early (a budget), shown once it ends. */
  readonly stopped?: Bilingual;
  /** A re-run asked for and not adopted yet. */
  readonly pending?: Rerun;
  /** Open on the last step as the run streams in (--instant), until a key moves the step. */
  readonly followEnd?: boolean;
  /** A step forward was asked for at the last step of a run still streaming: take it when it comes. */
  readonly wantsNext?: boolean;
  /** The level of detail the steps are at (`replay` is stepped at it): `v` switches. */
  readonly level: Level;
  readonly step: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly playhead: Playhead;
  readonly help: boolean;
  /** The lesson's "What to watch" card is shown (the lab opens paused on it); any key but ? and q leaves it. */
  readonly watching: boolean;
  /** Rows the help overlay is scrolled by (↑ ↓ while it is open and does not fit). */
  readonly helpScroll: number;
  /** Wall times (ms) of recent Ctrl+C presses. */
  readonly ctrlC: readonly number[];
  /** A short message replacing the explanation until the next step (e.g. why a key did nothing). */
  readonly flash?: Bilingual;
  /** The timeline's zoom (1: the whole run, doubling with ]) and pan (quarters of its window, < >). */
  readonly timeline: TimelineView;
  /** Pages the output panel is scrolled back by (o, O); a step brings it back to the newest lines. */
  readonly outputBack: number;
  /** A time being typed after g (seconds, as text): keys edit it until Enter or Esc. */
  readonly goto?: string;
  /** A time gone to beyond the events simulated so far: the lab follows it as they arrive. */
  readonly target?: number;
  /** Set when the user leaves: the exit code runLab resolves to. */
  readonly quit?: number;
}

export type Action =
  | { type: 'toggle_play' }
  | { type: 'step' }
  | { type: 'iteration' }
  | { type: 'back' }
  | { type: 'restart' }
  | { type: 'faster' }
  | { type: 'slower' }
  /** `at`: the simulated time the header showed when the key was pressed (the playhead's time by default). */
  | { type: 'interrupt'; ctrl: boolean; at?: number }
  | { type: 'toggle_source' }
  /** The other level of detail (learner ⇄ exact), on the step nearest the one shown. */
  | { type: 'toggle_level' }
  /** The next Python version (3.11 → 3.12 → ... → 3.15 → 3.11), simulated again from the start. */
  | { type: 'next_python' }
  | { type: 'help' }
  /** Scrolls the help overlay (↑, and ↓ while it is open); `max`: the screen's largest useful offset. */
  | { type: 'scroll'; by: number; max?: number }
  | { type: 'quit' }
  /** ] zooms the timeline in (+1), [ out (-1). */
  | { type: 'zoom'; by: number }
  /** > pans the zoomed timeline later (+1), < earlier (-1), by a quarter of its window. */
  | { type: 'pan'; by: number }
  /** o pages the output back (+1), O forward (-1). */
  | { type: 'output_page'; by: number }
  /** g: start typing a time to go to. */
  | { type: 'goto' }
  /** A key while a time is typed (go-to-time.ts). */
  | { type: 'goto_key'; input: string; key: Parameters<typeof typeTimeKey>[2] }
  /** Go to simulated time `t` (paused there). */
  | { type: 'go_to_time'; t: number }
  /** Playback: the next step is due. */
  | { type: 'tick' }
  /** More events of the run arrived (they are already in the replay). */
  | { type: 'grew' }
  /** The run ended (or a budget stopped it: `stopped` says so). */
  | { type: 'ended'; end: RunEnd; stopped?: Bilingual }
  /** Ctrl+C was delivered into the live run at simulated time `t` (its events follow). */
  | { type: 'interrupted_live'; t: number }
  /** Progress of the pending re-run: events simulated so far. */
  | { type: 'progress'; events: number }
  /**
   * The pending re-run's trace, simulated as far as the step to show (`end` set when it is whole:
   * else it goes on streaming into `replay` with 'grew' and 'ended').
   */
  | { type: 'adopt'; replay: Replay; end?: RunEnd; stopped?: Bilingual };

/** A re-run the lab waits for. */
export interface Rerun {
  /** 'seek': the same run again, to show `step`, a step from before the replay's window. */
  readonly kind: 'interrupt' | 'restart' | 'toggle_source' | 'next_python' | 'seek';
  readonly options: RunOptions;
  /** For an interrupt: when Ctrl+C lands, and whether playback was going when it was pressed. */
  readonly t?: number;
  readonly wasPlaying?: boolean;
  /** For a seek: the step to show. */
  readonly step?: number;
  /** Pressed at the last step of a run still streaming: LabApp first tries the live run. */
  readonly frontier?: boolean;
}

export interface LabInit {
  program: Program;
  options: RunOptions;
  speed: number;
  instant: boolean;
  startPaused: boolean;
  /** Events the replay's window keeps (state/replay.ts; tests use small ones). */
  window?: number;
  /** The level of detail to open at. @default 'learner' */
  level?: Level;
  /** Open paused on the lesson's "What to watch" card (space starts). @default false */
  watchFirst?: boolean;
}

/**
 * The lab for `init`, on the whole run `first` (by default run here, at once: tests), or on an
 * empty trace that the run streams into ('grew', then 'ended') when `first` is 'streamed'.
 */
export function createLab(init: LabInit, now: number, first: RunResult | 'streamed' = init.program.run(init.options)): Lab {
  const { program, options, speed, instant, startPaused, level = 'learner' } = init;
  const watching = init.watchFirst === true && !instant;
  const whole = first === 'streamed' ? undefined : first;
  const replay = new Replay(whole?.events ?? [], init.window, level);
  // `instant`: no pacing at all, so the lab opens on the last step, paused (step back from there).
  const step = instant ? Math.max(0, replay.length - 1) : 0;
  const playing = !instant && !startPaused && !watching && (whole === undefined || replay.length > 1);
  const t = replay.eventAt(step)?.t ?? 0;
  const lab: Lab = { program, options, initialOptions: options, replay, size: replay.total, level, step, playing, speed, playhead: showStep(startPlayhead(t, now, speed, !playing), now, t), help: false, watching, helpScroll: 0, ctrlC: [], timeline: { zoom: 1, pan: 0 }, outputBack: 0, ...(instant ? { followEnd: true } : {}) };
  return whole === undefined ? lab : { ...lab, end: whole.end };
}

/** The key pressed, as Ink reports it, to an action. */
export function keyAction(input: string, key: { ctrl?: boolean; rightArrow?: boolean; leftArrow?: boolean; downArrow?: boolean; upArrow?: boolean; escape?: boolean }): Action | undefined {
  if (key.ctrl && input === 'c') return { type: 'interrupt', ctrl: true };
  if (key.rightArrow || input === 'n') return { type: 'step' };
  if (key.leftArrow || input === 'b') return { type: 'back' };
  if (key.downArrow || input === 'i') return { type: 'iteration' };
  if (key.upArrow) return { type: 'scroll', by: -1 };
  switch (input) {
    case ' ':
      return { type: 'toggle_play' };
    case 'r':
      return { type: 'restart' };
    case '+':
    case '=':
      return { type: 'faster' };
    case '-':
    case '_':
      return { type: 'slower' };
    case 'c':
      return { type: 'interrupt', ctrl: false };
    case 't':
      return { type: 'toggle_source' };
    case 'v':
      return { type: 'toggle_level' };
    case 'p':
      return { type: 'next_python' };
    case '?':
    case 'h':
      return { type: 'help' };
    case 'q':
      return { type: 'quit' };
    case 'g':
      return { type: 'goto' };
    case 'o':
      return { type: 'output_page', by: 1 };
    case 'O':
      return { type: 'output_page', by: -1 };
    case ']':
      return { type: 'zoom', by: 1 };
    case '[':
      return { type: 'zoom', by: -1 };
    case '>':
    case '.':
      return { type: 'pan', by: 1 };
    case '<':
    case ',':
      return { type: 'pan', by: -1 };
  }
  if (key.escape) return { type: 'help' };
  return undefined;
}

/**
 * Every action in one chunk of input. Keys typed faster than they are read arrive together
 * ("nnn", or "\x03\x03\x03" for three Ctrl+C): each character is a press.
 */
export function keyActions(input: string, key: Parameters<typeof keyAction>[1] & { meta?: boolean }): Action[] {
  if (input.length <= 1 || key.meta) {
    const one = keyAction(input, key);
    return one ? [one] : [];
  }
  return [...input].flatMap((ch) => {
    const one = ch === '\x03' ? keyAction('c', { ctrl: true }) : keyAction(ch, {});
    return one ? [one] : [];
  });
}

/** The lab after `action` at wall time `now` (ms). */
export function update(lab: Lab, action: Action, now: number): Lab {
  const quiet = action.type === 'tick' || action.type === 'help' || action.type === 'scroll' || action.type === 'grew' || action.type === 'progress' || action.type === 'ended';
  let base: Lab = quiet ? lab : withoutFlash(lab);
  if (!quiet && base.followEnd) base = { ...base, followEnd: false };
  if (!quiet && base.target !== undefined && action.type !== 'go_to_time') base = withoutTarget(base);
  // The "What to watch" card: a step key shows the first step (it is explained), space plays from it.
  if (base.watching && !quiet && action.type !== 'quit') {
    base = { ...base, watching: false };
    if (action.type === 'step' || action.type === 'back' || action.type === 'iteration') return base;
  }
  switch (action.type) {
    case 'grew': {
      const grown: Lab = { ...base, size: base.replay.total };
      if (grown.target !== undefined) return goToTime(grown, grown.target, now);
      if (grown.followEnd) return goTo(grown, grown.replay.length - 1, now);
      if (grown.wantsNext && grown.step < grown.replay.length - 1) return goTo({ ...grown, wantsNext: false }, grown.step + 1, now);
      // A program that had printed nothing yet now has its first step: start playing it.
      return grown;
    }
    case 'ended': {
      const ended: Lab = { ...base, size: base.replay.total, end: action.end, wantsNext: false, ...(action.stopped ? { stopped: action.stopped } : {}) };
      if (ended.target !== undefined) return goToTime(ended, ended.target, now);
      return ended.followEnd ? goTo(ended, ended.replay.length - 1, now) : ended;
    }
    case 'interrupted_live': {
      const { pending, flash: _flash, ...rest } = base;
      const playing = pending?.wasPlaying === true;
      return { ...rest, options: withInterrupt(base.options, action.t), playing, playhead: startPlayhead(action.t, now, base.speed, !playing) };
    }
    case 'progress':
      return base.pending ? { ...base, flash: rerunFlash(base.pending, action.events) } : base;
    case 'adopt':
      return adopt(base, action.replay, action.end, now, action.stopped);
    case 'toggle_play': {
      if (base.playing) return { ...base, playing: false, playhead: pause(base.playhead, now) };
      // Playing from the exit starts over; a program still running (a hang) goes on, its clock running.
      if (atEnd(base) && programExited(base)) return goTo({ ...base, playing: true, playhead: resume(base.playhead, now) }, 0, now);
      return { ...base, playing: true, playhead: resume(base.playhead, now) };
    }
    case 'step':
      // At the last step of a run still streaming: the next one is taken when it arrives.
      if (atEnd(base) && base.end === undefined) return { ...stop(base, now), wantsNext: true };
      return goTo(stop(base, now), base.step + 1, now);
    case 'back':
      // The step before the window is gone: the run is simulated again as far as it (once: more
      // presses while that goes on do not start it over).
      if (base.pending?.kind === 'seek') return base;
      if (base.step > 0 && base.step <= base.replay.firstStep) return ask(stop(base, now), { kind: 'seek', options: base.options, step: base.step - 1 });
      return goTo(stop(base, now), base.step - 1, now);
    case 'iteration':
      // ↓ scrolls the help while it is open.
      if (base.help) return scrollHelp(base, 1);
      // At the last step of a run still streaming no iteration has begun yet: take the next step when it comes.
      if (atEnd(base) && base.end === undefined) return { ...stop(base, now), wantsNext: true };
      return goTo(stop(base, now), base.replay.nextIteration(base.step), now);
    case 'tick':
      if (!base.playing) return base;
      // A run still streaming goes on (the next step is on its way), and so does a program that
      // never exits: its clock runs on until Ctrl+C or q.
      if (atEnd(base)) return base;
      return stopAtExit(goTo(base, base.step + 1, now), now);
    case 'restart':
      return ask(stop(base, now), { kind: 'restart', options: base.initialOptions });
    case 'faster':
    case 'slower': {
      const i = SPEEDS.findIndex((s) => s >= base.speed);
      const at = i < 0 ? SPEEDS.length - 1 : i;
      const speed = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, at + (action.type === 'faster' ? 1 : -1)))]!;
      return { ...base, speed, playhead: setSpeed(base.playhead, now, speed) };
    }
    case 'interrupt':
      return interrupt(base, action.ctrl, now, action.at);
    case 'toggle_source': {
      if (!base.program.canToggle) return { ...base, flash: both('oneProgram') };
      return ask(stop(base, now), { kind: 'toggle_source', options: { ...base.options, asWritten: !base.options.asWritten } });
    }
    case 'toggle_level':
      return switchLevel(base, base.level === 'learner' ? 'exact' : 'learner', now);
    case 'next_python': {
      const current = PYTHON_VERSIONS.indexOf(base.options.python ?? DEFAULT_PYTHON_VERSION);
      const python = PYTHON_VERSIONS[(current + 1) % PYTHON_VERSIONS.length]!;
      return ask(stop(base, now), { kind: 'next_python', options: { ...base.options, python } });
    }
    case 'help':
      return { ...base, help: !base.help, helpScroll: 0 };
    case 'scroll':
      return base.help ? scrollHelp(base, action.by, action.max) : base;
    case 'quit':
      return { ...base, quit: 0 };
    case 'goto':
      return { ...stop(base, now), goto: '' };
    case 'goto_key': {
      const typed = typeTimeKey(base.goto ?? '', action.input, action.key);
      if (typed === undefined) return base;
      const { goto: text = '', ...rest } = base;
      if (typed === 'cancel') return rest;
      if (typed !== 'go') return { ...base, goto: typed.text };
      const t = typedSeconds(text) ?? nextMoment(base.program.moments ?? [], simNow(base, now));
      if (t === undefined) return { ...rest, flash: both('noMomentAhead') };
      return goToTime(rest, t, now);
    }
    case 'go_to_time':
      return goToTime(base, action.t, now);
    case 'zoom': {
      // Zooming out to the whole run forgets the pan; each step in halves or doubles the window.
      const zoom = Math.max(1, Math.min(MAX_ZOOM, base.timeline.zoom * 2 ** Math.sign(action.by)));
      return { ...base, timeline: { zoom, pan: zoom === 1 ? 0 : base.timeline.pan } };
    }
    case 'output_page':
      // Bounded when drawn (output.ts): a page too far shows the first one.
      return { ...base, outputBack: Math.max(0, Math.min(base.outputBack + action.by, (base.replay.stateAt(base.step).output?.length ?? 0))) };
    case 'pan':
      return base.timeline.zoom === 1 ? base : { ...base, timeline: { ...base.timeline, pan: base.timeline.pan + Math.sign(action.by) } };
  }
}

/** True when the step shown is the trace's last. */
export function atEnd(lab: Lab): boolean {
  return lab.step >= lab.replay.length - 1;
}

/** True once the program has exited at the step shown. */
export function programExited(lab: Lab): boolean {
  return lab.replay.stateAt(lab.step).exitStatus !== undefined;
}

/**
 * Simulated time now: the playhead's (time flows between events while playing, and stands where it
 * was paused), within the step shown and the next.
 * Never earlier than the playhead's anchor: a frame drawn with a clock read just before the
 * playhead was last moved (a Ctrl+C, a speed change) does not show time running backwards.
 */
export function simNow(lab: Lab, now: number): number {
  const stepT = lab.replay.eventAt(lab.step)?.t ?? 0;
  // While a Ctrl+C is being re-simulated, the clock stays where it was pressed.
  if (lab.pending?.t !== undefined) return Math.max(stepT, lab.pending.t);
  // Paused, the clock stays where it stood (between two steps, or on in a hang), never before the step.
  const next = atEnd(lab) ? Number.POSITIVE_INFINITY : lab.replay.eventAt(lab.step + 1)!.t;
  return Math.max(stepT, Math.min(simTimeAt(lab.playhead, now), next));
}

/** Milliseconds until the next step is due while playing (Infinity when paused or at the end): step-pacing.ts. */
export function nextTickIn(lab: Lab, now: number): number {
  if (!lab.playing || atEnd(lab)) return Number.POSITIVE_INFINITY;
  return msUntil(lab.playhead, now, lab.replay.eventAt(lab.step + 1)!.t);
}

function stop(lab: Lab, now: number): Lab {
  return lab.playing ? { ...lab, playing: false, playhead: pause(lab.playhead, now) } : lab;
}

/** Playback pauses on the step where the program exits: nothing happens after it, so the clock stops at the exit time. */
function stopAtExit(lab: Lab, now: number): Lab {
  return lab.playing && atEnd(lab) && programExited(lab) ? stop(lab, now) : lab;
}

function scrollHelp(lab: Lab, by: number, max = Number.POSITIVE_INFINITY): Lab {
  return { ...lab, helpScroll: Math.max(0, Math.min(max, lab.helpScroll + by)) };
}

/**
 * Paused at simulated time `t`: the step in effect then, the clock at `t` itself (between two
 * steps, or on in a hang after the last). Past the events simulated so far, the lab follows `t`
 * as they arrive; past a program's exit, it stops at the exit.
 */
function goToTime(lab: Lab, t: number, now: number): Lab {
  const paused = stop(lab, now);
  // A very long run keeps a window of its events: a time before it has no step here to show.
  const first = paused.replay.firstStep;
  if (first > 0 && t < (paused.replay.eventAt(first)?.t ?? 0)) return { ...paused, flash: both('beforeKept') };
  const step = paused.replay.stepAtTime(t);
  const shown = goTo(paused, step, now);
  const exited = programExited(shown);
  const at = exited ? (shown.replay.eventAt(step)?.t ?? 0) : Math.max(t, shown.replay.eventAt(step)?.t ?? 0);
  const following = paused.end === undefined && t > paused.replay.endTime;
  const base = following ? { ...shown, target: t } : withoutTarget(shown);
  return { ...base, playhead: seek(base.playhead, now, at) };
}

function withoutTarget(lab: Lab): Lab {
  if (lab.target === undefined) return lab;
  const { target: _target, ...rest } = lab;
  return rest;
}

function withoutFlash(lab: Lab): Lab {
  if (!lab.flash) return lab;
  const { flash: _flash, ...rest } = lab;
  return rest;
}

/** Shows step `step` (clamped); the playhead jumps to its simulated time. */
function goTo(lab: Lab, step: number, now: number): Lab {
  const s = Math.max(0, Math.min(lab.replay.length - 1, step));
  const t = lab.replay.eventAt(s)?.t ?? 0;
  return { ...lab, step: s, playhead: showStep(lab.playhead, now, t), outputBack: 0 };
}

/** The simulated time a Ctrl+C pressed now lands at: the time on screen, never before the step shown. */
export function interruptTime(lab: Lab, now: number, shown?: number): number {
  const playhead = simNow(lab, now);
  const stepT = lab.replay.eventAt(lab.step)?.t ?? 0;
  return shown === undefined ? playhead : Math.max(stepT, Math.min(shown, playhead));
}

/** Whether a Ctrl+C now may go into the live run: it is still streaming and the lab shows its last step. */
export function atFrontier(lab: Lab): boolean {
  return lab.end === undefined && lab.pending === undefined && atEnd(lab);
}

function interrupt(lab: Lab, ctrl: boolean, now: number, shown?: number): Lab {
  const recent = [...lab.ctrlC.filter((at) => now - at < CTRL_C_WINDOW_MS), now];
  if (ctrl && (programExited(lab) || recent.length >= 3)) return { ...lab, ctrlC: recent, quit: recent.length >= 3 && !programExited(lab) ? 130 : 0 };
  const withPress: Lab = ctrl ? { ...lab, ctrlC: recent } : lab;
  if (programExited(lab)) return { ...withPress, flash: both('exitedLeave') };
  const inCallback = lab.playing ? undefined : runningCallbackEvent(lab);
  const t = inCallback === undefined ? interruptTime(lab, now, shown) : (lab.replay.eventAt(lab.step)?.t ?? 0);
  // A program still running when the simulation stopped gets as long again after the interrupt.
  const longer = { ...lab.options, until: Math.max(lab.options.until, t + lab.options.until) };
  const options = inCallback === undefined ? withInterrupt(longer, t) : { ...longer, interruptEvents: [...(longer.interruptEvents ?? []), inCallback].sort((a, b) => a - b) };
  // Playback holds still while the run is replayed, so the clock never runs ahead and jumps back.
  return ask({ ...stop(withPress, now), playhead: seek(withPress.playhead, now, t), playing: false }, { kind: 'interrupt', options, t, wasPlaying: lab.playing, frontier: atFrontier(lab) });
}

/**
 * The event shown, when the program can take a Ctrl+C right after it (Program.eventMoments) and it
 * stands inside a callback the main thread is running: the clock stands still there, so no time
 * names that moment.
 */
function runningCallbackEvent(lab: Lab): number | undefined {
  if (!lab.program.eventMoments) return undefined;
  const shown = lab.replay.stopIndex(lab.step);
  if (shown === undefined) return undefined;
  for (let i = shown; i >= lab.replay.first; i--) {
    const event = lab.replay.event(i)!;
    if (event.thread !== 'MainThread') continue;
    if (event.type === 'handle_done') return undefined;
    if (event.type === 'handle_run') return i === shown ? undefined : shown;
  }
  return undefined;
}

function ask(lab: Lab, rerun: Rerun): Lab {
  return { ...lab, pending: rerun, flash: rerunFlash(rerun, 0) };
}

function rerunFlash(rerun: Rerun, events: number): Bilingual {
  const n = events.toLocaleString('en-US');
  if (rerun.kind === 'seek') return bothf('rerunSeek', ((rerun.step ?? 0) + 1).toLocaleString('en-US'), n);
  if (rerun.kind === 'interrupt') return bothf('rerunInterrupt', (rerun.t ?? 0).toFixed(3), n);
  return bothf('rerun', n);
}

/**
 * The same trace at `level`, on the nearest step: from the exact level, the learner step that
 * contains the event shown; from the learner level, the exact step showing the learner step's
 * last event. The playhead stays where it is.
 */
function switchLevel(lab: Lab, level: Level, now: number): Lab {
  const shown = lab.replay.stopIndex(lab.step);
  const replay = lab.replay.setLevel(level);
  const step = shown === undefined ? replay.firstStep : level === 'exact' ? replay.stepOfEvent(shown) : replay.stepContaining(shown);
  const moved: Lab = { ...lab, level, step };
  // Paused, the clock shows the new step's time; playing, it keeps flowing from where it is.
  return moved.playing ? moved : goTo(moved, step, now);
}

/** Takes the pending re-run's trace (whole, or streaming on from the step to show). */
function adopt(lab: Lab, replay: Replay, end: RunEnd | undefined, now: number, stopped?: Bilingual): Lab {
  const rerun = lab.pending;
  if (rerun === undefined) return lab;
  // The re-run is stepped at the lab's level (use-run makes it so; a test's replay may not be).
  replay.setLevel(lab.level);
  const { pending: _pending, flash: _flash, stopped: _stopped, wantsNext: _wants, end: _end, ...rest } = lab;
  const next: Lab = { ...rest, options: rerun.options, replay, size: replay.total, ...(end ? { end } : {}), ...(stopped ? { stopped } : {}) };
  if (rerun.kind === 'restart') return goTo(next, 0, now);
  if (rerun.kind === 'seek') return goTo(next, rerun.step ?? 0, now);
  if (rerun.kind === 'toggle_source') {
    const t = lab.replay.eventAt(lab.step)?.t ?? 0;
    return goTo({ ...next, initialOptions: { ...lab.initialOptions, asWritten: rerun.options.asWritten } }, replay.stepAtTime(t), now);
  }
  if (rerun.kind === 'next_python') {
    const t = lab.replay.eventAt(lab.step)?.t ?? 0;
    const python = rerun.options.python ?? DEFAULT_PYTHON_VERSION;
    const shown = goTo({ ...next, initialOptions: { ...lab.initialOptions, python } }, replay.stepAtTime(t), now);
    return { ...shown, flash: bothf('nowPython', python) };
  }
  const t = rerun.t ?? 0;
  const divergence = windowDivergence(lab.replay, replay);
  const shownIndex = lab.replay.stopIndex(lab.step) ?? lab.replay.first;
  const arrival = firstInterrupt(replay, divergence);
  // Paused: the interrupt lands right here, so show its arrival at once.
  if (!rerun.wasPlaying && arrival >= 0) return goTo(next, replay.stepContaining(arrival), now);
  // Continue from the step shown, with the clock where it stands: the interrupt was delivered at
  // the playhead's time `t` (usually between two events), and playback reaches its arrival from here.
  const step = replay.stepOfEvent(Math.min(shownIndex, Math.max(0, divergence - 1)));
  const changed: Lab = { ...next, step };
  const at = rerun.wasPlaying ? Math.max(t, replay.eventAt(step)?.t ?? 0) : (replay.eventAt(step)?.t ?? 0);
  return { ...changed, playing: rerun.wasPlaying === true, playhead: startPlayhead(at, now, lab.speed, rerun.wasPlaying !== true) };
}

/**
 * The run's first event number where two replays of a program differ, compared where both windows
 * hold events (a deterministic run repeats itself before that), or where the shorter one ends.
 */
export function windowDivergence(a: Replay, b: Replay): number {
  const from = Math.max(a.first, b.first);
  const to = Math.min(a.total, b.total);
  for (let i = from; i < to; i++) if (!sameEvent(a.event(i)!, b.event(i)!)) return i;
  return Math.max(from, to);
}

/** The run's number of the first Ctrl+C arriving at or after event `from`, or -1. */
function firstInterrupt(replay: Replay, from: number): number {
  for (let i = Math.max(from, replay.first); i < replay.total; i++) if (replay.event(i)!.type === 'interrupt') return i;
  return -1;
}
