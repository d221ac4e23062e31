import asyncio,time,os,sys,queue,threading
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
