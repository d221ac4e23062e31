import asyncio
import threading
import time

def from_thread(loop, fut):
    time.sleep(0.05)
    loop.call_soon_threadsafe(fut.set_result, "from the other thread")

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = threading.Thread(target=from_thread, args=(loop, fut))
    t.start()
    print(await fut)
    t.join()

asyncio.run(main())
