"""Judgment edits as data: what changed against the opened model, and a compact, checked URL encoding.

No Streamlit here. :func:`judgment_diff` compares the current model with the
baseline (the model as opened) comparison by comparison; the changed and new
comparisons are what a scenario carries as ``overrides``, and the changed
cells are what a share link carries.

The link parameter ``j`` holds the changed cells only, as compact JSON::

    {
        "v": 1,
        "f": "<first 8 hex of the baseline fingerprint>",
        "c": [[criterion, kind, wrt, cluster, [[i, j, a_ij], ...]], ...],
        "n": [[criterion, kind, wrt, cluster, [element, ...], [[a_11, ...], ...]], ...],
    }

``c`` lists cells of comparisons the baseline has (``i``, ``j``: element
indices; ``a_ij``: the judgment, or null for a missing one; the reciprocal
follows, as on the Judgments page); the criteria comparison has the key
``["", "criteria", "", null]``. ``n`` lists comparisons the baseline lacks
(a node-level override created on the Judgments page), in full. The JSON is
deflated (raw DEFLATE, RFC 1951) and written in base64url without padding
(RFC 4648, section 5). :func:`decode_link` refuses, with a message and
without changing anything, a parameter that is too long, not base64url,
not DEFLATE, inflates past :data:`MAX_JSON_BYTES`, is not JSON of that
shape, names a comparison or an element the model does not have, or holds a
judgment outside 1e-6 … 1e6; then the cells are applied through
:meth:`anp_core.Model.with_judgment` and ``with_comparisons`` (the engine's
own validation, reciprocity included).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from anp_core import ANPError, Comparison, Model
from anp_core.model_schema import CRITERIA_KEY, ComparisonKey
from anp_core.pairwise import JUDGMENT_MAX, JUDGMENT_MIN

__all__ = [
    "CRITERIA_KEY",
    "MAX_JSON_BYTES",
    "MAX_LINK_CHARS",
    "PARAM",
    "CellChange",
    "JudgmentDiff",
    "LinkError",
    "apply_link",
    "decode_link",
    "encode_diff",
    "encode_link",
    "judgment_diff",
]

#: URL parameter of the judgment edits.
PARAM = "j"
#: Longest ``j`` value written or read (characters): links stay shareable (mail, chat, QR codes).
MAX_LINK_CHARS = 1800
#: Most bytes the parameter may inflate to (a deflate bomb stops here).
MAX_JSON_BYTES = 64 * 1024
#: At most this many comparisons and cells in one link.
MAX_ENTRIES = 500
_VERSION = 1
_FP = 8
_B64URL = re.compile(r"^[A-Za-z0-9_-]*$")

Translate = Callable[[str], str]


def _same(s: str) -> str:
    return s


class LinkError(ANPError):
    """A share link's judgments cannot be used (the message says why, in the caller's language)."""


@dataclass(frozen=True)
class CellChange:
    """One changed judgment: comparison ``key``, element indices ``(i, j)`` and the new ``a_ij`` (None: missing)."""

    key: ComparisonKey
    i: int
    j: int
    value: float | None


@dataclass(frozen=True)
class JudgmentDiff:
    """What the judgments of ``current`` change against ``baseline`` (see :func:`judgment_diff`).

    Attributes
    ----------
    overrides : tuple of Comparison
        Comparisons of ``current`` that differ from the baseline's or that
        the baseline lacks (what a scenario's ``overrides`` carry).
    cells : tuple of CellChange
        The changed cells of comparisons the baseline has, criteria
        comparison included (what a link's ``c`` carries).
    new : tuple of Comparison
        Comparisons the baseline lacks (a link's ``n``).
    removed : tuple of ComparisonKey
        Comparisons of the baseline that ``current`` no longer has (an
        override removed on the Judgments page): neither a scenario nor a
        link can carry a removal.
    criteria_changed : bool
        The criteria comparison changed (a scenario carries it through its
        criterion weights; a link carries the cells).
    other_changes : bool
        Something besides judgments differs (structure, names, settings):
        the judgments alone do not rebuild ``current`` from the baseline.
    """

    overrides: tuple[Comparison, ...] = ()
    cells: tuple[CellChange, ...] = ()
    new: tuple[Comparison, ...] = ()
    removed: tuple[ComparisonKey, ...] = ()
    criteria_changed: bool = False
    other_changes: bool = False

    @property
    def empty(self) -> bool:
        """No judgment differs."""
        return not (self.cells or self.new or self.removed or self.other_changes)

    @property
    def exact(self) -> bool:
        """Baseline + these changes gives back the current model exactly."""
        return not (self.removed or self.other_changes)

    @property
    def n_matrices(self) -> int:
        """Number of judgment matrices changed or added (criteria comparison included)."""
        return len({c.key for c in self.cells}) + len(self.new)


def _changed_cells(key: ComparisonKey, old: Any, new: Any) -> list[CellChange]:
    """Cells (i < j pairs) where two same-shaped matrices differ, each in the orientation that rebuilds exactly.

    :meth:`Model.with_judgment` sets ``(row, col) = x`` and ``(col, row) = 1/x``;
    the pair is written so that applying it gives back both stored values
    when the current matrix was made that way (as every edit makes it).
    """
    out = []
    n = len(new)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = new[i][j], new[j][i]
            if a == old[i][j] and b == old[j][i]:
                continue
            if a is None or b is None:
                out.append(CellChange(key, i, j, None))
            elif b == 1.0 / a:
                out.append(CellChange(key, i, j, float(a)))
            elif a == 1.0 / b:
                out.append(CellChange(key, j, i, float(b)))
            else:  # reciprocal within the engine's tolerance, not to the last bit
                out.append(CellChange(key, i, j, float(a)))
    return out


_JUDGMENT_FIELDS = {"comparisons", "criteria_comparison"}


def judgment_diff(baseline: Model, current: Model) -> JudgmentDiff:
    """Compare the judgments of ``current`` with those of ``baseline``.

    Parameters
    ----------
    baseline : Model
        The model as opened.
    current : Model
        The model with the user's edits.

    Returns
    -------
    JudgmentDiff
        Changed cells, changed and new comparisons, removed ones, and whether
        anything other than judgments differs.

    Examples
    --------
    >>> from anp_core import load_model
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> key = m.comparisons[0].key
    >>> a, b = m.comparisons[0].elements[:2]
    >>> d = judgment_diff(m, m.with_judgment(key, a, b, 5.0))
    >>> [(c.i, c.j, c.value) for c in d.cells], len(d.overrides), d.exact
    ([(0, 1, 5.0)], 1, True)
    """
    if baseline is current:
        return JudgmentDiff()
    other = any(
        getattr(baseline, name) != getattr(current, name)
        for name in type(current).model_fields
        if name not in _JUDGMENT_FIELDS and getattr(baseline, name) is not getattr(current, name)
    )
    cells: list[CellChange] = []
    bcc, ccc = baseline.criteria_comparison, current.criteria_comparison
    criteria_changed = False
    if bcc is not ccc and bcc != ccc:
        if bcc.elements == ccc.elements and bcc.note == ccc.note:
            criteria_changed = True
            cells += _changed_cells(CRITERIA_KEY, bcc.matrix, ccc.matrix)
        else:
            other = True
    base = baseline.comparison_by_key
    overrides: list[Comparison] = []
    new: list[Comparison] = []
    for comp in current.comparisons:
        old = base.get(comp.key)
        if old is comp:
            continue
        if old is None:
            overrides.append(comp)
            new.append(comp)
            continue
        if old == comp:
            continue
        overrides.append(comp)
        if old.elements == comp.elements:
            cells += _changed_cells(comp.key, old.matrix, comp.matrix)
            if old.note != comp.note:
                other = True
        else:
            other = True
    keys = current.comparison_by_key
    removed = tuple(k for k in base if k not in keys)
    return JudgmentDiff(
        overrides=tuple(overrides),
        cells=tuple(cells),
        new=tuple(new),
        removed=removed,
        criteria_changed=criteria_changed,
        other_changes=other,
    )


def _number(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else float(x)


def _payload(baseline: Model, cells: Sequence[CellChange], new: Sequence[Comparison]) -> dict[str, Any]:
    groups: dict[ComparisonKey, list[list[Any]]] = {}
    for c in cells:
        groups.setdefault(c.key, []).append([c.i, c.j, _number(c.value)])
    out: dict[str, Any] = {"v": _VERSION, "f": baseline.fingerprint[:_FP]}
    if groups:
        out["c"] = [[*k, v] for k, v in groups.items()]
    if new:
        out["n"] = [[*c.key, list(c.elements), [[_number(x) for x in row] for row in c.matrix]] for c in new]
    return out


def _deflate(data: bytes) -> bytes:
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    return z.compress(data) + z.flush()


def encode_diff(baseline: Model, diff: JudgmentDiff) -> str:
    """Return the ``j`` parameter of a diff's cells and new comparisons ("" when there are none).

    May be longer than :data:`MAX_LINK_CHARS`: the caller decides (a file instead).
    """
    if not diff.cells and not diff.new:
        return ""
    raw = json.dumps(_payload(baseline, diff.cells, diff.new), separators=(",", ":"), allow_nan=False)
    return base64.urlsafe_b64encode(_deflate(raw.encode("utf-8"))).decode("ascii").rstrip("=")


def encode_link(baseline: Model, overrides: Sequence[Comparison]) -> str:
    """Return the ``j`` parameter that turns ``baseline`` into ``baseline.with_comparisons(overrides)``."""
    if not overrides:
        return ""
    return encode_diff(baseline, judgment_diff(baseline, baseline.with_comparisons(list(overrides))))


# --------------------------------------------------------------------------- reading a link


def _no_constants(token: str) -> None:
    raise ValueError(token)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(k)
        out[k] = v
    return out


def _inflate(text: str, _: Translate) -> bytes:
    if len(text) > MAX_LINK_CHARS:
        raise LinkError(
            _("the judgments part of the link is {n} characters long; at most {limit} are read").format(
                n=f"{len(text):,}", limit=f"{MAX_LINK_CHARS:,}"
            )
        )
    if not text or not _B64URL.match(text) or len(text) % 4 == 1:
        raise LinkError(_("the judgments part of the link is not valid base64url text"))
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise LinkError(_("the judgments part of the link is not valid base64url text")) from None
    z = zlib.decompressobj(-15)
    try:
        raw = z.decompress(packed, MAX_JSON_BYTES)
    except zlib.error:
        raise LinkError(_("the judgments part of the link is damaged (it does not decompress)")) from None
    if z.unconsumed_tail or not z.eof:
        if z.unconsumed_tail or len(raw) >= MAX_JSON_BYTES:
            raise LinkError(
                _("the judgments part of the link decompresses to more than {limit} KB").format(
                    limit=MAX_JSON_BYTES // 1024
                )
            )
        raise LinkError(_("the judgments part of the link is damaged (it does not decompress)"))
    return raw


def _is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _key_of(entry: list[Any], where: str, _: Translate) -> ComparisonKey:
    crit, kind, wrt, cluster = entry[:4]
    if not all(isinstance(s, str) and len(s) <= 64 for s in (crit, kind, wrt)) or not (
        cluster is None or (isinstance(cluster, str) and len(cluster) <= 64)
    ):
        raise LinkError(_("{where}: the comparison is not named as the format expects").format(where=where))
    return (crit, kind, wrt, cluster)


def _judgment(x: object, where: str, _: Translate) -> float | None:
    if x is None:
        return None
    if not _is_number(x) or not math.isfinite(float(x)):  # type: ignore[arg-type]
        raise LinkError(_("{where}: a judgment is not a number").format(where=where))
    v = float(x)  # type: ignore[arg-type]
    if not JUDGMENT_MIN <= v <= JUDGMENT_MAX:
        raise LinkError(
            _("{where}: judgment {value} is outside {low} … {high}").format(
                where=where, value=f"{v:g}", low=f"{JUDGMENT_MIN:g}", high=f"{JUDGMENT_MAX:g}"
            )
        )
    return v


@dataclass(frozen=True)
class DecodedLink:
    """A link's judgments, checked against a model's comparisons (see :func:`decode_link`)."""

    cells: tuple[CellChange, ...]
    new: tuple[dict[str, Any], ...]
    fingerprint: str

    @property
    def n_matrices(self) -> int:
        """Number of judgment matrices the link changes or adds."""
        return len({c.key for c in self.cells}) + len(self.new)


def decode_link(text: str, baseline: Model, _: Translate = _same) -> DecodedLink:
    """Read and check a ``j`` parameter against ``baseline`` (nothing is applied yet).

    Parameters
    ----------
    text : str
        The parameter's value.
    baseline : Model
        The model the cells refer to.
    _ : callable, optional
        Translator of the messages (English by default).

    Returns
    -------
    DecodedLink

    Raises
    ------
    LinkError
        With a message saying what is wrong (never a value from the link
        other than numbers and lengths, never an unknown name).
    """
    raw = _inflate(text, _)
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise LinkError(_("the judgments part of the link is not valid JSON")) from None
    if not isinstance(data, dict) or set(data) - {"v", "f", "c", "n"} or "v" not in data:
        raise LinkError(_("the judgments part of the link does not have the expected fields"))
    if data["v"] != _VERSION or isinstance(data["v"], bool):
        raise LinkError(_("the judgments part of the link has an unknown format version"))
    fp = data.get("f", "")
    if not isinstance(fp, str) or not re.fullmatch(r"[0-9a-f]{0,16}", fp):
        raise LinkError(_("the judgments part of the link does not have the expected fields"))
    changed, added = data.get("c", []), data.get("n", [])
    if not isinstance(changed, list) or not isinstance(added, list):
        raise LinkError(_("the judgments part of the link does not have the expected fields"))
    if len(changed) + len(added) > MAX_ENTRIES:
        raise LinkError(_("the link changes more comparisons than can be read"))
    comps = baseline.comparison_by_key
    cells: list[CellChange] = []
    seen_keys: set[ComparisonKey] = set()
    for k, entry in enumerate(changed):
        where = _("comparison {k}").format(k=k + 1)
        if not isinstance(entry, list) or len(entry) != 5 or not isinstance(entry[4], list):
            raise LinkError(_("{where}: not in the expected form").format(where=where))
        key = _key_of(entry, where, _)
        if key in seen_keys:
            raise LinkError(_("{where}: the comparison is listed twice").format(where=where))
        seen_keys.add(key)
        if key == CRITERIA_KEY:
            n = len(baseline.criteria_comparison.elements)
        elif key in comps:
            n = len(comps[key].elements)
        else:
            raise LinkError(_("{where}: this model has no such comparison").format(where=where))
        pairs: set[frozenset[int]] = set()
        if len(entry[4]) > MAX_ENTRIES or not entry[4]:
            raise LinkError(_("{where}: not in the expected form").format(where=where))
        for cell in entry[4]:
            if not isinstance(cell, list) or len(cell) != 3:
                raise LinkError(_("{where}: not in the expected form").format(where=where))
            i, j, x = cell
            if not (isinstance(i, int) and isinstance(j, int)) or isinstance(i, bool) or isinstance(j, bool):
                raise LinkError(_("{where}: a cell is not given by two element numbers").format(where=where))
            if not (0 <= i < n and 0 <= j < n) or i == j:
                raise LinkError(
                    _("{where}: a cell lies outside the matrix or on its diagonal").format(where=where)
                )
            if frozenset((i, j)) in pairs:
                raise LinkError(_("{where}: a cell is given twice").format(where=where))
            pairs.add(frozenset((i, j)))
            cells.append(CellChange(key, i, j, _judgment(x, where, _)))
    new: list[dict[str, Any]] = []
    for k, entry in enumerate(added):
        where = _("added comparison {k}").format(k=k + 1)
        if not isinstance(entry, list) or len(entry) != 6:
            raise LinkError(_("{where}: not in the expected form").format(where=where))
        key = _key_of(entry, where, _)
        if key in seen_keys or key == CRITERIA_KEY:
            raise LinkError(_("{where}: the comparison is listed twice").format(where=where))
        seen_keys.add(key)
        elements, matrix = entry[4], entry[5]
        if (
            not isinstance(elements, list)
            or not all(isinstance(e, str) and len(e) <= 64 for e in elements)
            or not isinstance(matrix, list)
            or len(matrix) != len(elements)
            or not all(isinstance(r, list) and len(r) == len(elements) for r in matrix)
        ):
            raise LinkError(_("{where}: not in the expected form").format(where=where))
        values = [[_judgment(x, where, _) for x in row] for row in matrix]
        new.append(
            {
                "criterion": key[0],
                "kind": key[1],
                "wrt": key[2],
                "cluster": key[3],
                "elements": elements,
                "matrix": values,
            }
        )
    if not cells and not new:
        raise LinkError(_("the judgments part of the link changes nothing"))
    return DecodedLink(tuple(cells), tuple(new), fp)


def apply_link(baseline: Model, link: DecodedLink, _: Translate = _same) -> Model:
    """Return ``baseline`` with the link's judgments (validated by the engine; raises LinkError)."""
    model = baseline
    try:
        for c in link.cells:
            elements = (
                baseline.criteria_comparison.elements
                if c.key == CRITERIA_KEY
                else baseline.comparison_by_key[c.key].elements
            )
            model = model.with_judgment(c.key, elements[c.i], elements[c.j], c.value)
        if link.new:
            model = model.with_comparisons(list(link.new))
        if link.new or any(c.value is None for c in link.cells):
            from anp_core import evaluate

            evaluate(model)  # an incomplete or new matrix must still give a network the engine can solve
    except ANPError as err:
        detail = err.render(_)  # the engine's reason (its first problem), in the page's language
        raise LinkError(
            _("the link's judgments do not fit this model: {detail}").format(detail=detail)
        ) from None
    return model
