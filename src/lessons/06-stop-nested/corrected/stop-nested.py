import asyncio
 
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
    loop = asyncio.new_event_loop()
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

