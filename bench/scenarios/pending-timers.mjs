// 100,000 timers pending at once (due from 10 s on, 1 ms apart), 2,000 of them coming due before
// the run is watched no more: the lab bench.
const N = 100_000;
export default {
  title: '100,000 pending timers',
  source: { file: 'pending-timers.py', text: 'import asyncio\n\ndef tick(i):\n    pass\n\nloop = asyncio.new_event_loop()\nfor i in range(100_000):\n    loop.call_later(10 + i / 1000, tick, i)\nloop.run_forever()\n' },
  until: 12,
  *program(py) {
    const loop = py.asyncio.newEventLoop();
    const tick = py.def('tick', 3, () => py.line(4));
    for (let i = 0; i < N; i++) {
      py.line(8);
      loop.callLater(10 + i / 1000, tick, i);
    }
    py.line(9);
    yield* loop.blocking.runForever();
  },
};
