"""View builders of the Uncertainty page (dashboard.uncertainty_view)."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core.montecarlo import monte_carlo
from dashboard import uncertainty_figures, uncertainty_view
from tests.support.dashboard_models import big_model


def test_summary_table_is_ordered_by_rank(mc):
    table = uncertainty_view.summary_table(mc)
    assert list(table["Rank"]) == sorted(table["Rank"])
    assert table.iloc[0]["Factor"] == "Government regulation"
    assert set(table["Verdict"]) <= {"stable", "fairly stable", "uncertain"}


def test_rank_shares_equal_the_engines_distribution(mc):
    shares = uncertainty_view.rank_shares(mc)
    full = mc.rank_distribution.loc[shares.index]
    np.testing.assert_allclose(shares.to_numpy(), full.to_numpy())


def test_rank_shares_keep_the_best_ranked_when_there_are_many():
    m = big_model()
    result = monte_carlo(m, draws=60, spread=0.5, seed=2)
    shares = uncertainty_view.rank_shares(result, limit=10)
    assert shares.shape == (10, 10)
    best = np.argsort(result.base_ranks, kind="stable")[:10]
    assert list(shares.index) == [result.factor_ids[i] for i in best]
    assert (shares.sum(axis=1) <= 1 + 1e-12).all()
    fig = uncertainty_figures.rank_heatmap(
        shares, {}, __import__("pandas").Series(result.base_ranks, index=list(result.factor_ids)), limit=10
    )
    assert "the 10 best-ranked of 72" not in fig.layout.title.text  # shares already hold only 10 factors
    box = uncertainty_figures.rank_boxplot(result.ranks, result.factor_ids, {}, result.base_ranks, limit=10)
    assert len(box.data[0].y) == 10
    assert "the 10 best-ranked of 72" in box.layout.title.text


def test_dirichlet_help_is_computed_from_the_largest_weight():
    text = uncertainty_view.dirichlet_help(
        {"policy": 0.422, "economic": 0.578}, {"economic": "Economic"}, 100.0
    )
    sd = (0.578 * (1 - 0.578) / 101) ** 0.5
    assert f"Economic (weight 0.578) a standard deviation of about {sd:.3f}" in text
    assert sd == pytest.approx(0.049, abs=1e-3)
