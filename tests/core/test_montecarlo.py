"""Monte Carlo judgment uncertainty (anp_core.montecarlo): reproducibility, limits, reference loop."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core import ANPError, evaluate
from anp_core.montecarlo import monte_carlo, monte_carlo_loop

WEIGHTS = {"policy": 0.3, "economic": 0.3, "political": 0.2, "technological": 0.15, "socio_cultural": 0.05}


def test_same_seed_gives_identical_results(paper_model):
    a = monte_carlo(paper_model, draws=300, spread=1.0, seed=7)
    b = monte_carlo(paper_model, draws=300, spread=1.0, seed=7)
    np.testing.assert_array_equal(a.composite, b.composite)
    np.testing.assert_array_equal(a.ranks, b.ranks)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert a.summary.equals(b.summary)


def test_same_seed_with_dirichlet_weights_gives_identical_results(paper_model):
    a = monte_carlo(paper_model, draws=200, spread=0.5, seed=3, concentration=40.0)
    b = monte_carlo(paper_model, draws=200, spread=0.5, seed=3, concentration=40.0)
    np.testing.assert_array_equal(a.composite, b.composite)


def test_different_seeds_differ(paper_model):
    a = monte_carlo(paper_model, draws=300, spread=1.0, seed=1)
    b = monte_carlo(paper_model, draws=300, spread=1.0, seed=2)
    assert not np.allclose(a.composite, b.composite)


@pytest.mark.parametrize("distribution", ["loguniform", "lognormal"])
def test_spread_zero_reproduces_the_deterministic_ranking(paper_model, distribution):
    mc = monte_carlo(paper_model, draws=50, spread=0.0, seed=0, distribution=distribution)
    ev = evaluate(paper_model)
    np.testing.assert_allclose(
        mc.composite, np.broadcast_to(ev.composite_values, mc.composite.shape), atol=1e-12
    )
    assert (mc.ranks == ev.rank_values[None, :]).all()
    assert mc.top_factor_stability == 1.0
    p1 = mc.top_probability(1)
    assert p1[ev.ranks.idxmin()] == 1.0
    assert p1.sum() == 1.0
    dist = mc.rank_distribution
    for f, r in ev.ranks.items():
        assert dist.loc[f, r] == 1.0
    assert set(mc.summary["verdict"]) == {"stable"}


def test_spread_zero_with_fixed_weights(paper_model):
    mc = monte_carlo(paper_model, draws=20, spread=0.0, criterion_weights=WEIGHTS)
    ev = evaluate(paper_model, WEIGHTS)
    assert (mc.ranks == ev.rank_values[None, :]).all()
    assert mc.top_factor_stability == 1.0


@pytest.mark.parametrize("weights", [None, WEIGHTS], ids=["model weights", "fixed weights"])
@pytest.mark.parametrize("distribution", ["loguniform", "lognormal"])
def test_batched_equals_the_per_draw_reference_loop(paper_model, weights, distribution):
    kw = {"seed": 11, "distribution": distribution, "criterion_weights": weights}
    loop = monte_carlo_loop(paper_model, 20, 1.0, **kw)
    batched = monte_carlo(paper_model, 20, 1.0, **kw)
    np.testing.assert_allclose(batched.composite, loop, rtol=0, atol=1e-12)
    assert not np.allclose(loop[0], loop[1]), "the draws must actually differ"


def test_rank_distribution_rows_sum_to_one(paper_model):
    mc = monte_carlo(paper_model, draws=400, spread=1.5, seed=5)
    dist = mc.rank_distribution
    assert dist.shape == (20, 20)
    np.testing.assert_allclose(dist.sum(axis=1), 1.0, atol=1e-12)
    assert list(dist.index) == list(paper_model.node_ids)
    assert (dist.to_numpy() >= 0).all()
    # top-k probability is the cumulative rank acceptability
    np.testing.assert_allclose(mc.top_probability(3), dist.loc[:, [1, 2, 3]].sum(axis=1), atol=1e-12)
    assert 0.0 < mc.top_factor_stability < 1.0


def test_summary_has_a_verdict_per_factor(paper_model):
    mc = monte_carlo(paper_model, draws=300, spread=1.0, seed=2)
    s = mc.summary
    assert len(s) == 20
    assert set(s["verdict"]) <= {"stable", "fairly stable", "uncertain"}
    assert (s["rank_p05"] <= s["median_rank"]).all()
    assert (s["median_rank"] <= s["rank_p95"]).all()
    assert s["p_top1"].sum() == pytest.approx(mc.top_probability(1).sum())


def test_dirichlet_weights_sum_to_one_and_vary(paper_model):
    mc = monte_carlo(
        paper_model, draws=500, spread=0.0, seed=4, criterion_weights=WEIGHTS, concentration=50.0
    )
    np.testing.assert_allclose(mc.weights.sum(axis=1), 1.0, atol=1e-12)
    assert (mc.weights.std(axis=0) > 1e-3).all()
    # centred on the given weights
    np.testing.assert_allclose(mc.weights.mean(axis=0), list(WEIGHTS.values()), atol=0.02)
    # with judgments fixed (spread 0), only the weights move the composite
    ev = evaluate(paper_model, WEIGHTS)
    np.testing.assert_allclose(mc.composite, mc.weights @ ev.limits.T, atol=1e-12)


def test_without_concentration_fixed_weights_do_not_vary(paper_model):
    mc = monte_carlo(paper_model, draws=50, spread=1.0, seed=4, criterion_weights=WEIGHTS)
    np.testing.assert_allclose(mc.weights, np.broadcast_to(list(WEIGHTS.values()), mc.weights.shape))


def test_progress_is_reported_per_batch(paper_model):
    seen = []
    monte_carlo(paper_model, draws=250, spread=1.0, batch_size=100, progress=seen.append)
    assert seen == pytest.approx([0.4, 0.8, 1.0])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"draws": 0}, "draws"),
        ({"draws": -5}, "draws"),
        ({"draws": 10.5}, "draws"),
        ({"spread": -0.1}, "spread"),
        ({"spread": float("nan")}, "spread"),
        ({"spread": 11.0}, "spread"),
        ({"distribution": "triangular"}, "distribution"),
        ({"concentration": 0.0}, "concentration"),
        ({"concentration": -2.0}, "concentration"),
        ({"concentration": float("inf")}, "concentration"),
        ({"criterion_weights": {"policy": -1.0}}, "weight"),
        ({"criterion_weights": {"nowhere": 1.0}}, "unknown criterion"),
    ],
)
def test_bad_arguments_raise_anp_error(paper_model, kwargs, match):
    args = {"draws": 10, "spread": 1.0} | kwargs
    with pytest.raises(ANPError, match=match):
        monte_carlo(paper_model, **args)


def test_ten_thousand_draws_use_the_vectorised_ranks_correctly(paper_model):
    # timing is measured by `make bench`, not asserted here (CI machines vary)
    mc = monte_carlo(paper_model, draws=10_000, spread=1.0, seed=0)
    assert mc.draws == 10_000
    assert mc.ranks.shape == (10_000, 20)
    # the vectorised ranks (used above 2,000 draws) agree with the per-row ones:
    # the first batch of 2,000 draws uses the same random numbers as a 2,000-draw run
    small = monte_carlo(paper_model, draws=2_000, spread=1.0, seed=0)
    np.testing.assert_array_equal(mc.composite[:2_000], small.composite)
    np.testing.assert_array_equal(mc.ranks[:2_000], small.ranks)


@pytest.mark.parametrize("concentration", [None, 30.0])
def test_the_seed_alone_fixes_the_result(paper_model, concentration):
    # 600 draws cross the 256-draw random-number blocks at different batch boundaries
    kw = {"draws": 600, "spread": 1.0, "seed": 9, "concentration": concentration}
    a = monte_carlo(paper_model, batch_size=600, **kw)
    b = monte_carlo(paper_model, batch_size=7, **kw)
    c = monte_carlo(paper_model, batch_size=300, **kw)
    np.testing.assert_allclose(a.composite, b.composite, atol=1e-12)
    np.testing.assert_allclose(a.composite, c.composite, atol=1e-12)
    np.testing.assert_array_equal(a.weights, b.weights)


def test_monte_carlo_ranks_only_the_ranked_clusters():
    """A model ranking its alternatives only: draws are restricted along the node axis of each draw."""
    from tests.support.builders import network_model

    model = network_model(
        {"alts": ["a", "b"], "crit": ["n1", "n2"]},
        {
            ("n1", "alts"): [0.7, 0.3],
            ("n2", "alts"): [0.2, 0.8],
            ("n1", "crit"): [0.6, 0.4],
            ("n2", "crit"): [0.5, 0.5],
        },
        ranked=["alts"],
    )
    mc = monte_carlo(model, draws=300, spread=1.0, seed=2)
    assert mc.composite.shape == (300, 2)
    np.testing.assert_allclose(mc.composite.sum(axis=1), 1.0)
    np.testing.assert_allclose(
        monte_carlo(model, draws=10, spread=0.0).composite[0], evaluate(model).composite_values
    )
