"""Two tools for tests of requests that race: start several at the same instant, and hold each one in the
gap a lock must close, so that a missing lock fails every time rather than once in a while."""

from __future__ import annotations

import threading
from contextlib import contextmanager


def run_together(count: int, action) -> list:
    """``action(i)`` in ``count`` threads released together; each thread's result or exception, in order."""
    start = threading.Barrier(count)
    results: list = [None] * count

    def one(i: int) -> None:
        start.wait()
        try:
            results[i] = action(i)
        except Exception as exc:  # kept, to be asserted on
            results[i] = exc

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@contextmanager
def held_in_the_gap(ctx, senders: int):
    """Every caller waits for the others (up to two seconds) where the services read today's date, which
    is between checking a limit or a used form and storing: without a lock, all of them have checked by
    then; with it, the first waits alone, the barrier breaks, and from then on nobody waits."""
    real_today = ctx.today
    in_the_gap = threading.Barrier(senders, timeout=2)

    def slow_today(session=None):
        try:
            in_the_gap.wait()
        except threading.BrokenBarrierError:
            pass
        return real_today(session)

    ctx.today = slow_today
    try:
        yield
    finally:
        ctx.today = real_today
