"""The trace function (sys.settrace and threading.settrace): every frame is traced, so the pointer
sees returns into the library's frames and the hooks see CPython's own functions called and
returning. It also notices threads starting and, on the embedded engine (no watchdog thread there),
checks the CPU budget now and then.
"""
import threading

from .config import CPU_SECONDS, EMBEDDED, MAIN_IDENT, START, original_monotonic
from .clock import CLOCK
from .hooks import HOOKS
from .program_pointer import POINTER
from .writer import emit, finish_now, thread_name

STARTED = set()


def traced_with(local):
    """A frame's local trace function: the pointer's, then the hook's (for its return event)."""
    pointer_trace = POINTER.trace

    def trace(frame, event, arg):
        pointer_trace(frame, event, arg)
        local(frame, event, arg)
        return trace
    return trace


TRACED = [0]


def check_cpu():
    """No watchdog thread on the embedded engine: the CPU budget is checked from the trace
    function, every so many of its calls (a loop that never waits runs its lines)."""
    TRACED[0] += 1
    if TRACED[0] % 4096 == 0 and original_monotonic() - START > CPU_SECONDS:
        finish_now({'control': 'end', 'why': 'cpu', 'limit': CPU_SECONDS, 't': CLOCK.now()})


def pointer_checking_cpu(frame, event, arg):
    """A frame's local trace function on the embedded engine: the pointer's, and the CPU budget."""
    check_cpu()
    POINTER.trace(frame, event, arg)
    return pointer_checking_cpu


def global_trace(frame, event, arg):
    """Every frame is traced: the pointer sees returns into the library's frames, and the hooks
    see CPython's own functions called and returning."""
    if EMBEDDED:
        check_cpu()
    if threading.get_ident() not in STARTED:
        # The first event of a thread's own code: it has started.
        STARTED.add(threading.get_ident())
        if threading.get_ident() != MAIN_IDENT:
            emit({'type': 'thread_started', 'name': thread_name()})
    POINTER.trace(frame, event, arg)
    hook = HOOKS.get(frame.f_code)
    if hook is not None:
        local = hook(frame)
        if local is not None:
            return traced_with(local)
    return pointer_checking_cpu if EMBEDDED else POINTER.trace

