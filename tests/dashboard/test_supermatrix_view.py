"""View builders of the Supermatrix page (dashboard.supermatrix_view): sinks, large networks, texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from anp_core.evaluate import criterion_network
from dashboard import supermatrix_view as sv
from tests.support.dashboard_models import big_model, feedback_model, hierarchy_model, sink_model


def test_sink_text_names_the_zero_columns_and_the_rule():
    m = sink_model()
    net = criterion_network(m, "network")
    text = sv.sink_text(m, net)
    assert text.startswith("Zero columns in the limit: **alt1**.")
    assert "calculus" in text
    assert "stays zero" in text
    assert "alt1 0.500" in text  # the sink still gets the weight that flows into it (Super Decisions)


def test_sink_text_for_a_hierarchy_and_for_no_sink():
    h = hierarchy_model()
    text = sv.sink_text(h, criterion_network(h, "network"))
    assert "**a1**" in text
    assert "**a2**" in text
    f = feedback_model()
    assert sv.sink_text(f, criterion_network(f, "cost")) is None


def test_absorbing_sinks_have_no_zero_column():
    m = sink_model().model_copy(
        update={"settings": sink_model().settings.model_copy(update={"sinks": "absorbing"})}
    )
    net = criterion_network(m, "network")
    text = sv.sink_text(m, net)
    assert text.startswith("No column of the limit is zero.")
    assert "absorbing" in text


def test_rank_one_detection():
    f = feedback_model()
    assert not sv.is_rank_one(criterion_network(f, "cost"))


def test_rank_one_paper_model(paper_model):
    assert sv.is_rank_one(criterion_network(paper_model, "policy"))


def test_block_sums_and_largest_cells_summarise_a_large_matrix():
    m = big_model()
    net = criterion_network(m, "network")
    frame = net.frames(m)["weighted"]
    blocks = sv.block_sums(frame, m, net.node_ids)
    assert blocks.shape == (6, 6)
    np.testing.assert_allclose(
        blocks.to_numpy().sum(axis=0), frame.to_numpy().sum(axis=0).reshape(6, 12).sum(axis=1)
    )
    top = sv.largest_cells(frame, 10)
    assert len(top) == 10
    assert top["Value"].is_monotonic_decreasing
    assert top["Value"].iloc[0] == pytest.approx(frame.to_numpy().max())


def test_limit_priorities_rank_the_ranked_nodes():
    h = hierarchy_model()
    table = sv.limit_priorities(h, criterion_network(h, "network"))
    assert list(table["factor"]) == ["a2", "a1"]
    assert table["limit priority"].sum() == pytest.approx(1.0)
    assert isinstance(table, pd.DataFrame)
