"""ANP step by step: every step built from anp_core, for the teaching network and any model."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core import PairwiseMatrix, evaluate
from dashboard.teach import STEP_KEYS, build_step, pick_comparison, teaching_model
from tests.support.builders import network_model


def test_the_teaching_network_has_feedback_and_converges():
    m = teaching_model()
    assert len(m.node_ids) == 6
    assert m.ranked_node_ids == ("marketplace", "social", "website")
    ev = evaluate(m)
    assert all(ev.networks[c].limit.diagnosis == "primitive" for c in ev.criteria)
    # the two criteria disagree on the winner, so the synthesis step matters
    winners = {c: m.ranked_node_ids[int(np.argmax(ev.limits[:, k]))] for k, c in enumerate(ev.criteria)}
    assert len(set(winners.values())) == 2
    assert m.languages == ("zh",)


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
    net = ev.networks["political"]
    assert "both ways" in build_step(m, 0, "political").sentence
    comp = pick_comparison(m, "political")
    assert 3 <= len(comp.elements) <= 7
    pm = PairwiseMatrix(comp.matrix)
    pr = build_step(m, 2, "political")
    np.testing.assert_allclose(pr.table.iloc[:, 0].to_numpy(), np.round(pm.priorities(), 4))
    assert f"{pm.cr:.3f}" in pr.sentence
    u = build_step(m, 3, "political").table
    np.testing.assert_allclose(u.to_numpy(), np.round(net.unweighted, 4))
    w = build_step(m, 5, "political").table
    np.testing.assert_allclose(w.sum(axis=0).to_numpy(), 1.0, atol=1e-3)
    lim = build_step(m, 6, "political")
    np.testing.assert_allclose(lim.table.to_numpy(), np.round(net.limit.limit, 4))
    assert "agree to 6 decimals" in lim.detail
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
