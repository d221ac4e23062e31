// A scenario of your own, in TypeScript (loaded through tsx): `asyncio-lab run examples/cancel-while-sleeping.ts`.
// `satisfies ScenarioDefinition` checks the shape; the import is of a type only, erased when the
// scenario runs, so this file works wherever it is copied. The Python program and its twin on the
// simulated process are written side by side, py.line(n) following the source.
import type { ScenarioDefinition } from 'asyncio-lab/scenario';

const python = `import asyncio

async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("worker cancelled while sleeping")
        raise

async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    print(task)
    task.cancel("enough")
    try:
        await task
    except asyncio.CancelledError as e:
        print("main saw", repr(e))
    print(task)

asyncio.run(main())
`;

export default {
  title: { zh: '在 sleep 中被取消的任务', en: 'A task cancelled while it sleeps' },
  explanation: {
    zh: 'task.cancel() 把 CancelledError 抛进正在 sleep 的协程;协程可以处理它,但应当重新抛出,任务才会成为 CANCELLED。',
    en: "task.cancel() throws CancelledError into the sleeping coroutine; it may handle it, but should re-raise it so that the task ends CANCELLED.",
  },
  source: { file: 'cancel-while-sleeping.py', text: python },
  until: 20,
  *program(py) {
    const { asyncio } = py;
    py.line(3);
    const worker = py.asyncDef('worker', 3, function* () {
      py.line(4);
      try {
        py.line(5);
        yield* asyncio.sleep(10);
      } catch (error) {
        if (!(error instanceof asyncio.CancelledError)) throw error;
        py.line(7);
        py.print('worker cancelled while sleeping');
        py.line(8);
        throw error;
      }
    });
    py.line(10);
    const main = py.asyncDef('main', 10, function* () {
      py.line(11);
      const task = asyncio.createTask(worker());
      py.line(12);
      yield* asyncio.sleep(1);
      py.line(13);
      py.print(task);
      py.line(14);
      task.cancel('enough');
      py.line(15);
      try {
        py.line(16);
        yield* task;
      } catch (error) {
        if (!(error instanceof asyncio.CancelledError)) throw error;
        py.line(18);
        py.print('main saw', py.repr(error));
      }
      py.line(19);
      py.print(task);
    });
    py.line(21);
    yield* asyncio.run(main());
  },
} satisfies ScenarioDefinition;
