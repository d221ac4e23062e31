import asyncio

async def nap():
    await asyncio.sleep(0.05)

async def main():
    t = asyncio.create_task(nap(), name="napper")
    print(repr(t).split(" coro=")[0])
    await asyncio.sleep(0)
    print(t.done(), t.cancelled())
    await t
    print(t)

asyncio.run(main())
