// The recorder's files in an embedded interpreter's file system, laid out as in the package (its
// entry and modules under recorder/, virtual_time.py under engines/ beside it, where it finds it).
// Used by the embedded engine's process (embedded-runner.ts) and by the tests' shared interpreter.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PyodideAPI } from 'pyodide';
import { recorderPath } from '../recorder/locate.js';

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
