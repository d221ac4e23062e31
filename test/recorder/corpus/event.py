import asyncio

async def waiter(event, name):
    print(name, "waiting")
    await event.wait()
    print(name, "woke")

async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in ("a", "b")]
    await asyncio.sleep(0.05)
    print("setting")
    event.set()
    await asyncio.gather(*tasks)

asyncio.run(main())
