import asyncio

async def main():
    print(await asyncio.sleep(0.01, result="slept"))
    print(await asyncio.sleep(0))

asyncio.run(main())
