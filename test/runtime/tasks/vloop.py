# A CPython event loop on virtual time, for comparing our runtime with real asyncio: time() reads a
# virtual clock, and the selector's select(timeout) advances it by exactly the timeout instead of
# sleeping. _run_once is untouched. The clock is the runtime's (virtual_time.py's VirtualClock): each read ticks.
import asyncio
import selectors

from virtual_time import VirtualClock


class _VirtualSelector(selectors.SelectSelector):
    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError('the loop would block forever')
        CLOCK.advance(timeout)
        return []


# One clock for the whole process, like time.monotonic(): every loop reads it.
CLOCK = VirtualClock()


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = _VirtualSelector()
        super().__init__(selector)
        selector.loop = self

    def time(self):
        return CLOCK.read()


def new_loop():
    loop = VirtualLoop()
    asyncio.set_event_loop(loop)
    return loop


class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()


def use_virtual_loops():
    """Makes asyncio.run() and new_event_loop() use virtual-time loops."""
    asyncio.set_event_loop_policy(VirtualPolicy())
