"""Scenarios page and the URL weights (dashboard.url_state) under AppTest (the whole app)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anp_core import evaluate
from anp_core.scenarios import dump_scenario, load_scenario
from dashboard import url_state
from tests.app.test_sensitivity import whatif_app
from tests.support.apptest import no_exception
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
    assert len(at.get("plotly_chart")) == 2  # grouped bars + bump chart
    at.multiselect(key="sc_selected").set_value(["baseline", "tariff_escalation", "trade_truce"]).run()
    no_exception(at)
    (ranks,) = [d.value for d in at.dataframe if "Factor" in d.value.columns]
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
    (ranks,) = [d.value for d in at.dataframe if "Factor" in d.value.columns]
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
    (ranks,) = [d.value for d in at.dataframe if "Factor" in d.value.columns]
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
    (ranks,) = [d.value for d in at.dataframe if "Factor" in d.value.columns]
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
