"""One entry point for every model file a user may bring: JSON, ``.sdmod`` or ``.xlsx``.

:func:`load_any` takes a path, or bytes with their file name (an upload),
checks the size (5 MB at most) before reading anything, picks the reader by
extension (or, without a usable extension, by content) and returns a
validated :class:`~anp_core.model_file.Model`. Every failure is a
:class:`~anp_core.errors.ModelValidationError` whose message says what is
wrong; nothing is returned or changed on failure.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any, Literal

from anp_core.errors import ModelValidationError
from anp_core.i18n import N_
from anp_core.messages import Message, message
from anp_core.model_file import Model, load_model, parse_json, read_source

__all__ = ["FORMATS", "detect_format", "load_any", "read_any"]

Format = Literal["json", "sdmod", "xlsx"]

#: Accepted formats and the file extensions that select them.
FORMATS: dict[str, Format] = {".json": "json", ".sdmod": "sdmod", ".xlsx": "xlsx"}


def _refuse(msg: Message) -> ModelValidationError:
    return ModelValidationError([("(file)", msg)])


def detect_format(data: bytes, filename: str | None = None) -> Format:
    r"""Return ``"json"``, ``"sdmod"`` or ``"xlsx"`` for a file's bytes.

    The extension decides when it is one of :data:`FORMATS` and the content
    agrees with it (an ``.xlsx`` must be a zip archive, a ``.json`` or
    ``.sdmod`` must not be); with no or another extension the content decides:
    a zip archive is a workbook, text starting with ``{`` is JSON, text
    holding ``makeCluster`` or ``readAllCompares`` is a Super Decisions file.

    Examples
    --------
    >>> detect_format(b'{"schema_version": 1}', "upload")
    'json'
    >>> detect_format(b"PK\x03\x04...", "model.xlsx")
    'xlsx'
    """
    is_zip = data[:4] == b"PK\x03\x04"
    ext = PurePath(filename).suffix.lower() if filename else ""
    if ext in FORMATS:
        fmt = FORMATS[ext]
        if (fmt == "xlsx") != is_zip:
            name = PurePath(filename or "").name
            if is_zip:
                raise _refuse(
                    message(
                        N_("{name} is a zip archive, so it is not a valid {ext} file"), name=name, ext=ext
                    )
                )
            raise _refuse(
                message(
                    N_("{name} is not a zip archive, so it is not a valid {ext} file"), name=name, ext=ext
                )
            )
        return fmt
    if ext in {".xls", ".xlsm", ".xlsb", ".ods", ".csv"}:
        raise _refuse(
            message(N_("{ext} files are not read; save the workbook as .xlsx (no macros)"), ext=ext)
        )
    if is_zip:
        return "xlsx"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return "json"
    if b"makeCluster" in data or b"readAllCompares" in data:
        return "sdmod"
    if ext:
        raise _refuse(
            message(
                N_(
                    "unsupported file type ({ext}): upload a model as JSON, a Super Decisions .sdmod file or an "
                    ".xlsx workbook"
                ),
                ext=ext,
            )
        )
    raise _refuse(
        message(
            N_(
                "unsupported file type: upload a model as JSON, a Super Decisions .sdmod file or an .xlsx workbook"
            )
        )
    )


def read_any(source: str | Path | bytes, filename: str | None = None) -> dict[str, Any]:
    """Read a model file of any accepted format into a model dict (not yet validated).

    Parameters
    ----------
    source : str, Path or bytes
        A path (``str`` or ``Path``), or the file's bytes.
    filename : str, optional
        The file's name when ``source`` is bytes (an upload); used to pick
        the format and to name an imported model.

    Raises
    ------
    ModelValidationError
        Too big (over 5 MB), unreadable, of an unsupported type, or refused
        by its reader.
    """
    name = filename if isinstance(source, bytes) else filename or Path(source).name
    data = read_source(source)
    if not data:
        raise _refuse(message(N_("the file is empty")))
    fmt = detect_format(data, name)
    if fmt == "sdmod":
        from anp_core.sdmod import sdmod_to_dict

        return sdmod_to_dict(data, name)
    if fmt == "xlsx":
        from anp_core.excel import workbook_to_dict

        return workbook_to_dict(data)
    parsed = parse_json(data)  # the JSON checks load_model applies
    if not isinstance(parsed, dict):
        raise ModelValidationError(
            [("(root)", message(N_("a model must be a JSON object, got {kind}"), kind=type(parsed).__name__))]
        )
    return parsed


def load_any(source: str | Path | bytes, filename: str | None = None) -> Model:
    """Load and validate a model from JSON, a Super Decisions ``.sdmod`` file or an ``.xlsx`` workbook.

    Parameters
    ----------
    source : str, Path or bytes
        A path, or the file's bytes (for an upload, give ``filename`` too).
    filename : str, optional
        Name of the uploaded file (its extension selects the format).

    Returns
    -------
    Model
        The validated model; nothing is returned unless it is valid.

    Raises
    ------
    ModelValidationError
        Every problem, each with where it is (JSON path, line of an
        ``.sdmod`` file, sheet and cell of a workbook).

    Examples
    --------
    >>> load_any("data/models/cbec_trade_war.json").id
    'cbec_trade_war'
    """
    return load_model(read_any(source, filename))
