import asyncio

async def slow():
    await asyncio.sleep(0.2)
    print("slow finished anyway")

async def fails():
    await asyncio.sleep(0.05)
    raise RuntimeError("boom")

async def main():
    await asyncio.gather(slow(), fails())

asyncio.run(main())
