"""View builders of the Uncertainty page: the stability table, rank shares and the texts around them.

No Streamlit here; the Monte Carlo itself is ``anp_core.montecarlo``. With
many factors the rank shares are counted for the best-ranked ones only (a
factor x rank table of every factor would not fit a screen, nor memory).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from anp_core.montecarlo import MonteCarloResult
from dashboard.text import plain
from dashboard.uncertainty_figures import HEATMAP_LIMIT

__all__ = ["DISTRIBUTIONS", "dirichlet_help", "distributions", "rank_shares", "summary_table"]

Translate = Callable[[str], str]


def _same(s: str) -> str:
    return s


#: The perturbation distributions (keys the engine takes).
DISTRIBUTIONS: tuple[str, ...] = ("loguniform", "lognormal")


def distributions(_: Translate = _same) -> dict[str, str]:
    """Return the perturbation distributions, as the page's radio shows them."""
    return {
        "loguniform": _("Log-uniform: every factor between 2^-s and 2^s equally likely (in log scale)"),
        "lognormal": _("Log-normal: 2^u, u ~ Normal(0, s/2), about 95 % within 2^±s"),
    }


def summary_table(result: MonteCarloResult, _: Translate = _same) -> pd.DataFrame:
    """Return the per-factor stability table the page shows (index factor id).

    Columns (in the page's language): factor, rank without perturbation,
    verdict, share of draws within one rank of it, median rank, the 5–95 %
    range of ranks, and P(top 1/3/5).
    """
    s = result.summary
    verdicts = {"stable": _("stable"), "fairly stable": _("fairly stable"), "uncertain": _("uncertain")}
    return pd.DataFrame(
        {
            _("Factor"): s["name"],
            _("Rank"): s["base_rank"].astype(int),
            _("Verdict"): [verdicts.get(v, v) for v in s["verdict"]],
            _("Within one rank"): s["within_one_rank"],
            _("Median rank"): s["median_rank"],
            _("5–95 % ranks"): [
                f"{int(a)}–{int(b)}" for a, b in zip(s["rank_p05"], s["rank_p95"], strict=True)
            ],
            _("P(top 1)"): s["p_top1"],
            _("P(top 3)"): s["p_top3"],
            _("P(top 5)"): s["p_top5"],
        },
        index=s.index,
    ).sort_values([_("Rank"), _("Median rank")], kind="stable")


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
    weights: Mapping[str, float], names: Mapping[str, str], concentration: float = 100.0, _: Translate = _same
) -> str:
    r"""Say what a Dirichlet concentration means for the largest weight (its standard deviation).

    Under ``Dirichlet(c v)`` a weight ``v_k`` has standard deviation
    ``sqrt(v_k (1 - v_k) / (c + 1))``.

    Examples
    --------
    >>> dirichlet_help({"a": 0.5, "b": 0.5}, {"a": "A", "b": "B"}).split("spread. ")[1]
    'c = 100 gives A (weight 0.500) a standard deviation of about 0.050.'
    """
    head = _("Each draw's weights ~ Dirichlet(c · v) around the weights v: larger c, less spread.")
    if not weights:
        return head
    k, v = max(weights.items(), key=lambda kv: kv[1])
    sd = math.sqrt(v * (1 - v) / (concentration + 1))
    who = plain(names.get(k, k))
    return (
        head
        + " "
        + _("c = {c} gives {who} (weight {w}) a standard deviation of about {sd}.").format(
            c=f"{concentration:g}", who=who, w=f"{v:.3f}", sd=f"{sd:.3f}"
        )
    )
