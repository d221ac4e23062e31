// An oracle program (test/oracle/program.ts) written out as the Python program a learner would run:
// `asyncio-lab run program.py` records it, and test/oracle/ts-runner.ts runs the same program on the
// runtime, so the two lab traces can be compared (generated.test.ts).
//
// Lines are placed where both runners say the functions are: function k's `def` at line 10k + 1; a
// coroutine awaits its body (a coroutine of its own, `_co_<name>`, after the functions) on line
// 10k + 3, where its task's repr shows it suspended. Bodies hold one statement per line, as a learner
// writes them (the recorder reads futures' states line by line). What the oracle traces as an outcome
// (set_result on a done future, an await that raises) is caught by small helpers, which print
// nothing: only what the program itself prints, schedules and runs is compared. The prelude does what
// the oracle's runners do for every program: names unnamed tasks per program (Task-1 in every
// program, on every engine), keeps every task alive until the end, hands asyncio.run's shutdown the
// tasks in creation order and asyncio.wait's loop over its futures the order they were listed in
// (CPython iterates sets in an order that follows addresses; the runtime keeps these), ignores warnings, and installs
// the program's exception handler (the oracle's custom one, which logs nothing) on each loop.
import type { AwaitableSpec, Catch, ExcSpec, Op, Program, Value } from '../../oracle/program.js';

/** A Python literal of a program's value. */
function literal(value: Value | undefined): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return `[${value.map(literal).join(', ')}]`;
}

function args(values: readonly Value[] | undefined): string {
  return (values ?? []).map(literal).join(', ');
}

function exc(spec: ExcSpec): string {
  return `${spec.type}(${spec.msg === null ? '' : literal(spec.msg)})`;
}

const ref = (name: string) => `_v[${literal(name)}]`;

function awaitable(item: AwaitableSpec): string {
  return 'ref' in item ? ref(item.ref) : `${item.coro}(${args(item.args)})`;
}

function catchOf(op: { catch?: Catch }): string {
  return op.catch === undefined ? 'None' : literal(op.catch);
}

/** One op as one simple statement. */
function statement(op: Op): string {
  switch (op.op) {
    case 'print':
      return `print(${literal(op.text)})`;
    case 'call_soon':
      return `_bind(${literal(op.as ?? null)}, 'Handle', _loop.call_soon(${[op.fn, args(op.args)].filter(Boolean).join(', ')}))`;
    case 'call_later':
      return `_bind(${literal(op.as ?? null)}, 'TimerHandle', _loop.call_later(${[String(op.delay), op.fn, args(op.args)].filter(Boolean).join(', ')}))`;
    case 'call_at':
      return `_bind(${literal(op.as ?? null)}, 'TimerHandle', _loop.call_at(${[String(op.when), op.fn, args(op.args)].filter(Boolean).join(', ')}))`;
    case 'cancel_handle':
      return `${ref(op.ref)}.cancel()`;
    case 'create_future':
      return `_bind(${literal(op.as ?? null)}, 'Future', _loop.create_future())`;
    case 'create_task':
      return `_bind(${literal(op.as ?? null)}, 'Task', _loop.create_task(${op.coro}(${args(op.args)})${op.name === undefined ? '' : `, name=${literal(op.name)}`}))`;
    case 'set_result':
      return `_try(${ref(op.ref)}.set_result, ${literal(op.value)})`;
    case 'set_exception':
      return `_try(${ref(op.ref)}.set_exception, ${exc(op.exc)})`;
    case 'cancel':
      return `_try(${ref(op.ref)}.cancel${op.msg === undefined || op.msg === null ? '' : `, ${literal(op.msg)}`})`;
    case 'result':
    case 'exception':
    case 'cancelling':
    case 'uncancel':
      return `_try(${ref(op.ref)}.${op.op})`;
    case 'add_done_callback':
      return `${ref(op.ref)}.add_done_callback(${op.fn})`;
    case 'remove_done_callback':
      return `_try(${ref(op.ref)}.remove_done_callback, ${op.fn})`;
    case 'repr':
      return `repr(${ref(op.ref)})`;
    case 'close':
      return '_try(_loop.close)';
    case 'var_set':
      return `_var.set(${literal(op.value)})`;
    case 'var_get':
      return '_try(_var.get)';
    case 'block':
      return `time.sleep(${op.seconds})`;
    case 'stop':
      return '_loop.stop()';
    case 'raise':
      return `raise ${exc(op.exc)}`;
    case 'return':
      return `return ${literal(op.value)}`;
    case 'run_until_complete':
      return `_run(_loop.run_until_complete, ${awaitable(op)})`;
    case 'run_forever':
      return '_run(_loop.run_forever)';
    case 'asyncio_run':
      return `_run(_asyncio_run, ${op.coro}(${args(op.args)}))`;
    case 'cancel_all':
      return `_cancel_all(${literal(op.msg ?? null)})`;
    case 'sleep':
      return `await _await(asyncio.sleep(${op.delay}, ${literal(op.result)}), ${catchOf(op)})`;
    case 'await':
      return `await _await(${ref(op.ref)}, ${catchOf(op)})`;
    case 'await_coro':
      return `await _await(${op.coro}(${args(op.args)}), ${catchOf(op)})`;
    case 'gather':
      return `await _await(asyncio.gather(${[...op.items.map(awaitable), `return_exceptions=${literal(op.return_exceptions ?? false)}`].join(', ')}), ${catchOf(op)})`;
    case 'wait':
      return `await _await(_wait_listed([${op.refs.map(ref).join(', ')}], timeout=${literal(op.timeout ?? null)}, return_when=${literal(op.return_when ?? 'ALL_COMPLETED')}), ${catchOf(op)})`;
    case 'wait_for':
      return `await _await(asyncio.wait_for(${awaitable(op.item)}, ${literal(op.timeout)}), ${catchOf(op)})`;
    case 'shield':
      return `await _await(asyncio.shield(${awaitable(op.item)}), ${catchOf(op)})`;
  }
}

/** What every program shares, after its functions (they read these names only when they run). */
const PRELUDE = `import asyncio, contextvars, gc, time, warnings
gc.disable()
warnings.simplefilter('ignore')
_v = {}
_kept = []
_tasks = []
_loops = []
_var = contextvars.ContextVar('var', default='unset')
_names = iter(range(1, 1 << 30))
_create_task = asyncio.BaseEventLoop.create_task


def _named_task(loop, coro, *, name=None, context=None):
    task = _create_task(loop, coro, name=f'Task-{next(_names)}' if name is None else name, context=context)
    _tasks.append(task)
    return task


asyncio.BaseEventLoop.create_task = _named_task
_all_tasks = asyncio.tasks.all_tasks
asyncio.tasks.all_tasks = lambda loop=None: sorted(_all_tasks(loop), key=_tasks.index)


_listed = []
_wait = asyncio.tasks._wait


async def _wait_in_listed_order(fs, timeout, return_when, loop):
    return await _wait(sorted(fs, key=_listed.index), timeout, return_when, loop)


asyncio.tasks._wait = _wait_in_listed_order


def _wait_listed(fs, **options):
    _listed[:] = fs
    return asyncio.wait(fs, **options)


def _handler(loop, context):
    pass


def _use(loop):
    global _loop
    _loop = loop
    _loops.append(loop)
    loop.set_exception_handler(_handler)
    return loop


def _bind(name, kind, obj):
    _v[name if name is not None else f'_{kind}{len(_kept) + 1}'] = obj
    _kept.append(obj)


def _try(fn, *args):
    try:
        fn(*args)
    except KeyboardInterrupt:
        raise
    except BaseException:
        pass


def _run(fn, *args):
    try:
        fn(*args)
    except BaseException:
        pass


async def _await(aw, catch):
    try:
        await aw
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        if catch == 'BaseException' and isinstance(exc, (Exception, asyncio.CancelledError)):
            return
        if catch == 'Exception' and isinstance(exc, Exception):
            return
        raise


def _asyncio_run(main):
    with asyncio.Runner() as runner:
        _use(runner.get_loop())
        return runner.run(main)


def _cancel_all(msg):
    for task in sorted(asyncio.all_tasks(_loop), key=_tasks.index):
        task.cancel() if msg is None else task.cancel(msg)


_use(asyncio.new_event_loop())
`;

/** The program as Python source. */
export function pythonSource(program: Program): string {
  const lines: string[] = [];
  const names = Object.keys(program.functions);
  names.forEach((name, k) => {
    const fn = program.functions[name]!;
    while (lines.length < 10 * k) lines.push('');
    if (fn.kind === 'coroutine') lines.push(`async def ${name}(*args):`, `    body = _co_${name}()`, `    return await body`);
    else lines.push(`def ${name}(*args):`, `    return _cb_${name}()`);
  });
  lines.push('', '');
  for (const name of names) {
    const fn = program.functions[name]!;
    lines.push('', `${fn.kind === 'coroutine' ? 'async def _co_' : 'def _cb_'}${name}():`);
    for (const op of fn.body) lines.push(`    ${statement(op)}`);
    lines.push('    pass', '');
  }
  lines.push('', PRELUDE);
  lines.push('try:');
  for (const op of program.top) lines.push(`    ${statement(op)}`);
  lines.push('    pass', 'except Exception:', '    pass');
  // As the oracle's runner ends a program: it reads the loop's time, then closes every loop that is not running.
  lines.push('_loop.time()', 'for _l in _loops:', '    if not _l.is_running():', '        _l.close()');
  return `${lines.join('\n')}\n`;
}
