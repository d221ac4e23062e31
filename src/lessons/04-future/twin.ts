// future.py and its run/stop-rule variants (variants/<id>/<id>.py) on the simulated
// process. `py.line(n)` marks line n of the shown source.
import type { BaseEventLoop } from '../../runtime/base-events.js';
import { RuntimeError } from '../../runtime/exceptions.js';
import type { Future } from '../../runtime/futures.js';
import type { MainProgram, Py } from '../../runtime/process/index.js';
import { pyFunction, pyMethod, str } from '../../runtime/repr.js';

/** The builtin print as a callback (a builtin: no source location in reprs). */
function builtinPrint(py: Py) {
  return pyFunction((...args: unknown[]) => py.print(...args), { name: 'print' });
}

/** The article's program, or (asWritten false) the corrected one: line 10 makes a new loop and sets it as the current one, which Future() then finds. */
export function futureProgram(asWritten: boolean): MainProgram {
  return (py) => future(py, asWritten);
}

function* future(py: Py, asWritten: boolean) {
  const { asyncio } = py;
  py.line(1);
  py.line(3);
  const call_back = py.def('call_back', 3, (future: Future<string>, result: string) => {
    py.line(4);
    py.print(`此时future的状态:${str(future)}`);
    py.line(5);
    py.print(`设置future的结果:${str(result)}`);
    py.line(6);
    future.setResult(result);
    py.line(7);
    py.print(`此时future的状态:${str(future)}`);
  });
  py.line(9);
  py.line(10);
  const loop = asWritten ? asyncio.getEventLoop() : asyncio.newEventLoop();
  if (!asWritten) asyncio.setEventLoop(loop);
  py.line(11);
  let future: Future<string>;
  try {
    py.line(12);
    future = new asyncio.Future<string>(asyncio.getEventLoop());
    py.line(13);
    loop.callSoon(call_back, future, 'Future is done!');
    py.line(14);
    py.print('进入事件循环');
    py.line(15);
    const result = yield* loop.blocking.runUntilComplete(future);
    py.line(16);
    py.print(`返回的结果:${str(result)}`);
  } finally {
    py.line(20);
    loop.close();
  }
  py.line(21);
  py.print(`获取future的结果${str(future.result())}`);
}

export function* stopBeforeRunProgram(py: Py) {
  const { asyncio } = py;
  let loop!: BaseEventLoop;
  py.line(1);
  py.line(3);
  const call_back = py.def('call_back', 3, (name: string) => {
    py.line(4);
    py.print(`[${name}] 运行了`);
    py.line(5);
    loop.callSoon(call_back, '本批次注册的回调');
  });
  py.line(7);
  loop = asyncio.newEventLoop();
  py.line(8);
  loop.callSoon(call_back, 'call_soon');
  py.line(9);
  loop.callLater(1, call_back, 'call_later(1)');
  py.line(10);
  loop.stop();
  py.line(11);
  py.print('在 run_forever() 之前调用了 stop()');
  py.line(12);
  yield* loop.blocking.runForever();
  py.line(13);
  py.print('run_forever() 返回, is_running:', loop.isRunning());
  py.line(14);
  loop.close();
  py.line(15);
  py.print('is_closed:', loop.isClosed());
}

export function* stopInBatchProgram(py: Py) {
  const { asyncio } = py;
  let loop!: BaseEventLoop;
  py.line(1);
  py.line(3);
  const first = py.def('first', 3, () => {
    py.line(4);
    py.print('first: 调用 stop(), 再注册 later');
    py.line(5);
    loop.stop();
    py.line(6);
    loop.callSoon(later);
  });
  py.line(8);
  const second = py.def('second', 8, () => {
    py.line(9);
    py.print('second: 与 first 同一批次, 照常运行');
  });
  py.line(11);
  const later = py.def('later', 11, () => {
    py.line(12);
    py.print('later: 由本批次注册, 等到下一次运行');
  });
  py.line(14);
  loop = asyncio.newEventLoop();
  py.line(15);
  loop.callSoon(first);
  py.line(16);
  loop.callSoon(second);
  py.line(17);
  yield* loop.blocking.runForever();
  py.line(18);
  py.print('第一次 run_forever() 返回');
  py.line(19);
  loop.callSoon(pyMethod(loop, 'stop', 'BaseEventLoop.stop'));
  py.line(20);
  yield* loop.blocking.runForever();
  py.line(21);
  py.print('第二次 run_forever() 返回');
  py.line(22);
  loop.close();
}

export function* closeRunningProgram(py: Py) {
  const { asyncio } = py;
  let loop!: BaseEventLoop;
  py.line(1);
  py.line(3);
  const try_close = py.def('try_close', 3, () => {
    py.line(4);
    try {
      py.line(5);
      loop.close();
    } catch (e) {
      py.line(6);
      if (!(e instanceof RuntimeError)) throw e;
      py.line(7);
      py.print('close() 失败:', e);
    }
    py.line(8);
    loop.stop();
  });
  py.line(10);
  loop = asyncio.newEventLoop();
  py.line(11);
  loop.callSoon(try_close);
  py.line(12);
  loop.callLater(10, builtinPrint(py), '这个回调不会运行');
  py.line(13);
  yield* loop.blocking.runForever();
  py.line(14);
  loop.close();
  py.line(15);
  py.print('is_closed:', loop.isClosed());
  py.line(16);
  try {
    py.line(17);
    loop.callSoon(builtinPrint(py), '再注册回调');
  } catch (e) {
    py.line(18);
    if (!(e instanceof RuntimeError)) throw e;
    py.line(19);
    py.print('call_soon() 失败:', e);
  }
  py.line(20);
  const fut = loop.createFuture<string>();
  py.line(21);
  fut.setResult('结果');
  py.line(22);
  py.print('close() 之后 future 的结果仍可读取:', fut.result());
}
