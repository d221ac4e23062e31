"""The run's configuration (the JSON the lab passes as argv[1]) and its budgets, read once at import,
and the real clock, sleep and thread starter, kept before the recorder replaces them for the program.

The config: {"file": path tracebacks show, "dir": the program's directory (sys.path[0]),
"mode": "virtual" | "real", "interrupts": [seconds], "until": seconds, "tick": seconds per clock
read, "fd": 3, "maxEvents": n, "cpuSeconds": wall seconds, "engine": "embedded" under Pyodide, with
"cwd": the working directory there and "sourceFile": where the program's text is}.
"""
import asyncio
import json
import os
import sys
import threading
import time
import _thread

# The recorder's own files: tracebacks and warnings never show them.
PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
CONFIG = json.loads(sys.argv[1])
PROGRAM_FILE = CONFIG['file']
MODE = CONFIG.get('mode', 'virtual')
# 'embedded': CPython compiled to WebAssembly (Pyodide) inside the lab: no threads, no real
# selector and no file descriptor of its own (the events stay in memory for the lab to read).
EMBEDDED = CONFIG.get('engine') == 'embedded'
VIRTUAL = MODE == 'virtual'
FD = CONFIG.get('fd', 3)
UNTIL = float(CONFIG.get('until', 60))
TICK = float(CONFIG.get('tick', 1e-6))
MAX_EVENTS = int(CONFIG.get('maxEvents', 200000))
CPU_SECONDS = float(CONFIG.get('cpuSeconds', 10))
# The wall clock a virtual run starts at, the simulated process's (src/runtime/process/time.ts):
# Wed Nov 25 10:14:23 2026 UTC, so time.time() prints the same in every run.
WALL_CLOCK_START = 1795601663.0

# Pyodide keeps the standard library in /lib/python314.zip: shown as a Linux install shows it.
STDLIB_SHOWN = (os.path.dirname(os.path.dirname(asyncio.__file__)) + '/', f'/usr/lib/python{sys.version_info[0]}.{sys.version_info[1]}/') if EMBEDDED else None

if EMBEDDED:
    # The working directory python3 would have: the lab's (config "cwd"), set before anything
    # resolves the program's (maybe relative) file name.
    os.chdir(CONFIG.get('cwd') or CONFIG.get('dir') or '/')

original_monotonic = time.monotonic
original_sleep = time.sleep
original_start_new_thread = _thread.start_new_thread
MAIN_IDENT = threading.main_thread().ident
START = original_monotonic()


def is_recorder_file(filename):
    """True for a file of this package (a frame or a warning of the recorder's, not the program's)."""
    return os.path.dirname(filename) == PACKAGE_DIR
