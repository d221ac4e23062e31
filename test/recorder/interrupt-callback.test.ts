// Ctrl+C inside a callback that computes (the clock does not move there, so the moment is an event
// of the recording: --interrupt-after-event), recorded on the local python3 and compared with what
// python3 prints when a real SIGINT arrives while that callback runs: the traceback shows the
// program's frames and CPython's, never the recorder's, and the exit status is the same.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../cli/harness.js';
import { recordLocal } from '../../src/recorder/local.js';
import { recordedLesson } from '../../src/recorder/lesson.js';
import { createLab, update } from '../../src/ui/controller.js';
import { programOf } from '../../src/ui/program.js';
import { Replay } from '../../src/ui/state/replay.js';
import { ASYNCIO_RUN, CAUGHT, RUN_FOREVER, insideLoop, interruptedInCallback } from './busy-callbacks.js';

const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-callback-interrupt-'));

function program(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('Ctrl+C inside a callback that computes, on the local python3', () => {
  it.each([
    ['run-forever.py', RUN_FOREVER, 7],
    ['asyncio-run.py', ASYNCIO_RUN, 7],
  ])('%s: prints what python3 prints when SIGINT arrives there, and exits alike', async (name, source, line) => {
    const file = program(name, source);
    // Without a Ctrl+C the callback never ends: the recording stops at a small event budget.
    const plain = recordLocal({ interpreter: 'python3', source, file, dir, mode: 'virtual', interrupts: [], until: 60, debug: false, maxEvents: 2000 });
    const at = insideLoop(plain.events, line);
    const real = await interruptedInCallback(file, dir);
    const lab = await cli(['run', file, '--interpreter', 'python3', '--output-only', '--interrupt-after-event', String(at)]);
    expect(real.stderr).toContain('KeyboardInterrupt');
    expect(lab.stdout).toBe(real.stdout);
    expect(lab.stderr).toBe(real.stderr);
    expect(real.signal).toBe('SIGINT');
    expect(lab.code).toBe(130);
    expect(lab.stderr).not.toContain('asyncio_lab_recorder');
  });

  it("a program that catches it and prints its traceback prints CPython's traceback, no frame of the recorder's", async () => {
    const file = program('caught.py', CAUGHT);
    const plain = recordLocal({ interpreter: 'python3', source: CAUGHT, file, dir, mode: 'virtual', interrupts: [], until: 60, debug: false, maxEvents: 2000 });
    const at = insideLoop(plain.events, 7);
    const real = await interruptedInCallback(file, dir);
    const lab = await cli(['run', file, '--interpreter', 'python3', '--output-only', '--interrupt-after-event', String(at)]);
    expect(real.stderr).toMatch(/line 7, in spin\n.*\nKeyboardInterrupt\n$/);
    expect(real.stdout).toContain('caught');
    expect(lab.stdout).toBe(real.stdout);
    expect(lab.stderr).toBe(real.stderr);
    expect(lab.code).toBe(real.status);
  });

  it('writes the interrupt right after the event asked for, inside the callback, at the same time', () => {
    const file = program('run-forever.py', RUN_FOREVER);
    const base = { interpreter: 'python3', source: RUN_FOREVER, file, dir, mode: 'virtual' as const, interrupts: [], until: 60, debug: false };
    const at = insideLoop(recordLocal({ ...base, maxEvents: 2000 }).events, 7) + 5;
    const { events } = recordLocal({ ...base, interruptEvents: [at] });
    expect(events[at + 1]).toMatchObject({ type: 'interrupt', n: 1, t: events[at]!.t });
    const run = events.findLastIndex((e, i) => i <= at && e.type === 'handle_run');
    expect(events[run]).toMatchObject({ callback: 'spin()' });
    expect(events.slice(run, at + 1).some((e) => e.type === 'handle_done')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'exit', status: -2 });
  });

  it("the lab's Ctrl+C on a step inside the running callback names that step's event, and the new recording is interrupted there", () => {
    const file = program('lab.py', RUN_FOREVER);
    const base = { interpreter: 'python3', source: RUN_FOREVER, file, dir, mode: 'virtual' as const, debug: false, maxEvents: 2000 };
    const lesson = recordedLesson({
      program: { file, name: 'lab.py', text: RUN_FOREVER },
      engine: (options) => recordLocal({ ...base, interrupts: options.interrupts, interruptEvents: options.interruptEvents ?? [], until: options.until }),
      defaultUntil: 60,
      about: { en: '', zh: '' },
      eventMoments: true,
    });
    const options = { asWritten: false, debug: false, interrupts: [], until: 60 };
    let lab = createLab({ program: programOf(lesson, undefined, 'en'), options, speed: 1, instant: false, startPaused: true, level: 'exact' }, 0);
    const events = recordLocal({ ...base, interrupts: [], until: 60 }).events;
    const ran = events.findIndex((e) => e.type === 'handle_run' && e.callback === 'spin()');
    // The first step past the callback's start (a step may stand for several events; the loop's
    // lines are no steps of their own).
    for (let i = 0; i < 200 && (lab.replay.stopIndex(lab.step) ?? 0) <= ran; i++) lab = update(lab, { type: 'step' }, 0);
    const shown = lab.replay.stopIndex(lab.step)!;
    expect(shown).toBeGreaterThan(ran);
    expect(events.slice(ran, shown + 1).some((e) => e.type === 'handle_done')).toBe(false);
    lab = update(lab, { type: 'interrupt', ctrl: false }, 0);
    expect(lab.pending?.options).toMatchObject({ interrupts: [], interruptEvents: [shown] });
    const rerun = lab.program.run(lab.pending!.options);
    expect(rerun.events[shown + 1]).toMatchObject({ type: 'interrupt', n: 1 });
    expect(rerun.events.some((e) => e.type === 'output' && e.text === 'KeyboardInterrupt')).toBe(true);
    lab = update(lab, { type: 'adopt', replay: new Replay(rerun.events), end: rerun.end }, 0);
    expect(lab.options.interruptEvents).toEqual([shown]);
  });

  it('refuses event moments for a scenario file, and an index that is no whole number, in one line', async () => {
    const file = program('plain.py', 'print(1)\n');
    const scenario = await cli(['run', join(import.meta.dirname, '..', '..', 'examples', 'deadline-ties.mjs'), '--interrupt-after-event', '3']);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr).toBe('error: --interrupt-after-event: only a recorded Python program (a .py file) has the events of a recording\n');
    const bad = await cli(['run', file, '--interpreter', 'python3', '--interrupt-after-event', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("got '1.5'");
  });
});
