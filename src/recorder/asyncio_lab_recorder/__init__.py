"""asyncio-lab's recorder, as a package of small modules (standard library only). The entry point
is ../recorder.py; main.py says how a run goes. One job per module:

    config      the run's configuration and budgets, and the real clock and thread starter
    writer      the event writer: NDJSON on a descriptor (or kept in memory), stopping a run
    clock       the recorder's clock, on src/engines/virtual_time.py (the lab's one clock rule)
    tracking    serial ids of handles, futures and tasks; futures' states as the live objects hold them
    loop        the event loop: CPython's selector loop with the recorder's clock, selector and ready deque
    interrupts  Ctrl+C (SIGINT) at a moment of the run
    linux_epoll the selector wait a Ctrl+C interrupts, on the embedded engine (Linux's epoll selector)
    hooks       what the trace function watches: CPython's own functions, called and returning
    program_pointer  the program's line per thread (pointer.py), as `line` events
    tracing     the trace function itself (sys.settrace)
    refusals    what a recorded program may not do (standard input, network, subprocesses, threads)
    output      printed output and warnings, as events
    main        running the program: install, run, exit status, shutdown

The package's name is one a program's own module cannot take: its modules stay in sys.modules
while the program runs.
"""
