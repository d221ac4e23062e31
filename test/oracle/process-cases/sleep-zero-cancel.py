import asyncio


async def spin():
    while True:
        await asyncio.sleep(0)


async def main():
    task = asyncio.create_task(spin())
    await asyncio.sleep(0)
    task.cancel()
    await task


asyncio.run(main())
