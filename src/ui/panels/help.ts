// The ? overlay: what the lesson says, every key, and what the timeline's marks mean.
import type { IntroLine } from '../../scenarios/intro.js';
import type { Lang } from '../../scenarios/types.js';
import type { Line } from '../components/Lines.js';
import { cells, pad } from '../format.js';
import { keyHelp } from '../i18n.js';
import { glyphs } from './marks.js';
import type { MarkKind } from '../state/types.js';
import { STEP_RATE } from '../step-pacing.js';

const more: Record<string, { zh: string; en: string }> = {
  space: {
    zh: `播放;再按暂停。模拟时间流逝时按 速度 × 墙上时钟 走(1× 即真实时间);每一步停留一拍(步速:每秒 ${STEP_RATE} 步 × 速度),时钟停在这一步的时刻`,
    en: `play; again to pause. Where simulated time passes it runs at speed × the wall clock (1× is real time); each step stands one beat (the step rate: ${STEP_RATE} steps a second × speed), the clock at its instant`,
  },
  '→ n': { zh: '前进一步(下一个值得看的事件)', en: 'one step forward (the next event worth showing)' },
  '↓ i': { zh: '前进到下一轮 _run_once()', en: 'forward to the next _run_once() iteration' },
  '← b': { zh: '后退一步', en: 'one step back' },
  c: { zh: '此刻向程序发送 Ctrl+C (KeyboardInterrupt);Ctrl+C 同样。程序退出后或 1 秒内连按三次 Ctrl+C 离开', en: 'KeyboardInterrupt into the program now (Ctrl+C too); once it has exited, or three Ctrl+C within a second, Ctrl+C leaves' },
  r: { zh: '从头重来(去掉注入的 Ctrl+C)', en: 'start over (without the injected Ctrl+C)' },
  '+ -': { zh: '加速 / 减速', en: 'faster / slower' },
  t: { zh: '切换原文程序 / 修正版程序', en: "switch between the article's program and the corrected one" },
  v: { zh: '切换详细程度:简明(每步是一件事:一个回调、Task 的一步、一次等待)/ 逐事件(每个事件,CPython 自己的 repr)', en: 'switch the level of detail: learner (a step is one thing: a callback, a task step, a wait) / exact (every event, CPython’s own reprs)' },
  p: { zh: '换下一个 Python 版本(3.11 → 3.15),从头重新模拟', en: 'the next Python version (3.11 → 3.15), simulated again' },
  '?': { zh: '打开 / 关闭本帮助', en: 'this help, on and off' },
  g: { zh: '跳到输入的时间(秒),留空回车则跳到这一课下一个 Ctrl+C 时刻;然后按 c 就在那一刻按下 Ctrl+C', en: "go to a typed time (seconds), or with Enter alone to the lesson's next Ctrl+C moment; c then presses Ctrl+C right there" },
  'o O': { zh: '输出面板往前 / 往后翻一页(能读完整的 traceback);走一步回到最新', en: 'page the output panel back / forward (to read a whole traceback); a step goes back to the newest' },
  '[ ]': { zh: '时间线缩小 / 放大(每次一半或两倍)', en: 'zoom the timeline out / in (halving or doubling its window)' },
  '< >': { zh: '放大后把时间线向前 / 向后平移四分之一(也可用 , .)', en: 'pan the zoomed timeline earlier / later by a quarter (, . too)' },
  q: { zh: '离开实验室', en: 'leave the lab' },
};

/** Each mark's meaning; marks that go together share a row of the legend (the help fits 100×36 whole). */
const legend: readonly { kinds: readonly MarkKind[]; zh: string; en: string }[] = [
  { kinds: ['run'], zh: '回调执行', en: 'a callback runs' },
  { kinds: ['step'], zh: 'Task 的一步', en: 'a task step' },
  { kinds: ['timer'], zh: '定时器到期', en: 'a timer comes due' },
  { kinds: ['busy'], zh: '回调占住线程', en: 'a callback holds the thread' },
  { kinds: ['select'], zh: '在 select() 中等待', en: 'waiting in select()' },
  { kinds: ['blocked'], zh: '线程阻塞', en: 'the thread is blocked' },
  { kinds: ['done', 'cancelled'], zh: 'Task 完成 / 取消', en: 'a task finished / cancelled' },
  { kinds: ['interrupt'], zh: 'Ctrl+C', en: 'Ctrl+C' },
  { kinds: ['wake', 'woken'], zh: '一个线程唤醒另一个(线程唤醒行)', en: 'a thread wakes another (wakes row)' },
  { kinds: ['exit'], zh: '进程退出', en: 'the process exits' },
];

/** The lesson's intro as overlay lines: its title, then each heading and its text. */
function introLines(intro: readonly IntroLine[]): Line[] {
  return intro.map(({ kind, text }) =>
    kind === 'title' ? [{ text, bold: true }] : kind === 'heading' ? [{ text: `${text}:`, bold: true, color: 'cyan' }] : [{ text: `  ${text}` }],
  );
}

/** The overlay: the lesson's intro (what to watch, changed lines, errata, Ctrl+C moments), then the keys and marks. */
export function helpLines(lang: Lang, intro: readonly IntroLine[] = []): Line[] {
  const out: Line[] = intro.length > 0 ? [...introLines(intro), []] : [];
  out.push([{ text: lang === 'zh' ? '按键' : 'KEYS', bold: true }]);
  for (const k of keyHelp) out.push([{ text: `  ${k.keys.padEnd(6)}`, color: 'cyan', bold: true }, { text: more[k.keys]?.[lang] ?? k[lang] }]);
  out.push([{ text: lang === 'zh' ? '时间线标记' : 'TIMELINE MARKS', bold: true }]);
  for (let i = 0; i < legend.length; i += 2) {
    out.push(
      legend.slice(i, i + 2).flatMap((entry) => [
        { text: '  ' },
        ...entry.kinds.map((kind) => ({ text: `${glyphs[kind].glyph} `, ...(glyphs[kind].color ? { color: glyphs[kind].color } : {}) })),
        { text: pad(entry[lang], Math.max(28 - 2 * entry.kinds.length, cells(entry[lang]))) },
      ]),
    );
  }
  out.push([{ text: '  ≈ ', color: 'magenta' }, { text: lang === 'zh' ? '竞争:真实的 Python 中这两个线程的先后可能不同' : 'a race: real Python may order these threads differently' }]);
  out.push([{ text: '  PENDING', color: 'yellow' }, { text: ' · ' }, { text: 'FINISHED', color: 'green' }, { text: ' · ' }, { text: 'CANCELLED', color: 'red' }]);
  return out;
}
