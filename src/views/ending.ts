// What a non-interactive run says when it stops watching a program that has not exited.
import type { TraceEvent } from '../runtime/trace.js';
import type { Lang, RunBudget, RunEnd } from '../scenarios/types.js';

/**
 * The stderr line for a run that reached `until` still running, or undefined when it exited.
 * It names why the process is still alive when the trace tells (a shutdown waiting on a thread).
 */
export function stoppedWatchingMessage(end: RunEnd, events: readonly TraceEvent[], lang: Lang): string | undefined {
  if (end.kind === 'exit') return undefined;
  if (end.budget) return budgetMessage(end.budget, lang);
  const at = end.t.toFixed(3);
  const hang = lastShutdownWait(events);
  if (lang === 'zh') {
    const why = hang ? `(解释器关闭时在等待(join)线程 ${hang},它永远不会结束)` : '';
    return `在 ${at} 秒停止观看: 进程仍在运行${why};用 --interrupt-at <秒> 在某一时刻按下 Ctrl+C,或用 --until <秒> 看得更久`;
  }
  // Whether it would exit later is not known from a run cut short: only a shutdown hang is certain.
  const why = hang ? ` (interpreter shutdown is joining ${hang}, which never ends)` : '';
  return `stopped watching at ${at} s: the process is still running${why}; press Ctrl+C at a moment with --interrupt-at <s>, or watch longer with --until <s>`;
}

/** The hint a live view gives once a run goes past the lesson's horizon still running. */
export function stillRunningHint(events: readonly TraceEvent[], lang: Lang): string {
  const hang = lastShutdownWait(events);
  if (lang === 'zh') {
    return hang ? `(进程仍在运行: 解释器关闭时在等待线程 ${hang};按 Ctrl+C)` : '(进程仍在运行,它不会自己退出;按 Ctrl+C)';
  }
  return hang ? `(the process is still running: interpreter shutdown is joining ${hang}; press Ctrl+C)` : '(the process is still running, it never exits by itself; press Ctrl+C)';
}

/** The thread interpreter shutdown is waiting for, if the trace shows it waiting. */
function lastShutdownWait(events: readonly TraceEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'shutdown' && (e.phase === 'hang' || e.phase === 'joining')) return e.waitingFor;
  }
  return undefined;
}

/** Why a recorded run stopped early: a budget it hit. */
function budgetMessage(budget: RunBudget, lang: Lang): string {
  if (budget.kind === 'cpu') {
    return lang === 'zh'
      ? `已停止: 程序连续计算了 ${budget.limit} 秒(墙钟)而没有等待(一个从不 await 的循环?);录制到此为止;用 --max-cpu <秒> 给它更多时间`
      : `stopped: the program computed for ${budget.limit} s of wall time without waiting (a loop that never awaits?); the recording ends there; give it longer with --max-cpu <s>`;
  }
  const n = budget.limit.toLocaleString('en-US');
  return lang === 'zh'
    ? `已停止: 程序产生了超过 ${n} 个轨迹事件(每执行一行、每个回调都算一个;一个很长的循环,或不断重新调度自己的回调?);录制到此为止;用 --max-events <n> 提高这个预算`
    : `stopped: the program made more than ${n} trace events (each line run and each callback is one: a long loop, or callbacks that reschedule themselves for ever?); the recording ends there; raise the budget with --max-events <n>`;
}
