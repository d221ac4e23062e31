import asyncio

async def step(n):
    print("step", n, "before")
    await asyncio.sleep(0)
    print("step", n, "after")

async def main():
    tasks = [asyncio.create_task(step(i)) for i in range(3)]
    print("created")
    await asyncio.sleep(0)
    print("main resumed once")
    await asyncio.gather(*tasks)
    print("all done")

asyncio.run(main())
