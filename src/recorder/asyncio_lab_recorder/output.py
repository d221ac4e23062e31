"""Printed output and warnings, as trace events: sys.stdout and sys.stderr become line writers (each
finished line an `output` event of the writing thread), and each warning shown is a `warning` event.
"""
import io
import sys
import warnings

from .config import is_recorder_file
from .writer import emit

class LineWriter(io.TextIOBase):
    """sys.stdout / sys.stderr: each finished line becomes an output event of the writing thread."""

    def __init__(self, stream):
        self.stream = stream
        self.pending = ''

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f'write() argument must be str, not {type(text).__name__}')
        self.pending += text
        while '\n' in self.pending:
            line, self.pending = self.pending.split('\n', 1)
            emit({'type': 'output', 'stream': self.stream, 'text': line})
        return len(text)

    def flush(self):
        pass

    def end(self):
        if self.pending:
            line, self.pending = self.pending, ''
            emit({'type': 'output', 'stream': self.stream, 'text': line})

    def writable(self):
        return True

    def isatty(self):
        return False

    @property
    def encoding(self):
        return 'utf-8'

    @property
    def errors(self):
        return 'strict'



def capture_output():
    sys.stdout = LineWriter('stdout')
    sys.stderr = LineWriter('stderr')
    show_warning = warnings._showwarnmsg_impl

    def show_warning_message(msg):
        if is_recorder_file(msg.filename):
            # Destroyed at interpreter exit (a coroutine never awaited): CPython has no frame
            # running then, and names the place `sys:1` (`<sys>:0` from 3.13 on).
            place = ('<sys>', 0) if sys.version_info >= (3, 13) else ('sys', 1)
            msg = warnings.WarningMessage(msg.message, msg.category, *place, msg.file, None, None)
        emit({'type': 'warning', 'category': msg.category.__name__, 'message': str(msg.message)})
        show_warning(msg)
    warnings._showwarnmsg_impl = show_warning_message
