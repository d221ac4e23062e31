"""CPython's source pointer, recorded with sys.settrace (standard library only).

The pointer of a thread is the line of the innermost frame whose code belongs to the program's own
file, taken at every trace event (`call`, `line`, `return`, `exception`) of every frame, the standard
library's included: while a callback runs it is on the callback's line; when the callback returns
into the event loop (asyncio's own frames) it goes back to the line that entered the loop (the
module's `loop.run_until_complete(...)`); a resumed coroutine shows the line its frame stands at (on
3.11 the `call` event of a resumption has f_lineno at the `await`). Consecutive repeats are dropped,
thread by thread (threads are told apart by their names).

    import pointer
    recorder = pointer.PointerRecorder('/path/to/program.py', lambda thread, line: ...)
    recorder.install()      # this thread (sys.settrace) and threads started later (threading.settrace)
    ...
    recorder.uninstall()

`on_move(thread, line)` is called at each move, as it happens, from the thread that moved (a
recording may be killed at any time, so nothing is buffered here). `jsonl_writer(fd)` gives an
`on_move` that writes one JSON object per line, `{"thread": ..., "line": ...}`, to a file descriptor.

Tracing slows the program (every line of the standard library runs the trace function), and a
signal handler (Ctrl+C's KeyboardInterrupt) that runs while the trace function does raises inside
it: CPython then turns tracing off for that thread and the traceback shows this module's frame. A
caller that sends SIGINT should check for that (scripts/record-lessons.py retries such a run).
"""
import json
import os
import sys
import threading

__all__ = ['PointerRecorder', 'jsonl_writer']


class PointerRecorder:
    def __init__(self, filename, on_move):
        # co_filename is the path the program was started with: compare resolved absolute paths.
        self._filename = os.path.realpath(filename)
        self._on_move = on_move
        self._last = {}
        # co_filename -> whether it is the program's file (each code object's path resolved once).
        self._own = {}
        # While on_move runs: the traced frame and the trace event that moved the pointer.
        self.moved_in = None

    def install(self):
        threading.settrace(self._trace)
        sys.settrace(self._trace)

    def uninstall(self):
        sys.settrace(None)
        threading.settrace(None)

    def _is_own(self, code):
        path = code.co_filename
        own = self._own.get(path)
        if own is None:
            own = self._own[path] = os.path.realpath(path) == self._filename
        return own

    def _trace(self, frame, event, arg):
        # One function for the global and the local trace: every frame is traced, so that a return
        # into the library's frames is seen.
        own = self._own
        while frame is not None:
            is_own = own.get(frame.f_code.co_filename)
            if is_own is None:
                is_own = self._is_own(frame.f_code)
            if is_own:
                break
            frame = frame.f_back
        # A module's first `call` event stands at line 0 (before its first line): no line of the source.
        if frame is not None and frame.f_lineno:
            line = frame.f_lineno
            thread = threading.current_thread().name
            if self._last.get(thread) != line:
                self._last[thread] = line
                self.moved_in = (frame, event)
                self._on_move(thread, line)
                self.moved_in = None
        return self._trace


def jsonl_writer(fd):
    """An on_move that writes `{"thread": name, "line": n}` lines to `fd`, one unbuffered write each."""

    def write(thread, line):
        os.write(fd, (json.dumps({'thread': thread, 'line': line}, ensure_ascii=False) + '\n').encode('utf-8'))

    return write
