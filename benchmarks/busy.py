"""A busy machine on demand: CPU-bound processes beside a benchmark.

A server answering several users is never idle, so every engine figure is
measured twice: idle, and with ``workers`` processes each solving small dense
systems in a loop (as other sessions' engine calls do), one BLAS thread each.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator

_LOOP = """
import numpy as np
rng = np.random.default_rng(0)
A = rng.random((200, 200)) + 200 * np.eye(200)
b = rng.random(200)
while True:
    np.linalg.solve(A, b)
"""


@contextlib.contextmanager
def busy(workers: int = 2) -> Iterator[None]:
    """Run the block with ``workers`` CPU-bound processes beside it (always stopped)."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    procs = [subprocess.Popen([sys.executable, "-c", _LOOP], env=env) for _ in range(workers)]
    try:
        time.sleep(1.0)  # let them start and occupy the cores
        yield
    finally:
        for p in procs:
            p.kill()
        for p in procs:
            p.wait()


def both(measure, workers: int = 2):  # type: ignore[no-untyped-def]
    """Return ``(idle, busy)`` results of ``measure()``."""
    idle = measure()
    with busy(workers):
        loaded = measure()
    return idle, loaded
