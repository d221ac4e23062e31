import asyncio

async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, print, "second (0.2 s)")
    loop.call_later(0.1, print, "first (0.1 s)")
    loop.call_later(0.3, print, "third (0.3 s)")
    loop.call_soon(print, "soon")
    await asyncio.sleep(0.35)
    print("main done")

asyncio.run(main())
