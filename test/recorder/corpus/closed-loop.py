import asyncio

loop = asyncio.new_event_loop()
loop.close()
try:
    loop.call_soon(print, "never")
except RuntimeError as e:
    print("error:", e)
loop.run_until_complete(asyncio.sleep(0))
