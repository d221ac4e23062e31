import asyncio

async def main():
    loop = asyncio.get_running_loop()
    a = loop.call_later(0.05, print, "never printed")
    b = loop.call_soon(print, "not this one either")
    loop.call_soon(print, "this one runs")
    a.cancel()
    b.cancel()
    print("cancelled:", a.cancelled(), b.cancelled())
    await asyncio.sleep(0.1)

asyncio.run(main())
