import asyncio

def handler(loop, context):
    print("handler got:", context["message"], repr(context.get("exception")))

def broken():
    raise ZeroDivisionError("in a callback")

async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    loop.call_soon(broken)
    await asyncio.sleep(0.01)
    print("still running")

asyncio.run(main())
