"""View builders of the Judgments page for one matrix: its reference, its editor's table, edits, the matrix view.

No Streamlit here: everything is tested directly. The page picks a matrix
with :mod:`dashboard.judgment_nav`, calls :func:`matrix_view` (or
:func:`dashboard.judgment_nav.absent_view` for a comparison the model does
not have) and draws what they return; edits go through the callbacks of
:mod:`dashboard.judgment_actions`, which call :func:`apply_matrix_edits` and
:meth:`anp_core.Model.with_judgment`. Every piece of model text in returned
markdown is escaped (:func:`dashboard.text.plain`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from anp_core import RI_TABLES, ANPError, Model, PairwiseMatrix
from anp_core.i18n import translator
from anp_core.model_schema import in_language
from anp_core.pairwise import validated_matrix
from dashboard import arrow_table, figures, palette, text_alternatives, vega_charts, vega_matrix
from dashboard.figures import fmt_judgment
from dashboard.judgment_nav import CRITERIA_KEY, Key, describe
from dashboard.saaty import parse_judgment, scale_options, snap, verbal_labels
from dashboard.text import label_text, name_of, plain

__all__ = [
    "HEATMAP_LIMIT",
    "PAIR_SLIDER_LIMIT",
    "SIDE_BY_SIDE_PX",
    "MatrixRef",
    "MatrixView",
    "PairView",
    "apply_matrix_edits",
    "editor_width",
    "matrix_csv",
    "matrix_frame",
    "matrix_view",
]

#: Matrices up to this many elements get one slider per pair; larger ones a pair picker.
PAIR_SLIDER_LIMIT = 10
#: Matrices larger than this are not drawn as a heatmap (a screen cannot show them).
HEATMAP_LIMIT = 60


@dataclass(frozen=True)
class MatrixRef:
    """One editable matrix of a model: its key, elements, judgments and names (plain text)."""

    key: Key
    elements: tuple[str, ...]
    matrix: tuple[tuple[float | None, ...], ...]
    labels: tuple[str, ...]
    note: str
    title: str

    @property
    def id(self) -> str:
        """Return a short stable id (used in widget keys)."""
        return ":".join(str(p) for p in self.key if p) or "criteria"

    @classmethod
    def of(cls, model: Model, key: Key, lang: str = "en") -> MatrixRef | None:
        """Return the matrix ``key`` of ``model`` (``None`` if it has no such comparison), names in ``lang``."""
        if key[1] == "criteria":
            cc = model.criteria_comparison
            labels = tuple(name_of(model, e, lang) for e in cc.elements)
            title = translator(lang)("Control criteria")
            return cls(CRITERIA_KEY, cc.elements, cc.matrix, labels, in_language(cc, "note", lang), title)
        comp = model.comparison_by_key.get(key)
        if comp is None:
            return None
        labels = tuple(name_of(model, e, lang) for e in comp.elements)
        note = in_language(comp, "note", lang)
        return cls(comp.key, comp.elements, comp.matrix, labels, note, describe(model, comp.key, lang))


def matrix_frame(ref: MatrixRef) -> pd.DataFrame:
    """Return the editor's frame: judgments as text, reciprocals below the diagonal.

    The index is the numbered element names (``1. Government regulation``),
    the columns the element ids (shown as ``1``, ``2``…); the upper triangle holds the judgment
    ``a_ij`` in Saaty's notation, the diagonal ``1``, the lower triangle
    the reciprocal written ``= 1/x`` (or ``= x``) to mark it as derived, and a
    missing judgment is ``?``.
    """
    n = len(ref.elements)
    cells = []
    for i in range(n):
        row = []
        for j in range(n):
            v = ref.matrix[i][j]
            if i == j:
                row.append("1")
            elif v is None:
                row.append("?")
            elif i < j:
                row.append(fmt_judgment(float(v)))
            else:
                row.append("= " + fmt_judgment(float(v)))
        cells.append(row)
    index = [f"{k + 1}. {label}" for k, label in enumerate(ref.labels)]
    return pd.DataFrame(cells, index=index, columns=list(ref.elements), dtype=object)


def _row_index(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    try:
        return int(str(raw).strip())
    except ValueError:
        return None


def apply_matrix_edits(
    model: Model, ref: MatrixRef, edited_rows: Mapping[Any, Any], lang: str = "en"
) -> tuple[Model | None, list[str]]:
    """Validate typed matrix cells and return the edited model (or the problems; never raises).

    All edits are applied together or not at all. Only upper-triangle cells
    are editable; a diagonal or lower-triangle cell, text, 0, a negative
    number, NaN, an empty cell, or a row or column that is not in the matrix
    (a crafted message can send any key) is reported with the cell's names.

    Returns
    -------
    (Model or None, list of str)
        The new model and no problems, or ``None`` and one message per bad
        cell (plain text; the model is then unchanged).
    """
    _ = translator(lang)
    index = {e: k for k, e in enumerate(ref.elements)}
    problems: list[str] = []
    changes: list[tuple[str, str, str, float]] = []
    rows = sorted(
        ((_row_index(r), r, c) for r, c in edited_rows.items()), key=lambda t: (t[0] is None, t[0] or 0)
    )
    for i, r, cols in rows:
        if i is None or i < 0 or i >= len(ref.elements) or not isinstance(cols, Mapping):
            problems.append(_("row {row} is not in this matrix").format(row=repr(str(r)[:40])))
            continue
        for col, raw in cols.items():
            if col not in index:
                problems.append(_("column {col} is not in this matrix").format(col=repr(str(col)[:40])))
                continue
            j = index[col]
            cell = _("({row}, {col})").format(row=ref.labels[i], col=ref.labels[j])
            if i == j:
                problems.append(_("{cell} is on the diagonal, which is always 1").format(cell=cell))
                continue
            if i > j:
                problems.append(
                    _(
                        "{cell} is below the diagonal: it is the reciprocal of {other}; edit that cell instead"
                    ).format(
                        cell=cell, other=_("({row}, {col})").format(row=ref.labels[j], col=ref.labels[i])
                    )
                )
                continue
            try:
                value = parse_judgment(raw, _.language)
            except ValueError as err:
                problems.append(f"{cell}: {err}")
                continue
            changes.append((cell, ref.elements[i], ref.elements[j], value))
    if problems:
        return None, problems
    new = model
    for cell, row, col, value in changes:
        try:
            new = new.with_judgment(ref.key, row, col, value)
        except ANPError as err:  # the engine's reason, in the page's language
            problems.append(f"{cell}: {err.render(_, lambda any_id: name_of(model, any_id, lang))}")
    return (None, problems) if problems else (new, [])


@dataclass(frozen=True)
class PairView:
    """One pair slider: ``(i, j)``, the element ids, the label (markdown) and the options."""

    i: int
    j: int
    row: str
    col: str
    value: float | None
    label: str
    options: tuple[float | None, ...]
    option_labels: Mapping[float | None, str]


@dataclass(frozen=True)
class MatrixView:
    """Everything the Judgments page draws for one matrix (markdown already escaped)."""

    ref: MatrixRef
    title: str
    note: str
    metrics: tuple[tuple[str, str, str], ...]
    verdict_ok: bool
    verdict: str
    worst: Mapping[str, Any] | None
    pairs: tuple[PairView, ...]
    priorities: pa.Table
    bar: vega_charts.VegaChart
    heatmap: vega_charts.VegaChart | None
    frame: pd.DataFrame
    columns: tuple[tuple[str, str, str], ...]
    missing: int
    pair_picker: bool
    full_width: bool
    bar_text: str = ""
    heatmap_text: str = ""


#: Element names longer than this are called A and B in a pair slider's options (a slider's value is one line).
SHORT_NAME = 40
#: The matrix editor goes beside its heatmap only if it fits this many pixels: half the main
#: column at 1280 px with the sidebar open. Wider, it would scroll sideways and hide the last
#: columns.
SIDE_BY_SIDE_PX = 380


def editor_width(labels: Sequence[str]) -> int:
    """Return the matrix editor's estimated width (px): numbered names at 7.5 px a character, 72 px a column.

    >>> editor_width(["Cost", "Quality", "Time"]), editor_width(["Government regulation", "Insurance"] * 2)
    (321, 498)
    """
    n = len(labels)
    return round(7.5 * (max((len(x) for x in labels), default=0) + len(f"{n}. "))) + 30 + 72 * n


def _pair(ref: MatrixRef, i: int, j: int, worst_cell: tuple[int, int] | None, lang: str = "en") -> PairView:
    _ = translator(lang)
    value = snap(ref.matrix[i][j])
    a, b = label_text(ref.labels[i]), label_text(ref.labels[j])
    options = tuple(scale_options(value))
    flag = " " + _("⚠ most inconsistent") if worst_cell == (i, j) else ""
    # A widget label becomes the slider's aria-label as written, so it holds no markdown emphasis,
    # and the names are escaped with as few backslashes as markdown needs (text.label_text).
    if max(len(ref.labels[i]), len(ref.labels[j])) > SHORT_NAME:
        label = _("A: {first} vs B: {second}").format(first=a, second=b) + flag
        option_labels = verbal_labels(options, "A", "B", lang)
    else:
        label = _("{first} vs {second}").format(first=a, second=b) + flag
        option_labels = verbal_labels(options, a, b, lang)
    return PairView(
        i=i,
        j=j,
        row=ref.elements[i],
        col=ref.elements[j],
        value=value,
        label=label,
        options=options,
        option_labels=option_labels,
    )


def matrix_view(
    model: Model,
    base_model: Model,
    key: Key,
    ri_table: str,
    *,
    colors: Mapping[str, str] | None = None,
    pair: tuple[int, int] | None = None,
    lang: str = "en",
) -> MatrixView | None:
    """Build the Judgments page's view of the matrix ``key`` of ``model``.

    Parameters
    ----------
    model : Model
        The current (edited) model.
    base_model : Model
        The model as loaded (its priorities go in the ``Loaded`` column).
    key : tuple
        The comparison key, or :data:`CRITERIA_KEY`.
    ri_table : str
        Id of the random-index table (``anp_core.RI_TABLES``).
    colors : mapping, optional
        Cluster colours (the priorities bar takes its cluster's colour; default
        :func:`dashboard.figures.cluster_colors`).
    pair : (int, int), optional
        For matrices of more than :data:`PAIR_SLIDER_LIMIT` elements, the one
        pair to give a slider (default the most inconsistent, else the first).
    lang : str
        Interface language of the charts' titles and summaries.

    Returns
    -------
    MatrixView or None
        None if the model has no comparison ``key`` (see :func:`absent_view`).

    Raises
    ------
    anp_core.ANPError
        If the matrix is invalid (the page shows the message).
    """
    _ = translator(lang)
    ref = MatrixRef.of(model, key, lang)
    if ref is None:
        return None
    pm: PairwiseMatrix = validated_matrix(ref.matrix, ref.labels, ref.title)
    prio = pm.priorities()
    cr = pm.consistency_ratio(ri_table)
    worst = pm.most_inconsistent()
    worst_cell = None
    if worst is not None and abs(math.log(worst.error)) > 1e-6:
        worst_cell = (worst.row, worst.col)
    n = pm.n
    ri_name = _(RI_TABLES[ri_table])
    if n <= 2:
        verdict_ok, verdict = True, _("CR = 0: a matrix of two elements is always consistent.")
    elif cr <= 0.10:
        verdict_ok, verdict = (
            True,
            _("**Pass** — CR = {cr} ≤ 0.10 ({table}).").format(cr=f"{cr:.3f}", table=ri_name),
        )
    else:
        verdict_ok, verdict = (
            False,
            _("**Fail** — CR = {cr} > 0.10 ({table}): revise the judgments.").format(
                cr=f"{cr:.3f}", table=ri_name
            ),
        )
    shown_worst = None
    if worst_cell is not None and worst is not None:
        fmt = fmt_judgment
        shown_worst = {
            "text": _(
                "**Most inconsistent judgment:** ({row}, {col}) = {value}. A value of **{better}** would agree "
                "with the priorities of the other judgments (Saaty's e = {error})."
            ).format(
                row=plain(worst.row_label),
                col=plain(worst.col_label),
                value=fmt(worst.value),
                better=fmt(worst.consistent_value),
                error=f"{worst.error:.2f}",
            ),
            "button": _("Set it to {value}").format(value=fmt(worst.consistent_value)),
            "row": ref.elements[worst.row],
            "col": ref.elements[worst.col],
            "value": float(worst.consistent_value),
        }
    picker = n > PAIR_SLIDER_LIMIT
    if not picker:
        pairs = tuple(_pair(ref, i, j, worst_cell, lang) for i in range(n) for j in range(i + 1, n))
    else:
        i, j = pair if pair is not None else (worst_cell or (0, 1))
        i, j = sorted((int(i), int(j)))
        if not (0 <= i < j < n):
            i, j = worst_cell or (0, 1)
        pairs = (_pair(ref, i, j, worst_cell, lang),)
    base_ref = MatrixRef.of(base_model, key, lang)
    columns: dict[str, Any] = {_("Element"): list(ref.labels), _("Priority"): prio}
    if base_ref is not None and base_ref.elements == ref.elements:
        base_prio = validated_matrix(base_ref.matrix, base_ref.labels, base_ref.title).priorities()
        columns.update({_("Loaded"): base_prio, "Δ": prio - base_prio})
    words, phrases = text_alternatives.localised(lang)
    palette_colours = colors if colors is not None else figures.cluster_colors(model)
    default = palette.COLOURS[0]
    color = palette_colours.get(key[3] or "", default) if key[1] == "nodes" else default
    values = np.array(ref.matrix, dtype=float)
    heatmap = None
    full_width = editor_width(ref.labels) > SIDE_BY_SIDE_PX
    if n <= HEATMAP_LIMIT:
        heatmap = vega_matrix.matrix_heatmap(
            values,
            ref.labels,
            row_names=full_width,  # beside the editor, its numbered rows name them
            highlight=worst_cell,
            title=_("Full reciprocal matrix (read-only)"),
            hover=(_("{row} over {col}: {value}"), _("{row} over {col}: not given")),
        )
    return MatrixView(
        ref=ref,
        title=plain(ref.title),
        note=plain(ref.note),
        metrics=(
            ("λmax", f"{pm.lambda_max:.4f}", _("n = {n}; equals n for a consistent matrix").format(n=n)),
            ("CI", f"{pm.ci:.4f}", "(λmax − n) / (n − 1)"),
            ("CR", f"{cr:.4f}", _("CI / RI(n) with the RI table below")),
        ),
        verdict_ok=verdict_ok,
        verdict=verdict,
        worst=shown_worst,
        pairs=pairs,
        priorities=arrow_table.table(columns),
        bar=vega_matrix.priorities_bar(
            ref.labels,
            prio,
            color=color,
            title=_("Priorities (principal eigenvector)"),
            text={"element": _("Element"), "priority": _("Priority"), "describe": _("{name}: {value}")},
        ),
        heatmap=heatmap,
        frame=matrix_frame(ref),
        columns=tuple(
            (e, str(k + 1), label) for k, (e, label) in enumerate(zip(ref.elements, ref.labels, strict=True))
        ),
        missing=len(pm.missing_pairs),
        pair_picker=picker,
        full_width=full_width,
        bar_text=text_alternatives.ranking_summary(list(ref.labels), prio, fmt=words, phrases=phrases),
        heatmap_text=text_alternatives.heatmap_summary(
            list(ref.labels), list(ref.labels), values, fmt=words, phrases=phrases
        ),
    )


def matrix_csv(ref: MatrixRef) -> str:
    """Return the matrix as CSV (element names as row and column labels; a missing judgment empty)."""
    rows = [[("" if v is None else repr(float(v))) for v in row] for row in ref.matrix]
    return pd.DataFrame(rows, index=list(ref.labels), columns=list(ref.labels)).to_csv()
