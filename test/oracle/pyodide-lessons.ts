// The single-thread lessons on CPython 3.12 to 3.15 (Pyodide): each program (the article's as
// written, the corrected one, each variant) runs on that version's real CPython in virtual time,
// from start to exit with no Ctrl+C, and what it prints (stdout, stderr) and its exit status are
// compared with the simulation set to that version, normalized as the 3.11 recordings are.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedPython } from '../../src/engines/pyodide.js';
import type { PythonVersion } from '../../src/runtime/python-version.js';
import { loadLessonFolders } from '../../src/scenarios/folders.js';
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

/** One documented run of a lesson (its `recordings`: a Ctrl+C moment, -X dev), as recorded on 3.11. */
export interface DocumentedRun {
  name: string;
  source: PythonSource;
  start: StartOptions;
  run(python: PythonVersion): RunResult;
}

const definitions = new Map((await loadLessonFolders()).map((f) => [f.id, f.definition]));

/**
 * The single-thread lessons' documented runs with a Ctrl+C or -X dev (the plain runs are
 * lessonPrograms()), each with the article's program and the corrected one: from 3.14 the article's
 * stops before its loop runs, so only the corrected one reaches the Ctrl+C there.
 */
export function documentedRuns(): DocumentedRun[] {
  return SINGLE_THREAD_LESSONS.flatMap((id) => {
    const lesson = findLessonById(id)!;
    const seen = new Set<string>();
    return definitions.get(id)!.recordings.flatMap((r): DocumentedRun[] => {
      if ((r.interrupts ?? []).length === 0 && !r.dev) return [];
      const start = { interrupts: r.interrupts ?? [], dev: r.dev ?? false };
      const programs = r.program.startsWith('variant:') || !lesson.corrected ? [r.program] : ['as-written', 'corrected'];
      return programs.flatMap((program): DocumentedRun[] => {
        const key = `${program} ${JSON.stringify(start)}`;
        if (seen.has(key)) return [];
        seen.add(key);
        const variant = program.startsWith('variant:') ? lesson.variants.find((v) => v.id === program.slice('variant:'.length))! : undefined;
        const asWritten = program === 'as-written';
        const source = variant?.source ?? (asWritten || !lesson.corrected ? lesson.asWritten : lesson.corrected);
        const options = (python: PythonVersion): RunOptions => ({ asWritten, debug: start.dev, interrupts: start.interrupts, until: lesson.defaultUntil, python });
        return [{ name: `${id} ${program}`, source, start, run: (python) => (variant ?? lesson).run(options(python)) }];
      });
    });
  });
}

// Runs a program as `python3 FILE` (or `python3 -X dev FILE`) would, in virtual time: fresh globals
// named __main__, the default warning filters (dev mode: every warning shown), the default policy (no
// loop set yet), an uncaught exception printed as the interpreter prints it (without this helper's
// frame), and its exit status.
//
// Ctrl+C at a virtual time: when a loop's selector wait would reach that time, the clock stops there
// and KeyboardInterrupt is raised where Linux CPython raises it, in EpollSelector.select's call of
// epoll.poll. Pyodide has no epoll, so a second copy of its own selectors.py is made with a stand-in
// `select.epoll` (its EpollSelector is then that version's real code, lines and all), whose poll()
// raises; the stand-in's frame and this harness's are dropped from the traceback, as C frames and
// the kernel never show in CPython's. The wait itself stays exact (virtual_time.py's), not rounded to
// milliseconds as epoll's timeout is: the lessons' moments lie far from their timers.
export const RUN_AS_MAIN = `
import asyncio, importlib.util, linecache, os, select, sys, traceback, types, warnings, virtual_time
HARNESS_FILES = {virtual_time.__file__, '<exec>', '<harness>'}

class VirtualEpoll:
    """select.epoll for the copy of selectors.py: poll() is where Ctrl+C lands."""
    def __init__(self, *args, **kwargs): pass
    def register(self, fd, events): pass
    def unregister(self, fd): pass
    def modify(self, fd, events): pass
    def fileno(self): return -1
    def close(self): pass
    def poll(self, timeout=-1, maxevents=-1):
        raise KeyboardInterrupt

def epoll_selectors():
    spec = importlib.util.find_spec('selectors')
    fake = types.ModuleType('select')
    fake.__dict__.update(select.__dict__)
    fake.epoll, fake.EPOLLIN, fake.EPOLLOUT, fake.EPOLLPRI = VirtualEpoll, 1, 4, 2
    module = importlib.util.module_from_spec(spec)
    sys.modules['select'] = fake
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules['select'] = select
    return module
EPOLL = epoll_selectors().EpollSelector()

class InterruptibleLoop(virtual_time.VirtualTimeLoop):
    interrupts = []
    def virtual_wait(self, timeout):
        due = InterruptibleLoop.interrupts
        if due and (timeout is None or self.clock.elapsed() + timeout >= due[0]):
            self.clock.wait_until(due.pop(0))
            EPOLL.select(timeout)
        return super().virtual_wait(timeout)

def strip_harness(error, seen=None):
    """Drops this harness's frames from the tracebacks of error and of what it chains."""
    seen = seen if seen is not None else set()
    if error is None or id(error) in seen:
        return
    seen.add(id(error))
    kept, tb = [], error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename not in HARNESS_FILES:
            kept.append(tb)
        tb = tb.tb_next
    for a, b in zip(kept, kept[1:] + [None]):
        a.tb_next = b
    error.__traceback__ = kept[0] if kept else None
    strip_harness(error.__context__, seen)
    strip_harness(error.__cause__, seen)

async def _nothing():
    pass

def tasks_so_far():
    """How many tasks this interpreter has named: Task-N counts per process, and the runs share one."""
    probe = asyncio.new_event_loop()
    task = probe.create_task(_nothing())
    probe.run_until_complete(task)
    probe.close()
    return int(task.get_name().split('-')[1])

def run_as_main(path, interrupts=(), dev=False):
    linecache.clearcache()  # the as-written and corrected programs share a file name
    InterruptibleLoop.interrupts = []
    virtual_time.use_virtual_time(InterruptibleLoop)
    run_as_main.tasks_before = tasks_so_far()
    warnings.resetwarnings()
    if dev:
        warnings.filterwarnings('default', category=Warning)
        os.environ['PYTHONASYNCIODEBUG'] = '1'
    else:
        os.environ.pop('PYTHONASYNCIODEBUG', None)
    for action, category, module in (('default', DeprecationWarning, '__main__'), ('ignore', DeprecationWarning, None),
                                     ('ignore', PendingDeprecationWarning, None), ('ignore', ImportWarning, None),
                                     ('ignore', ResourceWarning, None)):
        warnings.filterwarnings(action, category=category, module=module or '', append=True)
    runner = sys.modules.get('cpython_runner')  # the oracle's runner pins all_tasks() to creation order
    if runner is not None:
        asyncio.tasks.all_tasks = runner._all_tasks
    InterruptibleLoop.interrupts = sorted(interrupts)
    virtual_time.use_virtual_time(InterruptibleLoop)
    # A policy the program makes itself (set_event_loop_policy) builds virtual-time loops too.
    policy_class = type(asyncio.events._event_loop_policy)
    policy_class._loop_factory = InterruptibleLoop
    with open(path, encoding='utf8') as f:
        code = compile(f.read(), path, 'exec')
    status = 0
    module = {'__name__': '__main__', '__file__': path, '__builtins__': __builtins__}
    run_as_main.module = module
    try:
        exec(code, module)
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException as e:
        strip_harness(e)  # run_as_main's frame included
        traceback.print_exception(type(e), e, e.__traceback__)
        # An uncaught KeyboardInterrupt kills the process with SIGINT: -2 as Python's subprocess reports it.
        status = -2 if isinstance(e, KeyboardInterrupt) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    return status
`;

/** Pyodide's standard library (`/lib/python314.zip/asyncio/...`) where a Linux install keeps it. */
function linuxPaths(text: string): string {
  return text.replace(/\/lib\/python3(\d+)\.zip\//g, '/usr/lib/python3.$1/');
}

/**
 * Drops the frames of Pyodide's own code and of this harness (`<exec>`) from stack listings (debug
 * mode's "created at" tracebacks list the whole stack, which under `python3 FILE` starts at the
 * module): each `  File "..."` line of theirs and the source and caret lines under it.
 */
function withoutHostFrames(lines: string[]): string[] {
  const out: string[] = [];
  let dropping = false;
  for (const line of lines) {
    const file = /^ {2}File "([^"]*)"/.exec(line)?.[1];
    if (file !== undefined) dropping = file === '<exec>' || /\/_pyodide\//.test(file);
    else if (!line.startsWith('    ')) dropping = false;
    if (!dropping) out.push(line);
  }
  return out;
}

export interface RealRun {
  stdout: string[];
  stderr: string[];
  status: number;
}

/** How the program is started: Ctrl+C at these virtual times, `-X dev`. */
export interface StartOptions {
  interrupts?: readonly number[];
  dev?: boolean;
}

/** Runs `source` on `python` (already loaded, with virtual_time importable) as the main program. */
export function runOnPython(python: LoadedPython, source: PythonSource, start: StartOptions = {}): RealRun {
  python.runPython(RUN_AS_MAIN);
  python.pyodide.FS.writeFile(`/home/pyodide/${source.file}`, source.text);
  python.takeOutput();
  const status = Number(python.runPython(`import os; os.chdir('/home/pyodide'); run_as_main(${JSON.stringify(source.file)}, ${JSON.stringify(start.interrupts ?? [])}, ${start.dev ? 'True' : 'False'})`));
  // Interpreter exit: the module's globals are cleared with no Python frame running, so what that
  // frees reports from 'sys:1' (a coroutine never awaited), as at the end of `python3 FILE`.
  // (At real shutdown `import tracemalloc` fails, so no "Enable tracemalloc" line follows the warning.)
  python.runPython("import sys; sys.modules['tracemalloc'] = None");
  const module = python.runPython('run_as_main.module') as { clear(): void; destroy(): void };
  module.clear();
  module.destroy();
  python.runPython("del run_as_main.module; import gc; gc.collect(); del sys.modules['tracemalloc']");
  const { stdout, stderr } = python.takeOutput();
  // Task names as a fresh process numbers them (the runs share one interpreter, and its counter).
  const before = Number(python.runPython('run_as_main.tasks_before'));
  const renumbered = (text: string) => text.replace(/\bTask-(\d+)\b/g, (_m, n: string) => `Task-${Number(n) - before}`);
  const lines = (text: string) => (text === '' ? [] : withoutHostFrames(renumbered(linuxPaths(text)).replace(/\n$/, '').split('\n')));
  return { stdout: lines(stdout), stderr: lines(stderr), status };
}

const ENGINES = join(import.meta.dirname, '..', '..', 'src', 'engines');

// The same harness on this machine's python3 (3.11): RUN_AS_MAIN, then the exit-time clean-up
// runPython does above (the module's globals cleared with no frame running, then a collection).
const NATIVE_DRIVER = `
import json, sys
sys.path.insert(0, sys.argv[1])
exec(compile(sys.argv[2], '<harness>', 'exec'))
import os
os.chdir(sys.argv[3])
status = run_as_main(sys.argv[4], json.loads(sys.argv[5]), sys.argv[6] == '1')
sys.modules['tracemalloc'] = None
run_as_main.module.clear()
del run_as_main.module
import gc; gc.collect()
sys.stdout.flush(); sys.stderr.flush()
os.write(3, str(status).encode())
`;

/** Runs `source` on the local python3 (3.11) as runOnPython runs it on Pyodide: virtual time, the same harness and normalization. */
export function runOnNativePython(source: PythonSource, start: StartOptions = {}): RealRun {
  const dir = mkdtempSync(join(tmpdir(), 'asyncio-lab-native-'));
  try {
    writeFileSync(join(dir, source.file), source.text);
    const child = spawnSync('python3', ['-X', 'utf8', '-c', NATIVE_DRIVER, ENGINES, RUN_AS_MAIN, dir, source.file, JSON.stringify(start.interrupts ?? []), start.dev ? '1' : '0'], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONHASHSEED: '0' },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    const status = Number(child.output[3]);
    if (child.output[3] === '' || Number.isNaN(status)) throw new Error(`python3 harness failed:\n${child.stderr}`);
    const stdlib = spawnSync('python3', ['-c', 'import asyncio, os; print(os.path.dirname(os.path.dirname(asyncio.__file__)))'], { encoding: 'utf8' }).stdout.trim();
    const lines = (text: string) => (text === '' ? [] : text.replaceAll(`${stdlib}/`, '/usr/lib/python3.11/').replace(/\n$/, '').split('\n'));
    return { stdout: lines(child.stdout), stderr: lines(child.stderr), status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function simulate(program: LessonProgram, python: PythonVersion): RunResult {
  return program.run({ asWritten: false, debug: false, interrupts: [], until: program.until, python });
}
