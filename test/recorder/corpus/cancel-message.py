import asyncio

async def sleeper():
    await asyncio.sleep(10)

async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel("enough")
    try:
        await t
    except asyncio.CancelledError as e:
        print("caught:", repr(e))

asyncio.run(main())
