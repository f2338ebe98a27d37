"""Fixtures of the view-builder tests: the paper model's evaluation, names, scenarios, a Monte Carlo run."""

from __future__ import annotations

import pytest

from anp_core import evaluate
from anp_core.montecarlo import monte_carlo
from anp_core.scenarios import compare, load_scenarios


@pytest.fixture(scope="module")
def ev(paper_model):
    return evaluate(paper_model)


@pytest.fixture(scope="module")
def names(paper_model):
    return {f: paper_model.label(f) for f in paper_model.node_ids}


@pytest.fixture(scope="module")
def compared(paper_model):
    scenarios = load_scenarios("data/scenarios")[:3]
    return compare(paper_model, scenarios), {s.id: s.name for s in scenarios}


@pytest.fixture(scope="module")
def mc(paper_model):
    return monte_carlo(paper_model, draws=300, spread=1.0, seed=1)
