#!/usr/bin/env python3
"""The oracle: runs oracle programs (test/oracle/program.ts) on REAL CPython asyncio, in virtual time.

Reads one JSON program per line on stdin and writes one JSON result per line on stdout:
    {"name": ..., "trace": [entry, ...]}            or, if the harness itself failed,
    {"name": ..., "trace": [...], "error": "..."}

Virtual time: VirtualLoop subclasses asyncio.SelectorEventLoop (through src/engines/virtual_time.py,
which removes the self-pipe, so it runs under Pyodide too), so `_run_once` is CPython's own,
untouched. Only two things are replaced:
  * `time()` reads a virtual clock that moves on every read, as a real one does while code runs
    (VirtualClock in src/engines/virtual_time.py: src/runtime/clock.ts's arithmetic, bit for bit);
  * the selector's `select(timeout)` returns no events and adds exactly `timeout` to `instant`
    (the same float addition the TypeScript runtime performs).
Every trace entry carries the clock's last reading, so the runtime must read its clock exactly as
often, and at the same points, as CPython's asyncio does. `select(None)` with nothing that could
    ever wake the loop is a hang, reported as a trace entry. At a chosen select, SIGINT is raised
    (Ctrl+C while the loop waits): the default handler raises KeyboardInterrupt there, asyncio.Runner's
    handler cancels the main task instead.

asyncio.run() gets such a loop from the default event loop policy, whose loop factory makes it
(prepare). Its shutdown iterates all_tasks(), a set in address order; the runner pins that to
creation order (see all_tasks_in_creation_order).

Under Pyodide (CPython 3.12 to 3.15, test/oracle/pyodide-harness.ts) the same file is imported and
driven through prepare() and answer(), one program at a time.

Garbage collection: CPython reports some things when an object is destroyed ('Task exception was
never retrieved', 'Task was destroyed but it is pending!'), at a moment set by reference counting.
The runtime has no such moment, so the runner keeps every task and future alive until the program
has ended and been recorded; nothing is reported from a destructor.

Task names: the C Task keeps its `Task-N` counter in C (resetting `asyncio.tasks._task_name_counter`
does not reach it), so the loop's `create_task` names unnamed tasks from a per-program counter, which
numbers them exactly as a fresh process would (every unnamed task goes through `loop.create_task`).

The trace entries are documented in test/oracle/program.ts; the TypeScript runner records the same.
"""
import asyncio
import contextvars
import gc
import itertools
import json
import os
import re
import selectors
import signal
import sys
import traceback
import warnings

# virtual_time.py sits in src/engines; under Pyodide it is already importable.
here = os.path.dirname(os.path.abspath(__file__))
sys.path.append(os.path.join(here, '..', '..', 'src', 'engines'))
from virtual_time import VirtualClock, VirtualTimeLoop, use_virtual_time  # noqa: E402 - found through the path set just above

MAX_SELECTS = 20000  # a runaway program (it should never happen: generated call graphs are acyclic)

EXCEPTIONS = {
    'ValueError': ValueError,
    'RuntimeError': RuntimeError,
    'TypeError': TypeError,
    'KeyError': KeyError,
    'ZeroDivisionError': ZeroDivisionError,
    'KeyboardInterrupt': KeyboardInterrupt,
    'SystemExit': SystemExit,
}


class Hang(BaseException):
    """The loop waits with no timeout and nothing can wake it: a real process would hang here."""


class VirtualSelector(selectors.SelectSelector):
    def __init__(self, program_run):
        super().__init__()
        self._run = program_run

    def select(self, timeout=None):
        run = self._run
        run.selects += 1
        run.add(['select', None if timeout is None else float(timeout)])
        if run.selects in run.interrupts:
            # Ctrl+C while the loop waits: SIGINT, handled where the main thread stands. The default
            # handler raises KeyboardInterrupt here; asyncio.Runner's handler instead cancels the
            # main task and writes the self-pipe, so the wait ends at once.
            signal.raise_signal(signal.SIGINT)
            return []
        if timeout is None:
            raise Hang('select(None)')
        if run.selects > MAX_SELECTS:
            raise Hang('runaway')
        run.clock.advance(timeout)
        return []


class VirtualLoop(VirtualTimeLoop):
    def __init__(self, program_run):
        self._program_run = program_run
        super().__init__(VirtualSelector(program_run), clock=program_run.clock)

    def create_task(self, coro, *, name=None, context=None):
        if name is None:
            name = f'Task-{next(self._program_run.task_counter)}'
        task = super().create_task(coro, name=name, context=context)
        self._program_run.keep_alive.append(task)
        return task

    def create_future(self):
        future = super().create_future()
        self._program_run.keep_alive.append(future)
        return future


def exc_line(exc):
    text = normalize(str(exc))
    return f'{type(exc).__name__}: {text}' if text else type(exc).__name__


def outcome_of(fn, interruptible=False):
    """'= repr(result)' or '! Type: message' (the same spelling the TypeScript runner uses).
    KeyboardInterrupt is an outcome only where the program catches it (around a run call)."""
    try:
        return '= ' + normalize(repr(fn()))
    except Hang:
        raise
    except KeyboardInterrupt as exc:
        if interruptible:
            return '! ' + exc_line(exc)
        raise
    except BaseException as exc:  # noqa: B902 - CancelledError is a BaseException
        return '! ' + exc_line(exc)


def make_exc(spec):
    cls = EXCEPTIONS[spec['type']]
    return cls(spec['msg']) if spec.get('msg') is not None else cls()


def value_of(v):
    return [value_of(x) for x in v] if isinstance(v, list) else v


# The runtime shows CPython's own files (asyncio/base_events.py:180 ...) under this directory (the
# harness passes the runtime's PY_STDLIB_DIR); wherever this interpreter keeps its standard library,
# reprs are compared as if it were there.
RUNTIME_STDLIB = os.environ.get('ORACLE_RUNTIME_STDLIB', '/usr/lib/python3.11')
STDLIB = os.path.dirname(os.path.dirname(asyncio.__file__))
# The program's functions are "defined" in program.py, function k (0-based, in the program's order)
# at line 10 * k + 1; a coroutine suspended in an await stands 2 lines below (see _make_function).
PROGRAM_FILE = 'program.py'


def first_line(k):
    return 10 * k + 1


def normalize(text):
    """A repr or message as the runtime would show it: CPython's stdlib directory mapped to the runtime's."""
    return text.replace(STDLIB, RUNTIME_STDLIB)


class LineWriter:
    """A stand-in for sys.stdout / sys.stderr that turns every written line into a trace entry.

    stderr (the default exception handler's log output) is normalized: the frame lines of tracebacks
    are dropped (they show this interpreter's source); messages, reprs, the 'Traceback' header and the
    exception line stay."""

    def __init__(self, run, kind):
        self._run = run
        self._kind = kind
        self._buffer = ''
        self._in_traceback = False

    def write(self, text):
        self._buffer += text
        while '\n' in self._buffer:
            line, self._buffer = self._buffer.split('\n', 1)
            self._emit(line)
        return len(text)

    def _emit(self, line):
        if self._kind == 'print':
            self._run.add(['print', line])
            return
        if line.startswith('Traceback (most recent call last):'):
            self._in_traceback = True
        elif self._in_traceback and line.startswith(' '):
            return
        else:
            self._in_traceback = False
            line = normalize(line)
        self._run.add(['stderr', line])

    def flush(self):
        if self._buffer:
            line, self._buffer = self._buffer, ''
            self._emit(line)


class ProgramRun:
    def __init__(self, program):
        self.program = program
        self.trace = []
        self.clock = VirtualClock(resolution=program.get('clockResolution'))
        self.selects = 0
        at = program.get('interruptAt')
        self.interrupts = set(at if isinstance(at, list) else [] if at is None else [at])
        self.task_counter = itertools.count(1)
        self.keep_alive = []
        self.vars = {}
        self.objects = []  # (label, kind, obj) in creation order
        self.labels = {}  # id(obj) -> label
        self.recording = True
        self.loops = []
        # The program's context variable; the program runs in a fresh, empty Context (see run()).
        self.var = contextvars.ContextVar('var', default='unset')
        self.new_loop()
        self.functions = {}
        for name, fn in program['functions'].items():
            self.functions[name] = self._make_function(name, fn)

    def new_loop(self):
        """The program's loop; asyncio.run() makes a new one (through the policy set in prepare), which becomes it."""
        self.loop = VirtualLoop(self)
        self.loops.append(self.loop)
        if self.program.get('handler', 'custom') == 'custom':
            self.loop.set_exception_handler(self._handler)
        return self.loop

    # ── recording ────────────────────────────────────────────────────────────
    def add(self, entry):
        if self.recording:
            self.trace.append([self.clock.peek()] + entry)

    def _handler(self, loop, context):
        exc = context.get('exception')
        rest = [f'{key}: {normalize(repr(context[key]))}' for key in sorted(context) if key not in ('message', 'exception')]
        self.add(['handler', normalize(context.get('message', '')), exc_line(exc) if exc is not None else None, rest])

    def current(self):
        try:
            task = asyncio.current_task(self.loop)
        except RuntimeError:
            task = None
        return task.get_name() if task is not None else '-'

    def bind(self, name, kind, obj):
        if name is None:
            name = f'_{kind}{len(self.objects) + 1}'
        label = name
        n = 2
        while label in {lbl for lbl, _, _ in self.objects}:
            label = f'{name}#{n}'
            n += 1
        self.vars[name] = obj
        self.objects.append((label, kind, obj))
        self.labels[id(obj)] = label
        return obj

    def label(self, obj):
        return self.labels.get(id(obj), '?')

    # ── functions: callbacks are plain functions, coroutines are async defs ──
    def _make_function(self, name, fn):
        run = self
        body = fn['body']
        line = first_line(list(self.program['functions']).index(name))
        if fn['kind'] == 'callback':
            def callback(*args):
                run.add(['call', name, normalize(repr(tuple(args)) if len(args) != 1 else f'({args[0]!r})')])
                run.exec_sync(name, body)
            callback.__name__ = callback.__qualname__ = name
            callback.__code__ = callback.__code__.replace(co_filename=PROGRAM_FILE, co_firstlineno=line)
            return callback

        async def coroutine(*args):
            run.add(['enter', run.current(), name, repr(tuple(args)) if len(args) != 1 else f'({args[0]!r})'])
            return await run.exec_async(name, body)  # a suspended coroutine stands here: line + 2
        coroutine.__name__ = coroutine.__qualname__ = name
        coroutine.__code__ = coroutine.__code__.replace(co_filename=PROGRAM_FILE, co_firstlineno=line, co_name=name, co_qualname=name)
        return coroutine

    def awaitable(self, item):
        if 'ref' in item:
            return self.vars[item['ref']]
        return self.functions[item['coro']](*value_of(item.get('args', [])))

    # ── statements ───────────────────────────────────────────────────────────
    def exec_sync(self, where, body):
        for index, op in enumerate(body):
            result = self.step(where, index, op)
            if result is not None:
                return result[1]
        return None

    async def exec_async(self, where, body):
        for index, op in enumerate(body):
            if op['op'] in AWAITS:
                await self.await_op(where, index, op)
                continue
            result = self.step(where, index, op)
            if result is not None:
                return result[1]
        return None

    def op_entry(self, where, index, op, outcome):
        self.add(['op', self.current(), f'{where}#{index} {op["op"]}', outcome])

    def step(self, where, index, op):
        """Runs one non-awaiting statement. Returns ('return', value) for a return statement."""
        kind = op['op']
        loop = self.loop
        if kind == 'print':
            print(op['text'])
        elif kind in ('call_soon', 'call_later', 'call_at'):
            fn = self.functions[op['fn']]
            args = value_of(op.get('args', []))
            if kind == 'call_soon':
                handle = loop.call_soon(fn, *args)
            elif kind == 'call_later':
                handle = loop.call_later(op['delay'], fn, *args)
            else:
                handle = loop.call_at(op['when'], fn, *args)
            self.bind(op.get('as'), 'Handle' if kind == 'call_soon' else 'TimerHandle', handle)
        elif kind == 'cancel_handle':
            self.vars[op['ref']].cancel()
        elif kind == 'create_future':
            self.bind(op.get('as'), 'Future', loop.create_future())
        elif kind == 'create_task':
            coro = self.functions[op['coro']](*value_of(op.get('args', [])))
            task = loop.create_task(coro, name=op.get('name'))
            self.bind(op.get('as'), 'Task', task)
        elif kind == 'set_result':
            fut = self.vars[op['ref']]
            self.op_entry(where, index, op, outcome_of(lambda: fut.set_result(value_of(op.get('value')))))
        elif kind == 'set_exception':
            fut = self.vars[op['ref']]
            self.op_entry(where, index, op, outcome_of(lambda: fut.set_exception(make_exc(op['exc']))))
        elif kind == 'cancel':
            fut = self.vars[op['ref']]
            msg = op.get('msg')
            self.op_entry(where, index, op, outcome_of(lambda: fut.cancel() if msg is None else fut.cancel(msg)))
        elif kind == 'result':
            fut = self.vars[op['ref']]
            self.op_entry(where, index, op, outcome_of(fut.result))
        elif kind == 'exception':
            fut = self.vars[op['ref']]
            self.op_entry(where, index, op, outcome_of(fut.exception))
        elif kind == 'add_done_callback':
            self.vars[op['ref']].add_done_callback(self.functions[op['fn']])
        elif kind == 'remove_done_callback':
            fut = self.vars[op['ref']]
            self.op_entry(where, index, op, outcome_of(lambda: fut.remove_done_callback(self.functions[op['fn']])))
        elif kind == 'repr':
            self.op_entry(where, index, op, normalize(repr(self.vars[op['ref']])))
        elif kind == 'cancelling':
            self.op_entry(where, index, op, outcome_of(self.vars[op['ref']].cancelling))
        elif kind == 'uncancel':
            self.op_entry(where, index, op, outcome_of(self.vars[op['ref']].uncancel))
        elif kind == 'close':
            self.op_entry(where, index, op, outcome_of(loop.close))
        elif kind == 'block':
            # time.sleep(seconds) in a callback: the whole (only) thread stalls, the clock moves on.
            self.clock.advance(op['seconds'])
        elif kind == 'var_set':
            self.var.set(value_of(op.get('value')))
        elif kind == 'var_get':
            self.op_entry(where, index, op, outcome_of(self.var.get))
        elif kind == 'stop':
            loop.stop()
        elif kind == 'raise':
            raise make_exc(op['exc'])
        elif kind == 'return':
            return ('return', value_of(op.get('value')))
        elif kind == 'run_until_complete':
            target = self.awaitable(op)
            self.add(['run', f'{where}#{index} run_until_complete', outcome_of(lambda: loop.run_until_complete(target), True)])
        elif kind == 'asyncio_run':
            main = self.awaitable(op)
            self.add(['run', f'{where}#{index} asyncio_run', outcome_of(lambda: asyncio.run(main), True)])
        elif kind == 'run_forever':
            self.add(['run', f'{where}#{index} run_forever', outcome_of(loop.run_forever, True)])
        elif kind == 'cancel_all':
            pending = sorted(asyncio.all_tasks(loop), key=lambda t: task_order(t.get_name()))
            msg = op.get('msg')
            for task in pending:
                task.cancel() if msg is None else task.cancel(msg)
            self.add(['cancel_all', [t.get_name() for t in pending]])
        else:
            raise ValueError(f'unknown op {kind!r}')
        return None

    async def await_op(self, where, index, op):
        kind = op['op']
        if kind == 'sleep':
            aw = asyncio.sleep(op['delay'], value_of(op.get('result')))
        elif kind == 'await':
            aw = self.vars[op['ref']]
        elif kind == 'await_coro':
            aw = self.awaitable(op)
        elif kind == 'gather':
            aw = asyncio.gather(*[self.awaitable(i) for i in op['items']],
                                return_exceptions=op.get('return_exceptions', False))
        elif kind == 'wait':
            aw = asyncio.wait([self.vars[r] for r in op['refs']],
                              timeout=op.get('timeout'), return_when=op.get('return_when', 'ALL_COMPLETED'))
        elif kind == 'wait_for':
            aw = asyncio.wait_for(self.awaitable(op['item']), op.get('timeout'))
        elif kind == 'shield':
            aw = asyncio.shield(self.awaitable(op['item']))
        else:
            raise ValueError(f'unknown await {kind!r}')
        task = self.current()
        desc = f'{where}#{index} {kind}'
        try:
            result = await aw
        except (KeyboardInterrupt, Hang):
            raise
        except BaseException as exc:  # noqa: B902
            self.add(['await', task, desc, '! ' + exc_line(exc)])
            catch = op.get('catch')
            if (catch == 'BaseException' and isinstance(exc, (Exception, asyncio.CancelledError))) or (
                    catch == 'Exception' and isinstance(exc, Exception)):
                return
            raise
        if kind == 'wait':
            done, pending = result
            text = f'done={self.labels_of(done)} pending={self.labels_of(pending)}'
        else:
            text = '= ' + normalize(repr(result))
        self.add(['await', task, desc, text])

    def labels_of(self, futures):
        order = {id(obj): i for i, (_, _, obj) in enumerate(self.objects)}
        return '[' + ', '.join(self.label(f) for f in sorted(futures, key=lambda f: order.get(id(f), -1))) + ']'

    # ── the whole program ────────────────────────────────────────────────────
    def run(self):
        global CURRENT
        CURRENT = self
        saved = sys.stdout, sys.stderr
        out, err = LineWriter(self, 'print'), LineWriter(self, 'stderr')
        sys.stdout, sys.stderr = out, err
        gc.disable()
        try:
            try:
                contextvars.Context().run(self.exec_sync, 'top', self.program['top'])
            except Hang:
                self.add(['hang'])
            except Exception as exc:  # noqa: B902 - a module-level statement raised: the program ends there
                self.add(['top_raised', exc_line(exc)])
            out.flush()
            err.flush()
        finally:
            sys.stdout, sys.stderr = saved
        self.finish()
        return self.trace

    def finish(self):
        for label, kind, obj in self.objects:
            if kind in ('Handle', 'TimerHandle'):
                self.trace.append(['final', label, kind, 'cancelled' if obj.cancelled() else 'not cancelled'])
                continue
            state = 'CANCELLED' if obj.cancelled() else 'FINISHED' if obj.done() else 'PENDING'
            try:
                detail = outcome_of(obj.result, True) if obj.done() else None
            except Hang as exc:  # a Task stored the hang that ended the program (a nested run's wait)
                detail = '! ' + exc_line(exc)
            name = obj.get_name() if kind == 'Task' else None
            self.trace.append(['final', label, kind, state, detail, name])
        pending = sorted(asyncio.all_tasks(self.loop), key=lambda t: task_order(t.get_name()))
        self.trace.append(['pending_tasks', [t.get_name() for t in pending]])
        self.trace.append(['end', self.loop.time(), self.selects, self.loop.is_running(), self.loop.is_closed()])
        # What follows is clean-up, not behaviour: nothing more is recorded, and nothing left over may
        # log (a pending task destroyed later, an exception never retrieved).
        self.recording = False
        self.loop.set_exception_handler(lambda loop, context: None)
        for task in pending:
            task._log_destroy_pending = False
        for loop in self.loops:
            if not loop.is_running():
                loop.close()
        gc.enable()


_all_tasks = asyncio.tasks.all_tasks


def all_tasks_in_creation_order(loop=None):
    """asyncio.tasks.all_tasks as asyncio.run's shutdown (_cancel_all_tasks) sees it. CPython returns a
    set, iterated in an order that follows memory addresses: the shutdown cancels the tasks, and
    gathers them, in an order that changes from run to run. The runner pins it to creation order, the
    order the runtime uses."""
    order = {id(t): i for i, t in enumerate(CURRENT.keep_alive)}
    return sorted(_all_tasks(loop), key=lambda t: order.get(id(t), len(order)))


CURRENT = None


def task_order(name):
    match = re.fullmatch(r'Task-(\d+)', name)
    return (0, int(match.group(1)), '') if match else (1, 0, name)


AWAITS = {'sleep', 'await', 'await_coro', 'gather', 'wait', 'wait_for', 'shield'}


def prepare():
    # 'coroutine ... was never awaited' and the like: the runtime has no garbage collector to warn from.
    warnings.simplefilter('ignore')
    asyncio.tasks.all_tasks = all_tasks_in_creation_order


def answer(line):
    """One program (a JSON line) in, its result (a JSON line) out."""
    program = json.loads(line)
    result = {'name': program.get('name')}
    # Each program starts as a fresh process does (as the runtime's fresh realm): a new default
    # policy with no loop set, none running. One program must not leave the next its policy's
    # loop (3.12/3.13's get_event_loop() made one, or asyncio.run's set_event_loop(None) marked it
    # set). asyncio.run() and get_event_loop() ask the policy for a new loop: they get a
    # virtual-time one of the current program.
    use_virtual_time(lambda: CURRENT.new_loop())
    try:
        run = ProgramRun(program)
        result['trace'] = run.run()
    except BaseException:  # noqa: B902 - a harness error is reported, never fatal to the batch
        result['trace'] = []
        result['error'] = traceback.format_exc()
    return json.dumps(result)


def main():
    prepare()
    out = sys.stdout
    for line in sys.stdin:
        if line.strip():
            out.write(answer(line) + '\n')
            out.flush()


if __name__ == '__main__':
    main()
