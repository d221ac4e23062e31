import asyncio

def call_back(future, result):
    print(f"此时future的状态:{future}")
    print(f"设置future的结果:{result}")
    future.set_result(result)
    print(f"此时future的状态:{future}")
    
if __name__ == "__main__":
    loop = asyncio.new_event_loop(); asyncio.set_event_loop(loop)
    try:
        future = asyncio.Future()
        loop.call_soon(call_back, future, "Future is done!")
        print("进入事件循环")
        result = loop.run_until_complete(future)
        print(f"返回的结果:{result}")
    except:
        raise
    finally:
        loop.close()
    print(f"获取future的结果{future.result()}")
