// Ctrl+C inside a callback that computes (the clock does not move there, so the moment is an event
// of the recording: --interrupt-after-event), recorded on the local python3 and compared with what
// python3 prints when a real SIGINT arrives while that callback runs: the traceback shows the
// program's frames and CPython's, never the recorder's, and the exit status is the same.
import { spawn } from 'node:child_process';
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
import type { TraceEvent } from '../../src/runtime/trace.js';

const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-callback-interrupt-'));

function program(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** python3 on `file`, with SIGINT sent a moment after it has printed `ready` (from inside the callback, before its loop). */
function realPython(file: string): Promise<{ stdout: string; stderr: string; status: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn('python3', [file], { cwd: dir, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    stdout += text;
    if (!sent && stdout.includes('ready\n')) {
      sent = true;
      // Not while it is still in print(): by then it computes in its loop, which never ends by itself.
      setTimeout(() => child.kill('SIGINT'), 300);
    }
  });
  child.stderr.on('data', (text: string) => (stderr += text));
  return new Promise((resolve) => child.on('close', (status, signal) => resolve({ stdout, stderr, status, signal })));
}

/** The index of the first event after which the recording is inside the callback's loop at `line`. */
function insideLoop(events: readonly TraceEvent[], line: number): number {
  const ready = events.findIndex((e) => e.type === 'output' && e.text === 'ready');
  const index = events.findIndex((e, i) => i > ready && e.type === 'line' && e.line === line);
  expect(ready).toBeGreaterThan(0);
  expect(index).toBeGreaterThan(ready);
  return index;
}

// A callback that computes for seconds, with the default SIGINT handler: KeyboardInterrupt is raised
// in the callback's own frame, at its loop.
const RUN_FOREVER = `import asyncio

def spin():
    print("ready", flush=True)
    total = 0
    while True:
        total += 1

loop = asyncio.new_event_loop()
loop.call_soon(spin)
loop.call_later(0.1, loop.stop)
try:
    loop.run_forever()
finally:
    loop.close()
print("done")
`;

// Under asyncio.run, whose SIGINT handler cancels the main task: the callback computes until it
// sees that, and finishes; then the task is cancelled at its await and asyncio.run raises
// KeyboardInterrupt.
const ASYNCIO_RUN = `import asyncio

def spin(task):
    print("ready", flush=True)
    n = 0
    while not task.cancelling():
        n += 1
    print("spun")

async def main():
    asyncio.get_running_loop().call_soon(spin, asyncio.current_task())
    await asyncio.sleep(1)
    print("slept")

asyncio.run(main())
`;

describe('Ctrl+C inside a callback that computes, on the local python3', () => {
  it.each([
    ['run-forever.py', RUN_FOREVER, 7],
    ['asyncio-run.py', ASYNCIO_RUN, 7],
  ])('%s: prints what python3 prints when SIGINT arrives there, and exits alike', async (name, source, line) => {
    const file = program(name, source);
    // Without a Ctrl+C the callback never ends: the recording stops at a small event budget.
    const plain = recordLocal({ interpreter: 'python3', source, file, dir, mode: 'virtual', interrupts: [], until: 60, debug: false, maxEvents: 2000 });
    const at = insideLoop(plain.events, line);
    const real = await realPython(file);
    const lab = await cli(['run', file, '--interpreter', 'python3', '--output-only', '--interrupt-after-event', String(at)]);
    expect(real.stderr).toContain('KeyboardInterrupt');
    expect(lab.stdout).toBe(real.stdout);
    expect(lab.stderr).toBe(real.stderr);
    expect(real.signal).toBe('SIGINT');
    expect(lab.code).toBe(130);
    expect(lab.stderr).not.toContain('asyncio_lab_recorder');
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

  it('refuses event moments for a scenario file and on the embedded Python, in one line', async () => {
    const file = program('plain.py', 'print(1)\n');
    const embedded = await cli(['run', file, '--interrupt-after-event', '3']);
    expect(embedded.code).toBe(2);
    expect(embedded.stderr).toBe("error: Ctrl+C (--interrupt-after-event) is recorded on a local CPython only for now: add --interpreter python3\n");
    const bad = await cli(['run', file, '--interpreter', 'python3', '--interrupt-after-event', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("got '1.5'");
  });
});
