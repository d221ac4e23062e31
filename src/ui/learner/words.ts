// What a learner step says: one headline naming what happened in the program's terms ("Task-1
// main() resumes at line 7 · waits on sleep(0.5)", "sleep(0.5) wakes Task-1 at 0.500") and the
// changes the step also made, each naming the events it accounts for. Every event of the step that
// changes a panel is accounted for by the headline or by a change (test/ui/learner-fold.test.ts
// checks it on every lesson), so folding never hides what happened.
import type { Bilingual } from '../i18n.js';
import type { TraceEvent } from '../../runtime/trace.js';
import type { Lang } from '../../scenarios/types.js';
import { shellStatus } from '../../runtime/process/shell-status.js';
import { callText, seconds } from '../format.js';
import { waitingTasks } from '../state/futures.js';
import { get } from '../state/intmap.js';
import type { FutureView, LabState } from '../state/types.js';
import type { StepRange } from './fold.js';

export type Words = Bilingual;

/** A change a step made, and the events (trace indices) it accounts for. */
export interface Change {
  readonly words: Words;
  readonly events: readonly number[];
}

export interface StepWords {
  readonly headline: Words;
  /** The events the headline accounts for. */
  readonly headlineEvents: readonly number[];
  readonly changes: readonly Change[];
}

/**
 * The words for the learner step `range` of `events`. `before`: the exact state before the step's
 * first event (names of tasks and futures, what each task waited on).
 */
export function stepWords(events: readonly TraceEvent[] | ((i: number) => TraceEvent), range: StepRange, before: LabState): StepWords {
  const at = typeof events === 'function' ? events : (i: number) => events[i]!;
  const ctx = new Context(at, range, before);
  const head = headline(ctx);
  // The loop's bookkeeping between callbacks (an iteration beginning, select(0) returning at once, a
  // thread back from a select() whose step already said until when) belongs to the step it leads
  // to: the header counts the iterations, the loop panel shows the selector.
  const headlineEvents = [...head.events];
  for (const [i, e] of ctx.indexed()) if (isLoopBookkeeping(ctx, e)) headlineEvents.push(i);
  const covered = new Set(headlineEvents);
  const changes = changeList(ctx, covered);
  return { headline: head.words, headlineEvents, changes };
}

/**
 * The step's words in `lang`: the headline (a leading English word capitalised), the lesson's `note` on
 * it if any, then its changes (as many as `limit` allows, and how many more).
 */
export function stepText(words: StepWords, lang: Lang, note?: Words, limit = 6): string {
  const changes = words.changes.map((c) => c.words[lang]);
  const shown = changes.slice(0, limit);
  const more = changes.length - shown.length;
  const tail = more > 0 ? [lang === 'zh' ? `另有 ${more} 项变化` : `${more} more change${more === 1 ? '' : 's'}`] : [];
  const head = words.headline[lang];
  // An English word leading the sentence is capitalised; a Python name (sleep(0.5), call_back) never.
  const capital = /^[a-z]+ /.test(head) ? head.charAt(0).toUpperCase() + head.slice(1) : head;
  const first = capital + (note ? (lang === 'zh' ? `。${note.zh}` : `. ${note.en}`) : '');
  return [first, ...shown, ...tail].join(' · ');
}

/** The step's events with what the exact state knew before it: names and waits by id. */
class Context {
  /** Names of futures and tasks created before or during the step. */
  private readonly names = new Map<number, string>();
  private readonly coros = new Map<number, string>();

  constructor(
    /** The trace's event `i` (only the step's events are asked for). */
    readonly at: (i: number) => TraceEvent,
    readonly range: StepRange,
    readonly before: LabState,
  ) {
    for (let i = range.first; i <= range.last; i++) {
      const e = at(i);
      if (e.type === 'future_created') {
        this.names.set(e.future, e.name);
        if (e.coro) this.coros.set(e.future, callText(e.coro, e.args));
      }
    }
  }

  *indexed(): Generator<[number, TraceEvent]> {
    for (let i = this.range.first; i <= this.range.last; i++) yield [i, this.at(i)];
  }

  find<T extends TraceEvent['type']>(type: T, from = this.range.first, pred: (e: Extract<TraceEvent, { type: T }>) => boolean = () => true): [number, Extract<TraceEvent, { type: T }>] | undefined {
    for (let i = from; i <= this.range.last; i++) {
      const e = this.at(i);
      if (e.type === type && pred(e as Extract<TraceEvent, { type: T }>)) return [i, e as Extract<TraceEvent, { type: T }>];
    }
    return undefined;
  }

  name(id: number): string {
    return this.names.get(id) ?? get(this.before.futures, id)?.name ?? `future ${id}`;
  }

  coro(id: number): string {
    return this.coros.get(id) ?? futureCall(get(this.before.futures, id)) ?? this.name(id);
  }

  /** "Task-1 main()" */
  task(id: number): string {
    const coro = this.coros.get(id) ?? futureCall(get(this.before.futures, id));
    return coro ? `${this.name(id)} ${coro}` : this.name(id);
  }

  /** The future task `id` waited on when the step began. */
  waitedOn(id: number): number | null | undefined {
    return get(this.before.futures, id)?.waitingOn;
  }

  /** The task waiting on future `id` when the step began. */
  waiterOf(id: number): number | undefined {
    const future = get(this.before.futures, id);
    return future === undefined ? undefined : waitingTasks(this.before, future, 1)[0]?.id;
  }

  /**
   * A task's step or wake-up put in the ready queue, in words ("Task-2 worker()'s first step is
   * queued"): the Handle scheduled right after the task is created, or right after the future it
   * waits on is done. Undefined for any other Handle.
   */
  taskScheduled(i: number, e: Extract<TraceEvent, { type: 'handle_scheduled' }>): Words | undefined {
    let j = i - 1;
    while (j >= this.range.first && (this.at(j).type === 'line' || this.at(j).type === 'note')) j--;
    const prev = j >= this.range.first ? this.at(j) : undefined;
    if (prev?.type === 'future_created' && prev.kind === 'Task' && prev.thread === e.thread) {
      return { zh: `${this.task(prev.future)} 的第一步进入就绪队列`, en: `${this.task(prev.future)}'s first step is queued` };
    }
    if (prev?.type === 'future_state' && prev.thread === e.thread) {
      const waiter = this.waiterOf(prev.future);
      if (waiter !== undefined && /wakeup|Wakeup/.test(e.callback)) return { zh: `${this.name(waiter)} 的唤醒进入就绪队列`, en: `${this.name(waiter)}'s wake-up is queued` };
    }
    return undefined;
  }

  /** The first `line` event of `thread` after event `i` (where a resumed coroutine stands). */
  lineAfter(i: number, thread: string): number | undefined {
    for (let j = i + 1; j <= this.range.last; j++) {
      const e = this.at(j);
      if (e.type === 'line' && e.thread === thread) return e.line;
      if (e.type !== 'line' && e.type !== 'note') return undefined;
    }
    return undefined;
  }
}

interface Head {
  readonly words: Words;
  readonly events: number[];
}

/** The step's first event that decides what it is (not the pointer, a note or the loop's bookkeeping). */
function lead(ctx: Context): [number, TraceEvent] | undefined {
  let timerOrWoke: [number, TraceEvent] | undefined;
  for (const [i, e] of ctx.indexed()) {
    if (e.type === 'line' || e.type === 'note' || e.type === 'loop_iteration' || e.type === 'timers_pruned') continue;
    if (e.type === 'select_wait' && e.timeout === 0) continue;
    if (e.type === 'select_woke' || e.type === 'timer_ready' || (e.type === 'thread_woke' && e.name === e.thread && i === ctx.range.first)) {
      timerOrWoke ??= [i, e];
      if (e.type !== 'thread_woke') continue;
    }
    if (e.type === 'thread_woke') continue;
    return [i, e];
  }
  return timerOrWoke;
}

function headline(ctx: Context): Head {
  const goesOn = continuation(ctx);
  if (goesOn) return goesOn;
  const found = lead(ctx);
  if (found === undefined) return { words: { zh: '源码指针移动', en: 'the source pointer moves' }, events: [] };
  const [i, e] = found;
  switch (e.type) {
    case 'handle_run':
      return callbackHead(ctx, i, e);
    case 'select_wait':
      return waitHead(ctx, i, e);
    case 'interrupt':
      return { words: { zh: `Ctrl+C:KeyboardInterrupt 在 ${e.thread} 中抛出`, en: `Ctrl+C: KeyboardInterrupt is raised in ${e.thread}` }, events: [i] };
    case 'output':
      return outputHead(ctx, i);
    case 'shutdown':
      if (e.phase === 'begin') return { words: { zh: '主程序结束:解释器开始关闭', en: 'the main program is done: interpreter shutdown begins' }, events: [i] };
      return { words: eventWords(ctx, e), events: [i] };
    case 'thread_started':
      return { words: { zh: `线程 ${e.name} 开始运行`, en: `thread ${e.name} starts` }, events: [i] };
    default:
      return { words: eventWords(ctx, e, i), events: [i] };
  }
}

/** A thread that blocked inside a callback (time.sleep) wakes and the callback goes on. */
function continuation(ctx: Context): Head | undefined {
  const first = ctx.at(ctx.range.first);
  if (first.type !== 'thread_woke' || first.name !== first.thread) return undefined;
  const on = ctx.before.threads.find((th) => th.name === first.name)?.blockedOn ?? '';
  // Back from select(): the loop's bookkeeping before its next callback, not a continuation.
  if (on.startsWith('select')) return undefined;
  const running = ctx.before.loops.find((l) => l.thread === first.name && l.running)?.running;
  const why = first.reason === 'interrupt' ? { zh: 'Ctrl+C', en: 'Ctrl+C' } : first.reason === 'timeout' ? { zh: '时间到', en: 'time is up' } : { zh: '被通知', en: 'notified' };
  const goesOn = running ? { zh: `,${running.callback} 继续运行`, en: `; ${running.callback} goes on` } : { zh: '', en: '' };
  const events = [ctx.range.first];
  // The callback it goes on with returning is part of what the headline tells.
  const done = running ? ctx.find('handle_done', ctx.range.first, (d) => d.handle === running.id) : undefined;
  let took = { zh: '', en: '' };
  if (done) {
    events.push(done[0]);
    took = { zh: `,共占用线程 ${seconds(done[1].took)} 秒后返回`, en: `, and returns after holding the thread ${seconds(done[1].took)} s` };
  }
  return { words: { zh: `${first.name} 从 ${on} 醒来(${why.zh})${goesOn.zh}${took.zh}`, en: `${first.name} wakes from ${on} (${why.en})${goesOn.en}${took.en}` }, events };
}

function callbackHead(ctx: Context, i: number, run: Extract<TraceEvent, { type: 'handle_run' }>): Head {
  const events = [i];
  const done = ctx.find('handle_done', i + 1, (d) => d.handle === run.handle);
  if (done) events.push(done[0]);
  const timer = ctx.find('timer_ready', ctx.range.first, (t) => t.handle === run.handle);
  if (timer) events.push(timer[0]);
  const took = done && done[1].took > 0 ? { zh: `,占用线程 ${seconds(done[1].took)} 秒`, en: `, holding the thread ${seconds(done[1].took)} s` } : { zh: '', en: '' };
  // A task's step: the handle's callback is the task's __step or __wakeup.
  const step = ctx.find('task_step', i + 1);
  if (step && firstDecidingAfter(ctx, i) === step[0]) {
    events.push(step[0]);
    return taskHead(ctx, step[0], step[1], run, events, took);
  }
  // sleep()'s timer: it finishes the sleep's future, which wakes the task waiting on it.
  const finished = ctx.find('future_state', i + 1, (f) => f.state === 'FINISHED');
  if (timer && finished && ctx.name(finished[1].future).startsWith('sleep(') && run.callback.startsWith('_set_result_unless_cancelled')) {
    events.push(finished[0]);
    const waiter = ctx.waiterOf(finished[1].future);
    const wake = waiter === undefined ? undefined : ctx.find('handle_scheduled', finished[0] + 1);
    if (wake) events.push(wake[0]);
    const sleep = ctx.name(finished[1].future);
    const at = seconds(run.t);
    return waiter === undefined
      ? { words: { zh: `${sleep} 在 ${at} 到期`, en: `${sleep} is over at ${at}` }, events }
      : { words: { zh: `${sleep} 在 ${at} 唤醒 ${ctx.name(waiter)}`, en: `${sleep} wakes ${ctx.name(waiter)} at ${at}` }, events };
  }
  const due = timer ? { zh: '(定时器到期)', en: ' (its timer is due)' } : { zh: '', en: '' };
  return { words: { zh: `回调 ${run.callback} 运行${due.zh}${took.zh}`, en: `${run.callback} runs${due.en}${took.en}` }, events };
}

function taskHead(ctx: Context, s: number, step: Extract<TraceEvent, { type: 'task_step' }>, run: Extract<TraceEvent, { type: 'handle_run' }>, events: number[], took: Words): Head {
  const who = ctx.task(step.task);
  const line = ctx.lineAfter(s, step.thread);
  const atLine = line === undefined ? { zh: '', en: '' } : { zh: `(第 ${line} 行)`, en: ` at line ${line}` };
  let start: Words;
  const waited = ctx.waitedOn(step.task);
  if (step.mode === 'throw') {
    start = { zh: `${who} 恢复执行,${step.value ?? '异常'} 被抛入${atLine.zh}`, en: `${who} resumes with ${step.value ?? 'an exception'} thrown in${atLine.en}` };
  } else if (typeof waited === 'number' && !run.callback.includes('TaskStep')) {
    const on = ctx.name(waited);
    start = { zh: `${ctx.name(step.task)} 被唤醒:${on} 完成了,${ctx.coro(step.task)} 恢复执行${atLine.zh}`, en: `${ctx.name(step.task)} is woken: ${on} finished; ${ctx.coro(step.task)} resumes${atLine.en}` };
  } else if (get(ctx.before.taskLanes, step.task)?.marks === undefined) {
    start = { zh: `${who} 开始执行${atLine.zh}`, en: `${who} starts${atLine.en}` };
  } else {
    start = { zh: `${who} 恢复执行${atLine.zh}`, en: `${who} resumes${atLine.en}` };
  }
  // How the step ended: suspended on a future (or a bare yield), or the task done.
  const wait = ctx.find('task_wait', s + 1, (w) => w.task === step.task);
  const state = ctx.find('future_state', s + 1, (f) => f.future === step.task);
  let end: Words = { zh: '', en: '' };
  if (wait) {
    events.push(wait[0]);
    end = wait[1].on === null ? { zh: ' · 让出控制权 (sleep(0))', en: ' · yields (sleep(0))' } : { zh: ` · 挂起,等待 ${ctx.name(wait[1].on)}`, en: ` · waits on ${ctx.name(wait[1].on)}` };
  } else if (state) {
    events.push(state[0]);
    const f = state[1];
    end =
      f.state === 'CANCELLED'
        ? { zh: ' · 被取消 (CANCELLED)', en: ' · is CANCELLED' }
        : f.exception !== undefined
          ? { zh: ` · 以异常结束:${f.exception}`, en: ` · ends with ${f.exception}` }
          : { zh: ` · 完成${f.result !== undefined ? `,返回 ${f.result}` : ''}`, en: ` · finishes${f.result !== undefined ? `, returning ${f.result}` : ''}` };
  }
  return { words: { zh: start.zh + end.zh + took.zh, en: start.en + end.en + took.en }, events };
}

/** The index of the first event after `i` that is not the pointer or a note. */
function firstDecidingAfter(ctx: Context, i: number): number {
  for (let j = i + 1; j <= ctx.range.last; j++) {
    const e = ctx.at(j);
    if (e.type !== 'line' && e.type !== 'note') return j;
  }
  return -1;
}

function waitHead(ctx: Context, i: number, e: Extract<TraceEvent, { type: 'select_wait' }>): Head {
  const events = [i];
  const blocked = ctx.find('thread_blocked', i + 1, (b) => b.name === e.thread);
  if (blocked) events.push(blocked[0]);
  const loop = ctx.before.loops.length > 1 ? `loop ${e.loop}` : 'loop';
  if (e.timeout === null) {
    return { words: { zh: `${e.thread} 上的事件循环在 select() 中等待:没有就绪的回调也没有定时器,直到被唤醒`, en: `the ${loop} in ${e.thread} waits in select(): nothing is ready and no timer is set, until something wakes it` }, events };
  }
  const until = seconds(e.t + e.timeout);
  return { words: { zh: `事件循环在 select() 中睡到 ${until}:在下一个定时器到期前没有事可做`, en: `the ${loop} sleeps in select() until ${until}: nothing is ready before the next timer` }, events };
}

function outputHead(ctx: Context, i: number): Head {
  const events: number[] = [];
  let stderr = 0;
  let traceback = false;
  for (const [j, e] of ctx.indexed()) {
    if (j < i || e.type !== 'output') continue;
    events.push(j);
    if (e.stream === 'stderr') stderr += 1;
    if (e.text.startsWith('Traceback (most recent call last)')) traceback = true;
  }
  const first = ctx.at(i) as Extract<TraceEvent, { type: 'output' }>;
  const who = first.thread;
  if (traceback) return { words: { zh: `${who} 打印回溯信息 (traceback),共 ${events.length} 行`, en: `${who} prints a traceback (${events.length} lines to stderr)` }, events };
  const n = events.length;
  const to = stderr === n ? { zh: '到 stderr ', en: ' to stderr' } : { zh: '', en: '' };
  return { words: { zh: `${who} 打印 ${to.zh}${n} 行`, en: `${who} prints ${n} line${n === 1 ? '' : 's'}${to.en}` }, events };
}

/**
 * The changes of the step not told by its headline, in order. Runs of one kind are told once
 * ("3 TimerHandles pushed on the heap"); lines printed are counted (the output panel shows them).
 */
function changeList(ctx: Context, covered: ReadonlySet<number>): Change[] {
  const groups: { key: string; events: number[]; items: TraceEvent[]; words?: Words }[] = [];
  let sleepFuture: { index: number; name: string } | undefined;
  for (const [i, e] of ctx.indexed()) {
    if (covered.has(i) || !changesPanels(e)) continue;
    // sleep(d): its future and the timer that will finish it are one change.
    if (e.type === 'future_created' && e.kind === 'Future' && e.name.startsWith('sleep(')) {
      sleepFuture = { index: i, name: e.name };
      continue;
    }
    if (sleepFuture !== undefined) {
      const pending = sleepFuture;
      sleepFuture = undefined;
      if (e.type === 'handle_scheduled' && e.kind === 'TimerHandle') {
        groups.push({ key: '', events: [pending.index, i], items: [], words: { zh: `${pending.name}:定时器入堆`, en: `${pending.name}: its timer is pushed on the heap` } });
        continue;
      }
      groups.push({ key: '', events: [pending.index], items: [ctx.at(pending.index)] });
    }
    const key = groupKey(e);
    const last = groups.at(-1);
    if (last && last.key === key && key !== '') {
      last.events.push(i);
      last.items.push(e);
    } else groups.push({ key, events: [i], items: [e] });
  }
  if (sleepFuture !== undefined) groups.push({ key: '', events: [sleepFuture.index], items: [ctx.at(sleepFuture.index)] });
  return groups.map((g) => ({ words: g.words ?? groupWords(ctx, g.items, g.events[0]!), events: g.events }));
}

function isLoopBookkeeping(ctx: Context, e: TraceEvent): boolean {
  switch (e.type) {
    case 'loop_iteration':
      return true;
    case 'select_wait':
      return e.timeout === 0;
    case 'select_woke':
      return e.reason === 'immediate' || e.reason === 'timeout';
    case 'thread_woke':
      return e.reason !== 'interrupt' && ctx.before.threads.find((th) => th.name === e.name)?.blockedOn?.startsWith('select') === true;
    default:
      return false;
  }
}

/** Events whose fold changes what a panel shows (the pointer aside: it shows where the step ends). */
export function changesPanels(e: TraceEvent): boolean {
  switch (e.type) {
    case 'line':
    case 'note':
      return false;
    default:
      return true;
  }
}

function groupKey(e: TraceEvent): string {
  switch (e.type) {
    case 'handle_scheduled':
      return `scheduled:${e.kind}:${e.threadsafe ? 1 : 0}`;
    case 'output':
      return `output:${e.thread}`;
    case 'timer_ready':
    case 'task_cancel_requested':
    case 'loop_iteration':
      return e.type;
    default:
      return '';
  }
}

function groupWords(ctx: Context, items: readonly TraceEvent[], first: number): Words {
  const e = items[0]!;
  const n = items.length;
  if (n === 1) return eventWords(ctx, e, first);
  switch (e.type) {
    case 'handle_scheduled':
      if (e.kind === 'TimerHandle') return { zh: `${n} 个 TimerHandle 压入定时器堆`, en: `${n} TimerHandles pushed on the heap` };
      return e.threadsafe ? { zh: `call_soon_threadsafe 了 ${n} 个回调`, en: `${n} callbacks queued with call_soon_threadsafe` } : { zh: `${n} 个 Handle 进入就绪队列`, en: `${n} Handles appended to the ready queue` };
    case 'output':
      return { zh: `${e.thread} 打印 ${n} 行`, en: `${e.thread} prints ${n} lines` };
    case 'timer_ready':
      return { zh: `${n} 个定时器到期,移入就绪队列`, en: `${n} timers due, moved to the ready queue` };
    case 'task_cancel_requested':
      return { zh: `请求取消 ${items.map((i) => (i as typeof e).name).join('、')}`, en: `cancel() requested for ${items.map((i) => (i as typeof e).name).join(', ')}` };
    case 'loop_iteration':
      return { zh: `${n} 轮 _run_once()`, en: `${n} iterations of _run_once()` };
    default:
      return eventWords(ctx, e, first);
  }
}

/** One event's change in a few words. */
function eventWords(ctx: Context, e: TraceEvent, i = -1): Words {
  switch (e.type) {
    case 'loop_created':
      return { zh: `创建事件循环 ${e.loop}`, en: `loop ${e.loop} created` };
    case 'loop_state':
      return e.state === 'running'
        ? { zh: `${e.thread} 运行事件循环`, en: `${e.thread} runs the loop` }
        : e.state === 'stopped'
          ? { zh: '事件循环停止', en: 'the loop stops' }
          : { zh: '事件循环关闭', en: 'the loop is closed' };
    case 'loop_stop_requested':
      return { zh: 'loop.stop():这一轮是最后一轮', en: 'loop.stop(): this iteration is the last' };
    case 'loop_iteration':
      return { zh: `第 ${e.n} 轮 _run_once()`, en: `iteration ${e.n}` };
    case 'timers_pruned':
      return { zh: `移除 ${e.count} 个已取消的定时器`, en: `${e.count} cancelled timer(s) removed` };
    case 'select_wait':
      return e.timeout === 0 ? { zh: 'select(0)', en: 'select(0)' } : { zh: 'select() 等待', en: 'select() waits' };
    case 'select_woke':
      return e.reason === 'self_pipe' ? { zh: '自管道唤醒 select()', en: 'the self-pipe wakes select()' } : e.reason === 'interrupt' ? { zh: 'Ctrl+C 打断 select()', en: 'Ctrl+C breaks select()' } : { zh: 'select() 返回', en: 'select() returns' };
    case 'handle_scheduled': {
      if (e.kind === 'TimerHandle') return { zh: `定时器 ${e.callback} 入堆`, en: `timer ${e.callback} pushed on the heap` };
      const task = i < 0 ? undefined : ctx.taskScheduled(i, e);
      if (task) return task;
      return e.threadsafe ? { zh: `call_soon_threadsafe(${e.callback}),写自管道`, en: `call_soon_threadsafe(${e.callback}), self-pipe written` } : { zh: `${e.callback} 进入就绪队列`, en: `${e.callback} appended to the ready queue` };
    }
    case 'handle_cancelled':
      return e.ran ? { zh: '取消已运行过的定时器(无影响)', en: 'a timer that already ran is cancelled (no effect)' } : { zh: '一个 Handle 被取消', en: 'a Handle is cancelled' };
    case 'timer_ready':
      return { zh: '定时器到期,移入就绪队列', en: 'a timer is due, moved to the ready queue' };
    case 'handle_run':
      return { zh: `运行 ${e.callback}`, en: `${e.callback} runs` };
    case 'handle_done':
      return e.took > 0 ? { zh: `回调用了 ${seconds(e.took)} 秒`, en: `the callback took ${seconds(e.took)} s` } : { zh: '回调返回', en: 'the callback returns' };
    case 'future_created':
      return e.kind === 'Task' ? { zh: `创建 ${e.name} ${callText(e.coro ?? '', e.args)}`, en: `${e.name} ${callText(e.coro ?? '', e.args)} created` } : { zh: `创建 Future ${e.name}`, en: `Future ${e.name} created` };
    case 'future_state': {
      const name = ctx.name(e.future);
      if (e.state === 'CANCELLED') return { zh: `${name} 被取消`, en: `${name} CANCELLED` };
      if (e.exception !== undefined) return { zh: `${name} 以异常结束:${e.exception}`, en: `${name} FINISHED with ${e.exception}` };
      return { zh: `${name} 完成${e.result !== undefined ? `:${e.result}` : ''}`, en: `${name} FINISHED${e.result !== undefined ? `: ${e.result}` : ''}` };
    }
    case 'task_step':
      return { zh: `${ctx.task(e.task)} 恢复执行`, en: `${ctx.task(e.task)} resumes` };
    case 'task_wait':
      return e.on === null ? { zh: `${e.name} 让出控制权`, en: `${e.name} yields` } : { zh: `${e.name} 等待 ${ctx.name(e.on)}`, en: `${e.name} waits on ${ctx.name(e.on)}` };
    case 'task_cancel_requested':
      return { zh: `请求取消 ${e.name}`, en: `cancel() requested for ${e.name}` };
    case 'future_callbacks': {
      const names = e.callbacks.map(callbackName).join(', ');
      return e.callbacks.length === 0 ? { zh: `${ctx.name(e.future)} 不再有完成回调`, en: `${ctx.name(e.future)} holds no done callback` } : { zh: `${ctx.name(e.future)} 完成时将调用 ${names}`, en: `when ${ctx.name(e.future)} is done it calls ${names}` };
    }
    case 'concurrent_future_created':
      return { zh: '创建 concurrent.futures.Future', en: 'concurrent.futures.Future created' };
    case 'concurrent_future_state':
      if (e.state === 'RUNNING') return { zh: 'concurrent.futures.Future 进入 RUNNING', en: 'concurrent.futures.Future RUNNING' };
      if (e.state === 'CANCELLED') return { zh: 'concurrent.futures.Future 被取消', en: 'concurrent.futures.Future CANCELLED' };
      if (e.exception !== undefined) return { zh: `concurrent.futures.Future 以异常结束:${e.exception}`, en: `concurrent.futures.Future FINISHED with ${e.exception}` };
      return { zh: `concurrent.futures.Future 完成${e.result !== undefined ? `:${e.result}` : ''}`, en: `concurrent.futures.Future FINISHED${e.result !== undefined ? `: ${e.result}` : ''}` };
    case 'futures_chained':
      return { zh: `${ctx.name(e.source)} 完成时把结果交给 ${ctx.name(e.destination)}`, en: `when ${ctx.name(e.source)} is done its outcome goes to ${ctx.name(e.destination)}` };
    case 'thread_created':
      return { zh: `创建线程 ${e.name}${e.daemon ? '(守护)' : ''}`, en: `thread ${e.name} created${e.daemon ? ' (daemon)' : ''}` };
    case 'thread_started':
      return { zh: `线程 ${e.name} 启动`, en: `thread ${e.name} starts` };
    case 'thread_blocked':
      return { zh: `${e.name} 阻塞于 ${e.on}${e.until === null ? '' : `,直到 ${seconds(e.until)}`}`, en: `${e.name} blocks in ${e.on}${e.until === null ? '' : ` until ${seconds(e.until)}`}` };
    case 'thread_woke':
      return { zh: `${e.name} 被唤醒`, en: `${e.name} wakes` };
    case 'thread_exit':
      return { zh: `线程 ${e.name} 结束${e.error ? `:${e.error}` : ''}`, en: `thread ${e.name} ends${e.error ? `: ${e.error}` : ''}` };
    case 'interrupt':
      return { zh: 'Ctrl+C', en: 'Ctrl+C' };
    case 'shutdown':
      return {
        begin: { zh: '解释器开始关闭', en: 'interpreter shutdown begins' },
        joining: { zh: `等待非守护线程 ${e.waitingFor ?? ''} 结束`, en: `joining non-daemon thread ${e.waitingFor ?? ''}` },
        hang: { zh: `进程挂起:${e.waitingFor ?? ''} 永远不会结束`, en: `the process hangs: ${e.waitingFor ?? ''} never ends` },
        daemons_killed: { zh: '守护线程被杀死', en: 'daemon threads killed' },
        done: { zh: '解释器关闭完成', en: 'interpreter shutdown done' },
      }[e.phase];
    case 'exit':
      return { zh: `进程退出,状态码 ${shellStatus(e.status)}`, en: `the process exits with status ${shellStatus(e.status)}` };
    case 'output':
      return { zh: `${e.thread} 打印 1 行${e.stream === 'stderr' ? '到 stderr' : ''}`, en: `${e.thread} prints a line${e.stream === 'stderr' ? ' to stderr' : ''}` };
    case 'exception_handler':
      return { zh: `异常处理器:${e.message}`, en: `exception handler: ${e.message}` };
    case 'warning':
      return { zh: `${e.category}: ${e.message}`, en: `${e.category}: ${e.message}` };
    case 'line':
      return { zh: `第 ${e.line} 行`, en: `line ${e.line}` };
    case 'note':
      return { zh: e.zh, en: e.en };
  }
}

/** A task's coroutine call with its arguments (`worker('a', 0.2)`), if it is a task. */
function futureCall(f: FutureView | undefined): string | undefined {
  return f?.coro === undefined ? undefined : callText(f.coro, f.args);
}

/** A done callback as a learner reads it: its name, without where asyncio defines it. */
export function callbackName(callback: string): string {
  return callback.replace(/ at \S+$/, '');
}
