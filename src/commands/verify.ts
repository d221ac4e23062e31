// `asyncio-lab verify <lesson>`: the lesson's Python programs recorded on real CPython (the embedded
// Python by default; a local one with --interpreter, which lessons with threads need) and compared
// with the simulation, event by event. Prints what differs and exits 1 if anything does.
import { spawnSync } from 'node:child_process';
import { Command, Option } from 'commander';
import { EMBEDDED_VERSION } from '../recorder/embedded.js';
import { EngineError, probeInterpreter } from '../recorder/local.js';
import { describeDifferences } from '../recorder/compare-traces.js';
import { engineVersion, needsThreads, verifyLesson, type VerifyEngine } from '../recorder/verify-lesson.js';
import { isPythonVersion, type PythonVersion } from '../runtime/python-version.js';
import { isPyodideVersion } from '../engines/pyodide.js';
import type { CliContext, HelpContext } from './io.js';
import { usageError } from './lesson.js';
import { usageWords } from './usage-words.js';

interface VerifyFlags {
  interpreter?: string;
  python?: string;
}

const WORDS = {
  en: {
    description: "record a lesson's Python programs on real CPython and compare them with the simulation, event by event",
    lesson: "the lesson's id, as `asyncio-lab list` shows it (e.g. stop-wait)",
    interpreter: 'record on this local CPython (lessons with threads need one), e.g. python3',
    python: 'the embedded Python version to record on (default 3.14)',
  },
  zh: {
    description: '在真实的 CPython 上录制课程的 Python 程序,并与模拟逐个事件比较',
    lesson: '课程的 id,如 `asyncio-lab list` 所示(例如 stop-wait)',
    interpreter: '在这个本地 CPython 上录制(带线程的课程需要),例如 python3',
    python: '录制所用的内置 Python 版本(默认 3.14)',
  },
};

/** The standard library's directory of a local interpreter, as its tracebacks show it. */
function stdlibDir(executable: string): string {
  const child = spawnSync(executable, ['-c', 'import asyncio, os; print(os.path.dirname(os.path.dirname(asyncio.__file__)))'], { encoding: 'utf8', timeout: 20_000 });
  return (child.stdout ?? '').trim();
}

function engineOf(command: Command, flags: VerifyFlags): VerifyEngine {
  if (flags.interpreter !== undefined) {
    let engine: VerifyEngine;
    try {
      const interpreter = probeInterpreter(flags.interpreter);
      engine = { kind: 'local', interpreter, stdlibDir: stdlibDir(interpreter.executable) };
      const version = engineVersion(engine);
      if (flags.python !== undefined && flags.python !== version) usageError(command, usageWords.verifyPythonIsNot(flags.python, flags.interpreter, interpreter.version));
    } catch (error) {
      if (error instanceof EngineError) usageError(command, error.words);
      throw error;
    }
    return engine;
  }
  const version = flags.python ?? EMBEDDED_VERSION;
  if (!isPythonVersion(version)) usageError(command, usageWords.verifyVersion(version));
  if (!isPyodideVersion(version)) usageError(command, usageWords.noEmbeddedVerify(version));
  return { kind: 'embedded', version: version as PythonVersion };
}

export function verifyCommand(ctx: CliContext, setExit: (code: number) => void, help: HelpContext): Command {
  const words = WORDS[help.lang];
  const command = new Command('verify')
    .description(words.description)
    .argument('<lesson>', words.lesson)
    .addOption(new Option('--interpreter <python>', words.interpreter))
    .addOption(new Option('--python <version>', words.python));
  command.action((id: string, flags: VerifyFlags) => {
    const { io } = ctx;
    const lesson = ctx.lessons.find((l) => l.id === id);
    if (!lesson) usageError(command, usageWords.noLesson(id, ctx.lessons.map((l) => l.id).join(', ')));
    const engine = engineOf(command, flags);
    const python = engineVersion(engine);
    if (engine.kind === 'embedded' && needsThreads(lesson, python)) usageError(command, usageWords.startsThreads(id));
    const on = engine.kind === 'embedded' ? `the embedded CPython ${python}` : `CPython ${engine.interpreter.version} (${engine.interpreter.command})`;
    let failed = 0;
    for (const verdict of verifyLesson(lesson, engine)) {
      const how = verdict.realTime ? ' (real time: each thread in order, times aside, races in any order)' : '';
      if (verdict.error !== undefined) {
        failed += 1;
        io.stdout.write(`${id} ${verdict.program}: not compared: ${verdict.error}\n`);
      } else if (verdict.differences.length > 0) {
        failed += 1;
        io.stdout.write(`${id} ${verdict.program}: differs from the simulation on ${on}${how}\n${describeDifferences(verdict.differences)}\n`);
      } else {
        io.stdout.write(`${id} ${verdict.program}: the same trace on ${on} and in the simulation (Python ${python})${how}\n`);
      }
    }
    setExit(failed > 0 ? 1 : 0);
  });
  return command;
}
