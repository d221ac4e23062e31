"""The event writer: the lab's trace events (src/runtime/trace.ts) as NDJSON lines on the
configured descriptor (on the embedded engine, handed to the engine's sink), each stamped
with the run's time and the thread that emitted it; and how a run stops early.

Besides trace events, the stream carries control records {"control": ...}: "end" (the run
stopped at the horizon, "until", or hit a budget), "refused" (the program needs something the
lab does not give: standard input, the network, subprocesses) and "restart" (threads).
"""
import errno
import json
import os
import re
import threading

from .config import EMBEDDED, FD, MAIN_IDENT, MAX_EVENTS, STDLIB_SHOWN

# The clock events are stamped with (clock.py sets it: the clock itself emits and stops runs).
_clock = None


def use_clock(clock):
    global _clock
    _clock = clock


# Emscripten numbers errors its own way (ENOENT is 44 there): an error message shows Linux's number,
# as python3 on Linux prints it ("[Errno 2] No such file or directory").
LINUX_ERRNO = {'EPERM': 1, 'ENOENT': 2, 'EINTR': 4, 'EIO': 5, 'EBADF': 9, 'EAGAIN': 11, 'ENOMEM': 12, 'EACCES': 13,
               'EEXIST': 17, 'ENOTDIR': 20, 'EISDIR': 21, 'EINVAL': 22, 'EMFILE': 24, 'ENOSPC': 28, 'EROFS': 30,
               'EPIPE': 32, 'ENAMETOOLONG': 36, 'ENOSYS': 38, 'ENOTEMPTY': 39, 'ELOOP': 40, 'EOPNOTSUPP': 95}
SHOWN_ERRNO = {str(getattr(errno, name)): str(number) for name, number in LINUX_ERRNO.items() if hasattr(errno, name)} if EMBEDDED else {}
ERRNO_TEXT = re.compile(r'\[Errno (\d+)\]')


def linux_errno(line):
    return ERRNO_TEXT.sub(lambda m: f'[Errno {SHOWN_ERRNO.get(m.group(1), m.group(1))}]', line)


class Stopped(BaseException):
    """The embedded engine cannot end the process where the run stops: this unwinds it instead."""


class Stream:
    """NDJSON lines on the descriptor, written in chunks. Any thread may emit; a lock keeps lines whole."""

    def __init__(self, fd):
        self.fd = fd
        # Embedded: the engine's function that writes a chunk on the lab's descriptor.
        self.sink = None
        self.chunks = []
        self.count = 0
        self.lock = threading.Lock()
        self.closed = False
        # After the event that makes `count` reach `at_count`, the main thread calls on_count() (a Ctrl+C).
        self.at_count = None
        self.on_count = None

    def write(self, record):
        line = json.dumps(record, ensure_ascii=False, separators=(',', ':'))
        if EMBEDDED and STDLIB_SHOWN is not None:
            line = line.replace(STDLIB_SHOWN[0], STDLIB_SHOWN[1])
            if '[Errno ' in line:
                line = linux_errno(line)
        with self.lock:
            if self.closed:
                return
            self.chunks.append(line)
            self.count += 1
            if len(self.chunks) >= 256:
                self._flush_locked()
        if self.count > MAX_EVENTS and threading.get_ident() == MAIN_IDENT:
            finish_now({'control': 'end', 'why': 'events', 'limit': MAX_EVENTS, 't': _clock.now()})
        if self.count == self.at_count and threading.get_ident() == MAIN_IDENT:
            self.on_count()

    def _flush_locked(self):
        if self.chunks:
            text = '\n'.join(self.chunks) + '\n'
            self.chunks = []
            if self.sink is not None:
                self.sink(text)
                return
            data = text.encode('utf-8')
            while data:
                written = os.write(self.fd, data)
                data = data[written:]

    def close(self, last=None):
        """Writes `last` (a control record) and everything pending; nothing is written after."""
        acquired = self.lock.acquire(timeout=1)
        try:
            if self.closed:
                return
            if last is not None:
                self.chunks.append(json.dumps(last, ensure_ascii=False))
            self._flush_locked()
            self.closed = True
        finally:
            if acquired:
                self.lock.release()


STREAM = Stream(FD)


def finish_now(control):
    """Ends the run at once (horizon, budget, refusal): the process is still mid-program, so no
    finally block or shutdown of the program runs, as when a watched process is left running."""
    STREAM.close(control)
    if EMBEDDED:
        raise Stopped()
    os._exit(0)


def thread_name():
    ident = threading.get_ident()
    if ident == MAIN_IDENT:
        return 'MainThread'
    thread = threading._active.get(ident)
    return thread.name if thread is not None else f'Thread-{ident}'


def emit(event):
    emit_at(_clock.now(), event)


def emit_at(t, event):
    """An event that happened at `t`, seen only now (the heap pruned before the clock was read again)."""
    event['t'] = t
    event['thread'] = thread_name()
    STREAM.write(event)
