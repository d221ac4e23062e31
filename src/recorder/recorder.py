"""asyncio-lab's recorder: runs a learner's Python program on this interpreter and writes the lab's
trace events (src/runtime/trace.ts) as NDJSON on a file descriptor, so every view of the lab shows
the program as it shows the lessons.

    python3 recorder.py '<config JSON>'  < program source

The config: {"file": path tracebacks show, "dir": the program's directory (sys.path[0]),
"mode": "virtual" | "real", "interrupts": [seconds], "until": seconds, "tick": seconds per clock
read, "fd": 3, "maxEvents": n, "cpuSeconds": wall seconds}.

How it observes without changing what the program does:
  * The loop is CPython's own selector loop (a subclass: `_run_once`, `run_forever`,
    `run_until_complete` are untouched); asyncio.run, new_event_loop and get_event_loop get it
    through the event loop policy. Futures and Tasks stay the C `_asyncio` classes.
  * In virtual mode the loop's `time()` is a virtual clock, and its selector's `select(timeout)`
    advances that clock by the timeout instead of sleeping: an hour of sleeps runs in
    milliseconds and gives the same trace every time. A program that starts a thread cannot run
    in virtual time: the recorder stops and asks to be run again in real mode (control record
    "restart"), where the clock is the wall clock from the start of the run.
  * Everything else is observed from sys.settrace's call and return events on CPython's own
    functions (Handle._run, call_at, create_task, ...), from the ready deque's appends, and from
    the live objects' state; never by wrapping a function that an exception can cross, so a
    traceback shows CPython's frames and the program's, never the recorder's.
  * Ctrl+C in a selector wait: the loop hands `_run_once` the real epoll selector for that one
    wait and a helper thread sends SIGINT to the main thread once it blocks in epoll_wait, so
    the signal is handled exactly where CPython handles a real one (selectors.py, in poll).

Besides trace events, the descriptor carries control records {"control": ...}: "end" (the run
stopped at the horizon, "until", or hit a budget), "refused" (the program needs something the
lab does not give: standard input, the network, subprocesses) and "restart" (threads).
"""
import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.format_helpers
import asyncio.selector_events
import asyncio.tasks
import asyncio.unix_events
import atexit
import builtins
import collections
import inspect
import concurrent.futures
import concurrent.futures.thread
import queue
import gc
import importlib.util
import io
import json
import linecache
import math
import os
import selectors
import signal
import sys
import threading
import time
import traceback
import types
import warnings
import weakref
import _thread

RECORDER_FILE = os.path.abspath(__file__)
CONFIG = json.loads(sys.argv[1])
PROGRAM_FILE = CONFIG['file']
MODE = CONFIG.get('mode', 'virtual')
# 'embedded': CPython compiled to WebAssembly (Pyodide) inside the lab: no threads, no real
# selector and no file descriptor of its own (the events stay in memory for the lab to read).
EMBEDDED = CONFIG.get('engine') == 'embedded'
VIRTUAL = MODE == 'virtual'
FD = CONFIG.get('fd', 3)
UNTIL = float(CONFIG.get('until', 60))
TICK = float(CONFIG.get('tick', 1e-6))
MAX_EVENTS = int(CONFIG.get('maxEvents', 200000))
CPU_SECONDS = float(CONFIG.get('cpuSeconds', 10))
# The wall clock a virtual run starts at, the simulated process's (src/runtime/process/time.ts):
# Wed Nov 25 10:14:23 2026 UTC, so time.time() prints the same in every run.
WALL_CLOCK_START = 1795601663.0

# Pyodide keeps the standard library in /lib/python314.zip: shown as a Linux install shows it.
STDLIB_SHOWN = (os.path.dirname(os.path.dirname(asyncio.__file__)) + '/', f'/usr/lib/python{sys.version_info[0]}.{sys.version_info[1]}/') if EMBEDDED else None

if EMBEDDED:
    # The program's folder is the working directory, as where python3 is started: set before
    # anything resolves the program's (maybe relative) file name.
    os.chdir(CONFIG.get('dir') or '/')

_real_monotonic = time.monotonic
_real_sleep = time.sleep
_real_start_new_thread = _thread.start_new_thread
_MAIN_IDENT = threading.main_thread().ident
_START = _real_monotonic()


# ── the event stream ─────────────────────────────────────────────────────────

class Stopped(BaseException):
    """The embedded engine cannot end the process where the run stops: this unwinds it instead."""


class Stream:
    """NDJSON lines on the descriptor, written in chunks. Any thread may emit; a lock keeps lines whole."""

    def __init__(self, fd):
        self.fd = fd
        self.kept = []  # embedded: what the lab reads when the run is over
        self.chunks = []
        self.count = 0
        self.lock = threading.Lock()
        self.closed = False

    def write(self, record):
        line = json.dumps(record, ensure_ascii=False, separators=(',', ':'))
        if EMBEDDED and STDLIB_SHOWN is not None:
            line = line.replace(STDLIB_SHOWN[0], STDLIB_SHOWN[1])
        with self.lock:
            if self.closed:
                return
            self.chunks.append(line)
            self.count += 1
            if len(self.chunks) >= 256:
                self._flush_locked()
        if self.count > MAX_EVENTS and threading.get_ident() == _MAIN_IDENT:
            finish_now({'control': 'end', 'why': 'events', 'limit': MAX_EVENTS, 't': CLOCK.now()})

    def _flush_locked(self):
        if self.chunks:
            text = '\n'.join(self.chunks) + '\n'
            self.chunks = []
            if EMBEDDED:
                self.kept.append(text)
                return
            data = text.encode('utf-8')
            while data:
                written = os.write(self.fd, data)
                data = data[written:]

    def close(self, last=None):
        """Writes `last` (a control record) and everything pending; nothing is written after."""
        acquired = self.lock.acquire(timeout=1)
        try:
            if self.closed:
                return
            if last is not None:
                self.chunks.append(json.dumps(last, ensure_ascii=False))
            self._flush_locked()
            self.closed = True
        finally:
            if acquired:
                self.lock.release()


STREAM = Stream(FD)


def finish_now(control):
    """Ends the run at once (horizon, budget, refusal): the process is still mid-program, so no
    finally block or shutdown of the program runs, as when a watched process is left running."""
    STREAM.close(control)
    if EMBEDDED:
        raise Stopped()
    os._exit(0)


def thread_name():
    ident = threading.get_ident()
    if ident == _MAIN_IDENT:
        return 'MainThread'
    thread = threading._active.get(ident)
    return thread.name if thread is not None else f'Thread-{ident}'


def emit(event):
    event['t'] = CLOCK.now()
    event['thread'] = thread_name()
    STREAM.write(event)


# ── the clock ────────────────────────────────────────────────────────────────

def load_virtual_time():
    """src/engines/virtual_time.py (the lab's one clock rule), under a name a program's own module cannot take."""
    path = os.path.join(os.path.dirname(os.path.dirname(RECORDER_FILE)), 'engines', 'virtual_time.py')
    spec = importlib.util.spec_from_file_location('_asyncio_lab_virtual_time', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VIRTUAL_TIME = load_virtual_time()


class RecorderClock(VIRTUAL_TIME.VirtualClock):
    """The runtime's clock (virtual_time.VirtualClock): loop.time() and time.monotonic() read it,
    one tick per read, from the simulated process's origin; a selector wait or a time.sleep advances
    it by its timeout. Events are stamped with the time since the start, read without reading."""

    def __init__(self):
        super().__init__(origin=VIRTUAL_TIME.PROCESS_ORIGIN, tick=TICK)

    def now(self):
        return self.elapsed()

    def waited(self):
        return self.instant

    def since_start(self, reading):
        """A reading as seconds since the start of the run (what time.time() adds to its date)."""
        return reading - self.origin

    def block(self, on, seconds):
        """The running thread waits `seconds` (a selector wait, time.sleep) and wakes at the time it
        blocked plus the timeout, as the simulated kernel computes it; returns the time waited."""
        since = self.instant
        deadline = self.elapsed() + seconds
        emit({'type': 'thread_blocked', 'name': thread_name(), 'on': on, 'until': deadline})
        self.jump_to(deadline)
        emit({'type': 'thread_woke', 'name': thread_name(), 'reason': 'timeout'})
        return self.instant - since

    def advance(self, seconds):
        """A wait; one that would cross the horizon ends the run there."""
        if self.elapsed() + seconds > UNTIL:
            super().advance(max(0.0, UNTIL - self.elapsed()))
            finish_now({'control': 'end', 'why': 'until', 't': UNTIL})
        super().advance(seconds)

    def jump_to(self, t):
        self.wait_until(t)


class RealClock:
    def now(self):
        return _real_monotonic() - _START

    read = waited = now

    def since_start(self, reading):
        return reading


CLOCK = RecorderClock() if VIRTUAL else RealClock()


# ── object identities ───────────────────────────────────────────────────────

class Registry:
    """Serial ids for handles, futures and tasks (one counter, as the runtime's), loop numbers,
    and what was last reported of each future. Only weak references: keeping the program's
    objects alive would change when CPython destroys them (and what it prints then)."""

    def __init__(self):
        self.ids = {}  # id(obj) -> (serial, weak reference)
        self.serial = 0
        self.loops = {}
        self.futures = {}  # serial -> [weak reference, state, cancelling]
        self.ran = set()  # serials of the TimerHandles the loop has called (a cancel then skips nothing)

    def id_of(self, obj):
        entry = self.ids.get(id(obj))
        if entry is not None and entry[1]() is obj:
            return entry[0]
        return None

    def new_id(self, obj):
        self.serial += 1
        key = id(obj)
        ids = self.ids
        ids[key] = (self.serial, weakref.ref(obj, lambda ref: ids.pop(key, None) if ids.get(key, (0, None))[1] is ref else None))
        return self.serial

    def loop_of(self, loop):
        return self.loops.get(id(loop), 0)


REG = Registry()


def future_state(fut):
    if fut.cancelled():
        return 'CANCELLED'
    return 'FINISHED' if fut.done() else 'PENDING'


def exc_text(exc):
    text = str(exc)
    return f'{type(exc).__name__}: {text}' if text else type(exc).__name__


def track_future(fut, label=None):
    """The future's serial id; a future seen for the first time is reported as created."""
    serial = REG.id_of(fut)
    if serial is not None:
        return serial
    serial = REG.new_id(fut)
    loop = REG.loop_of(fut.get_loop())
    if isinstance(fut, asyncio.Task):
        coro = fut.get_coro()
        name = getattr(coro, '__qualname__', None) or getattr(coro, '__name__', None) or type(coro).__name__
        event = {'type': 'future_created', 'loop': loop, 'future': serial, 'kind': 'Task', 'name': fut.get_name(), 'coro': f'{name}()'}
        args = coroutine_args(coro)
        if args:
            event['args'] = args
        emit(event)
    else:
        emit({'type': 'future_created', 'loop': loop, 'future': serial, 'kind': 'Future', 'name': label or type(fut).__name__})
    REG.futures[serial] = [weakref.ref(fut), 'PENDING', 0]
    check_future(serial)
    return serial


def coroutine_args(coro):
    """The reprs of the arguments a coroutine was called with, as its frame holds them before it
    first runs (positional, keyword-only, then *args): "'a', 0.2" for worker('a', 0.2)."""
    frame = getattr(coro, 'cr_frame', None)
    if frame is None:
        return None
    code = frame.f_code
    names = list(code.co_varnames[:code.co_argcount + code.co_kwonlyargcount])
    values = [repr(frame.f_locals[n]) for n in names if n in frame.f_locals]
    if code.co_flags & inspect.CO_VARARGS:
        values += [repr(v) for v in frame.f_locals.get(code.co_varnames[len(names)], ())]
    return ', '.join(values)


def check_future(serial):
    """Reports a change in the future's state (read from its fields: result() and exception()
    would mark an exception as retrieved) or, for a task, a new cancel request."""
    entry = REG.futures.get(serial)
    if entry is None:
        return
    fut = entry[0]()
    if fut is None:
        del REG.futures[serial]
        return
    if isinstance(fut, asyncio.Task) and entry[1] == 'PENDING':
        cancelling = fut.cancelling() if hasattr(fut, 'cancelling') else 0
        if cancelling > entry[2]:
            entry[2] = cancelling
            emit({'type': 'task_cancel_requested', 'loop': REG.loop_of(fut.get_loop()), 'task': serial, 'name': fut.get_name()})
    state = future_state(fut)
    if state == entry[1]:
        return
    entry[1] = state
    event = {'type': 'future_state', 'loop': REG.loop_of(fut.get_loop()), 'future': serial, 'state': state}
    if state == 'FINISHED':
        if fut._exception is not None:
            event['exception'] = exc_text(fut._exception)
        else:
            event['result'] = repr(fut._result)
    elif state == 'CANCELLED':
        message = getattr(fut, '_cancel_message', None)
        if message is not None:
            event['exception'] = f'CancelledError: {message}'
    emit(event)
    if state != 'PENDING':
        del REG.futures[serial]


def check_all_futures():
    for serial in list(REG.futures):
        check_future(serial)


# 3.14's reprs hide a callback's arguments outside debug mode; the trace always shows them.
_ARGS_SHOWN = {'debug': True} if 'debug' in asyncio.format_helpers._format_callback.__code__.co_varnames else {}


def callback_text(callback, args):
    """The callback as a Handle's repr shows it (its arguments included), without the source location."""
    return asyncio.format_helpers._format_callback(callback, args, None, **_ARGS_SHOWN)


def task_of_handle(handle):
    """The task a Handle steps or wakes (TaskStepMethWrapper, Task.task_wakeup), if any."""
    owner = getattr(handle._callback, '__self__', None)
    return owner if isinstance(owner, asyncio.Task) else None


# ── the loop ─────────────────────────────────────────────────────────────────

class ReadyDeque(collections.deque):
    """The loop's ready queue: a deque that reports what is appended (call_soon's Handles, and the
    due TimerHandles _run_once moves from the heap), in the order the loop will run them."""

    def append(self, handle):
        collections.deque.append(self, handle)
        on_ready(self.loop, handle)


def on_ready(loop, handle):
    loop_id = REG.loop_of(loop)
    if isinstance(handle, asyncio.TimerHandle):
        serial = REG.id_of(handle)
        if serial is not None:
            emit({'type': 'timer_ready', 'loop': loop_id, 'handle': serial, 'lastTo': heap_moved(loop)})
        return
    if is_loop_internal(handle):
        return
    args = handle._args
    if args and isinstance(args[0], asyncio.Future):
        # A done callback: the future it reports on changed state just now.
        check_future(track_future(args[0]))
    task = task_of_handle(handle)
    if task is not None:
        track_future(task)
    serial = REG.new_id(handle)
    event = {'type': 'handle_scheduled', 'loop': loop_id, 'handle': serial, 'kind': 'Handle', 'callback': callback_text(handle._callback, args)}
    caller = sys._getframe(3)
    if caller is not None and caller.f_code is THREADSAFE_CODE:
        event['threadsafe'] = True
    if task is not None:
        event['task'] = REG.id_of(task)
    emit(event)


def snapshot(loop):
    """Once per loop iteration, at the selector call: the heap as _run_once is about to pop it."""
    loop._lab_heap = list(loop._scheduled)


def heap_moved(loop):
    """_run_once has just popped the heap's top (heappop): where the array's last item settled, or
    -1 when the heap held only the popped one. Read against the heap as it was before the pop: the
    snapshot taken at the selector call, then after each pop."""
    before = loop._lab_heap
    after = loop._scheduled
    loop._lab_heap = list(after)
    if len(before) <= 1:
        return -1
    last = before[-1]
    return next((i for i, h in enumerate(after) if h is last), -1)


class VirtualSelector(selectors.DefaultSelector):
    """The loop's selector. In virtual mode a wait advances the clock by its timeout; it still
    reports a real file descriptor that is ready (the self-pipe written by call_soon_threadsafe)."""

    def __init__(self):
        super().__init__()
        self.loop_id = 0
        self.loop = None
        # The same selector seen as the plain stdlib class, for a wait that Ctrl+C interrupts.
        self.real = selectors.DefaultSelector.__new__(selectors.DefaultSelector)
        self.real.__dict__ = self.__dict__

    def select(self, timeout=None):
        snapshot(self.loop)
        emit({'type': 'select_wait', 'loop': self.loop_id, 'timeout': timeout})
        start = CLOCK.now()
        if not VIRTUAL:
            waits = timeout is None or timeout > 0
            if waits:
                # The thread sleeps in the wait, as the simulated kernel shows it.
                emit({'type': 'thread_blocked', 'name': thread_name(), 'on': 'select', 'until': None if timeout is None else start + timeout})
            ready = super().select(timeout)
            slept = CLOCK.now() - start
            reason = 'self_pipe' if ready else ('immediate' if timeout == 0 else 'timeout')
            if waits:
                emit({'type': 'thread_woke', 'name': thread_name(), 'reason': 'notified' if ready else 'timeout'})
            emit({'type': 'select_woke', 'loop': self.loop_id, 'slept': slept, 'reason': reason})
            return ready
        ready = [] if EMBEDDED else super().select(0)
        if ready:
            emit({'type': 'select_woke', 'loop': self.loop_id, 'slept': 0, 'reason': 'self_pipe'})
            return ready
        if timeout is None:
            # Nothing can wake this loop: a real process would wait here for ever.
            finish_now({'control': 'end', 'why': 'until', 't': UNTIL, 'hang': 'select'})
        slept = 0
        if timeout > 0:
            # epoll waits whole milliseconds (EpollSelector.select rounds the timeout up), and the
            # thread sleeps in the wait, as the simulated kernel shows it.
            slept = CLOCK.block('select', math.ceil(timeout * 1e3) * 1e-3)
        emit({'type': 'select_woke', 'loop': self.loop_id, 'slept': slept, 'reason': 'immediate' if timeout == 0 else 'timeout'})
        return ready


# Embedded, the loop has no self-pipe (virtual_time.WithoutSelfPipe); a local interpreter keeps it
# (threads wake the loop through it).
class LabEventLoop(*([VIRTUAL_TIME.WithoutSelfPipe] if EMBEDDED else []), asyncio.unix_events._UnixSelectorEventLoop):
    """CPython's selector event loop with the recorder's clock and selector."""

    def __init__(self, selector=None):
        selector = VirtualSelector()
        with ALLOW_SOCKETS:
            super().__init__(selector)
        number = len(REG.loops) + 1
        REG.loops[id(self)] = number
        selector.loop_id = number
        selector.loop = weakref.proxy(self)
        self._lab_heap = []
        ready = ReadyDeque()
        ready.loop = self
        self._ready = ready
        self._lab_closed = False
        emit({'type': 'loop_created', 'loop': number, 'debug': self.get_debug()})

    def time(self):
        return CLOCK.read()

    # _run_once reads `self._selector` once, right before `select(timeout)`; for a wait that a
    # Ctrl+C interrupts it gets the stdlib selector, so no frame of the recorder is on the stack.
    @property
    def _selector(self):
        selector = self.__dict__['_lab_selector']
        if INTERRUPTS.pending and sys._getframe(1).f_code is RUN_ONCE_CODE:
            timeout = sys._getframe(1).f_locals.get('timeout', 0)
            if INTERRUPTS.due_in_wait(selector.loop_id, timeout):
                return selector.real
        return selector

    @_selector.setter
    def _selector(self, value):
        self.__dict__['_lab_selector'] = value


# What the program sees of these classes (type(loop).__name__, reprs) is CPython's own names.
for cls, like in ((LabEventLoop, asyncio.unix_events._UnixSelectorEventLoop), (VirtualSelector, selectors.DefaultSelector), (ReadyDeque, collections.deque)):
    cls.__name__, cls.__qualname__, cls.__module__ = like.__name__, like.__qualname__, like.__module__


# 3.14 renames the policy class (policies are deprecated there).
_DefaultPolicy = getattr(asyncio.unix_events, '_DefaultEventLoopPolicy', None) or asyncio.unix_events.DefaultEventLoopPolicy


class LabPolicy(_DefaultPolicy):
    _loop_factory = LabEventLoop


# ── Ctrl+C ───────────────────────────────────────────────────────────────────

class Interrupts:
    """SIGINT at the configured times. In virtual mode it is delivered in the selector wait that
    spans the time (the clock jumps to it); in real mode at that wall-clock time."""

    def __init__(self, times):
        self.times = sorted(float(t) for t in times)
        self.n = 0

    @property
    def pending(self):
        return VIRTUAL and not EMBEDDED and bool(self.times)

    def due_in_wait(self, loop_id, timeout):
        at = self.times[0]
        start = CLOCK.now()
        if timeout is not None and (timeout <= 0 or start + timeout < at):
            return False
        self.times.pop(0)
        self.n += 1
        emit({'type': 'select_wait', 'loop': loop_id, 'timeout': timeout})
        CLOCK.jump_to(at)
        emit({'type': 'interrupt', 'n': self.n})
        emit({'type': 'select_woke', 'loop': loop_id, 'slept': CLOCK.now() - start, 'reason': 'interrupt'})
        _real_start_new_thread(send_sigint_in_poll, ())
        return True

    def start_real_timers(self):
        for at in self.times:
            _real_start_new_thread(send_sigint_at, (at,))
        self.times = []


INTERRUPTS = Interrupts(CONFIG.get('interrupts', []))


def send_sigint_in_poll():
    """Sends SIGINT to the main thread once it blocks in the selector's poll: the main thread
    holds the GIL until it does, so seeing its frame on the poll line means it is waiting there."""
    code = selectors.DefaultSelector.select.__code__
    line = next((n for n in range(code.co_firstlineno, code.co_firstlineno + 60)
                 if '.poll(' in linecache.getline(code.co_filename, n) or '.select(' in linecache.getline(code.co_filename, n)), None)
    while True:
        frame = sys._current_frames().get(_MAIN_IDENT)
        if frame is not None and frame.f_code is code and frame.f_lineno == line:
            break
        _real_sleep(0.0005)
    _real_sleep(0.002)
    signal.pthread_kill(_MAIN_IDENT, signal.SIGINT)


def send_sigint_at(at):
    _real_sleep(max(0.0, at - CLOCK.now()))
    INTERRUPTS.n += 1
    STREAM.write({'type': 'interrupt', 'n': INTERRUPTS.n, 't': CLOCK.now(), 'thread': 'MainThread'})
    signal.pthread_kill(_MAIN_IDENT, signal.SIGINT)


# ── what the trace function watches ─────────────────────────────────────────

BaseEventLoop = asyncio.base_events.BaseEventLoop
RUN_ONCE_CODE = BaseEventLoop._run_once.__code__
THREADSAFE_CODE = BaseEventLoop.call_soon_threadsafe.__code__


def on_run_once(frame):
    loop = frame.f_locals['self']
    number = REG.loop_of(loop)
    n = getattr(loop, '_lab_iterations', 0) + 1
    loop._lab_iterations = n
    emit({'type': 'loop_iteration', 'loop': number, 'n': n, 'ready': len(loop._ready), 'scheduled': len(loop._scheduled)})
    return None


class HandleRun:
    """A Handle's callback runs (Handle._run, the only place callbacks are called) and returns."""

    def __init__(self, frame):
        handle = frame.f_locals['self']
        self.handle = handle
        self.loop = REG.loop_of(handle._loop)
        self.serial = REG.id_of(handle)
        if self.serial is None:
            self.serial = REG.new_id(handle)
        # What it took: the time waited meanwhile (time.sleep), as the runtime counts it.
        self.start = CLOCK.waited()
        emit({'type': 'handle_run', 'loop': self.loop, 'handle': self.serial, 'callback': callback_text(handle._callback, handle._args)})
        if isinstance(handle, asyncio.TimerHandle):
            REG.ran.add(self.serial)
        self.task = task_of_handle(handle)
        if self.task is not None:
            task = self.task
            mode = 'send'
            value = None
            if handle._args and isinstance(handle._args[0], asyncio.Future):
                waited = handle._args[0]
                if waited.cancelled():
                    mode, value = 'throw', 'CancelledError()'
                elif waited._exception is not None:
                    mode, value = 'throw', repr(waited._exception)
            elif getattr(task, '_must_cancel', False):
                mode, value = 'throw', 'CancelledError()'
            event = {'type': 'task_step', 'loop': self.loop, 'task': track_future(task), 'name': task.get_name(), 'mode': mode}
            if value is not None:
                event['value'] = value
            emit(event)

    def __call__(self, frame, event, arg):
        if event != 'return':
            return self
        check_all_futures()
        task = self.task
        if task is not None and not task.done():
            waiter = task._fut_waiter
            serial = track_future(waiter) if waiter is not None else None
            event = {'type': 'task_wait', 'loop': self.loop, 'task': track_future(task), 'name': task.get_name(), 'on': serial, 'onRepr': repr(waiter)}
            frame = getattr(task.get_coro(), 'cr_frame', None)
            if frame is not None and POINTER.is_own(frame.f_code):
                event['line'] = frame.f_lineno
            emit(event)
        emit({'type': 'handle_done', 'loop': self.loop, 'handle': self.serial, 'took': CLOCK.waited() - self.start})
        return None


def is_loop_internal(handle):
    """The selector loop's own reader of its self-pipe (_read_from_self): the loop's plumbing, which
    the lab shows as the wake-up of the select, not as a callback."""
    return getattr(handle._callback, '__name__', None) == '_read_from_self' and isinstance(getattr(handle._callback, '__self__', None), asyncio.AbstractEventLoop)


def on_handle_run(frame):
    handle = frame.f_locals['self']
    return None if is_loop_internal(handle) else HandleRun(frame)


def on_call_at_return(frame, event, arg):
    if event == 'return' and arg is not None:
        loop = REG.loop_of(frame.f_locals['self'])
        serial = REG.new_id(arg)
        scheduled = frame.f_locals['self']._scheduled
        # Where heappush left it in the heap's array (the lab's heap panel moves items by this).
        index = next((i for i in range(len(scheduled) - 1, -1, -1) if scheduled[i] is arg), -1)
        event = {'type': 'handle_scheduled', 'loop': loop, 'handle': serial, 'kind': 'TimerHandle', 'when': arg._when, 'heapIndex': index, 'callback': callback_text(arg._callback, arg._args)}
        # A timer that settles a future (sleep's _set_result_unless_cancelled) names it.
        settles = REG.id_of(arg._args[0]) if arg._args and isinstance(arg._args[0], asyncio.Future) else None
        if settles is not None:
            event['future'] = settles
        emit(event)
    return on_call_at_return


def on_call_at(frame):
    return on_call_at_return


def on_handle_cancel(frame):
    handle = frame.f_locals['self']
    serial = REG.id_of(handle)
    if serial is not None and not handle._cancelled:
        event = {'type': 'handle_cancelled', 'loop': REG.loop_of(handle._loop), 'handle': serial}
        if serial in REG.ran:
            event['ran'] = True
        emit(event)
    return None


def on_stop(frame):
    emit({'type': 'loop_stop_requested', 'loop': REG.loop_of(frame.f_locals['self'])})
    return None


def on_run_forever(frame):
    loop = frame.f_locals['self']
    if loop.is_closed() or loop.is_running():
        return None  # it raises at once: the loop does not run
    number = REG.loop_of(loop)
    emit({'type': 'loop_state', 'loop': number, 'state': 'running'})

    def returned(frame, event, arg):
        if event == 'return':
            check_all_futures()
            emit({'type': 'loop_state', 'loop': number, 'state': 'stopped'})
        return returned
    return returned


def on_close(frame):
    loop = frame.f_locals['self']

    def returned(frame, event, arg):
        if event == 'return' and loop.is_closed() and not getattr(loop, '_lab_closed', True):
            loop._lab_closed = True
            emit({'type': 'loop_state', 'loop': REG.loop_of(loop), 'state': 'closed'})
        return returned
    return returned


def on_create_task(frame):

    def returned(frame, event, arg):
        if event == 'return' and arg is not None:
            track_future(arg)
        return returned
    return returned


# asyncio's private helpers that create a future for a public function: named after the function.
PUBLIC_NAMES = {'_wait': 'wait'}


def on_create_future(frame):
    caller = frame.f_back
    label = None
    if caller is not None:
        label = caller.f_code.co_name
        if label == 'sleep' and 'delay' in caller.f_locals:
            label = f"sleep({caller.f_locals['delay']!r})"
        elif label.startswith('<') or caller.f_code.co_filename == PROGRAM_FILE:
            label = None
        else:
            label = PUBLIC_NAMES.get(label, label)

    def returned(frame, event, arg):
        if event == 'return' and arg is not None:
            track_future(arg, label)
        return returned
    return returned


def on_gathering_future(frame):

    def returned(frame, event, arg):
        if event == 'return':
            track_future(frame.f_locals['self'], 'gather')
        return returned
    return returned


def on_exception_handler(frame):
    context = frame.f_locals.get('context') or {}
    event = {'type': 'exception_handler', 'loop': REG.loop_of(frame.f_locals['self']), 'message': str(context.get('message', ''))}
    if context.get('exception') is not None:
        event['exception'] = exc_text(context['exception'])
    emit(event)
    return None


NETWORK = ('create_connection', 'create_server', 'create_datagram_endpoint', 'create_unix_connection',
           'create_unix_server', 'getaddrinfo', 'getnameinfo', 'subprocess_exec', 'subprocess_shell',
           'sock_connect', 'sock_accept', 'connect_read_pipe', 'connect_write_pipe')


def on_network(frame):
    refuse_network(frame.f_code.co_name)


STARTED = set()


def blocked_until_return(on, until=None):
    """The running thread blocks in this call (a lock, a condition): it blocked when the call began,
    and woke, notified, when it returns (in real time only: in virtual time there are no threads)."""
    emit({'type': 'thread_blocked', 'name': thread_name(), 'on': on, 'until': until})

    def returned(frame, event, arg):
        if event == 'return':
            emit({'type': 'thread_woke', 'name': thread_name(), 'reason': 'notified'})
        return returned
    return returned


def on_join(frame):
    thread = frame.f_locals.get('self')
    if VIRTUAL or not isinstance(thread, threading.Thread) or not thread.is_alive() or thread is threading.current_thread():
        return None
    return blocked_until_return(f'join {thread.name}')


def on_future_result(frame):
    future = frame.f_locals.get('self')
    if VIRTUAL or future is None or future.done():
        return None
    return blocked_until_return('future.result()')


def on_queue_get(frame):
    q = frame.f_locals.get('self')
    if VIRTUAL or not frame.f_locals.get('block', True) or q is None or q.qsize() > 0:
        return None
    return blocked_until_return('q.get()')


def on_pool_worker(frame):
    """A ThreadPoolExecutor's worker waits for work on a SimpleQueue (C code, which the trace
    function does not see): it blocks at that line while the queue is empty, and wakes at the next."""
    if VIRTUAL:
        return None
    waiting = [False]

    def watch(frame, event, arg):
        if event == 'line':
            if waiting[0]:
                waiting[0] = False
                emit({'type': 'thread_woke', 'name': thread_name(), 'reason': 'notified'})
            if 'work_queue.get(block=True)' in linecache.getline(frame.f_code.co_filename, frame.f_lineno):
                work_queue = frame.f_locals.get('work_queue')
                if work_queue is not None and work_queue.empty():
                    waiting[0] = True
                    emit({'type': 'thread_blocked', 'name': thread_name(), 'on': 'q.get()', 'until': None})
        return watch
    return watch


def on_thread_delete(frame):
    emit({'type': 'thread_exit', 'name': thread_name()})
    return None


def hooks():
    table = {
        RUN_ONCE_CODE: on_run_once,
        asyncio.events.Handle._run.__code__: on_handle_run,
        BaseEventLoop.call_at.__code__: on_call_at,
        asyncio.events.Handle.cancel.__code__: on_handle_cancel,
        BaseEventLoop.stop.__code__: on_stop,
        BaseEventLoop.run_forever.__code__: on_run_forever,
        asyncio.unix_events._UnixSelectorEventLoop.close.__code__: on_close,
        BaseEventLoop.create_task.__code__: on_create_task,
        BaseEventLoop.create_future.__code__: on_create_future,
        asyncio.tasks._GatheringFuture.__init__.__code__: on_gathering_future,
        BaseEventLoop.call_exception_handler.__code__: on_exception_handler,
        threading.Thread._delete.__code__: on_thread_delete,
        threading.Thread.join.__code__: on_join,
        concurrent.futures.Future.result.__code__: on_future_result,
        queue.Queue.get.__code__: on_queue_get,
        concurrent.futures.thread._worker.__code__: on_pool_worker,
    }
    for cls in (BaseEventLoop, asyncio.selector_events.BaseSelectorEventLoop, asyncio.unix_events._UnixSelectorEventLoop):
        for name in NETWORK:
            method = cls.__dict__.get(name)
            if method is not None and hasattr(method, '__code__'):
                table[method.__code__] = on_network
    return table


HOOKS = hooks()


# ── the pointer: the program's line, per thread ─────────────────────────────

def load_pointer():
    """pointer.py (beside this file), under a name a program's own module cannot take."""
    spec = importlib.util.spec_from_file_location('_asyncio_lab_pointer', os.path.join(os.path.dirname(RECORDER_FILE), 'pointer.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_pointer_move(thread, line):
    """The program's pointer moved: on to a next line of the program's, what the last statement did
    to futures comes first (C code such as Future() or set_result() runs no Python the trace
    function would see), then the line. (A move out of a frame that returns is reported first: what
    the return leads to, a task's result, comes after.)"""
    frame, event = POINTER.recorder.moved_in
    if event == 'line':
        check_all_futures()
    # Futures the module's code made (a function's f_locals is a snapshot that would keep its
    # locals alive, and change when CPython destroys them: only module-level names are looked at).
    if event == 'line' and frame.f_code.co_name == '<module>':
        for value in list(frame.f_globals.values()):
            if isinstance(value, asyncio.Future) and REG.id_of(value) is None and REG.loop_of(value.get_loop()):
                track_future(value)
    emit({'type': 'line', 'line': line})


class Pointer:
    """CPython's source pointer as pointer.py records it (the innermost frame of the program's
    file, per thread, at every call, line, return and exception event), as `line` events."""

    def __init__(self):
        self.recorder = load_pointer().PointerRecorder(PROGRAM_FILE, on_pointer_move)
        self.trace = self.recorder._trace

    def is_own(self, code):
        return self.recorder._is_own(code)


POINTER = Pointer()


def traced_with(local):
    """A frame's local trace function: the pointer's, then the hook's (for its return event)."""
    pointer_trace = POINTER.trace

    def trace(frame, event, arg):
        pointer_trace(frame, event, arg)
        local(frame, event, arg)
        return trace
    return trace


TRACED = [0]


def global_trace(frame, event, arg):
    """Every frame is traced: the pointer sees returns into the library's frames, and the hooks
    see CPython's own functions called and returning."""
    if EMBEDDED:
        # No watchdog thread there: the CPU budget is checked from here, now and then.
        TRACED[0] += 1
        if TRACED[0] % 4096 == 0 and _real_monotonic() - _START > CPU_SECONDS:
            finish_now({'control': 'end', 'why': 'cpu', 'limit': CPU_SECONDS, 't': CLOCK.now()})
    if threading.get_ident() not in STARTED:
        # The first event of a thread's own code: it has started.
        STARTED.add(threading.get_ident())
        if threading.get_ident() != _MAIN_IDENT:
            emit({'type': 'thread_started', 'name': thread_name()})
    POINTER.trace(frame, event, arg)
    hook = HOOKS.get(frame.f_code)
    if hook is not None:
        local = hook(frame)
        if local is not None:
            return traced_with(local)
    return POINTER.trace


# ── what the program may not do here ────────────────────────────────────────

class _AllowSockets:
    """The loop's own self-pipe is a socket pair: allowed while a loop is built."""
    depth = 0

    def __enter__(self):
        self.depth += 1

    def __exit__(self, *exc):
        self.depth -= 1


ALLOW_SOCKETS = _AllowSockets()


def program_line():
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == PROGRAM_FILE:
            return frame.f_lineno
        frame = frame.f_back
    return None


def refuse(what, message, line=None):
    finish_now({'control': 'refused', 'what': what, 'line': line or program_line(), 'message': message, 't': CLOCK.now()})


def last_program_line(tb):
    """The line of the program's innermost frame in a traceback."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == PROGRAM_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def refuse_network(what):
    refuse('network', f'{what}: the lab runs the program on a virtual event loop with no real network')


AUDITED = {
    'socket.__new__': 'network', 'socket.connect': 'network', 'socket.bind': 'network',
    'socket.getaddrinfo': 'network', 'socket.gethostbyname': 'network', 'socket.sendto': 'network',
    'subprocess.Popen': 'subprocess', 'os.system': 'subprocess', 'os.posix_spawn': 'subprocess',
    'os.exec': 'subprocess', 'os.fork': 'subprocess', 'os.forkpty': 'subprocess', 'os.spawn': 'subprocess',
}


def audit(event, args):
    what = AUDITED.get(event)
    if what is None or ALLOW_SOCKETS.depth:
        return
    if what == 'network':
        refuse_network(event)
    refuse('subprocess', f'{event}: the lab does not start other processes from a recorded program')


class NoStdin(io.TextIOBase):
    """Standard input: the program runs without a keyboard."""

    def _refuse(self, *args):
        refuse('stdin', 'the program reads standard input (input() or sys.stdin), which a recorded run does not have; put the value in the program instead')

    read = readline = readlines = _refuse

    def readable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        raise io.UnsupportedOperation('fileno')


def thread_start(start):
    """threading's thread starter: in virtual mode a thread ends the run, which starts again in real time."""

    def start_thread(function, *args, **kwargs):
        if EMBEDDED:
            refuse('threads', 'the program starts a thread, which the embedded Python cannot do; run it on a local CPython with --interpreter python3')
        if VIRTUAL:
            STREAM.close({'control': 'restart', 'why': 'threads', 'line': program_line(), 't': CLOCK.now()})
            os._exit(0)
        thread = getattr(function, '__self__', None)
        if isinstance(thread, threading.Thread):
            emit({'type': 'thread_created', 'name': thread.name, 'ident': 0, 'daemon': thread.daemon})
        return start(function, *args, **kwargs)
    return start_thread


# ── printed output ──────────────────────────────────────────────────────────

class LineWriter(io.TextIOBase):
    """sys.stdout / sys.stderr: each finished line becomes an output event of the writing thread."""

    def __init__(self, stream):
        self.stream = stream
        self.pending = ''

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f'write() argument must be str, not {type(text).__name__}')
        self.pending += text
        while '\n' in self.pending:
            line, self.pending = self.pending.split('\n', 1)
            emit({'type': 'output', 'stream': self.stream, 'text': line})
        return len(text)

    def flush(self):
        pass

    def end(self):
        if self.pending:
            line, self.pending = self.pending, ''
            emit({'type': 'output', 'stream': self.stream, 'text': line})

    def writable(self):
        return True

    def isatty(self):
        return False

    @property
    def encoding(self):
        return 'utf-8'

    @property
    def errors(self):
        return 'strict'


# ── running the program ─────────────────────────────────────────────────────

def without_recorder_frames(tb):
    """The traceback without the recorder's own frames (the exec that runs the program)."""
    while tb is not None and tb.tb_frame.f_code.co_filename == RECORDER_FILE:
        tb = tb.tb_next
    head = tb
    while tb is not None:
        following = tb.tb_next
        while following is not None and following.tb_frame.f_code.co_filename == RECORDER_FILE:
            following = following.tb_next
        tb.tb_next = following
        tb = following
    return head


def clean_chain(exc, seen=None):
    seen = seen or set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc.__traceback__ = without_recorder_frames(exc.__traceback__)
        clean_chain(exc.__cause__, seen)
        exc = exc.__context__


def exit_status(exc):
    """What `python3 program.py` exits with when `exc` ends it (printing what CPython prints)."""
    if isinstance(exc, SystemExit):
        code = exc.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 0xff if code >= 0 else code & 0xff
        print(code, file=sys.stderr)
        return 1
    clean_chain(exc)
    # As PyErr_Print does: the exception stays alive (and what it holds) until interpreter exit.
    sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, exc.__traceback__
    sys.excepthook(type(exc), exc, exc.__traceback__)
    if isinstance(exc, KeyboardInterrupt):
        return -signal.SIGINT  # CPython re-raises SIGINT on itself: a shell sees 130
    return 1


def shutdown(status):
    """What Py_FinalizeEx does that a learner sees: join non-daemon threads, run atexit, collect."""
    emit({'type': 'shutdown', 'phase': 'begin'})
    try:
        for thread in threading.enumerate():
            if thread is not threading.main_thread() and not thread.daemon and thread.is_alive():
                emit({'type': 'shutdown', 'phase': 'joining', 'waitingFor': thread.name})
                emit({'type': 'thread_blocked', 'name': thread_name(), 'on': f'join {thread.name}', 'until': None})
                break
        threading._shutdown()
    except KeyboardInterrupt as exc:
        clean_chain(exc)
        # As PyErr_WriteUnraisable prints it: the exception line always has its colon.
        text = ''.join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
        print(f"Exception ignored in: {threading!r}\nTraceback (most recent call last):\n{text}{type(exc).__name__}: {exc}", file=sys.stderr)
    if any(t.daemon and t.is_alive() for t in threading.enumerate()):
        emit({'type': 'shutdown', 'phase': 'daemons_killed'})
    try:
        atexit._run_exitfuncs()
    except BaseException:  # noqa: B902 - atexit prints its own errors
        pass
    return status


def run_program(source):
    try:
        code = compile(source, PROGRAM_FILE, 'exec')
    except (SyntaxError, ValueError) as exc:
        traceback.print_exception(type(exc), exc, None, limit=0)
        return 1
    main = types.ModuleType('__main__')
    main.__file__ = PROGRAM_FILE
    main.__builtins__ = builtins
    sys.modules['__main__'] = main
    try:
        exec(code, main.__dict__)
    except Stopped:
        raise
    except ModuleNotFoundError as exc:
        if EMBEDDED and exc.name:
            refuse('import', f"module '{exc.name}' is not in the embedded Python; run the program on a local CPython with --interpreter python3", last_program_line(exc.__traceback__))
        return exit_status(exc)
    except BaseException as exc:  # noqa: B902 - the program ended: say how, as CPython does
        return exit_status(exc)
    return 0


def watchdog():
    """A program that runs on the CPU for ever (no wait, no event) hits this wall-clock budget."""
    while True:
        _real_sleep(0.1)
        elapsed = _real_monotonic() - _START
        if VIRTUAL and elapsed > CPU_SECONDS:
            finish_now({'control': 'end', 'why': 'cpu', 'limit': CPU_SECONDS, 't': CLOCK.now()})
        if not VIRTUAL and elapsed > UNTIL:
            finish_now({'control': 'end', 'why': 'until', 't': UNTIL})


def install():
    sys.argv = [PROGRAM_FILE]
    sys.path[0] = CONFIG.get('dir') or os.getcwd()
    # The policy slot itself: set_event_loop_policy warns on 3.14, where policies are deprecated.
    asyncio.events._event_loop_policy = LabPolicy()
    asyncio.SelectorEventLoop = asyncio.unix_events.SelectorEventLoop = LabEventLoop
    if VIRTUAL:
        time.monotonic = time.perf_counter = CLOCK.read
        time.time = lambda: WALL_CLOCK_START + CLOCK.since_start(CLOCK.read())
        time.monotonic_ns = time.perf_counter_ns = lambda: int(CLOCK.read() * 1e9)
        time.time_ns = lambda: int((WALL_CLOCK_START + CLOCK.since_start(CLOCK.read())) * 1e9)
        time.sleep = virtual_sleep
    else:
        # The wall clock from the start of the run, on the simulated process's date.
        time.time = lambda: WALL_CLOCK_START + CLOCK.read()
        time.time_ns = lambda: int((WALL_CLOCK_START + CLOCK.read()) * 1e9)
        time.sleep = real_sleep
    _ctime = time.ctime
    time.ctime = lambda seconds=None: _ctime(time.time() if seconds is None else seconds)
    for name in ('_start_new_thread', '_start_joinable_thread'):
        if hasattr(threading, name):
            setattr(threading, name, thread_start(getattr(threading, name)))
    _thread.start_new_thread = thread_start(_thread.start_new_thread)
    sys.addaudithook(audit)
    sys.stdin = NoStdin()
    sys.stdout = LineWriter('stdout')
    sys.stderr = LineWriter('stderr')
    show_warning = warnings._showwarnmsg_impl

    def show_warning_message(msg):
        if msg.filename == RECORDER_FILE:
            # Destroyed at interpreter exit (a coroutine never awaited): CPython has no frame
            # running then, and names the place `sys:1` (`<sys>:0` from 3.13 on).
            place = ('<sys>', 0) if sys.version_info >= (3, 13) else ('sys', 1)
            msg = warnings.WarningMessage(msg.message, msg.category, *place, msg.file, None, None)
        emit({'type': 'warning', 'category': msg.category.__name__, 'message': str(msg.message)})
        show_warning(msg)
    warnings._showwarnmsg_impl = show_warning_message
    if not EMBEDDED:
        _real_start_new_thread(watchdog, ())
    if not VIRTUAL:
        INTERRUPTS.start_real_timers()
    threading.settrace(global_trace)
    sys.settrace(global_trace)


def real_sleep(seconds):
    """time.sleep in real time: the thread sleeps, as the trace shows."""
    emit({'type': 'thread_blocked', 'name': thread_name(), 'on': f'time.sleep({seconds!r})', 'until': CLOCK.now() + seconds})
    _real_sleep(seconds)
    emit({'type': 'thread_woke', 'name': thread_name(), 'reason': 'timeout'})


def virtual_sleep(seconds):
    if seconds < 0:
        raise ValueError('sleep length must be non-negative')
    CLOCK.block(f'time.sleep({seconds!r})', seconds)


def main():
    if EMBEDDED:
        try:
            record()
        except Stopped:
            pass
        sys.settrace(None)
        return
    record()
    os._exit(0)


def record():
    if EMBEDDED:
        with open(CONFIG.get('sourceFile', PROGRAM_FILE), encoding='utf-8') as f:
            source = f.read()
    else:
        source = sys.stdin.buffer.read().decode('utf-8', 'surrogateescape')
    install()
    status = run_program(source)
    status = shutdown(status)
    sys.settrace(None)
    threading.settrace(None)
    sys.stdout.end()
    sys.stderr.end()
    emit({'type': 'shutdown', 'phase': 'done'})
    # Interpreter exit: the program's objects are destroyed (a pending task says so).
    sys.last_type = sys.last_value = sys.last_traceback = None
    program = sys.modules.get('__main__')
    if program is not None and getattr(program, '__file__', None) == PROGRAM_FILE:
        program.__dict__.clear()
    gc.collect()
    sys.stdout.end()
    sys.stderr.end()
    emit({'type': 'exit', 'status': status})
    STREAM.close()


if __name__ == '__main__':
    main()
