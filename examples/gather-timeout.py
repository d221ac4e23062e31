import asyncio


async def fetch(name, delay):
    print(f"{name}: start")
    await asyncio.sleep(delay)
    print(f"{name}: done after {delay} s")
    return name.upper()


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.5, print, "a timer fires at 0.5 s")
    results = await asyncio.gather(fetch("a", 1), fetch("b", 0.25))
    print(results)
    try:
        await asyncio.wait_for(fetch("slow", 10), timeout=2)
    except TimeoutError:
        print("slow: cancelled by wait_for after 2 s")


asyncio.run(main())
