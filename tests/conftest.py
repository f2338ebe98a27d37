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


def count(name: str, n: int = 1) -> None:
    """Add ``n`` to the run counter ``name``."""
    RUN_COUNTERS[name] = RUN_COUNTERS.get(name, 0) + n


def pytest_terminal_summary(terminalreporter):
    for name, n in sorted(RUN_COUNTERS.items()):
        terminalreporter.write_line(f"{name}: {n}")
