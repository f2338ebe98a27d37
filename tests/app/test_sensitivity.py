"""Sensitivity page under AppTest (the whole app: app.py + sidebar + page).

``whatif_app()`` (also used by the Uncertainty and Scenarios tests) runs the
real ``app.py``, optionally opened with URL parameters, and switches to a page.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from anp_core import evaluate
from anp_core.sensitivity import crossings
from tests.support.apptest import new_app, no_exception
from tests.support.paper import CRITERIA


def whatif_app(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """Run the app once (optionally with URL parameters), then switch to ``page`` and run it."""
    at = new_app()
    if query:
        at.query_params.update(query)
    at.run()
    no_exception(at)
    if page:
        at.switch_page(page).run()
        no_exception(at)
    return at


def political(at: AppTest) -> AppTest:
    """Pick the political criterion on the Sensitivity page (the page opens on the first criterion)."""
    at.selectbox(key="sens_criterion").set_value("political").run()
    no_exception(at)
    return at


def crossing_frame(at: AppTest):
    (df,) = [d.value for d in at.dataframe if "What happens" in d.value.columns]
    return df


def test_sensitivity_page_draws_lines_crossings_tornado_and_thresholds():
    at = whatif_app("views/sensitivity.py")
    assert at.title[0].value == "Sensitivity to the criterion weights"
    assert at.selectbox(key="sens_criterion").value == "policy"  # the first criterion
    political(at)
    assert [c.proto.alt for c in at.get("vega_lite_chart")] == [
        "Composite weight of every factor as the political environment weight moves",
        "Tornado: each criterion's weight moved by ±0.1 (others keep their proportions)",
    ]
    assert len(at.get("plotly_chart")) == 0
    df = crossing_frame(at)
    assert len(df) == 15
    assert df["What happens"].iloc[0] == (
        "Consumer complaints handling overtakes Talent cultivation system when the political environment weight "
        "exceeds 0.0176"
    )
    assert (
        "Government regulation overtakes Comprehensive service platform when the political environment weight "
        "exceeds 0.1021" in (list(df["What happens"]))
    )
    thr = thresholds(at)
    assert list(thr.index) == [
        "Policy environment",
        "Economic environment",
        "Political environment",
        "Technological environment",
        "Socio-cultural environment",
    ]
    assert thr.loc["Political environment", "Top 1: at"] == pytest.approx(0.1021, abs=5e-5)
    assert thr.loc["Political environment", "Top 1: move"] == pytest.approx(0.1021 - 0.181, abs=5e-5)
    assert not at.error


def test_the_listing_matches_the_engine_for_every_criterion(paper_model):
    at = whatif_app("views/sensitivity.py")
    ev = evaluate(paper_model)
    names = {f: paper_model.label(f) for f in paper_model.node_ids}
    seen = set()
    for c in CRITERIA:
        at.selectbox(key="sens_criterion").set_value(c).run()
        no_exception(at)
        df = crossing_frame(at)
        short = paper_model.label(c)
        short = short[0].lower() + short[1:]  # the full name in a sentence
        expected = [x.sentence(names, short) for x in crossings(ev, c)]
        assert list(df["What happens"]) == expected
        seen.add(tuple(df["What happens"]))
    assert len(seen) == len(CRITERIA), "changing the criterion must change the listing"


def test_changing_the_criterion_changes_the_chart():
    at = political(whatif_app("views/sensitivity.py"))
    before = lines_spec(at)
    at.selectbox(key="sens_criterion").set_value("economic").run()
    no_exception(at)
    after = lines_spec(at)
    assert before != after
    assert "economic environment weight" in " ".join(json.loads(after[0])["title"]["text"])
    # the two economic ties at weight 1 are named as ties, not as overtakings
    assert any("Equal at the end of the range" in c.value for c in at.caption)


def test_the_tornado_delta_changes_the_tornado():
    at = whatif_app("views/sensitivity.py")
    before = at.get("vega_lite_chart")[1].proto
    at.select_slider(key="sens_delta").set_value(0.25).run()
    no_exception(at)
    after = at.get("vega_lite_chart")[1].proto
    assert (before.spec, before.data.data) != (after.spec, after.data.data)
    assert "±0.25" in " ".join(json.loads(after.spec)["title"]["text"])


def test_the_page_follows_the_sliders(move_slider):
    at = whatif_app()
    move_slider(at, "w_political", 0.5)
    at.switch_page("views/sensitivity.py").run()
    no_exception(at)
    text = " ".join(m.value for m in at.markdown)
    assert "Political environment 0.500" in text
    assert "(Custom)" in text  # the sliders left the model's own weights
    political(at)
    df = crossing_frame(at)
    assert (df["Move"] == df["Weight"] - 0.5).all()


# ----- caching: what the tornado's sliders leave alone, and what invalidates the cached view -----


def lines_spec(at: AppTest) -> tuple[str, bytes]:
    """The lines chart (the page's first) as sent: its Vega-Lite spec and its data (Arrow)."""
    chart = at.get("vega_lite_chart")[0]
    return chart.proto.spec, chart.proto.data.data


def test_moving_the_tornado_sliders_keeps_the_lines_chart_and_the_tables():
    at = whatif_app("views/sensitivity.py")
    spec = lines_spec(at)

    def outside_the_tornado():
        return [d.value for d in at.dataframe if "Swing" not in d.value.columns]

    tables = outside_the_tornado()
    for move, n_top in (
        (lambda: at.select_slider(key="sens_delta").set_value(0.25), 5),
        (lambda: at.slider(key="sens_top_n").set_value(3), 3),
        (lambda: at.select_slider(key="sens_delta").set_value(0.05), 3),
    ):
        move()
        at.run()
        no_exception(at)
        assert lines_spec(at) == spec
        after = outside_the_tornado()
        assert len(after) == len(tables)
        for a, b in zip(tables, after, strict=True):
            pd.testing.assert_frame_equal(a, b)
        # the tornado's own table follows its sliders: one row per (top factor, criterion)
        (tornado,) = [d.value for d in at.dataframe if "Swing" in d.value.columns]
        assert len(tornado) == n_top * 5


def test_the_page_follows_a_judgment_edit(paper_model):
    at = political(whatif_app("views/sensitivity.py"))
    spec, listing = lines_spec(at), list(crossing_frame(at)["What happens"])
    at.switch_page("views/judgments.py").run()
    at.select_slider(
        key=f"pair:policy:nodes:policy:credit_risk:0:1:{at.session_state['model_rev']}"
    ).set_value(1 / 9).run()
    no_exception(at)
    edited = at.session_state["model"]
    assert edited != paper_model
    at.switch_page("views/sensitivity.py").run()
    no_exception(at)
    names = {f: paper_model.label(f) for f in paper_model.node_ids}
    expected = [
        x.sentence(names, "political environment")
        for x in crossings(evaluate(edited), "political")
        if 1e-9 < x.t < 1 - 1e-9
    ]
    assert list(crossing_frame(at)["What happens"]) == expected
    assert expected != listing
    assert lines_spec(at) != spec


def thresholds(at: AppTest):
    (table,) = [d for d in at.dataframe if "Top 1: move" in d.value.columns]
    assert table.proto.placeholder == "–"  # a dash where the top never changes, not "None"
    df = table.value
    assert list(df.columns[:2]) == ["Criterion", "Current weight"]  # the criterion is the first column
    return df.set_index("Criterion")


def test_the_page_follows_the_weights_there_and_back(move_slider):
    at = political(whatif_app("views/sensitivity.py"))
    spec, listing, thr = lines_spec(at), crossing_frame(at), thresholds(at)
    at.switch_page("views/weights.py").run()
    move_slider(at, "w_political", 0.5)
    at.switch_page("views/sensitivity.py").run()
    no_exception(at)
    assert lines_spec(at) != spec
    assert (crossing_frame(at)["Move"] == crossing_frame(at)["Weight"] - 0.5).all()
    assert thresholds(at).loc["Political environment", "Current weight"] == pytest.approx(0.5)
    at.switch_page("views/weights.py").run()
    at.button(key="btn_reset_weights").click()
    del at.query_params["w_political"]  # the browser rewrites the bound slider's URL parameter
    at.run()
    at.switch_page("views/sensitivity.py").run()
    no_exception(at)
    assert lines_spec(at) == spec
    pd.testing.assert_frame_equal(crossing_frame(at), listing)
    pd.testing.assert_frame_equal(thresholds(at), thr)


def test_the_page_runs_on_a_model_with_one_criterion(open_on):
    at = open_on("sink")
    at.switch_page("views/sensitivity.py").run()
    no_exception(at)
    # its weight is 1 with nothing to move it against: the page says so instead of drawing lines that all
    # start at 0, ties at weight 0 that are no ties, and a tornado that can only lower the weight
    (info,) = at.info
    assert info.value.startswith("This model has one control criterion (")
    assert not at.selectbox
    assert len(at.get("vega_lite_chart")) == 0
    assert not at.dataframe
