import asyncio

async def which():
    await asyncio.sleep(0.01)
    return type(asyncio.get_running_loop()).__name__

print(asyncio.run(which()), asyncio.run(which()))
loop_a = asyncio.new_event_loop()
loop_b = asyncio.new_event_loop()
print(loop_a.run_until_complete(asyncio.sleep(0.01, "a")), loop_b.run_until_complete(asyncio.sleep(0.01, "b")))
loop_a.close()
loop_b.close()
