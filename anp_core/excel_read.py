"""Reading a model back from the model sheets of an Excel workbook.

:func:`workbook_to_dict` passes the upload through :mod:`anp_core.excel_guard`
(size, zip and XML checks, formulas refused, rows and cells limited), then
reads the ``Model``, ``Criteria``, ``Clusters`` and ``Judgments`` sheets
(layout: :mod:`anp_core.excel_layout`) into a model dict. A judgment may be
typed as a number or a fraction such as ``1/3``; an empty cell is a missing
judgment; a blank below the diagonal is filled with the reciprocal. Every
problem names its sheet and cell, and all of them are reported together;
the judgments themselves are then validated by :func:`anp_core.load_model`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from anp_core.errors import ModelValidationError
from anp_core.excel_guard import Rows, check_archive, formula_problem, read_sheets
from anp_core.excel_layout import (
    CLUSTER_COLUMNS,
    CLUSTER_FIELDS,
    COMPARISON_FIELDS,
    CRITERIA_COLUMNS,
    FORMAT_MARKER,
    FORMAT_VERSION,
    NODE_FIELDS,
    SHEET_WIDTHS,
    TABLE_KEYS,
)
from anp_core.i18n import N_
from anp_core.messages import Message, message
from anp_core.model_file import Model, load_model, read_source

Problems = list[tuple[str, str | Message]]


def _read_more(value: Any, where: str, known: Iterable[str], problems: Problems) -> dict[str, Any]:
    """Parse a ``more`` cell (a JSON object of the fields without a column)."""
    if value is None:
        return {}
    try:
        out = json.loads(_str(value, where, problems), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        problems.append((where, "not a JSON object (the fields without a column of their own)"))
        return {}
    if not isinstance(out, dict):
        problems.append((where, "not a JSON object (the fields without a column of their own)"))
        return {}
    clash = sorted(set(out) & set(known))
    if clash:
        problems.append((where, f"{', '.join(clash)} have their own column; give them there"))
        return {}
    return out


def _str(v: Any, where: str, problems: Problems) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        problems.append((where, f"expected text, found {v}"))
        return ""
    if isinstance(v, int | float):
        return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
    if isinstance(v, str):
        return v
    problems.append((where, f"expected text, found a {type(v).__name__}"))
    return ""


def _number(v: Any, where: str, problems: Problems) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        problems.append((where, message(N_("{value} is not a judgment (a positive number)"), value=str(v))))
        return None
    if isinstance(v, int | float):
        x = float(v)
    elif isinstance(v, str):
        text = v.strip()
        num, sep, den = text.partition("/")
        try:
            x = float(num) / float(den) if sep else float(text)
        except (ValueError, ZeroDivisionError):
            problems.append(
                (where, message(N_("{text} is not a number or a fraction such as 1/3"), text=repr(text[:40])))
            )
            return None
    else:
        problems.append(
            (where, message(N_("a {kind} is not a judgment (a positive number)"), kind=type(v).__name__))
        )
        return None
    if not math.isfinite(x) or x <= 0:
        problems.append(
            (where, message(N_("{value} is not a judgment: it must be a finite number > 0"), value=repr(v)))
        )
        return None
    return x


def _ref(sheet: str, r: int, c: int) -> str:
    return f"{sheet}!{get_column_letter(c)}{r}"


def _header(
    rows: Rows,
    sheet: str,
    expected: Iterable[str],
    problems: Problems,
) -> dict[str, int]:
    if not rows:
        problems.append((sheet, "the sheet is empty"))
        return {}
    r, head = rows[0]
    names = [str(h).strip() if h is not None else "" for h in head]
    cols = {}
    for name in expected:
        if name not in names:
            problems.append((f"{sheet}!{r}", f"missing column {name!r} (expected: {', '.join(expected)})"))
        else:
            cols[name] = names.index(name)
    return cols


def _cell(row: tuple[Any, ...], k: int) -> Any:
    return row[k] if k < len(row) else None


def _read_model_sheet(rows: Rows, problems: Problems) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    chunks: dict[str, list[str]] = {}
    for r, row in rows[1:]:
        key = _str(_cell(row, 0), _ref("Model", r, 1), problems).strip()
        if not key:
            continue
        value = _cell(row, 1)
        if key.startswith("json:"):
            chunks.setdefault(key[5:], []).append(_str(value, _ref("Model", r, 2), problems))
        elif key in fields:
            problems.append((_ref("Model", r, 1), f"field {key!r} appears twice"))
        else:
            fields[key] = (r, value)
    if fields.get("format", (0, None))[1] != FORMAT_MARKER:
        problems.append(
            ("Model", f"no 'format' row saying {FORMAT_MARKER!r}: this workbook was not written by anp_core")
        )
        return {}
    version = fields.get("format_version", (0, None))[1]
    if version != FORMAT_VERSION:
        problems.append(
            ("Model", f"workbook format version {version!r} is not supported (expected {FORMAT_VERSION})")
        )
        return {}
    out: dict[str, Any] = {}
    r, sv = fields.get("schema_version", (0, None))
    out["schema_version"] = (
        int(sv) if isinstance(sv, int | float) and not isinstance(sv, bool) and sv == int(sv) else sv
    )
    for key in ("id", "name", "description"):
        r, v = fields.get(key, (0, None))
        out[key] = _str(v, _ref("Model", r, 2), problems)
    for key in sorted(
        set(fields) - {"format", "format_version", "schema_version", "id", "name", "description"}
    ):
        problems.append((_ref("Model", fields[key][0], 1), f"unknown field {key!r}"))
    for key, parts in chunks.items():
        if key in TABLE_KEYS:
            problems.append(("Model", f"json:{key} is not allowed (it has its own sheet)"))
            continue
        try:
            out[key] = json.loads("".join(parts), parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            problems.append(("Model", f"json:{key} is not valid JSON ({str(exc)[:80]})"))
    return out


def _no_constant(token: str) -> None:
    raise ValueError(f"{token} is not allowed")


def _read_criteria(rows: Rows, problems: Problems) -> list[dict[str, Any]]:
    cols = _header(rows, "Criteria", CRITERIA_COLUMNS, problems)
    if len(cols) != len(CRITERIA_COLUMNS):
        return []
    out = []
    for r, row in rows[1:]:
        if all(v is None for v in row):
            continue
        get = {k: _cell(row, cols[k]) for k in CRITERIA_COLUMNS}
        crit: dict[str, Any] = {
            k: _str(get[k], _ref("Criteria", r, cols[k] + 1), problems) for k in ("id", "name", "description")
        }
        examples = get["examples"]
        if examples is None:
            crit["examples"] = []
        else:
            try:
                crit["examples"] = json.loads(
                    _str(examples, _ref("Criteria", r, cols["examples"] + 1), problems)
                )
            except ValueError:
                problems.append(
                    (
                        _ref("Criteria", r, cols["examples"] + 1),
                        'examples must be a JSON list such as ["a", "b"]',
                    )
                )
        reason = get["excluded_reason"]
        crit["excluded_reason"] = (
            None
            if reason is None
            else _str(reason, _ref("Criteria", r, cols["excluded_reason"] + 1), problems)
        )
        crit.update(
            _read_more(get["more"], _ref("Criteria", r, cols["more"] + 1), CRITERIA_COLUMNS, problems)
        )
        out.append(crit)
    return out


def _read_clusters(rows: Rows, problems: Problems) -> list[dict[str, Any]]:
    cols = _header(rows, "Clusters", CLUSTER_COLUMNS, problems)
    if len(cols) != len(CLUSTER_COLUMNS):
        return []
    clusters: dict[str, dict[str, Any]] = {}
    for r, row in rows[1:]:
        if all(v is None for v in row):
            continue
        val = {
            k: _str(_cell(row, cols[k]), _ref("Clusters", r, cols[k] + 1), problems) for k in CLUSTER_COLUMNS
        }
        cid = val["cluster_id"]
        cl = clusters.get(cid)
        if cl is None:
            cl = clusters[cid] = {
                "id": cid,
                "name": val["cluster_name"],
                "description": val["cluster_description"],
                "nodes": [],
                **_read_more(
                    _cell(row, cols["cluster_more"]),
                    _ref("Clusters", r, cols["cluster_more"] + 1),
                    CLUSTER_FIELDS,
                    problems,
                ),
            }
            cl["_more"] = val["cluster_more"]
        else:
            for key, field in (
                ("cluster_name", "name"),
                ("cluster_description", "description"),
                ("cluster_more", "_more"),
            ):
                if val[key] and val[key] != cl[field]:
                    where = _ref("Clusters", r, cols[key] + 1)
                    problems.append((where, f"cluster {cid!r} has another {key} on an earlier row"))
        node = {"id": val["node_id"], "name": val["node_name"], "description": val["node_description"]}
        node.update(
            _read_more(
                _cell(row, cols["node_more"]),
                _ref("Clusters", r, cols["node_more"] + 1),
                NODE_FIELDS,
                problems,
            )
        )
        cl["nodes"].append(node)
    for cl in clusters.values():
        cl.pop("_more")
    return list(clusters.values())


def _read_judgments(rows: Rows, problems: Problems) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    criteria_cmp: dict[str, Any] | None = None
    comparisons: list[dict[str, Any]] = []
    k = 1 if rows and _cell(rows[0][1], 1) == "kind" else 0  # the legend row
    while k < len(rows):
        r, row = rows[k]
        k += 1
        head = _cell(row, 0)
        if head is None and all(v is None for v in row):
            continue
        if head != "comparison":
            problems.append(
                (_ref("Judgments", r, 1), f"expected a 'comparison' row, found {str(head)[:40]!r}")
            )
            break
        kind = _str(_cell(row, 1), _ref("Judgments", r, 2), problems)
        crit, wrt, cluster, note = (
            _str(_cell(row, c), _ref("Judgments", r, c + 1), problems) for c in (2, 3, 4, 5)
        )
        more = _read_more(_cell(row, 6), _ref("Judgments", r, 7), COMPARISON_FIELDS, problems)
        if k >= len(rows):
            problems.append((_ref("Judgments", r, 1), "the comparison has no element row"))
            break
        r_ids, id_row = rows[k]
        k += 1
        elements = []
        for c in range(1, len(id_row)):
            if id_row[c] is None:
                break
            elements.append(_str(id_row[c], _ref("Judgments", r_ids, c + 1), problems))
        n = len(elements)
        if n == 0:
            problems.append((_ref("Judgments", r_ids, 2), "the comparison lists no element"))
            continue
        matrix: list[list[float | None]] = []
        for i in range(n):
            if k >= len(rows):
                problems.append((_ref("Judgments", r_ids, 1), f"the matrix has {i} of its {n} rows"))
                break
            rr, mrow = rows[k]
            k += 1
            label = _str(_cell(mrow, 0), _ref("Judgments", rr, 1), problems)
            if label != elements[i]:
                problems.append(
                    (
                        _ref("Judgments", rr, 1),
                        f"row {i + 1} of the matrix is labelled {label!r}, expected {elements[i]!r}",
                    )
                )
            matrix.append(
                [_number(_cell(mrow, j + 1), _ref("Judgments", rr, j + 2), problems) for j in range(n)]
            )
        if len(matrix) != n:
            break
        for i in range(n):
            if matrix[i][i] is None:
                matrix[i][i] = 1.0
            for j in range(n):
                a, b = matrix[i][j], matrix[j][i]
                if a is not None and b is None:
                    matrix[j][i] = 1.0 / a
        block: dict[str, Any] = {"elements": elements, "matrix": matrix, "note": note, **more}
        if kind == "criteria":
            if criteria_cmp is not None:
                problems.append((_ref("Judgments", r, 2), "a second criteria comparison"))
            criteria_cmp = block
        elif kind in ("nodes", "clusters"):
            comparisons.append(
                {"criterion": crit, "kind": kind, "wrt": wrt, "cluster": cluster or None, **block}
            )
        else:
            problems.append((_ref("Judgments", r, 2), f"kind {kind!r} is not criteria, nodes or clusters"))
    return criteria_cmp, comparisons


def workbook_to_dict(data: bytes | str | Path) -> dict[str, Any]:
    """Read the model sheets of a workbook into a model dict (not yet validated).

    Parameters
    ----------
    data : bytes, str or Path
        The workbook's bytes, or a path to it.

    Returns
    -------
    dict
        A model in the JSON format; pass it to :func:`anp_core.load_model`
        (or use :func:`load_workbook_model`).

    Raises
    ------
    ModelValidationError
        The file is over 5 MB, not a readable ``.xlsx``, a zip bomb, declares
        XML entities, has a formula in a model sheet, lacks a model sheet, has
        too many sheets, rows or cells, or a cell that is not what its column
        needs; every problem names its sheet and cell.
    """
    data = read_source(data, "the workbook")
    check_archive(data, SHEET_WIDTHS)
    formula = formula_problem(read_sheets(data, SHEET_WIDTHS, data_only=False))
    if formula is not None:
        raise formula
    sheets = read_sheets(data, SHEET_WIDTHS, data_only=True)
    problems: Problems = []
    out = _read_model_sheet(sheets["Model"], problems)
    if problems:
        raise ModelValidationError(problems)
    out["criteria"] = _read_criteria(sheets["Criteria"], problems)
    out["clusters"] = _read_clusters(sheets["Clusters"], problems)
    criteria_cmp, comparisons = _read_judgments(sheets["Judgments"], problems)
    if criteria_cmp is None and not problems:
        problems.append(("Judgments", "no criteria comparison (a 'comparison' row of kind 'criteria')"))
    out["criteria_comparison"] = criteria_cmp
    out["comparisons"] = comparisons
    if problems:
        raise ModelValidationError(problems)
    return out


def load_workbook_model(data: bytes | str | Path) -> Model:
    """Read and validate a model from a workbook; see :func:`workbook_to_dict`."""
    return load_model(workbook_to_dict(data))
