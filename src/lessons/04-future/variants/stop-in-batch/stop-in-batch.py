import asyncio

def first():
    print("first: 调用 stop(), 再注册 later")
    loop.stop()
    loop.call_soon(later)

def second():
    print("second: 与 first 同一批次, 照常运行")

def later():
    print("later: 由本批次注册, 等到下一次运行")

loop = asyncio.new_event_loop()
loop.call_soon(first)
loop.call_soon(second)
loop.run_forever()
print("第一次 run_forever() 返回")
loop.call_soon(loop.stop)
loop.run_forever()
print("第二次 run_forever() 返回")
loop.close()
