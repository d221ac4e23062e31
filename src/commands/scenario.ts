// `asyncio-lab run <scenario>`: a program of your own (src/scenarios/custom.ts, loaded by
// src/scenarios/load.ts), shown in the same views as the lessons.
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ScenarioError } from '../scenarios/custom.js';
import { loadScenario } from '../scenarios/load.js';
import type { Lesson } from '../scenarios/types.js';
import type { CliContext, HelpContext } from './io.js';
import { DEFAULT_HELP_WIDTH, examplesSection } from './help-format.js';
import { hw } from './help-words.js';
import { runChosen, usageError } from './lesson.js';
import { usageWords } from './usage-words.js';
import { parseCpuSeconds, parseEventIndexes, viewOptions, type LessonFlags } from './options.js';
import { isPythonProgram, runPythonProgram, type PythonFlags } from './run-python.js';

export function scenarioCommand(ctx: CliContext, setExit: (code: number) => void, help: HelpContext = { lang: 'en', width: DEFAULT_HELP_WIDTH }): Command {
  const { lang: hl } = help;
  const command = new Command('run').description(hw('run', hl)).argument('<program>', hw('programArgument', hl));
  for (const option of viewOptions(hl)) command.addOption(option);
  command.option('--interpreter <python>', hw('interpreter', hl));
  command.addOption(new Option('--interrupt-after-event <n[,n...]>', hw('interruptAfterEvent', hl)).argParser((v, previous: number[] | undefined) => parseEventIndexes(v, previous, hl)));
  command.addOption(new Option('--max-cpu <s>', hw('maxCpu', hl)).argParser((v) => parseCpuSeconds(v, hl)));
  command.addHelpText(
    'after',
    examplesSection(
      [
        ['asyncio-lab run examples/gather-timeout.py --interpreter python3', hw('exOwnProgram', hl)],
        ['asyncio-lab run examples/deadline-ties.mjs', hw('exWatch', hl)],
        ['asyncio-lab run examples/deadline-ties.mjs --output-only', hw('exScenarioOutput', hl)],
        ['asyncio-lab run my-scenario.ts --json', hw('exScenarioJson', hl)],
      ],
      hl,
      help.width,
    ),
  );
  command.action(async (file: string) => {
    if (isPythonProgram(file)) {
      setExit(await runPythonProgram(ctx, command, file, command.opts<PythonFlags>()));
      return;
    }
    if (command.opts<PythonFlags>().interruptAfterEvent !== undefined) usageError(command, usageWords.onlyRecordedEvents);
    if (command.opts<PythonFlags>().maxCpu !== undefined) usageError(command, usageWords.onlyRecordedCpu);
    let lesson: Lesson;
    try {
      lesson = await loadScenario(file);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      usageError(command, usageWords.scenarioFailed(file, error.message));
    }
    setExit(await runChosen(ctx, command, lesson, undefined, command.opts<LessonFlags>(), { kind: 'scenario', file: resolve(file) }));
  });
  return command;
}
