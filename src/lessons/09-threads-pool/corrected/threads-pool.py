import asyncio
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
    
    main_loop = asyncio.new_event_loop()
    
    async def main_task():
        for _ in range(2):
            print(f"The main thread conducts on loop:{id(main_loop)}")
            await asyncio.sleep(1)
            
    main_loop.run_until_complete(main_task())
