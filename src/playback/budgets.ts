// Budgets of a run: how much a program may do before the lab stops watching it. A program that
// never lets simulated time advance (a call_soon chain), floods events or fills memory is stopped
// with one line naming the budget and the option that raises it; everything before is kept.
import type { TraceEvent } from '../runtime/trace.js';
import type { Lang } from '../scenarios/types.js';

export interface Budgets {
  /** Events at one simulated instant: since the clock last moved forward by a wait. */
  instantEvents: number;
  /** Events in the whole run. */
  events: number;
  /** The simulation's heap, in megabytes (the worker thread's old generation). */
  memoryMb: number;
}

export type BudgetName = keyof Budgets;

/**
 * The defaults. Ten million events at one instant is a million callbacks chained with call_soon
 * (about eight events each); fifty million events in all is about a minute of NDJSON; 2 GB of
 * heap holds the runtime's state for millions of live handles.
 */
export const DEFAULT_BUDGETS: Budgets = { instantEvents: 10_000_000, events: 50_000_000, memoryMb: 2048 };

/** The command-line option that raises each budget. */
export const BUDGET_OPTIONS: Record<BudgetName, string> = {
  instantEvents: '--max-instant-events',
  events: '--max-events',
  memoryMb: '--max-memory',
};

/** A budget that stopped a run: which, its limit, and the simulated time it was reached at. */
export interface BudgetStop {
  budget: BudgetName;
  limit: number;
  t: number;
}

/** Counts a run's events against the event budgets. */
export class BudgetCounter {
  private total = 0;
  private instant = 0;
  /** The simulated time the clock last moved to by a wait (the first event's time, at first). */
  private instantT = Number.NaN;

  constructor(private readonly budgets: Budgets) {}

  /** Counts one event; returns the budget it goes over, if any. */
  count(event: TraceEvent): BudgetStop | undefined {
    // A selector or a thread waking from a timed wait (or a Ctrl+C) at a later time: the clock moved
    // by a wait. A later `t` alone is not enough: every read of the clock moves it by a tick
    // (src/runtime/clock.ts), so a selector that returned at once (slept 0) or a thread woken by
    // another thread has not waited, and an endless call_soon chain stays at one instant.
    const waited =
      (event.type === 'select_woke' && event.slept > 0) || (event.type === 'thread_woke' && event.reason === 'timeout') || event.type === 'interrupt';
    if (Number.isNaN(this.instantT)) this.instantT = event.t;
    else if (waited && event.t > this.instantT) {
      this.instantT = event.t;
      this.instant = 0;
    }
    this.total++;
    this.instant++;
    if (this.instant > this.budgets.instantEvents) return { budget: 'instantEvents', limit: this.budgets.instantEvents, t: event.t };
    if (this.total > this.budgets.events) return { budget: 'events', limit: this.budgets.events, t: event.t };
    return undefined;
  }
}

/** The one line a run stopped by a budget ends with. */
export function budgetMessage(stop: BudgetStop, lang: Lang): string {
  const at = stop.t.toFixed(3);
  const n = stop.limit.toLocaleString('en-US');
  const option = BUDGET_OPTIONS[stop.budget];
  if (lang === 'zh') {
    switch (stop.budget) {
      case 'instantEvents':
        return `在 ${at} 秒停止: 模拟时间没有前进(没有等待)就发生了 ${n} 个事件,达到了每个瞬间的事件预算;用 ${option} <n> 提高它`;
      case 'events':
        return `在 ${at} 秒停止: 这次运行达到了 ${n} 个事件的总预算;用 ${option} <n> 提高它`;
      case 'memoryMb':
        return `在 ${at} 秒停止: 模拟用完了 ${n} MB 的内存预算;用 ${option} <MB> 提高它`;
    }
  }
  switch (stop.budget) {
    case 'instantEvents':
      return `stopped at ${at} s: ${n} events happened without simulated time advancing by a wait, the budget of events per instant; raise it with ${option} <n>`;
    case 'events':
      return `stopped at ${at} s: the run reached its budget of ${n} events; raise it with ${option} <n>`;
    case 'memoryMb':
      return `stopped at ${at} s: the simulation used up its memory budget of ${n} MB; raise it with ${option} <MB>`;
  }
}
