// A call_soon chain that never ends and never lets simulated time advance.
const python = `import asyncio

def again():
    loop.call_soon(again)

loop = asyncio.new_event_loop()
loop.call_soon(again)
loop.run_forever()
`;

export default {
  title: 'call_soon for ever',
  source: { file: 'soon-forever.py', text: python },
  *program(py) {
    py.line(6);
    const loop = py.asyncio.newEventLoop();
    const again = py.def('again', 3, () => {
      py.line(4);
      loop.callSoon(again);
    });
    py.line(7);
    loop.callSoon(again);
    py.line(8);
    yield* loop.blocking.runForever();
  },
};
