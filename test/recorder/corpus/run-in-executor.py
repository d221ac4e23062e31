import asyncio
import concurrent.futures

def cpu(n):
    return sum(range(n))

async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        a = await loop.run_in_executor(pool, cpu, 10)
        b = await loop.run_in_executor(pool, cpu, 100)
    print(a, b)
    print(await loop.run_in_executor(None, cpu, 5))

asyncio.run(main())
