"""Pure helpers of the Weights page: the rank table and rank-change labels.

No Streamlit import: these take :meth:`anp_core.Evaluation.table` frames and
return plain pandas objects, so they are tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt
import pandas as pd

from anp_core import Evaluation, Model

__all__ = ["cluster_shares", "light_table", "rank_change", "rank_table", "top_records"]


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


def _labels(model: Model) -> tuple[npt.NDArray[np.object_], ...]:
    # factor ids, names and cluster ids in node order, computed once per model
    cached = model.__dict__.get("_dashboard_labels")
    if cached is None:
        ids = np.array(model.node_ids, dtype=object)
        names = np.array([model.label(i) for i in model.node_ids], dtype=object)
        clusters = np.array([model.cluster_of[i] for i in model.node_ids], dtype=object)
        cached = (ids, names, clusters)
        model.__dict__["_dashboard_labels"] = cached
    return cached


def light_table(ev: Evaluation) -> pd.DataFrame:
    """Return the ranked table's core columns, cheaply: what the Weights page draws.

    Same rows, order and values as ``ev.table()[["name", "cluster",
    "composite", "rank"]]`` (rank first, then larger composite first), built
    from numpy arrays in a fraction of the time; the Weights page calls it on
    every slider move.
    """
    ids, names, clusters = _labels(ev.model)
    order = np.lexsort((-ev.composite_values, ev.rank_values))
    return pd.DataFrame(
        {
            "name": names[order],
            "cluster": clusters[order],
            "composite": ev.composite_values[order],
            "rank": ev.rank_values[order],
        },
        index=pd.Index(ids[order], name="factor"),
    )


def cluster_shares(table: pd.DataFrame) -> dict[str, float]:
    """Return each cluster's share (sum of its factors' composite weights), in first-seen order."""
    out: dict[str, float] = {}
    for cid, value in zip(table["cluster"], table["composite"].tolist(), strict=True):
        out[cid] = out.get(cid, 0.0) + value
    return out


def rank_table(
    table: pd.DataFrame,
    baseline: pd.DataFrame,
    cluster_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return the ranked display table with the change against the baseline.

    Parameters
    ----------
    table : DataFrame
        Current ranked table (:func:`light_table` or
        :meth:`anp_core.Evaluation.table`; index factor id).
    baseline : DataFrame
        The baseline evaluation's table (the paper's weights and judgments).
    cluster_names : mapping, optional
        Cluster id -> display name.

    Returns
    -------
    DataFrame
        Index factor id, in the order of ``table``; columns ``Rank``, ``Change``
        (``"▲2"``/``"▼1"``/``"–"``), ``Factor``, ``Composite``, ``Δ weight``,
        ``Baseline rank``, ``Baseline`` (composite) and ``Cluster``.
    """
    names = cluster_names or {}
    ids = table.index.tolist()
    b_comp = baseline["composite"].to_dict()
    b_rank = baseline["rank"].to_dict()
    comp = table["composite"].to_numpy(dtype=float)
    ranks = table["rank"].to_numpy(dtype=np.int64)
    base_comp = np.array([b_comp[i] for i in ids], dtype=float)
    base_rank = np.array([b_rank[i] for i in ids], dtype=np.int64)
    return pd.DataFrame(
        {
            "Rank": ranks,
            "Change": [rank_change(b, a) for b, a in zip(base_rank.tolist(), ranks.tolist(), strict=True)],
            "Factor": table["name"].to_numpy(dtype=object),
            "Composite": comp,
            "Δ weight": comp - base_comp,
            "Baseline rank": base_rank,
            "Baseline": base_comp,
            "Cluster": [names.get(c, c) for c in table["cluster"]],
        },
        index=table.index,
    )


def top_records(ranked: pd.DataFrame, k: int = 5) -> list[dict[str, object]]:
    """Return the ``k`` rows of :func:`rank_table` with the largest composite, as plain dicts.

    Highest composite first (stable on ties); built from numpy columns, since
    the Weights page's top-5 cards call it on every slider move.
    """
    order = np.argsort(-ranked["Composite"].to_numpy(dtype=float), kind="stable")[:k]
    cols = {c: ranked[c].to_numpy()[order].tolist() for c in ranked.columns}
    return [{c: v[i] for c, v in cols.items()} for i in range(len(order))]
