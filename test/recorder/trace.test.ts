// The recorder's trace, event by event, on small programs: what the lab's panels draw comes from
// these events, so they must say what CPython's loop holds and does.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordLocal } from '../../src/recorder/local.js';
import type { TraceEvent } from '../../src/runtime/trace.js';

const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-trace-'));

function record(name: string, source: string, mode: 'virtual' | 'real' = 'virtual'): TraceEvent[] {
  const file = join(dir, name);
  writeFileSync(file, source);
  const recording = recordLocal({ interpreter: 'python3', source, file, dir, mode, interrupts: [], until: 60, debug: false });
  expect(recording.control).toBeUndefined();
  return recording.events;
}

const TIMERS = `import asyncio

async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.3, print, "c")
    loop.call_later(0.1, print, "a")
    await asyncio.sleep(0.2)
    print("b")

asyncio.run(main())
`;

describe('a recorded program with timers', () => {
  const events = record('timers.py', TIMERS);

  it('pushes TimerHandles with their deadlines and moves them to the ready queue by deadline, in virtual time', () => {
    const pushed = events.filter((e) => e.type === 'handle_scheduled' && e.kind === 'TimerHandle').map((e) => e.type === 'handle_scheduled' && [e.callback, e.when]);
    // Deadlines on the runtime's clock: from the simulated process's origin (4521.302017 s), one tick (1 µs) per read.
    expect(pushed).toEqual([["print('c')", 4521.602019], ["print('a')", 4521.40202], ['_set_result_unless_cancelled(<Future pending>, None)', 4521.502021]]);
    // Times to 0.1 ms: the clock also ticks 1 µs per read.
    const ran = events.flatMap((e) => (e.type === 'output' ? [[e.text, Number(e.t.toFixed(4))]] : []));
    // main returns at 0.2 s and asyncio.run closes the loop: the timer at 0.3 s never fires.
    expect(ran).toEqual([['a', 0.1], ['b', 0.2]]);
    const waits = events.flatMap((e) => (e.type === 'select_wait' && e.timeout !== 0 && e.timeout !== null ? [Number(e.timeout.toFixed(4))] : []));
    expect(waits).toEqual([0.1, 0.1]);
  });

  it('tells what the task waits on, at which line, and when it resumes', () => {
    const wait = events.find((e) => e.type === 'task_wait');
    expect(wait).toMatchObject({ name: 'Task-1', onRepr: '<Future pending cb=[Task.task_wakeup()]>', line: 7 });
    const created = events.find((e) => e.type === 'future_created' && e.kind === 'Future');
    expect(created).toMatchObject({ name: 'sleep(0.2)' });
    expect(events.filter((e) => e.type === 'task_step' && e.name === 'Task-1').length).toBe(2);
    expect(events.at(-1)).toMatchObject({ type: 'exit', status: 0 });
  });

  it('moves the pointer as CPython traces it: into main, back to asyncio.run between steps', () => {
    const lines = events.filter((e) => e.type === 'line').map((e) => e.type === 'line' && e.line);
    expect(lines.slice(0, 4)).toEqual([1, 3, 10, 3]);
    expect(lines).toContain(8);
  });
});

describe('a recorded program with a thread', () => {
  it('runs in real time and keeps each thread\'s pointer and output on its own thread', () => {
    const events = record('thread.py', 'import threading\n\ndef work():\n    print("in the thread")\n\nt = threading.Thread(target=work, name="worker")\nt.start()\nt.join()\nprint("joined")\n', 'real');
    expect(events.find((e) => e.type === 'output' && e.text === 'in the thread')).toMatchObject({ thread: 'worker' });
    expect(events.find((e) => e.type === 'line' && e.line === 4)).toMatchObject({ thread: 'worker' });
    expect(events.find((e) => e.type === 'thread_created')).toMatchObject({ name: 'worker', daemon: false, thread: 'MainThread' });
    expect(events.find((e) => e.type === 'thread_started')).toMatchObject({ name: 'worker', thread: 'worker' });
    expect(events.find((e) => e.type === 'thread_exit')).toMatchObject({ name: 'worker' });
    expect(events.find((e) => e.type === 'output' && e.text === 'joined')).toMatchObject({ thread: 'MainThread' });
  });
});
