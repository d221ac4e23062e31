import asyncio
import warnings

warnings.simplefilter("ignore", DeprecationWarning)

async def hello():
    print("hello from", type(asyncio.get_running_loop()).__mro__[-3].__name__)

loop = asyncio.get_event_loop()
loop.run_until_complete(hello())
print(loop.is_running(), loop.is_closed())
