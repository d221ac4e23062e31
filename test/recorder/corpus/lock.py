import asyncio

counter = 0

async def add(lock, n):
    global counter
    async with lock:
        value = counter
        await asyncio.sleep(0.01)
        counter = value + n
        print("added", n, "->", counter)

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(add(lock, n) for n in (1, 2, 3)))
    print("counter", counter, "locked:", lock.locked())

asyncio.run(main())
