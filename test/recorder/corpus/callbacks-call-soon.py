import asyncio

def hello(name, n):
    print(f"hello {name} #{n}")

loop = asyncio.new_event_loop()
for i in range(3):
    loop.call_soon(hello, "soon", i)
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
print("closed:", loop.is_closed())
