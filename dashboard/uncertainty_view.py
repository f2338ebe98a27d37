"""View builders of the Uncertainty page: the stability table, rank shares and the texts around them.

No Streamlit here; the Monte Carlo itself is ``anp_core.montecarlo``. With
many factors the rank shares are counted for the best-ranked ones only (a
factor x rank table of every factor would not fit a screen, nor memory).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from anp_core.montecarlo import MonteCarloResult
from dashboard.text import plain
from dashboard.uncertainty_figures import HEATMAP_LIMIT

__all__ = ["DISTRIBUTIONS", "dirichlet_help", "rank_shares", "summary_table"]

#: The perturbation distributions, as the page's radio shows them.
DISTRIBUTIONS: dict[str, str] = {
    "loguniform": "Log-uniform: every factor between 2^-s and 2^s equally likely (in log scale)",
    "lognormal": "Log-normal: 2^u, u ~ Normal(0, s/2), about 95 % within 2^±s",
}


def summary_table(result: MonteCarloResult) -> pd.DataFrame:
    """Return the per-factor stability table the page shows (index factor id)."""
    s = result.summary
    return pd.DataFrame(
        {
            "Factor": s["name"],
            "Rank": s["base_rank"].astype(int),
            "Verdict": s["verdict"],
            "Within one rank": s["within_one_rank"],
            "Median rank": s["median_rank"],
            "5–95 % ranks": [f"{int(a)}–{int(b)}" for a, b in zip(s["rank_p05"], s["rank_p95"], strict=True)],
            "P(top 1)": s["p_top1"],
            "P(top 3)": s["p_top3"],
            "P(top 5)": s["p_top5"],
        },
        index=s.index,
    ).sort_values(["Rank", "Median rank"], kind="stable")


def rank_shares(result: MonteCarloResult, limit: int = HEATMAP_LIMIT) -> pd.DataFrame:
    """Share of draws in which each factor holds each rank, for the ``limit`` best-ranked factors.

    Returns
    -------
    DataFrame
        Index factor id (best deterministic rank first), columns ranks 1 to
        ``min(limit, n)``; row sums are below 1 when a factor also lands lower.
    """
    n = len(result.factor_ids)
    keep = np.argsort(result.base_ranks, kind="stable")[:limit]
    top = min(limit, n)
    counts = np.zeros((len(keep), top))
    for row, i in enumerate(keep.tolist()):
        counts[row] = np.bincount(np.clip(result.ranks[:, i], 1, top + 1) - 1, minlength=top + 1)[:top]
    return pd.DataFrame(
        counts / result.draws,
        index=pd.Index([result.factor_ids[i] for i in keep], name="factor"),
        columns=range(1, top + 1),
    )


def dirichlet_help(
    weights: Mapping[str, float], names: Mapping[str, str], concentration: float = 100.0
) -> str:
    r"""Say what a Dirichlet concentration means for the largest weight (its standard deviation).

    Under ``Dirichlet(c v)`` a weight ``v_k`` has standard deviation
    ``sqrt(v_k (1 - v_k) / (c + 1))``.

    Examples
    --------
    >>> dirichlet_help({"a": 0.5, "b": 0.5}, {"a": "A", "b": "B"}).split("spread. ")[1]
    'c = 100 gives A (weight 0.500) a standard deviation of about 0.050.'
    """
    head = "Each draw's weights ~ Dirichlet(c · v) around the weights v: larger c, less spread."
    if not weights:
        return head
    k, v = max(weights.items(), key=lambda kv: kv[1])
    sd = math.sqrt(v * (1 - v) / (concentration + 1))
    who = plain(names.get(k, k))
    return (
        f"{head} c = {concentration:g} gives {who} (weight {v:.3f}) a standard deviation of about {sd:.3f}."
    )
