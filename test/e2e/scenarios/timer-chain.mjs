// A 1 ms timer chain that never ends (a bench workload: an hour of it is 3.6 million timers).
const python = `import asyncio

def again():
    loop.call_later(0.001, again)

loop = asyncio.new_event_loop()
loop.call_soon(again)
loop.run_forever()
`;

export default {
  title: 'A 1 ms timer chain',
  source: { file: 'timer-chain.py', text: python },
  until: 3600,
  *program(py) {
    py.line(6);
    const loop = py.asyncio.newEventLoop();
    const again = py.def('again', 3, () => {
      py.line(4);
      loop.callLater(0.001, again);
    });
    py.line(7);
    loop.callSoon(again);
    py.line(8);
    yield* loop.blocking.runForever();
  },
};
