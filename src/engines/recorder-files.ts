// The recorder's files in an embedded interpreter's file system, laid out as in the package (its
// entry and modules under recorder/, virtual_time.py under engines/ beside it, where it finds it).
// Used by the embedded engine's process (embedded-runner.ts) and by the tests' shared interpreter.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PyodideAPI } from 'pyodide';
import { recorderPath } from '../recorder/locate.js';
import { mountHostFolders } from './host-folders.js';

/** Where the recorder's files go in the embedded interpreter. */
export const RECORDER_DIR = '/asyncio_lab';

/** Writes the recorder (every .py under its folder) and virtual_time.py; returns the entry's path there. */
export function installRecorder(FS: PyodideAPI['FS']): string {
  const recorder = dirname(recorderPath());
  const copy = (from: string, to: string) => {
    FS.mkdirTree(to);
    for (const name of readdirSync(from)) {
      const path = join(from, name);
      if (statSync(path).isDirectory()) {
        if (name !== '__pycache__') copy(path, `${to}/${name}`);
      } else if (name.endsWith('.py')) {
        FS.writeFile(`${to}/${name}`, readFileSync(path, 'utf8'));
      }
    }
  };
  copy(recorder, `${RECORDER_DIR}/recorder`);
  FS.mkdirTree(`${RECORDER_DIR}/engines`);
  FS.writeFile(`${RECORDER_DIR}/engines/virtual_time.py`, readFileSync(join(recorder, '..', 'engines', 'virtual_time.py'), 'utf8'));
  return `${RECORDER_DIR}/recorder/recorder.py`;
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
