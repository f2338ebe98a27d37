"""AppTest of the panel pages: refusal of bad links, an expert answering, the facilitator applying the group result."""

from __future__ import annotations

import pytest

from anp_core import load_model
from anp_core.aggregation_model import CRITERIA_KEY
from panel.store import ExpertSpec, get_store
from tests.app.conftest import MODEL_PATH


@pytest.fixture
def panel(tmp_path, monkeypatch):
    monkeypatch.setenv("ANP_DATA_DIR", str(tmp_path))
    store = get_store()
    made = store.create_panel(
        load_model(MODEL_PATH),
        "Class 3B",
        [ExpertSpec("Ann [x](https://evil.example)"), ExpertSpec("Bob")],
        matrices=[CRITERIA_KEY],
    )
    return store, made


def expert_app(make_app, token):
    at = make_app()
    at.query_params["panel"] = token
    return at.run()


def test_a_wrong_link_gets_a_plain_refusal(make_app, panel):
    at = expert_app(make_app, "notarealtokennotarealtoken")
    assert not at.exception
    assert "not valid" in at.error[0].value
    assert not at.select_slider


def test_an_expert_answers_one_pair_and_it_is_in_the_database(make_app, panel):
    store, made = panel
    token = made.expert_tokens[0][2]
    at = expert_app(make_app, token)
    assert not at.exception
    assert "Hello" in at.markdown[0].value
    assert "](" not in at.markdown[0].value.replace("\\](", "")  # the expert's name is escaped
    slider = at.select_slider[0]
    slider.set_value(7.0)  # "Policy environment · 7 · very strong importance"
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("pe_save:"))).click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Saved: Policy environment vs Economic environment")
    assert store.expert_state(token).assignments[0].answers == {(0, 1): 7.0}
    other = store.expert_state(made.expert_tokens[1][2]).assignments[0].answers
    assert other == {}


def test_an_expert_link_does_not_open_the_facilitator_view(make_app, panel):
    _store, made = panel
    at = make_app()
    at.query_params["panel"] = made.expert_tokens[0][2]
    at.run()
    with pytest.raises(ValueError, match=r"Known pages: \['.*panel_expert.py'\]"):
        at.switch_page("views/panel_facilitator.py")  # with an expert link, no other page exists
    at2 = make_app()
    at2.query_params["facilitator"] = made.expert_tokens[0][2]
    at2.run().switch_page("views/panel_facilitator.py").run()
    assert "not valid" in at2.error[0].value


def test_the_facilitator_applies_the_group_judgments_and_can_undo(make_app, panel):
    store, made = panel
    for k, (_, _, tok) in enumerate(made.expert_tokens):
        store.save_answers(
            tok, [("criteria", i, j, [3, 1 / 3][k]) for i in range(5) for j in range(i + 1, 5)]
        )
        store.submit(tok, "criteria")
    at = make_app()
    at.query_params["facilitator"] = made.facilitator_secret
    at.run().switch_page("views/panel_facilitator.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Who answered what" in m.value for m in at.markdown)
    at.button(key="pf_apply").click().run()
    assert not at.exception
    model = at.session_state["model"]
    assert model.criteria_comparison.matrix[0][1] == pytest.approx(1.0)  # geometric mean of 3 and 1/3
    assert "Class 3B" in model.criteria_comparison.note
    at.button(key="sb_undo").click().run()
    assert at.session_state["model"].criteria_comparison.matrix[0][1] != pytest.approx(1.0)


def test_the_facilitator_creates_a_panel_from_the_current_model(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("ANP_DATA_DIR", str(tmp_path))
    at = make_app().run().switch_page("views/panel_facilitator.py").run()
    assert not at.exception
    at.text_input(key="pf_name").set_value("Round 1")
    at.button[[b.label for b in at.button].index("Create the panel")].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["pf_links"]
    assert len(at.session_state["pf_links"]) == 3
    assert "facilitator" in at.query_params


COFFEE = MODEL_PATH.parent / "examples" / "coffee_feedback.json"


def test_on_a_model_with_ranked_clusters_applying_updates_where_the_judgments_come_from(
    make_app, tmp_path, monkeypatch
):
    """coffee_feedback ranks only some clusters; its judgments are illustrative until a panel's are applied."""
    from anp_core.aggregation_model import key_text, model_matrices

    monkeypatch.setenv("ANP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ANP_MODEL", str(COFFEE))
    model = load_model(COFFEE)
    store = get_store()
    specs = [s for s in model_matrices(model) if s.n >= 2]
    made = store.create_panel(model, "Class 3B", [ExpertSpec("Ann"), ExpertSpec("Bob")])
    for k, (_, _, tok) in enumerate(made.expert_tokens):
        for s in specs:
            store.save_answers(tok, [(key_text(s.key), i, j, [3, 2][k]) for i, j in pairs(s.n)])
            store.submit(tok, key_text(s.key))
    at = make_app()
    at.query_params["facilitator"] = made.facilitator_secret
    at.run().switch_page("views/panel_facilitator.py").run()
    assert not at.exception, [e.value for e in at.exception]
    ranking = next(d.value for d in at.dataframe if "Group rank" in d.value.columns)
    assert len(ranking) == len(model.ranked_node_ids)
    at.button(key="pf_apply").click().run()
    assert not at.exception
    assert at.session_state["model"].source.judgments == "aggregated"
    at.switch_page("views/judgments.py").run()
    notice = at.info[0].value
    assert "illustrative" not in notice
    assert "Class 3B" in notice
    at.button(key="sb_undo").click().run()
    assert at.session_state["model"].source == model.source
    assert "illustrative" in at.info[0].value


def pairs(n):
    return [(i, j) for i in range(n) for j in range(i + 1, n)]
