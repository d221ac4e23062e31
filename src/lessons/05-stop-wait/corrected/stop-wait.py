import asyncio
 
async def do_some_work(x):
    print('Waiting: ', x)
 
    await asyncio.sleep(x)
    return 'Done after {}s'.format(x)
 
coroutine1 = do_some_work(1)  # 协程对象
coroutine2 = do_some_work(2)
coroutine3 = do_some_work(3)
asyncio.set_event_loop(asyncio.new_event_loop())
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

