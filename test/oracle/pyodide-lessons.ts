// The single-thread lessons on CPython 3.12 to 3.15 (Pyodide): each program (the article's as
// written, the corrected one, each variant) runs on that version's real CPython in virtual time,
// from start to exit with no Ctrl+C, and what it prints (stdout, stderr) and its exit status are
// compared with the simulation set to that version, normalized as the 3.11 recordings are.
import type { LoadedPython } from '../../src/engines/pyodide.js';
import type { PythonVersion } from '../../src/runtime/python-version.js';
import { findLessonById } from '../../src/scenarios/index.js';
import type { PythonSource, RunOptions, RunResult } from '../../src/scenarios/types.js';

export const SINGLE_THREAD_LESSONS = ['call-soon', 'call-later', 'call-at', 'future', 'stop-wait', 'stop-nested'] as const;

export interface LessonProgram {
  name: string;
  source: PythonSource;
  run(options: RunOptions): RunResult;
  until: number;
}

/** Every program of the single-thread lessons: as written, corrected, and variants. */
export function lessonPrograms(): LessonProgram[] {
  return SINGLE_THREAD_LESSONS.flatMap((id) => {
    const lesson = findLessonById(id)!;
    const until = lesson.defaultUntil;
    const out: LessonProgram[] = [{ name: `${id} as written`, source: lesson.asWritten, run: (o) => lesson.run({ ...o, asWritten: true }), until }];
    if (lesson.corrected) out.push({ name: `${id} corrected`, source: lesson.corrected, run: (o) => lesson.run({ ...o, asWritten: false }), until });
    for (const v of lesson.variants) out.push({ name: `${id} --variant ${v.id}`, source: v.source, run: (o) => v.run(o), until });
    return out;
  });
}

// Runs a program as `python3 FILE` would, in virtual time: fresh globals named __main__, the default
// warning filters, the default policy (no loop set yet), an uncaught exception printed as the
// interpreter prints it (without this helper's frame), and its exit status.
const RUN_AS_MAIN = `
import asyncio, sys, traceback, warnings, virtual_time
def run_as_main(path):
    warnings.resetwarnings()
    for action, category, module in (('default', DeprecationWarning, '__main__'), ('ignore', DeprecationWarning, None),
                                     ('ignore', PendingDeprecationWarning, None), ('ignore', ImportWarning, None),
                                     ('ignore', ResourceWarning, None)):
        warnings.filterwarnings(action, category=category, module=module or '', append=True)
    runner = sys.modules.get('cpython_runner')  # the oracle's runner pins all_tasks() to creation order
    if runner is not None:
        asyncio.tasks.all_tasks = runner._all_tasks
    virtual_time.use_virtual_time()
    code = compile(open(path, encoding='utf8').read(), path, 'exec')
    status = 0
    module = {'__name__': '__main__', '__file__': path, '__builtins__': __builtins__}
    run_as_main.module = module
    try:
        exec(code, module)
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException as e:
        traceback.print_exception(type(e), e, e.__traceback__.tb_next)
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return status
`;

/** Pyodide's standard library (`/lib/python314.zip/asyncio/...`) where a Linux install keeps it. */
function linuxPaths(text: string): string {
  return text.replace(/\/lib\/python3(\d+)\.zip\//g, '/usr/lib/python3.$1/');
}

export interface RealRun {
  stdout: string[];
  stderr: string[];
  status: number;
}

/** Runs `source` on `python` (already loaded, with virtual_time importable) as the main program. */
export function runOnPython(python: LoadedPython, source: PythonSource): RealRun {
  python.runPython(RUN_AS_MAIN);
  python.pyodide.FS.writeFile(`/home/pyodide/${source.file}`, source.text);
  python.takeOutput();
  const status = Number(python.runPython(`import os; os.chdir('/home/pyodide'); run_as_main(${JSON.stringify(source.file)})`));
  // Interpreter exit: the module's globals are cleared with no Python frame running, so what that
  // frees reports from 'sys:1' (a coroutine never awaited), as at the end of `python3 FILE`.
  // (At real shutdown `import tracemalloc` fails, so no "Enable tracemalloc" line follows the warning.)
  python.runPython("import sys; sys.modules['tracemalloc'] = None");
  const module = python.runPython('run_as_main.module') as { clear(): void; destroy(): void };
  module.clear();
  module.destroy();
  python.runPython("del run_as_main.module; import gc; gc.collect(); del sys.modules['tracemalloc']");
  const { stdout, stderr } = python.takeOutput();
  const lines = (text: string) => (text === '' ? [] : linuxPaths(text).replace(/\n$/, '').split('\n'));
  return { stdout: lines(stdout), stderr: lines(stderr), status };
}

export function simulate(program: LessonProgram, python: PythonVersion): RunResult {
  return program.run({ asWritten: false, debug: false, interrupts: [], until: program.until, python });
}
