"""anp_core.evaluate: synthesis, weights, the cache, and results no caller can change."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from anp_core import ANPError, cache, evaluate, load_model
from anp_core.evaluate import resolve_weights
from tests.conftest import MODEL_PATH
from tests.support.builders import sink_example


def test_changing_only_weights_recomputes_no_limit(paper_model):
    cache.clear()
    evaluate(paper_model)
    misses = cache.networks.info()["misses"]
    assert misses == 5
    for w in (0.1, 0.5, 0.9):
        evaluate(paper_model, {"political": w, "policy": 1 - w})
    assert cache.networks.info()["misses"] == misses


def test_a_judgment_edit_recomputes_only_its_criterion(paper_model):
    cache.clear()
    evaluate(paper_model)
    key = ("economic", "nodes", "economic", "payment")
    edited = paper_model.with_judgment(key, "electronic_payment", "rmb_internationalization", 1.0)
    ev2 = evaluate(edited)
    assert cache.networks.info()["misses"] == 6
    before = evaluate(paper_model).by_criterion
    changed = (ev2.by_criterion - before).abs().max()
    assert changed["economic"] > 1e-3
    assert changed.drop("economic").max() == 0.0


def test_a_caller_cannot_change_what_a_later_evaluation_sees():
    """Issue 10: overwriting arrays reachable from one Evaluation once changed the next answer by 0.119."""
    first = evaluate(load_model(MODEL_PATH))
    expected = first.composite_values.copy()
    arrays = [first.weights, first.limits, first.composite_values, first.rank_values]
    for net in first.networks.values():
        arrays += [
            net.unweighted,
            net.cluster,
            net.weighted,
            net.priorities,
            net.limit.limit,
            net.limit.priorities,
        ]
    for arr in arrays:
        with pytest.raises(ValueError, match="read-only"):
            arr[...] = 0
    # the pandas views are copies: changing them changes nothing else
    composite, table = first.composite, first.by_criterion
    composite[:] = 0.0
    table.iloc[:, :] = 0.0
    second = evaluate(load_model(MODEL_PATH))
    np.testing.assert_array_equal(second.composite_values, expected)
    with pytest.raises(TypeError):
        first.networks["policy"] = None  # type: ignore[index]


def test_concurrent_evaluations_share_the_cache_safely(paper_model):
    """Issue 11: an unlocked LRU raised KeyError under 8 threads."""
    cache.set_budget(0.05)  # tiny: constant eviction while threads race
    models = [
        paper_model.with_judgment(("", "criteria", "", None), "policy", "economic", 1 + k / 10)
        for k in range(12)
    ]
    models += [sink_example()]
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for k in range(60):
                evaluate(models[(k + offset) % len(models)])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        cache.set_budget(256)
    assert errors == []
    info = cache.networks.info()
    assert info["bytes"] <= info["budget"]


def test_cache_is_bounded_by_bytes():
    cache.clear()
    cache.set_budget(1)
    try:
        for k in range(30):
            evaluate(sink_example(), None)
            evaluate(
                load_model(MODEL_PATH).with_judgment(("", "criteria", "", None), "policy", "economic", 2 + k)
            )
        info = cache.networks.info()
        assert 0 < info["bytes"] <= info["budget"]
    finally:
        cache.set_budget(256)


def test_huge_finite_weights_do_not_overflow(paper_model):
    """Issue 11: policy=1e308, political=1e308 gave all-zero results."""
    w = resolve_weights(paper_model, {"policy": 1e308, "political": 1e308})
    assert w["policy"] == pytest.approx(0.5)
    assert w["political"] == pytest.approx(0.5)
    ev = evaluate(paper_model, {"policy": 1e308, "political": 1e308})
    assert ev.composite_values.sum() == pytest.approx(1.0)
    assert ev.rank_values.min() == 1
    assert ev.rank_values.max() > 1


@pytest.mark.parametrize(
    "weights", [{"policy": True}, {"policy": float("nan")}, {"policy": -1.0}, {"policy": 0}]
)
def test_bad_weights_are_refused(paper_model, weights):
    with pytest.raises(ANPError):
        evaluate(paper_model, weights)
