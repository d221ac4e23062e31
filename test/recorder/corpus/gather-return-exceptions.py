import asyncio

async def ok():
    await asyncio.sleep(0.01)
    return "ok"

async def bad():
    await asyncio.sleep(0.02)
    raise ValueError("bad input")

async def main():
    results = await asyncio.gather(ok(), bad(), ok(), return_exceptions=True)
    for r in results:
        print(repr(r))

asyncio.run(main())
