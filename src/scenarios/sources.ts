// The Python programs the lessons show, embedded verbatim so the package needs no files at run
// time. src/scenarios/programs/ holds the same texts as .py files (the recorder runs those; a test
// checks both are byte-identical, and that the article's are identical to the article's programs).
// Do not re-indent: trailing spaces and whitespace-only lines are part of the article's text.

// ── The article's programs, as written.

/** programs/call-at.py */
export const callAt = `import asyncio

def call_back(index):
    print(f"[Call_back--{index}]: The running time point is {loop.time()}")
    
async def main():
    now = loop.time()
    print(f"当前的内部时间:{now}")
    print("注册callback")
    loop.call_at(now + 0.2, call_back, "c_b-1")
    loop.call_at(now + 0.1, call_back, "c_b-2")
    loop.call_soon(call_back, "call_soon方法")
    await asyncio.sleep(0.5)
    
if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(main())
    except:
        raise
    finally:
        loop.close()
`;

/** programs/call-later.py */
export const callLater = `import asyncio

def call_back(index, x, y):
    print(f"[Call_back--{index}]:{x} + {y} = {x + y}")
    
async def main():
    print("注册callback函数")
    loop.call_later(0.1, call_back, 1, 1, 2)
    loop.call_later(0.3, call_back, 2, 3, 4)
    loop.call_later(0.2, call_back, 3, 5, 7)
    loop.call_soon(call_back, "call_soon 方法", 9, 9)  # call_soon方法会在call_later之前执行,与其位置无关
    await asyncio.sleep(0.5)
    
if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(main())
    except:
        raise
    finally:
        loop.close()
`;

/** programs/call-soon.py */
export const callSoon = `import asyncio
import functools

def call_back(args, kwargs="default"):
    print(f"普通函数作为回调函数,获取参数:{args}, {kwargs}")

async def main():
    print("注册callback函数")
    loop.call_soon(call_back, 1)
    wrapped = functools.partial(call_back, kwargs="xxoo")  # 使用偏函数传递关键字参数
    loop.call_soon(wrapped, 2)
    await asyncio.sleep(0.5)
    
    
if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(main())
    except:
        raise
    finally:
        loop.close()
`;

/** programs/future.py */
export const future = `import asyncio

def call_back(future, result):
    print(f"此时future的状态:{future}")
    print(f"设置future的结果:{result}")
    future.set_result(result)
    print(f"此时future的状态:{future}")
    
if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    try:
        future = asyncio.Future()
        loop.call_soon(call_back, future, "Future is done!")
        print("进入事件循环")
        result = loop.run_until_complete(future)
        print(f"返回的结果:{result}")
    except:
        raise
    finally:
        loop.close()
    print(f"获取future的结果{future.result()}")
`;

/** programs/stop-nested.py */
export const stopNested = `import asyncio
 
async def do_some_work(x):
    print('Waiting: ', x)
 
    await asyncio.sleep(x)
    return 'Done after {}s'.format(x)

async def main():
    coroutine1 = do_some_work(1)  # 协程对象
    coroutine2 = do_some_work(2)
    coroutine3 = do_some_work(3)

    tasks = [
        asyncio.ensure_future(coroutine1),  # 创建task
        asyncio.ensure_future(coroutine2),
        asyncio.ensure_future(coroutine3)
    ]
    done, pending = await asyncio.wait(tasks)
    for task in done:
        print("Task result: ", task.result())
if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    try:
        # 启动事件循环后马上终止程序后,会触发run_until_complete的执行异常 KeyBorardInterrupt
        loop.run_until_complete(main())
    # 取消任务,包括最外层的main
    except KeyboardInterrupt as e:
        print(asyncio.Task.all_tasks())
        # 解包后一起cancel
        print(asyncio.gather(*asyncio.Task.all_tasks()).cancel())  # 取消task
        loop.stop()  # 停止事件循环,配合run_forever()退出事件循环
        loop.run_forever()
    finally:
        loop.close()  # 关闭事件循环

`;

/** programs/stop-wait.py */
export const stopWait = `import asyncio
 
async def do_some_work(x):
    print('Waiting: ', x)
 
    await asyncio.sleep(x)
    return 'Done after {}s'.format(x)
 
coroutine1 = do_some_work(1)  # 协程对象
coroutine2 = do_some_work(2)
coroutine3 = do_some_work(3)
 
tasks = [
    asyncio.ensure_future(coroutine1),  # 创建task
    asyncio.ensure_future(coroutine2),
    asyncio.ensure_future(coroutine3)
]
 
loop = asyncio.get_event_loop()
try:
    # 启动事件循环后马上终止程序后,会触发run_until_complete的执行异常 KeyBorardInterrupt
    loop.run_until_complete(asyncio.wait(tasks))
# 抛出异常后遍历事件循环里的所有task(asyncio.Task.all_tasks()),并取消任务,停止时间循环
except KeyboardInterrupt as e:
    print("查看事件循环里的所有任务:", asyncio.Task.all_tasks())
    for task in asyncio.Task.all_tasks():
        print("任务是否cancelled??", task.cancel())  # 取消task
    loop.stop()  # 停止事件循环,配合run_forever()退出事件循环
    loop.run_forever()
finally:
    loop.close()  # 关闭事件循环

`;

/** programs/threads-coroutine.py */
export const threadsCoroutine = `import asyncio
import time
from threading import Thread
 
def start_loop(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()
    
async def more_work(x):
    print('More work {}'.format(x))
    await asyncio.sleep(x)
    print('Finished more work {}'.format(x))
    return f"the task conducts about {x}s"

new_loop = asyncio.new_event_loop()
t = Thread(target=start_loop, args=(new_loop,))
t.start()
print("The main thread is running...")
future1 = asyncio.run_coroutine_threadsafe(more_work(6), new_loop)  # 调度一个异步协程,返回一个future对象来获取结果
future2 = asyncio.run_coroutine_threadsafe(more_work(3), new_loop)

print(future1.result(), future2.result())
`;

/** programs/threads-daemon.py */
export const threadsDaemon = `import asyncio
import time
from threading import Thread
 
def start_loop(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()
    
async def task(index, x):
    print(f"The task_{index} will waite {x}s")
    await asyncio.sleep(x)
    print(f"Done after {x}s")
    
new_loop = asyncio.new_event_loop()
t = Thread(target=start_loop, args=(new_loop,))

# t.setDaemon(True)  # 设置为守护线程
t.start()
print("The main thread is running...")
try:
    while 1:
        asyncio.run_coroutine_threadsafe(task(1, 1), new_loop)
        time.sleep(1)
        asyncio.run_coroutine_threadsafe(task(2, 2), new_loop)
except KeyboardInterrupt as e:
    print(f"---------KeyboardInterrupt:{e}")
    new_loop.stop()
    print("------xxoo-------")

`;

/** programs/threads-pool.py */
export const threadsPool = `import asyncio
from concurrent.futures import ThreadPoolExecutor

def thread_loop_task(loop):
    # 为子线程设置自己的事件循环
    asyncio.set_event_loop(loop)
    
    async def task_1(index, delay):
        print("The task_1 is ready...")
        print(f"The task_1 conducts on loop:{id(loop)}")
        await asyncio.sleep(delay)
        print("The task_1 is finished!")
        
    async def task_2(index, delay):
        print("The task_2 is ready...")
        print(f"The task_2 conducts on loop:{id(loop)}")
        await asyncio.sleep(delay)
        print("The task_2 is finished!")
        
    futures = asyncio.gather(task_1(1, 1), task_2(2, 2))
    loop.run_until_complete(futures)
    
if __name__ == "__main__":
    # 创建一个事件循环thread_loop
    print("Create a new loop for child thread!")
    thread_loop = asyncio.new_event_loop()
    
    # 将thread_loop作为参数传递给子线程
    executor = ThreadPoolExecutor()
    executor.submit(thread_loop_task, thread_loop)
    
    print("The main thread is not blocked ....")
    
    main_loop = asyncio.get_event_loop()
    
    async def main_task():
        for _ in range(2):
            print(f"The main thread conducts on loop:{id(main_loop)}")
            await asyncio.sleep(1)
            
    main_loop.run_until_complete(main_task())
`;

/** programs/threads-queue.py */
export const threadsQueue = `import asyncio,time,os,sys,queue,threading
"""
call_soon , call_soon_threadsafe 是同步的
asyncio.run_coroutine_threadsafe(coro, loop) -> 对应 asyncio.ensure_future事件循环中,异步执行.
"""

# 在子线程中执行一个事件循环 , 注意需要一个新的事件循环
def thread_loop(loop:asyncio.AbstractEventLoop):
    print('线程开启 tid:', threading.currentThread().ident)
    asyncio.set_event_loop(loop)  # 设置一个新的事件循环
    loop.run_forever()

async def func(x, q):
    print('func :', x, ',time:', time.ctime(), ',tid:', threading.currentThread().ident)
    await asyncio.sleep(x)
    q.put(x)

q = queue.Queue()

lp = asyncio.new_event_loop()  # 新建一个事件循环 , 如果使用默认的,则不能放入子线程
t = threading.Thread(target=thread_loop,args=(lp,))
t.start()

co1 = func(2,q)  # 2个协程
co2 = func(3,q)

asyncio.run_coroutine_threadsafe(co1,lp)  # 开始调度在子线程中的事件循环
asyncio.run_coroutine_threadsafe(co2,lp)

print('开始事件:',time.ctime())
while True:
    x = q.get()
    print('main :',x,',time:',time.ctime())
`;

/** programs/threads-threadsafe.py */
export const threadsThreadsafe = `import asyncio
import time
from threading import Thread
 
def start_loop(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()
    
def more_work(x):
    print('More work {}'.format(x))
    time.sleep(x)
    print('Finished more work {}'.format(x))

new_loop = asyncio.new_event_loop()
t = Thread(target=start_loop, args=(new_loop,))
t.start()
print("The main thread is running...")
new_loop.call_soon_threadsafe(more_work, 6)  # 调度一个函数
new_loop.call_soon_threadsafe(more_work, 3)

# 运行结果:启动上述代码后,主线程不会被堵塞,新线程会按照顺序执行call_soon_threadsafe方法注册的more_work方法,后者因为time.sleep(x)
# 操作是同步阻塞,因此运行完毕需要大致6+3秒
`;

// ── Corrected programs (the default where the article's fails or misleads on Python 3.11).

/** programs/corrected/stop-nested.py */
export const correctedStopNested = `import asyncio
 
async def do_some_work(x):
    print('Waiting: ', x)
 
    await asyncio.sleep(x)
    return 'Done after {}s'.format(x)

async def main():
    coroutine1 = do_some_work(1)  # 协程对象
    coroutine2 = do_some_work(2)
    coroutine3 = do_some_work(3)

    tasks = [
        asyncio.ensure_future(coroutine1),  # 创建task
        asyncio.ensure_future(coroutine2),
        asyncio.ensure_future(coroutine3)
    ]
    done, pending = await asyncio.wait(tasks)
    for task in done:
        print("Task result: ", task.result())
if __name__ == "__main__":
    loop = asyncio.get_event_loop()
    try:
        # 启动事件循环后马上终止程序后,会触发run_until_complete的执行异常 KeyBorardInterrupt
        loop.run_until_complete(main())
    # 取消任务,包括最外层的main
    except KeyboardInterrupt as e:
        print(asyncio.all_tasks(loop))
        # 解包后一起cancel
        print(asyncio.gather(*asyncio.all_tasks(loop)).cancel())  # 取消task
        loop.stop()  # 停止事件循环,配合run_forever()退出事件循环
        loop.run_forever()
    finally:
        loop.close()  # 关闭事件循环

`;

/** programs/corrected/stop-wait.py */
export const correctedStopWait = `import asyncio
 
async def do_some_work(x):
    print('Waiting: ', x)
 
    await asyncio.sleep(x)
    return 'Done after {}s'.format(x)
 
coroutine1 = do_some_work(1)  # 协程对象
coroutine2 = do_some_work(2)
coroutine3 = do_some_work(3)
 
tasks = [
    asyncio.ensure_future(coroutine1),  # 创建task
    asyncio.ensure_future(coroutine2),
    asyncio.ensure_future(coroutine3)
]
 
loop = asyncio.get_event_loop()
try:
    # 启动事件循环后马上终止程序后,会触发run_until_complete的执行异常 KeyBorardInterrupt
    loop.run_until_complete(asyncio.wait(tasks))
# 抛出异常后遍历事件循环里的所有task(asyncio.Task.all_tasks()),并取消任务,停止时间循环
except KeyboardInterrupt as e:
    print("查看事件循环里的所有任务:", asyncio.all_tasks(loop))
    for task in asyncio.all_tasks(loop):
        print("任务是否cancelled??", task.cancel())  # 取消task
    loop.stop()  # 停止事件循环,配合run_forever()退出事件循环
    loop.run_forever()
finally:
    loop.close()  # 关闭事件循环

`;

/** programs/corrected/threads-daemon.py */
export const correctedThreadsDaemon = `import asyncio
import time
from threading import Thread
 
def start_loop(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()
    
async def task(index, x):
    print(f"The task_{index} will waite {x}s")
    await asyncio.sleep(x)
    print(f"Done after {x}s")
    
new_loop = asyncio.new_event_loop()
t = Thread(target=start_loop, args=(new_loop,))

# t.daemon = True  # 设置为守护线程
t.start()
print("The main thread is running...")
try:
    while 1:
        asyncio.run_coroutine_threadsafe(task(1, 1), new_loop)
        time.sleep(1)
        asyncio.run_coroutine_threadsafe(task(2, 2), new_loop)
except KeyboardInterrupt as e:
    print(f"---------KeyboardInterrupt:{e}")
    new_loop.call_soon_threadsafe(new_loop.stop)
    print("------xxoo-------")

`;

/** programs/corrected/threads-queue.py */
export const correctedThreadsQueue = `import asyncio,time,os,sys,queue,threading
"""
call_soon , call_soon_threadsafe 是同步的
asyncio.run_coroutine_threadsafe(coro, loop) -> 对应 asyncio.ensure_future事件循环中,异步执行.
"""

# 在子线程中执行一个事件循环 , 注意需要一个新的事件循环
def thread_loop(loop:asyncio.AbstractEventLoop):
    print('线程开启 tid:', threading.current_thread().ident)
    asyncio.set_event_loop(loop)  # 设置一个新的事件循环
    loop.run_forever()

async def func(x, q):
    print('func :', x, ',time:', time.ctime(), ',tid:', threading.current_thread().ident)
    await asyncio.sleep(x)
    q.put(x)

q = queue.Queue()

lp = asyncio.new_event_loop()  # 新建一个事件循环 , 如果使用默认的,则不能放入子线程
t = threading.Thread(target=thread_loop,args=(lp,))
t.start()

co1 = func(2,q)  # 2个协程
co2 = func(3,q)

asyncio.run_coroutine_threadsafe(co1,lp)  # 开始调度在子线程中的事件循环
asyncio.run_coroutine_threadsafe(co2,lp)

print('开始事件:',time.ctime())
while True:
    x = q.get()
    print('main :',x,',time:',time.ctime())
`;

// ── Variants the article invites.

/** programs/variants/future.close-running.py */
export const variantFutureCloseRunning = `import asyncio

def try_close():
    try:
        loop.close()
    except RuntimeError as e:
        print("close() 失败:", e)
    loop.stop()

loop = asyncio.new_event_loop()
loop.call_soon(try_close)
loop.call_later(10, print, "这个回调不会运行")
loop.run_forever()
loop.close()
print("is_closed:", loop.is_closed())
try:
    loop.call_soon(print, "再注册回调")
except RuntimeError as e:
    print("call_soon() 失败:", e)
fut = loop.create_future()
fut.set_result("结果")
print("close() 之后 future 的结果仍可读取:", fut.result())
`;

/** programs/variants/future.stop-before-run.py */
export const variantFutureStopBeforeRun = `import asyncio

def call_back(name):
    print(f"[{name}] 运行了")
    loop.call_soon(call_back, "本批次注册的回调")

loop = asyncio.new_event_loop()
loop.call_soon(call_back, "call_soon")
loop.call_later(1, call_back, "call_later(1)")
loop.stop()
print("在 run_forever() 之前调用了 stop()")
loop.run_forever()
print("run_forever() 返回, is_running:", loop.is_running())
loop.close()
print("is_closed:", loop.is_closed())
`;

/** programs/variants/future.stop-in-batch.py */
export const variantFutureStopInBatch = `import asyncio

def first():
    print("first: 调用 stop(), 再注册 later")
    loop.stop()
    loop.call_soon(later)

def second():
    print("second: 与 first 同一批次, 照常运行")

def later():
    print("later: 由本批次注册, 等到下一次运行")

loop = asyncio.new_event_loop()
loop.call_soon(first)
loop.call_soon(second)
loop.run_forever()
print("第一次 run_forever() 返回")
loop.call_soon(loop.stop)
loop.run_forever()
print("第二次 run_forever() 返回")
loop.close()
`;

/** programs/variants/threads-daemon.daemon.py */
export const variantThreadsDaemonDaemon = `import asyncio
import time
from threading import Thread
 
def start_loop(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()
    
async def task(index, x):
    print(f"The task_{index} will waite {x}s")
    await asyncio.sleep(x)
    print(f"Done after {x}s")
    
new_loop = asyncio.new_event_loop()
t = Thread(target=start_loop, args=(new_loop,))

t.daemon = True  # 设置为守护线程
t.start()
print("The main thread is running...")
try:
    while 1:
        asyncio.run_coroutine_threadsafe(task(1, 1), new_loop)
        time.sleep(1)
        asyncio.run_coroutine_threadsafe(task(2, 2), new_loop)
except KeyboardInterrupt as e:
    print(f"---------KeyboardInterrupt:{e}")
    new_loop.stop()
    print("------xxoo-------")

`;
