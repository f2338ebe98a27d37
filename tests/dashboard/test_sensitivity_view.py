"""View builders of the Sensitivity page (dashboard.sensitivity_view)."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core import evaluate
from anp_core.sensitivity import crossings, end_ties, top_change_thresholds
from dashboard import sensitivity_view
from tests.support.dashboard_models import big_model, feedback_model


def test_criterion_view_lists_the_engines_crossings_in_words(paper_model):
    ev = evaluate(paper_model)
    view = sensitivity_view.criterion_view(ev, "political")
    assert view.crossings == tuple(crossings(ev, "political"))
    assert len(view.crossings) == 15  # the exact count (ANP issue 9)
    assert view.summary.startswith("**15 crossings** between 0 and 1. Nearest to the current weight (0.181)")
    assert view.sentences.count("\n- ") == 14
    assert view.title == "Crossings along the political environment weight"
    assert len(view.table) == 15


def test_ties_at_the_end_are_said_not_counted(paper_model):
    ev = evaluate(paper_model)
    view = sensitivity_view.criterion_view(ev, "economic")
    assert view.ties == tuple(end_ties(ev, "economic"))
    assert len(view.ties) == 2
    assert "at 1" in view.ties_text
    assert len(view.crossings) == 52


def test_a_criterion_without_crossings_says_so():
    m = feedback_model()
    ev = evaluate(m)
    for c in ev.criteria:
        view = sensitivity_view.criterion_view(ev, c)
        if not view.crossings:
            assert view.summary.startswith("No two factors swap places")


def test_many_factors_draw_the_largest_lines_and_skip_the_pair_list(monkeypatch):
    m = big_model()
    ev = evaluate(m)
    monkeypatch.setattr(sensitivity_view, "CROSSING_LIMIT", 50)
    view = sensitivity_view.criterion_view(ev, "network")
    assert view.crossings is None
    assert "pairs: neither the crossings nor the thresholds below are computed" in view.summary
    data = view.chart.data.to_pandas()
    drawn = data[data["kind"] == "line"]
    assert drawn["series"].nunique() == sensitivity_view.LINE_LIMIT
    assert f"Only the {sensitivity_view.LINE_LIMIT} largest of the 72" in view.chart_caption


def test_current_weights_text_names_the_scenario(paper_model):
    text = sensitivity_view.current_weights_text(evaluate(paper_model), "[Verify](https://evil.example)")
    assert text.startswith("**Current weights:** Policy environment 0.422")
    assert "\\[Verify\\]\\(https" in text


def test_threshold_view_and_tornado(paper_model):
    ev = evaluate(paper_model)
    thr = sensitivity_view.threshold_view(ev).to_pandas().set_index("Criterion")
    assert thr.loc["Political environment", "Top 1: at"] == pytest.approx(0.1021, abs=5e-5)
    tv = sensitivity_view.tornado_view(ev, 0.1, 3)
    chart, data = tv.chart.data.to_pandas(), tv.data.to_pandas()
    kinds = chart["kind"]
    assert (kinds == "bar").sum() == 2 * 3 * 5  # lowered and raised, the three panels on one pair of axes
    assert (kinds == "zero").sum() == 3 * 5
    titles = chart.loc[kinds == "title", "label"]
    assert sum("(composite" in t for t in titles) == 3
    assert len(data) == 3 * 5
    swing = data["Swing"]
    top = data.loc[swing.idxmax()]
    assert tv.text.startswith(
        f"{top['Criterion']} matters most here: between its weight lowered and raised by 0.1, the composite weight "
    )
    assert f"{top['Factor']} differs by {swing.max():.3f}" in tv.text  # the distance between its two bars


@pytest.mark.parametrize("which", ["paper", "feedback", "big"])
def test_threshold_view_is_the_engines_smallest_change_per_criterion(paper_model, which):
    m = {"paper": paper_model, "feedback": feedback_model(), "big": big_model()}[which]
    ev = evaluate(m)
    thr = sensitivity_view.threshold_view(ev).to_pandas().set_index("Criterion")
    assert len(thr) == len(ev.criteria)
    for c in ev.criteria:
        row = thr.loc[m.label(c)]
        for r in top_change_thresholds(ev, c).to_dict("records"):
            if r["top"] >= len(m.ranked_node_ids):  # the set of every factor never changes: no column
                assert f"Top {r['top']}: move" not in thr.columns
                continue
            move, at = row[f"Top {r['top']}: move"], row[f"Top {r['top']}: at"]
            assert row["Current weight"] == pytest.approx(r["current"], abs=1e-12)
            if np.isnan(r["smallest_change"]):
                assert np.isnan(move)
                assert np.isnan(at)
            else:
                assert abs(move) == pytest.approx(r["smallest_change"], abs=1e-12)
                assert at == pytest.approx(r["change_above"] if move > 0 else r["change_below"], abs=1e-12)


@pytest.mark.parametrize("which", ["paper", "feedback"])
def test_tornado_summary_names_the_criteria_of_the_largest_and_smallest_swing(paper_model, which):
    m = {"paper": paper_model, "feedback": feedback_model()}[which]
    ev = evaluate(m)
    tv = sensitivity_view.tornado_view(ev, 0.05, 4)
    data = tv.data.to_pandas()
    by_criterion = data.groupby("Criterion", sort=False)["Swing"].max()
    most = data.loc[data["Swing"].idxmax(), "Criterion"]
    if len(ev.criteria) == 2:  # moving one weight moves the other: the same swings
        np.testing.assert_allclose(by_criterion.min(), by_criterion.max(), rtol=1e-9)
        assert tv.text.startswith("The criteria matter alike here")
        assert "least" not in tv.text
    else:
        assert tv.text.startswith(f"{most} matters most here")
        assert f"{by_criterion.idxmin()} matters least" in tv.text
    np.testing.assert_allclose(
        data["Swing"], (data["Change when raised"] - data["Change when lowered"]).abs()
    )
    # the table holds what the bars show
    chart = tv.chart.data.to_pandas()
    bars = chart[chart["kind"] == "bar"]
    for row in data.to_dict("records"):
        mine = bars[(bars["factor"] == row["Factor"]) & (bars["criterion"] == row["Criterion"])]
        assert list(mine["change"]) == pytest.approx([row["Change when lowered"], row["Change when raised"]])


def test_a_model_with_one_criterion_says_why_the_page_is_empty(paper_model):
    from anp_core import load_model
    from tests.support.paper import ROOT

    one = load_model(ROOT / "data" / "models" / "examples" / "coffee_feedback.json")
    text = sensitivity_view.single_criterion_text(evaluate(one))
    assert text is not None
    assert text.startswith("This model has one control criterion (Market share)")
    assert "至少需要两个准则" in sensitivity_view.single_criterion_text(evaluate(one), "zh")
    assert sensitivity_view.single_criterion_text(evaluate(paper_model)) is None
    # a second criterion switched on (as the Weights page's toggle does) gives the page its content back
    assert sensitivity_view.single_criterion_text(evaluate(feedback_model())) is None


def test_the_tornado_table_names_its_columns_of_changes(paper_model):
    ev = evaluate(paper_model)
    for lang in ("en", "zh"):
        tv = sensitivity_view.tornado_view(ev, 0.1, 3, lang)
        assert len(tv.signed) == 2
        assert set(tv.signed) <= set(tv.data.column_names[2:])  # the page shows these two with their sign
        data = tv.data.to_pandas()
        lowered = data[tv.signed[0]]
        assert (lowered < 0).any()  # lowering a weight moves composites both ways
        assert (lowered > 0).any()
    assert tv.signed == ("权重降低时的变化", "权重提高时的变化")  # the Chinese column names


def test_small_and_large_models_get_only_the_thresholds_that_mean_something(monkeypatch, paper_model):
    small = evaluate(feedback_model())
    n = len(small.model.ranked_node_ids)
    assert sensitivity_view.threshold_tops(small) == tuple(k for k in (1, 3, 5) if k < n)
    assert sensitivity_view.threshold_tops(evaluate(paper_model)) == (1, 3, 5)
    columns = sensitivity_view.threshold_view(small).column_names
    assert [c for c in columns if c.endswith(": move")] == [f"Top {k}: move" for k in (1, 3, 5) if k < n]
    assert sensitivity_view.criterion_view(small, small.criteria[0]).top == min(5, n)
    # too many factors for the crossings of every pair: no table (the page says why)
    monkeypatch.setattr(sensitivity_view, "CROSSING_LIMIT", 50)
    assert sensitivity_view.threshold_view(evaluate(big_model())) is None
