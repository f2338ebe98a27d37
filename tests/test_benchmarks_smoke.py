"""The benchmarks still run: each one, as ``make bench`` calls it, at a smoke size (seconds, not minutes).

Nothing else in ``make test`` runs them, and they broke silently once when a
page changed under its static twin (``bench_pages`` checks that each twin
draws what its page draws). They run as a user runs them, ``python -m
benchmarks.X``, so the tests never import from ``benchmarks/``. Figures are
not asserted (a benchmark, not a timed test): only that each finishes and
prints its table.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def bench(*args: str, timeout: float = 300) -> str:
    """Run ``python -m benchmarks.<args>`` from the repository root; return its output, failing on an error."""
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def test_limit_benchmark_runs_every_family():
    out = bench("benchmarks.bench_limit", "--sizes", "20", "--repeats", "1", "--no-tail")
    for family, diagnosis in (("dense", "primitive"), ("sparse", "primitive"), ("periodic", "periodic")):
        assert any(line.startswith(f"| {family} | 20 | {diagnosis}") for line in out.splitlines()), out


def test_limit_tail_runs_back_to_back_and_between_requests():
    out = bench("benchmarks.bench_limit", "--sizes", "20", "--repeats", "1")
    assert "'pattern': 'back to back'" in out, out
    assert "'pattern': 'pause 2 ms'" in out, out
    assert "'control_p90_vs_1thread_p90'" in out, out


@pytest.mark.parametrize("page", ["weights", "judgments", "sensitivity"])
def test_page_benchmark_runs_each_page_against_its_twin(page):
    out = bench("benchmarks.bench_pages", page, "--runs", "2", "--warmup", "1")
    assert "static twin" in out, out
