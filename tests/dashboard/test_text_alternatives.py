"""Chart summaries (text alternatives) written from the data, on the paper's model and on edge cases."""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pytest

from dashboard.text_alternatives import (
    Formats,
    Phrases,
    heatmap_summary,
    ranking_summary,
    scenario_change_summary,
    sensitivity_summary,
)


@pytest.fixture(scope="module")
def paper_eval(paper_model):
    from anp_core import evaluate

    return evaluate(paper_model)


# --------------------------------------------------------------------------- ranking
def test_ranking_of_the_paper_names_the_leader_and_the_top_three_share(paper_eval):
    table = paper_eval.table()
    text = ranking_summary(table["name"].tolist(), table["composite"].to_numpy())
    top = table.sort_values("composite", ascending=False)
    share = top["composite"].iloc[:3].sum() / top["composite"].sum()
    assert text == (
        f"{top['name'].iloc[0]} leads with {top['composite'].iloc[0]:.3f}; the top three hold {100 * share:.0f} %."
    )
    assert text.startswith("Government regulation leads with 0.143; the top three hold ")


def test_ranking_ties_single_empty_and_nan():
    assert ranking_summary(["A", "B", "C"], [0.4, 0.4, 0.2], top=2) == (
        "A and B share the lead with 0.400; the top two hold 80 %."
    )
    assert ranking_summary(["A"], [1.0]) == "A is the only item, with 1.000."
    assert ranking_summary([], []) == "The chart has no data."
    assert (
        ranking_summary(["A", "B", "C"], [np.nan, 0.3, 0.7], top=1)
        == "C leads with 0.700, 70 % of the total."
    )


def test_ranking_leaves_out_the_share_when_it_means_nothing():
    assert ranking_summary(["A", "B"], [0.6, 0.4]) == "A leads with 0.600."  # top 3 of 2 items
    assert (
        ranking_summary(["A", "B", "C", "D"], [0.5, -0.1, 0.2, 0.1]) == "A leads with 0.500."
    )  # a negative value
    assert ranking_summary(["A", "B", "C", "D"], [0, 0, 0, 0]) == "A, B, C and D share the lead with 0.000."


def test_ranking_refuses_mismatched_lengths():
    with pytest.raises(ValueError, match="2 labels for 3 values"):
        ranking_summary(["A", "B"], [1, 2, 3])


def test_ranking_with_a_plugged_in_locale():
    zh = Formats(
        number=lambda x: f"{x:.3f}",
        share=lambda x: f"{100 * x:.0f}%",
        count=lambda n: "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n),
        join=lambda xs: "、".join(xs),
    )
    phrases = Phrases(
        leads="{name}居首，为 {value}", top_hold="前{k}名合计 {share}", sentence_join="；", end="。"
    )
    text = ranking_summary(
        ["政府监管", "综合服务平台", "电子支付", "其他"], [0.143, 0.134, 0.073, 0.65], fmt=zh, phrases=phrases
    )
    assert text == "其他居首，为 0.650；前三名合计 93%。"


# --------------------------------------------------------------------------- heatmap
def test_heatmap_of_a_paper_supermatrix_names_the_extreme_cells(paper_eval, paper_model):
    net = paper_eval.networks[paper_eval.criteria[0]]
    w = np.asarray(net.weighted)
    ids = [paper_model.label(i, "en") for i in net.node_ids]
    text = heatmap_summary(ids, ids, w)
    r, c = np.unravel_index(np.argmax(w), w.shape)
    assert text.startswith(f"The largest entry is row {ids[r]}, column {ids[c]} = {w[r, c]:.3f}")
    nz = np.where(w > 0, w, np.inf)
    r2, c2 = np.unravel_index(np.argmin(nz), w.shape)
    assert f"the smallest non-zero entry is row {ids[r2]}, column {ids[c2]} = {w[r2, c2]:.3f}" in text
    n_zero = int((w == 0).sum())
    assert (f"{n_zero} of {w.size} entries are zero." in text) if n_zero else ("entries are zero" not in text)


def test_heatmap_of_a_hierarchy_counts_its_structural_zeros():
    from anp_core import evaluate, load_model
    from tests.conftest import ROOT

    model = load_model(ROOT / "data" / "models" / "examples" / "saaty_best_city.json")
    ev = evaluate(model)
    net = ev.networks[ev.criteria[0]]
    w = np.asarray(net.weighted)
    ids = [model.label(i, "en") for i in net.node_ids]
    n_zero = int((w == 0).sum())
    assert n_zero > 0
    assert heatmap_summary(ids, ids, w).endswith(f"; {n_zero} of {w.size} entries are zero.")


def test_heatmap_ties_missing_and_all_zero():
    text = heatmap_summary(["a", "b"], ["x", "y"], [[1.0, np.nan], [1.0, 0.5]])
    assert text == (
        "The largest entry is row a, column x = 1.000 (and 1 more entries as large); "
        "the smallest non-zero entry is row b, column y = 0.500; 1 of 4 entries are missing."
    )
    assert heatmap_summary(["a"], ["x", "y"], [[0.0, 0.0]]) == "Every entry is zero."
    assert heatmap_summary(["a"], ["x"], [[np.nan]]) == "1 of 1 entries are missing."
    assert heatmap_summary(["a"], ["x"], [[0.3]]) == "The largest entry is row a, column x = 0.300."


def test_heatmap_refuses_a_shape_that_does_not_match_the_labels():
    with pytest.raises(ValueError, match=r"shape \(2, 2\) for 3 row"):
        heatmap_summary(["a", "b", "c"], ["x", "y"], np.eye(2))


# --------------------------------------------------------------------------- sensitivity
def test_sensitivity_of_the_paper_counts_crossings_and_names_the_nearest(paper_eval, paper_model):
    from anp_core import sensitivity

    crit = paper_eval.criteria[0]
    xs = sensitivity.crossings(paper_eval, crit)
    current = sensitivity.lines(paper_eval, crit).current
    names = {i: paper_model.label(i, "en") for i in paper_model.ranked_node_ids}
    text = sensitivity_summary(xs, current, criterion="Policy environment", names=names)
    near = min(xs, key=lambda x: abs(x.t - current))
    assert text.startswith(
        f"As the Policy environment weight moves from 0 to 1 the lines cross {len(xs)} times; "
    )
    assert text.endswith(
        f"the nearest crossing to the current weight ({current:.3f}) is at {near.t:.3f}, "
        f"where {names[near.overtaker]} overtakes {names[near.overtaken]}."
    )


def test_sensitivity_restricted_to_the_drawn_lines_and_without_crossings():
    xs = [
        SimpleNamespace(t=0.2, overtaker="a", overtaken="b"),
        SimpleNamespace(t=0.3, overtaker="c", overtaken="d"),
        SimpleNamespace(t=0.6, overtaker="b", overtaken="a"),
    ]
    assert sensitivity_summary(xs, 0.25, criterion="X", among={"a", "b"}) == (
        "As the X weight moves from 0 to 1 the lines of the current top two cross two times; "
        "the nearest crossing to the current weight (0.250) is at 0.200, where a overtakes b."
    )
    assert sensitivity_summary(xs[1:2], 0.5, criterion="X", among={"a", "b"}) == (
        "As the X weight moves from 0 to 1 the lines of the current top two never cross: their order stays the "
        "same over the whole range."
    )
    one = sensitivity_summary(xs[1:2], 0.9, criterion="X")
    assert "cross one time;" in one
    assert sensitivity_summary([], 0.5, criterion="X") == (
        "As the X weight moves from 0 to 1 the lines never cross: the order stays the same over the whole range."
    )


def test_sensitivity_nearest_tie_goes_to_the_smaller_weight():
    xs = [
        SimpleNamespace(t=0.6, overtaker="c", overtaken="d"),
        SimpleNamespace(t=0.4, overtaker="a", overtaken="b"),
    ]
    assert sensitivity_summary(xs, 0.5, criterion="X").endswith("is at 0.400, where a overtakes b.")


# --------------------------------------------------------------------------- scenarios
def test_scenario_changes():
    labels = ["A", "B", "C", "D"]
    assert scenario_change_summary(labels, [1, 2, 3, 4], [1, 2, 3, 4], scenario="S", baseline="P") == (
        "Under S no factor changes rank against P."
    )
    text = scenario_change_summary(labels, [1, 2, 3, 4], [2, 3, 4, 1], scenario="Tariffs", baseline="Paper")
    assert text == (
        "Under Tariffs, 4 of 4 factors change rank against Paper; the largest move is D, from 4 to 1; D becomes first."
    )
    with pytest.raises(ValueError, match="2 labels"):
        scenario_change_summary(["A", "B"], [1], [1], scenario="S", baseline="P")


def test_every_summary_is_one_sentence_of_plain_text():
    texts = [
        ranking_summary(["A", "B", "C", "D"], [0.4, 0.3, 0.2, 0.1]),
        heatmap_summary(["a", "b"], ["x", "y"], [[0.2, 0.0], [0.42, 0.05]]),
        sensitivity_summary([SimpleNamespace(t=0.5, overtaker="a", overtaken="b")], 0.2, criterion="X"),
        scenario_change_summary(["A", "B"], [1, 2], [2, 1], scenario="S", baseline="P"),
    ]
    for t in texts:
        assert t.endswith(".")
        assert t.count(". ") == 0  # one sentence
        assert not re.search(r"[<>*_`]", t)  # nothing of markdown or HTML added by the writer


def test_localised_phrases_come_from_the_catalog():
    from dataclasses import fields

    from dashboard.text_alternatives import PHRASES, localised

    en_fmt, en = localised("en")
    assert en == PHRASES
    assert en_fmt.count(3) == "three"
    zh_fmt, zh = localised("zh")
    for f in fields(Phrases):
        value = getattr(PHRASES, f.name)
        if isinstance(value, str) and value.strip(" ;."):
            assert getattr(zh, f.name) != value, f.name  # every frame translated
    assert zh_fmt.join(["甲", "乙", "丙"]) == "甲、乙和丙"
    assert zh_fmt.share(0.35) == "35%"
    text = heatmap_summary(["甲", "乙"], ["丙", "丁"], [[0.2, 0.0], [0.42, 0.05]], fmt=zh_fmt, phrases=zh)
    assert (
        text
        == "最大元素位于“乙”行、“丙”列，值为 0.420；最小的非零元素位于“乙”行、“丁”列，值为 0.050；4 个元素中有 1 个为零。"
    )
