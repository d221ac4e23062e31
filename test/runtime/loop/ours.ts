// Runs a simulated program on the runtime in a fresh realm (its own clock, counters and output) and
// returns what it printed, in the shape runPython returns CPython's output.
import { flushOutput } from '../../../src/runtime/builtins.js';
import { Realm, withRealm } from '../../../src/runtime/realm.js';
import { nativeRealm } from '../native-python.js';

export interface OurRun {
  stdout: string[];
  stderr: string[];
  realm: Realm;
}

export function runOurs(program: (realm: Realm) => void, setup?: (realm: Realm) => void): OurRun {
  const realm = nativeRealm();
  setup?.(realm);
  withRealm(realm, () => {
    program(realm);
    flushOutput(realm);
  });
  return {
    stdout: realm.output.filter((l) => l.stream === 'stdout').map((l) => l.text),
    stderr: realm.output.filter((l) => l.stream === 'stderr').map((l) => l.text),
    realm,
  };
}
