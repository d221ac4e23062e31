"""The program's source pointer as `line` events: pointer.py (beside this package, also used on its
own) records CPython's pointer (the innermost frame of the program's file, per thread, at every call,
line, return and exception event); each move becomes an event, after what the last statement did
to futures.
"""
import asyncio
import importlib.util
import os

from .config import PACKAGE_DIR, PROGRAM_FILE
from .tracking import REG, check_all_futures, track_future
from .writer import emit


def load_pointer():
    """pointer.py (beside this file), under a name a program's own module cannot take."""
    spec = importlib.util.spec_from_file_location('_asyncio_lab_pointer', os.path.join(os.path.dirname(PACKAGE_DIR), 'pointer.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_pointer_move(thread, line):
    """The program's pointer moved: on to a next line of the program's, what the last statement did
    to futures comes first (C code such as Future() or set_result() runs no Python the trace
    function would see), then the line. (A move out of a frame that returns is reported first: what
    the return leads to, a task's result, comes after.)"""
    frame, event = POINTER.recorder.moved_in
    if event == 'line':
        check_all_futures()
    # Futures the module's code made (a function's f_locals is a snapshot that would keep its
    # locals alive, and change when CPython destroys them: only module-level names are looked at).
    if event == 'line' and frame.f_code.co_name == '<module>':
        for value in list(frame.f_globals.values()):
            if isinstance(value, asyncio.Future) and REG.id_of(value) is None and REG.loop_of(value.get_loop()):
                track_future(value)
    emit({'type': 'line', 'line': line})


class Pointer:
    """CPython's source pointer as pointer.py records it (the innermost frame of the program's
    file, per thread, at every call, line, return and exception event), as `line` events."""

    def __init__(self):
        self.recorder = load_pointer().PointerRecorder(PROGRAM_FILE, on_pointer_move)
        self.trace = self.recorder._trace

    def is_own(self, code):
        return self.recorder._is_own(code)


POINTER = Pointer()
