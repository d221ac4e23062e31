"""Records many programs with the recorder on this interpreter, one forked child per program: the
recorder's command line (config as argv[1], the source on stdin, the events on descriptor 3) without
an interpreter start per program, and each program in a fresh process (tasks numbered from Task-1).

    python3 record_batch.py <recorder.py> <jobs file>   (one {"config": ..., "source": ...} per line)

Writes one JSON line per job: {"events": the recorder's NDJSON, "status": the child's exit status}.
"""
import json
import os
import sys
import tempfile

# What every recording imports, imported once before the forks.
import asyncio  # noqa: F401
import asyncio.unix_events  # noqa: F401
import concurrent.futures  # noqa: F401
import contextvars  # noqa: F401
import queue  # noqa: F401
import threading  # noqa: F401
import traceback  # noqa: F401

RECORDER = os.path.abspath(sys.argv[1])
with open(RECORDER, encoding='utf-8') as f:
    CODE = compile(f.read(), RECORDER, 'exec')


def record(job):
    with tempfile.TemporaryFile() as source:
        source.write(job['source'].encode('utf-8'))
        source.seek(0)
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_end)
                os.dup2(source.fileno(), 0)
                os.dup2(write_end, 3)
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, 1)
                os.dup2(null, 2)
                sys.stdin = open(0, encoding='utf-8', closefd=False)
                sys.argv = [RECORDER, json.dumps(job['config'])]
                exec(CODE, {'__name__': '__main__', '__file__': RECORDER, '__builtins__': __builtins__})
            finally:
                os._exit(70)
        os.close(write_end)
        chunks = []
        while True:
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
        return {'events': b''.join(chunks).decode('utf-8', 'replace'), 'status': os.waitstatus_to_exitcode(status)}


def main():
    with open(sys.argv[2], encoding='utf-8') as jobs:
        for line in jobs:
            if line.strip():
                sys.stdout.write(json.dumps(record(json.loads(line))) + '\n')
    sys.stdout.flush()


if __name__ == '__main__':
    main()
