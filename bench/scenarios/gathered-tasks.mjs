// 10,000 tasks gathered, each giving up the loop three times: the lab bench.
const N = 10_000;
export default {
  title: '10,000 tasks gathered',
  source: { file: 'gathered-tasks.py', text: 'import asyncio\n\nasync def worker(i):\n    for _ in range(3):\n        await asyncio.sleep(0)\n\nasync def main():\n    await asyncio.gather(*(worker(i) for i in range(10_000)))\n\nloop = asyncio.new_event_loop()\nloop.run_until_complete(main())\n' },
  *program(py) {
    const worker = py.asyncDef('worker', 3, function* () {
      for (let k = 0; k < 3; k++) {
        py.line(5);
        yield* py.asyncio.sleep(0);
      }
    });
    const main = py.asyncDef('main', 7, function* () {
      py.line(8);
      yield* py.asyncio.gather(...Array.from({ length: N }, (_, i) => worker(i)));
    });
    const loop = py.asyncio.newEventLoop();
    py.line(11);
    yield* loop.blocking.runUntilComplete(main());
  },
};
