"""Server-side timing of script runs, for ``make load`` (off unless ``ANP_RUN_TIMES`` is set).

With ``ANP_RUN_TIMES=/path/file.tsv`` in the server's environment, every
script run appends one line (unix time, page, wall seconds, CPU seconds;
tab-separated) to the file: the server's own time per interaction, which the
load test reports beside the latency the browsers observe (on a shared machine
the browsers' rendering competes with the server for the cores, so the two
must be told apart). The CPU seconds are the script thread's own
(``time.thread_time``): what the run computed. The wall seconds add what it
waited for: the interpreter lock held by the server's other threads (the event
loop sending each element to its browser, other sessions' runs) and a core to
run on.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

__all__ = ["Run", "Start", "enabled", "fragment", "read", "record", "start"]

_PATH = os.environ.get("ANP_RUN_TIMES")
_lock = threading.Lock()


class Start(NamedTuple):
    """When a run began: ``time.perf_counter()`` and the thread's ``time.thread_time()``."""

    wall: float
    cpu: float


class Run(NamedTuple):
    """One recorded run: wall-clock seconds and the script thread's CPU seconds (NaN if not recorded)."""

    wall: float
    cpu: float


def enabled() -> bool:
    """Whether script runs are being timed."""
    return bool(_PATH)


def start() -> Start:
    """Return the clocks a run's :func:`record` measures from (call it on the script's thread)."""
    return Start(time.perf_counter(), time.thread_time())


def record(page: str, started: Start) -> None:
    """Append the wall and CPU time of the run that began at ``started`` (same thread)."""
    if not _PATH:
        return
    wall = time.perf_counter() - started.wall
    cpu = time.thread_time() - started.cpu
    line = f"{time.time():.3f}\t{page}\t{wall:.6f}\t{cpu:.6f}\n"
    with _lock, Path(_PATH).open("a", encoding="utf-8") as f:
        f.write(line)


@contextlib.contextmanager
def fragment(page: str) -> Iterator[None]:
    """Time the block when it runs as a fragment's own rerun (a whole-page run is timed by ``app.py``).

    A slider move on the Weights page reruns only its fragment, which never reaches the
    end of ``app.py``: without this, ``make load`` would see only the pages' first runs.
    """
    if not _PATH:
        yield
        return
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    own = bool(ctx is not None and getattr(ctx, "fragment_ids_this_run", None))
    started = start()
    try:
        yield
    finally:
        if own:
            record(page, started)


def read(path: Path, since: float = 0.0) -> dict[str, list[Run]]:
    """Return the runs recorded in ``path`` at or after the unix time ``since``, by page (no CPU column: NaN)."""
    out: dict[str, list[Run]] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        stamp, page, wall, *cpu = line.split("\t")
        if float(stamp) >= since:
            out.setdefault(page, []).append(Run(float(wall), float(cpu[0]) if cpu else math.nan))
    return out
