import concurrent.futures
import traceback


def outcome(fut):
    return fut.result()


def settle(fut):
    fut.set_result(1)


f = concurrent.futures.Future()
f.cancel()
try:
    outcome(f)
except Exception as e:
    print("except Exception catches", repr(e))
g = concurrent.futures.Future()
g.set_exception(ValueError("v"))
try:
    outcome(g)
except ValueError:
    traceback.print_exc()
try:
    settle(g)
except Exception:
    lines = traceback.format_exc().splitlines()
    print(*lines[:-1], sep="\n")
    print(lines[-1].split(":")[0])
outcome(f)
