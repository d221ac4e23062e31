// The lab's own usage errors and engine failures, in both languages (the `error: ` prefix is
// added where they are written). Option names, commands, file names and Python's words stay as
// typed; help-errors.ts says commander's "(Did you mean ...?)" in Chinese.
import type { Bilingual } from '../ui/i18n.js';

type Template<A extends unknown[]> = (...args: A) => Bilingual;

export const usageWords = {
  unknownPart: ((part: string, name: string, suggestion: string, parts: string) => ({
    en: `unknown part '${part}' for command '${name}'${suggestion}\n(parts: ${parts})`,
    zh: `命令 '${name}' 没有部分 '${part}'${suggestion}\n(它的部分: ${parts})`,
  })) satisfies Template<[string, string, string, string]>,
  unknownVariant: ((variant: string, suggestion: string, usage: string, ids: string) => ({
    en: `unknown variant '${variant}'${suggestion}\n(variants of ${usage}: ${ids})`,
    zh: `没有变体 '${variant}'${suggestion}\n(${usage} 的变体: ${ids})`,
  })) satisfies Template<[string, string, string, string]>,
  noVariants: ((variant: string, usage: string) => ({
    en: `unknown variant '${variant}' (${usage} has no variants)`,
    zh: `没有变体 '${variant}'(${usage} 没有变体)`,
  })) satisfies Template<[string, string]>,
  interruptAfterUntil: ((last: number, until: number) => ({
    en: `--interrupt-at ${last} is after --until ${until}: that Ctrl+C would never be delivered`,
    zh: `--interrupt-at ${last} 晚于 --until ${until}: 那次 Ctrl+C 永远不会被送达`,
  })) satisfies Template<[number, number]>,
  notAFile: ((file: string) => ({ en: `'${file}' is not a file`, zh: `'${file}' 不是文件` })) satisfies Template<[string]>,
  noSuchFile: ((file: string) => ({ en: `no such file: '${file}'`, zh: `没有这个文件: '${file}'` })) satisfies Template<[string]>,
  cannotRead: ((file: string, code: string) => ({ en: `cannot read '${file}' (${code})`, zh: `无法读取 '${file}'(${code})` })) satisfies Template<[string, string]>,
  noEmbeddedRun: ((version: string) => ({
    en: `--python ${version}: this installation has no embedded Python ${version}; run the program on a local one with --interpreter python${version}`,
    zh: `--python ${version}: 这次安装没有内置的 Python ${version};用 --interpreter python${version} 在本机的 Python 上运行程序`,
  })) satisfies Template<[string]>,
  pythonIsNot: ((asked: string, interpreter: string, version: string) => ({
    en: `--python ${asked}: --interpreter '${interpreter}' is Python ${version}; leave --python out, or give an interpreter of that version`,
    zh: `--python ${asked}: --interpreter '${interpreter}' 是 Python ${version};去掉 --python,或给出那个版本的解释器`,
  })) satisfies Template<[string, string, string]>,
  onlyRecordedEvents: {
    en: '--interrupt-after-event: only a recorded Python program (a .py file) has the events of a recording',
    zh: '--interrupt-after-event: 只有被录制的 Python 程序(.py 文件)才有录制的事件',
  },
  onlyRecordedCpu: {
    en: '--max-cpu: only a recorded Python program (a .py file) computes on a real CPU',
    zh: '--max-cpu: 只有被录制的 Python 程序(.py 文件)才在真实的 CPU 上计算',
  },
  scenarioFailed: ((file: string, message: string) => ({ en: `scenario '${file}': ${message}`, zh: `场景 '${file}': ${message}` })) satisfies Template<[string, string]>,
  verifyPythonIsNot: ((asked: string, interpreter: string, version: string) => ({
    en: `--python ${asked}: --interpreter '${interpreter}' is Python ${version}`,
    zh: `--python ${asked}: --interpreter '${interpreter}' 是 Python ${version}`,
  })) satisfies Template<[string, string, string]>,
  verifyVersion: ((version: string) => ({ en: `--python: expected 3.11 to 3.15, got '${version}'`, zh: `--python: 应为 3.11 到 3.15,得到的是 '${version}'` })) satisfies Template<[string]>,
  noEmbeddedVerify: ((version: string) => ({
    en: `--python ${version}: no embedded Python ${version}; record on a local one with --interpreter`,
    zh: `--python ${version}: 没有内置的 Python ${version};用 --interpreter 在本机的 Python 上录制`,
  })) satisfies Template<[string]>,
  noLesson: ((id: string, ids: string) => ({ en: `no lesson '${id}' (the lessons: ${ids})`, zh: `没有课程 '${id}'(课程有: ${ids})` })) satisfies Template<[string, string]>,
  startsThreads: ((id: string) => ({
    en: `lesson '${id}' starts threads, which the embedded Python cannot: add --interpreter python3`,
    zh: `课程 '${id}' 会启动线程,内置的 Python 做不到: 加上 --interpreter python3`,
  })) satisfies Template<[string]>,
  neverDelivered: ((at: number, exited: number, status: number) => ({
    en: `--interrupt-at ${at}: the main thread neither runs a line nor waits from then until the program exits (at ${exited.toFixed(3)} s, status ${status}), so that Ctrl+C would never be delivered`,
    zh: `--interrupt-at ${at}: 从那时起到程序退出(${exited.toFixed(3)} 秒,状态码 ${status}),主线程既不执行任何一行也不等待,那次 Ctrl+C 永远不会被送达`,
  })) satisfies Template<[number, number, number]>,
  alreadyExited: ((at: number, exited: number, status: number) => ({
    en: `--interrupt-at ${at}: the program has already exited by then (at ${exited.toFixed(3)} s, status ${status}), so that Ctrl+C would never be delivered`,
    zh: `--interrupt-at ${at}: 那时程序已经退出了(${exited.toFixed(3)} 秒,状态码 ${status}),那次 Ctrl+C 永远不会被送达`,
  })) satisfies Template<[number, number, number]>,
} as const;
