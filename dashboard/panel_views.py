"""View builders of the panel pages (pure functions, no Streamlit): questionnaire steps, tables, figures.

Text that comes from a facilitator, a model file or an expert goes through
:func:`plain` before Streamlit renders it as markdown (STYLE.md 3.12).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anp_core import Model, PairwiseMatrix
from anp_core.aggregation_model import CRITERIA_KEY, MatrixKey
from dashboard.text import plain
from panel.results import MatrixResult, expert_matrix
from panel.scale import SCALE_VALUES, VERBAL, side_strength
from panel.store import AssignmentState, ExpertSpec, ExpertState, PanelState

__all__ = [
    "ALL_MATRICES",
    "Review",
    "assignment_status",
    "expert_links",
    "expert_priorities_figure",
    "matrix_groups",
    "next_pair",
    "option_label",
    "pair_list",
    "parse_experts",
    "plain",
    "progress",
    "ranking_table",
    "results_overview",
    "review",
    "status_table",
]

# colour-blind-safe pair (Okabe-Ito blue / vermillion) and neutral grey
GROUP_COLOR = "#0072B2"
EXPERT_COLOR = "#9aa5b1"


def pair_list(n: int) -> list[tuple[int, int]]:
    """Return the pairs ``(i, j)``, ``i < j``, in questionnaire order."""
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def option_label(value: float, first: str, second: str) -> str:
    """Return the slider label of a judgment ``a_ij = value`` (which element, how much more).

    Examples
    --------
    >>> option_label(5.0, "A", "B"), option_label(1.0, "A", "B"), option_label(0.25, "A", "B")
    ('A · 5 · strong importance', 'Equal importance', 'B · 4 · moderate to strong')
    """
    side, strength = side_strength(value)
    if strength == 1:
        return "Equal importance"
    return f"{first if side == 0 else second} · {strength} · {VERBAL[strength]}"


SCALE_OPTIONS: tuple[float, ...] = SCALE_VALUES


def next_pair(a: AssignmentState, after: int = -1) -> int | None:
    """Return the index (in :func:`pair_list`) of the next unanswered pair after ``after``, wrapping; None if all done."""
    pairs = pair_list(a.matrix.spec.n)
    order = list(range(after + 1, len(pairs))) + list(range(after + 1))
    for k in order:
        if pairs[k] not in a.answers:
            return k
    return None


def progress(state: ExpertState) -> tuple[int, int, int, int]:
    """Return (pairs answered, pairs asked, matrices submitted, matrices asked)."""
    done = sum(a.n_answered for a in state.assignments)
    total = sum(a.matrix.spec.n_pairs for a in state.assignments)
    sub = sum(a.submitted_at is not None for a in state.assignments)
    return done, total, sub, len(state.assignments)


def assignment_status(a: AssignmentState) -> str:
    """Return a short status of one matrix for the expert ("submitted", "3 of 6 answered" …)."""
    if a.submitted_at is not None:
        return "submitted ✓"
    if a.complete:
        return "all answered, not submitted"
    return f"{a.n_answered} of {a.matrix.spec.n_pairs} answered"


@dataclass(frozen=True)
class Review:
    """What the expert sees before submitting a complete matrix."""

    priorities: np.ndarray
    cr: float
    worst: tuple[int, int, float, float] | None  # (i, j, their value, value consistent with the rest)


def review(a: AssignmentState) -> Review | None:
    """Return priorities, CR and the most inconsistent pair of a complete matrix (None if incomplete)."""
    if not a.complete:
        return None
    pm = PairwiseMatrix(np.array(expert_matrix(a)), a.matrix.spec.labels, name=a.matrix.spec.title)
    worst = pm.most_inconsistent()
    w = None
    if worst is not None and abs(math.log(worst.error)) > 1e-6:
        i, j = (worst.row, worst.col) if worst.row < worst.col else (worst.col, worst.row)
        value = a.answers[(i, j)]
        consistent = worst.consistent_value if worst.row < worst.col else 1.0 / worst.consistent_value
        w = (i, j, value, consistent)
    return Review(pm.priorities(), pm.cr, w)


def nearest_scale(value: float) -> float:
    """Return the point of Saaty's scale nearest to ``value`` (in log terms)."""
    return min(SCALE_VALUES, key=lambda s: abs(math.log(s) - math.log(value)))


# --------------------------------------------------------------------------- facilitator
def status_table(state: PanelState) -> pd.DataFrame:
    """Return experts x matrices: '✓ CR 0.05' submitted, '4/6' in progress, '–' not asked."""
    cols: dict[str, list[str]] = {}
    for m in state.matrices:
        col = []
        for e in state.experts:
            a = state.assignments.get((e.id, m.id))
            if a is None:
                col.append("–")
            elif a.submitted_at is not None:
                cr = f" CR {a.submitted_cr:.2f}" if a.submitted_cr is not None else ""
                col.append(f"✓{cr}")
            else:
                col.append(f"{a.n_answered}/{m.spec.n_pairs}")
        cols[f"M{m.position + 1:02d}"] = col
    df = pd.DataFrame(cols, index=[e.name for e in state.experts])
    df.index.name = "Expert"
    return df


def results_overview(results: Sequence[MatrixResult]) -> pd.DataFrame:
    """Return one row per matrix: experts used, submitted/asked, consensus S* and word, CR, most disputed pair."""
    rows = []
    for r in results:
        agg = r.aggregate
        top = agg.disagreements[0] if agg is not None and agg.disagreements else None
        rows.append(
            {
                "Matrix": f"M{r.matrix.position + 1:02d}",
                "Title": r.matrix.spec.title,
                "Submitted": f"{r.submitted}/{r.assigned}",
                "Experts used": len(r.experts),
                "Consensus S*": (agg.consensus.s_star if agg is not None and agg.consensus else math.nan),
                "Agreement": (agg.consensus.word if agg is not None and agg.consensus else "–"),
                "Group CR": agg.cr if agg is not None else math.nan,
                "Most disputed pair": (
                    f"{top.row_label} vs {top.col_label} (×{top.geometric_sd:.1f})"
                    if top is not None
                    else "–"
                ),
                "Note": r.problem,
            }
        )
    return pd.DataFrame(rows)


def expert_priorities_figure(result: MatrixResult) -> go.Figure:
    """Return a dot plot: each expert's priorities (grey) and the group's (blue diamonds), per element."""
    agg = result.aggregate
    fig = go.Figure()
    if agg is None:
        return fig
    labels = list(agg.labels)
    for e, info in zip(agg.experts, result.experts, strict=True):
        if e.priorities is None:
            continue
        fig.add_trace(
            go.Scatter(
                x=e.priorities.tolist(),
                y=labels,
                mode="markers",
                name=info.name,
                marker={"color": EXPERT_COLOR, "size": 9, "symbol": "circle-open"},
                hovertemplate=f"{info.name}: %{{x:.3f}}<extra></extra>",
                showlegend=False,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=agg.priorities.tolist(),
            y=labels,
            mode="markers",
            name=f"Group ({agg.method.upper()})",
            marker={"color": GROUP_COLOR, "size": 13, "symbol": "diamond"},
            hovertemplate="group: %{x:.3f}<extra></extra>",
        )
    )
    fig.update_layout(
        height=90 + 32 * len(labels),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"title": "priority", "rangemode": "tozero"},
        yaxis={"autorange": "reversed"},
        template="plotly_white",
        legend={"orientation": "h", "y": 1.08},
    )
    return fig


ALL_MATRICES = "All chosen matrices"


def matrix_groups(model: Model) -> dict[str, tuple[MatrixKey, ...]]:
    """Return named groups of a model's matrices for assigning work: the criteria comparison, each criterion's network."""
    groups: dict[str, tuple[MatrixKey, ...]] = {"Control criteria": (CRITERIA_KEY,)}
    for c in model.criteria:
        keys = tuple(comp.key for comp in model.comparisons_for(c.id) if len(comp.elements) >= 2)
        if keys:
            groups[f"Network of {model.label(c.id)}"] = keys
    return groups


def expert_links(base_url: str, tokens: Sequence[tuple[int, str, str]]) -> pd.DataFrame:
    """Return a table of expert names and private links (shown once, after creation or a new link)."""
    base = base_url.rstrip("/")
    return pd.DataFrame(
        {
            "Expert": [name for _, name, _ in tokens],
            "Private link": [f"{base}/?panel={t}" for _, _, t in tokens],
        }
    )


def parse_experts(
    rows: Sequence[dict[str, object]], groups: dict[str, tuple[MatrixKey, ...]], chosen: Sequence[MatrixKey]
) -> list[ExpertSpec]:
    """Turn the experts table of the creation form into ExpertSpecs (blank rows dropped).

    ``Answers`` lists group names; empty or "All chosen matrices" means every chosen matrix.
    Raises ValueError naming the row for a weight that is not a number.
    """
    out: list[ExpertSpec] = []
    chosen_set = set(chosen)
    for k, row in enumerate(rows, start=1):
        name = str(row.get("Name") or "").strip()
        if not name:
            continue
        raw = row.get("Weight")
        try:
            weight = 1.0 if raw is None or (isinstance(raw, float) and math.isnan(raw)) else float(str(raw))
        except ValueError:
            msg = f"row {k}: weight {str(raw)[:20]!r} is not a number"
            raise ValueError(msg) from None
        picked = [str(g) for g in (row.get("Answers") or []) if str(g) != ALL_MATRICES]  # type: ignore[attr-defined]
        keys: tuple[MatrixKey, ...] | None = None
        if picked:
            keys = tuple(k2 for g in picked for k2 in groups.get(g, ()) if k2 in chosen_set)
        out.append(ExpertSpec(name=name, weight=weight, matrices=keys))
    return out


def ranking_table(model: Model, group_model: Model) -> pd.DataFrame:
    """Return the factors ranked under the group judgments beside their rank in ``model``."""
    from anp_core import evaluate

    now, grp = evaluate(model), evaluate(group_model)
    t = pd.DataFrame(
        {
            "Factor": [group_model.label(f) for f in group_model.node_ids],
            "Group weight": np.asarray(grp.composite_values, dtype=float),
            "Group rank": np.asarray(grp.rank_values, dtype=int),
            "Rank now": np.asarray(now.rank_values, dtype=int),
        }
    )
    t["Change"] = t["Rank now"] - t["Group rank"]
    return t.sort_values("Group rank").reset_index(drop=True)
