"""Streamlit glue of the Uncertainty page's long runs: start a job, show its progress and Cancel, keep its result.

The computation runs in a :class:`dashboard.uncertainty_jobs.Job`; the page
keeps the job in session state under a key of its own. :func:`start` waits a
moment so a short run shows its results in the same script run; a longer one
gets a progress bar and a Cancel button drawn by a fragment that reruns every
half second (the rest of the page, previous results included, stays as it
is), and a full rerun when the job ends. :func:`harvest` moves a finished
job's result into the page's store of results (keyed by their inputs, the
last :data:`KEEP` kept), so no result is ever replaced by an unfinished one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from anp_core import ANPError
from dashboard.text import gettext, plain
from dashboard.uncertainty_jobs import Job

__all__ = ["KEEP", "StoredRun", "error_text", "harvest", "progress_panel", "running", "start", "stopped_note"]

#: Results kept per kind of run (the most recent).
KEEP = 4
#: Seconds :func:`start` waits for a run before the page shows progress instead.
INLINE_WAIT = 1.0


@dataclass(frozen=True)
class StoredRun:
    """A finished (possibly stopped) run, as the page keeps it.

    ``stopped`` is None, ``"cancelled"`` or ``"budget"``; ``done`` and
    ``requested`` count draws; ``budget`` is the time budget in seconds.
    """

    result: Any
    requested: int
    done: int
    stopped: str | None
    seconds: float
    budget: float | None
    phase: str = "draws"


def start(job_key: str, work: Callable[..., Any], inputs: Hashable) -> Job:
    """Start ``work`` as the page's job under ``job_key`` (a running one is cancelled first)."""
    ss = st.session_state
    old = ss.get(job_key)
    if isinstance(old, Job) and old.running:
        old.cancel()
    job = Job(work, inputs)
    ss[job_key] = job
    job.wait(INLINE_WAIT)
    return job


def harvest(
    job_key: str, results_key: str, last_key: str, store: Callable[[Job], StoredRun | None]
) -> ANPError | None:
    """Move a finished job's result into ``results_key`` (keyed by its inputs); return its error, if any.

    ``store`` turns the job into a :class:`StoredRun` (None: nothing to keep).
    A running job is left alone.
    """
    ss = st.session_state
    job = ss.get(job_key)
    if not isinstance(job, Job) or job.running:
        return None
    del ss[job_key]
    if job.error is not None:
        return job.error
    run = store(job)
    if run is not None:
        results = {k: v for k, v in ss[results_key].items() if k != job.inputs}
        results[job.inputs] = run
        ss[results_key] = dict(list(results.items())[-KEEP:])
        ss[last_key] = job.inputs
    return None


def running(job_key: str) -> Job | None:
    """Return the page's running job under ``job_key``, or None."""
    job = st.session_state.get(job_key)
    return job if isinstance(job, Job) and job.running else None


def progress_panel(job_key: str, what: str, *, previous: bool = False) -> None:
    """Draw the running job's progress and a Cancel button; rerun the page when it ends.

    ``what`` says what runs ("Monte Carlo: 5,000 draws"), as markdown;
    ``previous``: results of an earlier run are on the page (a caption says they stay).
    """
    _ = gettext()

    @st.fragment(run_every=0.5)
    def panel() -> None:
        job = running(job_key)
        if job is None:
            st.rerun()  # the job ended: the whole page shows its result
        with st.container(border=True, key=f"{job_key}_panel"):
            if job.waiting:
                text = _("{what}: waiting for a free slot (other runs on this server come first)…").format(
                    what=what
                )
            elif job.cancelled:
                text = _("{what}: stopping after the current batch…").format(what=what)
            else:
                text = _("{what}: {share} done, {seconds} s").format(
                    what=what, share=f"{job.fraction:.0%}", seconds=f"{job.seconds:.0f}"
                )
            st.progress(job.fraction, text=text)
            st.button(
                _("Cancel"),
                key=f"{job_key}_cancel",
                icon=":material/stop_circle:",
                on_click=job.cancel,
                disabled=job.cancelled,
                help=_("Stop after the current batch and keep the draws done so far."),
            )
            if previous:
                st.caption(_("The previous results stay below until this run ends."))

    panel()


def stopped_note(run: StoredRun) -> str | None:
    """Say, as markdown, that and why a run stopped early, and after how many draws (None if it did not)."""
    _ = gettext()
    if run.stopped is None:
        return None
    counts = {"done": f"{run.done:,}", "requested": f"{run.requested:,}"}
    if run.stopped == "cancelled":
        text = _("**This run was cancelled** after {done} of {requested} draws.").format(**counts)
    else:
        text = _(
            "**This run stopped at its time budget** ({budget} s) after {done} of {requested} draws."
        ).format(budget=f"{run.budget:g}" if run.budget is not None else "–", **counts)
    if run.phase == "confidence":
        text += " " + _(
            "The weight draws are complete; some confidence factors were not computed (shown as –)."
        )
    else:
        text += " " + _("The results below use the draws done; run again for all of them.")
    return text


def error_text(error: ANPError | str) -> str:
    """Return the message of a run that failed (markdown; the engine's text escaped)."""
    _ = gettext()
    return _("The run did not finish: {error}").format(error=plain(error))
