// `asyncio-lab run <scenario>`: a program of your own (src/scenarios/custom.ts), shown in the same
// views as the lessons. JavaScript modules are imported as they are; TypeScript ones through tsx
// (a development dependency of the lab, so it is there after `npm ci` in a checkout).
import { existsSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { ScenarioError, scenarioLesson } from '../scenarios/custom.js';
import type { Lesson } from '../scenarios/types.js';
import type { CliContext } from './io.js';
import { runChosen, usageError } from './lesson.js';
import { viewOptions, type LessonFlags } from './options.js';
import { isPythonProgram, runPythonProgram, type PythonFlags } from './run-python.js';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);
const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs']);

/** The first line of what went wrong while loading, without a stack. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0]!;
}

async function importModule(path: string): Promise<unknown> {
  const url = pathToFileURL(path).href;
  if (!TYPESCRIPT.has(extname(path))) return import(url);
  let tsImport: (specifier: string, parent: string) => Promise<unknown>;
  try {
    // A variable specifier keeps the bundler from pulling tsx into the lab's own bundle.
    const api = 'tsx/esm/api';
    ({ tsImport } = (await import(api)) as { tsImport: typeof tsImport });
  } catch {
    throw new ScenarioError('a TypeScript scenario needs tsx (npm install tsx); or write it as a JavaScript module (.mjs)');
  }
  return tsImport(url, import.meta.url);
}

/** Loads a scenario file as a lesson; every problem is a one-line ScenarioError. */
export async function loadScenario(file: string): Promise<Lesson> {
  const path = resolve(file);
  if (!existsSync(path)) throw new ScenarioError('no such file');
  if (!statSync(path).isFile()) throw new ScenarioError('not a file');
  const ext = extname(path);
  if (!TYPESCRIPT.has(ext) && !JAVASCRIPT.has(ext)) throw new ScenarioError(`expected a JavaScript or TypeScript module (.mjs, .js, .ts), got '${ext || 'no extension'}'`);
  let module: { default?: unknown };
  try {
    module = (await importModule(path)) as { default?: unknown };
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError(`it failed to load: ${firstLine(error)}`);
  }
  // tsx hands a CommonJS-compiled module's exports over as `default` once more.
  let exported = module.default;
  if (typeof exported === 'object' && exported !== null && 'default' in exported && !('program' in exported)) exported = (exported as { default: unknown }).default;
  return scenarioLesson(exported, basename(path, ext));
}

export function scenarioCommand(ctx: CliContext, setExit: (code: number) => void): Command {
  const command = new Command('run')
    .description('run a Python program of your own, recorded on real CPython (or a scenario module: a Python program and the same program on the runtime)')
    .argument('<program>', "a .py file ('-' reads it from standard input), or a JavaScript or TypeScript scenario module");
  for (const option of viewOptions()) command.addOption(option);
  command.option('--interpreter <python>', 'record a .py program on this local CPython (3.11 or later), e.g. python3; threads work there');
  command.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  $ asyncio-lab run examples/gather-timeout.py --interpreter python3   your own asyncio program',
      '  $ asyncio-lab run examples/deadline-ties.mjs                 watch it in the interactive timeline',
      '  $ asyncio-lab run examples/deadline-ties.mjs --output-only   only what the Python program prints',
      '  $ asyncio-lab run my-scenario.ts --json                      the trace as NDJSON',
      '',
    ].join('\n'),
  );
  command.action(async (file: string) => {
    if (isPythonProgram(file)) {
      setExit(await runPythonProgram(ctx, command, file, command.opts<PythonFlags>()));
      return;
    }
    let lesson: Lesson;
    try {
      lesson = await loadScenario(file);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      usageError(command, `scenario '${file}': ${error.message}`);
    }
    setExit(await runChosen(ctx, command, lesson, undefined, command.opts<LessonFlags>()));
  });
  return command;
}
