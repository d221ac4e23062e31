"""Ctrl+C at a moment of the run, delivered as CPython's signal handler would deliver it. In virtual
mode, a moment in the selector wait that spans it: the clock jumps to it and SIGINT reaches the main
thread while it waits in the selector's poll (loop.py hands _run_once the stdlib selector for that
one wait; on the embedded engine, linux_epoll.py's), so the traceback shows selectors.py's frames
and never the recorder's. In real mode, SIGINT at that wall-clock time.

A moment can also be an event of the trace (config "interruptEvents": indexes, from 0): inside a
callback that computes without waiting, where the clock does not move. The event is written from
the recorder's code (often the trace function), and a signal handled there would raise inside it
(from the trace function CPython then switches tracing off, and the traceback shows the recorder).
So tracing stops, and SIGINT is tripped (_thread.interrupt_main(), the flag CPython's own signal
handler sets) with a handler of the recorder's in front of the program's: CPython calls it at its
next check for signals (a call, a loop's jump back, a function's start), and wherever that check
comes in the recorder's code, the handler trips SIGINT again and returns, until it comes in the
program's (or CPython's) code. There it switches tracing back on and calls the program's handler
(asyncio.run's, or the default one, which raises KeyboardInterrupt there), as a real Ctrl+C would.
What runs between the event and the handler is the rest of the recorder's work for that event;
a program that has ended by then takes the signal nowhere.
"""
import collections
import linecache
import selectors
import signal
import sys
import _thread

from .clock import CLOCK
from .config import CONFIG, EMBEDDED, MAIN_IDENT, PROGRAM_FILE, VIRTUAL, is_recorder_file, original_sleep, original_start_new_thread
from .writer import STREAM, emit

# SIGINT tripped without a call: a missing key runs the factory, interrupt_main(). Subscripting is
# no point where CPython checks for signals (a call is), so the code that runs next decides where
# the check comes: trip this way as the last thing before returning.
TRIP = collections.defaultdict(_thread.interrupt_main)


class Interrupts:
    """SIGINT at the configured times. In virtual mode it is delivered in the selector wait that
    spans the time (the clock jumps to it); in real mode at that wall-clock time."""

    def __init__(self, times):
        self.times = sorted(float(t) for t in times)
        self.n = 0

    @property
    def pending(self):
        return VIRTUAL and bool(self.times)

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
        if not EMBEDDED:
            original_start_new_thread(send_sigint_in_poll, ())
        return True

    def start_real_timers(self):
        for at in self.times:
            original_start_new_thread(send_sigint_at, (at,))
        self.times = []


INTERRUPTS = Interrupts(CONFIG.get('interrupts', []))


class EventInterrupts:
    """SIGINT right after the configured events (indexes in the trace, from 0), on the main thread."""

    def __init__(self, indexes):
        self.indexes = sorted(int(i) for i in indexes)
        self.arm()

    def arm(self):
        """The writer calls back after writing the next event of the list (its count is then index + 1)."""
        STREAM.at_count = self.indexes.pop(0) + 1 if self.indexes else None
        STREAM.on_count = self.deliver

    def deliver(self):
        self.arm()
        INTERRUPTS.n += 1
        emit({'type': 'interrupt', 'n': INTERRUPTS.n})
        trace = sys.gettrace()
        if trace is None:
            return
        sys.settrace(None)
        previous = signal.getsignal(signal.SIGINT)

        def in_program_code(signum, frame):
            if runs_recorder_code(frame):
                # Not here: at the next check, which comes after this handler has returned.
                TRIP[signal.SIGINT]
                del TRIP[signal.SIGINT]
                return
            signal.signal(signal.SIGINT, previous)
            left_out_of_traceback(frame, sys._getframe().f_code)
            sys.settrace(trace)
            if callable(previous):
                return previous(signum, frame)
            if previous != signal.SIG_IGN:
                raise KeyboardInterrupt
        signal.signal(signal.SIGINT, in_program_code)
        TRIP[signal.SIGINT]
        del TRIP[signal.SIGINT]


def left_out_of_traceback(frame, handler):
    """The KeyboardInterrupt about to leave the handler (code `handler`), a frame CPython's own C
    handler would not have, passes into `frame` first: there its 'exception' event unlinks the
    handler's entry from the traceback, so what the program prints (traceback.print_exc) is what
    CPython prints. The frame's own trace function runs on as before."""
    local = frame.f_trace

    def once(f, event, arg):
        if event == 'exception':
            tb = arg[2]
            while tb is not None and tb.tb_next is not None:
                if tb.tb_next.tb_frame.f_code is handler:
                    tb.tb_next = tb.tb_next.tb_next
                    break
                tb = tb.tb_next
        f.f_trace = local
        return local(f, event, arg) if local is not None else None
    frame.f_trace = once


def runs_recorder_code(frame):
    """True when the recorder's code runs above the program's innermost frame (the trace function,
    an output writer); the recorder's frames below the program's, that run it, do not count."""
    while frame is not None and frame.f_code.co_filename != PROGRAM_FILE:
        if is_recorder_file(frame.f_code.co_filename):
            return True
        frame = frame.f_back
    return False


EVENT_INTERRUPTS = EventInterrupts(CONFIG.get('interruptEvents', []))


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

