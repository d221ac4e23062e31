import asyncio
import functools

def call_back(args, kwargs="default"):
    print(f"普通函数作为回调函数,获取参数:{args}, {kwargs}")

async def main():
    print("注册callback函数")
    loop.call_soon(call_back, 1)
    wrapped = functools.partial(call_back, kwargs="xxoo")  # 使用偏函数传递关键字参数
    loop.call_soon(wrapped, 2)
    await asyncio.sleep(0.5)
    
    
if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())
    except:
        raise
    finally:
        loop.close()
