// N chained call_soon callbacks (N from the environment, a million by default), then the loop stops: the lab bench.
const N = Number(process.env.N ?? 1000000);
export default {
  title: 'a million chained callbacks',
  source: { file: 'chain.py', text: 'import asyncio\n\ndef again(i):\n    if i < N: loop.call_soon(again, i + 1)\n    else: loop.stop()\n\nloop = asyncio.new_event_loop()\nloop.call_soon(again, 0)\nloop.run_forever()\n' },
  *program(py) {
    const loop = py.asyncio.newEventLoop();
    let i = 0;
    const again = py.def('again', 3, () => {
      py.line(4);
      if (++i < N) loop.callSoon(again);
      else loop.stop();
    });
    py.line(8);
    loop.callSoon(again);
    py.line(9);
    yield* loop.blocking.runForever();
  },
};
