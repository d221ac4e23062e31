import asyncio


async def work(n):
    await asyncio.sleep(0.5)
    raise ValueError(f"bad {n}")


async def main():
    print("main starts")
    await work(1)


asyncio.run(main())
