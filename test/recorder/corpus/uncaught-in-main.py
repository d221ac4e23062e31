import asyncio

async def inner():
    await asyncio.sleep(0.01)
    raise LookupError("not found")

async def main():
    print("calling inner")
    await inner()

asyncio.run(main())
