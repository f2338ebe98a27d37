"""Excel workbook: model + results out, model back in; JSON and Excel round trips over random models."""

from __future__ import annotations

import io
import math
from typing import Any

import numpy as np
import openpyxl
import openpyxl.xml
import pytest
from hypothesis import HealthCheck, given, settings

from anp_core import ModelValidationError, dump_model, evaluate, load_model
from anp_core.excel import (
    FORMAT_MARKER,
    load_workbook_model,
    model_to_workbook,
    results_csv,
    results_frame,
    workbook_to_dict,
)
from anp_core.formats import load_any
from anp_core.sdmod import load_sdmod
from tests.conftest import MODEL_PATH, ROOT, count
from tests.support.models import models

FIX = ROOT / "tests" / "fixtures" / "sdmod"


def close(a: Any, b: Any, path: str = "") -> None:
    """Equal structures; floats equal to 16 significant digits (what openpyxl writes)."""
    if isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=2e-15), path
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), path
        for k in a:
            close(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            close(x, y, f"{path}[{i}]")
    else:
        assert a == b, path


def edit(data: bytes, fn) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    fn(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def find(ws, value) -> tuple[int, int]:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.row, cell.column
    raise AssertionError(value)


@pytest.fixture(scope="module")
def paper_book(paper_model) -> tuple[bytes, Any]:
    ev = evaluate(paper_model)
    return model_to_workbook(paper_model, ev), ev


def test_openpyxl_parses_xml_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


# --------------------------------------------------------------------------- round trips


def _engine_takes_missing() -> bool:
    from anp_core import PairwiseMatrix

    try:
        PairwiseMatrix([[1, 2, None], [0.5, 1, 3], [None, 1 / 3, 1]], ["a", "b", "c"]).priorities()
    except (TypeError, ValueError):
        return False
    return True


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(models())
def test_json_round_trip_is_exact(data):
    model = load_model(data)
    assert load_model(dump_model(model)) == model
    assert load_any(dump_model(model).encode(), "upload.json") == model
    count("JSON round trips (random models)")


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(models())
def test_excel_round_trip_keeps_the_model_and_its_results(data):
    model = load_model(data)
    book = model_to_workbook(model)
    back = load_workbook_model(book)
    close(model.model_dump(mode="json"), back.model_dump(mode="json"))
    assert load_any(book, "upload.xlsx") == back
    np.testing.assert_allclose(evaluate(back).composite_values, evaluate(model).composite_values, atol=1e-12)
    count("Excel round trips (random models)")


@pytest.mark.skipif(not _engine_takes_missing(), reason="PairwiseMatrix does not take missing judgments yet")
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=30)
@given(models(missing=True))
def test_round_trips_keep_missing_judgments(data):
    model = load_model(data)
    assert load_model(dump_model(model)) == model
    back = load_workbook_model(model_to_workbook(model))
    close(model.model_dump(mode="json"), back.model_dump(mode="json"))
    count("round trips with missing judgments (random models)")


def test_round_trip_of_the_paper_model_and_an_imported_sdmod(paper_model):
    close(
        paper_model.model_dump(mode="json"),
        load_workbook_model(model_to_workbook(paper_model)).model_dump(mode="json"),
    )
    sd = load_sdmod(FIX / "inner_dependence.sdmod")
    close(
        sd.model_dump(mode="json"),
        load_workbook_model(model_to_workbook(sd, evaluate(sd))).model_dump(mode="json"),
    )


# --------------------------------------------------------------------------- what the workbook holds


def test_workbook_holds_every_matrix_and_the_results(paper_book, paper_model):
    book, ev = paper_book
    wb = openpyxl.load_workbook(io.BytesIO(book), read_only=True)
    names = wb.sheetnames
    assert names[:5] == ["About", "Model", "Criteria", "Clusters", "Judgments"]
    for c in ev.criteria:
        assert {f"U {c}", f"C {c}", f"W {c}", f"L {c}"} <= set(names)
    assert {"Results", "Sensitivity", "Tornado"} <= set(names)
    # every comparison has its block in Judgments
    rows = list(wb["Judgments"].iter_rows(values_only=True))
    assert sum(r[0] == "comparison" for r in rows) == 1 + 1 + len(
        paper_model.comparisons
    )  # legend + criteria
    # the limit sheet holds the engine's limit matrix
    crit = ev.criteria[0]
    lim = list(wb[f"L {crit}"].iter_rows(values_only=True))[2 : 2 + len(paper_model.node_ids)]
    np.testing.assert_allclose(
        np.array([r[1:] for r in lim], dtype=float), ev.networks[crit].limit.limit, rtol=1e-14
    )
    # composite and ranks
    res = list(wb["Results"].iter_rows(values_only=True))
    head = res.index(("rank", "id", "name", "cluster", *ev.criteria, "composite"))
    table = res[head + 1 : head + 1 + len(paper_model.node_ids)]
    got = {r[1]: (r[0], r[-1]) for r in table}
    for f in paper_model.node_ids:
        assert got[f][0] == ev.ranks[f]
        assert got[f][1] == pytest.approx(ev.composite[f], rel=1e-14)
    wb.close()


def test_single_criterion_models_have_no_sensitivity_sheets():
    sd = load_sdmod(FIX / "two_cluster_feedback.sdmod")
    names = openpyxl.load_workbook(io.BytesIO(model_to_workbook(sd, evaluate(sd))), read_only=True).sheetnames
    assert "Sensitivity" not in names
    assert {"U network", "W network", "L network", "Results"} <= set(names)


def test_results_csv_lists_every_factor_by_rank(paper_model):
    ev = evaluate(paper_model)
    lines = results_csv(ev).splitlines()
    assert lines[0] == ",".join(["rank", "id", "name", "cluster", *ev.criteria, "composite"])
    assert len(lines) == 1 + len(paper_model.node_ids)
    frame = results_frame(ev)
    assert list(frame["rank"]) == sorted(frame["rank"])


# --------------------------------------------------------------------------- editing in Excel


def _judgment_cell(wb, wrt: str, row_id: str, col_id: str):
    ws = wb["Judgments"]
    rows = list(ws.iter_rows())
    for k, row in enumerate(rows):
        if row[0].value == "comparison" and row[3].value == wrt:
            ids = [c.value for c in rows[k + 1][1:] if c.value is not None]
            r = k + 2 + ids.index(row_id)
            return ws.cell(row=rows[r][0].row, column=2 + ids.index(col_id))
    raise AssertionError(wrt)


def test_a_fraction_typed_above_the_diagonal_fills_its_reciprocal():
    sd = load_sdmod(FIX / "two_cluster_feedback.sdmod")

    def change(wb):
        _judgment_cell(wb, "cost", "a", "b").value = "1/3"
        _judgment_cell(wb, "cost", "b", "a").value = None

    back = load_workbook_model(edit(model_to_workbook(sd), change))
    comp = back.comparison_by_key[("network", "nodes", "cost", "options")]
    i, j = comp.elements.index("a"), comp.elements.index("b")
    assert comp.matrix[i][j] == pytest.approx(1 / 3)
    assert comp.matrix[j][i] == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "is not a number"),
        (-2, "must be a finite number > 0"),
        (0, "must be a finite number > 0"),
        (True, "not a judgment"),
    ],
)
def test_a_bad_judgment_cell_is_named(value, message):
    sd = load_sdmod(FIX / "two_cluster_feedback.sdmod")
    book = edit(
        model_to_workbook(sd), lambda wb: setattr(_judgment_cell(wb, "cost", "a", "b"), "value", value)
    )
    with pytest.raises(ModelValidationError, match=message) as err:
        workbook_to_dict(book)
    assert "Judgments!" in str(err.value)


@pytest.mark.parametrize("target", ["judgment", "name"])
def test_a_formula_is_refused_never_evaluated(target):
    sd = load_sdmod(FIX / "two_cluster_feedback.sdmod")

    def change(wb):
        if target == "judgment":
            _judgment_cell(wb, "cost", "a", "b").value = "=1/3"
        else:
            r, c = find(wb["Clusters"], "A")
            wb["Clusters"].cell(row=r, column=c).value = '=HYPERLINK("http://example.invalid","A")'

    with pytest.raises(ModelValidationError, match="formula") as err:
        workbook_to_dict(edit(model_to_workbook(sd), change))
    assert ("Judgments!" if target == "judgment" else "Clusters!") in str(err.value)


def test_text_that_looks_like_a_formula_is_kept_as_text():
    data = load_model(MODEL_PATH).model_dump(mode="json")
    data["name"] = "=SUM(A1:A9)"
    data["clusters"][0]["nodes"][0]["name"] = "=1+1"
    model = load_model(data)
    back = load_workbook_model(model_to_workbook(model))
    assert back.name == "=SUM(A1:A9)"
    assert back.clusters[0].nodes[0].name == "=1+1"


def test_control_characters_are_refused_when_writing():
    data = load_model(MODEL_PATH).model_dump(mode="json")
    data["name"] = "bad\x00name"
    from anp_core import ANPError

    with pytest.raises(ANPError, match="control characters"):
        model_to_workbook(load_model(data))


def test_a_workbook_not_written_by_anp_core_is_refused():
    wb = openpyxl.Workbook()
    for title in ("Model", "Criteria", "Clusters", "Judgments"):
        wb.create_sheet(title)
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ModelValidationError, match=FORMAT_MARKER):
        workbook_to_dict(buf.getvalue())


def test_missing_sheets_are_listed():
    wb = openpyxl.Workbook()
    wb.active.title = "Budget"
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(ModelValidationError, match="missing sheet") as err:
        workbook_to_dict(buf.getvalue())
    assert "Budget" in str(err.value)
    assert "Judgments" in str(err.value)


def test_a_mislabelled_matrix_row_is_named(paper_book):
    book, _ = paper_book

    def change(wb):
        ws = wb["Judgments"]
        for row in ws.iter_rows(min_row=5):
            if row[0].value == "economic":
                row[0].value = "economics"
                return

    with pytest.raises(ModelValidationError, match="labelled 'economics'"):
        workbook_to_dict(edit(book, change))


def test_fields_without_a_column_travel_as_json(paper_model):
    data = paper_model.model_dump(mode="json")
    data["clusters"][0]["translations"] = {"zh": {"name": "信用风险管理", "description": ""}}
    data["clusters"][0]["nodes"][0]["translations"] = {"zh": {"name": "政府监管", "description": "说明"}}
    data["criteria"][0]["translations"] = {"fr": {"name": "Politique", "description": ""}}
    data["settings"] = {"sinks": "absorbing"}
    data["ranked_clusters"] = [data["clusters"][0]["id"]]
    model = load_model(data)
    back = load_workbook_model(model_to_workbook(model))
    close(model.model_dump(mode="json"), back.model_dump(mode="json"))
    assert back.clusters[0].nodes[0].translations["zh"].name == "政府监管"


def test_a_more_cell_that_is_not_a_json_object_is_named():
    sd = load_sdmod(FIX / "two_cluster_feedback.sdmod")

    def change(wb):
        r, c = find(wb["Clusters"], "node_more")
        wb["Clusters"].cell(row=r + 1, column=c).value = "[1, 2]"
        wb["Clusters"].cell(row=r + 2, column=c).value = '{"name": "x"}'

    with pytest.raises(ModelValidationError) as err:
        workbook_to_dict(edit(model_to_workbook(sd), change))
    assert "not a JSON object" in str(err.value)
    assert "have their own column" in str(err.value)
