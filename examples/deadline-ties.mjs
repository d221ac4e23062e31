// A scenario of your own, in plain JavaScript: `asyncio-lab run examples/deadline-ties.mjs`.
// `source` is the Python program the learner reads; `program` is the same program on the simulated
// process, line for line (py.line(n) marks the line being executed, so the source panel follows it).
const python = `import asyncio

def tick(name):
    print(f"{name} at {round(loop.time() - start, 1)}")

async def main():
    loop.call_later(0.2, tick, "a")
    b = loop.call_later(0.1, tick, "b")
    loop.call_at(start + 0.2, tick, "c")
    loop.call_soon(tick, "soon")
    b.cancel()
    await asyncio.sleep(0.3)
    print("main done")

loop = asyncio.new_event_loop()
start = loop.time()
loop.run_until_complete(main())
loop.close()
`;

export default {
  title: { zh: '同一到期时间的两个定时器,以及一个被取消的定时器', en: 'Two timers with one deadline, and a cancelled one' },
  explanation: {
    zh: 'call_soon 的回调先运行;被取消的 b 留在堆里,直到它到达堆顶:它的到期时间最早,所以下一轮迭代开始时就被弹出丢弃;a 和 c 相差几微秒到期:c 的到期时间 start + 0.2 比 a 的早(a 的 loop.time() 晚读了几次时钟),所以 c 先运行。',
    en: 'The call_soon callback runs first; the cancelled b stays in the heap until it reaches the top: its deadline is the earliest, so the next iteration pops it off at once; a and c fall due microseconds apart: the deadline of c, start + 0.2, is earlier than that of a (whose loop.time() was read a few clock ticks later), so c runs first.',
  },
  source: { file: 'deadline-ties.py', text: python },
  // Notes are tied to the events they explain (a type and some of its fields), not to a place in the program.
  notes: [
    {
      when: { type: 'handle_cancelled' },
      zh: 'b 被取消:它还留在堆里,只是被标记为已取消。',
      en: 'b is cancelled: it is still in the heap, only marked cancelled.',
    },
    {
      when: { type: 'timers_pruned' },
      zh: '这一轮开始时,_run_once 把堆顶已取消的定时器弹出:b 的到期时间最早,所以它立刻被丢弃。更深处的已取消定时器要等到达堆顶(或超过 100 个定时器中一半以上被取消、堆被重建)才会离开。',
      en: '_run_once begins by popping cancelled timers off the top of the heap: b has the earliest deadline, so it goes at once. A cancelled timer deeper in the heap stays until it reaches the top (or until over half of more than 100 timers are cancelled and the heap is rebuilt).',
    },
  ],
  *program(py) {
    const { asyncio } = py;
    let loop;
    let start;
    py.line(3);
    const tick = py.def('tick', 3, (name) => {
      py.line(4);
      py.print(`${name} at ${(Math.round((loop.time() - start) * 10) / 10).toFixed(1)}`);
    });
    py.line(6);
    const main = py.asyncDef('main', 6, function* () {
      py.line(7);
      loop.callLater(0.2, tick, 'a');
      py.line(8);
      const b = loop.callLater(0.1, tick, 'b');
      py.line(9);
      loop.callAt(start + 0.2, tick, 'c');
      py.line(10);
      loop.callSoon(tick, 'soon');
      py.line(11);
      b.cancel();
      py.line(12);
      yield* asyncio.sleep(0.3);
      py.line(13);
      py.print('main done');
    });
    py.line(15);
    loop = asyncio.newEventLoop();
    py.line(16);
    start = loop.time();
    py.line(17);
    yield* loop.blocking.runUntilComplete(main());
    py.line(18);
    loop.close();
  },
};
