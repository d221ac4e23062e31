"""The selector wait a Ctrl+C interrupts, on the embedded engine (CPython in Pyodide): no other
thread there to send the signal from, and no epoll. _run_once waits in the epoll selector as a
Linux CPython has it (this interpreter's own selectors.py, compiled with a `select` that has epoll:
same file, same lines), whose poll trips SIGINT and returns no events. The poll is a JavaScript
function: a call that leaves no Python frame, after which the interpreter checks for signals in
EpollSelector.select, on its poll line, where python3 handles a Ctrl+C that arrives in epoll_wait.
The program's handler runs there: the default one raises KeyboardInterrupt (the traceback ends in
selectors.py, as on Linux); asyncio.run's first one cancels the main task and returns, and the wait
ends with no events, as the self-pipe's wake-up ends it on Linux.
"""
import selectors
import sys
import types


class _Closable:
    """What selectors.py builds an epoll object with, when it checks at import that epoll works."""

    def close(self):
        pass


def linux_epoll_selector_class():
    """selectors.EpollSelector as a Linux CPython defines it, from this interpreter's selectors.py."""
    source = selectors.__loader__.get_source('selectors')
    real = sys.modules['select']
    select = types.ModuleType('select')
    select.__dict__.update(real.__dict__)
    # The values of Linux's <sys/epoll.h>.
    select.epoll, select.EPOLLIN, select.EPOLLOUT = _Closable, 0x001, 0x004
    # Its own module's names, so that a traceback finds the source of its lines as for selectors'.
    module = {'__name__': 'selectors', '__file__': selectors.__file__, '__loader__': selectors.__loader__, '__spec__': selectors.__spec__, '__builtins__': __builtins__}
    sys.modules['select'] = select
    try:
        exec(compile(source, selectors.__file__, 'exec'), module)
    finally:
        sys.modules['select'] = real
    return module['EpollSelector']


class _InterruptedEpoll(_Closable):
    """The epoll object of the interrupted wait: poll(timeout, maxevents) trips SIGINT
    (PyErr_SetInterruptEx, as CPython's signal handler trips it) and returns no events."""

    def __init__(self):
        from pyodide.code import run_js
        from pyodide.ffi import create_proxy
        import pyodide_js
        trips = run_js('(module, none) => () => { module._PyErr_SetInterruptEx(2); return none; }')
        # No events: a tuple of Python's (a JavaScript array would run Python code as it is converted).
        self.poll = trips(pyodide_js._module, create_proxy(()))


_EPOLL_SELECTOR = []


def interrupted_wait(selector):
    """The selector _run_once waits in for a wait a Ctrl+C interrupts: Linux's EpollSelector with
    the loop's registrations, its poll tripping SIGINT."""
    if not _EPOLL_SELECTOR:
        _EPOLL_SELECTOR.append(linux_epoll_selector_class())
    cls = _EPOLL_SELECTOR[0]
    epoll = cls.__new__(cls)
    epoll.__dict__.update(selector.__dict__)
    epoll._selector = _InterruptedEpoll()
    return epoll
