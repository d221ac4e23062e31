// `asyncio-lab run <scenario>`: a program of your own (src/scenarios/custom.ts, loaded by
// src/scenarios/load.ts), shown in the same views as the lessons.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { ScenarioError } from '../scenarios/custom.js';
import { loadScenario } from '../scenarios/load.js';
import type { Lesson } from '../scenarios/types.js';
import type { CliContext } from './io.js';
import { runChosen, usageError } from './lesson.js';
import { viewOptions, type LessonFlags } from './options.js';
import { isPythonProgram, runPythonProgram, type PythonFlags } from './run-python.js';

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
    setExit(await runChosen(ctx, command, lesson, undefined, command.opts<LessonFlags>(), { kind: 'scenario', file: resolve(file) }));
  });
  return command;
}
