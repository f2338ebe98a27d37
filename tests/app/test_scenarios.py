"""Scenarios page and the URL weights (dashboard.url_state) under AppTest (the whole app)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from anp_core import evaluate
from anp_core.scenarios import dump_scenario, load_scenario
from dashboard import url_state
from tests.app.test_sensitivity import whatif_app
from tests.support.apptest import charts, no_exception
from tests.support.paper import CRITERIA, PAPER

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "data" / "scenarios"
PAGE = "views/scenarios.py"


def weights(at) -> dict[str, float]:
    return {c: at.session_state[f"w_{c}"] for c in CRITERIA}


def scenario(sid: str):
    return load_scenario(SCENARIOS / f"{sid}.json")


def uploader(at):
    (up,) = [u for u in at.file_uploader if str(u.key).startswith("sc_upload:")]
    return up


def rank_table(at):
    """The rank-change table: the one whose scenario columns hold text ("4 ▲1")."""
    (df,) = [
        d.value
        for d in at.dataframe
        if len(d.value.columns) > 1
        and next(iter(d.value.columns)) == "Factor"
        and all(isinstance(v, str) for v in d.value.iloc[0, 1:])
    ]
    return df


# ----- the page -----


def test_scenarios_page_compares_presets_and_says_they_are_illustrative():
    at = whatif_app(PAGE)
    assert at.title[0].value == "Scenarios"
    text = " ".join(i.value for i in at.info)
    assert "illustrative choices" in text
    assert "not results of it" in text
    assert "because this model has their criteria" in text
    # the first three scenario files on offer (baseline first, then by name)
    assert at.multiselect(key="sc_selected").value == ["baseline", "belt_and_road_pivot", "tariff_escalation"]
    assert {"sc_bars", "sc_bump", "h2h_duel"} == set(charts(at))  # grouped bars, bump chart, head-to-head
    at.multiselect(key="sc_selected").set_value(["baseline", "tariff_escalation", "trade_truce"]).run()
    no_exception(at)
    ranks = rank_table(at)
    assert list(ranks.columns) == [
        "Factor",
        "Paper baseline",
        "Tariff escalation",
        "Trade truce / de-escalation",
    ]
    assert ranks.loc["government_regulation", "Trade truce / de-escalation"] == "2 ▼1"
    assert ranks.loc["comprehensive_service_platform", "Trade truce / de-escalation"] == "1 ▲1"
    assert not at.error


def test_rank_changes_follow_compare(paper_model):
    at = whatif_app(PAGE)
    at.multiselect(key="sc_selected").set_value(["baseline", "belt_and_road_pivot"]).run()
    no_exception(at)
    ranks = rank_table(at)
    base = evaluate(paper_model, scenario("baseline").criterion_weights).ranks
    pivot = evaluate(paper_model, scenario("belt_and_road_pivot").criterion_weights).ranks
    name = scenario("belt_and_road_pivot").name
    for f in paper_model.node_ids:
        move = int(base[f] - pivot[f])
        arrow = "–" if move == 0 else (f"▲{move}" if move > 0 else f"▼{-move}")
        assert ranks.loc[f, name] == f"{pivot[f]} {arrow}"


def test_the_recommendation_panel_links_the_top_factors_to_the_models_recommendations():
    at = whatif_app(PAGE)
    at.selectbox(key="sc_focus").set_value("tariff_escalation").run()
    no_exception(at)
    md = " ".join(m.value for m in at.markdown)
    assert "**Government regulation** (rank 1" in md
    assert "addressed by 000, 4\\.2\\.1" in md
    for section in ("4\\.2\\.1", "4\\.2\\.2", "4\\.2\\.3", "4\\.2\\.4"):
        assert f"**000, {section} " in md
    assert "against the model's own weights" in md


def test_at_most_four_scenarios_can_be_chosen():
    at = whatif_app(PAGE)
    assert at.multiselect(key="sc_selected").max_selections == 4


def test_saving_a_custom_scenario_and_selecting_it(move_slider):
    at = whatif_app()
    move_slider(at, "w_economic", 0.6)
    at.switch_page(PAGE).run()
    at.text_input(key="sc_new_name").input("Demand shock").run()
    at.button(key="sc_save").click().run()
    no_exception(at)
    assert any("Saved **Demand shock**" in s.value for s in at.success)
    custom = at.session_state["sc_custom"]
    assert list(custom) == ["demand_shock"]
    saved = custom["demand_shock"]
    assert saved.criterion_weights["economic"] == pytest.approx(0.6, abs=1e-6)
    assert sum(saved.criterion_weights.values()) == pytest.approx(1.0, abs=1e-5)
    assert saved.illustrative
    # it is selected for the comparison and appears in the charts' scenario list
    assert "demand_shock" in at.multiselect(key="sc_selected").value
    assert "demand_shock" in at.multiselect(key="sc_selected").options or "Demand shock" in str(
        at.multiselect(key="sc_selected").options
    )
    ranks = rank_table(at)
    assert "Demand shock" in ranks.columns
    # select it alone, then look at it
    at.multiselect(key="sc_selected").set_value(["baseline", "demand_shock"]).run()
    at.selectbox(key="sc_focus").set_value("demand_shock").run()
    no_exception(at)
    assert at.button(key="sc_delete")  # only the user's own scenarios can be removed


def test_a_nameless_save_shows_a_message_and_keeps_state():
    at = whatif_app(PAGE)
    at.button(key="sc_save").click().run()
    no_exception(at)
    assert any("give the scenario a name" in e.value for e in at.error)
    assert at.session_state["sc_custom"] == {}


def test_applying_a_scenario_sets_the_sliders_and_the_url():
    at = whatif_app(PAGE)
    at.selectbox(key="sc_focus").set_value("tariff_escalation").run()
    at.button(key="sc_apply").click().run()
    no_exception(at)
    target = scenario("tariff_escalation")
    assert weights(at) == pytest.approx(target.criterion_weights)
    assert at.session_state["scenario"] == target.name
    # the URL now reopens these weights
    assert {k: at.query_params[k] for k in at.query_params if k.startswith("w_")} == {
        f"w_{c}": f"{w:g}" for c, w in target.criterion_weights.items()
    }
    assert at.query_params["scenario"] == target.name
    # the Weights page shows them
    at.switch_page("views/weights.py").run()
    no_exception(at)
    for c, w in target.criterion_weights.items():
        assert at.slider(key=f"w_{c}").value == pytest.approx(w)
    assert any(
        "Effective weights" in m.value and "Political environment 0.350" in m.value for m in at.markdown
    )


def test_download_gives_the_scenario_as_json():
    at = whatif_app(PAGE)
    at.selectbox(key="sc_focus").set_value("tariff_escalation").run()
    (btn,) = [b for b in at.get("download_button") if "Download this scenario" in str(b.proto.label)]
    assert btn.proto.label == "Download this scenario (JSON)"
    assert load_scenario(dump_scenario(scenario("trade_truce"))) == scenario("trade_truce")


def test_uploading_a_scenario_adds_it():
    at = whatif_app(PAGE)
    mine = scenario("tech_decoupling").model_copy(update={"id": "my_tech", "name": "My tech case"})
    uploader(at).set_value(("mine.json", dump_scenario(mine).encode(), "application/json")).run()
    no_exception(at)
    assert "my_tech" in at.session_state["sc_custom"]
    assert "my_tech" in at.multiselect(key="sc_selected").value
    assert any("Loaded **My tech case**" in s.value for s in at.success)


def test_uploading_a_preset_id_gets_a_new_id():
    at = whatif_app(PAGE)
    payload = dump_scenario(scenario("baseline")).encode()
    uploader(at).set_value(("baseline.json", payload, "application/json")).run()
    no_exception(at)
    assert list(at.session_state["sc_custom"]) == ["baseline_2"]


@pytest.mark.parametrize(
    "payload",
    [
        b"not json at all",
        b"[]",
        json.dumps(
            {"schema_version": 1, "id": "x", "name": "X", "criterion_weights": {"policy": -1}}
        ).encode(),
        json.dumps(
            {"schema_version": 1, "id": "x", "name": "X", "criterion_weights": {"atlantis": 1}}
        ).encode(),
        json.dumps(
            {"schema_version": 1, "id": "x", "name": "X", "criterion_weights": {"policy": 0}}
        ).encode(),
        json.dumps({"schema_version": 1, "id": "x", "name": "X"}).encode(),
    ],
    ids=["not-json", "array", "negative", "unknown-criterion", "all-zero", "no-weights"],
)
def test_a_bad_upload_shows_a_message_and_keeps_state(payload):
    at = whatif_app(PAGE)
    before = weights(at)
    uploader(at).set_value(("bad.json", payload, "application/json")).run()
    no_exception(at)
    assert any("was not loaded" in e.value for e in at.error)
    assert at.session_state["sc_custom"] == {}
    assert weights(at) == before
    # the page still works afterwards
    at.run()
    no_exception(at)
    assert not at.error


# ----- the URL -----


@pytest.mark.parametrize("sid", ["tariff_escalation", "belt_and_road_pivot"])
@pytest.mark.parametrize("page", [None, "views/scenarios.py"])
def test_a_shared_link_reopens_the_scenarios_weights(sid, page):
    target = scenario(sid)
    query = url_state.encode(target.criterion_weights, target.name)
    at = whatif_app(page, query=query)
    assert weights(at) == pytest.approx(target.criterion_weights)
    assert at.session_state["scenario"] == target.name
    assert not at.warning
    if page is None:  # the Weights page is the default page: its URL-bound sliders agree
        for c, w in target.criterion_weights.items():
            assert at.slider(key=f"w_{c}").value == pytest.approx(w)
    at.switch_page("views/weights.py").run()
    no_exception(at)
    for c, w in target.criterion_weights.items():
        assert at.slider(key=f"w_{c}").value == pytest.approx(w)


def test_a_link_with_some_criteria_gives_the_others_zero():
    at = whatif_app(query={"w_policy": "0.5", "w_political": "0.5"})
    assert weights(at) == {
        "policy": 0.5,
        "economic": 0.0,
        "political": 0.5,
        "technological": 0.0,
        "socio_cultural": 0.0,
    }
    assert at.session_state["scenario"] == "Shared link"


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ({"w_policy": "abc", "w_economic": "0.5"}, "is not a number"),
        ({"w_policy": "-0.2", "w_economic": "0.7"}, "is negative"),
        ({"w_policy": "0", "w_economic": "0"}, "every weight is 0"),
        ({"w_policy": "5", "w_economic": "0.5"}, "is above 1"),
        ({"w_policy": "nan"}, "not a finite number"),
        ({"w_policy": ["0.2", "0.9"]}, "given 2 times"),
    ],
    ids=["not-a-number", "negative", "all-zero", "above-one", "nan", "twice"],
)
@pytest.mark.parametrize("page", [None, "views/sensitivity.py"])
def test_a_malformed_link_falls_back_to_the_baseline_with_a_warning(query, why, page):
    at = whatif_app(page, query=query)
    assert weights(at) == pytest.approx(PAPER)
    warnings = [w.value for w in at.warning]
    assert any("could not be used" in w and why in w for w in warnings), warnings
    # the bad parameters are gone from the URL, so a URL-bound slider cannot pick them up
    assert not [k for k in at.query_params if k.startswith("w_")]
    at.switch_page("views/weights.py").run()
    no_exception(at)
    for c, w in PAPER.items():
        assert at.slider(key=f"w_{c}").value == pytest.approx(w)
    # the warning can be dismissed
    at.button(key="url_message_dismiss").click().run()
    no_exception(at)
    assert not [w for w in at.warning if "could not be used" in w.value]


def test_unknown_parameters_are_dropped_and_counted_not_echoed():
    at = whatif_app(query={"foo": "bar", "w_atlantis": "0.5", "w_policy": "0.7"})
    assert weights(at)["policy"] == 0.7  # the known weight is used
    assert "foo" not in at.query_params
    assert "w_atlantis" not in at.query_params
    (warning,) = [w.value for w in at.warning]
    assert "2 parameters this model does not use" in warning
    assert "atlantis" not in warning
    assert "foo" not in warning


def test_a_model_without_fitting_presets_offers_its_own_weights_and_the_sliders(open_on):
    at = open_on("feedback")
    at.switch_page(PAGE).run()
    no_exception(at)
    assert any("No preset scenario" in i.value for i in at.info)
    assert at.multiselect(key="sc_selected").value == ["model_weights", "current"]
    ranks = rank_table(at)
    assert list(ranks.columns)[:2] == ["Factor", "Model's own weights"]
    assert any("no recommendations section" in c.value for c in at.caption)
    assert at.button(key="sc_apply").disabled  # focus: the last selected, the sliders themselves
    at.selectbox(key="sc_focus").set_value("model_weights").run()
    at.button(key="sc_apply").click().run()
    no_exception(at)
    assert at.session_state["w_cost"] == pytest.approx(0.75)


def test_the_url_follows_the_sliders_on_other_pages(move_slider):
    at = whatif_app()
    move_slider(at, "w_political", 0.4)
    at.switch_page("views/sensitivity.py").run()
    no_exception(at)
    expected = url_state.encode({c: at.session_state[f"w_{c}"] for c in CRITERIA})
    assert {k: at.query_params[k] for k in at.query_params if k.startswith("w_")} == expected
    # back to the baseline: the URL is clean again
    at.switch_page("views/weights.py").run()
    at.button(key="btn_reset_weights").click().run()
    at.switch_page("views/scenarios.py").run()
    no_exception(at)
    assert not [k for k in at.query_params if k.startswith("w_")]


# ----- scenarios that carry judgments, share links, briefs, head-to-head -----

JKEY_INDEX = 0  # the first comparison of the paper's model (policy, clusters)


def edit_judgment(at, value: float = 9.0):
    """Edit one judgment as the Judgments page would (the model changes; the old one is on the undo stack)."""
    model = at.session_state["model"]
    comp = model.comparisons[JKEY_INDEX]
    new = model.with_judgment(comp.key, comp.elements[0], comp.elements[1], value)
    at.session_state["undo"] = [*at.session_state["undo"], model]
    at.session_state["model"] = new
    return new


def judgment(model) -> float:
    return model.comparisons[JKEY_INDEX].matrix[0][1]


def saved_with_judgments(name: str = "Mine with edits"):
    at = whatif_app(PAGE)
    edit_judgment(at)
    at.run()
    no_exception(at)
    assert any("You have edited 1 judgment matrix" in i.value for i in at.info)
    assert at.checkbox(key="sc_with_judgments").value  # on by default
    at.text_input(key="sc_new_name").input(name).run()
    at.button(key="sc_save").click().run()
    no_exception(at)
    return at


def test_saving_with_judgment_edits_carries_them(paper_model):
    at = saved_with_judgments()
    assert any("It carries 1 edited judgment matrix" in s.value for s in at.success)
    sc = at.session_state["sc_custom"]["mine_with_edits"]
    assert len(sc.overrides) == 1
    assert sc.overrides[0].matrix[0][1] == 9.0
    assert at.selectbox(key="sc_focus").value == "mine_with_edits"
    # what the judgments did on their own: a chart of weight and judgment effects, and a "weights only" column
    assert {"sc_effects", "sc_bump"} <= set(charts(at))
    bump = charts(at)["sc_bump"]
    assert "Mine with edits: weights only" in [x.replace("<br>", " ") for x in bump["data"][0]["x"]]
    assert any("what the judgment changes did on their own" in c.value for c in at.caption)
    # without the box ticked, only the weights are kept
    at.checkbox(key="sc_with_judgments").uncheck().run()
    at.text_input(key="sc_new_name").input("Weights only").run()
    at.button(key="sc_save").click().run()
    assert at.session_state["sc_custom"]["weights_only"].overrides == ()


def test_apply_puts_a_scenarios_judgments_into_the_model_and_undo_takes_them_back(paper_model):
    at = saved_with_judgments()
    at.button(key="sb_reset").click().run()  # back to the model as opened
    assert judgment(at.session_state["model"]) == judgment(paper_model)
    at.selectbox(key="sc_focus").set_value("mine_with_edits").run()
    at.button(key="sc_apply").click().run()
    no_exception(at)
    assert judgment(at.session_state["model"]) == 9.0
    assert any("Its 1 judgment matrix replaces" in s.value for s in at.success)
    at.button(key="sb_undo").click().run()
    no_exception(at)
    assert judgment(at.session_state["model"]) == judgment(paper_model)


def test_a_link_carries_the_judgments_to_a_fresh_session(paper_model):
    at = saved_with_judgments()
    link = at.session_state["sc_link"]
    assert any(c.value == link for c in at.code)
    query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert query["j"]
    assert len(query["j"]) < 200
    fresh = whatif_app(query=query)  # another browser: a new session on the same link
    model = fresh.session_state["model"]
    assert judgment(model) == 9.0
    assert len(fresh.session_state["undo"]) == 1  # applied as one undoable edit
    assert any("This link changes 1 judgment matrix" in i.value for i in fresh.info)
    saved = at.session_state["sc_custom"]["mine_with_edits"]
    assert weights(fresh) == pytest.approx(saved.criterion_weights)
    # the address bar keeps carrying them while the edits stand
    fresh.switch_page("views/sensitivity.py").run()
    assert fresh.query_params["j"] == query["j"]
    fresh.button(key="sb_undo").click().run()
    assert "j" not in fresh.query_params


def test_a_link_of_a_preset_carries_the_current_edits(paper_model):
    at = whatif_app(PAGE)
    edit_judgment(at, 3.0)
    at.run()
    at.selectbox(key="sc_focus").set_value("tariff_escalation").run()
    link = at.session_state["sc_link"]
    assert any("also carries your judgment edits" in c.value for c in at.caption)
    # presets evaluated with the edits get no "weights only" column: only scenarios with judgments of their own
    assert not [x for x in charts(at)["sc_bump"]["data"][0]["x"] if "weights only" in x.replace("<br>", " ")]
    query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    fresh = whatif_app(query=query)
    assert judgment(fresh.session_state["model"]) == 3.0
    assert weights(fresh) == pytest.approx(scenario("tariff_escalation").criterion_weights)


def hostile(paper_model):
    import base64
    import zlib

    def deflate(text: str) -> str:
        z = zlib.compressobj(9, zlib.DEFLATED, -15)
        return base64.urlsafe_b64encode(z.compress(text.encode()) + z.flush()).decode().rstrip("=")

    comp = paper_model.comparisons[JKEY_INDEX]
    return {
        "garbage": ("!!not base64!!", "not valid base64url"),
        "oversized": ("A" * 5000, "at most 1,800 are read"),
        "base64-of-bad-json": (deflate("{not json"), "not valid JSON"),
        "base64-not-deflate": (
            base64.urlsafe_b64encode(b"plain text").decode().rstrip("="),
            "does not decompress",
        ),
        "out-of-range": (json_link(deflate, comp, 1e12), "outside 1e-06"),
        "zero": (json_link(deflate, comp, 0), "outside 1e-06"),
        "markdown": (
            deflate('{"v":1,"c":[["[x](https://evil.example)","nodes","a",null,[[0,1,3]]]]}'),
            "no such comparison",
        ),
    }


def json_link(deflate, comp, value):
    return deflate(json.dumps({"v": 1, "c": [[*comp.key, [[0, 1, value]]]]}))


@pytest.mark.parametrize(
    "case",
    ["garbage", "oversized", "base64-of-bad-json", "base64-not-deflate", "out-of-range", "zero", "markdown"],
)
def test_hostile_judgment_links_are_refused_and_change_nothing(paper_model, case):
    value, why = hostile(paper_model)[case]
    at = whatif_app(query={"j": value, "w_policy": "0.7", "w_economic": "0.3"})
    (warning,) = [w.value for w in at.warning]
    assert "judgment changes could not be used" in warning
    assert why in warning.replace("\\", "")
    assert "evil" not in warning
    assert value[:20] not in warning
    assert at.session_state["model"].fingerprint == paper_model.fingerprint
    assert at.session_state["undo"] == []
    assert "j" not in at.query_params  # the bad value cannot come back on a rerun
    assert weights(at)["policy"] == 0.7  # the link's valid weights are still used
    at.switch_page(PAGE).run()
    no_exception(at)


def test_a_repeated_judgment_parameter_is_refused(paper_model):
    at = whatif_app(query={"j": ["abc", "def"]})
    assert any("given 2 times" in w.value for w in at.warning)
    assert at.session_state["model"].fingerprint == paper_model.fingerprint


def test_the_briefs_are_one_click_away(downloads, paper_model):
    at = whatif_app(PAGE)
    at.selectbox(key="sc_focus").set_value("tariff_escalation").run()
    no_exception(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Policy brief (HTML)" in labels
    html = next(v for k, v in downloads.items() if k.endswith("tariff_escalation_brief_en.html"))().decode()
    assert "Tariff escalation" in html
    assert "Government regulation" in html
    from anp_core.report import find_chromium

    if find_chromium() is None:
        assert any("no Chromium" in c.value for c in at.caption)
    else:
        assert "Policy brief (PDF)" in labels


def test_the_brief_of_a_scenario_with_judgments_says_what_they_did(downloads):
    saved_with_judgments("Edited")
    html = next(v for k, v in downloads.items() if k.endswith("_edited_brief_en.html"))().decode()
    assert "Effect of the changed judgments" in html
    assert "Edited" in html


def test_head_to_head_of_two_factors_and_of_two_scenarios():
    at = whatif_app(PAGE)
    assert at.selectbox(key="h2h_a").value == "government_regulation"
    assert any("is ahead of" in m.value and "of all weightings" in m.value for m in at.markdown)
    at.selectbox(key="h2h_b").set_value("product_brand").run()
    no_exception(at)
    (table,) = [d.value for d in at.dataframe if "Break-even weight" in d.value.columns]
    assert set(table["Favours"]) <= {"Government regulation", "Product & brand", "–"}
    at.radio(key="h2h_mode").set_value("scenarios").run()
    no_exception(at)
    assert "h2h_shift" in charts(at)
    assert any("composite weight changes by" in m.value for m in at.markdown)
    (drivers,) = [
        d.value for d in at.dataframe if "Judgment effect" in d.value.columns and "Total" in d.value.columns
    ]
    assert (drivers["Judgment effect"] == 0).all()  # presets carry no judgments


def test_the_page_in_chinese_and_on_an_example_model(open_on):
    at = whatif_app(PAGE, query={"lang": "zh"})
    assert at.title[0].value == "情景"
    assert not at.exception
    at.radio(key="h2h_mode").set_value("scenarios").run()
    no_exception(at)
    ex = open_on("feedback")
    ex.switch_page(PAGE).run()
    no_exception(ex)
    assert "h2h_duel" in charts(ex)
    edit = ex.session_state["model"]
    comp = edit.comparisons[0]
    ex.session_state["model"] = edit.with_judgment(comp.key, comp.elements[0], comp.elements[1], 4.0)
    ex.run()
    ex.text_input(key="sc_new_name").input("Example edit").run()
    ex.button(key="sc_save").click().run()
    no_exception(ex)
    assert len(ex.session_state["sc_custom"]["example_edit"].overrides) == 1


def test_without_chromium_the_pdf_gives_way_to_a_note(monkeypatch, downloads):
    from dashboard import brief_ui

    monkeypatch.setattr(brief_ui, "find_chromium", lambda: None)
    at = whatif_app(PAGE)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Policy brief (HTML)" in labels
    assert "Policy brief (PDF)" not in labels
    assert any("no Chromium" in c.value and "print it from your browser" in c.value for c in at.caption)


def test_the_weights_page_brief_follows_the_sliders_and_the_edits(downloads, move_slider):
    at = whatif_app()
    move_slider(at, "w_political", 0.5)
    edit_judgment(at, 7.0)
    at.run()
    no_exception(at)
    assert any("Your edit of 1 judgment matrix is in it" in c.value for c in at.caption)
    html = next(v for k, v in downloads.items() if k.endswith("_brief_en.html"))().decode()
    assert "Effect of the changed judgments" in html
    assert "0.500" in html  # the political weight on the sliders


def test_a_refused_link_speaks_chinese():
    at = whatif_app(query={"j": "!!", "lang": "zh"})
    (warning,) = [w.value for w in at.warning]
    assert "链接中的判断修改无法使用" in warning
    assert "base64url" in warning


def test_judgments_too_many_for_a_link_point_to_the_scenario_file(monkeypatch):
    from dashboard import scenario_link

    monkeypatch.setattr(scenario_link, "MAX_LINK_CHARS", 40)  # the paper's whole model fits a real link
    at = saved_with_judgments("Too long")
    (warning,) = [w.value for w in at.warning if "too many for a link" in w.value]
    assert "Download the scenario file instead" in warning
    assert not [c for c in at.code if "j=" in c.value]  # no link that would lose the judgments
    assert "j" not in at.query_params  # nor an address bar that would
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download this scenario (JSON)" in labels


def test_a_preset_scenario_is_named_in_the_interface_language():
    """Its ``translations.zh`` on a Chinese page: the list, the apply button, the sidebar's name, the link."""
    target = scenario("tariff_escalation")
    zh = target.translations["zh"]
    at = whatif_app(PAGE, {"lang": "zh"})
    at.selectbox(key="sc_focus").set_value("tariff_escalation").run()
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert zh.rationale[:20] in shown or any(zh.rationale[:20] in e.proto.label for e in at.expander)
    assert zh.name in at.button(key="sc_apply").label
    assert target.name not in at.button(key="sc_apply").label
    at.button(key="sc_apply").click().run()
    no_exception(at)
    assert at.session_state["scenario"] == zh.name
    assert at.query_params["scenario"] == zh.name
    # back in English, the sidebar's name follows (the preset's own name)
    at.session_state["lang"] = "en"
    at.run()
    no_exception(at)
    assert at.session_state["scenario"] == target.name
