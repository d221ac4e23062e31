"""The recorder's modules compiled ahead of time, kept in the embedded interpreter's memory
snapshot (snapshot.ts): compiling them is a good part of a run's start in WebAssembly, where the
interpreter writes no bytecode cache of its own. Each run writes them beside the recorder's sources
as hash-checked .pyc files (PEP 552), so that importing the recorder compiles nothing: CPython
checks each one against its source's hash, and compiles a source that changed as usual.
"""
import os
import py_compile

PYCS = {}


def compile_all(paths):
    """Compiles the sources at `paths` (written there already) and keeps their .pyc files' bytes."""
    for path in paths:
        pyc = py_compile.compile(path, doraise=True, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
        with open(pyc, 'rb') as f:
            PYCS[pyc] = f.read()


def write_all():
    """Writes the kept .pyc files where CPython looks for them."""
    for pyc, data in PYCS.items():
        os.makedirs(os.path.dirname(pyc), exist_ok=True)
        with open(pyc, 'wb') as f:
            f.write(data)
