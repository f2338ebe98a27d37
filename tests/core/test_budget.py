"""anp_core.budget: limits read from the environment, overridden per thread."""

from __future__ import annotations

import threading

from anp_core import budget


def test_override_is_local_to_the_thread_and_restored():
    base = budget.current().max_nodes
    seen = []
    with budget.override(max_nodes=7):
        assert budget.current().max_nodes == 7
        t = threading.Thread(target=lambda: seen.append(budget.current().max_nodes))
        t.start()
        t.join()
    assert seen == [base]
    assert budget.current().max_nodes == base


def test_problems_name_each_limit_and_how_to_raise_it():
    with budget.override(max_nodes=10, max_comparisons=5, max_memory_mb=0.001):
        problems = dict(budget.problems(20, 6, 1))
    assert "20 nodes; the limit is 10" in problems["clusters"]
    assert "ANP_MAX_COMPARISONS" in problems["comparisons"]
    assert "MB" in problems["(model)"]


def test_environment_variables_set_the_defaults(monkeypatch):
    monkeypatch.setenv("ANP_MAX_NODES", "1234")
    monkeypatch.setenv("ANP_MAX_MEMORY_MB", "not a number")
    b = budget._from_env()
    assert b.max_nodes == 1234
    assert b.max_memory_mb == budget.Budget().max_memory_mb
