import asyncio

async def main():
    loop = asyncio.get_running_loop()
    now = loop.time()
    h = loop.call_at(now + 0.2, print, "at +0.2")
    print(type(h).__name__, h.cancelled())
    loop.call_at(now + 0.1, print, "at +0.1")
    await asyncio.sleep(0.25)

asyncio.run(main())
