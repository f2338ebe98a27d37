"""View builders of the Weights page (dashboard.weights_ui): rank table, top cards with ties, captions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from anp_core import evaluate
from dashboard import audit, vega_charts, weights_ui
from dashboard.figures import cluster_styles
from dashboard.text import plain
from dashboard.weights_ui import (
    card_markdown,
    cluster_shares,
    light_table,
    rank_change,
    rank_table,
    top_cards,
    top_records,
)
from tests.support.dashboard_models import feedback_model, hierarchy_model


def test_rank_change_labels():
    assert [rank_change(5, 3), rank_change(3, 4), rank_change(2, 2)] == ["▲2", "▼1", "–"]


def test_rank_table_against_itself_has_no_change(paper_model):
    t = evaluate(paper_model).table()
    r = rank_table(t, t)
    assert set(r["Change"]) == {"–"}
    assert (r["Δ weight"] == 0).all()
    assert list(r.index) == list(t.index)


@pytest.mark.parametrize("weights", [None, {"political": 1.0}, {"policy": 0.2, "technological": 0.8}])
def test_light_table_equals_the_engine_table(paper_model, weights):
    ev = evaluate(paper_model, weights)
    full = ev.table()[["name", "cluster", "composite", "rank"]]
    light = light_table(ev)
    assert list(light.index) == list(full.index)
    for col in ("name", "cluster", "composite", "rank"):
        assert light[col].tolist() == full[col].tolist()
    assert cluster_shares(light) == pytest.approx(ev.cluster_weights.to_dict())


def test_light_table_ranks_only_the_ranked_nodes():
    m = hierarchy_model()
    ev = evaluate(m)
    t = light_table(ev)
    assert list(t.index) == ["a2", "a1"] or set(t.index) == {"a1", "a2"}
    assert len(t) == len(m.ranked_node_ids) == 2
    assert t["composite"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize("weights", [None, {"political": 1.0}, {"economic": 0.3, "socio_cultural": 0.7}])
def test_top_records_are_the_rows_with_the_largest_composite(paper_model, weights):
    ev = evaluate(paper_model, weights)
    ranked = rank_table(light_table(ev), light_table(evaluate(paper_model)))
    expected = ranked.sort_values("Composite", ascending=False, kind="stable").head(5)
    assert top_records(ranked) == expected.to_dict("records")
    # only the rows ranked 3rd or better, still largest composite first
    kept = expected[expected["Rank"] <= 3]
    assert top_records(ranked, 5, max_rank=3) == kept.to_dict("records")


def test_top_cards_show_every_factor_tied_at_rank_5(paper_model):
    ev = evaluate(paper_model)
    t = light_table(ev)
    cards, note = top_cards(rank_table(t, t))
    assert [c.label for c in cards] == [
        "#1 Government regulation",
        "#2 Comprehensive service platform",
        "#3 Electronic payment",
        "#4 Consumer complaints handling",
        "#5 Product & brand",  # a label's aria-label carries no markdown backslash (text.label_text)
        "#5 Talent cultivation system",
    ]
    assert note == "Two factors share rank 5."
    assert ev.ranks["talent_cultivation_system"] == ev.ranks["product_brand"] == 5
    zh = light_table(ev, "zh")
    cards, note = top_cards(rank_table(zh, zh), lang="zh")
    assert cards[0].label == f"#1 {paper_model.label('government_regulation', 'zh')}"
    assert note == "两个因素并列第 5 名。"
    assert cards[0].description == "排名 –"


@pytest.mark.parametrize(
    ("delta", "change"),
    [
        (0.0123, ":green[▲ +0.012]"),
        (-0.0051, ":red[▼ -0.005]"),
        (0.0004, ":gray[+0.000]"),
        (-0.0004, ":gray[-0.000]"),
    ],
)
def test_a_card_says_its_change_with_an_arrow_and_a_sign_not_colour_alone(delta, change):
    lines = card_markdown("**#2** B", "0.150", delta, "rank ▼1").split("  \n")
    assert lines == ["**#2** B", f"**0.150** {change}", ":small[rank ▼1]"]


def test_the_cards_markdown_holds_what_the_card_says(paper_model):
    ev = evaluate(paper_model, {"political": 1.0})
    base = light_table(evaluate(paper_model))
    cards, _ = top_cards(rank_table(light_table(ev), base))
    for card in cards:
        assert card.markdown == card_markdown(card.title, card.value, card.delta, card.description)
    assert any("▲" in c.markdown.split("  \n")[1] for c in cards)
    assert any(c.description != "rank –" for c in cards)


def test_top_cards_count_a_long_tie_instead_of_drawing_it(paper_model):
    t = light_table(evaluate(paper_model))
    ranked = rank_table(t, t)
    ranked["Rank"] = 1  # every factor tied first (equal judgments give this)
    cards, note = top_cards(ranked)
    assert len(cards) == 5
    assert note == "… and 15 more tied at rank 1 (see the ranking below)."
    ranked["Rank"] = [1, 2, 3, 4, 5, 5, 5, 5] + [9] * 12  # four tied at 5: six or more cards are too many
    cards, note = top_cards(ranked)
    assert [c.label.split()[0] for c in cards] == ["#1", "#2", "#3", "#4", "#5"]
    assert note == "… and 3 more tied at rank 5 (see the ranking below)."


def test_published_note_is_computed_from_the_published_table(paper_model):
    ev = evaluate(paper_model)
    comp = audit.composite(ev, audit.published_table(paper_model))
    f = comp["difference"].abs().idxmax()
    assert f == "product_brand"
    diff = comp.loc[f, "difference"]
    gap = comp.loc[f, "published_sum_gap"]
    note = weights_ui.published_note(paper_model, ev)
    assert "not the weighted sum of the published columns" in note
    assert plain("Product & brand") in note
    assert f"{diff:+.4f}" in note
    assert f"{diff:+.4f}" == "+0.0054"
    assert f"{abs(gap):.4f} above" in note
    assert f"explains only {diff - gap:+.4f}" in note
    assert f"{diff - gap:+.4f}" == "+0.0002"


def test_published_note_needs_a_published_table():
    m = feedback_model()
    assert weights_ui.published_note(m, evaluate(m)) is None


def test_effective_text_uses_full_names():
    m = feedback_model()
    text = weights_ui.effective_text(m, {"cost": 0.75, "quality": 0.25}, 1.0)
    assert text == "**Effective weights**: Cost 0.750 · Quality 0.250"
    assert "sliders sum to 0.500" in weights_ui.effective_text(m, {"cost": 1.0}, 0.5)


def test_weights_view_draws_the_ranked_nodes(paper_model):
    base = evaluate(paper_model)
    view = weights_ui.weights_view(evaluate(paper_model, {"political": 1.0}), base)
    assert len(view.ranked) == 20
    assert view.ranked.loc["product_brand", "Change"] == "▲2"
    assert np.isclose(view.ranked["Composite"].sum(), 1.0)
    assert len(view.cards) == 5
    assert view.cards_note == ""


@pytest.mark.parametrize("model", ["paper", "feedback", "hierarchy"])
def test_the_plain_columns_build_the_same_tables_cards_and_chart_as_the_frames(paper_model, model):
    m = {"paper": paper_model, "feedback": feedback_model(), "hierarchy": hierarchy_model()}[model]
    base = evaluate(m)
    weights = dict(zip(base.criteria, np.linspace(1.0, 2.0, len(base.criteria)).tolist(), strict=True))
    ev = evaluate(m, weights)
    cols, base_cols = weights_ui.light_columns(ev), weights_ui.light_columns(base)
    frame, base_frame = light_table(ev), light_table(base)
    assert list(cols.ids) == frame.index.tolist()
    assert list(cols.names) == frame["name"].tolist()
    assert list(cols.clusters) == frame["cluster"].tolist()
    np.testing.assert_array_equal(cols.composite, frame["composite"].to_numpy())
    np.testing.assert_array_equal(cols.rank, frame["rank"].to_numpy())
    from_frames = rank_table(frame, base_frame)
    pd.testing.assert_frame_equal(rank_table(cols, base_cols), from_frames)
    assert top_cards(weights_ui.rank_columns(cols, base_cols)) == top_cards(from_frames)
    assert cluster_shares(cols) == cluster_shares(frame)
    pd.testing.assert_frame_equal(weights_ui.shares_table(cols, {}), weights_ui.shares_table(frame, {}))
    styles = cluster_styles(m)
    a = vega_charts.composite_bar(
        cols, styles, baseline=dict(zip(base_cols.ids, base_cols.composite.tolist(), strict=True))
    )
    b = vega_charts.composite_bar(frame, styles, baseline=base_frame["composite"])
    assert a.spec == b.spec
    assert a.data.equals(b.data)


def test_the_ranking_table_is_drawn_with_its_column_names_in_the_language():
    ev = evaluate(feedback_model())
    ranked = rank_table(light_table(ev), light_table(ev))
    assert weights_ui.display_table(ranked) is ranked  # English: drawn as it is
    zh = weights_ui.display_table(ranked, "zh")
    assert list(zh.columns) != list(ranked.columns)
    assert zh.iloc[:, 0].tolist() == ranked["Rank"].tolist()
