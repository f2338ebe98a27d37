"""Judgments page under AppTest (its builders are tested in tests/dashboard/test_judgment_ui.py)."""

from __future__ import annotations

import pytest

from dashboard import state
from dashboard.text import plain
from tests.support.apptest import no_exception

CREDIT = ("policy", "nodes", "policy", "credit_risk")  # the page's default matrix
CREDIT_ID = "policy:nodes:policy:credit_risk"


@pytest.fixture
def jp(app):
    """The app on the Judgments page (default matrix: credit risk under policy)."""
    app.switch_page("views/judgments.py").run()
    no_exception(app)
    return app


def metrics(at) -> dict[str, float]:
    return {m.label: float(m.value) for m in at.metric}


def priorities(at):
    (df,) = [d.value for d in at.dataframe if "Priority" in d.value.columns]
    return df


def pair_key(at, i: int, j: int) -> str:
    return f"pair:{CREDIT_ID}:{i}:{j}:{at.session_state[state.MODEL_REV]}"  # stable across edits: keeps focus


def editor_key(at, matrix_id: str = CREDIT_ID) -> str:
    token = f"{at.session_state[state.MODEL_REV]}.{at.session_state[state.EDIT_NONCE]}"
    return f"matrix:{matrix_id}:{token}"


def type_cell(at, row: int, col: str, text, matrix_id: str = CREDIT_ID):
    """Simulate typing ``text`` into a matrix-editor cell (STYLE.md 3.9) and rerun."""
    at.session_state[editor_key(at, matrix_id)] = {
        "edited_rows": {row: {col: text}},
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def ranking(at) -> list[str]:
    (df,) = [d.value for d in at.dataframe if "Change" in d.value.columns]  # the rank table
    return list(df["Factor"])


# ----- page basics -----


def test_judgments_page_runs_and_says_judgments_are_reconstructed(jp):
    info = " ".join(i.value for i in jp.info)
    assert "reconstructed" in info  # from the model's source section
    assert "CR \\= 0" in info
    assert metrics(jp) == {"λmax": 4.0, "CI": 0.0, "CR": 0.0}
    assert len(jp.select_slider) == 6  # 4 factors: 6 pairs
    assert len(jp.get("vega_lite_chart")) == 2  # priorities + full matrix
    assert not jp.get("plotly_chart")
    assert "Pass" in jp.success[0].value
    assert "Super Decisions" in jp.success[0].value  # the RI table is named
    assert not jp.error


def test_off_scale_reconstructed_value_is_shown_as_it_is(jp, paper_model):
    exact = paper_model.comparison_by_key[CREDIT].matrix[0][3]
    assert exact > 25
    s = jp.select_slider(key=pair_key(jp, 0, 3))
    assert s.value == exact  # not clipped to 9
    # only the names are escaped: the slider's aria-valuetext is this text, read out as written
    assert s.options[0] == f"{plain('Government regulation')} 25.43 · off-scale"
    (editor,) = [d for d in jp.dataframe if d.key and d.key.startswith("matrix:")]
    assert editor.value.iloc[0, 3] == "25.43"
    assert editor.value.iloc[3, 0] == "= 1/25.43"


@pytest.mark.parametrize(
    ("kind", "expect_sliders"),
    [("criteria", 10), ("clusters", 15), ("nodes", 6)],
)
def test_every_kind_of_matrix_can_be_shown(jp, kind, expect_sliders):
    jp.radio(key="j_kind").set_value(kind).run()
    no_exception(jp)
    assert len(jp.select_slider) == expect_sliders
    assert metrics(jp)["CR"] == 0.0


def test_every_matrix_of_the_model_renders(jp, paper_model):
    for crit in paper_model.networked_criteria:
        jp.radio(key="j_kind").set_value("nodes").run()
        jp.selectbox(key="j_criterion").set_value(crit).run()
        for cl in paper_model.clusters:
            jp.selectbox(key="j_cluster").set_value(cl.id).run()
            no_exception(jp)
            assert len(jp.select_slider) == len(cl.nodes) * (len(cl.nodes) - 1) // 2
    jp.selectbox(key="j_criterion").set_value("natural_geography").run()
    assert "outside the model's control layer" in jp.warning[0].value
    assert "immutable" in jp.warning[0].value


# ----- editing -----


def test_pair_edit_changes_priorities_and_cr(jp):
    before = priorities(jp)["Priority"].tolist()
    jp.select_slider(key=pair_key(jp, 0, 1)).set_value(1.0).run()  # regulation = complaints
    no_exception(jp)
    after = priorities(jp)["Priority"].tolist()
    assert after != pytest.approx(before)
    assert after[0] < before[0]
    assert after[1] > before[1]
    m = metrics(jp)
    assert m["CR"] > 0.0
    assert m["λmax"] > 4.0
    assert "set to 1" in jp.success[0].value
    assert jp.session_state[state.UNDO]  # one undo step


def test_inconsistent_edit_fails_and_points_at_the_worst_judgment(jp):
    # regulation 1/9 of complaints: strongly against the other judgments
    jp.select_slider(key=pair_key(jp, 0, 1)).set_value(1 / 9).run()
    no_exception(jp)
    cr = metrics(jp)["CR"]
    assert cr > 0.10
    assert "Fail" in jp.warning[0].value
    md = " ".join(m.value for m in jp.markdown)
    assert "Most inconsistent judgment:** (Government regulation, Consumer complaints handling)" in md
    assert any("⚠ most inconsistent" in s.label for s in jp.select_slider)
    suggest = next(b for b in jp.button if b.key.startswith("btn_suggest"))
    suggest.click().run()
    no_exception(jp)
    assert metrics(jp)["CR"] < cr


def test_ri_table_choice_changes_cr_and_is_named(jp):
    jp.select_slider(key=pair_key(jp, 0, 1)).set_value(1.0).run()
    sd = metrics(jp)["CR"]
    jp.selectbox(key="ri_table").set_value("saaty1980").run()
    no_exception(jp)
    s80 = metrics(jp)["CR"]
    assert s80 != pytest.approx(sd)
    assert s80 == pytest.approx(sd * 0.89 / 0.90, rel=1e-3)  # RI(4): 0.89 vs 0.90
    assert any("Saaty (1980)" in s.value for s in jp.success)  # beside the last edit's message


def test_matrix_cell_edit_changes_the_model_and_the_weights_ranking(jp):
    key = jp.session_state[state.MODEL].fingerprint
    type_cell(jp, 0, "consumer_complaints", "1/5")  # complaints 5x regulation
    no_exception(jp)
    assert not jp.error
    assert jp.session_state[state.MODEL].fingerprint != key
    assert jp.session_state[state.MODEL].comparison_by_key[CREDIT].matrix[0][1] == pytest.approx(0.2)
    assert jp.select_slider(key=pair_key(jp, 0, 1)).value == pytest.approx(0.2)
    jp.switch_page("views/weights.py").run()
    no_exception(jp)
    assert ranking(jp)[0] == "Comprehensive service platform"  # government regulation lost the lead


@pytest.mark.parametrize("bad", ["0", "-2", "abc", "nan", "", "inf", "1/0", None, 0, -1.5, float("nan")])
def test_bad_matrix_cell_shows_an_error_naming_the_cell_and_keeps_the_model(jp, bad):
    key = jp.session_state[state.MODEL].fingerprint
    before = priorities(jp)["Priority"].tolist()
    type_cell(jp, 0, "platform_supervision", bad)
    no_exception(jp)
    (err,) = jp.error
    assert "\\(Government regulation, Platform supervision\\)" in err.value
    assert "Matrix not changed" in err.value
    assert jp.session_state[state.MODEL].fingerprint == key
    assert priorities(jp)["Priority"].tolist() == before
    # the rejected text is gone from the editor (rebuilt from the model)
    (editor,) = [d for d in jp.dataframe if d.key and d.key.startswith("matrix:")]
    assert editor.value.iloc[0, 2] == "4.564"


def test_lower_triangle_and_diagonal_cells_are_refused(jp):
    key = jp.session_state[state.MODEL].fingerprint
    type_cell(jp, 2, "government_regulation", "3")
    assert "below the diagonal" in jp.error[0].value
    type_cell(jp, 1, "consumer_complaints", "3")
    assert "diagonal" in jp.error[0].value
    assert jp.session_state[state.MODEL].fingerprint == key


def test_edits_survive_navigation_and_undo_and_reset_restore(jp, move_slider):
    jp.select_slider(key=pair_key(jp, 0, 1)).set_value(1.0).run()
    edited = jp.session_state[state.MODEL].fingerprint
    cr = metrics(jp)["CR"]
    jp.switch_page("views/weights.py").run()
    move_slider(jp, "w_political", 0.4)
    weights = {s.key: s.value for s in jp.slider}
    jp.switch_page("views/judgments.py").run()
    no_exception(jp)
    assert jp.session_state[state.MODEL].fingerprint == edited
    assert metrics(jp)["CR"] == cr  # same matrix picked, same edit
    jp.switch_page("views/weights.py").run()
    assert {s.key: s.value for s in jp.slider} == weights
    jp.switch_page("views/judgments.py").run()
    jp.button(key="sb_undo").click().run()
    no_exception(jp)
    assert metrics(jp)["CR"] == 0.0
    jp.select_slider(key=pair_key(jp, 0, 2)).set_value(9.0).run()
    jp.button(key="sb_reset").click().run()
    no_exception(jp)
    assert jp.session_state[state.MODEL] is jp.session_state[state.BASELINE]
    assert jp.select_slider(key=pair_key(jp, 0, 2)).value == pytest.approx(4.564102564)


def test_criteria_comparison_edit_moves_the_weight_sliders(jp):
    jp.radio(key="j_kind").set_value("criteria").run()
    # political 9x policy (was 1/2.33)
    jp.session_state[editor_key(jp, "criteria")] = {
        "edited_rows": {0: {"political": "1/9"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    jp.run()
    no_exception(jp)
    assert not jp.error
    jp.switch_page("views/weights.py").run()
    w = {s.key: s.value for s in jp.slider}
    assert w["w_political"] > w["w_policy"]
    assert sum(w.values()) == pytest.approx(1.0, abs=1e-5)  # the URL carries 6 decimals per weight


def test_node_level_override_can_be_created_edited_and_deleted(jp):
    n = len(jp.session_state[state.MODEL].comparisons)
    jp.selectbox(key="j_wrt").set_value("electronic_payment").run()
    no_exception(jp)
    assert "no comparison" in jp.info[-1].value
    assert "applies to these columns" in jp.info[-1].value
    assert not jp.select_slider
    create = next(b for b in jp.button if b.key.startswith("btn_create"))
    create.click().run()
    no_exception(jp)
    model = jp.session_state[state.MODEL]
    assert len(model.comparisons) == n + 1
    key = ("policy", "nodes", "electronic_payment", "credit_risk")
    assert model.comparison_by_key[key].matrix == model.comparison_by_key[CREDIT].matrix
    ranks_before = ranking_of(jp)
    mid = "policy:nodes:electronic_payment:credit_risk"
    jp.select_slider(key=f"pair:{mid}:0:3:{jp.session_state[state.MODEL_REV]}").set_value(
        1 / 9
    ).run()  # w.r.t. e-payment only
    no_exception(jp)
    model = jp.session_state[state.MODEL]
    assert model.comparison_by_key[key].matrix[0][3] == pytest.approx(1 / 9)
    assert model.comparison_by_key[CREDIT].matrix[0][3] > 25  # the criterion-wide one is untouched
    assert ranking_of(jp) != ranks_before
    delete = next(b for b in jp.button if b.key.startswith("btn_delete"))
    delete.click().run()
    no_exception(jp)
    assert len(jp.session_state[state.MODEL].comparisons) == n


def ranking_of(at):
    """Composite weights of the current model under the current sliders (the Weights page's data)."""
    from anp_core import evaluate

    ss = at.session_state
    crit = ss[state.MODEL].control_criteria
    return evaluate(ss[state.MODEL], {c: ss[f"w_{c}"] for c in crit}).composite.round(6).to_dict()


def test_the_criteria_comparison_says_it_replaces_the_slider_weights(jp):
    jp.radio(key="j_kind").set_value("criteria").run()
    no_exception(jp)
    assert any("replaces the weights on the Weights page" in c.value for c in jp.caption)


def test_a_missing_comparison_is_never_named_twice(open_on):
    at = open_on("hierarchy")
    at.switch_page("views/judgments.py").run()
    no_exception(at)
    at.selectbox(key="j_cluster").set_value("goal").run()
    no_exception(at)
    (info,) = [i.value for i in at.info if "no comparison" in i.value]
    assert len(info.split("**")[1::2]) == 1
    assert "do not link" in info or "no column links" in info
    create = next(b for b in at.button if b.key.startswith("btn_create"))
    assert "equal judgments" in create.label
