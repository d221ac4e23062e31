#!/usr/bin/env python3
"""Records what real CPython prints for every lesson program: the test fixtures in test/recordings/.

Each recording runs one program (the article's as written, the corrected one, or a variant; all read
from the lesson folders, src/lessons/, which also say which runs to record) with `python3` (optionally `-X dev`; stdout and stderr line-buffered,
so each line arrives when printed and one print() is one write), in a fresh temporary
directory under the lesson's file name, sends SIGINT (Ctrl+C) at the stated wall-clock seconds after
start, and writes test/recordings/<name>.json with every stdout/stderr line, its arrival time and
stream, the exit status, and CPython's source pointer thread by thread (`pointer`: for each thread
name, the lines its pointer moved to, as src/recorder/pointer.py defines and records them with
sys.settrace; the tracing slows the program a little, and a run whose Ctrl+C landed inside the
trace function is retried). Nothing is scaled: times are real seconds (the longest run is ~11 s), and
the recordings run four at a time.

    python3 scripts/record-lessons.py            # re-record everything
    python3 scripts/record-lessons.py stop-wait  # only recordings whose name starts with stop-wait

The tests (test/scenarios/) replay each recording's program on the simulated runtime with the same
options and compare the printed lines after normalizing times, idents, id() values, dates and paths.
"""
import concurrent.futures
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'recordings')

# Some outcomes depend on microseconds. In threads-daemon as written, the loop thread wakes at 5 s
# for two timers set for that instant from different seconds (task(1, 1) at 4 s, task(2, 2) at 3 s);
# in real time they lie microseconds apart, so one run processes both before seeing the stop flag and
# another only one. In the lesson's virtual time they are due at the same instant and both fire; such
# a recording is retried (up to 10 times) until it shows that outcome, which is one CPython produces.
# (description, predicate over the recorded lines)
BOTH_TIMERS_AT_5 = (
    'both timers due at 5 s fired before the loop saw the stop flag',
    lambda lines: sum('wait_for=<Future finished result=None>' in line['text'] for line in lines) == 2,
)


# Which runs to record is each lesson's (src/lessons/*/lesson.ts, `recordings`): a small TS script
# prints them with the program file each runs. Programs that never exit on their own (a non-daemon
# thread runs forever) are ended by a Ctrl+C after their output (one of the lesson's documented
# interrupt moments), or recorded without one and killed (SIGKILL) after `killAfter` seconds: such a
# recording ends with kind 'killed', and the simulated run must still be going at that time.
def load_recordings():
    out = subprocess.run(['npx', 'tsx', os.path.join('scripts', 'lessons-manifest.ts')], cwd=ROOT, check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return {r['name']: r for r in json.loads(out)['recordings']}


# The outcomes a recording may ask for (`accept`), by name.
ACCEPTS = {'both-timers-at-5': BOTH_TIMERS_AT_5}
RECORDINGS = {}


SITECUSTOMIZE = '''import os
_fd = int(os.environ.pop('RECORD_READY_FD'))
_pointer_fd = int(os.environ.pop('RECORD_POINTER_FD'))
os.environ.pop('PYTHONPATH', None)
import sys
sys.path.insert(0, os.environ.pop('RECORD_POINTER_DIR'))
import pointer as _pointer
del sys.path[0]
# The modules the programs import, imported before time zero: importing asyncio takes up to half a
# second under -X dev on a loaded machine, and the programs' times (and Ctrl+C moments) start after it.
import asyncio, concurrent.futures, functools, queue, threading, time
# One print() is one write: line-buffered rather than unbuffered (-u writes the text and the newline
# separately, so two threads printing at once tear each other's lines).
sys.stdout.reconfigure(line_buffering=True)
sys.stderr.reconfigure(line_buffering=True)
os.write(_fd, b'.')
os.close(_fd)
# Traced from here on: the program's module frame is the next one to start.
_pointer.PointerRecorder(sys.argv[0], _pointer.jsonl_writer(_pointer_fd)).install()
'''
POINTER_DIR = os.path.join(ROOT, 'src', 'recorder')

# A SIGINT that arrives while the trace function runs raises KeyboardInterrupt inside it: CPython then
# turns tracing off and the traceback shows the recorder's frame. Such a run is not the program's.
TRACED_CLEANLY = (
    'the Ctrl+C did not land inside the trace function',
    lambda lines: not any('pointer.py' in line['text'] for line in lines),
)


def record(name):
    spec = RECORDINGS[name]
    accepts = [TRACED_CLEANLY] + ([ACCEPTS[spec['accept']]] if 'accept' in spec else [])
    for _ in range(10):
        result = record_once(name)
        failed = [what for what, ok in accepts if not ok(result['lines'])]
        if not failed:
            break
        print(f'{name}: retrying, the run did not show: {failed[0]}', file=sys.stderr)
    else:
        raise SystemExit(f'{name}: no run showed: {failed[0]}')
    with open(os.path.join(OUT, name + '.json'), 'w', encoding='utf-8') as f:
        f.write(to_json(result))
    return name, result['end']


def to_json(result):
    """The recording as indented JSON, each thread's pointer sequence on one line."""
    sequences = result['pointer']
    placeholders = {thread: f'@pointer:{i}@' for i, thread in enumerate(sequences)}
    text = json.dumps(dict(result, pointer=placeholders), ensure_ascii=False, indent=1)
    for thread, placeholder in placeholders.items():
        text = text.replace(json.dumps(placeholder), json.dumps(sequences[thread]))
    return text + '\n'


def record_once(name):
    spec = RECORDINGS[name]
    lesson, program, file, dev, interrupts, kill_after = (spec[k] for k in ('lesson', 'program', 'file', 'dev', 'interrupts', 'killAfter'))
    with open(os.path.join(ROOT, spec['path']), encoding='utf-8') as f:
        source = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, file)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(source)
        argv = ['python3'] + (['-X', 'dev'] if dev else []) + [file]
        # Time zero is when the interpreter is up (a sitecustomize writes one byte to a pipe), not when
        # the process was spawned: start-up takes from 30 ms to a second on a loaded machine, and the
        # interrupt moments are times in the program.
        hook = os.path.join(tmp, '_record_hook')
        os.mkdir(hook)
        with open(os.path.join(hook, 'sitecustomize.py'), 'w', encoding='utf-8') as f:
            f.write(SITECUSTOMIZE)
        ready_r, ready_w = os.pipe()
        pointer_r, pointer_w = os.pipe()
        env = dict(os.environ, PYTHONIOENCODING='utf-8', PYTHONDONTWRITEBYTECODE='1',
                   PYTHONPATH=hook, RECORD_READY_FD=str(ready_w), RECORD_POINTER_FD=str(pointer_w),
                   RECORD_POINTER_DIR=POINTER_DIR)
        for name_ in ('PYTHONDEVMODE', 'PYTHONASYNCIODEBUG', 'PYTHONWARNINGS', 'PYTHONSTARTUP'):
            env.pop(name_, None)
        # sys.executable, not the `python3` on PATH: a version manager's shim adds a second of start-up.
        proc = subprocess.Popen([sys.executable] + argv[1:], cwd=tmp, env=env, pass_fds=(ready_w, pointer_w),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        os.close(ready_w)
        os.close(pointer_w)
        os.read(ready_r, 1)
        start = time.monotonic()
        os.close(ready_r)
        lines = []
        lock = threading.Lock()

        def reader(stream, label):
            for raw in iter(stream.readline, b''):
                t = time.monotonic() - start
                with lock:
                    lines.append({'t': round(t, 3), 'stream': label,
                                  'text': raw.decode('utf-8', 'replace').rstrip('\n')})

        pointer = {}

        def pointer_reader():
            # Each thread's moves arrive in its own order (one write of under PIPE_BUF bytes each).
            with os.fdopen(pointer_r, 'rb') as stream:
                for raw in stream:
                    move = json.loads(raw)
                    pointer.setdefault(move['thread'], []).append(move['line'])

        readers = [threading.Thread(target=reader, args=(proc.stdout, 'stdout')),
                   threading.Thread(target=reader, args=(proc.stderr, 'stderr')),
                   threading.Thread(target=pointer_reader)]
        for r in readers:
            r.start()
        for at in interrupts:
            delay = start + at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        killed = False
        try:
            proc.wait(timeout=max(0.0, start + kill_after - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            killed = True
        for r in readers:
            r.join()
        ended = round(time.monotonic() - start, 3)
    lines.sort(key=lambda line: line['t'])
    result = {
        'name': name,
        'lesson': lesson,
        'program': program,
        'file': file,
        'dev': dev,
        'interrupts': interrupts,
        'python': sys.version.split()[0],
        'argv': argv,
        # A run that had to be killed never ended on its own: it hangs (its status is not Python's).
        'end': {'kind': 'killed', 't': ended} if killed else {'kind': 'exit', 'status': proc.returncode, 't': ended},
        'lines': lines,
        # Thread name -> the lines its source pointer moved to (consecutive repeats dropped).
        'pointer': pointer,
    }
    return result


def main():
    RECORDINGS.update(load_recordings())
    prefixes = sys.argv[1:]
    names = [n for n in RECORDINGS if not prefixes or any(n.startswith(p) for p in prefixes)]
    os.makedirs(OUT, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(4, len(names) or 1)) as pool:
        for name, end in pool.map(record, names):
            print(f'{name}: {end}')


if __name__ == '__main__':
    main()
