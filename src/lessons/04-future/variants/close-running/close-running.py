import asyncio

def try_close():
    try:
        loop.close()
    except RuntimeError as e:
        print("close() 失败:", e)
    loop.stop()

loop = asyncio.new_event_loop()
loop.call_soon(try_close)
loop.call_later(10, print, "这个回调不会运行")
loop.run_forever()
loop.close()
print("is_closed:", loop.is_closed())
try:
    loop.call_soon(print, "再注册回调")
except RuntimeError as e:
    print("call_soon() 失败:", e)
fut = loop.create_future()
fut.set_result("结果")
print("close() 之后 future 的结果仍可读取:", fut.result())
