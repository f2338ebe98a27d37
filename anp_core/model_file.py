"""The versioned JSON model format: loading, saving and the limits of a file.

One format serves the bundled model, uploads, downloads, the command line and
the tests. Its classes are in :mod:`anp_core.model_schema` (structure, checked
by pydantic) and its cross-reference checks in :mod:`anp_core.model_checks`;
every problem is reported with its JSON path, all at once, as a
:class:`~anp_core.errors.ModelValidationError`.

The schema is documented in ``data/README.md`` and published as JSON Schema in
``data/schema/anp-model.v1.schema.json`` (see :func:`json_schema`).
"""

from __future__ import annotations

import json
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from anp_core.errors import ModelValidationError
from anp_core.i18n import N_
from anp_core.messages import Message, message
from anp_core.model_checks import (
    MAX_LISTED_ERRORS,
    comparison_problems,
    format_loc,
    model_error_from_pydantic,
    reference_problems,
)
from anp_core.model_schema import (
    MAX_ELEMENTS,
    Cluster,
    Comparison,
    ComparisonKey,
    CriteriaComparison,
    Criterion,
    Ecosystem,
    Model,
    Node,
    Population,
    Published,
    PublishedRow,
    Recommendation,
    RecommendationLink,
    Relation,
    Settings,
    Source,
    Translation,
)

__all__ = [
    "MAX_ELEMENTS",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "SCHEMA_VERSION",
    "Cluster",
    "Comparison",
    "ComparisonKey",
    "CriteriaComparison",
    "Criterion",
    "Ecosystem",
    "Model",
    "Node",
    "Population",
    "Published",
    "PublishedRow",
    "Recommendation",
    "RecommendationLink",
    "Relation",
    "Settings",
    "Source",
    "Translation",
    "comparison_problems",
    "dump_model",
    "json_schema",
    "load_model",
    "model_error_from_pydantic",
    "parse_json",
    "read_limited",
    "read_source",
    "reference_problems",
    "save_model",
]

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NESTING = 64  # JSON depth accepted before parsing
#: No list or object of a valid model holds more items (the longest field, ``comparisons``, allows this many).
MAX_ITEMS = 20_000


def _json_depth_ok(text: str) -> bool:
    depth = 0
    in_str = esc = False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def _reject_constant(token: str) -> None:
    raise ValueError(token)


def _too_big(what: str | Message, size: int) -> ModelValidationError:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    text = message(
        N_("{what} is {size} MB; the limit is {limit} MB"), what=what, size=f"{size / 1e6:.1f}", limit=limit
    )
    return ModelValidationError([("(file)", text)])


#: The reasons Python's UTF-8 decoder and JSON parser give, translatable (others are quoted as they are).
_REASONS = {
    "invalid start byte": N_("invalid start byte"),
    "invalid continuation byte": N_("invalid continuation byte"),
    "unexpected end of data": N_("unexpected end of data"),
    "Expecting value": N_("Expecting value"),
    "Expecting property name enclosed in double quotes": N_(
        "Expecting property name enclosed in double quotes"
    ),
    "Expecting ',' delimiter": N_("Expecting ',' delimiter"),
    "Expecting ':' delimiter": N_("Expecting ':' delimiter"),
    "Extra data": N_("Extra data"),
    "Unterminated string starting at": N_("Unterminated string starting at"),
    "Invalid control character at": N_("Invalid control character at"),
    "Invalid \\escape": N_("Invalid \\escape"),
    "Illegal trailing comma before end of object": N_("Illegal trailing comma before end of object"),
    "Illegal trailing comma before end of array": N_("Illegal trailing comma before end of array"),
}


def _reason(text: str) -> Message | str:
    return message(_REASONS[text]) if text in _REASONS else text


#: What :func:`read_source` callers call their input, translatable.
_WHAT = {"the file": N_("the file"), "the workbook": N_("the workbook")}


def _refused(where: str, text: Message) -> ModelValidationError:
    return ModelValidationError([(where, text)])


def _overlong(data: Any) -> tuple[str, int] | None:
    """Return the JSON path and length of a list or object longer than :data:`MAX_ITEMS`, or None.

    Checked when validation found many errors: no field of the schema allows that many
    items, and listing pydantic's error for each item of such a list takes seconds for a million.
    """
    stack: list[tuple[tuple[int | str, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, Mapping):
            items: Any = node.items()
        elif isinstance(node, list | tuple):
            items = enumerate(node)
        else:
            continue
        if len(node) > MAX_ITEMS:
            return format_loc(path) or "(root)", len(node)
        stack.extend(((*path, k), v) for k, v in items if isinstance(v, Mapping | list | tuple))
    return None


def parse_json(raw: bytes | str) -> Any:
    """Parse model JSON with the file limits: size, UTF-8, nesting depth, no NaN/Infinity."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_FILE_BYTES:
        raise _too_big(message(N_("the file")), size)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        reason = message(
            N_("not UTF-8 text ({reason} at byte {at})"), reason=_reason(exc.reason), at=exc.start
        )
        raise _refused("(file)", reason) from None
    if not _json_depth_ok(text):
        raise _refused("(file)", message(N_("JSON nested deeper than {n} levels"), n=MAX_NESTING))
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        reason = message(
            N_("not valid JSON: {reason} (line {line}, column {column})"),
            reason=_reason(exc.msg),
            line=exc.lineno,
            column=exc.colno,
        )
        raise _refused("(file)", reason) from None
    except ValueError as exc:
        reason = message(N_("not valid JSON: {token} is not a number JSON allows"), token=str(exc))
        raise _refused("(file)", reason) from None
    except RecursionError:
        raise _refused("(file)", message(N_("JSON nested too deeply"))) from None


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a regular file of at most ``limit`` bytes; refuse anything else with a clear message.

    Device files and pipes (``/dev/zero``, a FIFO) report a size of 0 and
    would be read forever or block: they are refused before opening, and the
    read itself stops one byte past the limit whatever the size claimed.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _refused("(file)", message(N_("{path} is not a regular file"), path=str(path)))
        if info.st_size > limit:
            raise _too_big(path.name, info.st_size)
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except OSError as exc:
        reason = message(N_("cannot read {path}: {reason}"), path=str(path), reason=str(exc.strerror))
        raise _refused("(file)", reason) from None
    if len(raw) > limit:
        raise _too_big(path.name, len(raw))
    return raw


def read_source(
    source: bytes | str | Path, what: str | Message = "the file", limit: int = MAX_FILE_BYTES
) -> bytes:
    """Return the bytes of an upload or a file, refusing more than ``limit`` (5 MB) with ``what`` named.

    Paths are read by :func:`read_limited` (regular files only, never more
    than the limit plus one byte), so every reader of models (JSON,
    ``.sdmod``, ``.xlsx``) applies the same rule.
    """
    data = source if isinstance(source, bytes) else read_limited(Path(source), limit)
    if len(data) > limit:
        raise _too_big(message(_WHAT[what]) if isinstance(what, str) and what in _WHAT else what, len(data))
    return data


def load_model(source: str | Path | bytes | Mapping[str, Any]) -> Model:
    """Load and validate a model from a path, JSON bytes/text or a dict.

    A ``str`` is taken as a path unless it starts with ``{``. Files over
    5 MB, invalid JSON, ``NaN``/``Infinity`` and every schema or reference
    problem raise :class:`ModelValidationError` listing all problems with
    their JSON paths; nothing else escapes.

    Examples
    --------
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> len(m.node_ids), m.control_criteria[0]
    (20, 'policy')
    """
    if isinstance(source, Mapping):
        data: Any = source
    elif isinstance(source, bytes) or (isinstance(source, str) and source.lstrip().startswith("{")):
        data = parse_json(source)
    else:
        data = parse_json(read_limited(Path(source)))
    if not isinstance(data, Mapping):
        kind = type(data).__name__
        raise _refused("(root)", message(N_("a model must be a JSON object, got {kind}"), kind=kind))
    if data.get("draft") is True:
        reason = message(
            N_(
                "this is a draft model: open it on the Model page, or list what it still needs with "
                "`anp check`"
            )
        )
        raise _refused("draft", reason)
    try:
        return Model.model_validate(data)
    except ValidationError as exc:
        # many errors: an overlong list says it in one line, without listing its items
        if exc.error_count() > MAX_LISTED_ERRORS and (found := _overlong(data)) is not None:
            where, n = found
            text = N_("{n} items: no list or object in a model file holds more than {limit}")
            raise _refused(where, message(text, n=f"{n:,}", limit=f"{MAX_ITEMS:,}")) from None
        raise model_error_from_pydantic(exc) from None
    except RecursionError:
        raise _refused("(root)", message(N_("structure nested too deeply"))) from None


def dump_model(model: Model) -> str:
    """Serialise a model to the canonical JSON text (indent 1, UTF-8)."""
    return model.model_dump_json(indent=1, exclude_defaults=False) + "\n"


def save_model(model: Model, path: str | Path) -> None:
    """Write a model as JSON; ``load_model(path)`` gives back an equal model."""
    Path(path).write_text(dump_model(model), encoding="utf-8")


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the model format (version 1)."""
    return Model.model_json_schema()
