"""Saaty's scale: the pair sliders' options, their verbal labels, and typed judgments.

No Streamlit here; tested directly. Labels are plain text (escape before
markdown: :func:`dashboard.text.plain`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from anp_core.i18n import N_, translator
from dashboard.figures import fmt_judgment

__all__ = [
    "NOT_GIVEN",
    "RI_TABLE_NAMES",
    "SAATY_VERBAL",
    "parse_judgment",
    "scale_options",
    "snap",
    "verbal_label",
    "verbal_labels",
]

#: Saaty's verbal scale (1-9); even values are in-betweens.
SAATY_VERBAL: dict[int, str] = {
    1: "equal",
    2: "equal to moderate",
    3: "moderate",
    4: "moderate to strong",
    5: "strong",
    6: "strong to very strong",
    7: "very strong",
    8: "very strong to extreme",
    9: "extreme",
}
#: The random-index tables' names (``anp_core.RI_TABLES``), marked for translation (pages show ``_(name)``).
RI_TABLE_NAMES = (
    N_("Super Decisions RI table (n = 3-15)"),
    N_("Saaty (1980) RI table (n = 3-15)"),
    N_("Alonso-Lamata (2006) linear fit (1.7699 n - 4.3513)/(n - 1)"),
)
#: Label of a missing judgment.
NOT_GIVEN = N_("not given (estimated from the other judgments)")

_SCALE: tuple[float, ...] = tuple([float(v) for v in range(9, 0, -1)] + [1.0 / v for v in range(2, 10)])
_NUMBER = re.compile(
    r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(?:/\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*)?$"
)


def _on_scale(value: float) -> float | None:
    for s in _SCALE:
        if math.isclose(value, s, rel_tol=1e-9):
            return s
    return None


def scale_options(current: float | None) -> list[float | None]:
    """Return the select-slider options for a pair: 9 … 1 … 1/9, plus ``current``.

    Options run from "row element extreme" (9) to "column element extreme"
    (1/9). A current value off the integer scale (a reconstructed 2.145 or
    25.43) is inserted at its place, so it is shown as it is, not clipped; a
    missing judgment (``None``) is the last option.

    Examples
    --------
    >>> [round(v, 3) for v in scale_options(25.4)][:3]
    [25.4, 9.0, 8.0]
    >>> len(scale_options(3.0)), len(scale_options(2.5)), scale_options(None)[-1]
    (17, 18, None)
    """
    if current is None:
        return [*_SCALE, None]
    if _on_scale(current) is not None:
        return list(_SCALE)
    return sorted([*_SCALE, float(current)], reverse=True)


def snap(current: float | None) -> float | None:
    """Return ``current`` or the exactly equal scale option (for slider state)."""
    if current is None:
        return None
    s = _on_scale(current)
    return current if s is None else s


def verbal_label(value: float | None, row: str, col: str, lang: str = "en") -> str:
    """Return the verbal reading of ``a_ij = value`` for elements ``row`` and ``col`` (plain text), in ``lang``.

    Examples
    --------
    >>> verbal_label(5.0, "A", "B"), verbal_label(1 / 3, "A", "B"), verbal_label(1.0, "A", "B")
    ('A 5 · strong', 'B 3 · moderate', '1 · equal')
    >>> verbal_label(25.43, "A", "B")
    'A 25.43 · off-scale'
    >>> verbal_label(1 / 3, "A", "B", "zh")
    'B 3 · 稍微重要'
    """
    return verbal_labels([value], row, col, lang)[value]


def verbal_labels(
    values: Iterable[float | None], row: str, col: str, lang: str = "en"
) -> dict[float | None, str]:
    """Return :func:`verbal_label` of each of ``values`` (a pair slider's options), the words looked up once.

    Examples
    --------
    >>> verbal_labels([3.0, None], "A", "B")
    {3.0: 'A 3 · moderate', None: 'not given (estimated from the other judgments)'}
    """
    from dashboard.panel_text import VERBAL_TEXT  # the scale's words as the catalog translates them

    _ = translator(lang)
    # "moderate" alone would be the consensus word's translation
    said = SAATY_VERBAL if lang == "en" else {k: _(VERBAL_TEXT[k]) for k in SAATY_VERBAL}
    out: dict[float | None, str] = {}
    for value in values:
        if value is None:
            out[value] = _(NOT_GIVEN)
            continue
        if math.isclose(value, 1.0, rel_tol=1e-9):
            out[value] = "1 · " + said[1]
            continue
        winner, strength = (row, value) if value > 1 else (col, 1.0 / value)
        k = round(strength)
        if math.isclose(strength, k, rel_tol=1e-9) and k in said:
            words = said[k]
        elif strength > 9:
            words = _("off-scale")
        else:
            words = _("between scale steps")
        out[value] = f"{winner} {fmt_judgment(strength)} · {words}"
    return out


def parse_judgment(raw: Any, lang: str = "en") -> float:
    """Parse a typed judgment: ``3``, ``0.2``, ``1/5``, ``25.43`` (a number or a ratio).

    Raises
    ------
    ValueError
        With a short reason in ``lang``, for text, an empty cell, 0, a
        negative number, NaN or infinity.

    Examples
    --------
    >>> parse_judgment("1/5"), parse_judgment(" 3 "), parse_judgment(2.5)
    (0.2, 3.0, 2.5)
    >>> parse_judgment("x", "zh")
    Traceback (most recent call last):
    ...
    ValueError: 'x' 不是数字（请输入如 3、0.2 或 1/5）
    """
    _ = translator(lang)
    if raw is None:
        raise ValueError(_("the cell is empty"))
    if isinstance(raw, bool):
        raise ValueError(_("{value} is not a number").format(value=repr(raw)))
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip()
        if not text:
            raise ValueError(_("the cell is empty"))
        if text.startswith("-"):
            raise ValueError(
                _("{value} is negative; judgments are positive (1/9 … 9)").format(value=repr(text[:40]))
            )
        m = _NUMBER.match(text)
        if m is None:
            raise ValueError(
                _("{value} is not a number (type e.g. 3, 0.2 or 1/5)").format(value=repr(text[:40]))
            )
        num = float(m.group(1))
        den = float(m.group(2)) if m.group(2) else 1.0
        if den == 0:
            raise ValueError(_("{value} divides by zero").format(value=repr(text[:40])))
        value = num / den
    if not math.isfinite(value):
        raise ValueError(_("{value} is not a finite number").format(value=repr(value)))
    if value <= 0:
        shown = fmt_judgment(value) if value < 0 else "0"
        raise ValueError(_("{value} is not allowed; judgments are > 0 (1/9 … 9)").format(value=shown))
    return value
