"""What the trace function watches: CPython's own functions (Handle._run, call_at, create_task,
create_future, _run_once, ...) seen from sys.settrace's call and return events, and the live objects'
state there; never by wrapping a function that an exception can cross, so a traceback shows
CPython's frames and the program's, never the recorder's. HOOKS maps a code object to the function
called when a frame of it starts; what that returns (if anything) traces the frame on.
"""
import asyncio
import asyncio.events
import asyncio.futures
import asyncio.selector_events
import asyncio.tasks
import asyncio.unix_events
import concurrent.futures
import concurrent.futures.thread
import linecache
import queue
import threading

from .clock import CLOCK
from .config import PROGRAM_FILE, VIRTUAL
from .loop import RUN_ONCE_CODE, BaseEventLoop
from .program_pointer import POINTER
from .refusals import refuse_network
from .tracking import REG, callback_text, cancelled_text, check_all_futures, check_callbacks, check_cancel_requests, check_future, exc_text, is_loop_internal, task_of_handle, track_future
from .wakers import WAKERS, acted_on, loop_key, waker_of, woke_by
from .writer import emit, thread_name


def on_run_once(frame):
    loop = frame.f_locals['self']
    number = REG.loop_of(loop)
    n = getattr(loop, '_lab_iterations', 0) + 1
    loop._lab_iterations = n
    emit({'type': 'loop_iteration', 'loop': number, 'n': n, 'ready': len(loop._ready), 'scheduled': len(loop._scheduled)})
    # What the first phase (cancelled timers dropped) starts from: see loop.pruned.
    loop._lab_run_once = (list(loop._scheduled), loop._timer_cancelled_count, CLOCK.now())
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
        REG.ran.add(self.serial)
        self.raised = None
        self.task = task_of_handle(handle)
        if self.task is not None:
            task = self.task
            mode = 'send'
            value = None
            waited = handle._args[0] if handle._args and isinstance(handle._args[0], asyncio.Future) else None
            failed = waited._exception if waited is not None and not waited.cancelled() else None
            # As Task.__step decides: a cancel requested meanwhile throws CancelledError, unless the
            # waited future's outcome is one already (the cancelled future's own).
            if waited is not None and waited.cancelled():
                mode, value = 'throw', cancelled_text(waited)
            elif isinstance(failed, asyncio.CancelledError) or (failed is not None and not task._must_cancel):
                mode, value = 'throw', exc_text(failed)
            elif task._must_cancel:
                mode, value = 'throw', cancelled_text(task)
            event = {'type': 'task_step', 'loop': self.loop, 'task': track_future(task), 'name': task.get_name(), 'mode': mode}
            if value is not None:
                event['value'] = value
                if value.startswith('CancelledError'):
                    REG.thrown[event['task']] = value
            emit(event)

    def __call__(self, frame, event, arg):
        if event == 'exception':
            self.raised = arg[0]
        if event != 'return':
            return self
        check_all_futures()
        if self.raised is not None and issubclass(self.raised, (KeyboardInterrupt, SystemExit)):
            # Handle._run lets these through: the callback did not return, the run ends here.
            return None
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
    # The callbacks added before it runs (run_until_complete's _run_until_complete_cb).
    check_callbacks()
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
            # asyncio.run's shutdown cancels every task (C code, unseen), then gathers them.
            check_cancel_requests()
            track_future(frame.f_locals['self'], 'gather')
        return returned
    return returned


def on_gathering_cancel(frame):
    """gather's cancel() cancels its children one by one (C Task.cancel, unseen): each request is
    read at the next line of that loop, so they come in its order; a task waiting on the gather
    asked first (Task.cancel counts its request, then cancels what it waits on), with this message."""
    gather = frame.f_locals['self']
    for serial, entry in list(REG.futures.items()):
        task = entry[0]()
        if isinstance(task, asyncio.Task) and task._fut_waiter is gather:
            check_future(serial, frame.f_locals.get('msg'))
    children = gather._children

    def watch(frame, event, arg):
        if event in ('line', 'return'):
            check_cancel_requests(children)
        return watch
    return watch


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


def blocked_until_return(on, waker, until=None):
    """The running thread blocks in this call (a lock, a condition): it blocked when the call began,
    and woke, notified, when it returns (in real time only: in virtual time there are no threads),
    by the thread `waker()` names then (None: not known)."""
    emit({'type': 'thread_blocked', 'name': thread_name(), 'on': on, 'until': until})

    def returned(frame, event, arg):
        if event == 'return':
            emit(woke_by(waker()))
        return returned
    return returned


def on_acted(key):
    """A hook recording the running thread as the last to act on the object `key(frame)` names
    (wakers.py): the thread a waiter on that object wakes by. Virtual time has no threads to wake."""
    def hook(frame):
        if VIRTUAL:
            return None
        found = key(frame)
        if found is not None:
            acted_on(found)
        return None
    return hook


def self_key(frame):
    obj = frame.f_locals.get('self')
    return None if obj is None else id(obj)


def self_pipe_key(frame):
    return loop_key(REG.loop_of(frame.f_locals.get('self')))


def work_queue_key(frame):
    work_queue = getattr(frame.f_locals.get('self'), '_work_queue', None)
    return None if work_queue is None else id(work_queue)


# concurrent.futures.Future's states as the trace says them (CANCELLED_AND_NOTIFIED is CANCELLED
# to a learner; PENDING is where every one starts).
CONCURRENT_STATES = {'RUNNING': 'RUNNING', 'FINISHED': 'FINISHED', 'CANCELLED': 'CANCELLED', 'CANCELLED_AND_NOTIFIED': 'CANCELLED'}


def on_concurrent_init(frame):
    """A concurrent.futures.Future is created: it gets its serial id when __init__ returns."""
    def returned(frame, event, arg):
        if event == 'return':
            future = frame.f_locals.get('self')
            if future is not None and REG.id_of(future) is None:
                emit({'type': 'concurrent_future_created', 'future': REG.new_id(future)})
        return returned
    return returned


def on_concurrent_change(frame):
    """set_running_or_notify_cancel, set_result, set_exception, cancel: the new state is reported at
    the line after the one that set it, before the waiters are woken and the callbacks run (as the
    runtime emits it). The running thread is the one a thread waiting in result() wakes by."""
    future = frame.f_locals.get('self')
    serial = REG.id_of(future)
    if not VIRTUAL and future is not None:
        acted_on(id(future))
    if serial is None:
        return None
    said = [CONCURRENT_STATES.get(future._state)]

    def watch(frame, event, arg):
        if event in ('line', 'return'):
            state = CONCURRENT_STATES.get(future._state)
            if state is not None and state != said[0]:
                said[0] = state
                change = {'type': 'concurrent_future_state', 'future': serial, 'state': state}
                if state == 'FINISHED':
                    if future._exception is not None:
                        change['exception'] = exc_text(future._exception)
                    else:
                        change['result'] = repr(future._result)
                emit(change)
        return watch
    return watch


def on_chain_future(frame):
    """_chain_future(source, destination): the trace says which future hands its outcome to which."""
    source = REG.id_of(frame.f_locals.get('source'))
    destination = REG.id_of(frame.f_locals.get('destination'))
    if source is not None and destination is not None:
        emit({'type': 'futures_chained', 'source': source, 'destination': destination})
    return None


# Set while interpreter shutdown joins the threads: main.shutdown shows that wait itself, once.
AT_SHUTDOWN = [False]


def on_join(frame):
    thread = frame.f_locals.get('self')
    if VIRTUAL or AT_SHUTDOWN[0] or not isinstance(thread, threading.Thread) or not thread.is_alive() or thread is threading.current_thread():
        return None
    # Notified by the joined thread's end.
    return blocked_until_return(f'join {thread.name}', lambda: thread.name)


def on_future_result(frame):
    future = frame.f_locals.get('self')
    if VIRTUAL or future is None or future.done():
        return None
    return blocked_until_return('future.result()', waker_of(id(future)))


def on_queue_get(frame):
    q = frame.f_locals.get('self')
    if VIRTUAL or not frame.f_locals.get('block', True) or q is None or q.qsize() > 0:
        return None
    return blocked_until_return('q.get()', waker_of(id(q)))


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
                emit(woke_by(WAKERS.pop(id(frame.f_locals.get('work_queue')), None)))
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
        asyncio.tasks._GatheringFuture.cancel.__code__: on_gathering_cancel,
        BaseEventLoop.call_exception_handler.__code__: on_exception_handler,
        threading.Thread._delete.__code__: on_thread_delete,
        threading.Thread.join.__code__: on_join,
        concurrent.futures.Future.result.__code__: on_future_result,
        queue.Queue.get.__code__: on_queue_get,
        concurrent.futures.thread._worker.__code__: on_pool_worker,
        # What wakes a blocked thread, and who did it (WAKERS).
        asyncio.selector_events.BaseSelectorEventLoop._write_to_self.__code__: on_acted(self_pipe_key),
        queue.Queue.put.__code__: on_acted(self_key),
        # concurrent.futures.Future: created, changing state (and waking who waits in result()), chained.
        concurrent.futures.Future.__init__.__code__: on_concurrent_init,
        concurrent.futures.Future.set_running_or_notify_cancel.__code__: on_concurrent_change,
        concurrent.futures.Future.set_result.__code__: on_concurrent_change,
        concurrent.futures.Future.set_exception.__code__: on_concurrent_change,
        concurrent.futures.Future.cancel.__code__: on_concurrent_change,
        asyncio.futures._chain_future.__code__: on_chain_future,
        concurrent.futures.ThreadPoolExecutor.submit.__code__: on_acted(work_queue_key),
        concurrent.futures.ThreadPoolExecutor.shutdown.__code__: on_acted(work_queue_key),
    }
    for cls in (BaseEventLoop, asyncio.selector_events.BaseSelectorEventLoop, asyncio.unix_events._UnixSelectorEventLoop):
        for name in NETWORK:
            method = cls.__dict__.get(name)
            if method is not None and hasattr(method, '__code__'):
                table[method.__code__] = on_network
    return table


HOOKS = hooks()
