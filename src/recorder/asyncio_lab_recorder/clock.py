"""The recorder's clock. In virtual mode it is the lab runtime's clock (src/engines/virtual_time.py,
the one copy of the lab's clock rule): loop.time(), time.monotonic() and time.time() read it, one
tick per read, and a selector wait or a time.sleep advances it by its timeout instead of sleeping,
so an hour of sleeps runs in milliseconds and gives the same trace every time. In real mode
(programs with threads, on a local interpreter) it is the wall clock from the start of the run.
"""
import importlib.util
import os
import time

from . import writer
from .config import PACKAGE_DIR, TICK, UNTIL, VIRTUAL, WALL_CLOCK_START, START, original_monotonic, original_sleep
from .writer import emit, finish_now, thread_name


def load_virtual_time():
    """src/engines/virtual_time.py (the lab's one clock rule), under a name a program's own module cannot take."""
    path = os.path.join(os.path.dirname(os.path.dirname(PACKAGE_DIR)), 'engines', 'virtual_time.py')
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
        return original_monotonic() - START

    read = waited = now

    def since_start(self, reading):
        return reading


CLOCK = RecorderClock() if VIRTUAL else RealClock()
writer.use_clock(CLOCK)


def real_sleep(seconds):
    """time.sleep in real time: the thread sleeps, as the trace shows."""
    emit({'type': 'thread_blocked', 'name': thread_name(), 'on': f'time.sleep({seconds!r})', 'until': CLOCK.now() + seconds})
    original_sleep(seconds)
    emit({'type': 'thread_woke', 'name': thread_name(), 'reason': 'timeout'})


def virtual_sleep(seconds):
    if seconds < 0:
        raise ValueError('sleep length must be non-negative')
    CLOCK.block(f'time.sleep({seconds!r})', seconds)


def install_clock():
    """The program's time module reads the recorder's clock."""
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
