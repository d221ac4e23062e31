import asyncio

def call_back(name):
    print(f"[{name}] 运行了")
    loop.call_soon(call_back, "本批次注册的回调")

loop = asyncio.new_event_loop()
loop.call_soon(call_back, "call_soon")
loop.call_later(1, call_back, "call_later(1)")
loop.stop()
print("在 run_forever() 之前调用了 stop()")
loop.run_forever()
print("run_forever() 返回, is_running:", loop.is_running())
loop.close()
print("is_closed:", loop.is_closed())
