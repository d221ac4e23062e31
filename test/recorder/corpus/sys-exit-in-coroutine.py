import asyncio
import sys

async def main():
    print("exiting with 4")
    await asyncio.sleep(0.01)
    sys.exit(4)

asyncio.run(main())
