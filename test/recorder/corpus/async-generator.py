import asyncio

async def countdown(n):
    while n > 0:
        yield n
        await asyncio.sleep(0.01)
        n -= 1

async def main():
    async for i in countdown(3):
        print(i)
    print([x async for x in countdown(2)])

asyncio.run(main())
