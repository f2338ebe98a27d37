"""View builders of the panel pages: translated words and messages, the experts' chart, its summary and table."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from anp_core import load_model
from anp_core.aggregation import aggregate
from anp_core.aggregation_model import CRITERIA_KEY, model_matrices
from anp_core.i18n import translator
from dashboard import palette
from dashboard import panel_views as pv
from dashboard.panel_text import VERBAL_TEXT, consensus_word, translate_message
from panel.creation import creation_problems
from panel.db import get_engine
from panel.results import expert_matrix, panel_results
from panel.scale import SCALE_VALUES, VERBAL
from panel.store import AccessDeniedError, AnswerRejectedError, ExpertSpec, PanelStore
from tests.conftest import MODEL_PATH

ZH = translator("zh")
EN = translator("en")
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'-]+[A-Za-z]{2,}){2,}")


@pytest.fixture
def store(tmp_path):
    return PanelStore(get_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}"))


@pytest.fixture(scope="module")
def model():
    return load_model(MODEL_PATH)


@pytest.fixture
def answered(store, model):
    """A panel on the criteria comparison: Ann, Bob (weight 2) and <b>Cy</b> submitted, Dee nothing."""
    experts = [ExpertSpec("Ann"), ExpertSpec("Bob", 2.0), ExpertSpec("<b>Cy</b>"), ExpertSpec("Dee")]
    made = store.create_panel(model, "P", experts, matrices=[CRITERIA_KEY])
    for (_, _, token), v in zip(made.expert_tokens[:3], (3.0, 1 / 2, 5.0), strict=True):
        store.save_answers(
            token, [("criteria", i, j, v if (i + j) % 2 else 2.0) for i in range(5) for j in range(i + 1, 5)]
        )
        store.submit(token, "criteria")
    return made


# --------------------------------------------------------------------------- words and messages
def test_the_verbal_scale_is_the_panels_and_translated():
    assert VERBAL_TEXT == VERBAL  # the same words as the panel package and its workbooks
    for strength in VERBAL:
        assert ZH(VERBAL_TEXT[strength]) != VERBAL_TEXT[strength]
    labels = [pv.option_label(v, "甲", "乙", ZH) for v in SCALE_VALUES]
    assert len(set(labels)) == len(SCALE_VALUES)  # the 17 points read differently
    assert labels[0] == "甲 · 9 · 极端重要"
    assert pv.option_label(1.0, "甲", "乙", ZH) == "同等重要"
    assert pv.option_label(0.25, "A", "B") == "B · 4 · moderate to strong"


@pytest.mark.parametrize("word", ["very low", "low", "moderate", "high", "very high"])
def test_consensus_words_are_translated(word):
    assert consensus_word(word, ZH) != word
    assert consensus_word(word) == word


def panel_messages(store, model) -> list[str]:
    """Every message of the panel package a panel page can show, raised for real."""
    found: list[str] = []
    specs = [s for s in model_matrices(model) if s.n == 3][:1]
    found += creation_problems("", [], [], None, "", "aij")
    bad = [ExpertSpec("Ann", float("nan")), ExpertSpec("ann", 0.0, ()), ExpertSpec("x" * 200, 0.0)]
    found += creation_problems("x" * 201, bad, specs, datetime(2000, 1, 1, tzinfo=UTC), "x" * 5001, "aij")
    made = store.create_panel(model, "P", [ExpertSpec("Ann")], matrices=[s.key for s in specs])
    token, key = (
        made.expert_tokens[0][2],
        "/".join([specs[0].key[0], specs[0].key[1], specs[0].key[2], specs[0].key[3] or "-"]),
    )
    for attempt in (
        lambda: store.expert_state("short"),
        lambda: store.expert_state("x" * 43),
        lambda: store.panel_state("x" * 43),
        lambda: store.submit(token, key),
        lambda: store.submit(token, "criteria"),
    ):
        with pytest.raises((AccessDeniedError, AnswerRejectedError)) as err:
            attempt()
        found.append(str(err.value))
    store.set_deadline(made.facilitator_secret, datetime.now(UTC) - timedelta(seconds=1))
    with pytest.raises(AccessDeniedError) as err:
        store.save_answers(token, [(key, 0, 1, 3)])
    found.append(str(err.value))
    store.set_open(made.facilitator_secret, False)
    with pytest.raises(AccessDeniedError) as err:
        store.save_answers(token, [(key, 0, 1, 3)])
    found.append(str(err.value))
    with pytest.raises(ValueError, match="row 1") as err:
        pv.parse_experts([{"Name": "A", "Weight": "lots"}], {}, [])
    found.append(str(err.value))
    found += [r.problem for r in panel_results(store.panel_state(made.facilitator_secret))]
    found += [
        r.problem for r in panel_results(store.panel_state(made.facilitator_secret), include_drafts=True)
    ]
    return found


def test_every_message_of_the_panel_package_is_translated(store, model):
    messages = panel_messages(store, model)
    assert len(messages) >= 20
    for msg in messages:
        for part in msg.split("; "):
            zh = translate_message(part, ZH)
            assert zh != part, f"not recognised: {part!r}"
            leftover = zh.replace("x" * 40, "").replace("Ann", "").replace("ann", "")
            assert not ENGLISH_RUN.search(leftover), zh
        # English passes through unchanged, but for the count's plural form ("1 pair is", "3 pairs are")
        english = re.sub(r"\b1 pair\(s\) are", "1 pair is", msg).replace("pair(s) are", "pairs are")
        assert translate_message(msg, EN) == english


def test_an_unknown_message_passes_unchanged():
    assert translate_message("something new; the panel needs a name of 1-200 characters", ZH) == (
        "something new；专家组需要 1 到 200 个字符的名称"
    )


# --------------------------------------------------------------------------- names in the model's language
def test_titles_and_questions_follow_the_language(model):
    spec = next(s for s in model_matrices(model) if s.key[1] == "nodes")
    crit, _kind, wrt, cluster = spec.key
    assert pv.matrix_title(spec, model) == spec.title  # English: the panel's own title
    assert pv.matrix_question(spec, model) == spec.question
    title = pv.matrix_title(spec, model, "zh", ZH)
    assert model.label(crit, "zh") in title
    assert model.label(cluster, "zh") in title
    assert model.label(wrt, "zh") in pv.matrix_question(spec, model, "zh", ZH)
    assert pv.element_labels(spec, model, "zh") == tuple(model.label(e, "zh") for e in spec.elements)
    assert pv.element_labels(spec) == spec.labels
    assert pv.matrix_title(model_matrices(model)[0], model, "zh", ZH) == "控制准则"


def test_links_carry_the_chosen_language():
    tokens = [(1, "Ann", "tokA"), (2, "Bob", "tokB")]
    en = pv.expert_links("http://host:8501/", tokens)
    assert list(en["Private link"]) == ["http://host:8501/?panel=tokA", "http://host:8501/?panel=tokB"]
    zh = pv.expert_links("http://host:8501", tokens, "zh", ZH)
    assert list(zh[ZH("Private link")]) == [
        "http://host:8501/?panel=tokA&lang=zh",
        "http://host:8501/?panel=tokB&lang=zh",
    ]


# --------------------------------------------------------------------------- the experts' chart
def test_the_chart_gives_each_expert_a_palette_style_and_escapes_names(store, answered, model):
    state = store.panel_state(answered.facilitator_secret)
    res = panel_results(state)[0]
    labels = pv.element_labels(res.matrix.spec, model, "zh")
    fig = pv.expert_priorities_figure(res, labels, ZH)
    experts, group = fig.data[:-1], fig.data[-1]
    assert [t.name for t in experts] == ["Ann", "Bob", "&lt;b&gt;Cy&lt;/b&gt;"]  # no HTML from a name
    styles = {(t.marker.color, t.marker.symbol) for t in experts}
    assert len(styles) == 3
    for k, t in enumerate(experts):
        assert t.marker.color == palette.style(k).colour
        assert t.marker.symbol.startswith(palette.style(k).symbol)
    assert group.name == "群体（AIJ）"
    np.testing.assert_allclose(group.x, res.aggregate.priorities)
    assert list(fig.layout.yaxis.ticktext) == list(labels)
    assert fig.layout.font.color == palette.PLOT_TEXT  # apply_plot_text: AA text colours
    assert fig.layout.xaxis.tickfont.color == palette.PLOT_MUTED_TEXT


def test_the_summary_and_table_say_what_the_chart_shows(store, answered, model):
    state = store.panel_state(answered.facilitator_secret)
    res = panel_results(state)[0]
    labels = list(res.matrix.spec.labels)
    done = [a for a in state.assignments.values() if a.submitted_at is not None]
    done.sort(key=lambda a: a.expert_id)
    expected = aggregate([expert_matrix(a) for a in done], "aij", [1.0, 2.0, 1.0])
    lead = labels[int(np.argmax(expected.priorities))]
    text = pv.priorities_summary(res, labels)
    assert text.startswith(f"In the group result (AIJ), {lead} leads with {expected.priorities.max():.3f}")
    rows = np.array([e.priorities for e in expected.experts])
    k = int(np.argmax(rows.max(axis=0) - rows.min(axis=0)))
    low, high = rows[:, k].min(), rows[:, k].max()
    assert text.endswith(f"the experts differ most on {labels[k]}, from {low:.3f} to {high:.3f}.")
    zh = pv.priorities_summary(res, pv.element_labels(res.matrix.spec, model, "zh"), ZH)
    assert zh.startswith("在群体结果（AIJ）中，")
    assert not ENGLISH_RUN.search(zh)
    table = pv.priorities_table(res, labels)
    assert list(table.columns) == ["Element", "Ann", "Bob", "<b>Cy</b>", "Group (AIJ)"]
    np.testing.assert_allclose(table["Group (AIJ)"], expected.priorities, atol=5e-5)
    np.testing.assert_allclose(table["Bob"], rows[1], atol=5e-5)


def test_the_stamp_changes_with_every_saved_or_submitted_answer(store, answered):
    secret, token = answered.facilitator_secret, answered.expert_tokens[3][2]
    before = pv.answers_stamp(store.panel_state(secret))
    assert pv.answers_stamp(store.panel_state(secret)) == before
    store.save_answers(token, [("criteria", 0, 1, 3)])
    saved = pv.answers_stamp(store.panel_state(secret))
    assert saved != before
    store.save_answers(token, [("criteria", 0, 1, 4)])
    assert pv.answers_stamp(store.panel_state(secret)) != saved


def review_of(store, model, answers):
    made = store.create_panel(model, "P", [ExpertSpec("Ann")], matrices=[CRITERIA_KEY])
    token = made.expert_tokens[0][2]
    store.save_answers(token, [("criteria", i, j, v) for (i, j), v in answers.items()])
    return pv.review(store.expert_state(token).assignments[0])


def test_a_consistent_matrix_names_no_answer_to_revise(store, model):
    w = [8.0, 4.0, 2.0, 1.0, 1.0]  # every ratio is a point of the scale
    rv = review_of(store, model, {(i, j): w[i] / w[j] for i in range(5) for j in range(i + 1, 5)})
    assert rv.cr == pytest.approx(0.0, abs=1e-9)
    assert rv.worst is None


def test_the_answer_to_revise_is_the_one_whose_change_lowers_the_cr_most(store, model):
    w = [8.0, 4.0, 2.0, 1.0, 1.0]
    answers = {(i, j): w[i] / w[j] for i in range(5) for j in range(i + 1, 5)}
    answers[(0, 3)] = 1 / 3  # 8 answered as 1/3: far off
    rv = review_of(store, model, answers)
    assert rv.cr > 0.1
    assert (rv.worst.i, rv.worst.j, rv.worst.value) == (0, 3, 1 / 3)
    assert rv.worst.suggested == 8.0  # what the other answers imply, on the scale
    assert rv.worst.cr_after == pytest.approx(0.0, abs=1e-9)
    assert not rv.worst.tied


def test_the_answer_to_revise_is_the_best_change_on_saatys_scale(store, model):
    """7, 3 and 2 for a 3 x 3 matrix: (b, c) = 2 -> 1/2 lowers CR most among the scale's values (7 * 1/2 ~ 3)."""
    made = store.create_panel(
        model, "P", [ExpertSpec("Ann")], matrices=[next(s.key for s in model_matrices(model) if s.n == 3)]
    )
    token = made.expert_tokens[0][2]
    key = store.expert_state(token).assignments[0].matrix.key
    store.save_answers(token, [(key, 0, 1, 7.0), (key, 0, 2, 3.0), (key, 1, 2, 2.0)])
    rv = pv.review(store.expert_state(token).assignments[0])
    assert (rv.worst.i, rv.worst.j, rv.worst.suggested) == (1, 2, 0.5)
    assert rv.worst.cr_after < 0.01 < rv.cr
    assert not rv.worst.tied


# --------------------------------------------------------------------------- ranking under the group judgments
@pytest.mark.parametrize("path", ["examples/coffee_feedback.json", MODEL_PATH.name])
def test_the_ranking_lists_the_ranked_factors_of_any_model(store, path):
    """Models whose ``ranked_clusters`` leave nodes out (coffee_feedback) and the paper's model."""
    from anp_core.aggregation_model import key_text
    from panel.results import apply_to_model

    m = load_model(MODEL_PATH.parent / path)
    spec = model_matrices(m)[1]
    made = store.create_panel(m, "P", [ExpertSpec("Ann"), ExpertSpec("Bob")], matrices=[spec.key])
    for (_, _, token), v in zip(made.expert_tokens, (3.0, 0.5), strict=True):
        key = key_text(spec.key)
        store.save_answers(token, [(key, i, j, v) for i in range(spec.n) for j in range(i + 1, spec.n)])
        store.submit(token, key)
    state = store.panel_state(made.facilitator_secret)
    group = apply_to_model(m, state, panel_results(state))
    table = pv.ranking_table(m, group)
    assert sorted(table["Factor"]) == sorted(m.label(f) for f in m.ranked_node_ids)
    assert table["Group rank"].tolist() == sorted(table["Group rank"].tolist())
    assert np.isclose(table["Group weight"].sum(), 1.0, atol=0.01)


# --------------------------------------------------------------------------- overview: CR, disputed pair, formats
def agreeing_results(store, model, method):
    """Two experts giving the same answers on the criteria comparison, aggregated by ``method``."""
    made = store.create_panel(model, "P", [ExpertSpec("Ann"), ExpertSpec("Bob")], matrices=[CRITERIA_KEY])
    for _, _, token in made.expert_tokens:
        store.save_answers(token, [("criteria", i, j, 3.0) for i in range(5) for j in range(i + 1, 5)])
        store.submit(token, "criteria")
    return panel_results(store.panel_state(made.facilitator_secret), method)


@pytest.mark.parametrize(("lang", "tr"), [("en", EN), ("zh", ZH)])
def test_the_group_cr_is_not_a_misleading_zero_under_aip(store, model, lang, tr):
    (aip,) = agreeing_results(store, model, "aip")
    row = pv.results_overview([aip], model, lang, tr).iloc[0]
    assert row[tr("Group CR")] == tr("n/a under AIP")
    assert pv.group_cr_text(aip.aggregate, tr) == tr("n/a under AIP")
    if lang == "zh":
        assert tr("n/a under AIP") != "n/a under AIP"


def test_no_pair_is_named_disputed_when_every_expert_agrees(store, model, answered):
    (same,) = agreeing_results(store, model, "aij")
    assert pv.results_overview([same], model).iloc[0]["Most disputed pair"] == "–"
    labels = pv.element_labels(same.matrix.spec, model)
    assert pv.priorities_summary(same, labels).endswith("the experts' priorities agree.")
    assert re.fullmatch(r"\d\.\d{3}", pv.results_overview([same], model).iloc[0]["Group CR"])
    (differ,) = panel_results(store.panel_state(answered.facilitator_secret))
    assert " vs " in pv.results_overview([differ], model).iloc[0]["Most disputed pair"]


def test_every_number_column_has_one_format(store, answered, model):
    (res,) = panel_results(store.panel_state(answered.facilitator_secret))
    labels = pv.element_labels(res.matrix.spec, model)
    spread = pd.DataFrame(pv.spread_rows(res, labels))
    floats = {c for c in spread.columns if pd.api.types.is_float_dtype(spread[c])}
    assert floats == set(pv.spread_formats())
    prio = pv.priorities_table(res, labels)
    assert set(pv.priority_formats(prio)) == set(prio.columns) - {"Element"}
    # every value keeps its precision: the format, not rounding, decides what is shown
    assert any(abs(v * 1e4 - round(v * 1e4)) > 1e-6 for v in prio.iloc[:, 1])
    widths = pv.overview_columns()
    shown = pv.results_overview([res], model).columns
    assert set(shown) == set(widths) - {"Note"}  # no matrix has a note here
    assert sum(widths[c][0] for c in shown) <= 820  # the main column at 1280 px with the sidebar open


def test_the_spread_table_lists_only_pairs_the_experts_differ_on(store, model, answered):
    (same,) = agreeing_results(store, model, "aij")
    assert pv.spread_rows(same, pv.element_labels(same.matrix.spec, model)) == []
    (differ,) = panel_results(store.panel_state(answered.facilitator_secret))
    rows = pv.spread_rows(differ, pv.element_labels(differ.matrix.spec, model))
    assert rows
    assert all(r["Spread (×)"] > 1.01 for r in rows)
    spreads = [r["Spread (×)"] for r in rows]
    assert spreads == sorted(spreads, reverse=True)
