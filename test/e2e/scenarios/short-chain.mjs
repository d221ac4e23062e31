// 1,000 chained call_soon callbacks, then the loop stops: busy from start to exit, never waiting.
const python = `import asyncio

def again(i):
    if i < 1000: loop.call_soon(again, i + 1)
    else: loop.stop()

loop = asyncio.new_event_loop()
loop.call_soon(again, 1)
loop.run_forever()
`;

export default {
  title: 'A short call_soon chain',
  source: { file: 'short-chain.py', text: python },
  *program(py) {
    py.line(7);
    const loop = py.asyncio.newEventLoop();
    const again = py.def('again', 3, (i) => {
      py.line(4);
      if (i < 1000) loop.callSoon(again, i + 1);
      else loop.stop();
    });
    py.line(8);
    loop.callSoon(again, 1);
    py.line(9);
    yield* loop.blocking.runForever();
  },
};
