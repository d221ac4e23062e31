import asyncio

async def ok():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("ok() cancelled by the group")
        raise

async def bad():
    await asyncio.sleep(0.01)
    raise ValueError("bad one")

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ok())
            tg.create_task(bad())
    except* ValueError as eg:
        print("caught", repr(eg.exceptions))

asyncio.run(main())
