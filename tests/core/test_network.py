"""anp_core.network: supermatrices of one criterion, the sink rule, ranked clusters."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core import ANPError, evaluate
from anp_core.network import build_network, network_plan
from tests.support.builders import network_model, sink_example


def test_sink_alternative_gets_super_decisions_priorities():
    """ANP_METHOD.md section 2 example: alt1 = 0.5, n_i = 1/6 (Super Decisions, pyanp), not 0.625/0.125."""
    net = build_network(sink_example(), "network")
    np.testing.assert_allclose(net.limit.limit[:, 0], 0.0)  # the sink's own column stays 0
    np.testing.assert_allclose(net.limit.limit[:, 1], [0.5, 1 / 6, 1 / 6, 1 / 6], atol=1e-9)
    np.testing.assert_allclose(net.priorities, [0.5, 1 / 6, 1 / 6, 1 / 6], atol=1e-9)
    assert net.limit.diagnosis == "sinks"
    assert net.notes
    assert "alt1" in net.notes[0]


def test_ranked_clusters_restrict_and_renormalise_the_priorities():
    model = network_model(
        {"alts": ["a", "b"], "crit": ["n1", "n2"]},
        {
            ("n1", "alts"): [0.7, 0.3],
            ("n2", "alts"): [0.2, 0.8],
            ("n1", "crit"): [0.5, 0.5],
            ("n2", "crit"): [0.5, 0.5],
        },
        ranked=["alts"],
    )
    ev = evaluate(model)
    assert list(ev.composite.index) == ["a", "b"]
    net = ev.networks["network"]
    full = net.limit.priorities
    np.testing.assert_allclose(ev.composite_values, full[:2] / full[:2].sum())
    np.testing.assert_allclose(ev.composite_values, [0.45, 0.55], atol=1e-9)


def test_absorbing_option_puts_one_on_the_sinks_diagonal():
    net = build_network(sink_example(), "network", sinks="absorbing")
    assert net.limit.limit[0, 0] == pytest.approx(1.0)
    np.testing.assert_allclose(net.limit.limit[0, 1:], 1.0)  # everything ends in the sink


def test_cluster_without_a_comparison_weighs_its_linked_clusters_equally():
    model = network_model(
        {"a": ["x", "y"], "b": ["z"]},
        {("x", "a"): [0.5, 0.5], ("x", "b"): [1.0], ("y", "b"): [1.0], ("z", "a"): [0.25, 0.75]},
    )
    net = build_network(model, "network")
    np.testing.assert_allclose(net.cluster[:, 0], [0.5, 0.5])
    np.testing.assert_allclose(net.weighted[:, 0], [0.25, 0.25, 0.5])
    np.testing.assert_allclose(net.weighted.sum(axis=0), 1.0)


def test_plan_names_which_comparison_fills_which_block(paper_model):
    plan = network_plan(paper_model, "policy")
    assert len(plan.node_blocks) == 6
    assert len(plan.cluster_blocks) == 1
    assert sum(b.cols.size for b in plan.node_blocks) == 6 * 20


def test_results_are_read_only(paper_model):
    net = build_network(paper_model, "policy")
    for arr in (
        net.unweighted,
        net.cluster,
        net.weighted,
        net.priorities,
        net.limit.limit,
        net.limit.priorities,
    ):
        with pytest.raises(ValueError, match="read-only"):
            arr[0] = 1.0


def test_nbytes_counts_the_memory_the_arrays_hold(paper_model):
    net = build_network(paper_model, "policy")
    n = len(net.node_ids)
    assert net.limit.diagnosis in ("primitive", "periodic")  # one column, stored once
    held = net.unweighted.nbytes + net.cluster.nbytes + net.weighted.nbytes + net.priorities.nbytes
    assert net.nbytes == held + 8 * n + 1024


def test_unknown_criterion_names_the_choices(paper_model):
    with pytest.raises(ANPError, match="unknown criterion 'nowhere'"):
        build_network(paper_model, "nowhere")


def three_level_hierarchy(reading: str):
    """Goal -> criteria c1, c2 (0.6, 0.4) -> alternatives a, b; the AHP answer is a = 0.52, b = 0.48."""
    return network_model(
        {"goal": ["g"], "crit": ["c1", "c2"], "alts": ["a", "b"]},
        {("g", "crit"): [0.6, 0.4], ("c1", "alts"): [0.7, 0.3], ("c2", "alts"): [0.25, 0.75]},
        ranked=["alts"],
        reading=reading,
    )


def test_hierarchy_read_by_row_sums_follows_anp_method():
    """ANP_METHOD.md section 2 (Super Decisions, pyanp): the limit's normalised row sums.

    Hierarchy formula: goal column (crit 0.6, 0.4; alts 0.52, 0.48) / 2, c1 column (0.7, 0.3),
    c2 column (0.25, 0.75): alternatives' row sums 1.21 and 1.29, so a = 0.484, b = 0.516.
    """
    ev = evaluate(three_level_hierarchy("row_sums"))
    np.testing.assert_allclose(ev.composite_values, [1.21 / 2.5, 1.29 / 2.5], atol=1e-12)


def test_hierarchy_read_from_the_goal_column_is_the_ahp_answer():
    """settings.priorities = "sources": Saaty's hierarchic composition, 0.6 * 0.7 + 0.4 * 0.25 = 0.52."""
    ev = evaluate(three_level_hierarchy("sources"))
    np.testing.assert_allclose(ev.composite_values, [0.52, 0.48], atol=1e-12)
    assert "priorities read from the column(s) of g" in ev.networks["network"].notes[-1]


def test_sources_reading_without_a_source_falls_back_to_row_sums():
    base = evaluate(sink_example())
    model = sink_example().model_copy(
        update={"settings": sink_example().settings.model_copy(update={"priorities": "sources"})}
    )
    ev = evaluate(model)
    np.testing.assert_allclose(ev.composite_values, base.composite_values)
    assert "row sums" in ev.networks["network"].notes[-1]
