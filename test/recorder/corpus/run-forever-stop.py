import asyncio

loop = asyncio.new_event_loop()

def tick(n):
    print("tick", n)
    if n < 3:
        loop.call_later(0.01, tick, n + 1)
    else:
        loop.stop()

loop.call_soon(tick, 1)
loop.run_forever()
print("stopped; running?", loop.is_running())
loop.close()
