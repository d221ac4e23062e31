"""The identities and states of the loop's objects: serial ids for handles, futures and tasks (one
counter, as the runtime's), loop numbers, and each future's state as the live object holds it,
reported when it changes. Reprs are CPython's own, taken from the live objects.
"""
import asyncio
import asyncio.format_helpers
import weakref

from .writer import emit


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
        emit({'type': 'future_created', 'loop': loop, 'future': serial, 'kind': 'Task', 'name': fut.get_name(), 'coro': f'{name}()'})
    else:
        emit({'type': 'future_created', 'loop': loop, 'future': serial, 'kind': 'Future', 'name': label or type(fut).__name__})
    REG.futures[serial] = [weakref.ref(fut), 'PENDING', 0]
    check_future(serial)
    return serial


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


def is_loop_internal(handle):
    """The selector loop's own reader of its self-pipe (_read_from_self): the loop's plumbing, which
    the lab shows as the wake-up of the select, not as a callback."""
    return getattr(handle._callback, '__name__', None) == '_read_from_self' and isinstance(getattr(handle._callback, '__self__', None), asyncio.AbstractEventLoop)
