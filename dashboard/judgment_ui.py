"""Judgments page helpers: Saaty-scale labels, parsing, matrix references, edits.

The pure part (scale options, verbal labels, parsing typed cells, the
editor's frame) has no Streamlit call and is tested directly. The edit
functions at the bottom change the model only through
:meth:`anp_core.Model.with_judgment` / ``with_comparisons`` (validated) and
:func:`dashboard.state.replace_model`; a bad value leaves the model as it
was and puts a message naming the cell in ``st.session_state["edit_message"]``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from anp_core import ANPError, Comparison, Model, load_model
from dashboard import state
from dashboard.figures import fmt_judgment

__all__ = [
    "CRITERIA_KEY",
    "SAATY_VERBAL",
    "MatrixRef",
    "apply_matrix_edits",
    "apply_pair",
    "consume_matrix_edits",
    "create_override",
    "delete_override",
    "editor_token",
    "matrix_frame",
    "parse_judgment",
    "scale_options",
    "verbal_label",
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
#: Key of the criteria comparison as :meth:`Model.with_judgment` expects it.
CRITERIA_KEY: tuple[str, str, str, None] = ("", "criteria", "", None)

_SCALE: tuple[float, ...] = tuple([float(v) for v in range(9, 0, -1)] + [1.0 / v for v in range(2, 10)])
_NUMBER = re.compile(
    r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(?:/\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*)?$"
)


def _on_scale(value: float) -> float | None:
    for s in _SCALE:
        if math.isclose(value, s, rel_tol=1e-9):
            return s
    return None


def scale_options(current: float) -> list[float]:
    """Return the select-slider options for a pair: 9 … 1 … 1/9, plus ``current``.

    Options run from "row element extreme" (9) to "column element extreme"
    (1/9). A current value off the integer scale (a reconstructed 2.145 or
    25.43) is inserted at its place, so it is shown as it is, not clipped.

    Parameters
    ----------
    current : float
        The pair's current judgment ``a_ij``.

    Returns
    -------
    list of float
        Options in descending order; ``current`` (or its scale twin) is in it.

    Examples
    --------
    >>> [round(v, 3) for v in scale_options(25.4)][:3]
    [25.4, 9.0, 8.0]
    >>> len(scale_options(3.0)), len(scale_options(2.5))
    (17, 18)
    """
    if _on_scale(current) is not None:
        return list(_SCALE)
    return sorted([*_SCALE, float(current)], reverse=True)


def snap(current: float) -> float:
    """Return ``current`` or the exactly equal scale option (for slider state)."""
    s = _on_scale(current)
    return current if s is None else s


def verbal_label(value: float, row: str, col: str) -> str:
    """Return the verbal reading of ``a_ij = value`` for elements ``row`` and ``col``.

    Examples
    --------
    >>> verbal_label(5.0, "A", "B"), verbal_label(1 / 3, "A", "B"), verbal_label(1.0, "A", "B")
    ('A 5 · strong', 'B 3 · moderate', '1 · equal')
    >>> verbal_label(25.43, "A", "B")
    'A 25.43 · off-scale (reconstructed)'
    """
    if math.isclose(value, 1.0, rel_tol=1e-9):
        return "1 · equal"
    winner, strength = (row, value) if value > 1 else (col, 1.0 / value)
    k = round(strength)
    if math.isclose(strength, k, rel_tol=1e-9) and k in SAATY_VERBAL:
        words = SAATY_VERBAL[k]
    elif strength > 9:
        words = "off-scale (reconstructed)"
    else:
        words = "between scale steps (reconstructed)"
    return f"{winner} {fmt_judgment(strength)} · {words}"


def parse_judgment(raw: Any) -> float:
    """Parse a typed judgment: ``3``, ``0.2``, ``1/5``, ``25.43`` (a number or a ratio).

    Raises
    ------
    ValueError
        With a short reason, for text, an empty cell, 0, a negative number,
        NaN or infinity.

    Examples
    --------
    >>> parse_judgment("1/5"), parse_judgment(" 3 "), parse_judgment(2.5)
    (0.2, 3.0, 2.5)
    """
    if raw is None:
        msg = "the cell is empty"
        raise ValueError(msg)
    if isinstance(raw, bool):
        msg = f"{raw!r} is not a number"
        raise ValueError(msg)
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip()
        if not text:
            msg = "the cell is empty"
            raise ValueError(msg)
        if text.startswith("-"):
            msg = f"{text!r} is negative; judgments are positive (1/9 … 9)"
            raise ValueError(msg)
        m = _NUMBER.match(text)
        if m is None:
            msg = f"{text!r} is not a number (type e.g. 3, 0.2 or 1/5)"
            raise ValueError(msg)
        num = float(m.group(1))
        den = float(m.group(2)) if m.group(2) else 1.0
        if den == 0:
            msg = f"{text!r} divides by zero"
            raise ValueError(msg)
        value = num / den
    if not math.isfinite(value):
        msg = f"{value!r} is not a finite number"
        raise ValueError(msg)
    if value <= 0:
        msg = f"{fmt_judgment(value) if value < 0 else '0'} is not allowed; judgments are > 0 (1/9 … 9)"
        raise ValueError(msg)
    return value


@dataclass(frozen=True)
class MatrixRef:
    """One editable matrix of a model: its key, elements, judgments and names."""

    key: tuple[str, str, str, str | None]
    elements: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]
    labels: tuple[str, ...]
    note: str
    title: str

    @property
    def id(self) -> str:
        """Return a short stable id (used in widget keys)."""
        return ":".join(str(p) for p in self.key if p) or "criteria"

    @classmethod
    def of(cls, model: Model, key: tuple[str, str, str, str | None]) -> MatrixRef | None:
        """Return the matrix ``key`` of ``model`` (``None`` if it has no such comparison)."""
        if key[1] == "criteria":
            cc = model.criteria_comparison
            labels = tuple(model.label(e) for e in cc.elements)
            return cls(CRITERIA_KEY, cc.elements, cc.matrix, labels, cc.note, "Control criteria")
        comp = model.comparison_by_key.get(key)
        if comp is None:
            return None
        labels = tuple(model.label(e) for e in comp.elements)
        return cls(comp.key, comp.elements, comp.matrix, labels, comp.note, describe(model, comp.key))


def describe(model: Model, key: tuple[str, str, str, str | None]) -> str:
    """Return a readable title for a comparison key."""
    criterion, kind, wrt, cluster = key
    if kind == "criteria":
        return "Control criteria"
    crit = model.label(criterion)
    if wrt == criterion:
        scope = f"with respect to {crit} (all columns)"
    elif wrt in model.cluster_by_id:
        scope = f"with respect to cluster {model.label(wrt)}, under {crit}"
    else:
        scope = f"with respect to factor {model.label(wrt)} only, under {crit}"
    what = "Clusters" if kind == "clusters" else f"Factors of {model.label(cluster or '')}"
    return f"{what} {scope}"


def base_key(model: Model, key: tuple[str, str, str, str | None]) -> tuple[str, str, str, str | None]:
    """Return the key of the comparison an override would replace for its columns.

    A node-level override falls back to its cluster's comparison, then to the
    criterion-wide one; a cluster-level one to the criterion-wide one.
    """
    criterion, kind, wrt, cluster = key
    if kind == "nodes" and wrt in model.cluster_of:
        k = (criterion, kind, model.cluster_of[wrt], cluster)
        if k in model.comparison_by_key:
            return k
    return (criterion, kind, criterion, cluster)


def matrix_frame(ref: MatrixRef) -> pd.DataFrame:
    """Return the editor's frame: judgments as text, reciprocals below the diagonal.

    The index is the numbered element names (``1. Government regulation``),
    the columns the element ids (shown as ``1``, ``2``…); the upper triangle holds the judgment
    ``a_ij`` in Saaty's notation, the diagonal ``1`` and the lower triangle
    the reciprocal written ``= 1/x`` (or ``= x``) to mark it as derived.
    """
    n = len(ref.elements)
    cells = []
    for i in range(n):
        row = []
        for j in range(n):
            v = float(ref.matrix[i][j])
            if i == j:
                row.append("1")
            elif i < j:
                row.append(fmt_judgment(v))
            else:
                row.append("= " + fmt_judgment(v))
        cells.append(row)
    index = [f"{k + 1}. {label}" for k, label in enumerate(ref.labels)]
    return pd.DataFrame(cells, index=index, columns=list(ref.elements), dtype=object)


def editor_token() -> str:
    """Return the part of every judgment widget key that changes after an edit.

    It combines ``model_rev`` (reset, undo, upload) and ``edit_nonce`` (every
    edit attempt), so widgets are rebuilt from the model and no rejected or
    stale edit survives in a widget.
    """
    ss = st.session_state
    return f"{ss[state.MODEL_REV]}.{ss[state.EDIT_NONCE]}"


def _fail(text: str) -> None:
    ss = st.session_state
    ss[state.EDIT_MESSAGE] = ("error", text)
    ss[state.EDIT_NONCE] += 1


def _ok(text: str) -> None:
    st.session_state[state.EDIT_MESSAGE] = ("success", text)


def apply_pair(key: tuple[str, str, str, str | None], row: str, col: str, widget_key: str) -> None:
    """Select-slider callback: set ``(row, col)`` to the slider's value."""
    model = state.current_model()
    value = st.session_state.get(widget_key)
    try:
        if not isinstance(value, int | float):
            msg = f"judgment ({model.label(row)}, {model.label(col)}): {value!r} is not a number"
            raise ANPError(msg)
        new = model.with_judgment(key, row, col, float(value))
    except ANPError as err:
        _fail(f"Judgment not changed. {err}")
        return
    state.replace_model(new)
    _ok(f"({model.label(row)}, {model.label(col)}) set to {fmt_judgment(float(value))}.")


def apply_matrix_edits(
    model: Model, ref: MatrixRef, edited_rows: dict[Any, dict[str, Any]]
) -> tuple[Model | None, list[str]]:
    """Validate typed matrix cells and return the edited model (or the problems).

    All edits are applied together or not at all. Only upper-triangle cells
    are editable; a diagonal or lower-triangle cell, text, 0, a negative
    number, NaN or an empty cell is reported with the cell's names.

    Returns
    -------
    (Model or None, list of str)
        The new model and no problems, or ``None`` and one message per bad
        cell (the model is then unchanged).
    """
    index = {e: k for k, e in enumerate(ref.elements)}
    problems: list[str] = []
    changes: list[tuple[str, str, float]] = []
    for r, cols in sorted(edited_rows.items(), key=lambda kv: int(kv[0])):
        i = int(r)
        for col, raw in cols.items():
            if i < 0 or i >= len(ref.elements) or col not in index:
                problems.append(f"cell ({r}, {col}) is not in this matrix")
                continue
            j = index[col]
            cell = f"({ref.labels[i]}, {ref.labels[j]})"
            if i == j:
                problems.append(f"{cell} is on the diagonal, which is always 1")
                continue
            if i > j:
                problems.append(
                    f"{cell} is below the diagonal: it is the reciprocal of "
                    f"({ref.labels[j]}, {ref.labels[i]}); edit that cell instead"
                )
                continue
            try:
                value = parse_judgment(raw)
            except ValueError as err:
                problems.append(f"{cell}: {err}")
                continue
            changes.append((ref.elements[i], ref.elements[j], value))
    if problems:
        return None, problems
    new = model
    try:
        for row, col, value in changes:
            new = new.with_judgment(ref.key, row, col, value)
    except ANPError as err:
        return None, [str(err)]
    return new, []


def consume_matrix_edits(ref: MatrixRef, widget_key: str) -> None:
    """Apply the pending edits of the matrix editor ``widget_key`` (call before drawing it).

    Streamlit keeps a data editor's edits in ``st.session_state[widget_key]``
    (``edited_rows``). They are validated and applied to the model here, then
    the editor key changes (``edit_nonce``), so the next editor is built from
    the model and a rejected value does not linger (STYLE.md 3.5).
    """
    ss = st.session_state
    pending = ss.get(widget_key)
    if not isinstance(pending, dict):
        return
    edited = pending.get("edited_rows") or {}
    if not edited:
        return
    model = state.current_model()
    new, problems = apply_matrix_edits(model, ref, edited)
    if problems:
        text = "Matrix not changed; the previous judgments are kept.\n\n" + "\n".join(
            f"- {p}" for p in problems
        )
        _fail(text)
        return
    assert new is not None
    state.replace_model(new)
    n = sum(len(c) for c in edited.values())
    _ok(f"{n} judgment{'s' if n != 1 else ''} updated from the matrix.")


def create_override(key: tuple[str, str, str, str | None]) -> None:
    """Button callback: add the comparison ``key`` as a copy of the one it overrides."""
    model = state.current_model()
    src = model.comparison_by_key.get(base_key(model, key))
    if src is None:
        _fail(f"No comparison to copy for {describe(model, key)}.")
        return
    note = (
        f"Override created in the dashboard: starts as a copy of '{describe(model, src.key)}'. "
        "Not from the paper."
    )
    comp = Comparison(
        criterion=key[0],
        kind=key[1],  # type: ignore[arg-type]
        wrt=key[2],
        cluster=key[3],
        elements=src.elements,
        matrix=src.matrix,
        note=note,
    )
    try:
        new = model.with_comparisons([comp])
    except ANPError as err:
        _fail(str(err))
        return
    state.replace_model(new)
    _ok(f"Created: {describe(model, key)}.")


def delete_override(key: tuple[str, str, str, str | None]) -> None:
    """Button callback: remove the override ``key`` (the broader comparison applies again)."""
    model = state.current_model()
    data = model.model_dump(mode="python")
    data["comparisons"] = [c for c in data["comparisons"] if Comparison(**c).key != key]
    try:
        new = load_model(data)
    except ANPError as err:
        _fail(str(err))
        return
    state.replace_model(new)
    _ok(f"Removed: {describe(model, key)}.")


def set_value(key: tuple[str, str, str, str | None], row: str, col: str, value: float) -> None:
    """Button callback: set one judgment to ``value`` (the consistency suggestion)."""
    model = state.current_model()
    try:
        new = model.with_judgment(key, row, col, float(value))
    except ANPError as err:
        _fail(f"Judgment not changed. {err}")
        return
    state.replace_model(new)
    _ok(f"({model.label(row)}, {model.label(col)}) set to {fmt_judgment(float(value))}.")
