"""A model and its results as one Excel workbook, and a model back from it.

Written with openpyxl. The workbook has two kinds of sheets:

* **model sheets**, read back by :func:`workbook_to_dict`: ``Model`` (id,
  name, description and the other top-level fields as JSON text), ``Criteria``,
  ``Clusters`` (one row per node) and ``Judgments`` (every pairwise matrix:
  a ``comparison`` row with kind, criterion, wrt, cluster and note, a row of
  element ids, then one row per element; an empty cell is a missing
  judgment; a judgment may be typed as a number or a fraction such as
  ``1/3``; a blank below the diagonal is filled with the reciprocal);
* **result sheets**, written only: ``Results`` (composite weights, ranks and
  the per-criterion priorities), for each control criterion its unweighted
  (``U``), cluster (``C``), weighted (``W``) and limit (``L``) matrices, and
  the sensitivity tables of :mod:`anp_core.sensitivity` (``Sensitivity``,
  ``Tornado``) when there are two criteria or more.

Reading is defensive (the sheets are an upload): the file is at most 5 MB,
the zip archive is checked before openpyxl opens it (members, uncompressed
size, XML entity declarations), openpyxl parses XML through defusedxml
(installed as a dependency), sheets are read with ``data_only=True`` and a
formula anywhere in a model sheet is refused (formulas are never evaluated),
and sheets, rows and cells are limited. Every problem names its sheet and
cell.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
from defusedxml import ElementTree as DefusedET
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel

from anp_core.errors import ANPError, ModelValidationError
from anp_core.evaluate import Evaluation
from anp_core.model_file import MAX_FILE_BYTES, Model, load_model, read_limited
from anp_core.model_schema import Cluster, Comparison, CriteriaComparison, Criterion, Node

__all__ = [
    "FORMAT_MARKER",
    "MODEL_SHEETS",
    "load_workbook_model",
    "model_to_workbook",
    "results_csv",
    "results_frame",
    "workbook_to_dict",
]

FORMAT_MARKER = "anp_core model workbook"
FORMAT_VERSION = 1
MODEL_SHEETS = ("Model", "Criteria", "Clusters", "Judgments")
_TABLE_KEYS = frozenset(
    {"schema_version", "id", "name", "description", "criteria", "criteria_comparison"}
) | {
    "clusters",
    "comparisons",
}
_CRITERIA_COLUMNS = ("id", "name", "description", "examples", "excluded_reason", "more")
_CLUSTER_COLUMNS = (
    "cluster_id",
    "cluster_name",
    "cluster_description",
    "cluster_more",
    "node_id",
    "node_name",
    "node_description",
    "node_more",
)
_JUDGMENT_COLUMNS = ("comparison", "kind", "criterion", "wrt", "cluster", "note", "more")
_JSON_CHUNK = 30_000  # Excel cells hold at most 32,767 characters
_BOLD = Font(bold=True)

# Reading limits (an upload is at most 5 MB of zip; these bound what it may expand to).
MAX_MEMBERS = 1_000
MAX_UNCOMPRESSED = 40 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed size of one member over 1 MB
MAX_SHEETS = 300
MAX_ROWS = 30_000
MAX_CELLS = 2_000_000
# columns read per model sheet; wider cells are ignored (openpyxl pads every row to this width)
_WIDTH = {"Model": 2, "Criteria": 12, "Clusters": 16, "Judgments": 205}


def _refuse(where: str, msg: str) -> ModelValidationError:
    return ModelValidationError([(where, msg)])


# --------------------------------------------------------------------------- writing


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


def _read_more(
    value: Any, where: str, known: Iterable[str], problems: list[tuple[str, str]]
) -> dict[str, Any]:
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
        if key in _TABLE_KEYS:
            continue
        text = json.dumps(value, ensure_ascii=False)
        for start in range(0, max(len(text), 1), _JSON_CHUNK):
            ws.add([f"json:{key}", text[start : start + _JSON_CHUNK]])
    ws.ws.column_dimensions["A"].width = 22
    ws.ws.column_dimensions["B"].width = 80

    ws = _Rows(wb.create_sheet("Criteria"))
    ws.add(list(_CRITERIA_COLUMNS), bold=True)
    for c in data["criteria"]:
        examples = json.dumps(c["examples"], ensure_ascii=False) if c["examples"] else None
        more = _more(c, _CRITERIA_COLUMNS, Criterion)
        ws.add([c["id"], c["name"], c["description"] or None, examples, c["excluded_reason"], more])

    ws = _Rows(wb.create_sheet("Clusters"))
    ws.add(list(_CLUSTER_COLUMNS), bold=True)
    for cl in data["clusters"]:
        cluster_more = _more(cl, ("id", "name", "description", "nodes"), Cluster)
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
                    _more(n, ("id", "name", "description"), Node),
                ],
            )

    ws = _Rows(wb.create_sheet("Judgments"))
    ws.add(list(_JUDGMENT_COLUMNS), bold=True)
    cc = data["criteria_comparison"]
    known = ("criterion", "kind", "wrt", "cluster", "note", "elements", "matrix")
    blocks = [("criteria", "", "", "", cc, _more(cc, known, CriteriaComparison))] + [
        (c["kind"], c["criterion"], c["wrt"], c["cluster"] or "", c, _more(c, known, Comparison))
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


# --------------------------------------------------------------------------- reading


def _check_archive(data: bytes) -> None:
    """Refuse zip bombs and XML entity declarations before openpyxl sees the file."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse("(file)", "not an .xlsx workbook (not a valid zip archive)") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _refuse(
                "(file)", f"the workbook archive has {len(infos):,} parts; the limit is {MAX_MEMBERS:,}"
            )
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise _refuse("(file)", "the workbook is encrypted or password-protected")
            total += info.file_size
            big = info.file_size > 1024 * 1024
            if big and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise _refuse(
                    "(file)",
                    f"part {info.filename[:60]!r} expands {info.file_size // max(info.compress_size, 1):,} times "
                    "(a zip bomb?); refused",
                )
            if total > MAX_UNCOMPRESSED:
                raise _refuse(
                    "(file)",
                    f"the workbook expands to more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB; refused",
                )
        _check_xml_heads(zf, infos)
        _check_row_counts(zf)


def _check_xml_heads(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with zf.open(info) as fh:
                head = fh.read(65536)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
            raise _refuse("(file)", f"part {info.filename[:60]!r} of the workbook is corrupt") from None
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise _refuse(
                "(file)",
                f"part {info.filename[:60]!r} declares XML entities (an entity-expansion attack?); refused",
            )


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _model_sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Map the model sheets' names to their parts, from workbook.xml and its relationships."""
    try:
        book = DefusedET.fromstring(zf.read("xl/workbook.xml"))
        rels = DefusedET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # missing or broken: openpyxl will report it
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out: dict[str, str] = {}
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        name = sheet.get("name")
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        if name in MODEL_SHEETS and target:
            out[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


def _check_row_counts(zf: zipfile.ZipFile) -> None:
    """Count the rows of each model sheet in its XML (fast) before openpyxl parses it."""
    for title, part in _model_sheet_parts(zf).items():
        try:
            fh = zf.open(part)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            continue  # openpyxl reports a missing or broken part
        rows, tail = 0, b""
        with fh:
            while chunk := fh.read(1 << 20):
                data = tail + chunk
                rows += len(_ROW_TAG.findall(data))
                tail = data[-40:]
                rows -= len(_ROW_TAG.findall(tail))  # counted again with the next chunk
                if rows > MAX_ROWS:
                    raise _refuse(title, f"more than {MAX_ROWS:,} rows; refused")


def _workbook_error(exc: Exception) -> ModelValidationError:
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 10:  # openpyxl wraps parser errors in ValueError
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    names = [type(e).__name__ for e in chain]
    if any("Forbidden" in n or "Entities" in n or "DTD" in n for n in names):
        return _refuse("(file)", "the workbook's XML declares entities or a DTD; refused")
    return _refuse("(file)", f"not a readable .xlsx workbook ({names[0]}: {str(exc).splitlines()[0][:120]})")


class _Cells:
    """Counts cells read across the workbook (a bound on work for hostile files)."""

    def __init__(self) -> None:
        self.n = 0

    def rows(self, ws: Any, title: str, *, values: bool = True) -> Iterator[tuple[int, tuple[Any, ...]]]:
        # max_col bounds the padding openpyxl does (a lying dimension tag cannot widen rows);
        # rows are counted as they come, so a sheet of a million (or of missing) rows stops early
        empty = None if values else EMPTY_CELL
        for r, row in enumerate(ws.iter_rows(max_col=_WIDTH[title], values_only=values), start=1):
            if r > MAX_ROWS:
                raise _refuse(title, f"more than {MAX_ROWS:,} rows; refused")
            end = len(row)
            while end and (row[end - 1] is empty or (not values and row[end - 1].value is None)):
                end -= 1
            self.n += end
            if self.n > MAX_CELLS:
                raise _refuse("(file)", f"more than {MAX_CELLS:,} cells; refused")
            yield r, tuple(row[:end])


def _formula_problem(sheets: dict[str, list[tuple[int, tuple[Any, ...]]]]) -> ModelValidationError | None:
    for title, rows in sheets.items():
        for r, row in rows:
            for c, cell in enumerate(row, start=1):
                if getattr(cell, "data_type", None) == "f":
                    return _refuse(
                        f"{title}!{get_column_letter(c)}{r}",
                        f"holds a formula ({str(cell.value)[:40]}); formulas are not evaluated: type the value "
                        "instead (a number, or a fraction such as 1/3)",
                    )
    return None


def _read_sheets(data: bytes, *, data_only: bool) -> dict[str, list[tuple[int, tuple[Any, ...]]]]:
    """Rows of the model sheets (values with ``data_only``, cells without), within the limits.

    Every openpyxl, zip or defusedxml error (raised while the workbook is
    opened or while a read-only sheet is parsed) becomes a ModelValidationError.
    """
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:  # openpyxl, zipfile and defusedxml raise many types on a broken file
        raise _workbook_error(exc) from None
    try:
        names = list(wb.sheetnames)
        if len(names) > MAX_SHEETS:
            raise _refuse("(file)", f"the workbook has {len(names)} sheets; the limit is {MAX_SHEETS}")
        missing = [s for s in MODEL_SHEETS if s not in names]
        if missing:
            shown = ", ".join(names[:10]) + (" ..." if len(names) > 10 else "")
            raise _refuse(
                "(file)",
                f"missing sheet(s) {', '.join(missing)}: a model workbook has the sheets "
                f"{', '.join(MODEL_SHEETS)} (this one has: {shown})",
            )
        cells = _Cells()
        return {title: list(cells.rows(wb[title], title, values=data_only)) for title in MODEL_SHEETS}
    except ModelValidationError:
        raise
    except Exception as exc:  # a sheet's XML is parsed lazily, while its rows are read
        raise _workbook_error(exc) from None
    finally:
        wb.close()


def _str(v: Any, where: str, problems: list[tuple[str, str]]) -> str:
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


def _number(v: Any, where: str, problems: list[tuple[str, str]]) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        problems.append((where, f"{v} is not a judgment (a positive number)"))
        return None
    if isinstance(v, int | float):
        x = float(v)
    elif isinstance(v, str):
        text = v.strip()
        num, sep, den = text.partition("/")
        try:
            x = float(num) / float(den) if sep else float(text)
        except (ValueError, ZeroDivisionError):
            problems.append((where, f"{text[:40]!r} is not a number or a fraction such as 1/3"))
            return None
    else:
        problems.append((where, f"a {type(v).__name__} is not a judgment (a positive number)"))
        return None
    if not math.isfinite(x) or x <= 0:
        problems.append((where, f"{v!r} is not a judgment: it must be a finite number > 0"))
        return None
    return x


def _ref(sheet: str, r: int, c: int) -> str:
    return f"{sheet}!{get_column_letter(c)}{r}"


def _header(
    rows: list[tuple[int, tuple[Any, ...]]],
    sheet: str,
    expected: Iterable[str],
    problems: list[tuple[str, str]],
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


def _read_model_sheet(
    rows: list[tuple[int, tuple[Any, ...]]], problems: list[tuple[str, str]]
) -> dict[str, Any]:
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
        if key in _TABLE_KEYS:
            problems.append(("Model", f"json:{key} is not allowed (it has its own sheet)"))
            continue
        try:
            out[key] = json.loads("".join(parts), parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            problems.append(("Model", f"json:{key} is not valid JSON ({str(exc)[:80]})"))
    return out


def _no_constant(token: str) -> None:
    raise ValueError(f"{token} is not allowed")


def _read_criteria(
    rows: list[tuple[int, tuple[Any, ...]]], problems: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    cols = _header(rows, "Criteria", _CRITERIA_COLUMNS, problems)
    if len(cols) != len(_CRITERIA_COLUMNS):
        return []
    out = []
    for r, row in rows[1:]:
        if all(v is None for v in row):
            continue
        get = {k: _cell(row, cols[k]) for k in _CRITERIA_COLUMNS}
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
            _read_more(get["more"], _ref("Criteria", r, cols["more"] + 1), _CRITERIA_COLUMNS, problems)
        )
        out.append(crit)
    return out


def _read_clusters(
    rows: list[tuple[int, tuple[Any, ...]]], problems: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    cols = _header(rows, "Clusters", _CLUSTER_COLUMNS, problems)
    if len(cols) != len(_CLUSTER_COLUMNS):
        return []
    clusters: dict[str, dict[str, Any]] = {}
    for r, row in rows[1:]:
        if all(v is None for v in row):
            continue
        val = {
            k: _str(_cell(row, cols[k]), _ref("Clusters", r, cols[k] + 1), problems) for k in _CLUSTER_COLUMNS
        }
        cid = val["cluster_id"]
        cl = clusters.get(cid)
        cluster_known = ("id", "name", "description", "nodes")
        if cl is None:
            cl = clusters[cid] = {
                "id": cid,
                "name": val["cluster_name"],
                "description": val["cluster_description"],
                "nodes": [],
                **_read_more(
                    _cell(row, cols["cluster_more"]),
                    _ref("Clusters", r, cols["cluster_more"] + 1),
                    cluster_known,
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
                ("id", "name", "description"),
                problems,
            )
        )
        cl["nodes"].append(node)
    for cl in clusters.values():
        cl.pop("_more")
    return list(clusters.values())


def _read_judgments(
    rows: list[tuple[int, tuple[Any, ...]]], problems: list[tuple[str, str]]
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
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
        known = ("criterion", "kind", "wrt", "cluster", "note", "elements", "matrix")
        more = _read_more(_cell(row, 6), _ref("Judgments", r, 7), known, problems)
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
    if not isinstance(data, bytes):
        data = read_limited(Path(data))  # regular files only, never more than 5 MB + 1 byte
    if len(data) > MAX_FILE_BYTES:
        raise _refuse("(file)", f"the workbook is {len(data) / 1e6:.1f} MB; the limit is 5 MB")
    _check_archive(data)
    formula = _formula_problem(_read_sheets(data, data_only=False))
    if formula is not None:
        raise formula
    sheets = _read_sheets(data, data_only=True)
    problems: list[tuple[str, str]] = []
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
