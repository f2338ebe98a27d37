"""Scenario figures (dashboard.scenario_figures): grouped bars and the rank bump chart."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard import palette, scenario_figures
from dashboard.text import plot_text

# ----- scenario figures -----


def test_scenario_bars_group_the_composite_weights(compared, names):
    df, snames = compared
    fig = scenario_figures.scenario_bars(df, snames, names)
    # added last-first so the first scenario's bar tops each group; the legend reads first-first
    assert [t.name for t in fig.data] == [plot_text(n) for n in snames.values()][::-1]
    assert fig.layout.legend.traceorder == "reversed"
    assert fig.layout.barmode == "group"
    assert [t.marker.pattern.shape for t in fig.data][::-1] == list(scenario_figures.PATTERNS[: len(snames)])
    assert fig.layout.xaxis.tickfont.color == palette.PLOT_MUTED_TEXT
    first = fig.data[-1]
    assert first.y[-1] == "Government regulation"  # largest first scenario weight on top
    np.testing.assert_allclose(sorted(first.x), first.x)
    (tariff,) = [t for t in fig.data if t.name == plot_text(snames["tariff_escalation"])]
    k = list(tariff.y).index("Product &amp; brand")  # HTML-escaped for plotly
    assert tariff.x[k] == pytest.approx(df.loc["product_brand", ("tariff_escalation", "composite")])


def test_rank_bump_has_a_line_per_factor_with_the_ranks(paper_model, compared, names):
    df, snames = compared
    styles = palette.style_map([c.id for c in paper_model.clusters])
    fig = scenario_figures.rank_bump(df, snames, names, paper_model.cluster_of, styles)
    assert len(fig.data) == 20
    assert list(fig.data[0].x) == [plot_text(n) for n in snames.values()]
    for t in fig.data:
        f = next(k for k, v in names.items() if plot_text(v) == t.name)
        assert list(t.customdata) == [int(df.loc[f, (s, "rank")]) for s in snames]
        moves = len(set(t.customdata)) > 1
        st = styles[paper_model.cluster_of[f]]
        assert t.marker.symbol == st.symbol  # every factor keeps its cluster's symbol
        if moves:  # movers: the cluster's colour and dash, so colour is never the only cue
            assert (t.line.color, t.line.dash) == (st.colour, st.dash)
        else:
            assert t.line.color == scenario_figures.STILL
    # places are distinct per scenario even where ranks tie (no overlapping labels)
    for k in range(len(snames)):
        assert sorted(t.y[k] for t in fig.data) == list(range(1, 21))
    assert list(fig.layout.yaxis.range) == [20.5, 0.5]
