"""Running the program: the recorder's replacements installed (the loop policy, the clock, the thread
starter, the audit hook, standard input and output, the trace function), the program run as
__main__, its exit status as python3 would give it, and what interpreter shutdown shows.

    python3 recorder.py '<config JSON>'  < program source

On a local interpreter the source comes on standard input and the process ends with os._exit once
the stream is closed; on the embedded engine it is read from a file of Pyodide's file system, and a
run that stops early unwinds with Stopped.
"""
import asyncio
import asyncio.events
import asyncio.unix_events
import atexit
import builtins
import gc
import os
import signal
import sys
import threading
import traceback
import types
import _thread

from .clock import CLOCK, install_clock
from .config import CONFIG, CPU_SECONDS, EMBEDDED, PROGRAM_FILE, START, UNTIL, VIRTUAL, is_recorder_file, original_monotonic, original_sleep, original_start_new_thread
from .hooks import AT_SHUTDOWN
from .interrupts import INTERRUPTS
from .loop import LabEventLoop, LabPolicy
from .output import capture_output
from .refusals import NoStdin, audit, last_program_line, reach_subprocess_audit, refuse, thread_start
from .tracing import global_trace
from .writer import STREAM, Stopped, emit, finish_now, thread_name


def without_recorder_frames(tb):
    """The traceback without the recorder's own frames (the exec that runs the program)."""
    while tb is not None and is_recorder_file(tb.tb_frame.f_code.co_filename):
        tb = tb.tb_next
    head = tb
    while tb is not None:
        following = tb.tb_next
        while following is not None and is_recorder_file(following.tb_frame.f_code.co_filename):
            following = following.tb_next
        tb.tb_next = following
        tb = following
    return head


def clean_chain(exc, seen=None):
    seen = seen or set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc.__traceback__ = without_recorder_frames(exc.__traceback__)
        clean_chain(exc.__cause__, seen)
        exc = exc.__context__


def exit_status(exc):
    """What `python3 program.py` exits with when `exc` ends it (printing what CPython prints)."""
    if isinstance(exc, SystemExit):
        code = exc.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 0xff if code >= 0 else code & 0xff
        print(code, file=sys.stderr)
        return 1
    clean_chain(exc)
    # As PyErr_Print does: the exception stays alive (and what it holds) until interpreter exit.
    sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, exc.__traceback__
    sys.excepthook(type(exc), exc, exc.__traceback__)
    if isinstance(exc, KeyboardInterrupt):
        return -signal.SIGINT  # CPython re-raises SIGINT on itself: a shell sees 130
    return 1


def shutdown(status):
    """What Py_FinalizeEx does that a learner sees: join non-daemon threads, run atexit, collect."""
    emit({'type': 'shutdown', 'phase': 'begin'})
    blocked = False
    try:
        for thread in threading.enumerate():
            if thread is not threading.main_thread() and not thread.daemon and thread.is_alive():
                emit({'type': 'shutdown', 'phase': 'joining', 'waitingFor': thread.name})
                emit({'type': 'thread_blocked', 'name': thread_name(), 'on': f'join {thread.name}', 'until': None})
                blocked = True
                break
        # The joins inside (a thread pool's workers, joined by concurrent.futures' exit hook) are this one wait.
        AT_SHUTDOWN[0] = True
        threading._shutdown()
        if blocked:
            emit({'type': 'thread_woke', 'name': thread_name(), 'reason': 'notified'})
    except KeyboardInterrupt as exc:
        if blocked:
            emit({'type': 'thread_woke', 'name': thread_name(), 'reason': 'interrupt'})
        clean_chain(exc)
        # As PyErr_WriteUnraisable prints it: the exception line always has its colon.
        text = ''.join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
        print(f"Exception ignored in: {threading!r}\nTraceback (most recent call last):\n{text}{type(exc).__name__}: {exc}", file=sys.stderr)
    if any(t.daemon and t.is_alive() for t in threading.enumerate()):
        emit({'type': 'shutdown', 'phase': 'daemons_killed'})
    try:
        atexit._run_exitfuncs()
    except BaseException:  # noqa: B902 - atexit prints its own errors
        pass
    return status


def run_program(source):
    try:
        code = compile(source, PROGRAM_FILE, 'exec')
    except (SyntaxError, ValueError) as exc:
        traceback.print_exception(type(exc), exc, None, limit=0)
        return 1
    main = types.ModuleType('__main__')
    main.__file__ = PROGRAM_FILE
    main.__builtins__ = builtins
    sys.modules['__main__'] = main
    try:
        exec(code, main.__dict__)
    except Stopped:
        raise
    except ModuleNotFoundError as exc:
        if EMBEDDED and exc.name:
            refuse('import', f"module '{exc.name}' is not in the embedded Python; run the program on a local CPython with --interpreter python3", last_program_line(exc.__traceback__))
        return exit_status(exc)
    except BaseException as exc:  # noqa: B902 - the program ended: say how, as CPython does
        return exit_status(exc)
    return 0


def watchdog():
    """A program that runs on the CPU for ever (no wait, no event) hits this wall-clock budget."""
    while True:
        original_sleep(0.1)
        elapsed = original_monotonic() - START
        if VIRTUAL and elapsed > CPU_SECONDS:
            finish_now({'control': 'end', 'why': 'cpu', 'limit': CPU_SECONDS, 't': CLOCK.now()})
        if not VIRTUAL and elapsed > UNTIL:
            finish_now({'control': 'end', 'why': 'until', 't': UNTIL})


def install():
    sys.argv = [PROGRAM_FILE]
    sys.path[0] = CONFIG.get('dir') or os.getcwd()
    # The policy slot itself: set_event_loop_policy warns on 3.14, where policies are deprecated.
    asyncio.events._event_loop_policy = LabPolicy()
    asyncio.SelectorEventLoop = asyncio.unix_events.SelectorEventLoop = LabEventLoop
    install_clock()
    for name in ('_start_new_thread', '_start_joinable_thread'):
        if hasattr(threading, name):
            setattr(threading, name, thread_start(getattr(threading, name)))
    _thread.start_new_thread = thread_start(_thread.start_new_thread)
    sys.addaudithook(audit)
    if EMBEDDED:
        reach_subprocess_audit()
    sys.stdin = NoStdin()
    capture_output()
    if not EMBEDDED:
        original_start_new_thread(watchdog, ())
    if not VIRTUAL:
        INTERRUPTS.start_real_timers()
    threading.settrace(global_trace)
    sys.settrace(global_trace)


def main():
    if EMBEDDED:
        try:
            record()
        except Stopped:
            pass
        sys.settrace(None)
        return
    record()
    os._exit(0)


def record():
    if EMBEDDED:
        with open(CONFIG.get('sourceFile', PROGRAM_FILE), encoding='utf-8') as f:
            source = f.read()
    else:
        source = sys.stdin.buffer.read().decode('utf-8', 'surrogateescape')
    install()
    status = run_program(source)
    status = shutdown(status)
    sys.settrace(None)
    threading.settrace(None)
    sys.stdout.end()
    sys.stderr.end()
    emit({'type': 'shutdown', 'phase': 'done'})
    # Interpreter exit: the program's objects are destroyed (a pending task says so).
    sys.last_type = sys.last_value = sys.last_traceback = None
    program = sys.modules.get('__main__')
    if program is not None and getattr(program, '__file__', None) == PROGRAM_FILE:
        program.__dict__.clear()
    gc.collect()
    sys.stdout.end()
    sys.stderr.end()
    emit({'type': 'exit', 'status': status})
    STREAM.close()
