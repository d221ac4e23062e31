"""Virtual time for CPython's own asyncio, on any interpreter (a local python3 or Pyodide).

VirtualTimeLoop is CPython's selector event loop with two things replaced:
  * time() reads a VirtualClock (by default one that starts at 0.0 and moves only in waits);
  * the selector's select(timeout) returns no events and advances that clock by exactly `timeout`
    (select(None), with nothing that could ever wake the loop, raises Hang: a real process would
    hang there).
Everything else (_run_once, its ready window, the timer heap, tasks and futures) is the
interpreter's own code, so a program runs exactly as that CPython version schedules it.

The selector loop's self-pipe is a socketpair; under Pyodide in Node creating one crashes the
process (it is not an exception), so this loop has none. Nothing needs it here: the virtual
select never blocks, so there is nothing to wake.

use_virtual_time() makes asyncio.new_event_loop() and asyncio.run() build VirtualTimeLoops and,
under Pyodide, undoes the browser set-up: Pyodide starts with a WebLoop marked as running (so
get_event_loop() would return it and asyncio.run() would refuse to start), its own event loop
policy, and wrappers around asyncio.run and time.sleep.

VirtualClock is the lab runtime's clock (src/runtime/clock.ts), the one clock rule every Python side
of the lab uses (the recorder, the embedded engine, the oracle tests): every read returns a later
value than the read before, by one tick, as a real clock does while code runs; a wait (a selector's
select(timeout), time.sleep) adds its timeout to `instant`, the time advanced by waits only. The
n-th read returns

    (origin + instant) + n * tick

evaluated in that order in IEEE doubles, exactly as the runtime evaluates it, so both sides compute
the same bits and a trace that records readings shows any read one side makes and the other does not.

Subclasses change what a wait does by overriding virtual_wait().
"""
import asyncio
import math
import selectors
import sys

ORIGIN = 0.0  # the reading before any read or wait (the runtime's VirtualClock default)
TICK = 1e-6  # what each read adds (the runtime's CLOCK_TICK)
# Where a simulated process's monotonic clock starts (the runtime's PROCESS_CLOCK_ORIGIN): loop.time()
# in a recorded program reads the same numbers as in the simulation.
PROCESS_ORIGIN = 4521.302017


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

    def elapsed(self):
        """Time since start, ticks included, without reading: the `t` of trace events."""
        return self.instant + self.reads * self.tick

    def advance(self, seconds):
        """A wait of `seconds`."""
        self.instant = self.instant + seconds

    def wait_until(self, elapsed):
        """A wait until `elapsed` (time since start); never backwards."""
        now = self.elapsed()
        if elapsed > now:
            self.advance(elapsed - now)


class Hang(BaseException):
    """The loop waits with no timeout and nothing can wake it: a real process would hang here."""


class VirtualSelector(selectors.SelectSelector):
    """A selector whose wait is the loop's virtual_wait(timeout): no file descriptor is ever ready."""

    def __init__(self, loop):
        super().__init__()
        self._virtual_loop = loop

    def select(self, timeout=None):
        return self._virtual_loop.virtual_wait(timeout)


class WithoutSelfPipe:
    """A selector loop without its self-pipe (see the module's docstring): nothing to create, close
    or write to. Creating a socket pair is a fatal crash under Pyodide in Node, and nothing needs
    one: a virtual wait never blocks, and there are no threads to wake it."""

    def _make_self_pipe(self):
        self._ssock = self._csock = None

    def _close_self_pipe(self):
        pass

    def _write_to_self(self):
        pass


class VirtualTimeLoop(WithoutSelfPipe, asyncio.SelectorEventLoop):
    def __init__(self, selector=None, clock=None):
        """`selector` replaces the VirtualSelector (its select() must not block either); `clock`,
        shared by every loop of a process as time.monotonic() is, the loop's own frozen one."""
        self.clock = clock if clock is not None else VirtualClock(tick=0.0)
        super().__init__(selector or VirtualSelector(self))
        if self.clock.resolution is not None:
            # BaseEventLoop.__init__ took time.get_clock_info('monotonic').resolution: the coarse clock's.
            self._clock_resolution = self.clock.resolution

    def time(self):
        return self.clock.read()

    def virtual_wait(self, timeout):
        """The selector wait: the clock moves on by exactly `timeout` (the same float addition the
        lab's runtime performs), and no events are returned."""
        if timeout is None:
            raise Hang('select(None)')
        self.clock.advance(timeout)
        return []



def use_virtual_time(loop_factory=VirtualTimeLoop):
    """From now on, new event loops (asyncio.new_event_loop, asyncio.run, and get_event_loop where
    the version still creates one) are built by loop_factory. No loop is current or running."""
    webloop = sys.modules.get('pyodide.webloop')
    if webloop is not None:
        asyncio.run = webloop._orig_run
        if hasattr(webloop, '_orig_sleep'):  # Pyodide 0.28 and later wrap time.sleep too
            import time
            time.sleep = webloop._orig_sleep
    asyncio._set_running_loop(None)
    # A fresh default policy, as at the start of a CPython process (no loop set yet). Setting the
    # module's slot directly avoids set_event_loop_policy, which 3.14 deprecates.
    asyncio.events._event_loop_policy = None
    get_policy = getattr(asyncio.events, '_get_event_loop_policy', None) or asyncio.events.get_event_loop_policy
    get_policy()._loop_factory = loop_factory
