// Where recorder.py (the recorder's entry point) is: beside this file in a checkout (src/recorder/),
// or in the package's src/ folder when this code runs from the bundle in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['./recorder.py', '../src/recorder/recorder.py'];

export function recorderPath(): string {
  for (const candidate of CANDIDATES) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('recorder.py is missing from the installed package');
}
