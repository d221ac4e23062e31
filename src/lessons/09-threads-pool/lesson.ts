// Lesson `threads pool`: two loops in two threads (a ThreadPoolExecutor worker and the main thread),
// each with its own id(loop), running at the same time. Python program: threads-pool.py.
import { bi, getEventLoopErratum, steps } from '../../scenarios/common.js';
import { threadsPoolProgram } from './twin.js';
import { defineLesson } from '../../scenarios/define.js';
import { implicitLoopAsWritten, implicitLoopNotes, newLoopChange } from '../../scenarios/implicit-loop-texts.js';

export default defineLesson({
  command: 'threads',
  part: 'pool',
  title: bi('两个线程,两个事件循环', 'Two threads, two event loops'),
  /** One line for the lesson tables of README.md and docs/lessons.md (Markdown, English). */
  summary:
    'Two loops in two threads (a ThreadPoolExecutor worker and the main thread), each with its own `id(loop)`, running at the same time; how their prints interleave is a race.',
  explanation: steps(
    bi(
      '主线程用 new_event_loop() 创建 thread_loop,然后把 thread_loop_task 提交给 ThreadPoolExecutor:一个工作线程开始运行它,主线程不等待。',
      'The main thread creates thread_loop with new_event_loop() and submits thread_loop_task to a ThreadPoolExecutor: a worker thread starts running it, and the main thread does not wait.',
    ),
    bi(
      '工作线程把 thread_loop 设为自己的当前循环,用 gather 运行 task_1(1 秒)和 task_2(2 秒)。',
      'The worker makes thread_loop its current loop and runs task_1 (1 s) and task_2 (2 s) with gather.',
    ),
    bi(
      '与此同时,主线程用 get_event_loop() 得到另一个循环 main_loop,运行 main_task:打印两次,间隔 1 秒。',
      'Meanwhile the main thread gets another loop, main_loop, from get_event_loop() and runs main_task: two prints, 1 s apart.',
    ),
    bi(
      '两个 id() 不同:每个线程一个循环,各自有自己的就绪队列和定时器堆,同时运行。',
      'The two id()s differ: one loop per thread, each with its own ready queue and timer heap, running at the same time.',
    ),
    bi(
      '两个线程的打印交错的顺序取决于线程调度,每次运行都可能不同(这是竞争)。print() 先写文本再写换行,两个线程甚至可能把一行拆开。',
      'How the two threads\' prints interleave depends on thread scheduling and may differ on every run (a race). print() writes its text and then the newline, so two threads can even split each other\'s lines.',
    ),
    bi(
      '2 秒时两个循环都完成,解释器在退出时等待线程池的工作线程结束,然后退出。两个循环都没有 close():在调试模式下会看到 ResourceWarning: unclosed event loop。',
      'At 2 s both loops are done; at exit the interpreter waits for the pool\'s worker thread, then exits. Neither loop is closed: debug mode reports ResourceWarning: unclosed event loop.',
    ),
  ),
  corrections: {
    34: newLoopChange(
      bi(
        '子线程在第 6 行用 set_event_loop(loop) 设置了它自己的当前循环,所以第 20 行的 gather() 在每个版本上都能找到循环;主线程的循环只通过 main_loop 使用,不必设为当前循环。',
        "The child thread sets its own current loop at line 6 (set_event_loop(loop)), so gather() at line 20 finds it on every version; the main thread's loop is only used through main_loop and need not be set as current.",
      ),
    ),
  },
  asWrittenOn: implicitLoopAsWritten(
    { file: 'threads-pool.py', line: 34, statement: 'main_loop = asyncio.get_event_loop()' },
    {
      zh314: '子线程在这之前已经启动:它照常打印并运行完两个任务,解释器退出前等它结束。',
      en314: 'The child thread started before that line: it prints and runs its two tasks as usual, and the interpreter waits for it before exiting. ',
    },
  ),
  errata: [
    bi(
      '文中给出的输出顺序只是某一次运行的结果:两个线程在同一时刻打印,顺序是竞争,真实运行时顺序各不相同。',
      'The output order the article shows is one run\'s: the two threads print at the same instants, the order is a race, and real runs differ.',
    ),
    getEventLoopErratum,
  ],
  interrupts: [],
  defaultUntil: 5,
  // Which panels give way last on a small screen: two threads, each with its own loop, are the lesson.
  // The token the lesson is about, which the screen never cuts at any size: the second loop started in a worker thread (source, line 30).
  keyToken: 'executor.submit(thread_loop_task, thread_loop)',
  panels: ['timeline', 'source', 'output', 'futures', 'loop'],
  notes: [
    ...implicitLoopNotes,
    {
      when: { type: 'thread_created', name: /^ThreadPoolExecutor/ },
      zh: 'submit 把 thread_loop_task 交给线程池的一个工作线程,立即返回:主线程不等待。两个线程从此同时运行,打印的顺序是竞争。',
      en: 'submit hands thread_loop_task to a pool worker and returns at once: the main thread does not wait. From here the two threads run at the same time, and the order of their prints is a race.',
    },
    {
      when: { type: 'loop_state', state: 'running' },
      zh: '工作线程在自己的循环 thread_loop 上运行两个任务;主线程同时在另一个循环上运行 main_task。',
      en: 'The worker thread runs the two tasks on its own loop, thread_loop; meanwhile the main thread runs main_task on another loop.',
    },
    {
      when: { type: 'shutdown', phase: 'begin' },
      zh: '两个循环都没有 close():调试模式下退出时会报告 ResourceWarning: unclosed event loop。',
      en: 'Neither loop is closed: in debug mode exit reports ResourceWarning: unclosed event loop.',
    },
  ],
  /** The runs scripts/record-lessons.py records on CPython (test/recordings/<id>[.<name>].json). */
  recordings: [
    { name: '', program: 'as-written', killAfter: 10 },
    { name: 'dev', program: 'as-written', dev: true, killAfter: 10 },
    { name: 'corrected', program: 'corrected', killAfter: 10 },
    { name: 'corrected.dev', program: 'corrected', dev: true, killAfter: 10 },
  ],
  twin: threadsPoolProgram,
});
