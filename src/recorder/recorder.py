"""asyncio-lab's recorder: runs a learner's Python program on this interpreter and writes the lab's
trace events (src/runtime/trace.ts) as NDJSON on a file descriptor, so every view of the lab shows
the program as it shows the lessons.

    python3 recorder.py '<config JSON>'  < program source

The entry point of both engines (a local interpreter runs this file; the embedded one runs it with
runpy from Pyodide's file system). The recorder itself is the package asyncio_lab_recorder beside
this file, one job per module (its __init__.py lists them; config.py describes the config).
"""
import os
import sys

# The package's folder, as python3 puts a script's folder first on sys.path (runpy.run_path, on the
# embedded engine, does not); the recorder sets sys.path[0] to the program's folder before it runs.
sys.path[0] = os.path.dirname(os.path.abspath(__file__))

# No __pycache__ written into the installed package; the program's own imports keep the flag it had.
_write_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
from asyncio_lab_recorder.main import main  # noqa: E402 - needs the path above
from asyncio_lab_recorder.writer import STREAM  # noqa: E402 - needs the path above
sys.dont_write_bytecode = _write_bytecode

# The embedded engine runs this file with runpy and gives it a function that writes on the lab's
# descriptor (Pyodide has no file descriptor of the lab's own).
if '_lab_sink' in globals():
    STREAM.sink = _lab_sink  # noqa: F821 - given by the embedded engine

if __name__ == '__main__':
    main()
