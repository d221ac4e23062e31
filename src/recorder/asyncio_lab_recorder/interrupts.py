"""Ctrl+C at a moment of the run, delivered as CPython's signal handler would deliver it. In virtual
mode, a moment in the selector wait that spans it: the clock jumps to it and SIGINT reaches the main
thread while it blocks in the real selector's poll (loop.py hands _run_once the stdlib selector for
that one wait), so the traceback shows selectors.py's frames and never the recorder's. In real mode,
SIGINT at that wall-clock time.
"""
import linecache
import selectors
import signal
import sys

from .clock import CLOCK
from .config import CONFIG, EMBEDDED, MAIN_IDENT, VIRTUAL, original_sleep, original_start_new_thread
from .writer import STREAM, emit

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
        original_start_new_thread(send_sigint_in_poll, ())
        return True

    def start_real_timers(self):
        for at in self.times:
            original_start_new_thread(send_sigint_at, (at,))
        self.times = []


INTERRUPTS = Interrupts(CONFIG.get('interrupts', []))


def send_sigint_in_poll():
    """Sends SIGINT to the main thread once it blocks in the selector's poll: the main thread
    holds the GIL until it does, so seeing its frame on the poll line means it is waiting there."""
    code = selectors.DefaultSelector.select.__code__
    line = next((n for n in range(code.co_firstlineno, code.co_firstlineno + 60)
                 if '.poll(' in linecache.getline(code.co_filename, n) or '.select(' in linecache.getline(code.co_filename, n)), None)
    while True:
        frame = sys._current_frames().get(MAIN_IDENT)
        if frame is not None and frame.f_code is code and frame.f_lineno == line:
            break
        original_sleep(0.0005)
    original_sleep(0.002)
    signal.pthread_kill(MAIN_IDENT, signal.SIGINT)


def send_sigint_at(at):
    original_sleep(max(0.0, at - CLOCK.now()))
    INTERRUPTS.n += 1
    STREAM.write({'type': 'interrupt', 'n': INTERRUPTS.n, 't': CLOCK.now(), 'thread': 'MainThread'})
    signal.pthread_kill(MAIN_IDENT, signal.SIGINT)

