# A callback that computes without waiting: the loop's clock stands still while it runs, so a Ctrl+C
# inside it is named by an event of the recording (asyncio-lab run ... --interrupt-after-event N).
import asyncio


def busy():
    total = 0
    for i in range(50_000):
        total += i
    print("busy done:", total)


loop = asyncio.new_event_loop()
loop.call_soon(busy)
loop.call_later(0.5, loop.stop)
try:
    loop.run_forever()
finally:
    loop.close()
print("the loop stopped")
