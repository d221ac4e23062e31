// The lab's controls as a pure state machine: keys become actions, actions move the step, the
// speed, the play state, or re-run the program (Ctrl+C injected, the other source). Running the
// program is deterministic, so a re-run is a pure function of the options too.
import { interruptAt, type Playhead, pause, resume, seek, setSpeed, simTimeAt, startPlayhead } from '../playback/index.js';
import type { RunOptions, RunResult } from '../scenarios/types.js';
import type { Program } from './program.js';
import { Replay } from './state/replay.js';
import { DEFAULT_PYTHON_VERSION, PYTHON_VERSIONS } from '../runtime/python-version.js';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32] as const;
/** Every step stays on screen at least this long (÷ speed): a burst of events at one instant stays watchable. */
export const STEP_DWELL_MS = 300;
/** Three Ctrl+C within this many milliseconds leave the lab whatever the program is doing. */
export const CTRL_C_WINDOW_MS = 1000;

export interface Lab {
  readonly program: Program;
  readonly options: RunOptions;
  /** The options the lab started with (restart goes back to them). */
  readonly initialOptions: RunOptions;
  readonly result: RunResult;
  readonly replay: Replay;
  readonly step: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly playhead: Playhead;
  readonly help: boolean;
  /** Rows the help overlay is scrolled by (↑ ↓ while it is open and does not fit). */
  readonly helpScroll: number;
  /** Wall times (ms) of recent Ctrl+C presses. */
  readonly ctrlC: readonly number[];
  /** A short message replacing the explanation until the next step (e.g. why a key did nothing). */
  readonly flash?: { zh: string; en: string };
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
  /** The next Python version (3.11 → 3.12 → ... → 3.15 → 3.11), simulated again from the start. */
  | { type: 'next_python' }
  | { type: 'help' }
  /** Scrolls the help overlay (↑, and ↓ while it is open); `max`: the screen's largest useful offset. */
  | { type: 'scroll'; by: number; max?: number }
  | { type: 'quit' }
  /** Playback: the next step is due. */
  | { type: 'tick' };

export interface LabInit {
  program: Program;
  options: RunOptions;
  speed: number;
  instant: boolean;
  startPaused: boolean;
}

export function createLab({ program, options, speed, instant, startPaused }: LabInit, now: number): Lab {
  const result = program.run(options);
  const replay = new Replay(result.events);
  // `instant`: no pacing at all, so the lab opens on the last step, paused (step back from there).
  const step = instant ? Math.max(0, replay.length - 1) : 0;
  const playing = !instant && !startPaused && replay.length > 1;
  const t = replay.eventAt(step)?.t ?? 0;
  return { program, options, initialOptions: options, result, replay, step, playing, speed, playhead: startPlayhead(t, now, speed, !playing), help: false, helpScroll: 0, ctrlC: [] };
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
    case 'p':
      return { type: 'next_python' };
    case '?':
    case 'h':
      return { type: 'help' };
    case 'q':
      return { type: 'quit' };
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
  const base: Lab = action.type === 'tick' || action.type === 'help' || action.type === 'scroll' ? lab : withoutFlash(lab);
  switch (action.type) {
    case 'toggle_play': {
      if (base.playing) return { ...base, playing: false, playhead: pause(base.playhead, now) };
      // Playing from the last step starts over.
      const step = atEnd(base) ? 0 : base.step;
      return goTo({ ...base, playing: true, playhead: resume(base.playhead, now) }, step, now);
    }
    case 'step':
      return goTo(stop(base, now), base.step + 1, now);
    case 'back':
      return goTo(stop(base, now), base.step - 1, now);
    case 'iteration':
      // ↓ scrolls the help while it is open.
      if (base.help) return scrollHelp(base, 1);
      return goTo(stop(base, now), base.replay.nextIteration(base.step), now);
    case 'tick':
      if (!base.playing) return base;
      if (atEnd(base)) return { ...base, playing: false, playhead: pause(base.playhead, now) };
      return stopAtExit(goTo(base, base.step + 1, now), now);
    case 'restart': {
      const result = base.program.run(base.initialOptions);
      return goTo({ ...base, options: base.initialOptions, result, replay: new Replay(result.events) }, 0, now);
    }
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
      if (!base.program.canToggle) return { ...base, flash: { zh: '这一课只有一份程序。', en: 'This lesson has one program only.' } };
      const options = { ...base.options, asWritten: !base.options.asWritten };
      const result = base.program.run(options);
      const replay = new Replay(result.events);
      const t = base.replay.eventAt(base.step)?.t ?? 0;
      return goTo({ ...base, options, initialOptions: { ...base.initialOptions, asWritten: options.asWritten }, result, replay }, replay.stepAtTime(t), now);
    }
    case 'next_python': {
      const current = PYTHON_VERSIONS.indexOf(base.options.python ?? DEFAULT_PYTHON_VERSION);
      const python = PYTHON_VERSIONS[(current + 1) % PYTHON_VERSIONS.length]!;
      const options = { ...base.options, python };
      const result = base.program.run(options);
      const replay = new Replay(result.events);
      const t = base.replay.eventAt(base.step)?.t ?? 0;
      const flash = { zh: `现在按 Python ${python} 运行`, en: `now running as Python ${python}` };
      return { ...goTo({ ...base, options, initialOptions: { ...base.initialOptions, python }, result, replay }, replay.stepAtTime(t), now), flash };
    }
    case 'help':
      return { ...base, help: !base.help, helpScroll: 0 };
    case 'scroll':
      return base.help ? scrollHelp(base, action.by, action.max) : base;
    case 'quit':
      return { ...base, quit: 0 };
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
 * Simulated time now: the playhead's while playing (time flows between events), else the step's.
 * Never earlier than the playhead's anchor: a frame drawn with a clock read just before the
 * playhead was last moved (a Ctrl+C, a speed change) does not show time running backwards.
 */
export function simNow(lab: Lab, now: number): number {
  const stepT = lab.replay.eventAt(lab.step)?.t ?? 0;
  if (!lab.playing) return stepT;
  const next = atEnd(lab) ? Number.POSITIVE_INFINITY : lab.replay.eventAt(lab.step + 1)!.t;
  return Math.max(stepT, Math.min(simTimeAt(lab.playhead, Math.max(now, lab.playhead.wallAt)), next));
}

/** Milliseconds until the next step is due while playing (Infinity when paused or at the end). */
export function nextTickIn(lab: Lab, now: number, shownAt: number): number {
  if (!lab.playing || atEnd(lab)) return Number.POSITIVE_INFINITY;
  const nextT = lab.replay.eventAt(lab.step + 1)!.t;
  const byTime = Math.max(0, ((nextT - simTimeAt(lab.playhead, now)) / lab.speed) * 1000);
  const dwell = Math.max(0, STEP_DWELL_MS / lab.speed - (now - shownAt));
  return Math.max(byTime, dwell);
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

function withoutFlash(lab: Lab): Lab {
  if (!lab.flash) return lab;
  const { flash: _flash, ...rest } = lab;
  return rest;
}

/** Shows step `step` (clamped); the playhead jumps to its simulated time. */
function goTo(lab: Lab, step: number, now: number): Lab {
  const s = Math.max(0, Math.min(lab.replay.length - 1, step));
  const t = lab.replay.eventAt(s)?.t ?? 0;
  return { ...lab, step: s, playhead: seek(lab.playhead, now, t) };
}

function interrupt(lab: Lab, ctrl: boolean, now: number, shown?: number): Lab {
  const recent = [...lab.ctrlC.filter((at) => now - at < CTRL_C_WINDOW_MS), now];
  if (ctrl && (programExited(lab) || recent.length >= 3)) return { ...lab, ctrlC: recent, quit: recent.length >= 3 && !programExited(lab) ? 130 : 0 };
  const withPress: Lab = ctrl ? { ...lab, ctrlC: recent } : lab;
  if (programExited(lab)) return { ...withPress, flash: { zh: '程序已经退出了:按 q 或 Ctrl+C 离开。', en: 'The program has exited: press q or Ctrl+C to leave.' } };
  // At the time on screen: never before the step shown, never after the playhead.
  const playhead = simNow(lab, now);
  const stepT = lab.replay.eventAt(lab.step)?.t ?? 0;
  const t = shown === undefined ? playhead : Math.max(stepT, Math.min(shown, playhead));
  // A program still running when the simulation stopped gets as long again after the interrupt.
  const options = { ...lab.options, until: Math.max(lab.options.until, t + lab.options.until) };
  const { options: next, result, divergence } = interruptAt(lab.program, options, t, lab.result);
  const replay = new Replay(result.events);
  const shownIndex = lab.replay.stops[lab.step] ?? 0;
  const arrival = result.events.findIndex((e, i) => i >= divergence && e.type === 'interrupt');
  // Paused: the interrupt lands right here, so show its arrival at once.
  if (!lab.playing && arrival >= 0) return goTo({ ...withPress, options: next, result, replay }, replay.stepOfEvent(arrival), now);
  // Continue from the step shown, with the clock where it stands: the interrupt was delivered at
  // the playhead's time `t` (usually between two events), and playback reaches its arrival from here.
  const step = replay.stepOfEvent(Math.min(shownIndex, divergence - 1));
  const changed: Lab = { ...withPress, options: next, result, replay, step };
  return { ...changed, playhead: seek(lab.playhead, now, lab.playing ? Math.max(t, replay.eventAt(step)?.t ?? 0) : (replay.eventAt(step)?.t ?? 0)) };
}
