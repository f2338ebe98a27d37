"""Supermatrix page under AppTest (the whole app: app.py, sidebar and page)."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from anp_core import evaluate
from anp_core.limit import power_residuals
from dashboard import state
from tests.app.conftest import APP

PAGE = "pages/supermatrix.py"
MATRICES = ("unweighted", "cluster", "weighted", "limit")


def decode(value):
    """Plotly 7 JSON array (plain list or base64 typed array) -> numpy array."""
    if isinstance(value, dict) and "bdata" in value:
        a = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            a = a.reshape([int(s) for s in str(value["shape"]).split(",")])
        return a
    return np.asarray(value)


def charts(at) -> dict[str, dict]:
    """Plotly specs on the page, keyed by the chart's widget key."""
    return {c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}


def heatmap(at, which: str) -> tuple[np.ndarray, list[str], list[str]]:
    (trace,) = charts(at)[f"sm_chart_{which}"]["data"]
    return decode(trace["z"]), list(trace["x"]), list(trace["y"])


def no_exception(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page(PAGE).run()
    no_exception(at)
    return at


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """file name -> the zero-argument callable given to st.download_button."""
    seen: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        seen[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return seen


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
    assert "stationary vector by direct solve" in text


def test_heatmaps_show_anp_cores_matrices_with_factor_names(page, paper_model):
    net = evaluate(paper_model).networks["policy"]
    names = [paper_model.label(f) for f in paper_model.node_ids]
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
    assert x == [c.name for c in paper_model.clusters]


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
    np.testing.assert_array_equal(decode(line["customdata"]), r)
    np.testing.assert_array_equal(decode(line["x"]), np.arange(1, 31))


def test_values_toggle_removes_the_cell_text(page):
    assert all("text" in charts(page)[f"sm_chart_{w}"]["data"][0] for w in MATRICES)
    page.toggle(key="sm_show_values").set_value(False).run()
    no_exception(page)
    assert not any("text" in charts(page)[f"sm_chart_{w}"]["data"][0] for w in MATRICES)


def test_each_matrix_downloads_as_csv(downloads, paper_model):
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.switch_page(PAGE).run()
    no_exception(at)
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
    assert any("not in the paper's control layer" in i.value for i in page.info)
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
    page.session_state[state.MODEL_KEY] = state.model_hash(edited)
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
    page.switch_page("pages/weights.py").run()
    page.switch_page(PAGE).run()
    no_exception(page)
    assert page.selectbox(key="sm_criterion").value == "technological"
    assert page.toggle(key="sm_show_values").value is False
    z = heatmap(page, "weighted")[0]
    np.testing.assert_allclose(z, evaluate(paper_model).networks["technological"].weighted, atol=1e-15)
