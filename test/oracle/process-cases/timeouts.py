import asyncio


class MyCancelled(asyncio.CancelledError):
    pass


def chain(error):
    names = []
    while error is not None:
        names.append(type(error).__name__)
        error = error.__cause__ or error.__context__
    return ' <- '.join(names)


async def states():
    cm = asyncio.timeout(1.5)
    print(repr(cm), cm.when(), cm.expired())
    try:
        cm.reschedule(3.5)
    except RuntimeError as e:
        print('RuntimeError:', e)
    async with cm:
        print(repr(cm))
        cm.reschedule(2.25)
        print(repr(cm), cm.when())
        cm.reschedule(None)
        print(repr(cm), cm.when())
        for when in (10.0625, 1.0005, 2.675):
            cm.reschedule(when)
            print(repr(cm))
        cm.reschedule(0.5)
    print(repr(cm), cm.expired())
    for action in (lambda: cm.reschedule(1.5), lambda: cm.__aenter__().send(None)):
        try:
            action()
        except RuntimeError as e:
            print('RuntimeError:', e)
    print(repr(asyncio.timeout(None)), repr(asyncio.timeout_at(None)))


async def expires():
    try:
        async with asyncio.timeout(0.5) as cm:
            await asyncio.sleep(10)
    except TimeoutError as e:
        print('caught', chain(e), repr(e.__cause__), e.__context__ is e.__cause__, e.__suppress_context__)
    print(repr(cm), cm.expired())
    try:
        cm.reschedule(2.5)
    except RuntimeError as e:
        print('RuntimeError:', e)
    try:
        async with asyncio.timeout_at(asyncio.get_running_loop().time() - 1) as past:
            await asyncio.sleep(0)
    except TimeoutError:
        print('past deadline:', repr(past))


async def other_error():
    try:
        async with asyncio.timeout(0.25):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                raise ValueError('replaced')
    except ValueError as e:
        print('ValueError chain:', chain(e))


async def subclass():
    try:
        async with asyncio.timeout(0.25):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                raise MyCancelled('mine')
    except TimeoutError as e:
        print('TimeoutError from', repr(e.__cause__))
    except MyCancelled as e:
        print('MyCancelled passed through:', repr(e))
        asyncio.current_task().uncancel()


async def nested():
    try:
        async with asyncio.timeout(0.5) as outer:
            async with asyncio.timeout(1.5) as inner:
                await asyncio.sleep(10)
    except TimeoutError:
        print('outer first:', repr(outer), repr(inner))
    async with asyncio.timeout(1.5) as outer:
        try:
            async with asyncio.timeout(0.5) as inner:
                await asyncio.sleep(10)
        except TimeoutError:
            print('inner first:', repr(inner), repr(outer), outer.expired())
    print('after:', repr(outer))


async def cancelled_too(when_first):
    task = asyncio.current_task()
    loop = asyncio.get_running_loop()
    try:
        if when_first:
            loop.call_later(0.5, task.cancel)
        async with asyncio.timeout(0.5) as cm:
            if not when_first:
                loop.call_later(0.5, task.cancel)
            await asyncio.sleep(10)
    except TimeoutError:
        print('TimeoutError', task.cancelling())
    except asyncio.CancelledError:
        print('CancelledError', task.cancelling(), repr(cm), cm.expired())
        task.uncancel()


async def main():
    for case in (states, expires, other_error, subclass, nested):
        print('--', case.__name__)
        await case()
    for first in (True, False):
        print('-- cancelled_too', first)
        await asyncio.create_task(cancelled_too(first))


def outside():
    try:
        asyncio.timeout(1)
    except RuntimeError as e:
        print('RuntimeError:', e)
    try:
        asyncio.timeout_at(1.0).__aenter__().send(None)
    except RuntimeError as e:
        print('RuntimeError:', e)


outside()
loop = asyncio.new_event_loop()
loop.call_soon(outside)
loop.run_until_complete(main())
loop.close()
