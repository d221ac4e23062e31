// Lesson `threads daemon`: the main thread submits coroutines forever; Ctrl+C raises KeyboardInterrupt
// in time.sleep; the handler stops the loop thread. Shows why loop.stop() from another thread is not
// thread-safe and what a daemon thread is. Python programs: threads-daemon.py,
// corrected/threads-daemon.py and variants/daemon/threads-daemon.py.
import { bi, steps } from '../../scenarios/common.js';
import { threadsDaemonProgram } from './twin.js';
import { threadLessonSame } from '../../scenarios/thread-version-texts.js';
import { defineLesson, type VariantDefinition } from '../../scenarios/define.js';

const daemonVariant: VariantDefinition = {
  title: bi('t.daemon = True:守护线程', 't.daemon = True: a daemon thread'),
  explanation: steps(
    bi(
      '这是文中注释掉的那一行,用今天的写法打开:t.daemon = True(setDaemon(True) 自 3.10 起弃用)。必须在 start() 之前设置。',
      'The article\'s commented-out line, switched on in today\'s spelling: t.daemon = True (setDaemon(True) is deprecated since 3.10). It must be set before start().',
    ),
    bi(
      '守护线程是 t,不是主线程:解释器退出时不等待守护线程。',
      'The daemon is t, not the main thread: the interpreter does not wait for daemon threads when it exits.',
    ),
    bi(
      'Ctrl+C 之后主线程打印两行并结束,进程立即退出,线程 t 和它的循环被直接终止:没有 "Task was destroyed" 的报告,因为循环里的任务根本没有机会被回收。',
      'After Ctrl+C the main thread prints its two lines and ends; the process exits at once and thread t is killed with its loop: no "Task was destroyed" report, because the loop\'s tasks are never collected.',
    ),
  ),
  notes: [
    {
      when: { type: 'thread_created', daemon: true },
      zh: 't(不是主线程)成为守护线程:解释器退出时不等待它。',
      en: 't (not the main thread) is now a daemon: the interpreter will not wait for it at exit.',
    },
    {
      when: { type: 'thread_woke', name: 'MainThread', reason: 'interrupt' },
      zh: 'Ctrl+C:KeyboardInterrupt 在主线程所在的 time.sleep(1) 里抛出。',
      en: 'Ctrl+C: KeyboardInterrupt is raised where the main thread stands, in time.sleep(1).',
    },
    {
      when: { type: 'loop_stop_requested', thread: 'MainThread' },
      zh: '从另一个线程调用 stop() 只设置标志,不唤醒循环。这里无关紧要:t 是守护线程,主线程的代码一结束它就被终止。',
      en: 'stop() from another thread only sets the flag and wakes nobody. Here it does not matter: t is a daemon, killed as soon as the main thread\'s code ends.',
    },
  ],
  twin: threadsDaemonProgram({ daemon: true, threadsafeStop: false }),
};

export default defineLesson({
  command: 'threads',
  part: 'daemon',
  title: bi('停止子线程:Ctrl+C、loop.stop() 与守护线程', 'Stopping the loop thread: Ctrl+C, loop.stop() and daemon threads'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    'Ctrl+C raises KeyboardInterrupt in `time.sleep`; the handler stops the loop thread. `loop.stop()` from another thread is not thread-safe; `call_soon_threadsafe(loop.stop)` is. Variant `daemon` (`--variant daemon`): `t.daemon = True`, the process exits at once and the daemon thread is killed. Ctrl+C moment: 4.5 s.',
  explanation: steps(
    bi(
      '线程 t 运行 new_loop.run_forever()。主线程在循环里每秒提交两个协程:task(1, 1) 和 task(2, 2)。',
      'Thread t runs new_loop.run_forever(). The main thread loops, submitting two coroutines every second: task(1, 1) and task(2, 2).',
    ),
    bi(
      '同一时刻,主线程提交的新任务和循环线程里到期的定时器会同时发生:这几行的顺序是竞争。',
      'At each whole second, the main thread\'s new submissions and the loop thread\'s due timers happen at the same instant: the order of those lines is a race.',
    ),
    bi(
      '按下 Ctrl+C:KeyboardInterrupt 在主线程所在的 time.sleep(1) 里抛出,except 分支打印两行。',
      'Ctrl+C: KeyboardInterrupt is raised in the main thread\'s time.sleep(1), and the except branch prints its two lines.',
    ),
    bi(
      '修正后的程序用 new_loop.call_soon_threadsafe(new_loop.stop):stop 被排进循环的就绪队列并唤醒循环,循环线程立即运行 stop(),run_forever() 返回,线程结束。',
      'The corrected program calls new_loop.call_soon_threadsafe(new_loop.stop): stop is queued on the loop and the loop is woken; the loop thread runs stop() at once, run_forever() returns, and the thread ends.',
    ),
    bi(
      '文中的 new_loop.stop() 在另一个线程里直接设置标志,不唤醒循环:循环线程要等到下一个定时器到期才醒来看到它(这里不到 1 秒)。如果没有定时器,它会永远睡在 select 里,进程永远挂起。',
      'The article\'s new_loop.stop() sets the flag from another thread and wakes nobody: the loop thread only sees it when its next timer is due (here, within a second). With no timer pending it would sleep in select forever and the process would hang.',
    ),
    bi(
      '循环停止时还有任务在 sleep:进程退出、对象被回收时报告 "Task was destroyed but it is pending!"(顺序取决于垃圾回收)。',
      'Tasks are still sleeping when the loop stops: when the process exits and they are collected, each is reported as "Task was destroyed but it is pending!" (in garbage-collection order).',
    ),
  ),
  /** Why each line the corrected program changes is changed (the lines and what they were come from the two files). */
  corrections: {
    17: bi(
      '(仍是注释)setDaemon() 自 Python 3.10 起弃用,今天写作 t.daemon = True。打开它的效果见变体 daemon。',
      '(Still a comment.) setDaemon() is deprecated since Python 3.10; today it is written t.daemon = True. See the daemon variant for what it does.',
    ),
    27: bi(
      'loop.stop() 不是线程安全的:从另一个线程调用时只设置标志,不唤醒阻塞在 select 里的循环。call_soon_threadsafe(new_loop.stop) 把 stop 排进循环自己的线程里运行,并通过自管道唤醒它。',
      'loop.stop() is not thread-safe: called from another thread it only sets a flag and does not wake the loop blocked in select. call_soon_threadsafe(new_loop.stop) runs stop on the loop\'s own thread and wakes it through the self-pipe.',
    ),
  },
  asWrittenOn: threadLessonSame(),
  errata: [
    bi(
      '文中说 B.setDaemon() 是"把主线程 A 设置为守护线程"。错了:它把 B(这里的 t)设置为守护线程,意思是解释器退出时不等待 B。主线程从来不是守护线程。',
      'The article says B.setDaemon() "makes the main thread A a daemon". Wrong: it makes B (t here) a daemon, meaning the interpreter does not wait for B at exit. The main thread is never a daemon.',
    ),
    bi(
      '文中说不设置守护线程"程序会被无限挂起"。按文中的程序(Python 3.11),按下 Ctrl+C 后进程其实在 1 秒内退出了:并不是 stop() 起了作用,而是一个到期的定时器碰巧唤醒了循环线程。从另一个线程停止循环的正确方法是 new_loop.call_soon_threadsafe(new_loop.stop)。',
      'The article says that without a daemon thread "the program hangs forever". With the article\'s program (Python 3.11) the process in fact exits within a second of Ctrl+C: not thanks to stop(), but because a due timer happens to wake the loop thread. The correct way to stop a loop from another thread is new_loop.call_soon_threadsafe(new_loop.stop).',
    ),
    bi(
      'setDaemon() 自 Python 3.10 起弃用,应写 t.daemon = True(或 Thread(..., daemon=True))。',
      'setDaemon() is deprecated since Python 3.10; write t.daemon = True (or Thread(..., daemon=True)).',
    ),
  ],
  interrupts: [
    {
      at: 4.5,
      what: bi(
        '主线程在 time.sleep(1) 中收到 KeyboardInterrupt,打印两行后结束。修正后的程序:循环线程立即停止,退出时报告仍在等待的任务。原程序:循环线程在下一个定时器(5 秒)醒来时才看到 stop 标志。守护线程变体:进程立即退出。',
        'The main thread gets KeyboardInterrupt in time.sleep(1), prints two lines and ends. Corrected program: the loop thread stops at once, and exit reports the still-pending tasks. As written: the loop thread sees the stop flag only when its next timer (at 5 s) wakes it. Daemon variant: the process exits at once.',
      ),
    },
  ],
  defaultUntil: 6,
  // Which panels give way last on a small screen: threads at interpreter shutdown (joined or killed) are the lesson.
  // The token the lesson is about, which the screen never cuts at any size: the thread-safe stop (corrected source, line 27).
  keyToken: 'new_loop.call_soon_threadsafe(new_loop.stop)',
  panels: ['timeline', 'output', 'source', 'futures', 'loop'],
  notes: [
    {
      when: { type: 'thread_woke', name: 'MainThread', reason: 'interrupt' },
      zh: 'Ctrl+C:KeyboardInterrupt 在主线程所在的 time.sleep(1) 里抛出。',
      en: 'Ctrl+C: KeyboardInterrupt is raised where the main thread stands, in time.sleep(1).',
    },
    {
      when: { type: 'handle_scheduled', callback: 'BaseEventLoop.stop()', threadsafe: true },
      zh: 'stop 被排进循环自己的线程,并通过自管道唤醒它:循环线程立即停止。',
      en: 'stop is queued on the loop\'s own thread, which the self-pipe wakes: the loop thread stops at once.',
    },
    {
      when: { type: 'loop_stop_requested', thread: 'MainThread' },
      zh: '从另一个线程调用 stop() 只设置标志,不唤醒循环:循环线程要等下一个定时器到期才会看到它。',
      en: 'stop() from another thread only sets the flag and wakes nobody: the loop thread sees it when its next timer is due.',
    },
    {
      after: [{ type: 'interrupt' }],
      when: { type: 'loop_state', state: 'stopped' },
      zh: '循环线程看到了 stop 标志:run_forever() 返回,线程 t 结束。',
      en: 'The loop thread saw the stop flag: run_forever() returned and thread t ends.',
    },
  ],
  variants: { daemon: daemonVariant },
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: '', program: 'corrected', killAfter: 3.5 },
    { name: 'ctrl-c', program: 'corrected', interrupts: [4.5], killAfter: 10 },
    { name: 'dev.ctrl-c', program: 'corrected', dev: true, interrupts: [4.5], killAfter: 10 },
    { name: 'ctrl-c-0.5', program: 'corrected', interrupts: [0.5], killAfter: 10 },
    { name: 'as-written.ctrl-c', program: 'as-written', interrupts: [4.5], killAfter: 10, accept: 'both-timers-at-5' },
    { name: 'daemon.ctrl-c', program: 'variant:daemon', interrupts: [4.5], killAfter: 10 },
  ],
  twin: (asWritten: boolean) => threadsDaemonProgram({ daemon: false, threadsafeStop: !asWritten }),
});
