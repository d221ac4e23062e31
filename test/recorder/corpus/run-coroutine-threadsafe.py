import asyncio
import threading

def loop_thread(loop):
    asyncio.set_event_loop(loop)
    loop.run_forever()

async def add(a, b):
    await asyncio.sleep(0.01)
    return a + b

loop = asyncio.new_event_loop()
t = threading.Thread(target=loop_thread, args=(loop,), daemon=True)
t.start()
future = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
print("result:", future.result(timeout=5))
loop.call_soon_threadsafe(loop.stop)
t.join()
loop.close()
