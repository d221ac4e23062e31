import asyncio
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

