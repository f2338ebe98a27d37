"""Shared fixtures and the hypothesis profiles (``ci`` when CI is set)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = ROOT / "data" / "models" / "cbec_trade_war.json"
TABLE2_PATH = ROOT / "data" / "paper" / "table2.csv"

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=200,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=60)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def paper_model():
    from anp_core import load_model

    return load_model(MODEL_PATH)


#: Counters that tests add to (e.g. hostile inputs tried); printed at the end of the run.
RUN_COUNTERS: dict[str, int] = {}
#: Reports that tests write for the reader (e.g. axe-core's counts per page); printed at the end of the run.
RUN_NOTES: list[str] = []


def count(name: str, n: int = 1) -> None:
    """Add ``n`` to the run counter ``name``."""
    RUN_COUNTERS[name] = RUN_COUNTERS.get(name, 0) + n


def note(text: str) -> None:
    """Print ``text`` at the end of the run (from any worker when the suite runs in parallel)."""
    RUN_NOTES.append(text)


def pytest_sessionfinish(session):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: its counters and notes go to the controller
        workeroutput["anp_counters"] = dict(RUN_COUNTERS)
        workeroutput["anp_notes"] = list(RUN_NOTES)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """Collect a pytest-xdist worker's counters and notes (its ``workeroutput``)."""
    out = getattr(node, "workeroutput", {})
    for name, n in out.get("anp_counters", {}).items():
        count(name, n)
    RUN_NOTES.extend(out.get("anp_notes", []))


def pytest_terminal_summary(terminalreporter):
    for text in RUN_NOTES:
        terminalreporter.write_line(text)
    for name, n in sorted(RUN_COUNTERS.items()):
        terminalreporter.write_line(f"{name}: {n}")
