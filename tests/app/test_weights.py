"""Weights page and the shared sidebar under AppTest (the whole app, app.py + page)."""

from __future__ import annotations

import pytest

from anp_core import evaluate
from dashboard import state
from dashboard.text import plain
from tests.support.apptest import no_exception
from tests.support.paper import CRITERIA, PAPER, ROOT


def ranking(at) -> list[str]:
    """Factor names in the rank table's order."""
    return list(rank_frame(at)["Factor"])


def rank_frame(at):
    (df,) = [d.value for d in at.dataframe if "Change" in d.value.columns]  # the rank table
    return df


def cards(at) -> list[str]:
    """The top cards' markdown, best first (a card opens with its bold rank, ``**#k**``)."""
    return [m.value for m in at.markdown if m.value.startswith("**#")]


def sliders(at) -> dict[str, float]:
    return {s.key: s.value for s in at.slider}


# ----- page basics -----


def test_weights_page_draws_sliders_charts_table_and_cards(app):
    assert [s.key for s in app.slider] == [f"w_{c}" for c in CRITERIA]
    for c in CRITERIA:
        assert app.slider(key=f"w_{c}").value == pytest.approx(PAPER[c], abs=1e-9)
        assert app.slider(key=f"w_{c}").max == 1.0
        assert app.slider(key=f"w_{c}").step == 0.01
    # composite bars + cluster shares, each named for assistive technology (with what the subtitle says)
    assert [c.proto.alt for c in app.get("vega_lite_chart")] == [
        "Composite weight of each factor (Named in a difficulty)",
        "Cluster shares",
    ]
    df = rank_frame(app)
    assert len(df) == 20
    assert list(df.columns[:5]) == ["Rank", "Change", "Factor", "Composite", "Δ weight"]
    assert set(df["Change"]) == {"–"}  # the paper's own weights: nothing moved
    assert ranking(app)[:3] == [
        "Government regulation",
        "Comprehensive service platform",
        "Electronic payment",
    ]
    # Talent cultivation system is tied at rank 5 with Product & brand: both get a card
    shown = cards(app)
    assert len(shown) == 6
    assert shown[0].startswith("**#1** Government regulation  \n")
    assert [c.split("  \n")[0] for c in shown[4:]] == [
        "**#5** Product \\& brand",
        "**#5** Talent cultivation system",
    ]
    assert shown[0].split("  \n")[1] == f"**{df['Composite'].iloc[0]:.3f}** :gray[+0.000]"
    assert any(c.value == "Two factors share rank 5." for c in app.caption)
    # the reconstruction is stated on the page, and why the composite differs from the published one
    text = " ".join(c.value for c in app.caption)
    assert "reconstructed" in text
    assert "not the weighted sum of the published columns" in text
    assert "the largest difference (+0.0054)" in text
    assert "explains only +0.0002" in text
    assert not app.error


def test_moving_political_to_its_maximum_changes_the_ranking(app, paper_model, move_slider):
    before = rank_frame(app)
    assert ranking(app)[2:5] == ["Electronic payment", "Consumer complaints handling", "Product & brand"]
    move_slider(app, "w_political", 1.0)
    no_exception(app)
    w = sliders(app)
    assert w["w_political"] == 1.0
    assert all(w[f"w_{c}"] == 0.0 for c in CRITERIA if c != "political")
    after = rank_frame(app)
    assert ranking(app) != list(before["Factor"])
    # Product & brand (0.079 under the political criterion) climbs from 5th to 3rd
    pb = after.loc["product_brand"]
    assert (pb["Baseline rank"], pb["Rank"], pb["Change"]) == (5, 3, "▲2")
    assert after.loc["electronic_payment", "Change"] == "▼1"
    assert ranking(app)[2] == "Product & brand"
    title, value, rank = cards(app)[2].split("  \n")
    assert title == "**#3** Product \\& brand"
    assert rank == ":small[rank ▲2]"
    assert ":green[▲ +" in value  # its weight went up
    # the composite is now the political column alone
    political = evaluate(paper_model, {"political": 1.0}).by_criterion["political"]
    assert after["Composite"].to_dict() == pytest.approx(political.to_dict())
    assert float(after["Composite"].sum()) == pytest.approx(1.0)


def test_one_slider_rescales_the_others_proportionally(app, move_slider):
    move_slider(app, "w_policy", 0.6)
    no_exception(app)
    w = sliders(app)
    assert w["w_policy"] == 0.6
    assert sum(w.values()) == pytest.approx(1.0, abs=1e-9)
    rest = 1 - 0.422
    for c in ("economic", "political", "technological", "socio_cultural"):
        assert w[f"w_{c}"] == pytest.approx(0.4 * PAPER[c] / rest, abs=1.5e-3)
    md = " ".join(m.value for m in app.markdown)
    assert "Effective weights" in md
    assert "Policy environment 0.600" in md  # full names, not cut to the first word


def test_all_weight_on_one_then_another_slider_moves_from_zero(app, move_slider):
    move_slider(app, "w_political", 1.0)
    move_slider(app, "w_economic", 0.3)
    no_exception(app)
    w = sliders(app)
    assert w["w_economic"] == 0.3
    assert w["w_political"] == pytest.approx(0.7)
    assert w["w_policy"] == 0.0


def test_back_to_the_models_own_weights_button(app, move_slider):
    move_slider(app, "w_political", 1.0)
    app.button(key="btn_reset_weights").click().run()
    no_exception(app)
    assert sliders(app) == pytest.approx({f"w_{c}": PAPER[c] for c in CRITERIA})
    assert set(rank_frame(app)["Change"]) == {"–"}


def test_a_criterion_outside_the_control_layer_can_be_switched_on_at_weight_zero(app, move_slider):
    before = ranking(app)
    app.toggle(key="use_natural_geography").set_value(True).run()
    no_exception(app)
    assert len(app.slider) == 6
    assert app.slider(key="w_natural_geography").value == 0.0
    assert ranking(app) == before  # weight 0 changes nothing
    info = " ".join(i.value for i in app.info)
    assert "immutable" in info  # the model's reason (excluded_reason)
    move_slider(app, "w_natural_geography", 0.5)
    no_exception(app)
    w = sliders(app)
    assert sum(w.values()) == pytest.approx(1.0)
    assert w["w_policy"] == pytest.approx(0.5 * 0.422, abs=1e-3)
    assert ranking(app) != before  # equal judgments flatten the ranking
    app.toggle(key="use_natural_geography").set_value(False).run()
    no_exception(app)
    assert len(app.slider) == 5
    assert sum(sliders(app).values()) == pytest.approx(1.0)
    assert app.session_state["w_natural_geography"] == 0.0


def test_query_params_seed_a_slider(make_app):
    at = make_app()
    at.query_params["w_political"] = "0.7"
    at.run()
    no_exception(at)
    # a URL lists only sliders away from 0, so the others are at 0
    assert sliders(at) == {
        "w_policy": 0.0,
        "w_economic": 0.0,
        "w_political": 0.7,
        "w_technological": 0.0,
        "w_socio_cultural": 0.0,
    }
    md = " ".join(m.value for m in at.markdown)
    assert "sliders sum to 0.700" in md  # said, and divided out
    assert "Political environment 1.000" in md


def test_a_shared_url_restores_every_weight(make_app):
    at = make_app()
    url = {
        "w_policy": "0.3",
        "w_economic": "0.3",
        "w_political": "0.2",
        "w_technological": "0.1",
        "w_socio_cultural": "0.1",
    }
    for k, v in url.items():
        at.query_params[k] = v
    at.run()
    no_exception(at)
    assert sliders(at) == {k: float(v) for k, v in url.items()}
    assert not at.session_state.get("use_natural_geography")
    assert not at.warning


def test_a_url_with_one_bad_weight_falls_back_to_the_paper_with_a_message(make_app):
    at = make_app()
    url = {"w_policy": "0.3", "w_economic": "0.3", "w_political": "0.4", "w_natural_geography": "abc"}
    for k, v in url.items():
        at.query_params[k] = v
    at.run()
    no_exception(at)
    assert sliders(at) == pytest.approx({f"w_{c}": w for c, w in PAPER.items()})
    (warning,) = [w.value for w in at.warning]
    assert "w\\_natural\\_geography is not a number" in warning
    assert "abc" not in warning  # the value is not echoed


def test_weights_survive_a_page_round_trip(app, move_slider):
    move_slider(app, "w_political", 0.5)
    w = sliders(app)
    order = ranking(app)
    app.switch_page("views/judgments.py").run()
    no_exception(app)
    assert not app.slider  # no weight slider on the Judgments page
    app.switch_page("views/weights.py").run()
    no_exception(app)
    assert sliders(app) == w
    assert ranking(app) == order


# ----- sidebar (shared by all pages) -----


def test_sidebar_shows_model_scenario_and_actions(app):
    sb = app.sidebar
    assert plain("Cross-border e-commerce") in sb.markdown[0].value
    assert sb.text_input(key="scenario").value == "Model's own weights"
    assert app.button(key="sb_undo").disabled
    assert [d.label for d in sb.download_button] == [
        "Download model (JSON)",
        "Download model and results (Excel)",
        "Download results (CSV)",
    ]
    assert not any(d.disabled for d in sb.download_button)
    assert len(app.file_uploader) == 1


def test_scenario_name_is_kept_across_pages(app):
    app.text_input(key="scenario").input("Tariffs up").run()
    app.switch_page("views/judgments.py").run()
    app.switch_page("views/weights.py").run()
    assert app.text_input(key="scenario").value == "Tariffs up"


@pytest.mark.parametrize(
    ("name", "payload", "expected"),
    [
        ("notes.json", b"this is not JSON {", "not valid JSON"),
        ("list.json", b"[1, 2, 3]", "must be a JSON object"),
        ("other.json", b'{"hello": "world"}', "schema_version"),
        ("latin1.json", '{"name": "caf\u00e9"}'.encode("latin-1"), "not UTF-8"),
        ("huge.json", b'{"a": "' + b"x" * (5 * 1024 * 1024) + b'"}', "the limit is 5 MB"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested deeper than 64 levels"),
        ("nan.json", b'{"schema_version": NaN}', "NaN is not a number JSON allows"),
        (
            "script.json",
            b'{"schema_version": 1, "name": "<script>alert(1)</script>"}',
            "id: Field required",
        ),
    ],
)
def test_bad_upload_shows_the_problems_and_keeps_the_model(app, name, payload, expected, move_slider):
    move_slider(app, "w_political", 0.5)
    key = app.session_state[state.MODEL].fingerprint
    w = sliders(app)
    app.file_uploader[0].set_value((name, payload, "application/json")).run()
    no_exception(app)
    (err,) = app.error
    assert plain(name) in err.value
    assert plain(expected) in err.value
    assert "previous model is kept" in err.value
    assert app.session_state[state.MODEL].fingerprint == key
    assert sliders(app) == w
    assert app.session_state[state.MODEL_SOURCE].startswith("cbec_trade_war.json")
    app.button(key="sb_dismiss").click().run()
    assert not app.error


def test_good_upload_becomes_the_new_baseline(app, model_bytes):
    payload = model_bytes.replace(b'"name": "Cross-border e-commerce x', b'"name": "Uploaded copy of')
    app.file_uploader[0].set_value(("mine.json", payload, "application/json")).run()
    no_exception(app)
    assert not app.error
    assert app.session_state[state.MODEL_SOURCE] == "mine.json (uploaded)"
    assert "Uploaded copy of" in app.sidebar.markdown[0].value
    assert app.text_input(key="scenario").value == "Model's own weights"
    assert len(rank_frame(app)) == 20


# ----- the scenario name follows the sliders -----


def test_the_scenario_name_becomes_custom_when_the_sliders_leave_it(app, move_slider):
    app.text_input(key="scenario").input("Tariffs up").run()
    assert app.text_input(key="scenario").value == "Tariffs up"
    move_slider(app, "w_political", 0.5)
    no_exception(app)
    assert app.text_input(key="scenario").value == "Custom"
    app.button(key="btn_reset_weights").click().run()
    assert app.text_input(key="scenario").value == "Model's own weights"


def test_a_criteria_comparison_edit_says_it_replaces_the_sliders(app):
    app.switch_page("views/judgments.py").run()
    app.radio(key="j_kind").set_value("criteria").run()
    no_exception(app)
    assert any("replaces the weights on the Weights page's sliders" in c.value for c in app.caption)


# ----- opening any model -----


def test_anp_model_opens_the_dashboard_on_that_file(open_on):
    at = open_on("feedback")
    assert at.sidebar.markdown[0].value == "**Model:** Supplier choice with feedback"
    assert at.session_state[state.MODEL_SOURCE] == "feedback.json (ANP_MODEL)"
    assert [s.key for s in at.slider] == ["w_cost", "w_quality"]
    assert sliders(at) == pytest.approx({"w_cost": 0.75, "w_quality": 0.25})
    assert (
        list(rank_frame(at)["Factor"]) == ["Supplier 2", "Supplier 3", "Supplier 1"]
        or len(rank_frame(at)) == 3
    )
    assert not any("published" in c.value for c in at.caption)  # no published table: no such caption
    assert not at.get("page_link")  # no link to an audit it cannot have


@pytest.mark.parametrize("fixture", ["two_cluster_feedback.sdmod", "missing_judgment.sdmod"])
def test_a_super_decisions_file_uploads_as_the_new_model(app, fixture):
    """Issue 12: the sidebar's uploader takes .sdmod (and .xlsx) through anp_core.load_any."""
    from anp_core import load_any

    data = (ROOT / "tests" / "fixtures" / "sdmod" / fixture).read_bytes()
    expected = load_any(data, fixture)
    app.file_uploader[0].set_value((fixture, data, "application/octet-stream")).run()
    no_exception(app)
    assert not app.error
    assert app.session_state[state.MODEL].fingerprint == expected.fingerprint
    assert app.session_state[state.MODEL_SOURCE] == f"{fixture} (uploaded)"


def test_an_excel_workbook_written_by_the_tool_uploads_back(app, model_bytes):
    from anp_core import load_model
    from anp_core.excel import model_to_workbook

    model = load_model(model_bytes)
    app.file_uploader[0].set_value(
        ("paper.xlsx", model_to_workbook(model, None), "application/octet-stream")
    ).run()
    no_exception(app)
    assert not app.error
    assert app.session_state[state.MODEL].node_ids == model.node_ids


# ----- text alternatives (issue 15) and paper 003's difficulties (issue 12) -----


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption).replace("\\", "")


def test_each_chart_has_a_summary_computed_from_its_data(app, move_slider):
    text = _captions(app)
    assert "Government regulation leads with 0.143; the top three hold 35 %." in text
    assert "Credit Risk Management leads with 0.238, 24 % of the total." in text
    (shares,) = [d.value for d in app.dataframe if "Largest factor" in d.value.columns]
    assert next(iter(shares["Cluster"])) == "Credit Risk Management"
    assert shares["Share"].sum() == pytest.approx(1.0, abs=1e-3)
    move_slider(app, "w_political", 1.0)
    ev = evaluate(app.session_state["model"], {"political": 1.0})
    top = ev.composite.idxmax()
    assert f"{app.session_state['model'].label(top)} leads with {ev.composite[top]:.3f}" in _captions(app)


def test_the_difficulties_003_names_are_listed_with_their_current_rank(app, move_slider):
    (table,) = [d.value for d in app.dataframe if "Difficulty" in d.value.columns]
    assert len(table) == 10
    assert set(table["Difficulty"]) == {"Logistics bottleneck", "Talent shortage", "Policy coordination"}
    assert table.loc[table["Factor"] == "Government regulation", "Rank"].iloc[0] == 1
    move_slider(app, "w_political", 1.0)
    (table,) = [d.value for d in app.dataframe if "Difficulty" in d.value.columns]
    ranks = evaluate(app.session_state["model"], {"political": 1.0}).ranks
    assert (
        table.loc[table["Factor"] == "Talent cultivation system", "Rank"].iloc[0]
        == ranks["talent_cultivation_system"]
    )


def test_a_model_003_does_not_name_gets_no_difficulties(open_on):
    at = open_on("feedback")
    assert not [d for d in at.dataframe if "Difficulty" in d.value.columns]
    assert not any("difficult" in s.value.lower() for s in at.subheader)


def test_the_page_speaks_chinese(make_app):
    at = make_app()
    at.query_params["lang"] = "zh"
    at.run()
    no_exception(at)
    at.switch_page("views/weights.py").run()
    no_exception(at)
    assert at.title[0].value == "准则权重与排名"
    # the summary in Chinese, with the model's Chinese names
    assert "政府监管居首，为 0.143；前 3 项合计占 35%。" in _captions(at)
