"""Weights drawn uniformly from the simplex and its constrained parts."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from anp_core.errors import ANPError
from anp_core.weight_sampling import parse_constraints, sample_weights

CRIT = ("a", "b", "c", "d", "e")


def test_uniform_weights_have_beta_marginals():
    # uniform on the m-simplex: each weight ~ Beta(1, m - 1)
    s = sample_weights(parse_constraints(None, CRIT), 40_000, seed=1)
    assert s.method == "uniform"
    w = s.weights
    assert w.shape == (40_000, 5)
    np.testing.assert_allclose(w.sum(axis=1), 1.0, atol=1e-12)
    assert (w >= 0).all()
    for k in range(5):
        assert stats.kstest(w[:, k], stats.beta(1, 4).cdf).pvalue > 1e-3


def test_full_ranking_gives_the_expected_ordered_means():
    # the k-th largest of a uniform simplex point has mean (1/m) sum_{j>=k} 1/j
    order = ["c", "a", "e", "b", "d"]
    s = sample_weights(parse_constraints({"order": order}, CRIT), 60_000, seed=2)
    assert s.method == "ordinal"
    w = s.weights
    pos = [CRIT.index(c) for c in order]
    assert (np.diff(w[:, pos], axis=1) <= 0).all()
    expected = [sum(1 / j for j in range(k, 6)) / 5 for k in range(1, 6)]
    np.testing.assert_allclose(w[:, pos].mean(axis=0), expected, atol=3e-3)


def test_partial_ranking_leaves_unranked_criteria_alone():
    s = sample_weights(parse_constraints({"order": ["b", "a"]}, ("a", "b", "c")), 60_000, seed=3)
    w = s.weights
    assert (w[:, 1] >= w[:, 0]).all()
    # c is untouched: still Beta(1, 2), mean 1/3; b is the larger of two exchangeable weights
    assert w[:, 2].mean() == pytest.approx(1 / 3, abs=4e-3)
    assert stats.kstest(w[:, 2], stats.beta(1, 2).cdf).pvalue > 1e-3
    # b is distributed as the larger of two Dirichlet(1, 1, 1) weights (independent reference)
    ref = np.random.default_rng(0).dirichlet([1, 1, 1], 60_000)[:, :2].max(axis=1)
    assert stats.ks_2samp(w[:, 1], ref).pvalue > 1e-3


def test_rejection_and_hit_and_run_agree_on_a_constrained_region():
    cons = parse_constraints(
        {"order": ["a", "b", "c"], "intervals": {"a": [0.3, 0.6], "d": [0.0, 0.15]}}, CRIT
    )
    rej = sample_weights(cons, 60_000, seed=4, sampler="rejection")
    har = sample_weights(cons, 60_000, seed=4, sampler="hit-and-run")
    assert rej.method == "rejection"
    assert 0 < rej.acceptance_rate < 1
    assert har.method == "hit-and-run"
    assert cons.contains(rej.weights).all()
    assert cons.contains(har.weights).all()
    np.testing.assert_allclose(har.weights.mean(axis=0), rej.weights.mean(axis=0), atol=4e-3)
    for q in (0.1, 0.5, 0.9):
        np.testing.assert_allclose(
            np.quantile(har.weights, q, axis=0), np.quantile(rej.weights, q, axis=0), atol=8e-3
        )


def test_narrow_intervals_switch_to_hit_and_run_and_stay_uniform():
    # two weights pinned to narrow boxes: the other three share the rest uniformly
    cons = parse_constraints({"intervals": {"a": [0.40, 0.41], "b": [0.20, 0.21]}}, CRIT)
    s = sample_weights(cons, 40_000, seed=5)
    assert s.method == "hit-and-run"
    assert "hit-and-run" in s.describe()
    w = s.weights
    assert cons.contains(w).all()
    rest = 1 - 0.405 - 0.205
    np.testing.assert_allclose(w[:, 2:].mean(axis=0), rest / 3, atol=3e-3)
    # Dirichlet(1,1,1) scaled by the rest: standard deviation rest * sqrt(2 / 36)
    np.testing.assert_allclose(w[:, 2:].std(axis=0), rest * np.sqrt(2 / 36), atol=3e-3)


def test_a_fixed_weight_is_held_exactly():
    cons = parse_constraints({"intervals": {"c": [0.25, 0.25]}}, ("a", "b", "c", "d"))
    s = sample_weights(cons, 20_000, seed=6)
    assert s.method == "hit-and-run"
    np.testing.assert_allclose(s.weights[:, 2], 0.25, atol=1e-9)
    np.testing.assert_allclose(s.weights[:, [0, 1, 3]].mean(axis=0), 0.25, atol=4e-3)
    with pytest.raises(ANPError, match="zero width"):
        sample_weights(cons, 10, sampler="rejection")


def test_same_seed_same_weights():
    cons = parse_constraints({"intervals": {"a": [0.1, 0.2]}}, CRIT)
    a = sample_weights(cons, 500, seed=7)
    b = sample_weights(cons, 500, seed=7)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert not a.weights.flags.writeable


@pytest.mark.parametrize(
    ("constraints", "fragment"),
    [
        ({"bounds": {}}, "unknown constraint 'bounds'"),
        ({"order": ["a", "zz"]}, "unknown criterion 'zz'"),
        ({"order": ["a", "a"]}, "listed twice"),
        ({"order": "a,b"}, "list of criterion ids"),
        ({"intervals": {"zz": [0, 1]}}, "unknown criterion 'zz'"),
        ({"intervals": {"a": [0.5, 0.2]}}, "need 0 <= low <= high <= 1"),
        ({"intervals": {"a": [0.5]}}, "two numbers"),
        ({"intervals": {"a": ["0", 1]}}, "two numbers"),
        ({"intervals": {"a": [float("nan"), 1]}}, "two numbers"),
        ({"intervals": {"a": [0.6, 1], "b": [0.6, 1]}}, "lower bounds sum to 1.2 > 1"),
        ({"intervals": {c: [0, 0.1] for c in CRIT}}, "upper bounds sum to 0.5 < 1"),
        ({"order": ["a", "b"], "intervals": {"a": [0, 0.1], "b": [0.5, 1]}}, "order contradicts"),
        (["a"], "must be a mapping"),
    ],
)
def test_bad_constraints_are_named(constraints, fragment):
    with pytest.raises(ANPError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        parse_constraints(constraints, CRIT)


def test_bad_draws_and_sampler_are_refused():
    cons = parse_constraints(None, CRIT)
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ANPError, match="draws"):
            sample_weights(cons, bad)
    with pytest.raises(ANPError, match="sampler"):
        sample_weights(cons, 10, sampler="gibbs")  # type: ignore[arg-type]


def test_a_single_criterion_gets_all_the_weight():
    s = sample_weights(parse_constraints(None, ("only",)), 5)
    np.testing.assert_array_equal(s.weights, np.ones((5, 1)))
