import asyncio

async def bad(n):
    await asyncio.sleep(0.01 * n)
    raise KeyError(n)

async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(bad(1))
        tg.create_task(bad(100))

asyncio.run(main())
