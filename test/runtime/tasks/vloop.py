# A CPython event loop on virtual time, for comparing our runtime with real asyncio: time() reads a
# virtual clock, and the selector's select(timeout) advances it by exactly the timeout instead of
# sleeping. _run_once is untouched.
import asyncio
import selectors


class _VirtualSelector(selectors.SelectSelector):
    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError('the loop would block forever')
        self.loop._virtual_time += timeout
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = _VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        self._virtual_time = 0.0

    def time(self):
        return self._virtual_time


def new_loop():
    loop = VirtualLoop()
    asyncio.set_event_loop(loop)
    return loop
