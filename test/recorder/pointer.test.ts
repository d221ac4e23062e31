// src/recorder/pointer.py on the real python3: the pointer it records for a small program with a
// callback, a coroutine resumed at its await, an exception through `finally:` and a second thread.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const RECORDER_DIR = join(import.meta.dirname, '..', '..', 'src', 'recorder');

const PROGRAM = `import asyncio
import threading

def call_back():
    print("cb")

async def main():
    loop.call_soon(call_back)
    await asyncio.sleep(0)
    return 1

def worker():
    x = 1
    return x

loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(main())
    raise ValueError("x")
except ValueError:
    pass
finally:
    loop.close()
t = threading.Thread(target=worker, name="W")
t.start()
t.join()
`;

// Runs the program under the recorder; prints each move as "thread line".
const RUNNER = `import runpy, sys
sys.path.insert(0, sys.argv[1])
import pointer
moves = []
recorder = pointer.PointerRecorder(sys.argv[2], lambda thread, line: moves.append(f"{thread} {line}"))
recorder.install()
try:
    runpy.run_path(sys.argv[2], run_name="__main__")
finally:
    recorder.uninstall()
print("\\n".join(moves), file=sys.stderr)
`;

const dir = mkdtempSync(join(tmpdir(), 'pointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The program's stdout, and each thread's pointer moves as the recorder reported them. */
function record(): { stdout: string; pointer: Record<string, number[]> } {
  writeFileSync(join(dir, 'program.py'), PROGRAM);
  writeFileSync(join(dir, 'runner.py'), RUNNER);
  const run = spawnSync('python3', [join(dir, 'runner.py'), RECORDER_DIR, join(dir, 'program.py')], { encoding: 'utf8' });
  const pointer: Record<string, number[]> = {};
  for (const move of run.stderr.trim().split('\n')) {
    const [thread, line] = move.split(' ');
    (pointer[thread!] ??= []).push(Number(line));
  }
  return { stdout: run.stdout, pointer };
}

describe('PointerRecorder', () => {
  it("records each thread's pointer as CPython's tracer sees it", () => {
    const { stdout, pointer } = record();
    expect(stdout).toBe('cb\n');
    expect(pointer).toEqual({
      // The module; main()'s first step (def line, then its lines) and back to run_until_complete
      // (18); call_back (def, body) and back; main() resumed at its await (9), returning (10); the
      // ValueError's except and finally; the thread's start and join.
      MainThread: [1, 2, 4, 7, 12, 16, 17, 18, 7, 8, 9, 18, 4, 5, 18, 9, 10, 18, 19, 20, 21, 23, 24, 25, 26],
      W: [12, 13, 14],
    });
  });
});
