// Tasks and contextvars: a task runs every step in its own copy of the context current when it
// was created (or in the context given); compared with CPython 3.11.
import { expect, it } from 'vitest';
import { ContextVar, copyContext } from '../../../src/runtime/context.js';
import { Future } from '../../../src/runtime/futures.js';
import { gather } from '../../../src/runtime/gather.js';
import { sleep } from '../../../src/runtime/sleep.js';
import { createTask } from '../../../src/runtime/tasks.js';
import { onFreshLoop, printer } from './helpers.js';
import { placer } from './placer.js';
import { runPython } from './python.js';

it('runs each task in a copy of the context it was created in, or in the context given', () => {
  const py = `import asyncio, contextvars
from vloop import new_loop
var = contextvars.ContextVar('var', default='unset')
async def child(name, value):
    print(name, 'sees', var.get())
    var.set(value)
    await asyncio.sleep(1)
    print(name, 'still sees', var.get())
async def main():
    var.set('main')
    a = asyncio.create_task(child('a', 'set by a'))
    var.set('main again')
    b = asyncio.create_task(child('b', 'set by b'))
    ctx = contextvars.copy_context()
    c = asyncio.create_task(child('c', 'set by c'), context=ctx)
    await asyncio.gather(a, b, c)
    print('main sees', var.get(), 'ctx has', ctx[var])
loop = new_loop()
loop.run_until_complete(main())
`;
  const out = onFreshLoop((loop) => {
    const { out, print } = printer();
    const { def } = placer(py);
    const variable = new ContextVar<string>('var', { default: 'unset' });
    const child = def('child', function* (name: string, value: string) {
      print(name, 'sees', variable.get());
      variable.set(value);
      yield* sleep(1);
      print(name, 'still sees', variable.get());
    });
    const main = def('main', function* () {
      variable.set('main');
      const a = createTask(child('a', 'set by a'));
      variable.set('main again');
      const b = createTask(child('b', 'set by b'));
      const ctx = copyContext();
      const c = createTask(child('c', 'set by c'), { context: ctx });
      yield* gather(a, b, c);
      print('main sees', variable.get(), 'ctx has', ctx.get(variable));
    });
    loop.runUntilComplete(main());
    return out;
  });
  expect(out).toEqual(runPython(py));
});

it('runs a done callback in a copy of the context current when it was added', () => {
  const py = `import asyncio, contextvars
from vloop import new_loop
var = contextvars.ContextVar('var', default='unset')
def report(fut):
    print('callback sees', var.get())
async def finish(fut):
    var.set('task')
    fut.set_result(1)
async def main():
    fut = asyncio.get_running_loop().create_future()
    var.set('when added')
    fut.add_done_callback(report)
    var.set('later')
    await asyncio.create_task(finish(fut))
    await asyncio.sleep(0)
loop = new_loop()
loop.run_until_complete(main())
`;
  const out = onFreshLoop((loop) => {
    const { out, print } = printer();
    const { def } = placer(py);
    const variable = new ContextVar<string>('var', { default: 'unset' });
    const report = () => print('callback sees', variable.get());
    const finish = def('finish', function* (fut: Future<number>) {
      variable.set('task');
      fut.setResult(1);
    });
    const main = def('main', function* () {
      const fut = new Future<number>(loop);
      variable.set('when added');
      fut.addDoneCallback(report);
      variable.set('later');
      yield* createTask(finish(fut));
      yield* sleep(0);
    });
    loop.runUntilComplete(main());
    return out;
  });
  expect(out).toEqual(runPython(py));
});
