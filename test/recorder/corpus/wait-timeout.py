import asyncio

async def job(n):
    await asyncio.sleep(n)
    return n

async def main():
    tasks = [asyncio.create_task(job(d)) for d in (0.02, 0.5)]
    done, pending = await asyncio.wait(tasks, timeout=0.2)
    print(len(done), "done,", len(pending), "pending")
    print([t.result() for t in done])
    for t in pending:
        t.cancel()

asyncio.run(main())
