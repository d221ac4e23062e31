// A seeded generator of oracle programs (test/oracle/program.ts). The same seed always gives the
// same program. Programs are random but built to reach the corners of the scheduler:
//   deadline ties (call_later vs call_at at equal deadlines, equal delays), nested scheduling,
//   task.cancel(msg) while the task sits in sleep / gather / wait / shield / wait_for,
//   gather (return_exceptions), wait (FIRST_COMPLETED / FIRST_EXCEPTION / ALL_COMPLETED, timeout),
//   wait_for timeouts, set_result / set_exception on done futures, raises in callbacks and tasks,
//   try/except around awaits, stop() inside a callback batch and before run_forever,
//   run_until_complete vs run_forever, more than 100 timers with over half cancelled, and
//   KeyboardInterrupt at the k-th selector wait followed by a recovery (cancel all, stop, run_forever),
//   asyncio.run() with its shutdown and its SIGINT handler (Ctrl+C once, twice),
//   done callbacks (called with the future, so its repr is traced) and reprs of handles, futures, tasks,
//   a context variable set and read in tasks and callbacks (each runs in a copy of a context).
//
// Every program terminates: a function may only schedule, create or await functions and top-level
// tasks that come after it in one global order, so the call graph is acyclic.
import type { AwaitableSpec, AwaitOp, Catch, ExcSpec, FunctionSpec, Op, Program, Value } from './program.js';

/** mulberry32: a small, well-mixed 32-bit PRNG; deterministic per seed. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (seed * 0x9e3779b1) >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

const DELAYS = [0, 0, 0.01, 0.05, 0.1, 0.1, 0.1, 0.2, 0.2, 0.25, 0.3, 0.5, 1, -0.1];
const DEADLINES = [0.1, 0.2, 0.3, 0.5];
const TIMEOUTS = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 1, null, -1];
const EXC_TYPES: ExcSpec['type'][] = ['ValueError', 'RuntimeError', 'TypeError'];

interface FnInfo {
  name: string;
  kind: 'callback' | 'coroutine';
  body: Op[];
}

class Builder {
  readonly fns: FnInfo[] = [];
  /** Top-level futures (created before any run, so every function may name them). */
  readonly futures: string[] = [];
  /** Top-level tasks with the index of the coroutine they run. */
  readonly tasks: { name: string; fn: number }[] = [];
  /** Top-level handles that any function may cancel. */
  readonly handles: string[] = [];
  private serial = 0;

  constructor(readonly rng: Rng) {}

  fresh(prefix: string): string {
    return `${prefix}${++this.serial}`;
  }

  value(): Value {
    const r = this.rng;
    return r.pick<() => Value>([() => r.int(0, 9), () => r.pick(['a', 'b', 'x']), () => null, () => [r.int(0, 3), 'y'], () => r.chance(0.5)])();
  }

  exc(): ExcSpec {
    // Now and then an exit exception, which the loop's machinery must let through.
    const type = this.rng.chance(0.04) ? this.rng.pick(['KeyboardInterrupt', 'SystemExit'] as const) : this.rng.pick(EXC_TYPES);
    return { type, msg: this.rng.chance(0.8) ? `e${this.rng.int(1, 9)}` : null };
  }

  args(): Value[] {
    const n = this.rng.pick([0, 0, 1, 1, 2]);
    return Array.from({ length: n }, () => this.value());
  }

  /** Functions after `from` of a kind (the acyclic rule). */
  after(from: number, kind: 'callback' | 'coroutine'): number[] {
    const out: number[] = [];
    for (let i = from + 1; i < this.fns.length; i++) if (this.fns[i]!.kind === kind) out.push(i);
    return out;
  }

  tasksAfter(from: number): string[] {
    return this.tasks.filter((t) => t.fn > from).map((t) => t.name);
  }

  schedule(from: number): Op | undefined {
    const callbacks = this.after(from, 'callback');
    if (callbacks.length === 0) return undefined;
    const fn = this.fns[this.rng.pick(callbacks)]!.name;
    const as = this.fresh('h');
    const r = this.rng.next();
    if (r < 0.4) return { op: 'call_soon', fn, args: this.args(), as };
    if (r < 0.75) return { op: 'call_later', delay: this.rng.pick(DELAYS), fn, args: this.args(), as };
    return { op: 'call_at', when: this.rng.pick(DEADLINES), fn, args: this.args(), as };
  }

  /** A statement any body may hold. */
  plain(from: number, locals: string[]): Op | undefined {
    const r = this.rng;
    const futureOrTask = [...this.futures, ...this.tasks.map((t) => t.name), ...locals];
    switch (r.int(0, 18)) {
      case 17:
        return { op: 'var_set', value: this.value() };
      case 18:
        return { op: 'var_get' };
      case 15:
      case 16: {
        const tasks = [...this.tasks.map((t) => t.name), ...locals.filter((l) => l.startsWith('lt'))];
        if (tasks.length === 0) return undefined;
        return { op: r.chance(0.6) ? 'cancelling' : 'uncancel', ref: r.pick(tasks) };
      }
      case 0:
        return { op: 'print', text: `p${this.fresh('')}` };
      case 12: {
        const refs = [...futureOrTask, ...this.handles];
        return refs.length === 0 ? undefined : { op: 'repr', ref: r.pick(refs) };
      }
      case 13:
      case 14: {
        const callbacks = this.after(from, 'callback');
        if (callbacks.length === 0 || futureOrTask.length === 0) return undefined;
        const op = r.chance(0.8) ? 'add_done_callback' : 'remove_done_callback';
        return { op, ref: r.pick(futureOrTask), fn: this.fns[r.pick(callbacks)]!.name };
      }
      case 1:
      case 2:
        return this.schedule(from);
      case 3: {
        if (this.futures.length === 0) return undefined;
        return { op: 'set_result', ref: r.pick(this.futures), value: this.value() };
      }
      case 4:
        if (this.futures.length === 0) return undefined;
        return { op: 'set_exception', ref: r.pick(this.futures), exc: this.exc() };
      case 5:
        if (futureOrTask.length === 0) return undefined;
        return { op: 'cancel', ref: r.pick(futureOrTask), msg: r.chance(0.5) ? `m${this.fresh('')}` : null };
      case 6:
        if (futureOrTask.length === 0) return undefined;
        return { op: r.chance(0.7) ? 'result' : 'exception', ref: r.pick(futureOrTask) };
      case 7: {
        const coros = this.after(from, 'coroutine');
        if (coros.length === 0) return undefined;
        const as = this.fresh('lt');
        locals.push(as);
        return { op: 'create_task', coro: this.fns[r.pick(coros)]!.name, args: this.args(), as };
      }
      case 8:
        if (this.handles.length === 0) return undefined;
        return { op: 'cancel_handle', ref: r.pick(this.handles) };
      case 9: {
        if (r.chance(0.15)) return { op: 'stop' };
        if (r.chance(0.05)) return { op: 'close' };
        // Running the loop from inside it: RuntimeError('This event loop is already running').
        if (r.chance(0.05)) return { op: 'run_forever' };
        return { op: 'print', text: `q${this.fresh('')}` };
      }
      case 10:
        return r.chance(0.3) ? { op: 'raise', exc: this.exc() } : undefined;
      default: {
        // A future made and resolved twice in one body: InvalidStateError on the second call.
        const as = this.fresh('lf');
        locals.push(as);
        return { op: 'create_future', as };
      }
    }
  }

  awaitable(from: number, locals: string[]): AwaitableSpec | undefined {
    const r = this.rng;
    const refs = [...this.futures, ...this.tasksAfter(from), ...locals.filter((l) => l.startsWith('lt'))];
    const coros = this.after(from, 'coroutine');
    if (coros.length > 0 && (refs.length === 0 || r.chance(0.4))) {
      return { coro: this.fns[r.pick(coros)]!.name, args: this.args() };
    }
    return refs.length > 0 ? { ref: r.pick(refs) } : undefined;
  }

  catchOf(): Catch | undefined {
    const x = this.rng.next();
    return x < 0.45 ? undefined : x < 0.8 ? 'Exception' : 'BaseException';
  }

  awaitOp(from: number, locals: string[]): Op | undefined {
    const r = this.rng;
    const c = this.catchOf();
    const withCatch = (op: AwaitOp): Op => (c === undefined ? op : { ...op, catch: c });
    switch (r.int(0, 7)) {
      case 0:
      case 1:
        return withCatch({ op: 'sleep', delay: r.pick(DELAYS), ...(r.chance(0.4) ? { result: this.value() } : {}) });
      case 2: {
        const item = this.awaitable(from, locals);
        if (item === undefined) return undefined;
        return withCatch('ref' in item ? { op: 'await', ref: item.ref } : { op: 'await_coro', coro: item.coro, args: item.args ?? [] });
      }
      case 3: {
        const items = Array.from({ length: r.int(1, 3) }, () => this.awaitable(from, locals)).filter((x) => x !== undefined);
        if (items.length === 0) return undefined;
        return withCatch({ op: 'gather', items, return_exceptions: r.chance(0.5) });
      }
      case 4: {
        const refs = [...this.futures, ...this.tasksAfter(from), ...locals.filter((l) => l.startsWith('lt'))];
        if (refs.length === 0) return undefined;
        const chosen = [...new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(refs)))];
        return withCatch({
          op: 'wait',
          refs: chosen,
          return_when: r.pick(['FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED'] as const),
          timeout: r.pick(TIMEOUTS),
        });
      }
      case 5: {
        const item = this.awaitable(from, locals);
        if (item === undefined) return undefined;
        return withCatch({ op: 'wait_for', item, timeout: r.pick(TIMEOUTS) });
      }
      case 6: {
        const item = this.awaitable(from, locals);
        if (item === undefined) return undefined;
        return withCatch({ op: 'shield', item });
      }
      default: {
        const local = locals.filter((l) => l.startsWith('lt'));
        if (local.length === 0) return undefined;
        return withCatch({ op: 'await', ref: r.pick(local) });
      }
    }
  }

  body(index: number, kind: 'callback' | 'coroutine'): Op[] {
    const r = this.rng;
    const ops: Op[] = [];
    const locals: string[] = [];
    const length = r.int(1, kind === 'callback' ? 4 : 6);
    while (ops.length < length) {
      let op: Op | undefined;
      if (kind === 'coroutine' && r.chance(0.5)) op = this.awaitOp(index, locals);
      else op = this.plain(index, locals);
      if (op === undefined) continue;
      ops.push(op);
      // A local future is resolved right away, sometimes twice (InvalidStateError), then read.
      if (op.op === 'create_future' && op.as !== undefined) {
        ops.push({ op: 'set_result', ref: op.as, value: this.value() });
        if (r.chance(0.6)) ops.push(r.chance(0.5) ? { op: 'set_result', ref: op.as, value: 1 } : { op: 'set_exception', ref: op.as, exc: this.exc() });
        if (r.chance(0.5)) ops.push({ op: 'cancel', ref: op.as, msg: null });
        ops.push({ op: 'result', ref: op.as });
      }
      if (op.op === 'raise') break;
      // Now and then a callback blocks its thread (time.sleep): due timers pile up meanwhile.
      if (kind === 'callback' && r.chance(0.06)) ops.push({ op: 'block', seconds: r.pick([0.05, 0.1, 0.3]) });
    }
    if (kind === 'coroutine' && r.chance(0.5) && ops[ops.length - 1]?.op !== 'raise') ops.push({ op: 'return', value: this.value() });
    return ops;
  }
}

/** Task t sits in `kind` when a callback cancels it (with a message, sometimes). */
function cancelScenario(b: Builder, top: Op[]): void {
  const r = b.rng;
  const kind = r.pick(['sleep', 'gather', 'wait', 'shield', 'wait_for'] as const);
  const victim = `co_victim${b.fresh('')}`;
  const child = `co_child${b.fresh('')}`;
  const canceller = `cb_cancel${b.fresh('')}`;
  const taskName = b.fresh('vt');
  const childBody: Op[] = [{ op: 'sleep', delay: r.pick([0.1, 0.2, 0.5]), result: 'child' }];
  if (r.chance(0.3)) childBody.push({ op: 'raise', exc: b.exc() });
  else childBody.push({ op: 'return', value: 'c' });
  const item: AwaitableSpec = r.chance(0.5) || b.futures.length === 0 ? { coro: child } : { ref: r.pick(b.futures) };
  const awaitOf: Record<typeof kind, Op> = {
    sleep: { op: 'sleep', delay: 0.5, result: 's' },
    gather: { op: 'gather', items: [item, { coro: child }], return_exceptions: r.chance(0.5) },
    wait: { op: 'wait', refs: b.futures.length > 0 ? [r.pick(b.futures)] : [], return_when: 'ALL_COMPLETED', timeout: r.pick([0.3, 1, null]) },
    shield: { op: 'shield', item },
    wait_for: { op: 'wait_for', item, timeout: r.pick([0.05, 0.3, 1]) },
  };
  // `wait` needs a future to wait on: without one the victim sleeps (and says so, for the coverage test).
  const waitsIn = kind === 'wait' && b.futures.length === 0 ? 'sleep' : kind;
  const awaitOp = awaitOf[waitsIn];
  const c = b.catchOf();
  const victimBody: Op[] = [
    { op: 'print', text: `${taskName} waits in ${waitsIn}` },
    c === undefined ? awaitOp : ({ ...awaitOp, catch: c } as Op),
    { op: 'print', text: `${taskName} goes on` },
    { op: 'sleep', delay: 0.1 },
    { op: 'return', value: 'v' },
  ];
  b.fns.push({ name: victim, kind: 'coroutine', body: victimBody });
  b.fns.push({ name: child, kind: 'coroutine', body: childBody });
  const cancelBody: Op[] = [{ op: 'cancel', ref: taskName, msg: r.chance(0.5) ? 'stop it' : null }];
  if (r.chance(0.3)) cancelBody.push({ op: 'cancel', ref: taskName, msg: 'again' });
  b.fns.push({ name: canceller, kind: 'callback', body: cancelBody });
  top.push({ op: 'create_task', coro: victim, as: taskName });
  top.push({ op: 'call_later', delay: r.pick([0, 0.05, 0.1, 0.2]), fn: canceller, as: b.fresh('h') });
}

/** More than 100 timers, over half of them cancelled (the heap is rebuilt), some with equal deadlines. */
function timerBurst(b: Builder, ops: Op[]): void {
  const r = b.rng;
  const tick = `cb_tick${b.fresh('')}`;
  b.fns.push({ name: tick, kind: 'callback', body: [{ op: 'print', text: 'tick' }] });
  const count = r.int(101, 140);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const as = b.fresh('hb');
    names.push(as);
    ops.push({ op: 'call_later', delay: r.pick([0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1, 1.5]), fn: tick, args: [i], as });
  }
  const cancelled = names.filter(() => r.chance(0.7));
  for (const ref of cancelled) ops.push({ op: 'cancel_handle', ref });
}

/**
 * `asyncio.run(co0())` (once or twice): a new loop per run, the main task, the shutdown that cancels
 * what main left behind, and Ctrl+C going to asyncio.Runner's SIGINT handler (the first cancels the
 * main task, a second raises KeyboardInterrupt). Nothing is made at module level: it would belong to
 * another loop.
 */
function asyncioRunProgram(seed: number, b: Builder): Program {
  const rng = b.rng;
  for (let i = 0; i < b.fns.length; i++) b.fns[i]!.body = b.body(i, b.fns[i]!.kind);
  const top: Op[] = [{ op: 'asyncio_run', coro: 'co0', args: b.args() }];
  if (rng.chance(0.3)) top.push({ op: 'asyncio_run', coro: 'co0', args: b.args() });
  const program: Program = { name: `seed-${seed}`, functions: {}, top };
  if (rng.chance(0.5)) {
    const first = rng.int(1, 8);
    program.interruptAt = rng.chance(0.4) ? [first, first + rng.int(1, 4)] : first;
  }
  for (const fn of b.fns) program.functions[fn.name] = { kind: fn.kind, body: fn.body };
  return program;
}

export function generate(seed: number): Program {
  const rng = new Rng(seed);
  const b = new Builder(rng);
  const top: Op[] = [];

  const nFns = rng.int(3, 7);
  // Names first (bodies refer to later functions), then bodies.
  for (let i = 0; i < nFns; i++) {
    const kind = i === 0 || rng.chance(0.55) ? 'coroutine' : 'callback';
    b.fns.push({ name: `${kind === 'coroutine' ? 'co' : 'cb'}${i}`, kind, body: [] });
  }
  if (rng.chance(0.12)) return asyncioRunProgram(seed, b);
  for (let i = 0; i < rng.int(0, 3); i++) {
    const as = b.fresh('f');
    b.futures.push(as);
    top.push({ op: 'create_future', as });
  }
  for (let i = 1; i < nFns; i++) {
    if (b.fns[i]!.kind === 'coroutine' && rng.chance(0.4)) b.tasks.push({ name: b.fresh('t'), fn: i });
  }
  // Top-level handles are named before bodies are written, so bodies may cancel them.
  const topSchedules: Op[] = [];
  for (let i = 0; i < rng.int(0, 4); i++) {
    const op = b.schedule(0);
    if (op === undefined) continue;
    topSchedules.push(op);
    if ('as' in op && op.as !== undefined) b.handles.push(op.as);
  }
  for (let i = 0; i < nFns; i++) b.fns[i]!.body = b.body(i, b.fns[i]!.kind);

  if (rng.chance(0.3)) top.push({ op: 'var_set', value: 'top' });
  for (const t of b.tasks) top.push({ op: 'create_task', coro: b.fns[t.fn]!.name, args: b.args(), as: t.name });
  top.push(...topSchedules);
  // Deadline ties: a call_at at exactly a call_later's deadline, both from the top (time 0.0).
  const callbacks = b.after(0, 'callback');
  if (callbacks.length > 0 && rng.chance(0.4)) {
    const when = rng.pick(DEADLINES);
    for (let i = 0; i < rng.int(2, 4); i++) {
      const fn = b.fns[rng.pick(callbacks)]!.name;
      top.push(rng.chance(0.5) ? { op: 'call_at', when, fn, args: [i], as: b.fresh('h') } : { op: 'call_later', delay: when, fn, args: [i], as: b.fresh('h') });
    }
  }
  if (rng.chance(0.35)) cancelScenario(b, top);
  if (rng.chance(0.08)) timerBurst(b, top);
  if (rng.chance(0.3) && b.handles.length > 0) top.push({ op: 'cancel_handle', ref: rng.pick(b.handles) });

  // How the loop runs.
  const mode = rng.pick(['main', 'main', 'main', 'task', 'forever', 'stop_first', 'future'] as const);
  const stopper = `cb_stop${b.fresh('')}`;
  if (mode === 'main') {
    top.push({ op: 'run_until_complete', coro: 'co0', args: b.args() });
  } else if (mode === 'task') {
    top.push({ op: 'create_task', coro: 'co0', as: 'main_task' });
    top.push({ op: 'run_until_complete', ref: 'main_task' });
  } else if (mode === 'forever' || mode === 'stop_first') {
    b.fns.push({ name: stopper, kind: 'callback', body: [{ op: 'print', text: 'stopping' }, { op: 'stop' }] });
    top.push({ op: 'create_task', coro: 'co0', as: 'main_task' });
    if (mode === 'stop_first') {
      top.push({ op: 'stop' });
      top.push({ op: 'run_forever' });
    }
    top.push({ op: 'call_later', delay: rng.pick([0.1, 0.3, 0.5, 1, 2]), fn: stopper, as: b.fresh('h') });
    top.push({ op: 'run_forever' });
  } else {
    const resolver = `cb_resolve${b.fresh('')}`;
    const fut = b.fresh('f');
    b.fns.push({ name: resolver, kind: 'callback', body: [{ op: 'set_result', ref: fut, value: 'done' }] });
    top.unshift({ op: 'create_future', as: fut });
    top.push({ op: 'create_task', coro: 'co0', as: 'main_task' });
    top.push({ op: 'call_later', delay: rng.pick([0.1, 0.3, 1]), fn: resolver, as: b.fresh('h') });
    top.push({ op: 'run_until_complete', ref: fut });
  }

  const program: Program = { name: `seed-${seed}`, functions: {}, top };
  if (rng.chance(0.2)) {
    // Ctrl+C at the k-th selector wait, then the usual recovery: cancel everything and let the
    // cancellations run one iteration.
    program.interruptAt = rng.int(1, 10);
    top.push({ op: 'cancel_all', msg: rng.chance(0.5) ? 'interrupted' : null });
    top.push({ op: 'stop' });
    top.push({ op: 'run_forever' });
    if (mode === 'task' && rng.chance(0.5)) top.push({ op: 'run_until_complete', ref: 'main_task' });
  } else if (rng.chance(0.25)) {
    top.push({ op: 'stop' });
    top.push({ op: 'run_forever' });
  }
  if (rng.chance(0.1)) {
    // After close(): runs and scheduling raise RuntimeError('Event loop is closed').
    top.push({ op: 'close' });
    const callbacks = b.after(0, 'callback');
    if (rng.chance(0.5)) top.push({ op: 'run_forever' });
    else if (callbacks.length > 0) top.push({ op: 'call_soon', fn: b.fns[rng.pick(callbacks)]!.name });
  }
  if (rng.chance(0.15)) {
    // CPython's default handler logs to stderr; make sure something reaches it.
    program.handler = 'default';
    const failing = `cb_fail${b.fresh('')}`;
    b.fns.push({ name: failing, kind: 'callback', body: [{ op: 'raise', exc: b.exc() }] });
    top.unshift({ op: 'call_soon', fn: failing, args: b.args() });
  }
  for (const fn of b.fns) program.functions[fn.name] = { kind: fn.kind, body: fn.body } satisfies FunctionSpec;
  return program;
}
