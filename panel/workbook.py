"""Offline questionnaires: one Excel workbook per expert, filled in offline and uploaded back.

Layout: a **Start** sheet (what is asked, Saaty's scale in words, how to
fill in), one sheet per matrix (``M01``, ``M02`` …: the question, then one row
per pair with a drop-down "More important" = A / B / Equal and a whole number
"How much more" 1-9, both validated by Excel), and a hidden ``_form`` sheet
naming the panel, the expert and a fingerprint of the matrices asked.
Answers already saved are filled in, so an expert can continue offline.

Reading is defensive (never trusted): the file is at most 2 MB, its zip
entries at most 40 MB unpacked in at most 300 entries; XML is parsed by
openpyxl with defusedxml (entity expansion refused); the workbook is opened
read-only without links; formulas are **refused, never evaluated** (a cell
must hold the number itself); at most 600 rows are read per sheet. Every
problem is collected; if there is any, :func:`read_questionnaire` raises
:class:`WorkbookError` listing them all and nothing is saved. A matrix
sheet left entirely blank is skipped (not answered offline); a sheet filled
in part is read as answers in progress, as the online questionnaire saves
them (:attr:`WorkbookAnswers.sheets` says which sheets are complete).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from panel.records import AssignmentState
from panel.scale import VERBAL, scale_value, side_strength

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "SheetStatus",
    "WorkbookAnswers",
    "WorkbookError",
    "form_fingerprint",
    "questionnaire_workbook",
    "read_questionnaire",
]

MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED = 40 * 1024 * 1024
MAX_ENTRIES = 300
MAX_ROWS = 600
FORM_VERSION = "anp-questionnaire-1"
FIRST_ROW = 8  # first pair row on a matrix sheet
CHOICES = ("A", "B", "Equal")
_HEAD = Font(bold=True)
_INPUT = PatternFill("solid", fgColor="FFF4CC")


class WorkbookError(ValueError):
    """A questionnaire workbook was refused; ``problems`` lists every reason (nothing was saved)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s): " + "; ".join(self.problems[:5]))


@dataclass(frozen=True)
class SheetStatus:
    """How far one matrix sheet is answered: ``answered`` of ``pairs`` (0: left blank)."""

    sheet: str
    key: str
    title: str
    answered: int
    pairs: int

    @property
    def complete(self) -> bool:
        """Whether every pair of the sheet is answered."""
        return self.answered == self.pairs


@dataclass(frozen=True)
class WorkbookAnswers:
    """A valid workbook: whose it is, the judgments ``(matrix key, row, col, a_ij)``, each sheet's state."""

    panel_id: str
    expert_id: int
    items: tuple[tuple[str, int, int, float], ...]
    skipped: tuple[str, ...]  # titles of matrices left blank
    sheets: tuple[SheetStatus, ...] = ()

    @property
    def incomplete(self) -> tuple[SheetStatus, ...]:
        """Sheets answered in part (saved as answers in progress)."""
        return tuple(s for s in self.sheets if 0 < s.answered < s.pairs)


def form_fingerprint(assignments: Sequence[AssignmentState]) -> str:
    """Return a short hash of the matrices (keys and elements) a workbook asks about."""
    data = [[a.matrix.key, list(a.matrix.spec.elements)] for a in assignments]
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:24]


def questionnaire_workbook(
    panel_id: str,
    panel_name: str,
    expert_id: int,
    expert_name: str,
    assignments: Sequence[AssignmentState],
    intro: str = "",
) -> bytes:
    """Return the .xlsx questionnaire of one expert (their saved answers filled in)."""
    wb = Workbook()
    start = wb.active
    assert start is not None
    start.title = "Start"
    lines: list[tuple[str, str]] = [
        ("Questionnaire", panel_name),
        ("For", expert_name),
        ("", ""),
        ("What is asked", intro or "Compare the elements of each sheet two at a time."),
        (
            "How to answer",
            "On each sheet M01, M02 …, every row is one pair. In 'More important' choose A, B or Equal; "
            "in 'How much more' type a whole number from 1 to 9 (leave it empty or 1 for Equal).",
        ),
        (
            "",
            "Rows left empty stay unanswered: finish them here or online later. "
            "Submit each matrix online once all its rows are answered.",
        ),
        ("", "Type numbers, not formulas. Save the file as .xlsx and upload it on your questionnaire page."),
        ("", ""),
        ("Saaty's scale", "How much more important"),
    ]
    lines += [(str(k), v) for k, v in VERBAL.items()]
    for r, (label, text) in enumerate(lines, start=1):
        start.cell(r, 1, label).font = _HEAD
        start.cell(r, 2, text).alignment = Alignment(wrap_text=True, vertical="top")
    start.column_dimensions["A"].width = 18
    start.column_dimensions["B"].width = 100

    for k, a in enumerate(assignments, start=1):
        spec = a.matrix.spec
        ws = wb.create_sheet(f"M{k:02d}")
        ws["A1"] = spec.title
        ws["A1"].font = Font(bold=True, size=13)
        ws["A2"] = spec.question
        ws["A3"] = "A = the element in column B, B = the element in column C."
        ws["A4"] = (
            "Scale: 1 equal · 3 moderate · 5 strong · 7 very strong · 9 extreme (2, 4, 6, 8 in between)."
        )
        ws["A5"] = f"Matrix key: {a.matrix.key}"
        head = ("Pair", "Element A", "Element B", "More important", "How much more (1-9)")
        for c, text in enumerate(head, start=1):
            ws.cell(FIRST_ROW - 1, c, text).font = _HEAD
        pick = DataValidation(
            type="list",
            formula1='"A,B,Equal"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Choose A, B or Equal",
            error="Choose A (the first element), B (the second) or Equal.",
        )
        much = DataValidation(
            type="whole",
            operator="between",
            formula1="1",
            formula2="9",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="A whole number from 1 to 9",
            error="Type a whole number from 1 (equal) to 9 (extreme).",
        )
        ws.add_data_validation(pick)
        ws.add_data_validation(much)
        r = FIRST_ROW
        for i in range(spec.n):
            for j in range(i + 1, spec.n):
                ws.cell(r, 1, f"{i + 1}-{j + 1}")
                ws.cell(r, 2, spec.labels[i])
                ws.cell(r, 3, spec.labels[j])
                d, e = ws.cell(r, 4), ws.cell(r, 5)
                if (i, j) in a.answers:
                    side, strength = side_strength(a.answers[(i, j)])
                    d.value = "Equal" if strength == 1 else CHOICES[side]
                    e.value = strength
                for cell in (d, e):
                    cell.fill = _INPUT
                    cell.protection = Protection(locked=False)
                pick.add(d)
                much.add(e)
                r += 1
        for col, width in zip("ABCDE", (8, 42, 42, 16, 20), strict=True):
            ws.column_dimensions[col].width = width
        ws.protection.sheet = (
            True  # only the yellow cells can be changed (no password: a guard, not security)
        )

    meta = wb.create_sheet("_form")
    for r, (a_, b_) in enumerate(
        [
            ("form", FORM_VERSION),
            ("panel", panel_id),
            ("expert", str(expert_id)),
            ("fingerprint", form_fingerprint(assignments)),
        ],
        start=1,
    ):
        meta.cell(r, 1, a_)
        meta.cell(r, 2, b_)
    meta.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _zip_problems(data: bytes) -> list[str]:
    if len(data) > MAX_BYTES:
        return [
            f"the file is {len(data) / 1e6:.1f} MB; a questionnaire is at most {MAX_BYTES // (1024 * 1024)} MB"
        ]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, ValueError):
        return ["this is not an .xlsx workbook (save it as 'Excel Workbook (.xlsx)')"]
    if len(infos) > MAX_ENTRIES:
        return [f"the workbook has {len(infos)} parts; a questionnaire has far fewer"]
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED:
        return [
            f"the workbook unpacks to {unpacked / 1e6:.0f} MB; refused (at most {MAX_UNPACKED // 1_000_000} MB)"
        ]
    if not any(i.filename == "xl/workbook.xml" for i in infos):
        return ["this is not an .xlsx workbook (no xl/workbook.xml)"]
    return []


def _is_formula(cell: Any) -> bool:
    return getattr(cell, "data_type", None) == "f" or (
        isinstance(cell.value, str) and cell.value.startswith("=")
    )


def _choice(raw: object) -> str | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str):
        for c in CHOICES:
            if raw.strip().casefold() == c.casefold():
                return c
    return ""


def _strength(raw: object) -> int | str | None:
    """Return 1-9, None for blank, or a problem text."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        return f"{raw!r} is not a number"
    if isinstance(raw, str):
        text = raw.strip()
        try:
            raw = float(text)
        except ValueError:
            return f"{text[:30]!r} is text, not a number from 1 to 9"
    if isinstance(raw, int | float):
        v = float(raw)
        if v != v or v in (float("inf"), float("-inf")):
            return "not a finite number"
        if v.is_integer() and 1 <= v <= 9:
            return int(v)
        return f"{v:g} is not a whole number from 1 to 9"
    return f"a {type(raw).__name__} is not a number from 1 to 9"


def read_questionnaire(
    data: bytes, assignments: Sequence[AssignmentState], panel_id: str, expert_id: int
) -> WorkbookAnswers:
    """Read an uploaded questionnaire of expert ``expert_id``; raise WorkbookError listing every problem.

    ``assignments`` are the expert's current assignments (the workbook must
    have been made for the same matrices). Nothing is written anywhere: the
    caller saves ``items`` in one transaction.
    """
    problems = _zip_problems(data)
    if problems:
        raise WorkbookError(problems)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types on a broken file; none may escape as a traceback
        name = type(exc).__name__
        why = "unsafe XML (entity declarations are refused)" if "Entit" in name or "DTD" in name else name
        raise WorkbookError([f"the workbook cannot be read: {why}"]) from None
    try:
        return _read(wb, assignments, panel_id, expert_id)
    finally:
        wb.close()


def _read(wb: Any, assignments: Sequence[AssignmentState], panel_id: str, expert_id: int) -> WorkbookAnswers:
    problems: list[str] = []
    if "_form" not in wb.sheetnames:
        raise WorkbookError(["this is not a questionnaire made by this tool (no _form sheet)"])
    meta: dict[str, str] = {}
    for row in wb["_form"].iter_rows(min_row=1, max_row=10, max_col=2, values_only=True):
        if row and isinstance(row[0], str):
            meta[row[0]] = "" if len(row) < 2 or row[1] is None else str(row[1])
    if meta.get("form") != FORM_VERSION:
        problems.append("this is not a questionnaire made by this tool (unknown form version)")
    if meta.get("panel") != panel_id:
        problems.append("this questionnaire belongs to another panel")
    if meta.get("expert") != str(expert_id):
        problems.append("this questionnaire belongs to another expert")
    if meta.get("fingerprint") != form_fingerprint(assignments):
        problems.append("the panel's questions changed since this questionnaire was made: download a new one")
    if problems:
        raise WorkbookError(problems)

    items: list[tuple[str, int, int, float]] = []
    skipped: list[str] = []
    sheets: list[SheetStatus] = []
    for k, a in enumerate(assignments, start=1):
        spec, sheet = a.matrix.spec, f"M{k:02d}"
        if sheet not in wb.sheetnames:
            problems.append(f"sheet {sheet} ({spec.title}) is missing")
            continue
        ws = wb[sheet]
        pairs = {f"{i + 1}-{j + 1}": (i, j) for i in range(spec.n) for j in range(i + 1, spec.n)}
        found: dict[tuple[int, int], float] = {}
        seen_rows = 0
        for row in ws.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + MAX_ROWS, max_col=5):
            seen_rows += 1
            cells = list(row) + [None] * (5 - len(row))
            label = cells[0].value if cells[0] is not None else None
            if label is None:
                continue
            where = f"{sheet} row {cells[0].row}"
            if str(label) not in pairs:
                problems.append(f"{where}: {str(label)[:20]!r} is not a pair of this sheet")
                continue
            i, j = pairs[str(label)]
            d, e = cells[3], cells[4]
            if any(c is not None and _is_formula(c) for c in (d, e)):
                problems.append(f"{where}: a formula; type the answer itself (formulas are not read)")
                continue
            choice = _choice(d.value if d is not None else None)
            strength = _strength(e.value if e is not None else None)
            pair = f"{spec.labels[i]} vs {spec.labels[j]}"
            if choice is None and strength is None:  # not answered yet
                continue
            if choice == "":
                problems.append(f"{where} ({pair}): 'More important' must be A, B or Equal")
                continue
            if isinstance(strength, str):
                problems.append(f"{where} ({pair}): {strength}")
                continue
            if choice == "Equal":
                if strength not in (None, 1):
                    problems.append(f"{where} ({pair}): Equal goes with 1 (or an empty cell), not {strength}")
                    continue
                value = 1.0
            elif choice is None or strength is None:
                problems.append(f"{where} ({pair}): give both which element and how much more")
                continue
            else:
                value = scale_value(CHOICES.index(choice), strength)
            found[(i, j)] = value
        if seen_rows > MAX_ROWS:
            problems.append(
                f"sheet {sheet} has more than {MAX_ROWS} rows; a questionnaire sheet has {len(pairs)}"
            )
            continue
        sheets.append(SheetStatus(sheet, a.matrix.key, spec.title, len(found), len(pairs)))
        if not found:
            skipped.append(spec.title)
            continue
        items += [(a.matrix.key, i, j, v) for (i, j), v in sorted(found.items())]
    if not problems and not items:
        problems.append("the workbook has no answers")
    if problems:
        raise WorkbookError(problems)
    return WorkbookAnswers(panel_id, expert_id, tuple(items), tuple(skipped), tuple(sheets))
