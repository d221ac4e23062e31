import asyncio


async def work():
    asyncio.get_event_loop_policy()
    print(asyncio.iscoroutinefunction(work))


def main():
    for _ in range(2):
        policy = asyncio.get_event_loop_policy()
    print(asyncio.iscoroutinefunction(main), asyncio.iscoroutinefunction(work))
    asyncio.set_event_loop_policy(None)
    asyncio.set_event_loop_policy(asyncio.DefaultEventLoopPolicy())
    loop = asyncio.new_event_loop()
    loop.run_until_complete(work())
    loop.close()
    try:
        asyncio.set_event_loop_policy(42)
    except TypeError as e:
        print(e)


main()
asyncio.get_event_loop_policy()
