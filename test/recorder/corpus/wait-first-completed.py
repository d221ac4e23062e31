import asyncio

async def job(n):
    await asyncio.sleep(n / 10)
    return n

async def main():
    tasks = {asyncio.create_task(job(n), name=f"job{n}") for n in (3, 1, 2)}
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print("cancelled:", sorted(t.cancelled() for t in pending))

asyncio.run(main())
