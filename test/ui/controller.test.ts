// The lab's controls as a state machine: keys to actions, stepping, playback ticks, speed, Ctrl+C
// by re-simulation, leaving, and switching between the article's program and the corrected one.
import { describe, expect, it } from 'vitest';
import { type Action, atEnd, createLab, keyAction, keyActions, type Lab, nextTickIn, programExited, simNow, update as step } from '../../src/ui/controller.js';
import { STEP_RATE } from '../../src/ui/step-pacing.js';
import { programOf } from '../../src/ui/program.js';
import { Replay } from '../../src/ui/state/replay.js';
import { callLaterLesson, waitForeverLesson } from './fixtures/lessons.js';
import type { Lesson } from '../../src/scenarios/types.js';
import { findLessonById } from '../../src/scenarios/index.js';

const callSoonLesson = findLessonById('call-soon')!;

function lab(lesson: Lesson, over: Partial<{ instant: boolean; startPaused: boolean; speed: number }> = {}): Lab {
  const options = { asWritten: false, debug: false, interrupts: [], until: lesson.defaultUntil };
  return createLab({ program: programOf(lesson, undefined, 'en'), options, speed: 1, instant: false, startPaused: true, ...over }, 0);
}

/** An action, then the re-run it asks for (run here, whole) adopted, as LabApp does with the worker's. */
function update(l: Lab, action: Action, now: number): Lab {
  const next = step(l, action, now);
  if (next.pending === undefined) return next;
  const result = next.program.run(next.pending.options);
  return step(next, { type: 'adopt', replay: new Replay(result.events), end: result.end }, now);
}

describe('keys', () => {
  it('maps the documented keys to actions', () => {
    const k = (input: string, key = {}) => keyAction(input, key)?.type;
    expect([k(' '), k('n'), k('', { rightArrow: true }), k('i'), k('', { downArrow: true }), k('b'), k('', { leftArrow: true })]).toEqual(['toggle_play', 'step', 'step', 'iteration', 'iteration', 'back', 'back']);
    expect([k('r'), k('+'), k('-'), k('c'), k('t'), k('?'), k('q')]).toEqual(['restart', 'faster', 'slower', 'interrupt', 'toggle_source', 'help', 'quit']);
    expect(keyAction('c', { ctrl: true })).toEqual({ type: 'interrupt', ctrl: true });
    expect(k('p')).toBe('next_python');
    expect([k('g'), k(']'), k('['), k('>'), k('<')]).toEqual(['goto', 'zoom', 'zoom', 'pan', 'pan']);
    expect(k('x')).toBeUndefined();
  });

  it('splits keys that arrive together into separate presses, Ctrl+C included', () => {
    expect(keyActions('nnb', {}).map((a) => a.type)).toEqual(['step', 'step', 'back']);
    expect(keyActions('\x03\x03\x03', {})).toEqual(Array.from({ length: 3 }, () => ({ type: 'interrupt', ctrl: true })));
    expect(keyActions('c', { ctrl: true })).toEqual([{ type: 'interrupt', ctrl: true }]);
  });
});

describe('stepping', () => {
  it('starts paused on the first step, steps forward and back, and stops at both ends', () => {
    let l = lab(callLaterLesson);
    expect([l.step, l.playing]).toEqual([0, false]);
    l = update(l, { type: 'back' }, 0);
    expect(l.step).toBe(0);
    l = update(update(l, { type: 'step' }, 0), { type: 'step' }, 0);
    expect(l.step).toBe(2);
    l = update(l, { type: 'back' }, 0);
    expect(l.step).toBe(1);
    for (let i = 0; i < 500; i++) l = update(l, { type: 'step' }, 0);
    expect(atEnd(l)).toBe(true);
    expect(programExited(l)).toBe(true);
  });

  it('opens on the last step when instant, and plays from the start otherwise', () => {
    const instant = lab(callLaterLesson, { instant: true, startPaused: false });
    expect([atEnd(instant), instant.playing]).toEqual([true, false]);
    expect(lab(callLaterLesson, { startPaused: false }).playing).toBe(true);
  });

  it('paces playback: one beat of the step rate at an instant, then simulated time × speed', () => {
    let l = lab(callLaterLesson, { startPaused: false });
    const beat = 1000 / STEP_RATE;
    // Step 0 and 1 happen at the same instant (ticks apart): only the beat separates them.
    expect(nextTickIn(l, 0)).toBeCloseTo(beat, 3);
    // Go to the select() that sleeps 0.1 s until the first timer, shown at wall time 0.
    while (!(l.replay.eventAt(l.step + 1)?.type === 'select_woke')) l = update(l, { type: 'tick' }, 0);
    const t = simNow(l, 0);
    expect(nextTickIn(l, 0)).toBeCloseTo(beat + 100, 1);
    // The clock stands during the beat, then runs at 1×: 50 ms later, 0.05 s more.
    expect(simNow(l, beat)).toBe(t);
    expect(simNow(l, beat + 50) - t).toBeCloseTo(0.05, 6);
    const fast = update(update(l, { type: 'faster' }, 0), { type: 'faster' }, 0);
    expect(fast.speed).toBe(4);
    expect(nextTickIn(fast, 0)).toBeCloseTo(beat / 4 + 25, 1);
    expect(nextTickIn(update(l, { type: 'toggle_play' }, 0), 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('plays a run in its simulated time plus one beat per step (1× is real time where time passes)', () => {
    let l = lab(callLaterLesson, { startPaused: false });
    let now = 0;
    for (let i = 0; i < 500 && Number.isFinite(nextTickIn(l, now)); i++) {
      now += nextTickIn(l, now);
      l = update(l, { type: 'tick' }, now);
      // The header never shows a time later than the step on screen before the clock gets there.
      expect(simNow(l, now)).toBe(l.replay.eventAt(l.step)!.t);
    }
    expect(programExited(l)).toBe(true);
    const beats = l.step * (1000 / STEP_RATE);
    expect(now).toBeCloseTo(beats + l.replay.eventAt(l.step)!.t * 1000, 0);
  });
});

describe('the end of a run', () => {
  it('pauses when playback reaches the exit, the clock stopped at the exit time', () => {
    let l = lab(callLaterLesson, { startPaused: false });
    let now = 0;
    // As the UI does: a tick only when one is due.
    for (let i = 0; i < 500 && Number.isFinite(nextTickIn(l, now)); i++) {
      now += nextTickIn(l, now);
      l = update(l, { type: 'tick' }, now);
    }
    expect([atEnd(l), programExited(l), l.playing]).toEqual([true, true, false]);
    expect(simNow(l, now + 3000)).toBe(0.5);
  });

  it('keeps the clock running at the end of a run that still goes on (a hang)', () => {
    let l = lab(waitForeverLesson, { startPaused: false });
    for (let i = 0; i < 50 && !atEnd(l); i++) l = update(l, { type: 'tick' }, 0);
    expect([atEnd(l), l.playing]).toEqual([true, true]);
    // The last step's beat, then three seconds of the hang.
    const beat = 1000 / STEP_RATE;
    expect(simNow(l, beat + 3000)).toBe(3);
    // A tick there changes nothing: the program is still running.
    expect(update(l, { type: 'tick' }, beat + 3000)).toMatchObject({ playing: true, step: l.step });
    // Space pauses the hang where it stands and goes on from there; it never starts over.
    const paused = update(l, { type: 'toggle_play' }, beat + 3000);
    expect([paused.playing, paused.step, simNow(paused, 9000)]).toEqual([false, l.step, 3]);
    const again = update(paused, { type: 'toggle_play' }, 9000);
    expect([again.playing, again.step, simNow(again, 10_000)]).toEqual([true, l.step, 4]);
  });
});

describe('Ctrl+C', () => {
  it('re-simulates with KeyboardInterrupt at the current simulated time and shows its arrival', () => {
    let l = lab(waitForeverLesson);
    while (!atEnd(l)) l = update(l, { type: 'step' }, 0);
    expect(l.end?.kind).toBe('until');
    l = update(l, { type: 'interrupt', ctrl: false }, 0);
    expect(l.options.interrupts).toEqual([0]);
    expect(l.replay.eventAt(l.step)?.type).toBe('interrupt');
    while (!atEnd(l)) l = update(l, { type: 'step' }, 0);
    expect(programExited(l)).toBe(true);
    expect(l.quit).toBeUndefined();
  });

  it('injects at the simulated time playback has reached between events', () => {
    let l = lab(waitForeverLesson, { startPaused: false });
    while (!atEnd(l)) l = update(l, { type: 'tick' }, 0);
    // Playing on, 2.5 simulated seconds later (wall clock at 1×), still waiting in select().
    const playing = { ...l, playing: true, playhead: { ...l.playhead, paused: false } };
    // Its last step was shown at wall time 0: the clock ran from the end of its beat.
    const beat = 1000 / STEP_RATE;
    const hit = update(playing, { type: 'interrupt', ctrl: true }, beat + 2500);
    expect(hit.options.interrupts).toEqual([2.5]);
    // The clock stays where the header showed it (no jump back to the last step's 0.000)...
    expect(simNow(hit, 2500)).toBe(2.5);
    expect(simNow(hit, 2400)).toBe(2.5);
    // ...and the next tick shows the KeyboardInterrupt arriving at that very time.
    let after = hit;
    for (let i = 0; i < 5 && after.replay.eventAt(after.step)?.type !== 'interrupt'; i++) after = update(after, { type: 'tick' }, 2500 + nextTickIn(after, 2500));
    expect(after.replay.eventAt(after.step)).toMatchObject({ type: 'interrupt', t: 2.5 });
    // The header drawn a moment ago read 2.45: that is when the learner pressed it.
    const seen = update(playing, { type: 'interrupt', ctrl: true, at: 2.45 }, beat + 2500);
    expect([seen.options.interrupts, simNow(seen, 2500)]).toEqual([[2.45], 2.45]);
  });

  it('leaves the lab on Ctrl+C once the program has exited (status 0)', () => {
    let l = lab(callLaterLesson, { instant: true });
    l = update(l, { type: 'interrupt', ctrl: true }, 0);
    expect(l.quit).toBe(0);
  });

  it('leaves on three Ctrl+C within a second while the program runs (status 130)', () => {
    // A program that ignores Ctrl+C: the trace never changes.
    const stubborn: Lesson = { ...waitForeverLesson, run: (o) => waitForeverLesson.run({ ...o, interrupts: [] }) };
    let l = lab(stubborn);
    for (const now of [0, 200, 400]) l = update(l, { type: 'interrupt', ctrl: true }, now);
    expect(l.quit).toBe(130);
  });

  it('does not leave on three Ctrl+C spread over more than a second', () => {
    const stubborn: Lesson = { ...waitForeverLesson, run: (o) => waitForeverLesson.run({ ...o, interrupts: [] }) };
    let l = lab(stubborn);
    for (const now of [0, 600, 1200]) l = update(l, { type: 'interrupt', ctrl: true }, now);
    expect(l.quit).toBeUndefined();
  });
});

describe('other keys', () => {
  it('switches to the as-written program and back, keeping the simulated time', () => {
    let l = lab(callLaterLesson);
    for (let i = 0; i < 30; i++) l = update(l, { type: 'step' }, 0);
    const t = l.replay.eventAt(l.step)!.t;
    const written = update(l, { type: 'toggle_source' }, 0);
    expect(written.options.asWritten).toBe(true);
    expect(written.replay.kept.some((e) => e.type === 'warning')).toBe(true);
    expect(written.replay.eventAt(written.step)!.t).toBe(t);
    expect(update(written, { type: 'toggle_source' }, 0).options.asWritten).toBe(false);
  });

  it('switches the Python version with p, re-simulating: 3.14 stops the article\'s program at its first asyncio line', () => {
    let l = createLab({ program: programOf(callSoonLesson, undefined, 'en'), options: { asWritten: true, debug: false, interrupts: [], until: 5, python: '3.13' }, speed: 1, instant: false, startPaused: true }, 0);
    const printed = (x: Lab) => x.replay.kept.flatMap((e) => (e.type === 'output' ? [e.text] : []));
    expect(printed(l).join('\n')).toContain('DeprecationWarning: There is no current event loop');
    l = update(l, { type: 'next_python' }, 0);
    expect([l.options.python, l.initialOptions.python, l.flash?.en]).toEqual(['3.14', '3.14', 'now running as Python 3.14']);
    expect(printed(l).at(-1)).toBe("RuntimeError: There is no current event loop in thread 'MainThread'.");
    l = update(update(l, { type: 'next_python' }, 0), { type: 'next_python' }, 0);
    expect(l.options.python).toBe('3.11');
    expect(printed(l).join('\n')).not.toContain('no current event loop');
  });

  it('explains instead of switching when there is no other program', () => {
    const l = update(lab(waitForeverLesson), { type: 'toggle_source' }, 0);
    expect(l.options.asWritten).toBe(false);
    expect(l.flash?.en).toMatch(/one program/);
  });

  it('restarts from the first step without the injected Ctrl+C', () => {
    let l = update(lab(waitForeverLesson), { type: 'interrupt', ctrl: false }, 0);
    l = update(l, { type: 'restart' }, 0);
    expect([l.step, l.options.interrupts.length, l.replay.kept.some((e) => e.type === 'interrupt')]).toEqual([0, 0, false]);
  });

  it('scrolls the help with ↑ ↓ while it is open, within the screen\'s bound, and from the top each time', () => {
    expect(keyAction('', { upArrow: true })).toEqual({ type: 'scroll', by: -1 });
    let l = update(lab(callLaterLesson), { type: 'help' }, 0);
    for (let i = 0; i < 4; i++) l = update(l, { type: 'scroll', by: 1, max: 2 }, 0);
    expect(l.helpScroll).toBe(2);
    l = update(l, { type: 'scroll', by: -1 }, 0);
    expect(l.helpScroll).toBe(1);
    // ↓ (the iteration key) scrolls the help instead of stepping while it is open.
    const down = update(l, { type: 'iteration' }, 0);
    expect([down.helpScroll, down.step]).toEqual([2, l.step]);
    l = update(update(l, { type: 'help' }, 0), { type: 'help' }, 0);
    expect(l.helpScroll).toBe(0);
    expect(update(update(l, { type: 'help' }, 0), { type: 'scroll', by: 1 }, 0).helpScroll).toBe(0);
  });

  it('quits with 0 on q and toggles help on ?', () => {
    const l = lab(callLaterLesson);
    expect(update(l, { type: 'quit' }, 0).quit).toBe(0);
    expect(update(l, { type: 'help' }, 0).help).toBe(true);
  });
});

describe('the timeline\'s zoom and pan', () => {
  it('halves and doubles the window, pans only when zoomed, and forgets the pan at the whole run', () => {
    let l = lab(callLaterLesson);
    expect(l.timeline).toEqual({ zoom: 1, pan: 0 });
    expect(update(l, { type: 'pan', by: 1 }, 0).timeline).toEqual({ zoom: 1, pan: 0 });
    l = update(update(l, { type: 'zoom', by: 1 }, 0), { type: 'zoom', by: 1 }, 0);
    l = update(l, { type: 'pan', by: -1 }, 0);
    expect(l.timeline).toEqual({ zoom: 4, pan: -1 });
    l = update(update(l, { type: 'zoom', by: -1 }, 0), { type: 'zoom', by: -1 }, 0);
    expect(update(l, { type: 'zoom', by: -1 }, 0).timeline).toEqual({ zoom: 1, pan: 0 });
  });
});

describe('go to a time (g)', () => {
  const daemon = findLessonById('threads-daemon')!;
  const type = (l: Lab, keys: string, now = 0) => [...keys].reduce((x, ch) => update(x, { type: 'goto_key', input: ch, key: ch === '\r' ? { return: true } : {} }, now), l);

  it('goes to a typed time, paused there, the clock on it between two steps', () => {
    let l = update(lab(callLaterLesson, { startPaused: false }), { type: 'goto' }, 0);
    expect([l.goto, l.playing]).toEqual(['', false]);
    l = type(l, '0.25x\r');
    expect(l.goto).toBeUndefined();
    expect(simNow(l, 5000)).toBe(0.25);
    // The step in effect at 0.25: the timer of 0.2 has run, the one of 0.3 not yet.
    expect(l.replay.eventAt(l.step)!.t).toBeLessThanOrEqual(0.25);
    expect(l.replay.eventAt(l.step + 1)!.t).toBeGreaterThan(0.25);
  });

  it('goes to the lesson\'s next Ctrl+C moment when nothing is typed, where c then lands', () => {
    let l = type(update(lab(daemon), { type: 'goto' }, 0), '\r');
    expect(simNow(l, 0)).toBe(4.5);
    l = update(l, { type: 'interrupt', ctrl: false }, 0);
    expect(l.options.interrupts).toEqual([4.5]);
    expect(l.replay.eventAt(l.step)).toMatchObject({ type: 'interrupt', t: 4.5 });
  });

  it('edits what is typed and cancels with Esc; says so when no moment is ahead', () => {
    let l = type(update(lab(callLaterLesson), { type: 'goto' }, 0), '1.2.5');
    expect(l.goto).toBe('1.25');
    l = update(l, { type: 'goto_key', input: '', key: { backspace: true } }, 0);
    expect(l.goto).toBe('1.2');
    l = update(l, { type: 'goto_key', input: '', key: { escape: true } }, 0);
    expect([l.goto, l.step]).toEqual([undefined, 0]);
    const none = type(update(lab(callLaterLesson), { type: 'goto' }, 0), '\r');
    expect(none.flash?.en).toMatch(/No documented Ctrl\+C moment/);
  });

  it('stops at the exit of a program that exits before the time typed', () => {
    const l = type(update(lab(callLaterLesson), { type: 'goto' }, 0), '9\r');
    expect([atEnd(l), simNow(l, 0)]).toEqual([true, 0.5]);
  });
});

describe('a run longer than the replay\'s window', () => {
  it('steps back before the window by simulating the run again as far as that step, then steps on in the new window', () => {
    // The longest lesson's run (hundreds of events) in the smallest window.
    const fresh = lab(findLessonById('threads-daemon')!);
    const result = fresh.program.run(fresh.options);
    const window = new Replay([], 64);
    window.append(result.events);
    expect(window.first).toBeGreaterThan(0);
    let l: Lab = { ...fresh, replay: window, size: window.total, step: window.length - 1, end: result.end };
    while (l.step > window.firstStep) l = step(l, { type: 'back' }, 0);
    const asked = step(l, { type: 'back' }, 0);
    expect(asked.pending).toMatchObject({ kind: 'seek', step: window.firstStep - 1 });
    // The old window stays on screen while the run is simulated again.
    expect(asked.step).toBe(window.firstStep);
    const back = update(l, { type: 'back' }, 0);
    const whole = new Replay(result.events);
    expect(back.pending).toBeUndefined();
    expect(back.step).toBe(window.firstStep - 1);
    expect(JSON.stringify(back.replay.stateAt(back.step))).toBe(JSON.stringify(whole.stateAt(window.firstStep - 1)));
    expect(step(back, { type: 'step' }, 0).step).toBe(window.firstStep);
  });
});
