"""Weights page and the shared sidebar under AppTest (the whole app, app.py + page)."""

from __future__ import annotations

import pytest

from anp_core import evaluate
from dashboard import state
from dashboard.weights_ui import (
    cluster_shares,
    light_table,
    rank_change,
    rank_table,
    top_records,
)

CRITERIA = ["policy", "economic", "political", "technological", "socio_cultural"]
PAPER = {
    "policy": 0.422,
    "economic": 0.242,
    "political": 0.181,
    "technological": 0.106,
    "socio_cultural": 0.049,
}


def ranking(at) -> list[str]:
    """Factor names in the rank table's order."""
    return list(rank_frame(at)["Factor"])


def rank_frame(at):
    (df,) = [d.value for d in at.dataframe if "Factor" in d.value.columns]
    return df


def sliders(at) -> dict[str, float]:
    return {s.key: s.value for s in at.slider}


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


# ----- page basics -----


def test_weights_page_draws_sliders_charts_table_and_cards(app):
    assert [s.key for s in app.slider] == [f"w_{c}" for c in CRITERIA]
    for c in CRITERIA:
        assert app.slider(key=f"w_{c}").value == pytest.approx(PAPER[c], abs=1e-9)
        assert app.slider(key=f"w_{c}").max == 1.0
        assert app.slider(key=f"w_{c}").step == 0.01
    assert len(app.get("plotly_chart")) == 2  # composite bars + sunburst
    df = rank_frame(app)
    assert len(df) == 20
    assert list(df.columns[:5]) == ["Rank", "Change", "Factor", "Composite", "Δ weight"]
    assert set(df["Change"]) == {"–"}  # the paper's own weights: nothing moved
    assert ranking(app)[:3] == [
        "Government regulation",
        "Comprehensive service platform",
        "Electronic payment",
    ]
    assert len(app.metric) == 5
    assert app.metric[0].label == "#1 Government regulation"
    assert app.metric[0].value == f"{df['Composite'].iloc[0]:.3f}"
    # the reconstruction is stated on the page
    text = " ".join(c.value for c in app.caption)
    assert "reconstructed" in text
    assert "differ slightly from the published" in text
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
    assert app.metric[2].label == "#3 Product & brand"
    assert app.metric[2].proto.delta_description == "rank ▲2"
    assert app.metric[2].delta.startswith("+")
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
    assert "Policy 0.600" in md


def test_all_weight_on_one_then_another_slider_moves_from_zero(app, move_slider):
    move_slider(app, "w_political", 1.0)
    move_slider(app, "w_economic", 0.3)
    no_exception(app)
    w = sliders(app)
    assert w["w_economic"] == 0.3
    assert w["w_political"] == pytest.approx(0.7)
    assert w["w_policy"] == 0.0


def test_back_to_paper_weights_button(app, move_slider):
    move_slider(app, "w_political", 1.0)
    app.button(key="btn_reset_weights").click().run()
    no_exception(app)
    assert sliders(app) == pytest.approx({f"w_{c}": PAPER[c] for c in CRITERIA})
    assert set(rank_frame(app)["Change"]) == {"–"}


def test_geography_toggle_adds_a_sixth_criterion_at_weight_zero(app, move_slider):
    before = ranking(app)
    app.toggle(key="use_geo").set_value(True).run()
    no_exception(app)
    assert len(app.slider) == 6
    assert app.slider(key="w_natural_geography").value == 0.0
    assert ranking(app) == before  # weight 0 changes nothing
    info = " ".join(i.value for i in app.info)
    assert "immutable" in info  # the paper's reason (excluded_reason)
    assert "equal judgments" in info
    move_slider(app, "w_natural_geography", 0.5)
    no_exception(app)
    w = sliders(app)
    assert sum(w.values()) == pytest.approx(1.0)
    assert w["w_policy"] == pytest.approx(0.5 * 0.422, abs=1e-3)
    assert ranking(app) != before  # equal judgments flatten the ranking
    app.toggle(key="use_geo").set_value(False).run()
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
    assert "Political 1.000" in md


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
    assert not at.session_state["use_geo"]
    assert not at.warning


def test_a_url_with_one_bad_weight_falls_back_to_the_paper_with_a_message(make_app):
    at = make_app()
    url = {"w_policy": "0.3", "w_economic": "0.3", "w_political": "0.4", "w_natural_geography": "abc"}
    for k, v in url.items():
        at.query_params[k] = v
    at.run()
    no_exception(at)
    assert sliders(at) == pytest.approx({f"w_{c}": w for c, w in PAPER.items()})
    assert any("natural_geography" in w.value or "Natural geography" in w.value for w in at.warning), [
        w.value for w in at.warning
    ]


def test_weights_survive_a_page_round_trip(app, move_slider):
    move_slider(app, "w_political", 0.5)
    w = sliders(app)
    order = ranking(app)
    app.switch_page("pages/judgments.py").run()
    no_exception(app)
    assert not app.slider  # no weight slider on the Judgments page
    app.switch_page("pages/weights.py").run()
    no_exception(app)
    assert sliders(app) == w
    assert ranking(app) == order


# ----- sidebar (shared by all pages) -----


def test_sidebar_shows_model_scenario_and_actions(app):
    sb = app.sidebar
    assert "Cross-border e-commerce" in sb.markdown[0].value
    assert sb.text_input(key="scenario").value == "Paper baseline"
    assert app.button(key="sb_undo").disabled
    (dl,) = app.download_button
    assert dl.label == "Download model (JSON)"
    assert len(app.file_uploader) == 1


def test_scenario_name_is_kept_across_pages(app):
    app.text_input(key="scenario").input("Tariffs up").run()
    app.switch_page("pages/judgments.py").run()
    app.switch_page("pages/weights.py").run()
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
            "`id`: Field required",
        ),
    ],
)
def test_bad_upload_shows_the_problems_and_keeps_the_model(app, name, payload, expected, move_slider):
    move_slider(app, "w_political", 0.5)
    key = app.session_state[state.MODEL_KEY]
    w = sliders(app)
    app.file_uploader[0].set_value((name, payload, "application/json")).run()
    no_exception(app)
    (err,) = app.error
    assert name in err.value
    assert expected in err.value
    assert "previous model is kept" in err.value
    assert app.session_state[state.MODEL_KEY] == key
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
    assert app.text_input(key="scenario").value == "Uploaded model"
    assert len(rank_frame(app)) == 20


# ----- pure helpers -----


def test_rank_change_labels():
    assert [rank_change(5, 3), rank_change(3, 4), rank_change(2, 2)] == ["▲2", "▼1", "–"]


def test_rank_table_against_itself_has_no_change(paper_model):
    t = evaluate(paper_model).table()
    r = rank_table(t, t)
    assert set(r["Change"]) == {"–"}
    assert (r["Δ weight"] == 0).all()
    assert list(r.index) == list(t.index)


def test_light_table_equals_the_engine_table(paper_model):
    for weights in (None, {"political": 1.0}, {"policy": 0.2, "technological": 0.8}):
        ev = evaluate(paper_model, weights)
        full = ev.table()[["name", "cluster", "composite", "rank"]]
        light = light_table(ev)
        assert list(light.index) == list(full.index)
        assert light["name"].tolist() == full["name"].tolist()
        assert light["cluster"].tolist() == full["cluster"].tolist()
        assert light["composite"].tolist() == full["composite"].tolist()
        assert light["rank"].tolist() == full["rank"].tolist()
        shares = cluster_shares(light)
        assert shares == pytest.approx(ev.cluster_weights.to_dict())


def test_top_records_are_the_rows_with_the_largest_composite(paper_model):
    for weights in (None, {"political": 1.0}, {"economic": 0.3, "socio_cultural": 0.7}):
        ev = evaluate(paper_model, weights)
        ranked = rank_table(light_table(ev), evaluate(paper_model).table())
        expected = ranked.sort_values("Composite", ascending=False, kind="stable").head(5)
        assert top_records(ranked) == expected.to_dict("records")
        assert [r["Rank"] for r in top_records(ranked, 3)] == sorted(ev.ranks)[:3]
