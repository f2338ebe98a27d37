"""Pure helpers of the Weights page: the rank table and rank-change labels.

No Streamlit import: these take :meth:`anp_core.Evaluation.table` frames and
return plain pandas objects, so they are tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

__all__ = ["rank_change", "rank_table", "top_factors"]


def rank_change(before: int, after: int) -> str:
    """Return an arrow label for a rank move: ``"▲2"`` up, ``"▼1"`` down, ``"–"`` same.

    Parameters
    ----------
    before, after : int
        Baseline and current rank (1 is best).

    Returns
    -------
    str
        ``"▲k"`` if the factor moved up ``k`` places, ``"▼k"`` if down, ``"–"``.

    Examples
    --------
    >>> rank_change(5, 3), rank_change(3, 4), rank_change(2, 2)
    ('▲2', '▼1', '–')
    """
    d = int(before) - int(after)
    if d > 0:
        return f"▲{d}"
    if d < 0:
        return f"▼{-d}"
    return "–"


def rank_table(
    table: pd.DataFrame,
    baseline: pd.DataFrame,
    cluster_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return the ranked display table with the change against the baseline.

    Parameters
    ----------
    table : DataFrame
        Current :meth:`anp_core.Evaluation.table` (index factor id).
    baseline : DataFrame
        The baseline evaluation's table (the paper's weights and judgments).
    cluster_names : mapping, optional
        Cluster id -> display name.

    Returns
    -------
    DataFrame
        Index factor id, sorted by current rank; columns ``Rank``, ``Change``
        (``"▲2"``/``"▼1"``/``"–"``), ``Factor``, ``Composite``, ``Δ weight``,
        ``Baseline rank``, ``Baseline`` (composite) and ``Cluster``.
    """
    names = cluster_names or {}
    base = baseline.reindex(table.index)
    base_rank = base["rank"].astype(int)
    return pd.DataFrame(
        {
            "Rank": table["rank"].astype(int),
            "Change": [rank_change(b, a) for b, a in zip(base_rank, table["rank"], strict=True)],
            "Factor": table["name"],
            "Composite": table["composite"].astype(float),
            "Δ weight": table["composite"].astype(float) - base["composite"].astype(float),
            "Baseline rank": base_rank,
            "Baseline": base["composite"].astype(float),
            "Cluster": [names.get(c, c) for c in table["cluster"]],
        },
        index=table.index,
    )


def top_factors(ranked: pd.DataFrame, k: int = 5) -> pd.DataFrame:
    """Return the first ``k`` rows of :func:`rank_table` (highest composite first)."""
    return ranked.sort_values("Composite", ascending=False, kind="stable").head(k)
