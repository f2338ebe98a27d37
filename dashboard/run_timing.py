"""Server-side timing of script runs, for ``make load`` (off unless ``ANP_RUN_TIMES`` is set).

With ``ANP_RUN_TIMES=/path/file.tsv`` in the server's environment, every
script run appends one line (unix time, page, seconds; tab-separated) to the file:
the server's own time per interaction, which the load test reports beside
the latency the browsers observe (on a shared machine the browsers' rendering
competes with the server for the cores, so the two must be told apart).
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["enabled", "fragment", "read", "record"]

_PATH = os.environ.get("ANP_RUN_TIMES")
_lock = threading.Lock()


def enabled() -> bool:
    """Whether script runs are being timed."""
    return bool(_PATH)


def record(page: str, started: float) -> None:
    """Append the duration of the run that began at ``started`` (``time.perf_counter()``)."""
    if not _PATH:
        return
    line = f"{time.time():.3f}\t{page}\t{time.perf_counter() - started:.6f}\n"
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
    started = time.perf_counter()
    try:
        yield
    finally:
        if own:
            record(page, started)


def read(path: Path, since: float = 0.0) -> dict[str, list[float]]:
    """Durations (seconds) recorded in ``path`` at or after the unix time ``since``, by page."""
    out: dict[str, list[float]] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        stamp, page, seconds = line.split("\t")
        if float(stamp) >= since:
            out.setdefault(page, []).append(float(seconds))
    return out
