"""Safety checks for reading an uploaded ``.xlsx`` workbook, before and while openpyxl parses it.

The file is an upload and is never trusted. Before openpyxl opens it, the zip
archive is checked (number of parts, uncompressed size and ratio of each
part, encryption), the head of every XML part is searched for entity or DTD
declarations, and the rows of the sheets to read are counted in their XML.
openpyxl then parses XML through defusedxml, in read-only mode without
links, and rows and cells are counted as they come, so every limit is
checked before the work it bounds. A formula is reported by its cell, never
evaluated. Every refusal is a :class:`~anp_core.errors.ModelValidationError`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import openpyxl
from defusedxml import ElementTree as DefusedET
from openpyxl.cell.read_only import EMPTY_CELL
from openpyxl.utils import get_column_letter

from anp_core.errors import ModelValidationError

__all__ = [
    "MAX_CELLS",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_SHEETS",
    "MAX_UNCOMPRESSED",
    "Rows",
    "check_archive",
    "formula_problem",
    "read_sheets",
    "refuse",
]

# Reading limits (an upload is at most 5 MB of zip; these bound what it may expand to).
MAX_MEMBERS = 1_000
MAX_UNCOMPRESSED = 40 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed size of one member over 1 MB
MAX_SHEETS = 300
MAX_ROWS = 30_000
MAX_CELLS = 2_000_000

#: The rows of one sheet: ``(row number, cells or values)``, trailing empty cells dropped.
Rows = list[tuple[int, tuple[Any, ...]]]


def refuse(where: str, msg: str) -> ModelValidationError:
    """Return the error for one problem at ``where`` (a sheet, a cell or ``(file)``)."""
    return ModelValidationError([(where, msg)])


def check_archive(data: bytes, sheets: Iterable[str]) -> None:
    """Refuse zip bombs and XML entity declarations before openpyxl sees the file.

    Parameters
    ----------
    data : bytes
        The uploaded workbook.
    sheets : iterable of str
        The sheets that will be read: their rows are counted in their XML.

    Raises
    ------
    ModelValidationError
        Not a zip archive; encrypted; more than :data:`MAX_MEMBERS` parts; a
        part over 1 MB that expands more than :data:`MAX_RATIO` times; more
        than :data:`MAX_UNCOMPRESSED` bytes in all; a corrupt XML part or one
        that declares entities or a DTD; more than :data:`MAX_ROWS` rows in
        one of ``sheets``.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refuse("(file)", "not an .xlsx workbook (not a valid zip archive)") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise refuse(
                "(file)", f"the workbook archive has {len(infos):,} parts; the limit is {MAX_MEMBERS:,}"
            )
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise refuse("(file)", "the workbook is encrypted or password-protected")
            total += info.file_size
            big = info.file_size > 1024 * 1024
            if big and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise refuse(
                    "(file)",
                    f"part {info.filename[:60]!r} expands {info.file_size // max(info.compress_size, 1):,} times "
                    "(a zip bomb?); refused",
                )
            if total > MAX_UNCOMPRESSED:
                raise refuse(
                    "(file)",
                    f"the workbook expands to more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB; refused",
                )
        _check_xml_heads(zf, infos)
        _check_row_counts(zf, sheets)


def _check_xml_heads(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with zf.open(info) as fh:
                head = fh.read(65536)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
            raise refuse("(file)", f"part {info.filename[:60]!r} of the workbook is corrupt") from None
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise refuse(
                "(file)",
                f"part {info.filename[:60]!r} declares XML entities (an entity-expansion attack?); refused",
            )


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _sheet_parts(zf: zipfile.ZipFile, sheets: Iterable[str]) -> dict[str, str]:
    """Map the names of ``sheets`` to their parts, from workbook.xml and its relationships."""
    try:
        book = DefusedET.fromstring(zf.read("xl/workbook.xml"))
        rels = DefusedET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # missing or broken: openpyxl will report it
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    wanted = set(sheets)
    out: dict[str, str] = {}
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        name = sheet.get("name")
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        if name in wanted and target:
            out[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


def _check_row_counts(zf: zipfile.ZipFile, sheets: Iterable[str]) -> None:
    """Count the rows of each of ``sheets`` in its XML (fast) before openpyxl parses it."""
    for title, part in _sheet_parts(zf, sheets).items():
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
                    raise refuse(title, f"more than {MAX_ROWS:,} rows; refused")


def _workbook_error(exc: Exception) -> ModelValidationError:
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 10:  # openpyxl wraps parser errors in ValueError
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    names = [type(e).__name__ for e in chain]
    if any("Forbidden" in n or "Entities" in n or "DTD" in n for n in names):
        return refuse("(file)", "the workbook's XML declares entities or a DTD; refused")
    return refuse("(file)", f"not a readable .xlsx workbook ({names[0]}: {str(exc).splitlines()[0][:120]})")


class _Cells:
    """Counts cells read across the workbook (a bound on work for hostile files)."""

    def __init__(self) -> None:
        self.n = 0

    def rows(
        self, ws: Any, title: str, width: int, *, values: bool = True
    ) -> Iterator[tuple[int, tuple[Any, ...]]]:
        # max_col bounds the padding openpyxl does (a lying dimension tag cannot widen rows);
        # rows are counted as they come, so a sheet of a million (or of missing) rows stops early
        empty = None if values else EMPTY_CELL
        for r, row in enumerate(ws.iter_rows(max_col=width, values_only=values), start=1):
            if r > MAX_ROWS:
                raise refuse(title, f"more than {MAX_ROWS:,} rows; refused")
            end = len(row)
            while end and (row[end - 1] is empty or (not values and row[end - 1].value is None)):
                end -= 1
            self.n += end
            if self.n > MAX_CELLS:
                raise refuse("(file)", f"more than {MAX_CELLS:,} cells; refused")
            yield r, tuple(row[:end])


def formula_problem(sheets: Mapping[str, Rows]) -> ModelValidationError | None:
    """Return the error naming the first cell that holds a formula, or None.

    Parameters
    ----------
    sheets : mapping of str to rows
        Rows of cells, as :func:`read_sheets` returns them without ``data_only``.
    """
    for title, rows in sheets.items():
        for r, row in rows:
            for c, cell in enumerate(row, start=1):
                if getattr(cell, "data_type", None) == "f":
                    return refuse(
                        f"{title}!{get_column_letter(c)}{r}",
                        f"holds a formula ({str(cell.value)[:40]}); formulas are not evaluated: type the value "
                        "instead (a number, or a fraction such as 1/3)",
                    )
    return None


def read_sheets(data: bytes, widths: Mapping[str, int], *, data_only: bool) -> dict[str, Rows]:
    """Return the rows of the sheets named in ``widths`` (values with ``data_only``, cells without).

    Parameters
    ----------
    data : bytes
        The workbook, already passed through :func:`check_archive`.
    widths : mapping of str to int
        The sheets to read, each with the number of columns read from it
        (wider cells are ignored: openpyxl pads every row to this width).
    data_only : bool
        Read cached values (True) or the cells themselves, formulas
        included (False).

    Raises
    ------
    ModelValidationError
        A sheet is missing, or there are more than :data:`MAX_SHEETS` sheets,
        :data:`MAX_ROWS` rows in a sheet or :data:`MAX_CELLS` cells in all.
        Every openpyxl, zip or defusedxml error (raised while the workbook is
        opened or while a read-only sheet is parsed) becomes one too.
    """
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False)
    except Exception as exc:  # openpyxl, zipfile and defusedxml raise many types on a broken file
        raise _workbook_error(exc) from None
    try:
        names = list(wb.sheetnames)
        if len(names) > MAX_SHEETS:
            raise refuse("(file)", f"the workbook has {len(names)} sheets; the limit is {MAX_SHEETS}")
        missing = [s for s in widths if s not in names]
        if missing:
            shown = ", ".join(names[:10]) + (" ..." if len(names) > 10 else "")
            raise refuse(
                "(file)",
                f"missing sheet(s) {', '.join(missing)}: a model workbook has the sheets "
                f"{', '.join(widths)} (this one has: {shown})",
            )
        cells = _Cells()
        return {
            title: list(cells.rows(wb[title], title, width, values=data_only))
            for title, width in widths.items()
        }
    except ModelValidationError:
        raise
    except Exception as exc:  # a sheet's XML is parsed lazily, while its rows are read
        raise _workbook_error(exc) from None
    finally:
        wb.close()
