// The version switch: its derived line table is current, and it moves the runtime's 3.11 locations
// of CPython's own code to the same statements in each version's sources (read from the Pyodide
// packages' standard library zips).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYODIDE_PACKAGES } from '../../src/engines/pyodide.js';
import { PYTHONS, type PythonVersion, STDLIB_311, stdlibLocation, ulp } from '../../src/runtime/python-version.js';
import { findLessonById } from '../../src/scenarios/index.js';

const ROOT = join(import.meta.dirname, '../..');

const read = new Map<string, string[]>();

/** Lines of `file` (relative to the standard library) in `version`'s sources, 1-based. */
function sourceLines(version: PythonVersion, file: string): string[] {
  const key = `${version}/${file}`;
  let lines = read.get(key);
  if (lines === undefined) read.set(key, (lines = readSource(version, file)));
  return lines;
}

function readSource(version: PythonVersion, file: string): string[] {
  const script =
    version === '3.11'
      ? 'import asyncio, os, sys; print(open(os.path.join(os.path.dirname(os.path.dirname(asyncio.__file__)), sys.argv[1])).read(), end="")'
      : 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[2]).read(sys.argv[1]).decode(), end="")';
  const zip = version === '3.11' ? '' : join(ROOT, 'node_modules', PYODIDE_PACKAGES[version], 'python_stdlib.zip');
  const child = spawnSync('python3', ['-c', script, file, zip], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  return ['', ...child.stdout.split('\n')];
}

// Places the runtime names (reprs, tracebacks): 3.11 line, and the statement there.
const PLACES: [string, number][] = [
  ['asyncio/tasks.py', 519], // def _on_completion(f):   (wait's done callback)
  ['asyncio/tasks.py', 764], // def _done_callback(fut):  (gather's; 3.14 added a parameter)
  ['asyncio/base_events.py', 1922], // handle._run()   (_run_once)
  ['asyncio/events.py', 80], // self._context.run(self._callback, *self._args)
  ['asyncio/base_events.py', 427], // return futures.Future(loop=self)   (create_future)
  ['asyncio/base_events.py', 692], // _warn(f"unclosed event loop {self!r}", ...)   (__del__)
  ['asyncio/base_events.py', 678], // self._ready.clear()   (close: where a never-run task's coroutine is freed)
];

describe('the version switch', () => {
  it('has an up-to-date line table (scripts/stdlib-lines.py)', () => {
    const child = spawnSync('python3', [join(ROOT, 'scripts/stdlib-lines.py'), '--check'], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
  });

  for (const version of ['3.12', '3.13', '3.14', '3.15'] as const) {
    it(`moves the runtime's 3.11 places to the same code in ${version}`, () => {
      for (const [file, line] of PLACES) {
        const shown = stdlibLocation(PYTHONS[version], `${STDLIB_311}${file}`, line);
        expect(shown.file).toBe(`/usr/lib/python${version}/${file}`);
        const old = sourceLines('3.11', file)[line]!.trim();
        const now = sourceLines(version, file)[shown.line]!.trim();
        // A `def` may have gained parameters; otherwise the statement is the same.
        if (old.startsWith('def ')) expect(now.split('(')[0]).toBe(old.split('(')[0]);
        else expect(now).toBe(old);
      }
    });
  }

  // Read, not run (Pyodide cannot start threads): the line each version's threading._shutdown is
  // interrupted at, and the version-specific lines the switch names, hold what the runtime shows.
  for (const version of ['3.11', '3.12', '3.13', '3.14', '3.15'] as const) {
    it(`names ${version}'s own source lines where it cannot map 3.11's`, () => {
      const python = PYTHONS[version];
      expect(sourceLines(version, 'threading.py')[python.threadingShutdown.line]!.trim()).toBe(python.threadingShutdown.text);
      if (python.waitForLines) {
        const tasks = sourceLines(version, 'asyncio/tasks.py');
        expect(tasks[python.waitForLines.def]).toBe('async def wait_for(fut, timeout):');
        expect(tasks[python.waitForLines.awaitFut]!.trim()).toBe('return await fut');
        expect(tasks[python.waitForLines.asyncWith]!.trim()).toBe('async with timeouts.timeout(timeout):');
        expect(tasks[python.waitForLines.cancelAndWait]!.trim()).toBe('await _cancel_and_wait(fut)');
      }
      if (python.noCurrentLoopLine !== null) {
        expect(sourceLines(version, 'asyncio/events.py')[python.noCurrentLoopLine]!.trim()).toBe("raise RuntimeError('There is no current event loop in thread %r.'");
        expect(sourceLines(version, 'asyncio/tasks.py')[python.ensureFutureGetLoopLine!]!.trim()).toBe('loop = events.get_event_loop()');
      }
      if (python.shieldAwaitedBy) {
        const tasks = sourceLines(version, 'asyncio/tasks.py');
        expect(tasks[python.shieldAwaitedBy.clearAwaitedByLine]!.trim()).toBe('def _clear_awaited_by_callback(inner):');
        expect(tasks[python.shieldAwaitedBy.logOnExceptionLine]!.trim()).toBe('def _log_on_exception(fut):');
      }
    });
  }

  it("reports an unclosed loop at exit from that version's BaseEventLoop.__del__ line", () => {
    for (const python of ['3.11', '3.12', '3.13', '3.14', '3.15'] as const) {
      const run = findLessonById('threads-pool')!.run({ asWritten: false, debug: true, interrupts: [], until: 10, python });
      const warning = run.events.flatMap((e) => (e.type === 'output' && /ResourceWarning: unclosed event loop/.test(e.text) ? [e.text] : []));
      const at = stdlibLocation(PYTHONS[python], `${STDLIB_311}asyncio/base_events.py`, 692);
      expect(warning[0], python).toMatch(new RegExp(`^/usr/lib/python${python.replace('.', '\\.')}/asyncio/base_events\\.py:${at.line}: `));
      expect(sourceLines(python, 'asyncio/base_events.py')[at.line]!.trim(), python).toMatch(/^_warn\(f"unclosed event loop/);
    }
  });

  it('leaves 3.11 and places outside the standard library alone', () => {
    expect(stdlibLocation(PYTHONS['3.11'], `${STDLIB_311}asyncio/tasks.py`, 519)).toEqual({ file: `${STDLIB_311}asyncio/tasks.py`, line: 519 });
    expect(stdlibLocation(PYTHONS['3.14'], 'program.py', 7)).toEqual({ file: 'program.py', line: 7 });
  });

  it("computes 3.15's ready window with math.ulp", () => {
    expect(ulp(1)).toBe(2.220446049250313e-16);
    expect(ulp(0)).toBe(5e-324);
    expect(ulp(1e9)).toBe(1.1920928955078125e-7);
    expect(PYTHONS['3.15'].readyWindowEnd(1e9, 1e-9)).toBe(1e9 + 1.1920928955078125e-7);
    expect(PYTHONS['3.14'].readyWindowEnd(1e9, 1e-9)).toBe(1e9 + 1e-9);
  });
});
