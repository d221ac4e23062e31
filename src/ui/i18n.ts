// The lab's own words (panel titles, keys, states, the messages that replace the explanation) in
// both languages. Python's words (PENDING, Handle, KeyboardInterrupt) are never translated: they
// are what the learner will meet. Every text the lab writes has one shape, `Bilingual`: the words
// here, the step sentences (explain.ts, learner/words.ts), the lessons' notes and `--help`
// (commands/help-words.ts); test/ui/zh-words.test.ts reads every Chinese screen for English left.
import type { Lang } from '../scenarios/types.js';

/** A text in both languages. */
export type Bilingual = { readonly [L in Lang]: string };

const words = {
  source: { zh: '源码', en: 'SOURCE' },
  asWritten: { zh: '原文', en: 'as written' },
  corrected: { zh: '修正版', en: 'corrected' },
  loop: { zh: '事件循环', en: 'LOOP' },
  ready: { zh: '就绪', en: 'ready' },
  heap: { zh: '定时器堆', en: 'heap' },
  select: { zh: 'select', en: 'select' },
  empty: { zh: '(空)', en: '(empty)' },
  leavingOrder: { zh: '↑ 按 heappop 出堆的顺序', en: '↑ in the order heappop takes them' },
  nextIteration: { zh: '┄ 以下等下一轮 ┄', en: '┄ next iteration ┄' },
  more: { zh: '更多', en: 'more' },
  futures: { zh: 'FUTURE 与 TASK', en: 'FUTURES & TASKS' },
  timeline: { zh: '时间线', en: 'TIMELINE' },
  wakes: { zh: '线程唤醒', en: 'wakes' },
  output: { zh: '输出', en: 'OUTPUT' },
  outputKeys: { zh: 'o 往前翻 · O 往后翻', en: 'o older · O newer' },
  iteration: { zh: '轮', en: 'iteration' },
  step: { zh: '步', en: 'step' },
  playing: { zh: '播放', en: 'playing' },
  paused: { zh: '暂停', en: 'paused' },
  speed: { zh: '速度', en: 'speed' },
  noLoop: { zh: '还没有事件循环', en: 'no event loop yet' },
  noOutput: { zh: '(还没有输出)', en: '(nothing printed yet)' },
  waitsOn: { zh: '等待', en: 'waits on' },
  running: { zh: '运行中', en: 'running' },
  stopped: { zh: '已停止', en: 'stopped' },
  idle: { zh: '未运行', en: 'idle' },
  closed: { zh: '已关闭', en: 'closed' },
  run: { zh: '运行', en: 'run' },
  // Why the selector returned (the trace's select_woke reasons).
  timeout: { zh: '超时', en: 'timeout' },
  self_pipe: { zh: '自管道被写入', en: 'self-pipe' },
  interrupt: { zh: 'Ctrl+C', en: 'Ctrl+C' },
  immediate: { zh: '有就绪回调,不等待', en: 'immediate' },
  inEventOrder: { zh: 't = 0(按事件顺序)', en: 't = 0 (in event order)' },
  tooSmall: { zh: '终端太小:至少需要 60×18', en: 'terminal too small: 60×18 at least' },
  startHint: {
    zh: '按 ? 看这一课讲什么、文章哪里错了、何时按 Ctrl+C;空格播放,→ 单步。',
    en: 'Press ? for what this lesson shows, where the article is wrong and when to press Ctrl+C; space plays, → steps.',
  },
  exited: { zh: '程序已退出,状态码', en: 'the program exited with status' },
  hangs: { zh: '进程挂起,按 Ctrl+C', en: 'the process hangs: press Ctrl+C' },
  stillRunning: { zh: '程序仍在运行(模拟到此为止)', en: 'the program is still running (simulated up to here)' },
  menuTitle: { zh: '选择一课(↑↓ 选择,回车进入,q 退出)', en: 'Pick a lesson (↑↓ to move, enter to open, q to quit)' },
  menuSeen: { zh: '✓ 已看过(清除标记:asyncio-lab list --reset-seen)', en: '✓ seen (to clear the marks: asyncio-lab list --reset-seen)' },
  simulating: { zh: '+ 模拟中…', en: '+ simulating…' },
  firstSteps: { zh: '正在模拟最初的几步…', en: 'simulating the first steps…' },
  watchKeys: {
    zh: '空格开始播放 · → 看第一步 · ? 整课说明(改了哪些行、文章哪里错、何时按 Ctrl+C) · v 简明/逐事件',
    en: 'space starts · → shows the first step · ? the whole lesson (changed lines, where the article is wrong, when to press Ctrl+C) · v learner/exact',
  },
  // Why a key did nothing (they replace the explanation for a moment).
  oneProgram: { zh: '这一课只有一份程序。', en: 'This lesson has one program only.' },
  noMomentAhead: { zh: '后面没有这一课说明的 Ctrl+C 时刻了:输入一个时间(秒)。', en: 'No documented Ctrl+C moment ahead: type a time in seconds.' },
  beforeKept: { zh: '这个时间已不在保留的事件窗口里:按 r 从头开始,或用 ← 后退。', en: 'That time is before the events kept: r starts over, ← steps back.' },
  exitedLeave: { zh: '程序已经退出了:按 q 或 Ctrl+C 离开。', en: 'The program has exited: press q or Ctrl+C to leave.' },
} satisfies Record<string, Record<Lang, string>>;

export type Word = keyof typeof words;

/** Words with values in them: `{0}`, `{1}`... are replaced by the arguments. */
const templates = {
  selectWaitingNone: { zh: '在 select(None) 中等待,直到被唤醒', en: 'waiting in select(None): until woken' },
  selectWaiting: { zh: '在 select({0}) 中等待,直到 {1}', en: 'waiting in select({0}): until {1}' },
  selectWoke: { zh: '{0} 醒来({1},睡了 {2} 秒)', en: 'woke at {0} ({1}, slept {2} s)' },
  gotoPrompt: { zh: '跳到时间(秒):{0}▏ 回车跳转 · Esc 取消{1}', en: 'go to time (s): {0}▏ Enter goes · Esc cancels{1}' },
  yielded: { zh: '· 让出控制权 (sleep(0))', en: '· yielded (sleep(0))' },
  waitingOn: { zh: '· 等待 {0}', en: '· waiting on {0}' },
  wakesAt: { zh: '· {0} 唤醒', en: '· wakes at {0}' },
  wakes: { zh: '· 完成时唤醒 {0}', en: '· wakes {0} when done' },
  wakesAtTime: { zh: '· {1} 唤醒 {0}', en: '· wakes {0} at {1}' },
  doneAt: { zh: '· {0} 完成', en: '· done at {0}' },
  whenDone: { zh: '· 完成时调用 {0}', en: '· when done calls {0}' },
  chainedPending: { zh: '· 之后 ⇢ concurrent.futures.Future', en: '· then ⇢ concurrent.futures.Future' },
  chainedDone: { zh: '· ⇢ 已交给 concurrent.futures.Future', en: '· ⇢ concurrent.futures.Future set' },
  chainedFrom: { zh: '· ⇠ {0} 完成时设置', en: '· ⇠ set when {0} is done' },
  handleStep: { zh: '{0} 的下一步', en: 'step of {0}' },
  handleWakeup: { zh: '唤醒 {0}', en: 'wake-up of {0}' },
  handleCancelled: { zh: '已取消 (原 {0})', en: 'cancelled (was {0})' },
  timerWakes: { zh: '{0} → 唤醒 {1}', en: '{0} → wakes {1}' },
  timerSettles: { zh: '{0} 到期', en: '{0} is due' },
  gotoMoment: { zh: ' · 留空回车 = 下一个 Ctrl+C 时刻 {0} 秒', en: ' · Enter alone = the next Ctrl+C moment, {0} s' },
  scrollHint: { zh: '↑ ↓ 滚动 · {0}', en: '↑ ↓ scroll · {0}' },
  rerunSeek: { zh: '从头重新模拟到第 {0} 步… {1} 个事件', en: 'simulating again from the start to step {0}… {1} events' },
  rerunInterrupt: { zh: '从头重新模拟,在 {0} 秒按下 Ctrl+C… {1} 个事件', en: 're-simulating from the start with Ctrl+C at {0} s… {1} events' },
  rerun: { zh: '重新模拟… {0} 个事件', en: 'simulating… {0} events' },
  nowPython: { zh: '现在按 Python {0} 运行', en: 'now running as Python {0}' },
} satisfies Record<string, Record<Lang, string>>;

/** The template `key` in `lang` with its values filled in. */
export function sayf(key: keyof typeof templates, lang: Lang, ...values: string[]): string {
  return templates[key][lang].replace(/\{(\d)\}/g, (_, i: string) => values[Number(i)] ?? '');
}

/** `key` in `lang`. */
export function say(key: Word, lang: Lang): string {
  return words[key][lang];
}

/** `key` in both languages (a message made before the language it is shown in is known). */
export function both(key: Word): Bilingual {
  return words[key];
}

/** The template `key` in both languages, its values filled in. */
export function bothf(key: keyof typeof templates, ...values: string[]): Bilingual {
  return { zh: sayf(key, 'zh', ...values), en: sayf(key, 'en', ...values) };
}

/**
 * The keys, in the order the key bar lists them. `prio`: which ones the bar keeps when it is short
 * (0 always shows; then 1, 2, ... while they fit); `compact`: how a must-have key reads when even
 * the must-haves do not fit with their words.
 */
export const keyHelp: readonly { keys: string; zh: string; en: string; bar: boolean; prio: number; compact?: string }[] = [
  { keys: 'space', zh: '播放/暂停', en: 'play', bar: true, prio: 0 },
  { keys: '→ n', zh: '下一步', en: 'step', bar: true, prio: 0, compact: 'n' },
  { keys: '↓ i', zh: '下一轮', en: 'iteration', bar: true, prio: 3 },
  { keys: '← b', zh: '上一步', en: 'back', bar: true, prio: 1 },
  { keys: 'c', zh: 'Ctrl+C', en: 'Ctrl+C', bar: true, prio: 0, compact: 'c Ctrl+C' },
  { keys: 'r', zh: '重来', en: 'restart', bar: true, prio: 4 },
  { keys: '+ -', zh: '速度', en: 'speed', bar: true, prio: 5 },
  { keys: 't', zh: '原文/修正版', en: 'as written/corrected', bar: true, prio: 2 },
  { keys: 'v', zh: '简明/逐事件', en: 'learner/exact', bar: true, prio: 2 },
  { keys: 'p', zh: 'Python 版本', en: 'Python version', bar: true, prio: 6 },
  { keys: 'g', zh: '跳到时间', en: 'go to time', bar: true, prio: 7 },
  { keys: 'o O', zh: '输出翻页', en: 'output pages', bar: false, prio: 8 },
  { keys: '[ ]', zh: '时间线缩放', en: 'timeline zoom', bar: false, prio: 8 },
  { keys: '< >', zh: '时间线平移', en: 'timeline pan', bar: false, prio: 8 },
  { keys: '?', zh: '帮助', en: 'help', bar: true, prio: 0 },
  { keys: 'q', zh: '退出', en: 'quit', bar: true, prio: 0 },
];
