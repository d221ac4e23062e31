// Runs a Python program on real CPython with asyncio's event loop on virtual time, so tests can
// take their expected values from CPython itself. The loop is asyncio's own SelectorEventLoop
// (`_run_once` untouched): only `time()` is virtual, and its selector, instead of sleeping, adds the
// timeout to the virtual clock (and returns at once when the self-pipe is readable, as a real
// select would). The clock is the runtime's (VirtualClock in src/engines/virtual_time.py), one per process: each
// read is one tick (1 µs) later than the one before, computed with the same float operations. `asyncio.new_event_loop()` / `get_event_loop()` return such loops. The prelude is
// installed as `sitecustomize`, so the program's own line numbers are the ones CPython reports.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PY_STDLIB_DIR } from '../../../src/runtime/repr.js';

const PRELUDE = String.raw`
import asyncio, selectors

from virtual_time import VirtualClock

# One clock for the whole process, like time.monotonic(): every loop reads it.
CLOCK = VirtualClock()

class VirtualSelector(selectors.DefaultSelector):
    loop = None
    # Every timeout select was called with, and (when set) the call, counting from 1, at which
    # Ctrl+C arrives: KeyboardInterrupt raised from inside select, as a real SIGINT does.
    timeouts = None
    interrupt_at = None
    def select(self, timeout=None):
        if self.timeouts is None:
            self.timeouts = []
        self.timeouts.append(timeout)
        if self.interrupt_at == len(self.timeouts):
            raise KeyboardInterrupt
        ready = super().select(0)
        if ready:
            return ready
        if timeout is None:
            raise RuntimeError('virtual loop would block forever')
        CLOCK.advance(timeout)
        return []

# Named as the loop new_event_loop() makes on Linux, so reprs read the same.
class _UnixSelectorEventLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = VirtualSelector()
        super().__init__(selector)
        selector.loop = self
    def time(self):
        return CLOCK.read()

class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = _UnixSelectorEventLoop

asyncio.set_event_loop_policy(VirtualPolicy())
`;

export interface PythonRun {
  stdout: string[];
  stderr: string[];
  status: number | null;
}

/**
 * Runs `program` as the file `prog.py` on python3. Lines come back without the temporary directory
 * and with the standard library's directory spelled as the runtime spells it.
 */
export function runPython(program: string, options: { dev?: boolean } = {}): PythonRun {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-loop-'));
  try {
    writeFileSync(join(dir, 'sitecustomize.py'), PRELUDE);
    copyFileSync(join(import.meta.dirname, '../../../src/engines/virtual_time.py'), join(dir, 'virtual_time.py'));
    writeFileSync(join(dir, 'prog.py'), program);
    const stdlib = spawnSync('python3', ['-c', 'import asyncio, os; print(os.path.dirname(os.path.dirname(asyncio.__file__)))'], { encoding: 'utf8' }).stdout.trim();
    const args = [...(options.dev ? ['-X', 'dev'] : []), '-u', 'prog.py'];
    const result = spawnSync('python3', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONPATH: dir } });
    const clean = (text: string) =>
      text
        .split(`${dir}/`).join('')
        .split(stdlib).join(PY_STDLIB_DIR)
        .split('\n')
        .slice(0, -1);
    return { stdout: clean(result.stdout), stderr: clean(result.stderr), status: result.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
