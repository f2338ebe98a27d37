"""ANP step by step: every step built from anp_core, for the teaching network and any model."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core import PairwiseMatrix, evaluate
from dashboard.teach import STEP_KEYS, build_step, feedback_criterion, pick_comparison, teaching_model
from tests.support.builders import network_model


def test_the_teaching_network_is_the_example_with_feedback():
    m = teaching_model()
    assert m.id == "logistics_three_criteria"
    assert len(m.node_ids) == 7
    assert m.ranked_node_ids == ("postal_parcels", "international_express", "overseas_warehouse")
    assert len(m.control_criteria) == 3  # synthesis over more than one criterion
    assert feedback_criterion(m) == "economic"
    ev = evaluate(m)
    assert ev.networks["economic"].limit.diagnosis == "primitive"
    assert "zh" in m.languages


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_step_builds(lang):
    m = teaching_model()
    titles = set()
    for i in range(len(STEP_KEYS)):
        s = build_step(m, i, "economic", lang)
        assert s.key == STEP_KEYS[i]
        assert s.sentence
        assert s.title
        assert s.figure is not None
        assert s.table is not None
        assert len(s.table)
        titles.add(s.title)
    assert len(titles) == len(STEP_KEYS)
    assert build_step(m, 99).key == "synthesis"  # clamped
    assert build_step(m, -3).key == "network"


def test_steps_show_what_the_engine_computes():
    m = teaching_model()
    ev = evaluate(m)
    crit = "technological"
    net = ev.networks[crit]
    assert "both ways" in build_step(m, 0, crit).sentence
    comp = pick_comparison(m, crit)
    assert 3 <= len(comp.elements) <= 7
    assert comp.wrt in m.node_by_id  # a one-column comparison is shown first
    pm = PairwiseMatrix(comp.matrix)
    pr = build_step(m, 2, crit)
    np.testing.assert_allclose(pr.table.iloc[:, 0].to_numpy(), np.round(pm.priorities(), 4))
    assert f"{pm.cr:.3f}" in pr.sentence
    u = build_step(m, 3, crit).table
    np.testing.assert_allclose(u.to_numpy(), np.round(net.unweighted, 4))
    w = build_step(m, 5, crit).table
    np.testing.assert_allclose(w.sum(axis=0).to_numpy(), 1.0, atol=1e-3)
    lim = build_step(m, 6, crit)
    np.testing.assert_allclose(lim.table.to_numpy(), np.round(net.limit.limit, 4))
    assert "agree to 6 decimals" in lim.detail
    assert "sinks" in build_step(m, 6, "political").detail
    syn = build_step(m, 7)
    np.testing.assert_allclose(syn.table["Composite"].to_numpy(), np.round(ev.composite_values, 4))
    assert list(syn.table["Rank"]) == list(ev.rank_values)


def test_any_model_works(paper_model):
    for i in range(len(STEP_KEYS)):
        s = build_step(paper_model, i, "political", "zh")
        assert s.sentence
    assert "政府监管" in build_step(paper_model, 7, None, "zh").detail
    tiny = network_model(
        {"a": ["a1", "a2"], "b": ["b1"]}, {("a1", "b"): [1.0], ("a2", "b"): [1.0], ("b1", "a"): [0.5, 0.5]}
    )
    for i in range(len(STEP_KEYS)):
        assert build_step(tiny, i).title
    assert "one way" not in build_step(tiny, 0).sentence  # a -> b and b -> a: feedback
