import asyncio

async def worker(name, delay):
    print(f"{name} starts")
    await asyncio.sleep(delay)
    print(f"{name} ends")
    return name.upper()

async def main():
    t1 = asyncio.create_task(worker("a", 0.2))
    t2 = asyncio.create_task(worker("b", 0.1))
    print(t1.get_name(), t2.get_name())
    print(await t1, await t2)
    print(t1.done(), t1.result())

asyncio.run(main())
