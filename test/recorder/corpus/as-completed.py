import asyncio

async def job(n):
    await asyncio.sleep(n / 10)
    return n

async def main():
    for coro in asyncio.as_completed([job(3), job(1), job(2)]):
        print("finished", await coro)

asyncio.run(main())
