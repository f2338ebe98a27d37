"""Uncertainty figures (dashboard.uncertainty_figures): rank box plots and the rank acceptability heatmap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import uncertainty_figures

# ----- Monte Carlo figures -----


def test_rank_boxplot_uses_quantiles_of_the_draws(mc, names):
    fig = uncertainty_figures.rank_boxplot(mc.ranks, mc.factor_ids, names, mc.base_ranks)
    box, base = fig.data
    assert len(box.y) == 20
    gr = list(box.y).index("Government regulation")
    i = list(mc.factor_ids).index("government_regulation")
    assert box.median[gr] == pytest.approx(np.median(mc.ranks[:, i]))
    assert box.lowerfence[gr] == pytest.approx(np.quantile(mc.ranks[:, i], 0.05))
    assert box.upperfence[gr] == pytest.approx(np.quantile(mc.ranks[:, i], 0.95))
    assert list(box.y)[-1] == "Government regulation"  # best rank drawn on top
    assert base.x[gr] == 1


def test_rank_boxplot_marks_each_factor_with_its_clusters_colour_and_symbol(paper_model, mc, names):
    from dashboard import palette

    styles = palette.style_map([c.id for c in paper_model.clusters])
    fig = uncertainty_figures.rank_boxplot(
        mc.ranks, mc.factor_ids, names, mc.base_ranks, clusters=paper_model.cluster_of, styles=styles
    )
    _, base = fig.data
    gr = list(base.y).index("Government regulation")
    st = styles[paper_model.cluster_of["government_regulation"]]
    assert (base.marker.color[gr], base.marker.symbol[gr]) == (st.colour, st.symbol)
    assert len(set(base.marker.symbol)) > 1


def test_rank_heatmap_is_the_rank_distribution(mc, names):
    base = pd.Series(mc.base_ranks, index=list(mc.factor_ids))
    fig = uncertainty_figures.rank_heatmap(mc.rank_distribution, names, base)
    (hm,) = fig.data
    z = np.asarray(hm.z)
    assert z.shape == (20, 20)
    np.testing.assert_allclose(z.sum(axis=1), 1.0)
    assert hm.y[0] == "Government regulation"
    np.testing.assert_allclose(z[0], mc.rank_distribution.loc["government_regulation"].to_numpy())
    assert list(hm.x) == list(range(1, 21))
    assert all(t == "" or t.endswith("%") for t in np.asarray(hm.text).ravel())
