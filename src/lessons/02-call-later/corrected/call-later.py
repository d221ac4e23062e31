import asyncio

def call_back(index, x, y):
    print(f"[Call_back--{index}]:{x} + {y} = {x + y}")
    
async def main():
    print("注册callback函数")
    loop.call_later(0.1, call_back, 1, 1, 2)
    loop.call_later(0.3, call_back, 2, 3, 4)
    loop.call_later(0.2, call_back, 3, 5, 7)
    loop.call_soon(call_back, "call_soon 方法", 9, 9)  # call_soon方法会在call_later之前执行,与其位置无关
    await asyncio.sleep(0.5)
    
if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())
    except:
        raise
    finally:
        loop.close()
