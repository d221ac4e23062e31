import asyncio

def call_back(index):
    print(f"[Call_back--{index}]: The running time point is {loop.time()}")
    
async def main():
    now = loop.time()
    print(f"当前的内部时间:{now}")
    print("注册callback")
    loop.call_at(now + 0.2, call_back, "c_b-1")
    loop.call_at(now + 0.1, call_back, "c_b-2")
    loop.call_soon(call_back, "call_soon方法")
    await asyncio.sleep(0.5)
    
if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())
    except:
        raise
    finally:
        loop.close()
