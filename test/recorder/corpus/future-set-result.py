import asyncio

def resolve(fut):
    print("before:", fut)
    fut.set_result("done!")
    print("after:", fut)

loop = asyncio.new_event_loop()
fut = loop.create_future()
loop.call_later(0.05, resolve, fut)
print(loop.run_until_complete(fut))
loop.close()
