"""The sentences of the Paper audit page, computed from the audit frames (never typed).

No Streamlit here. Each function takes frames from :mod:`dashboard.audit` and
returns markdown with the model's text escaped (:func:`dashboard.text.plain`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from anp_core import Model
from dashboard.audit import unchanged_top
from dashboard.text import plain

__all__ = ["cluster_text", "columns_text", "composite_text", "criterion_weights_text", "moves_text"]


def criterion_weights_text(cw: pd.DataFrame, n_criteria: int) -> str:
    """Compare the recomputed criterion weights with the printed ones."""
    return (
        f"The recomputed weights are the priorities of the model's {n_criteria} × {n_criteria} criteria "
        f"comparison; they differ from the printed ones by at most {float(cw['difference'].abs().max()):.1e}. "
        f"The printed weights sum to {cw['published'].sum():.3f}."
    )


def columns_text(summary: pd.DataFrame, model: Model) -> str:
    """Say what the printed columns sum to, and how far the recomputed columns are from them."""
    sums = ", ".join(
        f"{summary.loc[c, 'published_sum']:.3f} ({plain(model.label(c))})" for c in summary.index
    )
    off = bool((summary["published_sum"] - 1).abs().max() > 1e-9)
    return (
        ("The printed columns do **not** sum to 1: they sum to " if off else "The printed columns sum to ")
        + sums
        + ". ANP limit priorities sum to 1, so each recomputed column is compared with the printed column and "
        "with the printed column **normalised** (divided by its sum). The largest difference from the printed "
        f"values is {summary['max_abs_difference'].max():.4f}; from the normalised values "
        f"{summary['max_abs_difference_normalised'].max():.1e}."
    )


def composite_text(comp: pd.DataFrame) -> str:
    """Explain why the recomputed composite differs from the printed one (the printed sum check and its rounding bound)."""
    printed = comp.dropna(subset=["published"])
    gap = printed["published_sum_gap"].abs()
    lines = [
        "anp_core computes the composite weight of a node as **c = Σₖ vₖ Lₖ**: the criterion weights times the "
        "limit priorities (the normalised columns)."
    ]
    if gap.notna().any():
        f = gap.idxmax()
        bound = float(printed.loc[f, "rounding_bound"])
        own = float(printed.loc[f, "rounding_columns"])
        exceeds = int((gap > printed["rounding_bound"]).sum())
        verdict = (
            f"for {exceeds} node{'s' if exceeds != 1 else ''} the printed composite is **not** that sum: it was "
            "computed from other (unrounded or different) intermediate results, which are not published."
            if exceeds
            else "the printed composite agrees with its own columns up to rounding."
        )
        lines.append(
            "**Is the printed composite the weighted sum of its own printed columns?** Σₖ vₖ · columnₖ over the "
            f"printed numbers misses the printed composite by up to {gap.max():.4f} "
            f"({plain(printed.loc[f, 'factor'])}). Rounding the printed columns and the printed composite to their "
            f"last digit can explain at most {own:.4f} of it, and the rounding of the printed criterion weights "
            f"{bound - own:.4f} more: {bound:.4f} in all for that node, so {verdict}"
        )
    lines.append(
        f"The recomputed composite differs from the printed one by up to {printed['difference'].abs().max():.4f}. "
        "The inputs are never adjusted to make the printed composite come out. Highlighted rows change rank "
        "(competition ranks on 3 decimals)."
    )
    return "\n\n".join(lines)


def moves_text(comp: pd.DataFrame, moves: pd.DataFrame) -> str:
    """List the nodes whose rank changes, and the published leaders that keep theirs."""
    lines = []
    for _, r in moves.iterrows():
        direction = "up" if r["rank_change"] < 0 else "down"
        lines.append(
            f"- **{plain(r['factor'])}**: published rank {int(r['published_rank'])} → recomputed "
            f"{int(r['recomputed_rank'])} ({direction}; published {plain(r['published_text'])}, recomputed "
            f"{r['recomputed']:.4f})"
        )
    out = f"**{len(moves)} node{'s' if len(moves) != 1 else ''} change rank:**\n" + "\n".join(lines)
    kept = unchanged_top(comp)
    if kept:
        out += f"\n\nThe top {len(kept)} ({', '.join(plain(k) for k in kept)}) keep their ranks."
    return out


def cluster_text(cl: pd.DataFrame) -> str:
    """Say where the printed and recomputed cluster weights differ most."""
    worst = cl["difference"].abs().idxmax()
    row = cl.loc[worst]
    composite_sum = row["published_composite_sum"]
    summed = "" if not np.isfinite(composite_sum) else f", sum of printed composites {composite_sum:.3f}"
    return (
        "A cluster's weight is the sum of its nodes' composite weights. The largest gap between the printed and "
        f"the recomputed cluster weight is {plain(row['cluster'])} (printed {plain(row['published_text'])}"
        f"{summed}, recomputed {row['recomputed']:.3f})."
    )
