// Small helpers the lesson modules share: bilingual text, step lists, and the errata that apply to
// several of the article's programs.
import type { Bilingual } from './types.js';

export function bi(zh: string, en: string): Bilingual {
  return { zh, en };
}

/** Numbered steps, one per line, in both languages. */
export function steps(...items: Bilingual[]): Bilingual {
  return {
    zh: items.map((s, i) => `${i + 1}. ${s.zh}`).join('\n'),
    en: items.map((s, i) => `${i + 1}. ${s.en}`).join('\n'),
  };
}

/** The article calls asyncio.get_event_loop() outside a running loop, which modern Python phases out. */
export const getEventLoopErratum = bi(
  '文中在没有运行中的事件循环时调用 asyncio.get_event_loop()。3.11 仍然可以(主线程里它会新建并设置一个循环),但这种用法已被逐步淘汰:3.12 起会发出 DeprecationWarning,3.14 起在没有当前循环时直接抛出 RuntimeError。今天的写法是 asyncio.run(main()),或者 asyncio.new_event_loop() 加 set_event_loop()。',
  'The article calls asyncio.get_event_loop() with no running loop. Python 3.11 still allows it (in the main thread it creates and sets a loop), but the usage is being phased out: 3.12 warns with DeprecationWarning and 3.14 raises RuntimeError when there is no current loop. Today one writes asyncio.run(main()), or asyncio.new_event_loop() with set_event_loop().',
);

/** The threads programs never end: interpreter shutdown joins the non-daemon loop thread. */
export const shutdownHangErratum = bi(
  '文章没有提到:主线程的代码执行完以后,进程并不会退出。解释器退出前要 join 所有非守护线程,而运行 run_forever() 的线程永远不会结束,于是进程一直挂着。按 Ctrl+C 才会结束,并打印 "Exception ignored in: <module \'threading\' ...>" 和 threading._shutdown 里的 KeyboardInterrupt。',
  'The article does not say it: when the main thread\'s code is done, the process does not exit. Before exiting, the interpreter joins every non-daemon thread, and the thread running run_forever() never ends, so the process hangs. Only Ctrl+C ends it, printing "Exception ignored in: <module \'threading\' ...>" and the KeyboardInterrupt raised in threading._shutdown.',
);

/** The stop lessons' changed lines: asyncio.Task.all_tasks() is gone; asyncio.all_tasks(loop) replaces it. */
export const allTasksChange = bi(
  'asyncio.Task.all_tasks() 在 Python 3.7 已弃用,3.9 移除:在 3.11 上这一行抛出 AttributeError: type object \'_asyncio.Task\' has no attribute \'all_tasks\'。改用模块级函数 asyncio.all_tasks(loop);此处循环没有在运行,所以要把 loop 传进去。',
  'asyncio.Task.all_tasks() was deprecated in Python 3.7 and removed in 3.9: on 3.11 this line raises AttributeError: type object \'_asyncio.Task\' has no attribute \'all_tasks\'. The module function asyncio.all_tasks(loop) replaces it; the loop is not running here, so it is passed explicitly.',
);

/** The stop lessons' note where the article's handler fails on asyncio.Task.all_tasks(). */
export const allTasksAttributeErrorNote = {
  when: { type: 'output', stream: 'stderr', text: /^AttributeError: type object '_asyncio.Task' has no attribute 'all_tasks'/ },
  zh: 'asyncio.Task.all_tasks() 在 3.9 已被移除:except 里抛出 AttributeError,没有任何任务被取消。',
  en: 'asyncio.Task.all_tasks() was removed in 3.9: the except clause raises AttributeError, and no task is cancelled.',
} as const;
