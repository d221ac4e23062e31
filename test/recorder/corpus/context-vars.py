import asyncio
import contextvars

request = contextvars.ContextVar("request", default="none")

async def handle(name):
    request.set(name)
    await asyncio.sleep(0.01)
    print("handling", request.get())

async def main():
    await asyncio.gather(handle("a"), handle("b"))
    print("main sees", request.get())

asyncio.run(main())
