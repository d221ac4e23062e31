import asyncio

async def sleeper():
    try:
        await asyncio.sleep(10)
    finally:
        print("cleanup in finally")

async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0.01)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled:", t.cancelled())

asyncio.run(main())
