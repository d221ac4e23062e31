// The worked example of docs/runtime-api.md ("Futures and tasks"), run on the runtime and on CPython.
import { expect, it } from 'vitest';
import { print } from '../../../src/runtime/builtins.js';
import { asyncDef, setLine } from '../../../src/runtime/coroutines.js';
import { CancelledError } from '../../../src/runtime/exceptions.js';
import { gather } from '../../../src/runtime/gather.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { repr } from '../../../src/runtime/repr.js';
import { run } from '../../../src/runtime/runners.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { createTask } from '../../../src/runtime/tasks.js';
import { runPython } from './python.js';
import { nativeRealm } from '../native-python.js';

const py = `import asyncio
from vloop import use_virtual_loops
use_virtual_loops()

async def fetch(name, delay):
    print(f'{name}: start')
    await asyncio.sleep(delay)
    print(f'{name}: done after {delay}s')
    return name.upper()

async def main():
    slow = asyncio.create_task(fetch('slow', 3))
    results = await asyncio.gather(fetch('a', 1), fetch('b', 2))
    print(results, repr(slow))
    slow.cancel()
    try:
        await slow
    except asyncio.CancelledError:
        print('slow cancelled:', slow.cancelled())

asyncio.run(main())
`;

it('runs the documented example as CPython does', () => {
  const realm = nativeRealm();
  withRealm(realm, () => {
    // ── the example, as in docs/runtime-api.md ──
    const fetch = asyncDef(
      'fetch',
      function* (name: string, delay: number) {
        print(`${name}: start`);
        setLine(7); // where the Python coroutine stands while it waits, for reprs
        yield* sleep(delay);
        print(`${name}: done after ${delay}s`);
        return name.toUpperCase();
      },
      { file: 'prog.py', line: 5 },
    );

    const main = asyncDef('main', function* () {
      const slow = createTask(fetch('slow', 3));
      const results = yield* gather(fetch('a', 1), fetch('b', 2)); // [string, string]
      print(results, repr(slow));
      slow.cancel();
      try {
        yield* slow;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        print('slow cancelled:', slow.cancelled());
      }
    });

    run(main());
    // ── end of the example ──
  });
  const printed = realm.output.filter((l) => l.stream === 'stdout').map((l) => l.text);
  expect(printed).toEqual(runPython(py));
});
