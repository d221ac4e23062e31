import asyncio

async def consumer(cond, items):
    async with cond:
        await cond.wait_for(lambda: items)
        print("consumed", items.pop())

async def main():
    cond = asyncio.Condition()
    items = []
    task = asyncio.create_task(consumer(cond, items))
    await asyncio.sleep(0.01)
    async with cond:
        items.append("x")
        cond.notify()
    await task

asyncio.run(main())
