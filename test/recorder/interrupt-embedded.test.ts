// Ctrl+C on the embedded engine (the default: CPython 3.14 in Pyodide, in the engine's own process),
// in the selector wait (--interrupt-at) and inside a callback that computes (--interrupt-after-event),
// against python3 with a real SIGINT at that moment. The oracle is 3.11, the lab's Python 3.14: what
// each prints must be the same up to what differs between the two versions (the standard library's
// folder and line numbers, and the carets under a line), and no frame of the recorder or of Pyodide.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEmbedded } from '../../src/recorder/embedded.js';
import type { TraceEvent } from '../../src/runtime/trace.js';
import { cli } from '../cli/harness.js';
import { runPython } from '../process/python-oracle.js';
import { embeddedBatch, type EmbeddedBatch } from './embedded-batch.js';
import { ASYNCIO_RUN, RUN_FOREVER, insideLoop, interruptedInCallback } from './busy-callbacks.js';

const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-embedded-ctrl-c-'));
const ORACLE_STDLIB = spawnSync('python3', ['-c', 'import asyncio, os; print(os.path.dirname(os.path.dirname(asyncio.__file__)))'], { encoding: 'utf8' }).stdout.trim();

function program(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/**
 * A traceback as both versions print it: its frames (files by name, the standard library's from
 * its folder, without line numbers: the versions' files differ, and 3.14 may stop a loop on another
 * of its lines), the exceptions and what joins them; not the lines of source and carets.
 */
function versionless(stderr: string): string[] {
  const stdlib = new RegExp(`^  File "(?:${ORACLE_STDLIB.replaceAll('.', '\\.')}|/usr/lib/python3\\.\\d+)/`);
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('    '))
    .map((line) => line.replace(stdlib, '  File "<stdlib>/').replace(/^  File "(\/[^"]+)"/, (_, path: string) => `  File "${basename(path)}"`).replace(/, line \d+,/, ','));
}

const run = (file: string, ...more: string[]) => cli(['run', file, '--output-only', ...more]);

const IN_THE_WAIT = {
  // No handler of the program's: KeyboardInterrupt is raised in the epoll selector's poll.
  run_forever: `import asyncio

def tick():
    print("tick")
    loop.call_later(1, tick)

loop = asyncio.new_event_loop()
loop.call_soon(tick)
try:
    loop.run_forever()
finally:
    loop.close()
print("not reached")
`,
  // asyncio.run's handler: the first Ctrl+C cancels the main task, which sees CancelledError at its await.
  'asyncio.run': `import asyncio

async def main():
    print("sleeping")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("cancelled")
        raise
    print("woke")

asyncio.run(main())
`,
};

describe('Ctrl+C on the embedded Python 3.14, in the selector wait', () => {
  it.each(Object.entries(IN_THE_WAIT))('%s: prints what python3 prints when SIGINT arrives at 2.5 s, and exits alike', async (name, source) => {
    const file = `${name.replace('.', '-')}.py`;
    const real = runPython(source, [2.5], file);
    const lab = await run(program(file, source), '--interrupt-at', '2.5');
    expect(lab.stdout.split('\n').slice(0, -1)).toEqual(real.stdout);
    expect(versionless(lab.stderr).slice(0, -1)).toEqual(versionless(real.stderr.join('\n')));
    expect(lab.stderr).toContain('/usr/lib/python3.14/');
    expect(lab.stderr).not.toMatch(/asyncio_lab|pyodide|python314\.zip/);
    expect(real.status).toBe(-2);
    expect(lab.code).toBe(130);
  });

  it('shows the epoll selector waiting on its poll line, and the clock at the moment of the interrupt', async () => {
    const lab = await run(program('frames.py', IN_THE_WAIT.run_forever), '--interrupt-at', '2.5');
    expect(lab.stderr).toContain('File "/usr/lib/python3.14/selectors.py", line 452, in select\n    fd_event_list = self._selector.poll(timeout, max_ev)\nKeyboardInterrupt\n');
    const json = await cli(['run', program('frames.py', IN_THE_WAIT.run_forever), '--json', '--interrupt-at', '2.5']);
    const events = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as TraceEvent);
    const at = events.findIndex((e) => e.type === 'interrupt');
    expect(events[at - 1]).toMatchObject({ type: 'select_wait' });
    expect(events[at]).toMatchObject({ type: 'interrupt', t: 2.5 });
    expect(events[at + 1]).toMatchObject({ type: 'select_woke', reason: 'interrupt', t: 2.5 });
    expect(events.at(-1)).toMatchObject({ type: 'exit', status: -2 });
  });
});

describe('Ctrl+C on the embedded Python 3.14, inside a callback that computes', () => {
  let batch: EmbeddedBatch;
  let stdlib: string;
  beforeAll(async () => {
    batch = await embeddedBatch('3.14');
    stdlib = String(batch.python.runPython('import asyncio, os\nos.path.dirname(os.path.dirname(asyncio.__file__))'));
  }, 120_000);
  afterAll(() => batch?.close());

  it.each([
    ['run-forever.py', RUN_FOREVER],
    ['asyncio-run.py', ASYNCIO_RUN],
  ])('%s: prints what CPython prints when SIGINT arrives there, and exits alike', async (name, source) => {
    const file = program(name, source);
    // Without a Ctrl+C the callback never ends: the recording stops at a small event budget.
    const plain = recordEmbedded({ version: '3.14', source, file, dir, interrupts: [], until: 60, debug: false, maxEvents: 2000 });
    const at = insideLoop(plain.events);
    const [real, lab] = await Promise.all([interruptedInCallback(file, dir), run(file, '--interrupt-after-event', String(at))]);
    // The same Pyodide without the recorder, SIGINT from another thread: the same lines, exactly.
    const bare = await batch.plainInterrupted(source, file, 500);
    const linux = (text: string) => text.split(`${stdlib}/`).join('/usr/lib/python3.14/');
    expect(lab.stdout).toBe(bare.stdout);
    expect(lab.stderr).toBe(linux(bare.stderr));
    expect(bare.code).toBe(130);
    // python3 3.11: the same frames and output (3.14 may stand on another line of the loop).
    expect(real.signal).toBe('SIGINT');
    expect(lab.stdout).toBe(real.stdout);
    expect(versionless(lab.stderr)).toEqual(versionless(real.stderr));
    expect(lab.stderr).toContain('KeyboardInterrupt');
    expect(lab.stderr).not.toMatch(/asyncio_lab|pyodide|python314\.zip/);
    expect(lab.code).toBe(130);
    // Recorded in this process's interpreter (as the tests' shared one records), the same run.
    const inProcess = batch.record({ source, file, dir, interrupts: [], interruptEvents: [at], until: 60, debug: false });
    const printed = inProcess.events.filter((e) => e.type === 'output' && e.stream === 'stderr').map((e) => (e.type === 'output' ? e.text : '')).join('\n');
    expect(printed + '\n').toBe(lab.stderr);
  });
});
