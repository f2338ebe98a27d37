"""Long computations of the Uncertainty page in the background: progress, Cancel, a time budget, no lost results.

A :class:`Job` runs one computation (a Monte Carlo or an SMAA run) on its own
thread; the page keeps the job in session state, shows its progress from a
fragment that reruns every half second, and offers a Cancel button that sets
the job's stop flag (the engine's ``should_stop``: the run ends after the
current batch and returns what it has). A run also stops at its time budget.
Results are only ever added to the page's store when a run finishes, so the
previous results stay on screen until then, and a stopped run says how many
draws it did.

At most :data:`MAX_RUNNING` jobs of the whole server compute at once (the
others wait for a slot, and say so): one session's long run cannot take every
core from the others. No Streamlit here: jobs never touch the page.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from anp_core import ANPError
from anp_core.i18n import N_
from anp_core.messages import message

__all__ = ["MAX_RUNNING", "Job"]

#: Jobs computing at once in the server process (the machine has two cores).
MAX_RUNNING = 2
_slots = threading.BoundedSemaphore(MAX_RUNNING)
_log = logging.getLogger(__name__)

Work = Callable[[Callable[[float], object], Callable[[], bool]], Any]


class Job:
    """One background computation.

    Parameters
    ----------
    work : callable
        ``work(progress, should_stop)``: runs the computation, calling
        ``progress(fraction)`` as it goes and stopping when
        ``should_stop()`` is True; returns the result.
    inputs : hashable
        What the result is for (the page stores results by their inputs).

    Attributes
    ----------
    fraction : float
        Progress, 0 to 1.
    result : object or None
        What ``work`` returned.
    error : ANPError or None
        The engine's error if it raised :class:`anp_core.ANPError`, or one saying
        the run failed for anything else (logged, never shown as a traceback);
        the page shows its reason in its language (``dashboard.text.plain``).
    cancelled : bool
        Cancel was pressed.
    """

    def __init__(self, work: Work, inputs: Any) -> None:
        self.inputs = inputs
        self.fraction = 0.0
        self.result: Any = None
        self.error: ANPError | None = None
        self.started = time.monotonic()
        self.finished: float | None = None
        self.waiting = True
        self._work = work
        self._stop = threading.Event()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="anp-job", daemon=True)
        self._thread.start()

    def _progress(self, fraction: float) -> None:
        self.fraction = min(max(float(fraction), 0.0), 1.0)

    def _run(self) -> None:
        try:
            with _slots:
                self.waiting = False
                if not self._stop.is_set():
                    self.result = self._work(self._progress, self._stop.is_set)
        except ANPError as err:
            self.error = err
        except Exception:  # a bug must not kill the thread silently nor reach the page as a traceback
            _log.exception("background computation failed")
            self.error = ANPError(
                message(N_("the computation failed unexpectedly (the server log has the details)"))
            )
        finally:
            self.waiting = False
            self.finished = time.monotonic()
            self._done.set()

    @property
    def running(self) -> bool:
        """The job has not finished."""
        return not self._done.is_set()

    @property
    def cancelled(self) -> bool:
        """Cancel was pressed."""
        return self._stop.is_set()

    @property
    def seconds(self) -> float:
        """Time since the job started (until it finished)."""
        return (self.finished or time.monotonic()) - self.started

    def cancel(self) -> None:
        """Ask the computation to stop after its current batch (a button callback)."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the job finishes (at most ``timeout`` seconds); return whether it has."""
        return self._done.wait(timeout)
