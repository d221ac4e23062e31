import asyncio
from contextlib import asynccontextmanager

@asynccontextmanager
async def resource(name):
    print("open", name)
    await asyncio.sleep(0.01)
    try:
        yield name.upper()
    finally:
        print("close", name)

async def main():
    async with resource("db") as r:
        print("using", r)

asyncio.run(main())
