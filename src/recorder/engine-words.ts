// Why an engine (the recorder on a local python3, or the embedded Python) could not record a
// program, in both languages. The interpreter as typed, options and error codes stay as they are.
import type { Bilingual } from '../ui/i18n.js';

export const engineWords = {
  recorder: { en: 'the recorder', zh: '录制器' },
  embedded: { en: 'the embedded Python', zh: '内置的 Python' },
  notBuilt: { en: 'the embedded Python is not built (npm run build)', zh: '内置的 Python 还没有构建(npm run build)' },
  noExecutable: (command: string): Bilingual => ({ en: `--interpreter '${command}': no such executable`, zh: `--interpreter '${command}': 没有这个可执行文件` }),
  didNotRun: (command: string, code: string): Bilingual => ({ en: `--interpreter '${command}': it did not run (${code})`, zh: `--interpreter '${command}': 它没能运行(${code})` }),
  notPython: (command: string): Bilingual => ({ en: `--interpreter '${command}': it is not a Python interpreter`, zh: `--interpreter '${command}': 它不是 Python 解释器` }),
  notCPython: (command: string, name: string): Bilingual => ({ en: `--interpreter '${command}': it is ${name}, the recorder needs CPython`, zh: `--interpreter '${command}': 它是 ${name},录制器需要 CPython` }),
  tooOld: (command: string, version: string): Bilingual => ({ en: `--interpreter '${command}': it is Python ${version}, the recorder needs 3.11 or later`, zh: `--interpreter '${command}': 它是 Python ${version},录制器需要 3.11 或更新的版本` }),
  unknownVersion: (version: string): Bilingual => ({ en: `--interpreter: the simulation knows Python 3.11 to 3.15, not ${version}`, zh: `--interpreter: 模拟认得 Python 3.11 到 3.15,不认得 ${version}` }),
  didNotStart: (who: Bilingual, code: string): Bilingual => ({ en: `${who.en} did not start (${code})`, zh: `${who.zh}没能启动(${code})` }),
  stopped: (who: Bilingual, reason: string): Bilingual => ({ en: `${who.en} stopped unexpectedly${reason ? `: ${reason}` : ''}`, zh: `${who.zh}意外停止${reason ? `: ${reason}` : ''}` }),
  overran: (who: Bilingual, seconds: number, longerWith: string): Bilingual => ({
    en: `${who.en} was stopped after ${seconds} s: the program computed inside one call without returning to Python code, where the budgets are checked; give it longer with ${longerWith}`,
    zh: `${who.zh}在 ${seconds} 秒后被停止: 程序在一次调用里一直计算,没有回到检查预算的 Python 代码;用 ${longerWith} 给它更多时间`,
  }),
} as const;
