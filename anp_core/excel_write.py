"""Writing a model and its results to an Excel workbook (openpyxl).

The model sheets (``Model``, ``Criteria``, ``Clusters``, ``Judgments``; their
layout is in :mod:`anp_core.excel_layout`) read back into the same model;
the result sheets (``Results``, the U, C, W and L matrices of each control
criterion, ``Sensitivity`` and ``Tornado``) are written only. Text is always
stored as text (a value starting with ``=`` is never a formula), and text
with control characters, which Excel cannot store, is refused. See
:mod:`anp_core.excel` for the whole workbook.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from anp_core.errors import ANPError
from anp_core.evaluate import Evaluation
from anp_core.excel_layout import (
    CLUSTER_COLUMNS,
    CLUSTER_FIELDS,
    COMPARISON_FIELDS,
    CRITERIA_COLUMNS,
    FORMAT_MARKER,
    FORMAT_VERSION,
    JUDGMENT_COLUMNS,
    MODEL_SHEETS,
    NODE_FIELDS,
    TABLE_KEYS,
)
from anp_core.model_file import Model
from anp_core.model_schema import Cluster, Comparison, CriteriaComparison, Criterion, Node

__all__ = ["model_to_workbook", "results_csv", "results_frame"]

_JSON_CHUNK = 30_000  # Excel cells hold at most 32,767 characters
_BOLD = Font(bold=True)


def _text(value: str, where: str) -> str:
    if ILLEGAL_CHARACTERS_RE.search(value):
        msg = f"{where}: control characters cannot be stored in an Excel workbook"
        raise ANPError(msg)
    return value


class _Rows:
    """Appends rows to a sheet, keeping blank rows (openpyxl's ``append`` needs a value)."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.row = 0

    def add(self, values: Sequence[Any] = (), *, bold: bool = False) -> None:
        self.row += 1
        for col, v in enumerate(values, start=1):
            if v is None:
                continue
            if isinstance(v, str):
                cell = self.ws.cell(row=self.row, column=col, value=_text(v, self.ws.title))
                cell.data_type = "s"  # literal text, even when it starts with "=" (never a formula)
            else:
                cell = self.ws.cell(row=self.row, column=col, value=v)
            if bold:
                cell.font = _BOLD


def _sheet_title(base: str, used: set[str]) -> str:
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in base)[:31]
    title, k = clean, 2
    while title.lower() in used:
        suffix = f"~{k}"
        title = clean[: 31 - len(suffix)] + suffix
        k += 1
    used.add(title.lower())
    return title


def _json_default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [_json_default(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_default(v) for k, v in value.items()}
    return value


def _more(item: dict[str, Any], known: Iterable[str], cls: type[BaseModel]) -> str | None:
    """Return the JSON of an item's fields without a column of their own (defaults left out), or None."""
    extra = {}
    for key, value in item.items():
        if key in known:
            continue
        field = cls.model_fields.get(key)
        is_default = (
            field is not None
            and not field.is_required()
            and _json_default(field.get_default(call_default_factory=True)) == value
        )
        if not is_default:
            extra[key] = value
    return json.dumps(extra, ensure_ascii=False) if extra else None


def _write_model(wb: openpyxl.Workbook, model: Model) -> None:
    data = model.model_dump(mode="json")
    ws = _Rows(wb.create_sheet("Model"))
    ws.add(["field", "value"], bold=True)
    ws.add(["format", FORMAT_MARKER])
    ws.add(["format_version", FORMAT_VERSION])
    ws.add(["schema_version", data["schema_version"]])
    for key in ("id", "name", "description"):
        ws.add([key, data[key]])
    for key, value in data.items():
        if key in TABLE_KEYS:
            continue
        text = json.dumps(value, ensure_ascii=False)
        for start in range(0, max(len(text), 1), _JSON_CHUNK):
            ws.add([f"json:{key}", text[start : start + _JSON_CHUNK]])
    ws.ws.column_dimensions["A"].width = 22
    ws.ws.column_dimensions["B"].width = 80

    ws = _Rows(wb.create_sheet("Criteria"))
    ws.add(list(CRITERIA_COLUMNS), bold=True)
    for c in data["criteria"]:
        examples = json.dumps(c["examples"], ensure_ascii=False) if c["examples"] else None
        more = _more(c, CRITERIA_COLUMNS, Criterion)
        ws.add([c["id"], c["name"], c["description"] or None, examples, c["excluded_reason"], more])

    ws = _Rows(wb.create_sheet("Clusters"))
    ws.add(list(CLUSTER_COLUMNS), bold=True)
    for cl in data["clusters"]:
        cluster_more = _more(cl, CLUSTER_FIELDS, Cluster)
        for n in cl["nodes"]:
            ws.add(
                [
                    cl["id"],
                    cl["name"],
                    cl["description"] or None,
                    cluster_more,
                    n["id"],
                    n["name"],
                    n["description"] or None,
                    _more(n, NODE_FIELDS, Node),
                ],
            )

    ws = _Rows(wb.create_sheet("Judgments"))
    ws.add(list(JUDGMENT_COLUMNS), bold=True)
    cc = data["criteria_comparison"]
    blocks = [("criteria", "", "", "", cc, _more(cc, COMPARISON_FIELDS, CriteriaComparison))] + [
        (c["kind"], c["criterion"], c["wrt"], c["cluster"] or "", c, _more(c, COMPARISON_FIELDS, Comparison))
        for c in data["comparisons"]
    ]
    for kind, crit, wrt, cluster, comp, more in blocks:
        ws.add()
        ws.add(
            ["comparison", kind, crit or None, wrt or None, cluster or None, comp["note"] or None, more],
            bold=True,
        )
        ws.add([None, *comp["elements"]], bold=True)
        for e, row in zip(comp["elements"], comp["matrix"], strict=True):
            ws.add([e, *row, model.label(e)])


def _write_frame(ws: _Rows, frame: pd.DataFrame, title: str, *, index: bool = True) -> None:
    ws.add([title], bold=True)
    head = [frame.index.name or ""] if index else []
    ws.add([*head, *map(str, frame.columns)], bold=True)
    for label, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        values = [_cell_value(v) for v in row]
        ws.add([str(label), *values] if index else values)
    ws.add()


def _cell_value(v: Any) -> Any:
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def results_frame(ev: Evaluation) -> pd.DataFrame:
    """Ranked results: rank, id, name, cluster (name), per-criterion priorities, composite.

    Rows are ordered by rank (competition ranks of the 3-decimal composite
    weights), then by composite weight.
    """
    m = ev.model
    table = ev.table()
    out = pd.DataFrame(
        {
            "rank": table["rank"].to_numpy(),
            "id": table.index.to_numpy(),
            "name": table["name"].to_numpy(),
            "cluster": [m.label(c) for c in table["cluster"]],
        }
    )
    for c in ev.criteria:
        out[c] = table[c].to_numpy()
    out["composite"] = table["composite"].to_numpy()
    return out


def results_csv(ev: Evaluation) -> str:
    """Return the ranked results of :func:`results_frame` as CSV text (6 decimals).

    Examples
    --------
    >>> from anp_core import evaluate, load_model
    >>> text = results_csv(evaluate(load_model("data/models/cbec_trade_war.json")))
    >>> text.splitlines()[0].split(",")[:4]
    ['rank', 'id', 'name', 'cluster']
    """
    return str(results_frame(ev).to_csv(index=False, float_format="%.6f", lineterminator="\n"))


def _write_results(wb: openpyxl.Workbook, ev: Evaluation, sensitivity: bool) -> None:
    m = ev.model
    used = {sheet.title.lower() for sheet in wb.worksheets}
    ws = _Rows(wb.create_sheet(_sheet_title("Results", used)))
    weights = pd.DataFrame({"weight": ev.weights}, index=pd.Index(ev.criteria, name="criterion"))
    _write_frame(ws, weights, "Criterion weights")
    _write_frame(ws, results_frame(ev), "Composite weights and ranks", index=False)
    for c in ev.criteria:
        net = ev.networks[c]
        frames = net.frames(m)
        titles = {
            "unweighted": "unweighted supermatrix",
            "cluster": "cluster matrix",
            "weighted": "weighted supermatrix",
            "limit": "limit supermatrix",
        }
        for key, letter in (("unweighted", "U"), ("cluster", "C"), ("weighted", "W"), ("limit", "L")):
            sheet = _Rows(wb.create_sheet(_sheet_title(f"{letter} {c}", used)))
            _write_frame(sheet, frames[key], f"{titles[key]}, criterion {m.label(c)} ({c})")
            if key == "limit":
                lim = net.limit
                sheet.add(["diagnosis", lim.diagnosis])
                sheet.add(["method", lim.method])
    if not sensitivity or len(ev.criteria) < 2:
        return
    from anp_core.sensitivity import crossings, curves, top_change_thresholds, tornado

    ws = _Rows(wb.create_sheet(_sheet_title("Sensitivity", used)))
    for c in ev.criteria:
        cross = crossings(ev, c)
        table = pd.DataFrame(
            [
                {"weight": x.t, "overtaker": x.overtaker, "overtaken": x.overtaken, "composite": x.value}
                for x in cross
            ],
            columns=["weight", "overtaker", "overtaken", "composite"],
        )
        _write_frame(
            ws, table, f"Rank reversals as the weight of {m.label(c)} ({c}) runs from 0 to 1", index=False
        )
        _write_frame(
            ws,
            top_change_thresholds(ev, c).drop(columns="criterion"),
            f"Smallest change of the weight of {c} that changes the top k",
            index=False,
        )
        _write_frame(ws, curves(ev, c, 11), f"Composite weights on a grid of the weight of {c}")
    ws = _Rows(wb.create_sheet(_sheet_title("Tornado", used)))
    _write_frame(ws, tornado(ev), "Composite weights when each criterion moves by ±0.1", index=False)


def model_to_workbook(
    model: Model,
    evaluation: Evaluation | None = None,
    *,
    sensitivity: bool = True,
) -> bytes:
    """Write the model (and its results) to an ``.xlsx`` workbook; return its bytes.

    Parameters
    ----------
    model : Model
        The model; its sheets (``Model``, ``Criteria``, ``Clusters``,
        ``Judgments``) read back into the same model, numbers to 16
        significant digits (openpyxl writes ``%.16g``; Excel keeps 15 on
        screen).
    evaluation : Evaluation, optional
        Results to add: composite weights and ranks, the U, C, W and limit
        matrices of each criterion and, when ``sensitivity`` is true and there
        are two criteria or more, the sensitivity tables.
    sensitivity : bool, default True
        Include the sensitivity sheets.

    Raises
    ------
    ANPError
        A text holds control characters, which Excel cannot store.

    Examples
    --------
    >>> from anp_core import load_model
    >>> from anp_core.excel import load_workbook_model
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> back = load_workbook_model(model_to_workbook(m))
    >>> back.id, back.node_ids == m.node_ids, len(back.comparisons) == len(m.comparisons)
    ('cbec_trade_war', True, True)
    """
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "About"
    about = _Rows(first)
    lines = [
        f"{model.name} ({model.id})",
        f"Written by anp_core: {FORMAT_MARKER}, version {FORMAT_VERSION} (model schema {model.schema_version}).",
        "Sheets read back as a model: " + ", ".join(MODEL_SHEETS) + ". Edit judgments there as numbers or "
        "fractions such as 1/3; leave a cell empty for a missing judgment. Formulas are refused.",
        "Every other sheet holds results computed by anp_core and is ignored when the workbook is read.",
    ]
    for line in lines:
        about.add([line])
    about.ws.column_dimensions["A"].width = 120
    _write_model(wb, model)
    if evaluation is not None:
        _write_results(wb, evaluation, sensitivity)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
