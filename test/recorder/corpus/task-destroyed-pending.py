# A task left waiting on a future nobody else holds: the garbage collector destroys both, and
# asyncio says so ("Task was destroyed but it is pending!") while the program is still running.
import asyncio
import gc


async def waits_forever():
    await asyncio.get_running_loop().create_future()


async def main():
    asyncio.get_running_loop().create_task(waits_forever())
    await asyncio.sleep(0.01)
    gc.collect()
    print('after the collection')


asyncio.run(main())
