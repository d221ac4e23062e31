import asyncio

async def job(sem, n):
    async with sem:
        print("start", n)
        await asyncio.sleep(0.02)
        print("end", n)

async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(job(sem, n) for n in range(4)))

asyncio.run(main())
