"""The identities and states of the loop's objects: serial ids for handles, futures and tasks (one
counter, as the runtime's), loop numbers, and each future's state as the live object holds it,
reported when it changes. Reprs are CPython's own, taken from the live objects.
"""
import asyncio
import asyncio.format_helpers
import inspect
import threading
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
        self.futures = {}  # serial -> [weak reference, state, cancelling, done callbacks last reported]
        self.ran = set()  # serials of the handles the loop has called (a cancel then skips nothing)
        self.thrown = {}  # task serial -> the CancelledError last thrown into it, as exc_text spells it

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


def cancelled_text(fut):
    """The CancelledError a cancelled future (or a task about to be cancelled) raises, as exc_text
    spells it. A task cancelled by the CancelledError it was thrown (the usual way) raises that one
    again (C keeps it, unseen): the recorder remembers what it threw."""
    thrown = REG.thrown.get(REG.id_of(fut)) if isinstance(fut, asyncio.Task) and fut.cancelled() else None
    if thrown is not None:
        return thrown
    message = getattr(fut, '_cancel_message', None)
    return 'CancelledError' if message is None else f'CancelledError: {message}'


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
    # [the future, its state, its cancel requests, its callbacks' texts, weak references to those callbacks]
    REG.futures[serial] = [weakref.ref(fut), 'PENDING', 0, [], ()]
    check_future(serial)
    return serial


def coroutine_args(coro):
    """The reprs of the arguments a coroutine was called with, as its frame holds them before it
    first runs (positional, keyword-only, then *args): "'a', 0.2" for worker('a', 0.2)."""
    frame = getattr(coro, 'cr_frame', None)
    if frame is None:
        return None
    code = frame.f_code
    named = code.co_argcount + code.co_kwonlyargcount
    names = list(code.co_varnames[:named])
    # A method's receiver is not an argument the learner passed (loop.shutdown_asyncgens() has none).
    if names and names[0] in ('self', 'cls') and '.' in getattr(code, 'co_qualname', code.co_name):
        names = names[1:]
    values = [repr(frame.f_locals[n]) for n in names if n in frame.f_locals]
    if code.co_flags & inspect.CO_VARARGS:
        values += [repr(v) for v in frame.f_locals.get(code.co_varnames[named], ())]
    return ', '.join(values)


def check_future(serial, message=None):
    """Reports a change in the future's state (read from its fields: result() and exception()
    would mark an exception as retrieved) or, for a task, each new cancel request (with `message`,
    when the caller knows the one cancel() was given)."""
    entry = REG.futures.get(serial)
    if entry is None:
        return
    fut = entry[0]()
    if fut is None:
        del REG.futures[serial]
        return
    if isinstance(fut, asyncio.Task) and entry[1] == 'PENDING':
        cancelling = fut.cancelling() if hasattr(fut, 'cancelling') else 0
        while cancelling > entry[2]:
            entry[2] += 1
            event = {'type': 'task_cancel_requested', 'loop': REG.loop_of(fut.get_loop()), 'task': serial, 'name': fut.get_name()}
            said = message if message is not None else cancel_message(fut)
            if said is not None:
                event['msg'] = said
            emit(event)
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


def cancel_message(task, depth=0):
    """The message of the cancel() just requested (C code: its argument is not seen). It stays on
    the task when the task is to be cancelled at its next step; otherwise it went to the future the
    task waits on, if that was cancelled just now (still pending as last reported), or, for a
    gather, to its children."""
    if task._must_cancel:
        return task._cancel_message
    waiter = task._fut_waiter
    if waiter is None or depth > 8:
        return None
    if isinstance(waiter, asyncio.tasks._GatheringFuture):
        for child in waiter._children:
            message = cancel_message(child, depth + 1) if isinstance(child, asyncio.Task) else child._cancel_message
            if message is not None:
                return message
        return None
    entry = REG.futures.get(REG.id_of(waiter))
    if waiter.cancelled() and entry is not None and entry[1] == 'PENDING':
        return waiter._cancel_message
    if isinstance(waiter, asyncio.Task):
        return cancel_message(waiter, depth + 1)
    return None


def check_cancel_requests(among=None):
    """Reports the cancel requests made since the last look (of the tasks `among`, or of all), in
    the order cancel() made them: a task's request before that of the task it waits on (Task.cancel
    counts its own request, then cancels what it waits on)."""
    serials = list(REG.futures) if among is None else [REG.id_of(task) for task in among]
    asked = {}
    for serial in serials:
        entry = REG.futures.get(serial)
        task = entry[0]() if entry is not None else None
        if isinstance(task, asyncio.Task) and entry[1] == 'PENDING' and task.cancelling() > entry[2]:
            asked[serial] = task
    while asked:
        waited_on = {id(task._fut_waiter) for task in asked.values()}
        first = next((serial for serial, task in asked.items() if id(task) not in waited_on), next(iter(asked)))
        del asked[first]
        check_future(first)


def check_all_futures():
    here = threading.get_ident()
    for serial, entry in list(REG.futures.items()):
        fut = entry[0]()
        # A loop running in another thread: its futures change there, and are reported there.
        owner = getattr(fut.get_loop(), '_thread_id', None) if fut is not None else None
        if owner is None or owner == here:
            check_future(serial)
    check_callbacks()


def is_task_wakeup(callback):
    """A task's wakeup, which every await adds (3.11: a TaskWakeupMethWrapper; 3.12 on: the task's
    bound task_wakeup): task_wait tells those, as the runtime leaves them out too."""
    return type(callback).__name__ == 'TaskWakeupMethWrapper' or getattr(callback, '__name__', None) == 'task_wakeup'


def check_callbacks():
    """Reports the done callbacks each pending future holds, when they changed since the last look,
    read from the live future (`_callbacks`: the C future keeps them where no tracer sees them being
    added), each as its repr's `cb=[...]` names it. The recorder looks at every line of the program
    (with the other futures' states), when a callback returns and when a loop starts or stops
    running."""
    here = threading.get_ident()
    for serial, entry in list(REG.futures.items()):
        fut = entry[0]()
        if fut is None or fut.done():
            continue
        owner = getattr(fut.get_loop(), '_thread_id', None)
        if owner is not None and owner != here:
            continue
        # It runs at every line of the program: the texts are made only when the callbacks changed.
        # They are remembered by weak reference (a strong one would keep an abandoned task alive and
        # hide CPython's "Task was destroyed" message) and compared by identity (== could run the
        # program's own __eq__). A callback that takes no weak reference is formatted every time.
        held = [callback for callback, _ in (fut._callbacks or ())]
        if same_objects(held, entry[4]):
            continue
        entry[4] = tuple(weak_or_none(callback) for callback in held)
        callbacks = [asyncio.format_helpers._format_callback_source(callback, ()) for callback in held if not is_task_wakeup(callback)]
        if callbacks != entry[3]:
            entry[3] = callbacks
            emit({'type': 'future_callbacks', 'loop': REG.loop_of(fut.get_loop()), 'future': serial, 'callbacks': callbacks})


def weak_or_none(obj):
    try:
        return weakref.ref(obj)
    except TypeError:
        return None


def same_objects(held, refs):
    """Whether `held` are the very objects `refs` (weak references) point to: a live object's id
    is its own, so an object alive behind its reference is the one held."""
    if len(held) != len(refs):
        return False
    for obj, ref in zip(held, refs):
        if ref is None or ref() is not obj:
            return False
    return True


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
