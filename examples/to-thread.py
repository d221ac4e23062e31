# A blocking call moved to a thread with asyncio.to_thread: the loop goes on with its other task
# while the thread blocks. Threads need a local CPython (the embedded one has none):
#   asyncio-lab run examples/to-thread.py --interpreter python3
import asyncio
import threading
import time


def blocking_read(name):
    time.sleep(0.25)
    return f"{name} read in {threading.current_thread().name}"


async def tick():
    for n in range(3):
        print(f"tick {n}")
        await asyncio.sleep(0.1)


async def main():
    result, _ = await asyncio.gather(asyncio.to_thread(blocking_read, "data.txt"), tick())
    print(result)


asyncio.run(main())
