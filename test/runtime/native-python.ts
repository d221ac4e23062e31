// The runtime tests compare the runtime with the python3 on the PATH (CPython 3.11.7) and with
// what was read off it: their realms are that version's, named here, whatever the lab's default.
import { Realm } from '../../src/runtime/realm.js';
import type { PythonVersion } from '../../src/runtime/python-version.js';

export const NATIVE_PYTHON: PythonVersion = '3.11';

/** A fresh realm (a new simulated process) that behaves as the native CPython does. */
export function nativeRealm(): Realm {
  return new Realm(undefined, NATIVE_PYTHON);
}
