import asyncio

async def compute():
    await asyncio.sleep(0.02)
    return "computed"

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
try:
    print(loop.run_until_complete(compute()))
    print(loop.run_until_complete(compute()))
finally:
    loop.close()
