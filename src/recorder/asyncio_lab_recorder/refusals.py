"""What a recorded program may not do here, each refused with a one-line message that names the
program's line: read standard input, open network sockets (the loop is virtual: no real network;
under Pyodide in Node a socket pair is a fatal crash, so the audit hook stops it before it happens),
start subprocesses, or start threads where there are none (the embedded engine) or where time is
virtual (the run then starts again in real time).
"""
import io
import os
import sys
import threading

from .clock import CLOCK
from .config import EMBEDDED, PROGRAM_FILE, VIRTUAL
from .writer import STREAM, emit, finish_now

class _AllowSockets:
    """The loop's own self-pipe is a socket pair: allowed while a loop is built."""
    depth = 0

    def __enter__(self):
        self.depth += 1

    def __exit__(self, *exc):
        self.depth -= 1


ALLOW_SOCKETS = _AllowSockets()


def program_line():
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == PROGRAM_FILE:
            return frame.f_lineno
        frame = frame.f_back
    return None


def refuse(what, message, line=None):
    finish_now({'control': 'refused', 'what': what, 'line': line or program_line(), 'message': message, 't': CLOCK.now()})


def last_program_line(tb):
    """The line of the program's innermost frame in a traceback."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == PROGRAM_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def refuse_network(what):
    """The program opens a connection or a server (or, through the loop, a subprocess)."""
    if what.startswith('subprocess'):
        refuse_subprocess(what)
    refuse('network', f'{what}: the lab runs the program on a virtual event loop with no real network')


def refuse_subprocess(what):
    refuse('subprocess', f'{what}: the lab does not start other processes from a recorded program')


AUDITED = {
    'socket.__new__': 'network', 'socket.connect': 'network', 'socket.bind': 'network',
    'socket.getaddrinfo': 'network', 'socket.gethostbyname': 'network', 'socket.sendto': 'network',
    'subprocess.Popen': 'subprocess', 'os.system': 'subprocess', 'os.posix_spawn': 'subprocess',
    'os.exec': 'subprocess', 'os.fork': 'subprocess', 'os.forkpty': 'subprocess', 'os.spawn': 'subprocess',
}


def reach_subprocess_audit():
    """On the embedded engine, Pyodide's Popen raises OSError ("emscripten does not support
    processes") before its audit event; told that it can start processes, it goes on to that event,
    where the program is refused in the same words as on a local interpreter."""
    import subprocess
    subprocess._can_fork_exec = True


def audit(event, args):
    what = AUDITED.get(event)
    # A run that has ended refuses nothing (an interpreter that runs more programs, the tests',
    # keeps every run's audit hook: only the running one's speaks).
    if what is None or ALLOW_SOCKETS.depth or STREAM.closed:
        return
    if what == 'network':
        refuse_network(event)
    refuse_subprocess(event)


class NoStdin(io.TextIOBase):
    """Standard input: the program runs without a keyboard."""

    def _refuse(self, *args):
        refuse('stdin', 'the program reads standard input (input() or sys.stdin), which a recorded run does not have; put the value in the program instead')

    read = readline = readlines = _refuse

    def readable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        raise io.UnsupportedOperation('fileno')


def thread_start(start):
    """threading's thread starter: in virtual mode a thread ends the run, which starts again in real time."""

    def start_thread(function, *args, **kwargs):
        if EMBEDDED:
            refuse('threads', 'the program starts a thread, which the embedded Python cannot do; run it on a local CPython with --interpreter python3')
        if VIRTUAL:
            STREAM.close({'control': 'restart', 'why': 'threads', 'line': program_line(), 't': CLOCK.now()})
            os._exit(0)
        thread = getattr(function, '__self__', None)
        if isinstance(thread, threading.Thread):
            emit({'type': 'thread_created', 'name': thread.name, 'ident': 0, 'daemon': thread.daemon})
        return start(function, *args, **kwargs)
    return start_thread

