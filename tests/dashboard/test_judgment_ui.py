"""View builders of the Judgments page (dashboard.judgment_ui): matrix views, missing comparisons, typed edits."""

from __future__ import annotations

import re

import pytest

from anp_core import DEFAULT_RI_TABLE, PairwiseMatrix, load_model
from dashboard.judgment_ui import SIDE_BY_SIDE_PX, MatrixRef, apply_matrix_edits, editor_width, matrix_view
from dashboard.text import plain
from tests.support.dashboard_models import LINK, payload_model

CREDIT = ("policy", "nodes", "policy", "credit_risk")


def test_apply_matrix_edits_is_all_or_nothing(paper_model):
    ref = MatrixRef.of(paper_model, CREDIT)
    new, problems = apply_matrix_edits(
        paper_model, ref, {0: {"consumer_complaints": "3", "insurance_protection": "x"}}
    )
    assert new is None
    assert problems == [
        "(Government regulation, Insurance protection): 'x' is not a number (type e.g. 3, 0.2 or 1/5)"
    ]
    new, problems = apply_matrix_edits(
        paper_model, ref, {0: {"consumer_complaints": "3"}, 1: {"platform_supervision": 2}}
    )
    assert problems == []
    comp = new.comparison_by_key[CREDIT]
    assert comp.matrix[0][1] == 3.0
    assert comp.matrix[1][0] == pytest.approx(1 / 3)
    assert comp.matrix[1][2] == 2.0


@pytest.mark.parametrize(
    "edited",
    [
        {"x": {"consumer_complaints": "3"}},
        {"0; DROP": {"consumer_complaints": "3"}},
        {None: {"consumer_complaints": "3"}},
        {1.5: {"consumer_complaints": "3"}},
        {True: {"consumer_complaints": "3"}},
        {"99": {"consumer_complaints": "3"}},
        {-1: {"consumer_complaints": "3"}},
        {0: "not a mapping"},
        {0: {"no_such_column": "3"}},
        {0: {"consumer_complaints": "3"}, "x": {"consumer_complaints": "2"}},
    ],
)
def test_crafted_edit_messages_are_refused_not_raised(paper_model, edited):
    """A websocket message can carry any row key or cell: each is a problem naming it, never an exception."""
    ref = MatrixRef.of(paper_model, CREDIT)
    new, problems = apply_matrix_edits(paper_model, ref, edited)
    assert new is None
    assert problems
    assert all(("not in this matrix" in p) for p in problems)


def test_matrix_ref_of_missing_override_is_none(paper_model):
    assert MatrixRef.of(paper_model, ("policy", "nodes", "electronic_payment", "credit_risk")) is None


def test_matrix_view_of_the_papers_default_matrix(paper_model):
    view = matrix_view(paper_model, paper_model, CREDIT, DEFAULT_RI_TABLE)
    assert view.title == plain(
        "Factors of Credit Risk Management with respect to Policy environment (all columns)"
    )
    assert [m[0] for m in view.metrics] == ["λmax", "CI", "CR"]
    assert view.metrics[2][1] == "0.0000"
    assert len(view.pairs) == 6
    assert not view.pair_picker
    pm = PairwiseMatrix(view.ref.matrix, view.ref.labels)
    assert view.priorities["Priority"].to_pylist() == pytest.approx(pm.priorities().tolist())
    assert (view.priorities["Δ"].to_numpy() == 0).all()
    assert view.heatmap is not None
    assert view.full_width  # its editor (about 500 px) would scroll in half the page: heatmap below
    assert view.frame.iloc[0, 3] == "25.43"
    assert view.frame.iloc[3, 0] == "= 1/25.43"


def test_an_editor_wider_than_half_the_page_takes_the_whole_width_with_its_heatmap_below():
    from tests.support.dashboard_models import big_model

    for size, full in ((3, False), (12, True)):
        m = big_model(n_clusters=2, size=size)
        view = matrix_view(m, m, m.comparisons_for("network")[0].key, DEFAULT_RI_TABLE)
        assert (editor_width(view.ref.labels) > SIDE_BY_SIDE_PX) is full
        assert view.full_width is full
        assert view.heatmap is not None


def test_a_large_matrix_gets_a_pair_picker_and_no_heatmap():
    from tests.support.dashboard_models import big_model

    m = big_model(n_clusters=2, size=61)
    key = ("network", "nodes", "network", "k0")
    comp = m.comparisons_for("network")[0]
    key = comp.key
    view = matrix_view(m, m, key, DEFAULT_RI_TABLE, pair=(3, 7))
    assert view.pair_picker
    assert [(p.i, p.j) for p in view.pairs] == [(3, 7)]
    assert view.heatmap is None
    assert view.frame.shape == (61, 61)


def test_missing_judgments_show_as_question_marks_and_a_not_given_option(paper_model):
    data = paper_model.model_dump(mode="python")
    comp = next(
        c for c in data["comparisons"] if (c["criterion"], c["kind"], c["wrt"], c["cluster"]) == CREDIT
    )
    comp["matrix"] = [list(r) for r in comp["matrix"]]
    comp["matrix"][0][3] = comp["matrix"][3][0] = None
    m = load_model(data)
    view = matrix_view(m, paper_model, CREDIT, DEFAULT_RI_TABLE)
    assert view.missing == 1
    assert view.frame.iloc[0, 3] == "?" == view.frame.iloc[3, 0]
    (pair,) = [p for p in view.pairs if (p.i, p.j) == (0, 3)]
    assert pair.value is None
    assert pair.options[-1] is None


def test_labels_with_markdown_are_escaped():
    m = payload_model()
    key = next(c.key for c in m.comparisons if c.kind == "nodes")
    view = matrix_view(m, m, key, DEFAULT_RI_TABLE)
    for text in [
        view.title,
        view.note,
        *(p.label for p in view.pairs),
        *(v for p in view.pairs for v in p.option_labels.values()),
    ]:
        assert LINK not in text
        assert not re.search(r"(?<!\\)\]\(", text)  # no unescaped "](" can open a link
        assert not re.search("https?://(?!\u2060)", text.replace("\\", ""))  # autolinks broken (word joiner)


def test_a_screen_reader_hears_each_bar_in_the_pages_language(paper_model):
    en = matrix_view(paper_model, paper_model, CREDIT, DEFAULT_RI_TABLE)
    zh = matrix_view(paper_model, paper_model, CREDIT, DEFAULT_RI_TABLE, lang="zh")
    assert en.bar.data["describe"][0].as_py() == "Government regulation: 0.5798"
    assert zh.bar.data["describe"][0].as_py().endswith("：0.5798")  # the full-width colon of Chinese text
