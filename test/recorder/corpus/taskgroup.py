import asyncio

async def fetch(n):
    await asyncio.sleep(n / 10)
    print("fetched", n)
    return n * 10

async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(fetch(n)) for n in (3, 1, 2)]
    print([t.result() for t in tasks])

asyncio.run(main())
