"""Supermatrix page under AppTest (the whole app: app.py, sidebar and page)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from anp_core import evaluate, load_model
from anp_core.limit import power_residuals
from dashboard import state
from tests.support.apptest import charts, new_app, no_exception, plotly_array
from tests.support.dashboard_models import write_models

PAGE = "views/supermatrix.py"
MATRICES = ("unweighted", "cluster", "weighted", "limit")


def heatmap(at, which: str) -> tuple[np.ndarray, list[str], list[str]]:
    (trace,) = charts(at)[f"sm_chart_{which}"]["data"]
    return plotly_array(trace["z"]), list(trace["x"]), list(trace["y"])


@pytest.fixture
def page(downloads) -> AppTest:
    at = new_app().run()
    at.switch_page(PAGE).run()
    no_exception(at)
    return at


def test_page_draws_four_heatmaps_the_convergence_chart_and_the_diagnosis(page, paper_model):
    assert page.selectbox(key="sm_criterion").value == "policy"
    assert page.selectbox(key="sm_criterion").options[:5] == [
        paper_model.label(c) for c in paper_model.control_criteria
    ]
    assert set(charts(page)) == {*(f"sm_chart_{m}" for m in MATRICES), "sm_chart_convergence"}
    assert [t.label for t in page.tabs] == [
        "① Unweighted U",
        "② Cluster matrix C",
        "③ Weighted W",
        "④ Limit W^∞",
    ]
    metrics = {m.label: m.value for m in page.metric}
    lim = evaluate(paper_model).networks["policy"].limit
    assert metrics["Diagnosis"] == lim.diagnosis == "primitive"
    assert metrics["Period"] == "1"
    assert metrics["Iterations (matrix products)"] == str(lim.iterations)
    assert metrics["Residual"] == f"{lim.residual:.1e}"
    text = " ".join(m.value for m in page.markdown)
    assert "W = p 1ᵀ" in text
    assert "reconstructed" in text
    assert "Why columns of W sum to 1" in text
    assert "stationary vector" in text


def test_heatmaps_show_anp_cores_matrices_with_factor_names(page, paper_model):
    from dashboard.text import plot_text

    net = evaluate(paper_model).networks["policy"]
    names = [plot_text(paper_model.label(f)) for f in paper_model.node_ids]
    for which, matrix in [
        ("unweighted", net.unweighted),
        ("weighted", net.weighted),
        ("limit", net.limit.limit),
    ]:
        z, x, y = heatmap(page, which)
        np.testing.assert_allclose(z, matrix, rtol=0, atol=1e-15)
        assert x == y == names
    z, x, _ = heatmap(page, "cluster")
    np.testing.assert_allclose(z, net.cluster, atol=1e-15)
    assert x == [plot_text(c.name) for c in paper_model.clusters]


def test_selecting_another_criterion_changes_the_matrices(page, paper_model):
    before = {w: heatmap(page, w)[0] for w in MATRICES}
    page.selectbox(key="sm_criterion").set_value("economic").run()
    no_exception(page)
    net = evaluate(paper_model).networks["economic"]
    for which, matrix in zip(
        MATRICES, [net.unweighted, net.cluster, net.weighted, net.limit.limit], strict=True
    ):
        z = heatmap(page, which)[0]
        np.testing.assert_allclose(z, matrix, atol=1e-15)
        assert np.abs(z - before[which]).max() > 1e-3, which


def test_convergence_chart_plots_power_residuals(page, paper_model):
    spec = charts(page)["sm_chart_convergence"]
    assert spec["layout"]["yaxis"]["type"] == "log"
    line = spec["data"][0]
    r = power_residuals(evaluate(paper_model).networks["policy"].weighted, 30)
    np.testing.assert_array_equal(plotly_array(line["customdata"]), r)
    np.testing.assert_array_equal(plotly_array(line["x"]), np.arange(1, 31))


def test_values_toggle_removes_the_cell_text(page):
    assert all("text" in charts(page)[f"sm_chart_{w}"]["data"][0] for w in MATRICES)
    page.toggle(key="sm_show_values").set_value(False).run()
    no_exception(page)
    assert not any("text" in charts(page)[f"sm_chart_{w}"]["data"][0] for w in MATRICES)


def test_each_matrix_downloads_as_csv(page, downloads, paper_model):
    at = page
    buttons = {b.key: b for b in at.get("download_button") if str(b.key).startswith("sm_dl_")}
    assert set(buttons) == {f"sm_dl_{w}" for w in MATRICES}
    assert all(b.proto.ignore_rerun for b in buttons.values())  # on_click="ignore"
    frames = evaluate(paper_model).supermatrices("policy")
    for which in MATRICES:
        (name,) = [n for n in downloads if n and n.endswith(f"policy_{which}.csv")]
        got = pd.read_csv(io.BytesIO(downloads[name]()), index_col=0)
        assert list(got.index) == list(frames[which].index)
        np.testing.assert_allclose(got.to_numpy(), frames[which].to_numpy(), rtol=1e-15, atol=0)


def test_natural_geography_can_be_inspected_with_a_warning(page):
    page.selectbox(key="sm_criterion").set_value("natural_geography").run()
    no_exception(page)
    assert any("outside the model's control layer" in i.value and "immutable" in i.value for i in page.info)
    assert {m.label: m.value for m in page.metric}["Diagnosis"] == "primitive"


def test_an_edited_judgment_gives_columns_that_differ(page, paper_model):
    comp = next(
        c
        for c in paper_model.comparisons
        if c.criterion == "policy" and c.kind == "nodes" and c.cluster == "payment"
    )
    node = paper_model.cluster_by_id["logistics"].nodes[0].id
    specific = comp.model_copy(
        update={"wrt": node, "matrix": ((1.0, 9.0, 9.0), (1 / 9, 1.0, 1.0), (1 / 9, 1.0, 1.0))}
    )
    edited = paper_model.with_comparisons([specific])
    page.session_state[state.MODEL] = edited
    page.run()
    no_exception(page)
    z = heatmap(page, "weighted")[0]
    np.testing.assert_allclose(z, evaluate(edited).networks["policy"].weighted, atol=1e-15)
    assert not np.allclose(z, z[:, :1])
    text = " ".join(m.value for m in page.markdown)
    assert "W = p 1ᵀ" not in text
    assert "Reading the curve" in text


def test_the_chosen_criterion_survives_a_page_round_trip(page, paper_model):
    page.selectbox(key="sm_criterion").set_value("technological").run()
    page.toggle(key="sm_show_values").set_value(False).run()
    page.switch_page("views/weights.py").run()
    page.switch_page(PAGE).run()
    no_exception(page)
    assert page.selectbox(key="sm_criterion").value == "technological"
    assert page.toggle(key="sm_show_values").value is False
    z = heatmap(page, "weighted")[0]
    np.testing.assert_allclose(z, evaluate(paper_model).networks["technological"].weighted, atol=1e-15)


def test_the_model_picker_offers_the_example_models(monkeypatch, tmp_path):
    """The picker lists every JSON file of the examples folder, plus the model being worked on."""
    files = write_models(tmp_path, ["feedback", "periodic", "sink"])
    monkeypatch.setenv("ANP_EXAMPLES", str(tmp_path))
    at = new_app().run()
    at.switch_page(PAGE).run()
    no_exception(at)
    picker = at.selectbox(key="sm_model")
    assert picker.value == "current"
    assert picker.options[1:] == [
        "Example: Supplier choice with feedback",
        "Example: Two-cluster cycle",
        "Example: Test network",
    ]
    # feedback converges gradually: the columns differ
    at.selectbox(key="sm_model").set_value(str(files["feedback"])).run()
    no_exception(at)
    assert at.selectbox(key="sm_criterion").options == ["Cost", "Quality"]
    text = " ".join(m.value for m in at.markdown)
    assert "Reading the curve" in text
    residuals = plotly_array(charts(at)["sm_chart_convergence"]["data"][0]["customdata"])
    assert residuals[0] > 1e-3 > residuals[-1]  # decays
    # a periodic network: the powers cycle
    at.selectbox(key="sm_model").set_value(str(files["periodic"])).run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Diagnosis"], metrics["Period"]) == ("periodic", "2")
    # a sink: which columns are zero, and why
    at.selectbox(key="sm_model").set_value(str(files["sink"])).run()
    no_exception(at)
    assert {m.label: m.value for m in at.metric}["Diagnosis"] == "sinks"
    (sinks,) = [w.value for w in at.warning if "Zero columns" in w.value]
    assert "**alt1**" in sinks
    assert "stays zero" in sinks
    z = heatmap(at, "limit")[0]
    assert not z[:, 0].any()  # alt1's column of the limit
    # the model being worked on is untouched, until the user asks to work on the example
    assert at.session_state[state.MODEL].id == "cbec_trade_war"
    at.button(key="sm_open_example").click().run()
    no_exception(at)
    assert at.session_state[state.MODEL].id == load_model(files["sink"]).id
    assert "Test network" in at.sidebar.markdown[0].value


def test_a_large_network_is_summarised_and_offered_as_csv(open_on, downloads):
    at = open_on("big")
    at.switch_page(PAGE).run()
    no_exception(at)
    assert any("too many cells to draw" in i.value for i in at.info)
    z = heatmap(at, "weighted")[0]
    assert z.shape == (6, 6)  # cluster blocks, not 72 x 72
    tops = [d.value for d in at.dataframe if "Value" in d.value.columns]
    assert len(tops) == 3
    (name,) = [n for n in downloads if n and n.endswith("_weighted.csv")]
    assert pd.read_csv(io.BytesIO(downloads[name]()), index_col=0).shape == (72, 72)
