import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(None) as cm:
            cm.reschedule(loop.time() + 0.05)
            await asyncio.sleep(1)
    except TimeoutError:
        print("rescheduled timeout fired")

asyncio.run(main())
