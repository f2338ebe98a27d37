"""Settings of the server process, applied once however many script runs follow."""

from __future__ import annotations

import functools

from threadpoolctl import threadpool_limits

__all__ = ["configure_process"]


@functools.cache
def configure_process() -> None:
    """Give BLAS one thread: one server answers many sessions at once.

    Its small dense solves run best with one thread each; a BLAS thread waiting
    for a busy core stalls the whole call (STYLE.md 3.13; ``make bench`` 3b
    measures the tail with and without).
    """
    threadpool_limits(1, user_api="blas")
