// The recorder's files in an embedded interpreter's file system, laid out as in the package (its
// entry and modules under recorder/, virtual_time.py under engines/ beside it, where it finds it).
// Used by the embedded engine's process (embedded-runner.ts) and by the tests' shared interpreter.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PyodideAPI } from 'pyodide';
import { recorderPath } from '../recorder/locate.js';
import { mountHostFolders } from './host-folders.js';
import type { SnapshotPreparation } from './snapshot.js';

/** Where the recorder's files go in the embedded interpreter. */
export const RECORDER_DIR = '/asyncio_lab';

/** The recorder's Python files as the interpreter holds them: its path there, and its text. */
function recorderFiles(): ReadonlyMap<string, string> {
  const files = new Map<string, string>();
  const recorder = dirname(recorderPath());
  const read = (from: string, to: string) => {
    for (const name of readdirSync(from)) {
      const path = join(from, name);
      if (statSync(path).isDirectory()) {
        if (name !== '__pycache__') read(path, `${to}/${name}`);
      } else if (name.endsWith('.py')) {
        files.set(`${to}/${name}`, readFileSync(path, 'utf8'));
      }
    }
  };
  read(recorder, `${RECORDER_DIR}/recorder`);
  files.set(`${RECORDER_DIR}/engines/virtual_time.py`, readFileSync(join(recorder, '..', 'engines', 'virtual_time.py'), 'utf8'));
  return files;
}

/** Writes the recorder (every .py under its folder) and virtual_time.py; returns the entry's path there. */
export function installRecorder(FS: PyodideAPI['FS'], files: ReadonlyMap<string, string> = recorderFiles()): string {
  for (const [path, text] of files) {
    FS.mkdirTree(dirname(path));
    FS.writeFile(path, text);
  }
  return `${RECORDER_DIR}/recorder/recorder.py`;
}

/**
 * The recorder compiled ahead of time, in the embedded engine's memory snapshot (see
 * recorder_bytecode.py): the snapshot's file is named for the recorder's text, so a changed
 * recorder makes a new one. `written` after installRecorder puts the .pyc files beside the sources.
 */
export function recorderBytecode(): { snapshot: SnapshotPreparation; written(pyodide: PyodideAPI): void } {
  const files = recorderFiles();
  const key = createHash('sha256');
  for (const [path, text] of files) key.update(`${path}\0${text}\0`);
  return {
    snapshot: {
      key: key.digest('hex'),
      prepare(pyodide) {
        installRecorder(pyodide.FS, files);
        const helper = `${RECORDER_DIR}/recorder_bytecode.py`;
        pyodide.FS.writeFile(helper, readFileSync(join(dirname(recorderPath()), '..', 'engines', 'recorder_bytecode.py'), 'utf8'));
        const globals = pyodide.toPy({ helper, paths: [...files.keys()] });
        pyodide.runPython(
          `import importlib.util, sys
spec = importlib.util.spec_from_file_location('_asyncio_lab_bytecode', helper)
module = sys.modules['_asyncio_lab_bytecode'] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
module.compile_all(paths)`,
          { globals },
        );
        globals.destroy();
      },
    },
    written(pyodide) {
      pyodide.runPython('import sys\nif "_asyncio_lab_bytecode" in sys.modules: sys.modules["_asyncio_lab_bytecode"].write_all()', { globals: pyodide.toPy({}) });
    },
  };
}

/** Where a run's program is in the embedded interpreter (config `file`, `dir`, `cwd` as the recorder takes them). */
export interface PlacedProgram {
  /** The file the recorder reads the program's text from. */
  sourceFile: string;
  /** Unmounts the host's folders (an interpreter that runs more programs). */
  unmount(): void;
}

/**
 * Lays out a run: the program's folder and the working directory from the host, read-only
 * (host-folders.ts), the working directory there (where the recorder starts the program), and the
 * program's text for the recorder to read; also at the program's own path where the host's file is
 * not (a bare name, a folder of the interpreter's own), so that tracebacks quote its lines as
 * python3 does ('<stdin>' has none).
 */
export function placeProgram(FS: PyodideAPI['FS'], config: { file: string; dir: string; cwd?: string }, source: string): PlacedProgram {
  const unmount = mountHostFolders(FS, [config.dir, config.cwd ?? config.dir]);
  const exists = (path: string) => (FS as unknown as { analyzePath(path: string): { exists: boolean } }).analyzePath(path).exists;
  for (const folder of [config.dir, config.cwd ?? config.dir]) if (!exists(folder)) FS.mkdirTree(folder);
  const sourceFile = `${RECORDER_DIR}/program.py`;
  FS.writeFile(sourceFile, source);
  const shown = config.file === '<stdin>' ? undefined : config.file.startsWith('/') ? config.file : `${config.dir}/${config.file}`;
  if (shown !== undefined && !exists(shown)) {
    try {
      FS.mkdirTree(dirname(shown));
      FS.writeFile(shown, source);
    } catch {
      // In a folder of the host's, read-only: the traceback shows no lines, as python3 for a file gone since.
    }
  }
  return { sourceFile, unmount };
}
