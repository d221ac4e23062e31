import asyncio

async def show():
    task = asyncio.current_task()
    print("running", task.get_name())

async def main():
    print(asyncio.current_task().get_name())
    await asyncio.create_task(show())
    await asyncio.create_task(show(), name="custom")
    t = asyncio.ensure_future(show())
    t.set_name("renamed")
    await t

asyncio.run(main())
