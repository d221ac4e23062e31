// asyncio.run(): a new loop, the main task, shutdown of what is left, task numbering across runs;
// compared with CPython 3.11.
import { describe, expect, it } from 'vitest';
import { CancelledError, ValueError } from '../../../src/runtime/exceptions.js';
import { withRealm } from '../../../src/runtime/realm.js';
import { pyFloat, repr } from '../../../src/runtime/repr.js';
import { run } from '../../../src/runtime/runners.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { allTasks, currentTask } from '../../../src/runtime/task-registry.js';
import { createTask, type Task } from '../../../src/runtime/tasks.js';
import { getRunningLoop } from '../../../src/runtime/policy.js';
import { printer } from './helpers.js';
import { placer } from './placer.js';
import { runPython } from './python.js';
import { nativeRealm } from '../native-python.js';

describe('run', () => {
  it('runs the main task, cancels what is left at the end, and numbers tasks across runs as CPython does', () => {
    const py = `import asyncio
from vloop import use_virtual_loops
use_virtual_loops()
async def background(name):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print(name, 'cancelled at shutdown', asyncio.get_running_loop().time())
        if name == 'angry':
            raise ValueError('refused to go')
        raise
async def main(x, names):
    me = asyncio.current_task()
    print('main', me.get_name(), repr(me))
    for name in names:
        asyncio.create_task(background(name))
    await asyncio.sleep(1)
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    return x * 2
print(asyncio.run(main(21, ['angry'])))
print(asyncio.run(main(1, ['quiet'])))
`;
    const realm = nativeRealm();
    const out = withRealm(realm, () => {
      const { out, print } = printer();
      const { def, at } = placer(py);
      const background = def('background', function* (name: string) {
        try {
          yield* sleep(100);
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          print(name, 'cancelled at shutdown', pyFloat(getRunningLoop().time()));
          if (name === 'angry') throw new ValueError('refused to go');
          throw error;
        }
      });
      const main = def('main', function* (x: number, names: string[]) {
        const me = currentTask<Task<unknown>>(getRunningLoop())!;
        at("print('main'");
        print('main', me.getName(), repr(me));
        for (const name of names) createTask(background(name));
        yield* sleep(1);
        print([...allTasks<Task<unknown>>(getRunningLoop())].map((t) => t.getName()).sort());
        return x * 2;
      });
      print(run(main(21, ['angry'])));
      print(run(main(1, ['quiet'])));
      return out;
    });
    expect(out).toEqual(runPython(py));
    const stderr = realm.output.filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(stderr[0]).toBe('unhandled exception during asyncio.run() shutdown');
    expect(stderr[1]).toMatch(/^task: <Task finished name='Task-2' coro=<background\(\) done, defined at prog.py:4> exception=ValueError\('refused to go'\)>/);
  });
});
