// Lesson text that changes with the Python version the lesson runs as (--python): one entry per
// version where the text changes, each holding until the next entry's version. So
// { '3.11': a, '3.12': b, '3.14': c } says a on 3.11, b on 3.12 and 3.13, c on 3.14 and 3.15.
import { PYTHON_VERSIONS, type PythonVersion } from '../runtime/python-version.js';
import type { Bilingual } from './types.js';

export type ByVersion<T> = { readonly '3.11': T } & { readonly [V in PythonVersion]?: T };

/** Text that is either the same on every version or given by version. */
export type Versioned = Bilingual | ByVersion<Bilingual>;

export function isByVersion(text: Versioned): text is ByVersion<Bilingual> {
  return Object.hasOwn(text, '3.11');
}

/** The entry that holds on `version`: the one of the latest version not after it. */
export function atVersion<T>(table: ByVersion<T>, version: PythonVersion): T {
  let found = table['3.11'];
  for (const v of PYTHON_VERSIONS) {
    if (PYTHON_VERSIONS.indexOf(v) > PYTHON_VERSIONS.indexOf(version)) break;
    const entry = table[v];
    if (entry !== undefined) found = entry;
  }
  return found;
}

/** `text` on `version`. */
export function versionedText(text: Versioned, version: PythonVersion): Bilingual {
  return isByVersion(text) ? atVersion(text, version) : text;
}

/** The spans of versions each entry holds for, in order: [['3.12', '3.13'], b] and so on. */
export function versionSpans<T>(table: ByVersion<T>): { first: PythonVersion; last: PythonVersion; value: T }[] {
  const out: { first: PythonVersion; last: PythonVersion; value: T }[] = [];
  for (const v of PYTHON_VERSIONS) {
    const entry = table[v];
    if (entry !== undefined) out.push({ first: v, last: v, value: entry });
    else out.at(-1)!.last = v;
  }
  return out;
}
