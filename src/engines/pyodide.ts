// Real CPython 3.12 to 3.15, compiled to WebAssembly (the npm package pyodide), loaded offline from
// the package's own files in Node. The published lab carries 3.14 (the dependency `pyodide`); a
// checkout also has the other versions, under aliases, as the test oracles.
//
// A loaded interpreter writes to buffers instead of the terminal, reads an empty stdin, and, after
// useVirtualTime(), runs asyncio on CPython's own selector loop in virtual time (virtual_time.py).
// src/runtime never imports this module: the simulation does not depend on any interpreter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PyodideAPI } from 'pyodide';
import { discardSnapshot, PRELOADED, readSnapshot, snapshotFile, writeSnapshot, type SnapshotPreparation } from './snapshot.js';

/** The versions Pyodide provides, each with the npm package that holds it. */
export const PYODIDE_PACKAGES = {
  '3.12': 'py312', // pyodide@0.27.8, CPython 3.12.7
  '3.13': 'py313', // pyodide@0.29.5, CPython 3.13.2
  '3.14': 'pyodide', // pyodide@314.0.8, CPython 3.14.2 (a runtime dependency)
  '3.15': 'py315', // pyodide@315.0.0-alpha.2, CPython 3.15.0rc1
} as const;

export type PyodideVersion = keyof typeof PYODIDE_PACKAGES;

export function isPyodideVersion(version: string): version is PyodideVersion {
  return Object.hasOwn(PYODIDE_PACKAGES, version);
}

export interface LoadedPython {
  readonly version: PyodideVersion;
  /** sys.version_info as CPython prints it: '3.14.2', '3.15.0rc1'. */
  readonly fullVersion: string;
  readonly pyodide: PyodideAPI;
  /** Runs Python source at the top level of __main__ (or in `globals`); returns its last expression. */
  runPython(code: string, options?: { globals?: unknown; filename?: string }): unknown;
  /** What the interpreter wrote since the last call, and empties the buffers. */
  takeOutput(): { stdout: string; stderr: string };
  /** Imports virtual_time.py as the module `virtual_time` and makes new event loops virtual-time ones. */
  useVirtualTime(): void;
}

/** True when this installation has the embedded Python `version` (a checkout has the oracles' versions too). */
export function hasPyodide(version: string): version is PyodideVersion {
  if (!isPyodideVersion(version)) return false;
  try {
    createRequire(import.meta.url).resolve(`${PYODIDE_PACKAGES[version]}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/** Thrown when a version's package is not installed (the published lab carries only 3.14). */
export class PythonNotInstalled extends Error {}

/** A text sink that decodes UTF-8 across write boundaries. */
function sink(): { write(buffer: Uint8Array): number; take(): string } {
  const decoder = new TextDecoder();
  let text = '';
  return {
    write(buffer) {
      text += decoder.decode(buffer, { stream: true });
      return buffer.length;
    },
    take() {
      const out = text;
      text = '';
      return out;
    },
  };
}

/**
 * Loads one version. Each call starts a fresh interpreter (about 2-3 s): share one where you can.
 * `snapshot`: start from the installation's memory snapshot, making it first if there is none
 * (src/engines/snapshot.ts; the embedded engine's runner, one interpreter per process), with what
 * a preparation adds to it.
 */
export async function loadPython(version: PyodideVersion, options: { env?: Record<string, string>; snapshot?: boolean | SnapshotPreparation } = {}): Promise<LoadedPython> {
  const specifier: string = PYODIDE_PACKAGES[version];
  let module: { loadPyodide: (config: object) => Promise<PyodideAPI> };
  try {
    // A computed specifier, so the bundler leaves the package where it is: Pyodide finds its
    // .wasm and standard library next to its own module file.
    module = await import(specifier);
  } catch {
    throw new PythonNotInstalled(`Python ${version} is not installed (npm package ${specifier})`);
  }
  const stdout = sink();
  const stderr = sink();
  // Pyodide 0.27 and 0.29 keep their WebAssembly module's factory in a global and reuse whatever
  // factory they find there: without this, a second version loaded in the same process would start
  // the first version's interpreter.
  delete (globalThis as { _createPyodideModule?: unknown })._createPyodideModule;
  const config = { env: options.env ?? {}, stdin: () => null };
  const pyodide = options.snapshot ? await loadFromSnapshot(module, specifier, config, options.snapshot === true ? undefined : options.snapshot) : await module.loadPyodide(config);
  pyodide.setStdout({ write: (buffer: Uint8Array) => stdout.write(buffer) });
  pyodide.setStderr({ write: (buffer: Uint8Array) => stderr.write(buffer) });
  const fullVersion = String(pyodide.runPython('import platform; platform.python_version()'));
  return {
    version,
    fullVersion,
    pyodide,
    runPython: (code, runOptions = {}) => pyodide.runPython(code, runOptions as never),
    takeOutput() {
      // Python buffers what it writes until a newline (or more): flush so nothing is left behind.
      const scratch = pyodide.toPy({});
      pyodide.runPython('import sys\nfor stream in (sys.__stdout__, sys.__stderr__): stream.flush()', { globals: scratch });
      scratch.destroy();
      return { stdout: stdout.take(), stderr: stderr.take() };
    },
    useVirtualTime() {
      pyodide.FS.writeFile('/home/pyodide/virtual_time.py', virtualTimeSource());
      pyodide.runPython('import sys\nif "/home/pyodide" not in sys.path: sys.path.insert(0, "/home/pyodide")\nimport virtual_time\nvirtual_time.use_virtual_time()');
    },
  };
}

/** The interpreter from the snapshot, or loaded afresh (and the snapshot made as it loads). */
async function loadFromSnapshot(module: { loadPyodide: (config: object) => Promise<PyodideAPI> }, specifier: string, config: object, preparation?: SnapshotPreparation): Promise<PyodideAPI> {
  const file = snapshotFile(specifier, process.env, preparation?.key);
  if (file === undefined) return module.loadPyodide(config);
  const bytes = readSnapshot(file);
  if (bytes !== undefined) {
    try {
      return await module.loadPyodide({ ...config, _loadSnapshot: bytes });
    } catch {
      discardSnapshot(file);
      delete (globalThis as { _createPyodideModule?: unknown })._createPyodideModule;
    }
  }
  const pyodide = await module.loadPyodide({ ...config, _makeSnapshot: true });
  const make = (pyodide as unknown as { makeMemorySnapshot?: () => Uint8Array }).makeMemorySnapshot;
  // Versions whose Pyodide cannot snapshot run as loaded.
  if (typeof make !== 'function') return pyodide;
  pyodide.runPython(PRELOADED);
  preparation?.prepare(pyodide);
  writeSnapshot(file, make.call(pyodide));
  return pyodide;
}

/** virtual_time.py's text, read from the package (it sits beside this file in src/engines). */
function virtualTimeSource(): string {
  return readFileSync(join(packageRoot(), 'src', 'engines', 'virtual_time.py'), 'utf8');
}

/** The lab's package directory: the nearest folder above this module (src/engines or dist) with a package.json. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      readFileSync(join(dir, 'package.json'));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) throw new Error('asyncio-lab: package.json not found above ' + fileURLToPath(import.meta.url));
      dir = parent;
    }
  }
}
