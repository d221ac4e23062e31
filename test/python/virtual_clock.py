"""The runtime's clock (src/runtime/clock.ts) for the Python harnesses that run CPython's asyncio on
virtual time (test/oracle/cpython_runner.py, test/runtime/tasks/vloop.py, test/runtime/loop/cpython.ts).

Every read returns a later value than the read before, by one tick, as a real clock does while code
runs; a wait (a selector's select(timeout), time.sleep) adds its timeout to `instant`, the time
advanced by waits only. The n-th read returns

    (origin + instant) + n * tick

evaluated in that order in IEEE doubles, exactly as the runtime evaluates it, so both sides compute
the same bits and a trace that records readings shows any read one side makes and the other does not.
"""

import math

ORIGIN = 0.0  # the reading before any read or wait (the runtime's VirtualClock default)
TICK = 1e-6  # what each read adds (the runtime's CLOCK_TICK)


class VirtualClock:
    def __init__(self, origin=ORIGIN, tick=TICK, resolution=None):
        self.origin = origin
        self.tick = tick
        # A coarse clock (Windows' 15.625 ms): readings rounded down to whole multiples of it.
        self.resolution = resolution
        self.instant = 0.0
        self.reads = 0

    def read(self):
        """A read by the program or the loop: one tick later than the one before."""
        self.reads += 1
        return self.peek()

    def peek(self):
        """The last reading, without reading again."""
        raw = self.origin + self.instant + self.reads * self.tick
        return raw if self.resolution is None else math.floor(raw / self.resolution) * self.resolution

    def advance(self, seconds):
        """A wait of `seconds`."""
        self.instant = self.instant + seconds
