"""The event loop a recorded program gets: CPython's own selector loop (a subclass: `_run_once`,
`run_forever`, `run_until_complete` untouched) with the recorder's clock as its time(), a selector
whose wait advances the virtual clock (or really waits, in real mode), and a ready deque that reports
what is appended. asyncio.run, new_event_loop and get_event_loop get it through the event loop
policy. Futures and Tasks stay the C `_asyncio` classes. The heap is snapshotted once per loop
iteration, at the selector call.
"""
import asyncio
import asyncio.base_events
import asyncio.unix_events
import collections
import heapq
import math
import selectors
import sys
import weakref

from .clock import CLOCK, VIRTUAL_TIME
from .config import EMBEDDED, UNTIL, VIRTUAL
from .interrupts import INTERRUPTS
from .refusals import ALLOW_SOCKETS
from .tracking import REG, callback_text, check_cancel_requests, check_future, is_loop_internal, task_of_handle, track_future
from .wakers import WAKERS, loop_key, woke_by
from .writer import emit, emit_at, finish_now, thread_name

if EMBEDDED:
    from .linux_epoll import interrupted_wait

BaseEventLoop = asyncio.base_events.BaseEventLoop
RUN_ONCE_CODE = BaseEventLoop._run_once.__code__
THREADSAFE_CODE = BaseEventLoop.call_soon_threadsafe.__code__


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
        # A done callback: the future it reports on changed state just now. A task's cancel()
        # counts its request before it cancels the future the task waits on: that comes first.
        check_cancel_requests()
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


def pruned(loop, loop_id):
    """_run_once's first phase, read from the heap it found (on_run_once) and the one it leaves: with
    over 100 timers and over half of them cancelled, the heap rebuilt without them (heapify);
    otherwise the cancelled timers popped from its top, each heappop's last item settling at
    `lastTo` (-1: the heap held only the popped one), found by popping a copy the same way. Stamped
    with the iteration's start: the timeout read the clock since."""
    before = getattr(loop, '_lab_run_once', None)
    if before is None:
        return
    heap, cancelled, t = before
    loop._lab_run_once = None
    count = len(heap) - len(loop._scheduled)
    if count <= 0:
        return
    if len(heap) > asyncio.base_events._MIN_SCHEDULED_TIMER_HANDLES and cancelled / len(heap) > asyncio.base_events._MIN_CANCELLED_TIMER_HANDLES_FRACTION:
        emit_at(t, {'type': 'timers_pruned', 'loop': loop_id, 'count': count, 'rebuilt': True, 'heap': [REG.id_of(h) for h in loop._scheduled]})
        return
    heap = list(heap)
    last_to = []
    while heap and heap[0]._cancelled:
        last = heap[-1]
        heapq.heappop(heap)
        last_to.append(next((i for i, h in enumerate(heap) if h is last), -1))
    emit_at(t, {'type': 'timers_pruned', 'loop': loop_id, 'count': count, 'rebuilt': False, 'lastTo': last_to})


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
        pruned(self.loop, self.loop_id)
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
                # Woken through the self-pipe: by the thread that wrote it (hooks.WAKERS).
                emit(woke_by(WAKERS.pop(loop_key(self.loop_id), None)) if ready else {'type': 'thread_woke', 'name': thread_name(), 'reason': 'timeout'})
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
        # What time() reads at the trace's t = 0: deadlines on the trace's clock are `when - timeOrigin`.
        emit({'type': 'loop_created', 'loop': number, 'debug': self.get_debug(), 'timeOrigin': getattr(CLOCK, 'origin', 0.0)})

    def time(self):
        return CLOCK.read()

    # _run_once reads `self._selector` once, right before `select(timeout)`; for a wait that a
    # Ctrl+C interrupts it gets the stdlib selector (embedded, Linux's epoll one: Pyodide has no
    # epoll), so no frame of the recorder is on the stack.
    @property
    def _selector(self):
        selector = self.__dict__['_lab_selector']
        if INTERRUPTS.pending and sys._getframe(1).f_code is RUN_ONCE_CODE:
            timeout = sys._getframe(1).f_locals.get('timeout', 0)
            if INTERRUPTS.due_in_wait(selector.loop_id, timeout):
                return interrupted_wait(selector) if EMBEDDED else selector.real
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

