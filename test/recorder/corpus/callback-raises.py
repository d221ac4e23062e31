import asyncio

def broken():
    print("about to fail")
    return 1 / 0

async def main():
    asyncio.get_running_loop().call_soon(broken)
    await asyncio.sleep(0.01)
    print("the loop survived")

asyncio.run(main())
