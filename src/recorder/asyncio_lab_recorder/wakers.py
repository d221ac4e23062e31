"""Who woke a blocked thread. In real time a thread blocked in select(), q.get(), a concurrent
future's result() or a pool worker's wait for work wakes when another thread acts on what it waits
on: writes the loop's self-pipe (call_soon_threadsafe), puts in the queue, sets the future's
outcome, submits work. Hooks record the last thread to act on each such object (hooks.py); the
woken thread's thread_woke names it as `by`.
"""
from .writer import thread_name

# key of the object acted on -> name of the last thread that acted on it (taken by the woken thread).
WAKERS = {}


def loop_key(number):
    """The key of a loop's self-pipe (its number: the selector holds only a proxy of the loop)."""
    return ('loop', number)


def acted_on(key):
    """The running thread acted on the object `key` names."""
    WAKERS[key] = thread_name()


def woke_by(waker):
    """The running thread's thread_woke, notified by the thread named `waker` (left out when it is
    the woken thread itself, or not known)."""
    event = {'type': 'thread_woke', 'name': thread_name(), 'reason': 'notified'}
    if waker is not None and waker != event['name']:
        event['by'] = waker
    return event


def waker_of(key):
    """Reads (once) who last acted on the object `key` names, when its waiter wakes."""
    return lambda: WAKERS.pop(key, None)
