"""The sidebar's downloads (issue 12): model JSON, model and results as one Excel workbook, results as CSV.

Each is a deferred download (``data`` a callable, ``on_click="ignore"``); the ``downloads``
fixture keeps the callables, so the test calls them as Streamlit does after a click. They read
the session's model and weights when called, not those of the run that drew the sidebar: the
Weights page's sliders rerun only their fragment, which does not redraw the sidebar.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from anp_core import evaluate, load_model
from anp_core.excel import load_workbook_model, results_frame
from dashboard import sidebar, state
from tests.support.apptest import new_app, no_exception
from tests.support.paper import CRITERIA


@pytest.fixture
def app(downloads):
    at = new_app().run()
    no_exception(at)
    return at


def _csv(downloads) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(downloads["cbec_trade_war_results.csv"]()))


def test_results_csv_is_the_ranking_under_the_current_weights(app, downloads, paper_model):
    frame = _csv(downloads)
    expected = results_frame(evaluate(paper_model))
    assert list(frame.columns) == list(expected.columns)
    assert list(frame["id"]) == list(expected["id"])
    np.testing.assert_allclose(frame["composite"], expected["composite"], atol=1e-6)


def test_downloads_read_the_weights_when_clicked_not_when_drawn(app, downloads, paper_model):
    """A slider moved in a fragment does not redraw the sidebar: the file must still follow it."""
    weights = {c: (1.0 if c == "political" else 0.0) for c in CRITERIA}
    for c, w in weights.items():
        app.session_state[state.weight_key(c)] = w  # as a fragment's slider does, without a full rerun
    frame = _csv(downloads)
    expected = results_frame(evaluate(paper_model, {"political": 1.0}))
    np.testing.assert_allclose(frame["composite"], expected["composite"], atol=1e-6)
    assert frame["name"].iloc[2] == "Product & brand"  # third under the political criterion alone


def test_workbook_holds_the_model_and_its_results(app, downloads, paper_model):
    data = downloads["cbec_trade_war.xlsx"]()
    back = load_workbook_model(data)
    assert back.node_ids == paper_model.node_ids
    assert len(back.comparisons) == len(paper_model.comparisons)
    for a, b in zip(back.comparisons, paper_model.comparisons, strict=True):
        np.testing.assert_allclose(np.asarray(a.matrix, float), np.asarray(b.matrix, float), rtol=1e-14)
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    assert "Results" in wb.sheetnames
    assert any(name.startswith("L ") for name in wb.sheetnames)  # a limit supermatrix per criterion


def test_json_download_follows_an_edit(app, downloads, paper_model):
    comp = next(c for c in paper_model.comparisons if c.kind == "clusters")
    edited = paper_model.with_judgment(comp.key, comp.elements[0], comp.elements[1], 7.0)
    app.session_state[state.MODEL] = edited
    assert load_model(downloads["cbec_trade_war.json"]()).fingerprint == edited.fingerprint


def test_weights_from_follows_the_state_rule(paper_model):
    """``weights_from`` reads a plain mapping with the rule of ``state.effective_weights``."""
    ss = {state.weight_key(c): 0.2 for c in CRITERIA}
    assert sidebar.weights_from(ss, paper_model) == pytest.approx(dict.fromkeys(CRITERIA, 0.2))
    zero = {state.weight_key(c): 0.0 for c in CRITERIA}
    assert sidebar.weights_from(zero, paper_model) == pytest.approx(dict.fromkeys(CRITERIA, 0.2))
    extra = state.extra_criteria(paper_model)[0]
    on = {**ss, state.extra_key(extra): True, state.weight_key(extra): 1.0}
    w = sidebar.weights_from(on, paper_model)
    assert w[extra] == pytest.approx(0.5)
    assert sum(w.values()) == pytest.approx(1.0)


def test_a_model_that_cannot_be_evaluated_still_downloads_as_a_workbook(paper_model, monkeypatch):
    from anp_core import ANPError

    def refuse(*args, **kwargs):
        raise ANPError("no evaluation")

    monkeypatch.setattr(sidebar, "evaluate", refuse)
    data = sidebar.workbook_bytes(paper_model, {})
    assert load_workbook_model(data).node_ids == paper_model.node_ids
    import openpyxl

    assert "Results" not in openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames
