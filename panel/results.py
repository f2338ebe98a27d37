"""A panel's group results: each matrix aggregated over its experts (AIJ or AIP), and the model under them.

Which answers count: by default only matrices an expert has **submitted**
(after seeing its CR); ``include_drafts=True`` adds answers saved but not
submitted yet (possibly incomplete: Harker's method handles the gaps).
Expert weights are the panel's, renormalised over the experts who answered
each pair (AIJ) or each matrix (AIP).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from anp_core import ANPError, Model
from anp_core.aggregation import Aggregate, aggregate
from anp_core.aggregation_model import MatrixKey, apply_aggregates, provenance_note
from panel.records import AssignmentState, ExpertInfo, MatrixInfo, PanelState

__all__ = [
    "MatrixResult",
    "apply_to_model",
    "expert_matrix",
    "incompatible_matrices",
    "panel_results",
    "priorities_table",
    "spread_table",
]


@dataclass(frozen=True)
class MatrixResult:
    """The group result of one panel matrix, or why there is none yet.

    ``experts`` lists, in the order of ``aggregate.experts``, the experts
    whose answers were used; ``assigned`` and ``submitted`` count the experts
    asked and those who submitted.
    """

    matrix: MatrixInfo
    aggregate: Aggregate | None
    experts: tuple[ExpertInfo, ...]
    assigned: int
    submitted: int
    problem: str = ""


def expert_matrix(assignment: AssignmentState) -> list[list[float]]:
    """Return an expert's answers as a full reciprocal matrix, NaN for an unanswered pair."""
    n = assignment.matrix.spec.n
    m = [[1.0 if i == j else math.nan for j in range(n)] for i in range(n)]
    for (i, j), v in assignment.answers.items():
        m[i][j], m[j][i] = v, 1.0 / v
    return m


def panel_results(
    state: PanelState, method: str = "aij", *, include_drafts: bool = False
) -> tuple[MatrixResult, ...]:
    """Aggregate every matrix of the panel over the answers that count (see the module docstring)."""
    out: list[MatrixResult] = []
    experts = {e.id: e for e in state.experts}
    for m in state.matrices:
        asg = [a for (eid, mid), a in state.assignments.items() if mid == m.id]
        asg.sort(key=lambda a: experts[a.expert_id].position)
        submitted = [a for a in asg if a.submitted_at is not None]
        used = [a for a in asg if a.answers and (include_drafts or a.submitted_at is not None)]
        who = tuple(experts[a.expert_id] for a in used)
        if not used:
            why = "no answers yet" if include_drafts else "no expert has submitted this matrix yet"
            out.append(MatrixResult(m, None, (), len(asg), len(submitted), why))
            continue
        try:
            agg = aggregate(
                [expert_matrix(a) for a in used],
                method,
                [e.weight for e in who],
                labels=m.spec.labels,
                name=m.spec.title,
            )
        except ANPError as exc:
            out.append(MatrixResult(m, None, who, len(asg), len(submitted), str(exc)))
            continue
        out.append(MatrixResult(m, agg, who, len(asg), len(submitted)))
    return tuple(out)


def incompatible_matrices(model: Model, results: Sequence[MatrixResult]) -> list[str]:
    """Return the titles of result matrices ``model`` does not have with the same elements."""
    have: dict[MatrixKey, tuple[str, ...]] = {("", "criteria", "", None): model.criteria_comparison.elements}
    have.update({c.key: c.elements for c in model.comparisons})
    return [
        r.matrix.spec.title
        for r in results
        if r.aggregate is not None and have.get(r.matrix.spec.key) != r.matrix.spec.elements
    ]


def apply_to_model(model: Model, state: PanelState, results: Sequence[MatrixResult]) -> Model:
    """Return ``model`` with every available group matrix as its judgments, each with a provenance note.

    Raises
    ------
    anp_core.ModelValidationError
        If ``model`` lacks a matrix of the results (see :func:`incompatible_matrices`).
    """
    source = f"panel '{state.panel.name}' ({state.panel.public_id})"
    used = [r for r in results if r.aggregate is not None]
    chosen = {r.matrix.spec.key: r.aggregate for r in used if r.aggregate is not None}
    notes = {
        r.matrix.spec.key: provenance_note(r.aggregate, len(r.experts), source)
        for r in used
        if r.aggregate is not None
    }
    experts = {e.id for r in used for e in r.experts}
    keys = {r.matrix.id for r in used}
    # the latest answer submitted among those used (stable, so applying again changes nothing)
    times = [
        a.submitted_at
        for (_e, mid), a in state.assignments.items()
        if mid in keys and a.submitted_at is not None
    ]
    when = max(times).date() if times else None
    return apply_aggregates(model, chosen, notes, source=source, n_experts=len(experts), when=when)


def spread_table(result: MatrixResult, top: int = 5) -> list[dict[str, object]]:
    """Return the ``top`` most disputed pairs of a result as rows (pair, experts, spread, range)."""
    if result.aggregate is None:
        return []
    rows: list[dict[str, object]] = []
    for d in result.aggregate.disagreements[:top]:
        rows.append(
            {
                "Pair": f"{d.row_label} vs {d.col_label}",
                "Experts": d.n_judgments,
                "Spread (×)": round(d.geometric_sd, 2),
                "Lowest": d.low,
                "Highest": d.high,
                "Group": float(result.aggregate.matrix[d.row, d.col]),
            }
        )
    return rows


def priorities_table(result: MatrixResult) -> tuple[list[str], np.ndarray, list[str]]:
    """Return (element labels, matrix experts x elements with NaN where none, expert names)."""
    agg = result.aggregate
    if agg is None:
        return list(result.matrix.spec.labels), np.zeros((0, result.matrix.spec.n)), []
    rows = [e.priorities if e.priorities is not None else np.full(agg.n, np.nan) for e in agg.experts]
    return list(agg.labels), np.array(rows), [e.name for e in result.experts]
