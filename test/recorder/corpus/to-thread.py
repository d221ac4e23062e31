import asyncio
import time

def blocking(n):
    time.sleep(0.05 * n)
    return n * 10

async def main():
    results = await asyncio.gather(asyncio.to_thread(blocking, 2), asyncio.to_thread(blocking, 1))
    print(results)

asyncio.run(main())
