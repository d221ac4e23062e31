"""Ctrl+C at a moment of the run, delivered as CPython's signal handler would deliver it. In virtual
mode, a moment in the selector wait that spans it: the clock jumps to it and SIGINT reaches the main
thread while it blocks in the real selector's poll (loop.py hands _run_once the stdlib selector for
that one wait), so the traceback shows selectors.py's frames and never the recorder's. In real mode,
SIGINT at that wall-clock time.

A moment can also be an event of the trace (config "interruptEvents": indexes, from 0): inside a
callback that computes without waiting, where the clock does not move. The event is written from
the trace function, and a signal handled there would raise inside it (CPython then switches tracing
off, and the traceback shows the recorder): so the main thread stops tracing, and a helper thread
trips SIGINT with _thread.interrupt_main() the first time it gets the GIL while the main thread
runs none of the recorder's code. CPython handles it at its next check for signals, in the
program's code, by calling the program's handler (asyncio.run's, or the default one, which raises
KeyboardInterrupt there). The recorder's handler wraps it for that one signal and switches tracing
back on first. What runs between the event and the handler is not traced: in a callback that
computes for more than a few milliseconds the signal lands a few iterations after the event, as a
real Ctrl+C would; a shorter one may finish first, and the signal then lands where the program is
next in Python code (or, if the program has ended, nowhere).
"""
import linecache
import selectors
import signal
import sys
import _thread

from .clock import CLOCK
from .config import CONFIG, EMBEDDED, MAIN_IDENT, PROGRAM_FILE, VIRTUAL, is_recorder_file, original_sleep, original_start_new_thread
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
        switch = sys.getswitchinterval()
        previous = signal.getsignal(signal.SIGINT)

        def resume_tracing(signum, frame):
            # The program's own handler, with tracing on again (its frames are traced as before).
            signal.signal(signal.SIGINT, previous)
            sys.setswitchinterval(switch)
            sys.settrace(trace)
            if callable(previous):
                return previous(signum, frame)
            raise KeyboardInterrupt
        signal.signal(signal.SIGINT, resume_tracing)
        sys.settrace(None)
        # The helper asks for the GIL again and again, and looks at where the main thread stands
        # each time it gets it; a short switch interval hands it over soon. This thread waits until
        # the helper runs, so it has not run ahead before the helper starts asking.
        sys.setswitchinterval(1e-6)
        started = _thread.allocate_lock()
        started.acquire()
        original_start_new_thread(interrupt_outside_recorder, (started,))
        started.acquire()


def runs_recorder_code(frame):
    """True when the recorder's code runs above the program's innermost frame (the trace function,
    an output writer); the recorder's frames below the program's, that run it, do not count."""
    while frame is not None and frame.f_code.co_filename != PROGRAM_FILE:
        if is_recorder_file(frame.f_code.co_filename):
            return True
        frame = frame.f_back
    return False


def interrupt_outside_recorder(started):
    """Trips SIGINT once the main thread runs none of the recorder's code."""
    started.release()
    while runs_recorder_code(sys._current_frames().get(MAIN_IDENT)):
        original_sleep(1e-5)
    _thread.interrupt_main()


EVENT_INTERRUPTS = EventInterrupts(CONFIG.get('interruptEvents', [])) if not EMBEDDED else None


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

