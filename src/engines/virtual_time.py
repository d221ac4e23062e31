"""Virtual time for CPython's own asyncio, on any interpreter (a local python3 or Pyodide).

VirtualTimeLoop is CPython's selector event loop with two things replaced:
  * time() reads a virtual clock that starts at 0.0;
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

Subclasses change the clock or what a wait does by overriding time() and virtual_wait().
"""
import asyncio
import selectors
import sys


class Hang(BaseException):
    """The loop waits with no timeout and nothing can wake it: a real process would hang here."""


class VirtualSelector(selectors.SelectSelector):
    """A selector whose wait is the loop's virtual_wait(timeout): no file descriptor is ever ready."""

    def __init__(self, loop):
        super().__init__()
        self._virtual_loop = loop

    def select(self, timeout=None):
        return self._virtual_loop.virtual_wait(timeout)


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self.virtual_now = 0.0
        super().__init__(VirtualSelector(self))

    def time(self):
        return self.virtual_now

    def virtual_wait(self, timeout):
        """The selector wait: the clock moves on by exactly `timeout` (the same float addition the
        lab's runtime performs), and no events are returned."""
        if timeout is None:
            raise Hang('select(None)')
        self.virtual_now = self.virtual_now + timeout
        return []

    # No self-pipe (see the module's docstring): nothing to create, close or write to.
    def _make_self_pipe(self):
        self._ssock = self._csock = None

    def _close_self_pipe(self):
        pass

    def _write_to_self(self):
        pass


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
