// How fast could the runtime be at all? The same four workloads as runtime.bench.ts, run on a bare
// model of CPython's algorithm: handles with CPython's fields, the runtime's timer heap (KeyedHeap)
// and ready queue (Deque), _run_once's phases, futures with done callbacks scheduled through
// call_soon, and generator tasks stepped through call_soon. Everything else the runtime does is left
// out: no contextvars, no debug checks, no exception handling, no reprs, no task registry, no
// simulated threads. The model is not exact (it cannot report errors, cancel tasks or run in a
// simulated process); it is a lower bound on the time a faithful runtime needs on this JS engine.
//
// It prints the model's throughput as a multiple of CPython's (same run, best of 3 each), beside
// the runtime's: where the model itself is under 10x, the runtime's 10x target asks for more than
// the bare algorithm gets on this machine. The runtime's time is also given in CPU time of the
// thread running both (on a shared machine, wall time counts what other processes took). Then the model and the runtime run with a trace
// listener: the model emits the runtime's events (kinds, points and count per operation) as objects
// through the runtime's Tracer, with callback labels and reprs formatted by the runtime's own repr
// functions (the contract shows them), so the model's listener overhead is the least one under the
// trace contract. `npm run bench floor [scale]`.
import { readFileSync } from 'node:fs';
import { Deque } from '../src/runtime/deque.js';
import type { PyBaseException } from '../src/runtime/exceptions.js';
import { futureReprText } from '../src/runtime/future-repr.js';
import { KeyedHeap } from '../src/runtime/heapq.js';
import { formatCallback, formatCallbackIsFinal, repr } from '../src/runtime/repr.js';
import { type TraceEvent, Tracer } from '../src/runtime/trace.js';
import { BaseEventLoop } from '../src/runtime/base-events.js';
import { Realm } from '../src/runtime/realm.js';
import { callSoonChain, n, runCPython, timersHalfCancelled, workloads as runtimeWorkloads } from './runtime.bench.js';

const REPEATS = 3;

type Callback = (...args: never[]) => unknown;
/** Where a traced model's events go: one object per event, as the runtime's Tracer.send. */
type Send = (event: TraceEvent) => void;
let nextId = 1;
/** The task name in the traced model's task events (the model does not number its tasks). */
const TASK_NAME = 'Task-1';
const NO_ARGS: readonly unknown[] = [];

/** events.Handle's slots (`_callback`, `_args`, `_cancelled`, `_loop`, `_source_traceback`, `_repr`, `_context`). */
class BareHandle {
  readonly id = nextId++;
  _cancelled = false;
  _sourceTraceback = null;
  _repr = null;
  _context = null;
  /** The trace label once formatted, when it cannot change (the runtime's Handle keeps it the same way). */
  private label: string | null = null;
  constructor(
    public _callback: Callback | null,
    public _args: readonly unknown[] | null,
    readonly _loop: BareLoop,
  ) {}
  /** The callback as the trace shows it (`setResultOf(<Future pending>, 5)`), formatted as the runtime formats it. */
  callbackLabel(): string {
    if (this.label !== null) return this.label;
    const label = formatCallback(this._callback, this._args, null);
    if (formatCallbackIsFinal(this._callback, this._args)) this.label = label;
    return label;
  }
  cancel(): void {
    const send = this._loop.send;
    if (send !== null) send({ type: 'handle_cancelled', loop: 1, handle: this.id, t: this._loop.clock, thread: 'MainThread' });
    this._cancelled = true;
    this._callback = null;
    this._args = null;
  }
}

/** TimerHandle adds `_when` and `_scheduled`. */
class BareTimerHandle extends BareHandle {
  _scheduled = false;
  constructor(
    readonly _when: number,
    callback: Callback,
    args: readonly unknown[],
    loop: BareLoop,
  ) {
    super(callback, args, loop);
  }
  override cancel(): void {
    if (!this._cancelled && this._scheduled) this._loop.timerCancelledCount += 1;
    super.cancel();
  }
}

const keepUncancelled = (h: BareTimerHandle) => {
  if (!h._cancelled) return true;
  h._scheduled = false;
  return false;
};

/** base_events._run_once and run_forever, with a virtual clock and no selector. */
class BareLoop {
  clock = 0;
  stopping = false;
  timerCancelledCount = 0;
  readonly ready = new Deque<BareHandle>();
  readonly scheduled = new KeyedHeap<BareTimerHandle>();
  private iterations = 0;

  /** Events go to `send` when it is given: the runtime's per-operation events, at the same points (not its once-per-run ones). */
  constructor(readonly send: Send | null = null) {}

  callSoon(callback: Callback, ...args: unknown[]): BareHandle {
    const handle = new BareHandle(callback, args.length === 0 ? NO_ARGS : args, this);
    this.ready.append(handle);
    const send = this.send;
    if (send !== null) send({ type: 'handle_scheduled', loop: 1, handle: handle.id, kind: 'Handle', callback: handle.callbackLabel(), t: this.clock, thread: 'MainThread' });
    return handle;
  }
  callLater(delay: number, callback: Callback, ...args: unknown[]): BareTimerHandle {
    const timer = new BareTimerHandle(this.clock + delay, callback, args.length === 0 ? NO_ARGS : args, this);
    const heapIndex = this.scheduled.push(timer._when, timer);
    timer._scheduled = true;
    const send = this.send;
    if (send !== null) send({ type: 'handle_scheduled', loop: 1, handle: timer.id, kind: 'TimerHandle', when: timer._when, heapIndex, callback: timer.callbackLabel(), t: this.clock, thread: 'MainThread' });
    return timer;
  }
  stop(): void {
    this.stopping = true;
  }
  runForever(): void {
    while (!this.stopping) this.runOnce();
    this.stopping = false;
  }
  runOnce(): void {
    const send = this.send;
    const scheduled = this.scheduled;
    this.iterations += 1;
    if (send !== null) send({ type: 'loop_iteration', loop: 1, n: this.iterations, ready: this.ready.length, scheduled: scheduled.length, t: this.clock, thread: 'MainThread' });
    const count = scheduled.length;
    if (count > 100 && this.timerCancelledCount / count > 0.5) {
      scheduled.filterAndHeapify(keepUncancelled);
      this.timerCancelledCount = 0;
    } else {
      while (scheduled.length > 0 && scheduled.peek()!._cancelled) {
        this.timerCancelledCount -= 1;
        scheduled.pop()._scheduled = false;
      }
    }
    // The selector wait: the virtual clock jumps to the first deadline.
    const timeout = this.ready.length > 0 || this.stopping ? 0 : scheduled.length > 0 ? Math.max(0, scheduled.peekKey() - this.clock) : null;
    if (send !== null) send({ type: 'select_wait', loop: 1, timeout, t: this.clock, thread: 'MainThread' });
    if (timeout !== null) this.clock += timeout;
    if (send !== null) send({ type: 'select_woke', loop: 1, slept: timeout ?? 0, reason: timeout === 0 ? 'immediate' : 'timeout', t: this.clock, thread: 'MainThread' });
    const end = this.clock + 1e-9;
    while (scheduled.length > 0 && scheduled.peekKey() < end) {
      const timer = scheduled.pop();
      timer._scheduled = false;
      this.ready.append(timer);
      if (send !== null) send({ type: 'timer_ready', loop: 1, handle: timer.id, lastTo: scheduled.lastTo, t: this.clock, thread: 'MainThread' });
    }
    const ntodo = this.ready.length;
    for (let i = 0; i < ntodo; i++) {
      const handle = this.ready.popleft();
      if (handle._cancelled) continue;
      if (send !== null) send({ type: 'handle_run', loop: 1, handle: handle.id, callback: handle.callbackLabel(), t: this.clock, thread: 'MainThread' });
      (handle._callback as (...a: unknown[]) => unknown)(...(handle._args as unknown[]));
      if (send !== null) send({ type: 'handle_done', loop: 1, handle: handle.id, took: 0, t: this.clock, thread: 'MainThread' });
    }
  }
}

/** The C Future's fields: state, result, exception, callback0 / callbacks, flags. */
class BareFuture<T = unknown> {
  _state: 'PENDING' | 'FINISHED' | 'CANCELLED' = 'PENDING';
  _result: T | undefined = undefined;
  _exception: PyBaseException | null = null;
  _callback0: Callback | null = null;
  _callbacks: Callback[] | null = null;
  _cancelMessage = undefined;
  _asyncioFutureBlocking = false;
  _logTraceback = false;
  _sourceTraceback = null;
  readonly id = nextId++;
  constructor(readonly _loop: BareLoop) {
    const send = _loop.send;
    if (send !== null) send({ type: 'future_created', loop: 1, future: this.id, kind: 'Future', name: 'Future', t: _loop.clock, thread: 'MainThread' });
  }
  _callbackFunctions(): readonly Callback[] {
    if (this._callback0 === null) return this._callbacks ?? [];
    return this._callbacks === null ? [this._callback0] : [this._callback0, ...this._callbacks];
  }
  /** The repr the trace shows of a future argument or an awaited future, as the runtime builds it. */
  __repr__(): string {
    return `<Future ${futureReprText(this)}>`;
  }
  /** A finished future with a primitive result reads the same forever (as the runtime's `_reprIsFinal`). */
  _reprIsFinal(): boolean {
    const result: unknown = this._result;
    return this._state === 'FINISHED' && (result === null || (typeof result !== 'object' && typeof result !== 'function'));
  }
  addDoneCallback(fn: Callback): void {
    if (this._state !== 'PENDING') this._loop.callSoon(fn, this);
    else if (this._callback0 === null) this._callback0 = fn;
    else (this._callbacks ??= []).push(fn);
  }
  setResult(result: T): void {
    this._result = result;
    this._state = 'FINISHED';
    const send = this._loop.send;
    if (send !== null) send({ type: 'future_state', loop: 1, future: this.id, state: 'FINISHED', result: repr(result), t: this._loop.clock, thread: 'MainThread' });
    const fn0 = this._callback0;
    const rest = this._callbacks;
    this._callback0 = null;
    this._callbacks = null;
    if (fn0 !== null) this._loop.callSoon(fn0, this);
    if (rest !== null) for (const fn of rest) this._loop.callSoon(fn, this);
  }
  *[Symbol.iterator](): Generator<BareFuture<T>, T, unknown> {
    if (this._state === 'PENDING') {
      this._asyncioFutureBlocking = true;
      yield this;
    }
    return this._result as T;
  }
}

/** Task.__step / __wakeup on a generator: send, then wait on the yielded future or reschedule. */
class BareTask<T> extends BareFuture<T> {
  private readonly step = () => this.doStep();
  private readonly wakeup = () => this.doStep();
  constructor(
    private readonly coro: Generator<unknown, T, unknown>,
    loop: BareLoop,
  ) {
    super(loop);
    loop.callSoon(this.step);
  }
  private doStep(): void {
    const send = this._loop.send;
    if (send !== null) send({ type: 'task_step', loop: 1, task: this.id, name: TASK_NAME, mode: 'send', t: this._loop.clock, thread: 'MainThread' });
    const result = this.coro.next(undefined);
    if (result.done) {
      this.setResult(result.value);
      return;
    }
    const yielded = result.value;
    if (yielded instanceof BareFuture) {
      yielded._asyncioFutureBlocking = false;
      yielded.addDoneCallback(this.wakeup);
      if (send !== null) send({ type: 'task_wait', loop: 1, task: this.id, name: TASK_NAME, on: yielded.id, onRepr: repr(yielded), t: this._loop.clock, thread: 'MainThread' });
    } else {
      if (send !== null) send({ type: 'task_wait', loop: 1, task: this.id, name: TASK_NAME, on: null, onRepr: 'None', t: this._loop.clock, thread: 'MainThread' });
      this._loop.callSoon(this.step);
    }
  }
}

/** gather(*futures): one done callback per child; the outer future gets the results in order. */
function bareGather(loop: BareLoop, children: BareFuture[]): BareFuture<unknown[]> {
  const outer = new BareFuture<unknown[]>(loop);
  let finished = 0;
  const done = () => {
    finished += 1;
    if (finished === children.length) outer.setResult(children.map((c) => c._result));
  };
  for (const child of children) child.addDoneCallback(done);
  return outer;
}

/** A run-until-complete of a generator: a task, and a stop when it is done. */
function runTask<T>(loop: BareLoop, coro: Generator<unknown, T, unknown>): T {
  const task = new BareTask(coro, loop);
  task.addDoneCallback(() => loop.stop());
  loop.runForever();
  return task._result as T;
}

/** `await asyncio.sleep(0)`: a coroutine object whose one step is a bare yield. */
function* sleepZero(): Generator<undefined, void, unknown> {
  yield;
}

interface FloorWorkload {
  name: string;
  run(loop: BareLoop, scale: number): number;
}

const workloads: FloorWorkload[] = [
  { name: 'call_soon chain', run: callSoonChain },
  { name: 'call_later, half cancelled', run: timersHalfCancelled },
  {
    name: 'tasks x sleep(0)',
    run(loop, scale) {
      const tasks = n(10_000, scale);
      function* worker(): Generator<unknown, void, unknown> {
        for (let i = 0; i < 100; i++) yield* sleepZero();
      }
      function* main(): Generator<unknown, void, unknown> {
        yield* bareGather(loop, Array.from({ length: tasks }, () => new BareTask(worker(), loop)));
      }
      runTask(loop, main());
      return tasks * 100;
    },
  },
  {
    name: 'gather futures',
    run(loop, scale) {
      const total = n(100_000, scale);
      const setResultOf = (fut: BareFuture<number>, i: number) => fut.setResult(i);
      function* main(): Generator<unknown, void, unknown> {
        const futs = Array.from({ length: total }, () => new BareFuture<number>(loop));
        futs.forEach((f, i) => loop.callSoon(setResultOf, f, i));
        const results = yield* bareGather(loop, futs);
        if (results.length !== total) throw new Error('gather lost results');
      }
      runTask(loop, main());
      return total;
    },
  },
];

/**
 * CPU seconds the calling thread has run (Linux's /proc/thread-self/schedstat), NaN elsewhere. On a
 * shared machine the wall time of a run counts the time other processes took the core; the thread's
 * own CPU time does not (the collector's helper threads are left out of it).
 */
function threadCpuSeconds(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return Number.NaN;
  }
}

function timeIt(run: () => number): { ops: number; seconds: number; cpu: number } {
  const t0 = performance.now();
  const c0 = threadCpuSeconds();
  const ops = run();
  return { ops, seconds: (performance.now() - t0) / 1000, cpu: threadCpuSeconds() - c0 };
}

/** The runtime on the same workload on a loop of its own (as runtime.bench.ts runs it); `listener`, if given, listens to its trace. */
function timeRuntime(workload: (typeof runtimeWorkloads)[number], scale: number, listener?: Listener): { seconds: number; cpu: number } {
  const realm = new Realm();
  if (listener) realm.tracer.listen(listener.listen);
  const loop = new BaseEventLoop({ realm });
  const { seconds, cpu } = timeIt(() => workload.run(loop, scale));
  loop.close();
  return { seconds, cpu };
}

/**
 * The listener both the model and the runtime get: it counts the events and keeps the last one,
 * so each event object must really be made (a listener that dropped it could let the engine skip
 * building it).
 */
interface Listener {
  listen: (event: TraceEvent) => void;
  events: number;
  last: TraceEvent | null;
}

function newListener(): Listener {
  const listener: Listener = {
    events: 0,
    last: null,
    listen: (event) => {
      listener.last = event;
      listener.events += 1;
    },
  };
  return listener;
}

/** Where the traced model sends its events: through a Tracer of the runtime's to `listener`, as the runtime does. */
function sendTo(listener: Listener): Send {
  const tracer = new Tracer();
  tracer.listen(listener.listen);
  return (event) => tracer.send(event);
}

export default function bench(): void {
  const arg = process.argv.slice(2).find((a) => /^[\d.]+$/.test(a));
  const scale = arg === undefined ? 1 : Number(arg);
  const rows: string[] = [];
  const traceRows: string[] = [];
  let python = '';
  for (const w of workloads) {
    const runtime = runtimeWorkloads.find((r) => r.name === w.name)!;
    // Warm-up on small runs, so the measured runs are of optimized code.
    w.run(new BareLoop(), Math.min(scale, 0.05));
    w.run(new BareLoop(sendTo(newListener())), Math.min(scale, 0.05));
    timeRuntime(runtime, Math.min(scale, 0.05));
    timeRuntime(runtime, Math.min(scale, 0.05), newListener());
    let cpython = Infinity;
    let bare = Infinity;
    let bareTraced = Infinity;
    let ours = Infinity;
    let bareCpu = Infinity;
    let oursCpu = Infinity;
    let oursTraced = Infinity;
    let ops = 0;
    let bareEvents = 0;
    let ourEvents = 0;
    for (let r = 0; r < REPEATS; r++) {
      const py = runCPython(scale, w.name);
      python = py.python;
      cpython = Math.min(cpython, py.results[w.name]!.seconds);
      // The model and the runtime untraced, each twice per CPython run: they take a fraction of
      // its time, and more runs make their best less a matter of the machine's load.
      for (let k = 0; k < 2; k++) {
        const f = timeIt(() => w.run(new BareLoop(), scale));
        bare = Math.min(bare, f.seconds);
        bareCpu = Math.min(bareCpu, f.cpu);
        ops = f.ops;
        const o = timeRuntime(runtime, scale);
        ours = Math.min(ours, o.seconds);
        oursCpu = Math.min(oursCpu, o.cpu);
      }
      const modelListener = newListener();
      bareTraced = Math.min(bareTraced, timeIt(() => w.run(new BareLoop(sendTo(modelListener)), scale)).seconds);
      bareEvents = modelListener.events;
      const runtimeListener = newListener();
      oursTraced = Math.min(oursTraced, timeRuntime(runtime, scale, runtimeListener).seconds);
      ourEvents = runtimeListener.events;
    }
    const cpuRatio = Number.isNaN(oursCpu / bareCpu) ? 'n/a' : `${(oursCpu / bareCpu).toFixed(2)}x`;
    rows.push(`| ${w.name} | ${(cpython / bare).toFixed(1)}x | ${(cpython / ours).toFixed(1)}x | ${(ours / bare).toFixed(2)}x | ${cpuRatio} |`);
    traceRows.push(`| ${w.name} | ${(bareEvents / ops).toFixed(1)} | ${(bareTraced / bare).toFixed(2)}x | ${(ourEvents / ops).toFixed(1)} | ${(oursTraced / ours).toFixed(2)}x |`);
  }
  console.log(`CPython ${python} vs a bare model of its algorithm and vs the runtime, Node ${process.versions.node}; scale ${scale}; interleaved runs, the best of ${REPEATS} for CPython and the traced runs, of ${2 * REPEATS} for the model and the runtime\n`);
  console.log('| workload | bare model / CPython | runtime / CPython | runtime time / bare model time | the same in CPU time of the thread |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  console.log('\nA trace listener on the bare model (its events as objects, with labels and reprs) and on the runtime\n');
  console.log('| workload | bare model: events per op | bare model: listener overhead | runtime: events per op | runtime: listener overhead |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of traceRows) console.log(row);
}
