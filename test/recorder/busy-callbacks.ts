// Programs whose callback computes without waiting (the clock stands still there, so a Ctrl+C inside
// it is named by an event of the recording), and the oracle: python3 with a real SIGINT sent while
// that callback computes. Shared by the local engine's tests and the embedded one's.
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import type { TraceEvent } from '../../src/runtime/trace.js';

// A callback that computes for ever, with the default SIGINT handler: KeyboardInterrupt is raised
// in the callback's own frame, at its loop (line 7).
export const RUN_FOREVER = `import asyncio

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
// sees that (line 7), and finishes; then the task is cancelled at its await and asyncio.run raises
// KeyboardInterrupt.
export const ASYNCIO_RUN = `import asyncio

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

// The callback catches the KeyboardInterrupt and prints its traceback itself: what it prints is
// CPython's traceback (the callback's frame at its loop, line 7), with no frame of the recorder's.
export const CAUGHT = `import asyncio
import traceback

def spin():
    print("ready", flush=True)
    try:
        while True:
            pass
    except KeyboardInterrupt:
        traceback.print_exc()
    print("caught")
    loop.stop()

loop = asyncio.new_event_loop()
loop.call_soon(spin)
loop.run_forever()
loop.close()
`;

/** The line both programs compute on. */
export const LOOP_LINE = 7;

export interface RealRun {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

/** python3 on `file`, with SIGINT sent a moment after it has printed `ready` (from inside the callback, before its loop). */
export function interruptedInCallback(file: string, cwd: string): Promise<RealRun> {
  const child = spawn('python3', [file], { cwd, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
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
export function insideLoop(events: readonly TraceEvent[], line: number = LOOP_LINE): number {
  const ready = events.findIndex((e) => e.type === 'output' && e.text === 'ready');
  const index = events.findIndex((e, i) => i > ready && e.type === 'line' && e.line === line);
  expect(ready).toBeGreaterThan(0);
  expect(index).toBeGreaterThan(ready);
  return index;
}
