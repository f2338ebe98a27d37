"""The Judgments page's two Vega-Lite charts (dashboard/vega_matrix.py): priorities and the whole matrix."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core import PairwiseMatrix, load_model
from dashboard import palette
from dashboard.vega_matrix import DIVERGING, diverging_fill, matrix_heatmap, priorities_bar
from tests.conftest import ROOT
from tests.support.vega import valid_vega_lite

MODEL_FILES = sorted((ROOT / "data" / "models").rglob("*.json"))
CREDIT = ("policy", "nodes", "policy", "credit_risk")


@pytest.fixture(scope="module")
def credit(paper_model):
    comp = paper_model.comparison_by_key[CREDIT]
    return np.asarray(comp.matrix, dtype=float), [paper_model.label(e) for e in comp.elements]


def test_priorities_bar_draws_the_matrix_priorities_in_matrix_order(credit):
    matrix, labels = credit
    prio = PairwiseMatrix(matrix, labels).priorities()
    chart = priorities_bar(labels, prio, color="#0072B2", title="Priorities")
    valid_vega_lite(chart)
    assert chart.data["element"].to_pylist() == labels
    np.testing.assert_allclose(chart.data["priority"].to_numpy(), prio)
    assert chart.data["order"].to_pylist() == [0, 1, 2, 3]  # first element on top
    assert chart.data["value"].to_pylist()[0] == f"{prio[0]:.3f}"
    assert chart.spec["layer"][0]["mark"]["color"] == "#0072B2"
    assert chart.title == "Priorities"
    assert chart.spec["layer"][0]["encoding"]["x"]["scale"]["domain"][1] >= prio.max()


def test_priorities_bar_keeps_its_spec_for_a_small_move_and_two_elements_of_one_name():
    a = priorities_bar(["x", "x", "<b>y</b>"], [0.5, 0.3, 0.2])
    b = priorities_bar(["x", "x", "<b>y</b>"], [0.49, 0.31, 0.2])
    assert a.spec == b.spec  # the browser is sent the new data only
    labels = a.data["label"].to_pylist()
    assert len(set(labels)) == 3  # two elements of one name stay two bars
    assert a.data["element"].to_pylist()[2] == "<b>y</b>"  # a name is data, drawn as text


def test_matrix_heatmap_shows_off_scale_values_as_they_are(credit):
    matrix, labels = credit
    chart = matrix_heatmap(matrix, labels, highlight=(0, 3))
    valid_vega_lite(chart)
    rows = chart.data.to_pylist()
    assert len(rows) == 16
    cell = {(r["row_order"], r["col_order"]): r for r in rows}
    assert cell[0, 3]["text"] == "25.43"  # not clipped to 9
    assert cell[3, 0]["text"] == "1/25.43"
    assert cell[1, 1]["text"] == "1"
    assert [cell[0, j]["col"] for j in range(4)] == ["1", "2", "3", "4"]
    assert cell[0, 0]["row"] == "1. Government regulation"
    assert cell[0, 3]["hover"] == "Government regulation over Insurance protection: 25.43"
    assert {k for k, r in cell.items() if r["worst"]} == {(0, 3), (3, 0)}  # the cell and its reciprocal
    # red where the row dominates, blue where the column does, near-white on the diagonal
    red, blue = (palette.hex_to_rgb(cell[k]["fill"]) for k in ((0, 3), (3, 0)))
    assert red[0] > red[2]
    assert blue[2] > blue[0]
    assert cell[1, 1]["fill"] == DIVERGING[len(DIVERGING) // 2]
    assert not any(r["worst"] for r in matrix_heatmap(np.ones((2, 2)), ["a", "b"]).data.to_pylist())


def test_a_missing_judgment_is_a_white_question_mark_with_its_own_hover():
    m = np.array([[1.0, np.nan, 2.0], [np.nan, 1.0, 3.0], [0.5, 1 / 3, 1.0]])
    chart = matrix_heatmap(m, ["a", "b", "c"], hover=("{row}/{col} = {value}", "{row}/{col}: none"))
    cell = {(r["row_order"], r["col_order"]): r for r in chart.data.to_pylist()}
    assert cell[0, 1]["text"] == "?"
    assert cell[0, 1]["fill"] == "#FFFFFF"
    assert cell[0, 1]["hover"] == "a/b: none"
    assert cell[2, 1]["text"] == "1/3"
    assert cell[2, 1]["hover"] == "c/b = 1/3"  # as the cell says it


def test_beside_the_editor_rows_are_numbered_only(credit):
    matrix, labels = credit
    chart = matrix_heatmap(matrix, labels, row_names=False)
    valid_vega_lite(chart)
    assert sorted(set(chart.data["row"].to_pylist())) == ["1", "2", "3", "4"]
    # the names stay in what a screen reader hears and the tooltip shows
    assert chart.data["hover"].to_pylist()[3] == "Government regulation over Insurance protection: 25.43"


def test_a_judgment_edit_sends_new_data_only(credit):
    matrix, labels = credit
    edited = matrix.copy()
    edited[0, 1], edited[1, 0] = 5.0, 0.2
    before, after = matrix_heatmap(matrix, labels, highlight=(0, 3)), matrix_heatmap(edited, labels)
    assert before.spec == after.spec
    assert before.data != after.data


@pytest.mark.parametrize("zmax", [np.log(9.0), 3.5])
def test_every_cell_text_reaches_aa_contrast_on_its_fill(zmax):
    z = np.linspace(-zmax, zmax, 801)
    fills, inks = diverging_fill(z, zmax)
    ratios = [palette.contrast_ratio(f, i) for f, i in zip(fills, inks, strict=True)]
    assert min(ratios) >= 4.5
    assert fills[0] == DIVERGING[0]
    assert fills[-1] == DIVERGING[-1]
    # the stronger a judgment either way, the darker its cell (8-bit rounding: a small slack)
    lum = palette.relative_luminance(np.array([palette.hex_to_rgb(f) for f in fills]))
    assert np.all(np.diff(lum[400:]) <= 5e-3)
    assert np.all(np.diff(lum[:401]) >= -5e-3)


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.name)
def test_matrices_of_every_model_file_make_valid_charts(path):
    model = load_model(path)
    if True:
        for comp in model.comparisons[:6]:
            labels = [model.label(e) for e in comp.elements]
            valid_vega_lite(matrix_heatmap(comp.matrix, labels, highlight=(0, 1)))
            pm = PairwiseMatrix(comp.matrix, labels)
            valid_vega_lite(priorities_bar(labels, pm.priorities()))
