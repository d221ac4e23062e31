import asyncio

async def square(x, delay):
    await asyncio.sleep(delay)
    print("square of", x)
    return x * x

async def main():
    results = await asyncio.gather(square(2, 0.2), square(3, 0.1), square(4, 0))
    print(results)

asyncio.run(main())
