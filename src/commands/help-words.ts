// The words of `--help` in both languages: command descriptions, option help, examples and
// commander's headings. Option names, commands and Python's words stay as they are typed.
import type { Lang } from '../scenarios/types.js';
import type { Bilingual } from '../ui/i18n.js';
import { MAX_EVENTS } from '../recorder/local.js';

type Words = Bilingual;
type Template<A extends unknown[]> = (...args: A) => Words;

export const helpWords = {
  // commander's headings
  'Usage:': { en: 'Usage:', zh: '用法:' },
  'Options:': { en: 'Options:', zh: '选项:' },
  'Commands:': { en: 'Commands:', zh: '命令:' },
  'Arguments:': { en: 'Arguments:', zh: '参数:' },
  'Global Options:': { en: 'Global Options:', zh: '全局选项:' },
  examples: { en: 'Examples:', zh: '示例:' },
  parts: { en: 'Parts:', zh: '部分:' },

  // the root
  root: {
    en: "A terminal lab for Python's asyncio: watch the article's programs run on a CPython-faithful simulated event loop.",
    zh: 'Python asyncio 的终端实验室:在忠实于 CPython 的模拟事件循环上,一步步观看文章里的程序如何运行。',
  },
  version: { en: 'print the version', zh: '打印版本号' },
  help: { en: 'show help', zh: '显示帮助' },
  helpCommand: { en: 'show help for a command', zh: '显示某个命令的帮助' },
  rootLang: { en: 'zh or en (default: from LC_ALL / LC_MESSAGES / LANG)', zh: 'zh 或 en(默认取自 LC_ALL / LC_MESSAGES / LANG)' },
  exMenu: { en: 'pick a lesson from a menu', zh: '从菜单中选一课' },
  exList: { en: 'every lesson, part and variant', zh: '列出所有课程、部分和变体' },
  exCallLater: { en: 'watch call_later order timers by deadline', zh: '观看 call_later 按截止时间排列定时器' },
  exStopWait: { en: 'press Ctrl+C at 1.5 s, in plain text', zh: '在 1.5 秒时按 Ctrl+C,以纯文本显示' },
  exDaemon: { en: 'a variant of a lesson', zh: '某一课的变体' },
  exRun: { en: 'a scenario of your own', zh: '你自己的场景' },
  exCommandHelp: { en: 'options of one lesson', zh: '某一课的选项' },

  // list
  list: { en: 'list the lessons, their parts and variants', zh: '列出课程及其部分和变体' },
  listJson: { en: 'as JSON: an array of lessons with their invocation, titles and variants', zh: '以 JSON 输出:课程数组,含调用方式、标题和变体' },
  langShort: { en: 'zh or en', zh: 'zh 或 en' },
  resetSeen: { en: "forget which lessons were opened (the menu's ✓ marks)", zh: '忘掉哪些课已经看过(菜单里的 ✓ 标记)' },
  exListPlain: { en: 'the lessons as text', zh: '以文本列出课程' },
  exListJson: { en: 'the lessons as JSON', zh: '以 JSON 列出课程' },
  exResetSeen: { en: "clear the menu's ✓ marks", zh: '清除菜单里的 ✓ 标记' },

  // a lesson command
  partArgument: ((parts: string, first: string) => ({ en: `which program: ${parts} (default: ${first})`, zh: `哪一个程序:${parts}(默认:${first})` })) as Template<[string, string]>,
  partsDescription: ((first: string, rest: string) => ({ en: `parts: ${first} (default), ${rest}`, zh: `部分:${first}(默认)、${rest}` })) as Template<[string, string]>,
  asWritten: {
    en: "run the article's program exactly as written (it may fail or mislead on today's Python)",
    zh: '按文章原文运行程序(在今天的 Python 上它可能出错或误导)',
  },
  variantOf: ((ids: string) => ({ en: `run a variant of the program: ${ids}`, zh: `运行程序的一个变体:${ids}` })) as Template<[string]>,
  noVariant: { en: 'run a variant of the program (this command has none)', zh: '运行程序的一个变体(这个命令没有变体)' },
  speed: { en: 'real-time playback multiplier: 2 is twice as fast, 0.5 half', zh: '实时播放的倍速:2 是两倍快,0.5 是一半' },
  instant: { en: 'no pacing: show the whole run at once', zh: '不按时间播放:一次显示整个运行过程' },
  step: { en: 'start paused and step through the run (with --plain: Enter for each step)', zh: '以暂停开始,逐步查看(配合 --plain:每按一次回车走一步)' },
  plain: {
    en: 'no interactive UI: printed lines plus a text timeline (automatic when stdout is not a terminal or CI is set)',
    zh: '不用交互界面:打印的行加文字时间线(stdout 不是终端或设置了 CI 时自动使用)',
  },
  outputOnly: {
    en: 'plain view with only the lines the Python program prints, as python3 would print them',
    zh: '纯文本视图,只显示 Python 程序打印的行,与 python3 打印的一致',
  },
  verbose: { en: 'plain view with every trace event (loop iterations, task steps, source lines)', zh: '纯文本视图,显示每个跟踪事件(循环轮次、任务步骤、源码行)' },
  json: { en: 'the trace as NDJSON, one event per line', zh: '以 NDJSON 输出跟踪,每行一个事件' },
  interruptAt: { en: 'press Ctrl+C (SIGINT) at these simulated times, in seconds', zh: '在这些模拟时间(秒)按 Ctrl+C(SIGINT)' },
  until: {
    en: "stop watching a run that never ends at this simulated time (default: the lesson's; a .py program: 60 s of virtual time, or 10 s of real time when it starts threads)",
    zh: '在这个模拟时间停止观看不会结束的运行(默认:由课程决定;.py 程序:虚拟时间 60 秒,启动线程的程序为真实时间 10 秒)',
  },
  debug: { en: 'asyncio debug mode, as `python -X dev` shows it', zh: 'asyncio 调试模式,与 `python -X dev` 显示的一致' },
  lang: {
    en: 'language of the lab, its explanations and help: zh or en (default: from LC_ALL / LC_MESSAGES / LANG)',
    zh: '实验室、讲解和帮助的语言:zh 或 en(默认取自 LC_ALL / LC_MESSAGES / LANG)',
  },
  maxInstantEvents: ((n: number) => ({
    en: `stop a run after this many events at one simulated instant, i.e. without time advancing by a wait (default: ${n})`,
    zh: `同一模拟时刻(即时间没有因等待而前进)的事件超过这个数就停止运行(默认:${n})`,
  })) as Template<[number]>,
  python: ((versions: string) => ({ en: `run as this CPython: ${versions}`, zh: `以这个 CPython 版本运行:${versions}` })) as Template<[string]>,
  maxEvents: ((n: number) => ({
    en: `stop a run after this many events in all (default: ${n}; a recorded .py program: ${MAX_EVENTS} trace events)`,
    zh: `事件总数超过这个数就停止运行(默认:${n};录制的 .py 程序:${MAX_EVENTS} 个跟踪事件)`,
  })) as Template<[number]>,
  maxMemory: ((n: number) => ({
    en: `the simulation's heap, in megabytes; a run that needs more is stopped (default: ${n})`,
    zh: `模拟所用的堆内存(MB);需要更多的运行会被停止(默认:${n})`,
  })) as Template<[number]>,
  exWatch: { en: 'watch it in the interactive timeline', zh: '在交互式时间线里观看' },
  exOtherPart: { en: 'another part (see Parts above)', zh: '另一个部分(见上面的“部分”)' },
  exPlain: { en: 'printed lines and a text timeline, 4x real time', zh: '打印的行和文字时间线,4 倍实时' },
  exOutputOnly: { en: 'only what the Python program prints', zh: '只看 Python 程序打印的内容' },
  exJson: { en: 'the trace as NDJSON, one event per line', zh: '以 NDJSON 输出跟踪,每行一个事件' },
  exInterrupt: ((at: number) => ({ en: `press Ctrl+C at ${at} s (simulated time)`, zh: `在 ${at} 秒(模拟时间)按 Ctrl+C` })) as Template<[number]>,
  exAsWritten: { en: "the article's program, unchanged", zh: '文章的原程序,不做修改' },
  exDebug: { en: 'asyncio debug mode (python -X dev)', zh: 'asyncio 调试模式(python -X dev)' },

  // run
  run: {
    en: 'run a Python program of your own, recorded on real CPython (or a scenario module: a Python program and the same program on the runtime)',
    zh: '运行你自己的 Python 程序,在真实的 CPython 上记录(或一个场景模块:一个 Python 程序和它在模拟运行时上的同一程序)',
  },
  programArgument: {
    en: "a .py file ('-' reads it from standard input), or a JavaScript or TypeScript scenario module",
    zh: '一个 .py 文件(- 表示从标准输入读取),或一个 JavaScript / TypeScript 场景模块',
  },
  interruptAfterEvent: {
    en: 'a .py program: press Ctrl+C right after these events of its recording (indexes from 0, the lines of --json), even inside a callback that computes',
    zh: '.py 程序: 紧接在其录制的这些事件之后按 Ctrl+C(从 0 开始的序号,即 --json 的行),即使在正在计算的回调里',
  },
  maxCpu: {
    en: 'a .py program: wall seconds its recording may compute without waiting before it is stopped (default: 10)',
    zh: '.py 程序: 录制时不等待而连续计算的墙钟秒数上限,超过就停止(默认:10)',
  },
  interpreter: {
    en: 'record a .py program on this local CPython (3.11 or later), e.g. python3; threads work there',
    zh: '在这个本地 CPython(3.11 或更新)上记录 .py 程序,例如 python3;线程在那里可用',
  },
  exOwnProgram: { en: 'your own asyncio program', zh: '你自己的 asyncio 程序' },
  exScenarioOutput: { en: 'only what the Python program prints', zh: '只看 Python 程序打印的内容' },
  exScenarioJson: { en: 'the trace as NDJSON', zh: '以 NDJSON 输出跟踪' },
} as const;

type Plain = { [K in keyof typeof helpWords]: (typeof helpWords)[K] extends Words ? K : never }[keyof typeof helpWords];

/** A help text in `lang`. */
export function hw(key: Plain, lang: Lang): string {
  return (helpWords[key] as Words)[lang];
}
