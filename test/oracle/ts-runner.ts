// The same interpreter as cpython_runner.py, on our runtime: runs an oracle program
// (test/oracle/program.ts) on a fresh Realm (so tasks are numbered from Task-1 and the clock starts
// at 0.0, ticking 1 µs per read as cpython_runner.py's does) and records the same trace. The loop is driven by the standalone driver (virtual time);
// its onBlock hook counts selector waits, traces them, and delivers Ctrl+C at the chosen ones
// (KeyboardInterrupt thrown into the wait, or asyncio.Runner's SIGINT handler inside asyncio.run).
//
// Read it beside cpython_runner.py: every op is spelled as the Python runner spells it, so a
// difference between the traces is a difference between CPython's asyncio and ours.
import { BaseEventLoop } from '../../src/runtime/base-events.js';
import { SimulationHang, driveStandalone, type Blocking, type BlockingRequest } from '../../src/runtime/blocking.js';
import { print } from '../../src/runtime/builtins.js';
import { ContextVar } from '../../src/runtime/context.js';
import { asyncDef, setLine } from '../../src/runtime/coroutines.js';
import {
  CancelledError,
  KeyError,
  KeyboardInterrupt,
  PyBaseException,
  RuntimeError,
  SystemExit,
  TypeError,
  ValueError,
  ZeroDivisionError,
  excLine,
  isException,
} from '../../src/runtime/exceptions.js';
import { Future } from '../../src/runtime/futures.js';
import type { PythonVersion } from '../../src/runtime/python-version.js';
import { VirtualClock } from '../../src/runtime/clock.js';
import { eventLoopPolicy } from '../../src/runtime/policy.js';
import { Realm, withRealm } from '../../src/runtime/realm.js';
import { pyFunction, repr } from '../../src/runtime/repr.js';
import { Runner } from '../../src/runtime/runners.js';
import { sleep } from '../../src/runtime/sleep.js';
import { allTasks, currentTask } from '../../src/runtime/task-registry.js';
import type { TraceListener } from '../../src/runtime/trace.js';
import { Task } from '../../src/runtime/tasks.js';
import { AWAIT_OPS, type AwaitableSpec, type Entry, type ExcSpec, type Op, type Program, type RunResult, type Value } from './program.js';
import { gatherOp, shieldOp, waitForOp, waitOp } from './ts-combinators.js';

const PROGRAM_FILE = 'program.py';

/** Same limit as cpython_runner.py: a runaway program is reported as a hang. */
const MAX_SELECTS = 20000;

const EXCEPTIONS: Record<ExcSpec['type'], new (...args: unknown[]) => PyBaseException> = {
  ValueError,
  RuntimeError,
  TypeError,
  KeyError,
  ZeroDivisionError,
  KeyboardInterrupt,
  SystemExit,
};

/** Thrown out of the driver when the program would wait forever (or runs away). */
class Hang extends Error {}

type Handleish = { cancel(): void; cancelled(): boolean };
type Obj = { label: string; kind: 'Handle' | 'TimerHandle' | 'Future' | 'Task'; obj: unknown };

function valueOf(v: Value | undefined): unknown {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.map(valueOf) : v;
}

function makeExc(spec: ExcSpec): PyBaseException {
  const cls = EXCEPTIONS[spec.type];
  return spec.msg === null ? new cls() : new cls(spec.msg);
}

/** '! Type: message' for a Python exception; a JS error is a bug in the runtime, shown as such. */
function raised(error: unknown): string {
  if (error instanceof PyBaseException) return `! ${excLine(error)}`;
  const e = error as Error;
  return `! JS ${e?.name}: ${e?.message}`;
}

/**
 * Hang, or the driver's SimulationHang: also when a Task caught it (a nested run_forever's wait,
 * 3.13) and stored it, wrapped, as its exception (toPyException keeps the name), then result()
 * raised it; cpython_runner.py's Hang goes the same way through the Task and still ends the program.
 */
function isHarnessSignal(error: unknown): boolean {
  return error instanceof Hang || error instanceof SimulationHang || (error instanceof PyBaseException && error.name === 'SimulationHang');
}

function argsRepr(args: readonly unknown[]): string {
  return `(${args.map((a) => repr(a)).join(', ')})`;
}

function taskOrder(name: string): [number, number, string] {
  const m = /^Task-(\d+)$/.exec(name);
  return m ? [0, Number(m[1]), ''] : [1, 0, name];
}

function byTaskName(a: Task, b: Task): number {
  const x = taskOrder(a.getName());
  const y = taskOrder(b.getName());
  return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
}

class ProgramRun {
  readonly trace: Entry[] = [];
  readonly realm: Realm;
  loop: BaseEventLoop;
  /** The asyncio.Runner of a running asyncio_run op: Ctrl+C goes to its SIGINT handler. */
  private runner: Runner | undefined;
  selects = 0;
  private recording = true;
  private readonly vars = new Map<string, unknown>();
  private readonly objects: Obj[] = [];
  private readonly loops: BaseEventLoop[] = [];
  /** The program's context variable (each program runs in a fresh realm, so in a fresh, empty Context). */
  private readonly variable = new ContextVar<unknown>('var', { default: 'unset' });
  private readonly labels = new Map<unknown, string>();
  private readonly functions = new Map<string, (...args: unknown[]) => unknown>();

  constructor(
    readonly program: Program,
    python: PythonVersion,
    observe?: (realm: Realm) => void,
    origin?: number,
    /** Waits as the simulated process's kernel does (StandaloneOptions.kernelWaits). */
    private readonly kernelWaits = false,
  ) {
    this.realm = new Realm(new VirtualClock({ ...(program.clockResolution === undefined ? {} : { resolution: program.clockResolution }), ...(origin === undefined ? {} : { origin }) }), python);
    observe?.(this.realm);
    this.loop = this.useLoop(new BaseEventLoop({ realm: this.realm }));
    // As cpython_runner.py's policy (prepare): every loop the policy makes becomes the program's loop,
    // asyncio.run's and the one 3.12/3.13's get_event_loop() makes when no loop is running (3.13's
    // nested run_forever leaves the outer run without one: docs/oracle.md).
    const policy = eventLoopPolicy(this.realm);
    const newEventLoop = policy.newEventLoop.bind(policy);
    policy.newEventLoop = () => this.useLoop(newEventLoop());
    let inTraceback = false;
    this.realm.sink = (stream, text) => {
      for (const line of text.split('\n')) {
        if (stream === 'stdout') {
          this.add(['print', line]);
          continue;
        }
        // The same normalization as cpython_runner.py's LineWriter.
        if (line.startsWith('Traceback (most recent call last):')) inTraceback = true;
        else if (inTraceback && line.startsWith(' ')) continue;
        else inTraceback = false;
        this.add(['stderr', line]);
      }
    };
    for (const [name, fn] of Object.entries(program.functions)) this.functions.set(name, this.makeFunction(name, fn.kind, fn.body));
  }

  /** Makes `loop` the program's loop (asyncio.run makes a new one), with the custom handler if asked. */
  useLoop(loop: BaseEventLoop): BaseEventLoop {
    this.loop = loop;
    this.loops.push(loop);
    if ((this.program.handler ?? 'custom') === 'custom') {
      loop.setExceptionHandler((_loop, context) => {
        const exc = context.exception;
        const rest = Object.keys(context)
          .filter((key) => key !== 'message' && key !== 'exception' && context[key] !== undefined)
          .sort()
          .map((key) => `${key}: ${repr(context[key])}`);
        this.add(['handler', context.message, exc ? excLine(exc) : null, rest]);
      });
    }
    return loop;
  }

  // ── recording ──────────────────────────────────────────────────────────────
  add(entry: Entry): void {
    if (this.recording) this.trace.push([this.realm.clock.peek(), ...entry]);
  }

  current(): string {
    const task = currentTask<Task>(this.loop);
    return task === null ? '-' : task.getName();
  }

  bind(name: string | undefined, kind: Obj['kind'], obj: unknown): void {
    const base = name ?? `_${kind}${this.objects.length + 1}`;
    let label = base;
    for (let n = 2; this.objects.some((o) => o.label === label); n++) label = `${base}#${n}`;
    this.vars.set(base, obj);
    this.objects.push({ label, kind, obj });
    this.labels.set(obj, label);
  }

  ref<T>(name: string): T {
    if (!this.vars.has(name)) throw new Error(`program refers to ${name} before it exists`);
    return this.vars.get(name) as T;
  }

  // ── functions ──────────────────────────────────────────────────────────────
  private makeFunction(name: string, kind: 'callback' | 'coroutine', body: Op[]): (...args: unknown[]) => unknown {
    // Where cpython_runner.py says the function is defined (program.py, line 10k + 1).
    const line = 10 * Object.keys(this.program.functions).indexOf(name) + 1;
    if (kind === 'callback') {
      if (body.some((op) => op.op === 'block')) {
        // A callback that calls time.sleep blocks its thread: it is a generator the loop runs to the end.
        const run = this;
        return pyFunction(
          function* (...args: unknown[]) {
            run.add(['call', name, argsRepr(args)]);
            yield* run.execBlocking(name, body);
          },
          { name, file: PROGRAM_FILE, line },
        );
      }
      return pyFunction(
        (...args: unknown[]) => {
          this.add(['call', name, argsRepr(args)]);
          this.execSync(name, body);
        },
        { name, file: PROGRAM_FILE, line },
      );
    }
    const run = this;
    return asyncDef(
      name,
      function* (...args: unknown[]) {
        run.add(['enter', run.current(), name, argsRepr(args)]);
        // The Python coroutine awaits its body two lines below its `async def`.
        setLine(line + 2);
        return yield* run.execAsync(name, body);
      },
      { file: PROGRAM_FILE, line },
    );
  }

  awaitable(item: AwaitableSpec): unknown {
    if ('ref' in item) return this.ref(item.ref);
    return this.functions.get(item.coro)!(...(item.args ?? []).map(valueOf));
  }

  // ── statements ─────────────────────────────────────────────────────────────
  execSync(where: string, body: Op[]): unknown {
    for (let i = 0; i < body.length; i++) {
      const r = this.step(where, i, body[i]!);
      if (r !== undefined) return r.value;
    }
    return null;
  }

  /** A callback body with time.sleep calls in it: each one is a blocking request to the driver. */
  *execBlocking(where: string, body: Op[]): Blocking<void> {
    for (let i = 0; i < body.length; i++) {
      const op = body[i]!;
      if (op.op === 'block') {
        yield { kind: 'sleep', seconds: op.seconds };
        continue;
      }
      if (this.step(where, i, op) !== undefined) return;
    }
  }

  *execAsync(where: string, body: Op[]): Generator<unknown, unknown, unknown> {
    for (let i = 0; i < body.length; i++) {
      const op = body[i]!;
      if (AWAIT_OPS.has(op.op)) {
        yield* this.awaitOp(where, i, op);
        continue;
      }
      const r = this.step(where, i, op);
      if (r !== undefined) return r.value;
    }
    return null;
  }

  opEntry(where: string, index: number, op: Op, outcome: string): void {
    this.add(['op', this.current(), `${where}#${index} ${op.op}`, outcome]);
  }

  outcome(fn: () => unknown, interruptible = false): string {
    try {
      return `= ${repr(fn())}`;
    } catch (error) {
      if (isHarnessSignal(error)) throw error;
      if (error instanceof KeyboardInterrupt && !interruptible) throw error;
      return raised(error);
    }
  }

  step(where: string, index: number, op: Op): { value: unknown } | undefined {
    const loop = this.loop;
    switch (op.op) {
      case 'print':
        print(op.text);
        break;
      case 'call_soon':
      case 'call_later':
      case 'call_at': {
        const fn = this.functions.get(op.fn)!;
        const args = (op.args ?? []).map(valueOf);
        const handle =
          op.op === 'call_soon' ? loop.callSoon(fn, ...args) : op.op === 'call_later' ? loop.callLater(op.delay, fn, ...args) : loop.callAt(op.when, fn, ...args);
        this.bind(op.as, op.op === 'call_soon' ? 'Handle' : 'TimerHandle', handle);
        break;
      }
      case 'cancel_handle':
        this.ref<Handleish>(op.ref).cancel();
        break;
      case 'create_future':
        this.bind(op.as, 'Future', loop.createFuture());
        break;
      case 'create_task': {
        const coro = this.functions.get(op.coro)!(...(op.args ?? []).map(valueOf));
        const task = loop.createTask(coro as Generator<unknown, unknown, unknown>, op.name === undefined ? {} : { name: op.name });
        this.bind(op.as, 'Task', task);
        break;
      }
      case 'set_result': {
        const fut = this.ref<Future>(op.ref);
        this.opEntry(where, index, op, this.outcome(() => fut.setResult(valueOf(op.value))));
        break;
      }
      case 'set_exception': {
        const fut = this.ref<Future>(op.ref);
        this.opEntry(where, index, op, this.outcome(() => fut.setException(makeExc(op.exc))));
        break;
      }
      case 'cancel': {
        const fut = this.ref<Future>(op.ref);
        const msg = op.msg ?? undefined;
        this.opEntry(where, index, op, this.outcome(() => (msg === undefined ? fut.cancel() : fut.cancel(msg))));
        break;
      }
      case 'result': {
        const fut = this.ref<Future>(op.ref);
        this.opEntry(where, index, op, this.outcome(() => fut.result()));
        break;
      }
      case 'exception': {
        const fut = this.ref<Future>(op.ref);
        this.opEntry(where, index, op, this.outcome(() => fut.exception()));
        break;
      }
      case 'add_done_callback':
        this.ref<Future>(op.ref).addDoneCallback(this.functions.get(op.fn)! as (f: Future) => unknown);
        break;
      case 'remove_done_callback': {
        const fut = this.ref<Future>(op.ref);
        this.opEntry(where, index, op, this.outcome(() => fut.removeDoneCallback(this.functions.get(op.fn)! as (f: Future) => unknown)));
        break;
      }
      case 'repr':
        this.opEntry(where, index, op, repr(this.ref(op.ref)));
        break;
      case 'cancelling': {
        const task = this.ref<Task>(op.ref);
        this.opEntry(where, index, op, this.outcome(() => task.cancelling()));
        break;
      }
      case 'uncancel': {
        const task = this.ref<Task>(op.ref);
        this.opEntry(where, index, op, this.outcome(() => task.uncancel()));
        break;
      }
      case 'close':
        this.opEntry(where, index, op, this.outcome(() => loop.close()));
        break;
      case 'block':
        throw new Error('time.sleep (block) is only supported in callbacks');
      case 'var_set':
        this.variable.set(valueOf(op.value));
        break;
      case 'var_get':
        this.opEntry(where, index, op, this.outcome(() => this.variable.get()));
        break;
      case 'stop':
        loop.stop();
        break;
      case 'raise': {
        // A raised exception has a traceback (its frames are dropped from the compared output, the
        // `Traceback` header stays); one only made, for set_exception, has none.
        const exc = makeExc(op.exc);
        exc.frames.push({ file: 'program.py', line: 0, name: where });
        throw exc;
      }
      case 'return':
        return { value: valueOf(op.value) };
      case 'run_until_complete': {
        const target = this.awaitable(op) as Future | Generator<unknown, unknown, unknown>;
        this.add(['run', `${where}#${index} run_until_complete`, this.outcome(() => loop.runUntilComplete(target, { onBlock: this.onBlock, kernelWaits: this.kernelWaits }), true)]);
        break;
      }
      case 'asyncio_run': {
        // asyncio.run(main): Runner.run(main), then Runner.close() (cancel what is left, shut down, close).
        const main = this.awaitable(op) as Generator<unknown, unknown, unknown>;
        const runner = new Runner();
        runner.getLoop(); // its loop, from the policy, becomes the program's loop
        const run = function* () {
          try {
            return yield* runner.run(main);
          } finally {
            yield* runner.close();
          }
        };
        this.runner = runner;
        try {
          this.add(['run', `${where}#${index} asyncio_run`, this.outcome(() => driveStandalone(run(), { realm: this.realm, onBlock: this.onBlock, kernelWaits: this.kernelWaits }), true)]);
        } finally {
          this.runner = undefined;
        }
        break;
      }
      case 'run_forever':
        this.add(['run', `${where}#${index} run_forever`, this.outcome(() => loop.runForever({ onBlock: this.onBlock, kernelWaits: this.kernelWaits }), true)]);
        break;
      case 'cancel_all': {
        const pending = [...allTasks<Task>(loop)].sort(byTaskName);
        const msg = op.msg ?? undefined;
        for (const task of pending) {
          if (msg === undefined) task.cancel();
          else task.cancel(msg);
        }
        this.add(['cancel_all', pending.map((t) => t.getName())]);
        break;
      }
      default:
        throw new Error(`unknown op ${op.op}`);
    }
    return undefined;
  }

  /** The selector wait, as cpython_runner.py's VirtualSelector.select sees it. */
  private readonly onBlock = (request: BlockingRequest): 'interrupt' | void => {
    if (request.kind !== 'select') return;
    const timeout = (request as { timeout: number | null }).timeout;
    this.selects += 1;
    this.add(['select', timeout]);
    const at = this.program.interruptAt;
    if (at === this.selects || (Array.isArray(at) && at.includes(this.selects))) {
      // SIGINT: asyncio.Runner's handler takes the first one while its main task runs (cancels it
      // and wakes the loop); otherwise KeyboardInterrupt is raised in the wait.
      return this.runner?.interrupt() ? undefined : 'interrupt';
    }
    // select(None) with nothing to wake the loop: the driver throws SimulationHang into the loop's
    // generator, so run_forever's finally blocks run, as they do for cpython_runner.py's Hang.
    if (this.selects > MAX_SELECTS) throw new Hang('runaway');
  };

  *awaitOp(where: string, index: number, op: Op): Generator<unknown, void, unknown> {
    let aw: unknown;
    switch (op.op) {
      case 'sleep':
        aw = sleep(op.delay, valueOf(op.result));
        break;
      case 'await':
        aw = this.ref(op.ref);
        break;
      case 'await_coro':
        aw = this.awaitable(op);
        break;
      case 'gather':
        aw = gatherOp(op.items.map((i) => this.awaitable(i)), op.return_exceptions ?? false);
        break;
      case 'wait':
        aw = waitOp(
          op.refs.map((r) => this.ref<Future>(r)),
          op.timeout ?? null,
          op.return_when ?? 'ALL_COMPLETED',
        );
        break;
      case 'wait_for':
        aw = waitForOp(this.awaitable(op.item), op.timeout);
        break;
      case 'shield':
        aw = shieldOp(this.awaitable(op.item));
        break;
      default:
        throw new Error(`unknown await ${op.op}`);
    }
    const task = this.current();
    const desc = `${where}#${index} ${op.op}`;
    let result: unknown;
    try {
      result = yield* aw as Generator<unknown, unknown, unknown>;
    } catch (error) {
      if (isHarnessSignal(error)) throw error;
      if (error instanceof KeyboardInterrupt) throw error;
      this.add(['await', task, desc, raised(error)]);
      const c = 'catch' in op ? op.catch : undefined;
      if (c === 'BaseException' && (isException(error) || error instanceof CancelledError)) return;
      if (c === 'Exception' && error instanceof PyBaseException && isException(error)) return;
      throw error;
    }
    if (op.op === 'wait') {
      const [done, pending] = result as [Set<unknown>, Set<unknown>];
      this.add(['await', task, desc, `done=${this.labelsOf(done)} pending=${this.labelsOf(pending)}`]);
    } else {
      this.add(['await', task, desc, `= ${repr(result)}`]);
    }
  }

  labelsOf(futures: Iterable<unknown>): string {
    const order = new Map(this.objects.map((o, i) => [o.obj, i]));
    const sorted = [...futures].sort((a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1));
    return `[${sorted.map((f) => this.labels.get(f) ?? '?').join(', ')}]`;
  }

  // ── the whole program ──────────────────────────────────────────────────────
  run(): Entry[] {
    withRealm(this.realm, () => {
      try {
        this.execSync('top', this.program.top);
      } catch (error) {
        if (isHarnessSignal(error)) this.add(['hang']);
        // A module-level statement raised (an Exception, as cpython_runner.py catches): the program ends there.
        else if (error instanceof PyBaseException && isException(error)) this.add(['top_raised', excLine(error)]);
        else throw error;
      }
    });
    this.finish();
    return this.trace;
  }

  /** A done future's outcome; a Task that stored the hang that ended the program (a nested run's wait) shows it, as cpython_runner.py does. */
  private finalOutcome(fut: Future): string {
    try {
      return this.outcome(() => fut.result(), true);
    } catch (error) {
      if (!isHarnessSignal(error)) throw error;
      return error instanceof Hang ? `! Hang: ${error.message}` : raised(error);
    }
  }

  finish(): void {
    withRealm(this.realm, () => {
      for (const { label, kind, obj } of this.objects) {
        if (kind === 'Handle' || kind === 'TimerHandle') {
          this.trace.push(['final', label, kind, (obj as Handleish).cancelled() ? 'cancelled' : 'not cancelled']);
          continue;
        }
        const fut = obj as Future;
        const state = fut.cancelled() ? 'CANCELLED' : fut.done() ? 'FINISHED' : 'PENDING';
        const detail = fut.done() ? this.finalOutcome(fut) : null;
        this.trace.push(['final', label, kind, state, detail, kind === 'Task' ? (fut as Task).getName() : null]);
      }
      const pending = [...allTasks<Task>(this.loop)].sort(byTaskName);
      this.trace.push(['pending_tasks', pending.map((t) => t.getName())]);
      this.trace.push(['end', this.loop.time(), this.selects, this.loop.isRunning(), this.loop.isClosed()]);
      this.recording = false;
      for (const loop of this.loops) if (!loop.isRunning()) loop.close();
    });
  }
}

/**
 * Runs one program on the runtime; a failure of the runner itself is reported in `error`.
 * `listen` receives the runtime's own trace events (src/runtime/trace.ts) while it runs. `origin`
 * and `kernelWaits`: where the clock starts (default 0.0) and how waits advance it (default: exactly
 * by the timeout, as cpython_runner.py's clock); a recorded program's clock starts at the process's
 * origin and waits as the process's kernel does.
 */
export function runOnRuntime(
  program: Program,
  options: { listen?: TraceListener; observe?: (realm: Realm) => void; python?: PythonVersion; origin?: number; kernelWaits?: boolean } = {},
): RunResult {
  const run = new ProgramRun(program, options.python ?? '3.11', options.observe, options.origin, options.kernelWaits);
  if (options.listen) run.realm.tracer.listen(options.listen);
  try {
    return { name: program.name, trace: run.run() };
  } catch (error) {
    const e = error as Error;
    return { name: program.name, trace: run.trace, error: `${e?.name}: ${e?.message}\n${e?.stack ?? ''}` };
  }
}
