// Words for the text timeline: what one trace event means, in a short line, in English or
// Chinese. Python names (call_soon, TimerHandle, KeyboardInterrupt) and reprs stay as Python
// spells them in both languages; only the connecting words are translated.
import { killedBySignal, shellStatus } from '../runtime/process/shell-status.js';
import type { TraceEvent } from '../runtime/trace.js';
import type { Lang } from '../scenarios/types.js';
import { callText } from '../ui/format.js';

/** How much of the trace the timeline shows. */
export type Detail = 'brief' | 'full';

/** What the describer remembers across events (names of handles and futures by serial id). */
export interface DescribeState {
  callbacks: Map<number, string>;
  futures: Map<number, string>;
}

export function newDescribeState(): DescribeState {
  return { callbacks: new Map(), futures: new Map() };
}

const secs = (s: number) => s.toFixed(3);

/** How the trace's concurrent futures are named: CPython's class, by its module. */
const CONCURRENT = 'concurrent.futures.Future';

/** Event types shown only with full detail: the loop's inner bookkeeping. */
const FULL_ONLY = new Set<TraceEvent['type']>([
  'loop_iteration',
  'timers_pruned',
  'handle_done',
  'line',
  'select_woke',
  'thread_woke',
]);

/**
 * One line describing `event`, or undefined when this detail level skips it. `output` and `note`
 * events are not described here: the plain view prints them as they are.
 */
export function describe(event: TraceEvent, state: DescribeState, lang: Lang, detail: Detail): string | undefined {
  remember(event, state);
  if (detail === 'brief' && FULL_ONLY.has(event.type) && !keepInBrief(event)) return undefined;
  const zh = lang === 'zh';
  switch (event.type) {
    case 'loop_created':
      return zh ? `创建事件循环 loop ${event.loop}${event.debug ? '(debug 模式)' : ''}` : `loop ${event.loop} created${event.debug ? ' (debug mode)' : ''}`;
    case 'loop_state': {
      const en = { running: 'starts running', stopped: 'stops running', closed: 'is closed' }[event.state];
      const cn = { running: '开始运行', stopped: '停止运行', closed: '已关闭' }[event.state];
      return zh ? `loop ${event.loop} ${cn}` : `loop ${event.loop} ${en}`;
    }
    case 'loop_stop_requested':
      return zh ? `loop ${event.loop}: 调用了 stop(),本轮迭代是最后一轮` : `loop ${event.loop}: stop() called, this iteration is the last`;
    case 'loop_iteration':
      return zh
        ? `loop ${event.loop} 第 ${event.n} 轮迭代: 就绪 ${event.ready},定时 ${event.scheduled}`
        : `loop ${event.loop} iteration ${event.n}: ${event.ready} ready, ${event.scheduled} scheduled`;
    case 'timers_pruned':
      return zh ? `移除 ${event.count} 个已取消的定时器${event.rebuilt ? '(重建堆)' : ''}` : `${event.count} cancelled timer(s) removed${event.rebuilt ? ' (heap rebuilt)' : ''}`;
    case 'select_wait':
      if (event.timeout === null) return zh ? `loop ${event.loop} 在 select 中等待,直到被唤醒` : `loop ${event.loop} waits in select until woken`;
      if (event.timeout === 0 && detail === 'brief') return undefined;
      return zh ? `loop ${event.loop} 在 select 中等待 ${secs(event.timeout)} 秒` : `loop ${event.loop} waits in select for ${secs(event.timeout)} s`;
    case 'select_woke': {
      const en = { timeout: 'time is up', self_pipe: 'the self-pipe was written', interrupt: 'KeyboardInterrupt', immediate: 'nothing to wait for' }[event.reason];
      const cn = { timeout: '时间到', self_pipe: 'self-pipe 被写入', interrupt: 'KeyboardInterrupt', immediate: '无需等待' }[event.reason];
      return zh ? `loop ${event.loop} 醒来: ${cn}` : `loop ${event.loop} wakes: ${en}`;
    }
    case 'handle_scheduled':
      if (event.kind === 'TimerHandle') {
        return zh
          ? `TimerHandle ${event.callback} 入堆,到期时间 ${secs(event.when ?? event.t)}`
          : `TimerHandle ${event.callback} pushed on the heap, due at ${secs(event.when ?? event.t)}`;
      }
      if (event.threadsafe) {
        return zh
          ? `call_soon_threadsafe: ${event.callback} 进入 loop ${event.loop} 的就绪队列,写入 self-pipe`
          : `call_soon_threadsafe: ${event.callback} appended to loop ${event.loop}'s ready queue, self-pipe written`;
      }
      if (isTaskStep(event.callback)) {
        return zh ? `call_soon: ${event.callback} 进入就绪队列(一个任务的下一步)` : `call_soon: ${event.callback} appended to the ready queue (a task's next step)`;
      }
      return zh ? `call_soon: ${event.callback} 进入就绪队列` : `call_soon: ${event.callback} appended to the ready queue`;
    case 'handle_cancelled':
      return zh
        ? `取消 ${state.callbacks.get(event.handle) ?? `handle ${event.handle}`}${event.ran ? '(它已运行过,无需跳过)' : ''}`
        : `${state.callbacks.get(event.handle) ?? `handle ${event.handle}`} cancelled${event.ran ? ' (it already ran: nothing to skip)' : ''}`;
    case 'timer_ready':
      return zh
        ? `定时器到期: ${state.callbacks.get(event.handle) ?? `handle ${event.handle}`} 移入就绪队列`
        : `timer due: ${state.callbacks.get(event.handle) ?? `handle ${event.handle}`} moved to the ready queue`;
    case 'handle_run':
      // In brief, the task_step that follows says it better ("Task-1 resumes").
      if (detail === 'brief' && isTaskStep(event.callback)) return undefined;
      return zh ? `运行 ${event.callback}` : `run ${event.callback}`;
    case 'handle_done': {
      const name = state.callbacks.get(event.handle) ?? `handle ${event.handle}`;
      return zh ? `${name} 返回,用时 ${secs(event.took)} 秒` : `${name} returned after ${secs(event.took)} s`;
    }
    case 'future_created':
      if (event.kind === 'Task') return zh ? `创建 ${event.name}: ${callText(event.coro ?? '', event.args)}` : `${event.name} created: ${callText(event.coro ?? '', event.args)}`;
      return zh ? `创建 Future ${event.name}` : `Future ${event.name} created`;
    case 'future_state': {
      const name = state.futures.get(event.future) ?? `future ${event.future}`;
      if (event.state === 'CANCELLED') return `${name} CANCELLED${event.exception ? ` (${event.exception})` : ''}`;
      if (event.state === 'PENDING') return `${name} PENDING`;
      if (event.exception !== undefined) return `${name} FINISHED: ${event.exception}`;
      return `${name} FINISHED${event.result !== undefined ? `: ${event.result}` : ''}`;
    }
    case 'task_step':
      if (event.mode === 'throw') return zh ? `${event.name} 恢复执行,抛入 ${event.value ?? ''}` : `${event.name} resumes with ${event.value ?? 'an exception'} thrown in`;
      return zh ? `${event.name} 恢复执行` : `${event.name} resumes`;
    case 'task_wait':
      return zh ? `${event.name} 挂起,等待 ${event.onRepr}` : `${event.name} suspends, waiting on ${event.onRepr}`;
    case 'task_cancel_requested':
      return zh ? `请求取消 ${event.name}` : `${event.name}.cancel() requested`;
    case 'future_callbacks': {
      const name = state.futures.get(event.future) ?? `future ${event.future}`;
      return zh ? `${name} 的完成回调: cb=[${event.callbacks.join(', ')}]` : `${name}'s done callbacks: cb=[${event.callbacks.join(', ')}]`;
    }
    case 'concurrent_future_created':
      return zh ? `创建 ${CONCURRENT} #${event.future}` : `${CONCURRENT} #${event.future} created`;
    case 'concurrent_future_state': {
      const name = `${CONCURRENT} #${event.future}`;
      if (event.exception !== undefined) return `${name} ${event.state}: ${event.exception}`;
      return `${name} ${event.state}${event.result !== undefined ? `: ${event.result}` : ''}`;
    }
    case 'futures_chained': {
      const source = state.futures.get(event.source) ?? `future ${event.source}`;
      const destination = state.futures.get(event.destination) ?? `future ${event.destination}`;
      return zh ? `_chain_future: ${source} 完成时把结果交给 ${destination}` : `_chain_future: when ${source} is done its outcome goes to ${destination}`;
    }
    case 'thread_created':
      return zh ? `创建线程 ${event.name}${event.daemon ? '(daemon)' : ''}` : `thread ${event.name} created${event.daemon ? ' (daemon)' : ''}`;
    case 'thread_started':
      return zh ? `线程 ${event.name} 启动` : `thread ${event.name} starts`;
    case 'thread_blocked': {
      // A loop's thread blocking in select is already told by select_wait.
      if (detail === 'brief' && event.on.startsWith('select')) return undefined;
      const until = event.until === null ? '' : zh ? `,直到 ${secs(event.until)}` : ` until ${secs(event.until)}`;
      return zh ? `线程 ${event.name} 阻塞于 ${event.on}${until}` : `thread ${event.name} blocks in ${event.on}${until}`;
    }
    case 'thread_woke':
      return zh ? `线程 ${event.name} 被唤醒(${event.reason})` : `thread ${event.name} wakes (${event.reason})`;
    case 'thread_exit':
      return zh
        ? `线程 ${event.name} 结束${event.error ? `: ${event.error}` : ''}`
        : `thread ${event.name} ends${event.error ? `: ${event.error}` : ''}`;
    case 'interrupt':
      return zh ? `Ctrl+C (SIGINT #${event.n}): 在主线程抛出 KeyboardInterrupt` : `Ctrl+C (SIGINT #${event.n}): KeyboardInterrupt raised in the main thread`;
    case 'shutdown':
      return describeShutdown(event, zh);
    case 'exit':
      return killedBySignal(event.status) === undefined
        ? zh ? `进程退出,状态码 ${shellStatus(event.status)}` : `process exits with status ${shellStatus(event.status)}`
        : zh ? `进程被 SIGINT 终止,shell 状态码 ${shellStatus(event.status)}` : `process killed by SIGINT, shell status ${shellStatus(event.status)}`;
    case 'exception_handler':
      return zh
        ? `异常处理器: ${event.message}${event.exception ? ` (${event.exception})` : ''}`
        : `exception handler: ${event.message}${event.exception ? ` (${event.exception})` : ''}`;
    case 'warning':
      return `${event.category}: ${event.message}`;
    case 'line':
      return zh ? `执行第 ${event.line} 行` : `line ${event.line}`;
    case 'output':
    case 'note':
      return undefined;
  }
}

function describeShutdown(event: Extract<TraceEvent, { type: 'shutdown' }>, zh: boolean): string {
  const who = event.waitingFor ?? '';
  switch (event.phase) {
    case 'begin':
      return zh ? '解释器开始关闭' : 'interpreter shutdown begins';
    case 'joining':
      return zh ? `关闭: 等待非 daemon 线程 ${who} 结束 (join)` : `shutdown: joining non-daemon thread ${who}`;
    case 'hang':
      return zh ? `关闭卡住: ${who} 永远不会结束` : `shutdown hangs: ${who} never ends`;
    case 'daemons_killed':
      return zh ? '关闭: daemon 线程被直接终止' : 'shutdown: daemon threads killed';
    case 'done':
      return zh ? '解释器关闭完成' : 'interpreter shutdown done';
  }
}

/**
 * A Task's step is scheduled as a Handle whose callback CPython 3.11 shows as
 * `<TaskStepMethWrapper object at 0x...>()` (3.12 on: `<_asyncio.TaskStepMethWrapper ...`); the
 * task_step event right after it says which task.
 */
export function isTaskStep(callback: string): boolean {
  return callback.startsWith('<TaskStepMethWrapper') || callback.startsWith('<_asyncio.TaskStepMethWrapper');
}

/** A thread's wake or select's wake still tells something in brief mode when it was not a plain timeout. */
function keepInBrief(event: TraceEvent): boolean {
  if (event.type === 'select_woke') return event.reason === 'self_pipe' || event.reason === 'interrupt';
  if (event.type === 'thread_woke') return event.reason === 'interrupt';
  if (event.type === 'handle_done') return event.took > 0;
  return false;
}

function remember(event: TraceEvent, state: DescribeState): void {
  if (event.type === 'handle_scheduled') state.callbacks.set(event.handle, event.callback);
  else if (event.type === 'future_created') state.futures.set(event.future, event.name);
  else if (event.type === 'concurrent_future_created') state.futures.set(event.future, `${CONCURRENT} #${event.future}`);
}
