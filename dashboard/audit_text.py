"""The sentences of the Paper audit page, computed from the audit frames (never typed).

No Streamlit here. Each function takes frames from :mod:`dashboard.audit` and
returns markdown with the model's text escaped (:func:`dashboard.text.plain`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from anp_core import Model
from anp_core.i18n import translator
from dashboard.audit import unchanged_top
from dashboard.text import name_of, plain

__all__ = ["cluster_text", "columns_text", "composite_text", "criterion_weights_text", "moves_text"]


def criterion_weights_text(cw: pd.DataFrame, n_criteria: int, lang: str = "en") -> str:
    """Compare the recomputed criterion weights with the printed ones."""
    _ = translator(lang)
    return _(
        "The recomputed weights are the priorities of the model's {n} × {n} criteria comparison; they differ "
        "from the printed ones by at most {diff}. The printed weights sum to {total}."
    ).format(
        n=n_criteria, diff=f"{float(cw['difference'].abs().max()):.1e}", total=f"{cw['published'].sum():.3f}"
    )


def columns_text(summary: pd.DataFrame, model: Model, lang: str = "en") -> str:
    """Say what the printed columns sum to, and how far the recomputed columns are from them."""
    _ = translator(lang)
    sums = _(", ").join(
        f"{summary.loc[c, 'published_sum']:.3f} ({plain(name_of(model, c, lang))})" for c in summary.index
    )
    off = bool((summary["published_sum"] - 1).abs().max() > 1e-9)
    head = (
        _("The printed columns do **not** sum to 1: they sum to {sums}.")
        if off
        else _("The printed columns sum to {sums}.")
    ).format(sums=sums)
    return (
        head
        + " "
        + _(
            "ANP limit priorities sum to 1, so each recomputed column is compared with the printed column and "
            "with the printed column **normalised** (divided by its sum). The largest difference from the printed "
            "values is {printed}; from the normalised values {normalised}."
        ).format(
            printed=f"{summary['max_abs_difference'].max():.4f}",
            normalised=f"{summary['max_abs_difference_normalised'].max():.1e}",
        )
    )


def composite_text(comp: pd.DataFrame, lang: str = "en") -> str:
    """Explain why the recomputed composite differs from the printed one (the printed sum check and its rounding bound)."""
    _ = translator(lang)
    printed = comp.dropna(subset=["published"])
    gap = printed["published_sum_gap"].abs()
    lines = [
        _(
            "`anp_core` computes the composite weight of a node as **c = Σₖ vₖ Lₖ**: the criterion weights times "
            "the limit priorities (the normalised columns)."
        )
    ]
    if gap.notna().any():
        f = gap.idxmax()
        bound = float(printed.loc[f, "rounding_bound"])
        own = float(printed.loc[f, "rounding_columns"])
        exceeds = int((gap > printed["rounding_bound"]).sum())
        verdict = (
            _.ngettext(
                "for {n} node the printed composite is **not** that sum: it was computed from other (unrounded or "
                "different) intermediate results, which are not published.",
                "for {n} nodes the printed composite is **not** that sum: it was computed from other (unrounded "
                "or different) intermediate results, which are not published.",
                exceeds,
            ).format(n=exceeds)
            if exceeds
            else _("the printed composite agrees with its own columns up to rounding.")
        )
        lines.append(
            _(
                "**Is the printed composite the weighted sum of its own printed columns?** Σₖ vₖ · columnₖ over "
                "the printed numbers misses the printed composite by up to {gap} ({name}). Rounding the printed "
                "columns and the printed composite to their last digit can explain at most {own} of it, and the "
                "rounding of the printed criterion weights {more} more: {bound} in all for that node, so {verdict}"
            ).format(
                gap=f"{gap.max():.4f}",
                name=plain(printed.loc[f, "factor"]),
                own=f"{own:.4f}",
                more=f"{bound - own:.4f}",
                bound=f"{bound:.4f}",
                verdict=verdict,
            )
        )
    lines.append(
        _(
            "The recomputed composite differs from the printed one by up to {diff}. The inputs are never adjusted "
            "to make the printed composite come out. Highlighted rows change rank (competition ranks on 3 "
            "decimals)."
        ).format(diff=f"{printed['difference'].abs().max():.4f}")
    )
    return "\n\n".join(lines)


def moves_text(comp: pd.DataFrame, moves: pd.DataFrame, lang: str = "en") -> str:
    """List the nodes whose rank changes, and the published leaders that keep theirs."""
    _ = translator(lang)
    lines = []
    for _i, r in moves.iterrows():
        up = r["rank_change"] < 0
        lines.append(
            "- "
            + (
                _(
                    "**{name}**: published rank {old} → recomputed {new} (up; published {published}, recomputed "
                    "{recomputed})"
                )
                if up
                else _(
                    "**{name}**: published rank {old} → recomputed {new} (down; published {published}, "
                    "recomputed {recomputed})"
                )
            ).format(
                name=plain(r["factor"]),
                old=int(r["published_rank"]),
                new=int(r["recomputed_rank"]),
                published=plain(r["published_text"]),
                recomputed=f"{r['recomputed']:.4f}",
            )
        )
    out = (
        _.ngettext("**{n} node changes rank:**", "**{n} nodes change rank:**", len(moves)).format(
            n=len(moves)
        )
        + "\n"
        + "\n".join(lines)
    )
    kept = unchanged_top(comp)
    if kept:
        out += "\n\n" + _("The top {n} ({names}) keep their ranks.").format(
            n=len(kept), names=_(", ").join(plain(k) for k in kept)
        )
    return out


def cluster_text(cl: pd.DataFrame, lang: str = "en") -> str:
    """Say where the printed and recomputed cluster weights differ most."""
    _ = translator(lang)
    worst = cl["difference"].abs().idxmax()
    row = cl.loc[worst]
    composite_sum = row["published_composite_sum"]
    summed = (
        ""
        if not np.isfinite(composite_sum)
        else _(", sum of printed composites {value}").format(value=f"{composite_sum:.3f}")
    )
    return _(
        "A cluster's weight is the sum of its nodes' composite weights. The largest gap between the printed and "
        "the recomputed cluster weight is {name} (printed {printed}{summed}, recomputed {recomputed})."
    ).format(
        name=plain(row["cluster"]),
        printed=plain(row["published_text"]),
        summed=summed,
        recomputed=f"{row['recomputed']:.3f}",
    )
