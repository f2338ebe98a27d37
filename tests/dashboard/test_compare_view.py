"""Head-to-head builders (dashboard.compare_view, compare_figures) and the chart summaries they use."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core.compare import head_to_head, scenario_shift
from anp_core.scenarios import Scenario
from dashboard import chart_summaries as cs
from dashboard import compare_figures, compare_view
from dashboard.palette import COLOURS


@pytest.fixture(scope="module")
def cnames(paper_model):
    return {c: paper_model.label(c) for c in paper_model.networked_criteria}


@pytest.fixture(scope="module")
def duel(paper_model):
    return head_to_head(paper_model, "government_regulation", "electronic_payment")


@pytest.fixture(scope="module")
def shift(paper_model):
    c = paper_model.comparisons[0]
    changed = c.model_copy(
        update={
            "matrix": paper_model.with_judgment(c.key, c.elements[0], c.elements[1], 9.0)
            .comparisons[0]
            .matrix
        }
    )
    b = Scenario(id="b", name="B", criterion_weights={"political": 0.6, "policy": 0.4}, overrides=(changed,))
    return scenario_shift(paper_model, None, b)


def test_duel_table_rows_add_up_to_the_composite_difference(duel, names, cnames):
    t = compare_view.duel_table(duel, names, cnames)
    assert t["Contribution"].sum() == pytest.approx(duel.composite_a - duel.composite_b)
    assert np.all(np.diff(np.abs(t["Contribution"].to_numpy())) <= 0)  # largest first
    assert t.loc[t["Criterion"] == "Policy environment", "Favours"].item() == "Government regulation"
    assert set(t["Favours"]) <= {"Government regulation", "Electronic payment", "–"}
    # break-even weights: where they exist, the two tie there
    for k, _c in enumerate(duel.criteria):
        t_k = duel.break_even[k]
        if np.isnan(t_k):
            continue
        w = np.delete(duel.weights, k)
        w = w / w.sum() * (1 - t_k)
        full = np.insert(w, k, t_k)
        assert full @ duel.limits_a == pytest.approx(full @ duel.limits_b, abs=1e-12)


def test_duel_sentence_names_the_leader_and_the_criteria(duel, names, cnames):
    text = compare_view.duel_sentence(duel, names, cnames)
    assert text.startswith("Government regulation is ahead of Electronic payment by 0.070")
    assert "Policy environment (+" in text
    assert "favour" in text
    assert "of all weightings" in text


def test_duel_bars_diverge_by_side_with_patterns(duel, names, cnames):
    fig = compare_figures.duel_bars(duel, names, cnames)
    a, b = fig.data
    assert (np.asarray(a.x) >= 0).all()
    assert (np.asarray(b.x) <= 0).all()
    assert np.asarray(a.x).sum() + np.asarray(b.x).sum() == pytest.approx(duel.difference)
    assert a.marker.pattern.shape != b.marker.pattern.shape  # told apart by more than colour
    assert {a.marker.color, b.marker.color} <= set(COLOURS)
    assert fig.layout.font.color == "#141312"


def test_scenario_drivers_split_exactly(shift, names, cnames):
    node = "government_regulation"
    d = compare_view.drivers_table(shift, node, cnames)
    i = shift.node_ids.index(node)
    assert d["Total"].sum() == pytest.approx(shift.composite_b[i] - shift.composite_a[i])
    assert (d["Judgment effect"].abs() > 0).any()
    text = compare_view.drivers_sentence(shift, node, names[node], cnames)
    assert text.startswith("Government regulation's composite weight changes by")
    every = compare_view.shift_table(shift, names)
    assert len(every) == 20
    assert list(every["Rank in B"]) == sorted(every["Rank in B"])
    fig = compare_figures.effect_bars(
        list(d["Criterion"]), d["Weight effect"], d["Judgment effect"], title="t", axis="x"
    )
    w, j, total = fig.data
    np.testing.assert_allclose(np.asarray(w.x) + np.asarray(j.x), np.asarray(total.x))
    assert w.marker.pattern.shape != j.marker.pattern.shape


def test_summaries_in_english_and_in_chinese():
    from anp_core.i18n import translator

    zh = translator("zh")
    text = cs.acceptability_summary(
        ["甲", "乙", "丙"], [0.6, 0.4, 0.0], over=zh("the weightings"), fmt=cs.formats_for("zh"), _=zh
    )
    assert "甲" in text
    assert "60%" in text
    assert "Ranks" not in text
    en = cs.effects_summary(["A", "B"], [0.0, 0.0], [0.01, -0.03])
    assert en == "The weights move nothing; the judgment changes on their own move B most (-0.030)."
    assert cs.rank_range_summary(["A"], [1], [1], [1]) == "Every factor keeps its rank in 90 % of the draws."
    assert cs.confidence_summary(["A"], [np.nan]).startswith("No factor ranks first")
    assert cs.central_weights_summary(["A"], ["p", "q"], [[np.nan, np.nan]]) == (
        "1 factor never ranks first and has no central weights."
    )
