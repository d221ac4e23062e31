"""Runs many programs in one embedded interpreter (Pyodide), each as if on a fresh one as far as
the program can tell: with the recorder (its entry run anew, its package imported anew), or
plainly on virtual time, as the tests compare them. What a run installs is put back after it:
standard streams, the time functions, the loop policy and class, the thread starters, __main__,
sys.argv and sys.path[0], the working directory. (The audit hook a recorded run adds stays: it
refuses nothing once its run has ended. The C Task's
Task-N counter runs on across programs: tests compare task numbers up to that.)

    record(entry, config_json) -> the recorder's NDJSON
    plain(source, file) -> (stdout, stderr, status)
"""
import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.unix_events
import atexit
import gc
import io
import os
import runpy
import sys
import threading
import time
import traceback
import types
import warnings
import _thread

_TIME = {name: getattr(time, name) for name in ('monotonic', 'perf_counter', 'time', 'monotonic_ns', 'perf_counter_ns', 'time_ns', 'sleep', 'ctime')}
_THREADING = {name: getattr(threading, name) for name in ('_start_new_thread', '_start_joinable_thread') if hasattr(threading, name)}
_START_NEW_THREAD = _thread.start_new_thread
_STREAMS = (sys.stdin, sys.stdout, sys.stderr)
_POLICY = asyncio.events._event_loop_policy
_LOOPS = (asyncio.SelectorEventLoop, asyncio.unix_events.SelectorEventLoop)
_SHOW_WARNING = warnings._showwarnmsg_impl
_ARGV = list(sys.argv)
_PATH0 = sys.path[0]
_MAIN = sys.modules['__main__']
_CWD = os.getcwd()
# What a program may patch on asyncio itself (the tests' generated programs do): its modules' names
# and the base loop's methods, as they are before any run.
_MODULES = {name: dict(vars(module)) for name, module in sys.modules.items() if name == 'asyncio' or name.startswith('asyncio.')}
_BASE_LOOP = dict(vars(asyncio.base_events.BaseEventLoop))


def _restore_names(target, saved, setter, deleter):
    for name in [n for n in list(target) if n not in saved]:
        deleter(name)
    for name, value in saved.items():
        if target.get(name, _restore_names) is not value:
            setter(name, value)


def _restore():
    for name, saved in _MODULES.items():
        module = sys.modules.get(name)
        if module is not None:
            _restore_names(vars(module), saved, lambda n, v, m=module: setattr(m, n, v), lambda n, m=module: delattr(m, n))
    base = asyncio.base_events.BaseEventLoop
    _restore_names(dict(vars(base)), _BASE_LOOP, lambda n, v: setattr(base, n, v), lambda n: delattr(base, n))
    sys.settrace(None)
    threading.settrace(None)
    for name, value in _TIME.items():
        setattr(time, name, value)
    for name, value in _THREADING.items():
        setattr(threading, name, value)
    _thread.start_new_thread = _START_NEW_THREAD
    sys.stdin, sys.stdout, sys.stderr = _STREAMS
    asyncio.events._event_loop_policy = _POLICY
    asyncio.SelectorEventLoop, asyncio.unix_events.SelectorEventLoop = _LOOPS
    warnings._showwarnmsg_impl = _SHOW_WARNING
    sys.argv[:] = _ARGV
    sys.path[0] = _PATH0
    sys.modules['__main__'] = _MAIN
    sys.last_type = sys.last_value = sys.last_traceback = None
    if hasattr(sys, 'last_exc'):
        sys.last_exc = None
    # Interpreter shutdown (the recorder's, or plain()'s) told the thread pools and threading so.
    if 'concurrent.futures.thread' in sys.modules:
        sys.modules['concurrent.futures.thread']._shutdown = False
    if hasattr(threading, '_SHUTTING_DOWN'):
        threading._SHUTTING_DOWN = False
    os.chdir(_CWD)
    # No loop is current in the next program (a program may have set one).
    if _POLICY is not None:
        _POLICY.set_event_loop(None)
    for name in [n for n in sys.modules if n.startswith('asyncio_lab_recorder') or n.startswith('_asyncio_lab_')]:
        del sys.modules[name]


def record(entry, config):
    """One recorded run, as the embedded engine makes it (src/engines/embedded-runner.ts): the
    recorder's NDJSON, handed to the sink the engine gives it (or kept by its writer)."""
    sys.argv = [entry, config]
    chunks = []
    try:
        recorder = runpy.run_path(entry, init_globals={'_lab_sink': chunks.append}, run_name='__main__')
        kept = getattr(recorder.get('STREAM'), 'kept', None)
        return ''.join(chunks) + ''.join(kept or [])
    finally:
        _restore()


class _Capture(io.StringIO):
    def isatty(self):
        return False


def _show_at_exit(msg):
    """Warnings raised from here (objects destroyed at the emulated interpreter exit): CPython has
    no frame running then, and names the place `sys:1` (`<sys>:0` from 3.13 on)."""
    if msg.filename == __file__:
        place = ('<sys>', 0) if sys.version_info >= (3, 13) else ('sys', 1)
        msg = warnings.WarningMessage(msg.message, msg.category, *place, msg.file, None, None)
    _SHOW_WARNING(msg)


def plain(source, file):
    """The program on this interpreter without the recorder (on virtual time, as loaded): what it
    prints on each stream and its exit status, as python3 reports them."""
    out, err = _Capture(), _Capture()
    sys.stdout, sys.stderr = out, err
    # Each run warns afresh (a warning is shown once per place, and this module is the place at exit).
    globals().pop('__warningregistry__', None)
    warnings._showwarnmsg_impl = _show_at_exit
    main = types.ModuleType('__main__')
    main.__file__ = file
    sys.modules['__main__'] = main
    os.chdir(os.path.dirname(file))
    status = 0
    try:
        exec(compile(source, file, 'exec'), main.__dict__)
    except SystemExit as exc:
        code = exc.code
        status = 0 if code is None else code & 0xff if isinstance(code, int) else (print(code, file=err), 1)[1]
    except BaseException as exc:  # noqa: B902 - the program ended: say how, as python3 does
        # Without this function's frame; nothing here keeps the traceback (and what its frames hold) alive.
        err.write(''.join(traceback.format_exception(type(exc), exc, exc.__traceback__.tb_next if exc.__traceback__ else None)))
        status = 130 if isinstance(exc, KeyboardInterrupt) else 1
    try:
        # Interpreter exit: exit functions, then the program's objects destroyed (a pending task says so).
        atexit._run_exitfuncs()
        main.__dict__.clear()
        gc.collect()
    finally:
        _restore()
    return out.getvalue(), err.getvalue(), status
