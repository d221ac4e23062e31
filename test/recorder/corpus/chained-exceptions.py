import asyncio

async def main():
    try:
        await asyncio.sleep(0)
        raise ValueError("first")
    except ValueError as e:
        raise RuntimeError("second") from e

asyncio.run(main())
