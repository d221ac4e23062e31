// One sentence that says why the step happened, in the learner's language. A lesson's own `note`
// wins; otherwise each event type has a generic explanation naming the CPython mechanism.
import type { TraceEvent } from '../runtime/trace.js';
import type { Lang } from '../scenarios/types.js';
import { killedBySignal, shellStatus } from '../runtime/process/shell-status.js';
import { seconds } from './format.js';
import type { Bilingual } from './i18n.js';

type Text = Bilingual;

/** The generic explanation of `event`. */
export function explainEvent(event: TraceEvent, lang: Lang): string {
  const text = generic(event);
  return lang === 'zh' ? text.zh : text.en;
}

function generic(e: TraceEvent): Text {
  switch (e.type) {
    case 'loop_created':
      return { zh: `创建事件循环 #${e.loop}${e.debug ? '(调试模式)' : ''}。`, en: `Event loop #${e.loop} is created${e.debug ? ' (debug mode)' : ''}.` };
    case 'loop_state':
      if (e.state === 'running') return { zh: `${e.thread} 进入 run_forever():事件循环开始一轮轮地执行 _run_once()。`, en: `${e.thread} enters run_forever(): the loop starts calling _run_once() over and over.` };
      if (e.state === 'stopped') return { zh: 'run_forever() 返回:事件循环停止,停止标志被清除。', en: 'run_forever() returns: the loop is stopped and its stop flag is cleared.' };
      return { zh: 'loop.close():清空就绪队列和定时器堆,之后不能再运行。', en: 'loop.close(): the ready queue and the timer heap are cleared; the loop can never run again.' };
    case 'loop_stop_requested':
      return { zh: 'loop.stop() 只设置一个标志:当前这一轮 _run_once() 跑完后 run_forever() 才返回。', en: 'loop.stop() only sets a flag: run_forever() returns after the current _run_once() iteration finishes.' };
    case 'loop_iteration':
      return { zh: `第 ${e.n} 轮 _run_once():就绪队列有 ${e.ready} 个 Handle,堆里有 ${e.scheduled} 个定时器。`, en: `Iteration ${e.n} of _run_once(): ${e.ready} Handle(s) ready, ${e.scheduled} timer(s) on the heap.` };
    case 'timers_pruned':
      return { zh: `从堆中移除了 ${e.count} 个已取消的定时器。`, en: `${e.count} cancelled timer(s) removed from the heap.` };
    case 'select_wait':
      return e.timeout === null
        ? { zh: '没有就绪的回调也没有定时器:select() 无限期阻塞,直到被唤醒。', en: 'Nothing ready and no timers: select() blocks until something wakes the loop.' }
        : e.timeout === 0
          ? { zh: '就绪队列非空:select(0) 只检查一下 I/O,不等待。', en: 'The ready queue is not empty: select(0) only polls for I/O and does not wait.' }
          : { zh: `最近的定时器在 ${seconds(e.timeout)} 秒后到期:select() 最多睡这么久。`, en: `The earliest timer is due in ${seconds(e.timeout)} s: select() sleeps at most that long.` };
    case 'select_woke':
      return {
        timeout: { zh: `select() 睡了 ${seconds(e.slept)} 秒后超时返回:到期的定时器将被移入就绪队列。`, en: `select() returned after sleeping ${seconds(e.slept)} s: due timers now move to the ready queue.` },
        self_pipe: { zh: 'call_soon_threadsafe() 写了自管道(self-pipe),把阻塞在 select() 中的循环唤醒。', en: "call_soon_threadsafe() wrote the loop's self-pipe, waking the loop from select()." },
        interrupt: { zh: 'Ctrl+C:KeyboardInterrupt 打断了 select()。', en: 'Ctrl+C: KeyboardInterrupt broke out of select().' },
        immediate: { zh: 'select() 立即返回。', en: 'select() returned at once.' },
      }[e.reason];
    case 'handle_scheduled':
      return e.kind === 'TimerHandle'
        ? { zh: `TimerHandle ${e.callback} 按截止时间 ${seconds(e.when ?? 0)} 压入定时器堆。`, en: `A TimerHandle for ${e.callback} is pushed on the heap with deadline ${seconds(e.when ?? 0)}.` }
        : e.threadsafe
          ? { zh: `call_soon_threadsafe():Handle ${e.callback} 追加到就绪队列末尾,并写自管道唤醒循环。`, en: `call_soon_threadsafe(): a Handle for ${e.callback} is appended to the ready queue and the self-pipe is written.` }
          : { zh: `call_soon():Handle ${e.callback} 追加到就绪队列末尾,下一轮按先进先出执行。`, en: `call_soon(): a Handle for ${e.callback} is appended to the ready queue; it runs next iteration, first in first out.` };
    case 'handle_cancelled':
      return e.ran
        ? { zh: '对一个已经运行过的 Handle 调用 cancel()(sleep() 在 finally 里总会取消自己的定时器):只是标记为已取消,没有东西被移除或跳过。', en: 'cancel() on a Handle the loop has already run (sleep() always cancels its own timer in a finally): it is only marked cancelled; nothing is removed or skipped.' }
        : { zh: 'Handle 被取消:它留在原处(就绪队列或定时器堆),轮到它时被丢弃。', en: 'A Handle is cancelled: it stays where it is (ready queue or heap) and is dropped when its turn comes.' };
    case 'timer_ready':
      return { zh: '定时器到期:从堆中弹出,追加到就绪队列的末尾(排在已就绪的回调之后)。', en: 'A timer is due: it leaves the heap and goes to the END of the ready queue, after what is already there.' };
    case 'handle_run':
      return { zh: `执行回调 ${e.callback}:这是 _run_once() 中唯一调用回调的地方。`, en: `Running ${e.callback}: _run_once() is the only place callbacks are called.` };
    case 'handle_done':
      return e.took > 0
        ? { zh: `回调占用了线程 ${seconds(e.took)} 秒:这段时间里循环什么也做不了。`, en: `The callback held the thread for ${seconds(e.took)} s: the loop could do nothing else meanwhile.` }
        : { zh: '回调返回。', en: 'The callback returned.' };
    case 'future_created':
      return e.kind === 'Task'
        ? { zh: `创建 Task ${e.name}(${e.coro ?? ''}):它的第一步已经用 call_soon 安排好了。`, en: `Task ${e.name} wraps ${e.coro ?? 'a coroutine'}: its first step is scheduled with call_soon.` }
        : { zh: `创建 Future ${e.name}:状态 PENDING。`, en: `Future ${e.name} is created: PENDING.` };
    case 'future_state':
      return e.state === 'FINISHED'
        ? { zh: `Future 完成 (FINISHED)${e.result !== undefined ? `,结果 ${e.result}` : ''}${e.exception ? `,异常 ${e.exception}` : ''}:它的完成回调被 call_soon 安排。`, en: `A future is FINISHED${e.result !== undefined ? ` with ${e.result}` : ''}${e.exception ? ` with ${e.exception}` : ''}: its done callbacks are scheduled with call_soon.` }
        : e.state === 'CANCELLED'
          ? { zh: 'Future 被取消 (CANCELLED):等待它的任务会收到 CancelledError。', en: 'A future is CANCELLED: whoever awaits it gets CancelledError.' }
          : { zh: 'Future 处于 PENDING。', en: 'A future is PENDING.' };
    case 'task_step':
      return e.mode === 'throw'
        ? { zh: `Task.__step():把 ${e.value ?? '异常'} 抛进 ${e.name} 的协程。`, en: `Task.__step(): ${e.value ?? 'an exception'} is thrown into ${e.name}'s coroutine.` }
        : { zh: `Task.__step():恢复 ${e.name} 的协程,运行到下一个 await。`, en: `Task.__step(): ${e.name}'s coroutine resumes and runs to its next await.` };
    case 'task_wait':
      return e.on === null
        ? { zh: `${e.name} 交出控制权 (sleep(0)):下一步排到就绪队列末尾。`, en: `${e.name} yields (sleep(0)): its next step goes to the end of the ready queue.` }
        : { zh: `${e.name} 挂起,等待 ${e.onRepr}:它完成时才会被唤醒。`, en: `${e.name} suspends on ${e.onRepr}: it wakes when that is done.` };
    case 'future_callbacks':
      return e.callbacks.length === 0
        ? { zh: `future #${e.future} 不再有完成回调。`, en: `Future #${e.future} holds no done callback any more.` }
        : { zh: `future #${e.future} 的完成回调:cb=[${e.callbacks.join(', ')}]。它完成时,这些回调会用 call_soon 排进就绪队列。`, en: `Future #${e.future}'s done callbacks: cb=[${e.callbacks.join(', ')}]. When it is done, each goes to the ready queue with call_soon.` };
    case 'concurrent_future_created':
      return { zh: '创建一个 concurrent.futures.Future:在线程之间传递结果,result() 会阻塞调用它的线程。', en: 'A concurrent.futures.Future is created: a result handed between threads; result() blocks the thread that calls it.' };
    case 'concurrent_future_state':
      return e.state === 'RUNNING'
        ? { zh: 'concurrent.futures.Future 进入 RUNNING (set_running_or_notify_cancel):有线程开始产生它的结果,cancel() 再也不能取消它。', en: 'The concurrent.futures.Future is RUNNING (set_running_or_notify_cancel): a thread has started on its result, and cancel() can no longer stop it.' }
        : e.state === 'CANCELLED'
          ? { zh: 'concurrent.futures.Future 被取消。', en: 'The concurrent.futures.Future is CANCELLED.' }
          : { zh: `concurrent.futures.Future 完成${e.result !== undefined ? `,结果 ${e.result}` : ''}${e.exception ? `,异常 ${e.exception}` : ''}:等待它的 result() 的线程被唤醒。`, en: `The concurrent.futures.Future is FINISHED${e.result !== undefined ? ` with ${e.result}` : ''}${e.exception ? ` with ${e.exception}` : ''}: a thread waiting in its result() wakes.` };
    case 'futures_chained':
      return { zh: `_chain_future:future #${e.source} 完成时,它的结果被复制给 future #${e.destination}。`, en: `_chain_future: when future #${e.source} is done, its outcome is copied to future #${e.destination}.` };
    case 'task_cancel_requested':
      return { zh: `${e.name}.cancel():下一步会把 CancelledError 抛进协程。`, en: `${e.name}.cancel(): its next step throws CancelledError into the coroutine.` };
    case 'thread_created':
      return { zh: `创建线程 ${e.name}${e.daemon ? '(守护线程)' : ''}。`, en: `Thread ${e.name} is created${e.daemon ? ' (daemon)' : ''}.` };
    case 'thread_started':
      return { zh: `线程 ${e.name} 开始运行。`, en: `Thread ${e.name} starts.` };
    case 'thread_blocked':
      return { zh: `${e.name} 阻塞在 ${e.on}${e.until === null ? ',直到被唤醒' : `,直到 ${seconds(e.until)} 秒`}。`, en: `${e.name} blocks in ${e.on}${e.until === null ? ' until woken' : ` until ${seconds(e.until)} s`}.` };
    case 'thread_woke':
      return { zh: `${e.name} 被唤醒(${{ timeout: '超时', notified: '被通知', interrupt: 'Ctrl+C' }[e.reason]})。`, en: `${e.name} wakes (${{ timeout: 'time is up', notified: 'notified', interrupt: 'Ctrl+C' }[e.reason]}).` };
    case 'thread_exit':
      return { zh: `线程 ${e.name} 结束${e.error ? `:${e.error}` : ''}。`, en: `Thread ${e.name} ends${e.error ? `: ${e.error}` : ''}.` };
    case 'interrupt':
      return { zh: 'Ctrl+C:SIGINT 到达,主线程在它所在之处抛出 KeyboardInterrupt。', en: 'Ctrl+C: SIGINT arrives and KeyboardInterrupt is raised in the main thread where it stands.' };
    case 'shutdown':
      return {
        begin: { zh: '主程序结束:解释器开始关闭。', en: 'The main program is done: interpreter shutdown begins.' },
        joining: { zh: `解释器关闭:等待非守护线程${e.waitingFor ? ` ${e.waitingFor}` : ''} 结束 (threading._shutdown)。`, en: `Interpreter shutdown: joining non-daemon thread${e.waitingFor ? ` ${e.waitingFor}` : 's'} (threading._shutdown).` },
        hang: { zh: `进程挂起:非守护线程${e.waitingFor ? ` ${e.waitingFor}` : ''} 永远不会结束。按 Ctrl+C。`, en: `The process hangs: non-daemon thread${e.waitingFor ? ` ${e.waitingFor}` : ''} never ends. Press Ctrl+C.` },
        daemons_killed: { zh: '守护线程被直接杀死,不做清理。', en: 'Daemon threads are killed where they stand, without clean-up.' },
        done: { zh: '解释器关闭完成。', en: 'Interpreter shutdown is complete.' },
      }[e.phase];
    case 'exit': {
      const signal = killedBySignal(e.status);
      return signal === undefined
        ? { zh: `进程退出,状态码 ${shellStatus(e.status)}。`, en: `The process exits with status ${shellStatus(e.status)}.` }
        : {
            zh: `进程被信号 ${signal}(SIGINT)终止:CPython 把没有被捕获的 KeyboardInterrupt 重新作为信号抛出,shell 看到的状态码是 ${shellStatus(e.status)}。`,
            en: `The process is killed by signal ${signal} (SIGINT): CPython re-raises an uncaught KeyboardInterrupt as the signal, so the shell sees status ${shellStatus(e.status)}.`,
          };
    }
    case 'output':
      return { zh: `程序${e.stream === 'stderr' ? '向 stderr ' : ''}输出一行。`, en: `The program prints a line${e.stream === 'stderr' ? ' to stderr' : ''}.` };
    case 'exception_handler':
      return { zh: `调用异常处理器:${e.message}`, en: `The exception handler is called: ${e.message}` };
    case 'warning':
      return { zh: `${e.category}: ${e.message}`, en: `${e.category}: ${e.message}` };
    case 'line':
      return { zh: `执行第 ${e.line} 行。`, en: `Line ${e.line} runs.` };
    case 'note':
      return { zh: e.zh, en: e.en };
  }
}
