"""View builders of the SMAA section (Uncertainty page): constraints from the inputs, tables and texts.

No Streamlit here. The numbers are :class:`anp_core.smaa.SMAAResult`'s
(merged block by block in :mod:`dashboard.smaa_run`); these functions turn
the inputs into the engine's constraint mapping and the result into display
tables (column names in the page's language; names as given, since
dataframe cells are text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from anp_core import ANPError
from anp_core.smaa import SMAAResult

__all__ = [
    "CONSTRAINT_KINDS",
    "acceptability_table",
    "central_table",
    "constraints_from",
    "sampling_text",
    "summary_table",
]

Translate = Callable[[str], str]

#: The constraint choices of the page (keys; the page labels them).
CONSTRAINT_KINDS = ("none", "order", "intervals")


def _same(s: str) -> str:
    return s


def constraints_from(
    kind: str,
    order: Sequence[str],
    intervals: Mapping[str, tuple[float, float]],
    criteria: Sequence[str],
    _: Translate = _same,
) -> dict[str, Any] | None:
    """Return the engine's constraint mapping for the page's inputs.

    Parameters
    ----------
    kind : {"none", "order", "intervals"}
        No constraint (the whole simplex), an ordinal ranking, or intervals.
    order : sequence of str
        Criteria, most important first (``kind="order"``); at least two.
    intervals : mapping
        Criterion -> (low, high) (``kind="intervals"``); ``(0, 1)`` is no
        constraint and is left out.
    criteria : sequence of str
        The weighted criteria (anything else in the inputs is ignored).

    Returns
    -------
    dict or None
        ``{"order": [...]}``, ``{"intervals": {c: [lo, hi]}}`` or None. The
        engine still checks them (:func:`anp_core.weight_sampling.parse_constraints`:
        unknown criteria, bad bounds, no admissible weights).

    Raises
    ------
    ANPError
        For an ordinal ranking of fewer than two criteria.

    Examples
    --------
    >>> constraints_from("order", ["b", "a"], {}, ["a", "b", "c"])
    {'order': ['b', 'a']}
    >>> constraints_from("intervals", [], {"a": (0.1, 0.5), "b": (0.0, 1.0)}, ["a", "b"])
    {'intervals': {'a': [0.1, 0.5]}}
    >>> constraints_from("none", ["a"], {}, ["a", "b"]) is None
    True
    """
    known = set(criteria)
    if kind == "order":
        ranked = [c for c in dict.fromkeys(order) if c in known]
        if len(ranked) < 2:
            raise ANPError(_("rank at least two criteria, most important first"))
        return {"order": ranked}
    if kind == "intervals":
        chosen = {
            c: [float(lo), float(hi)]
            for c, (lo, hi) in intervals.items()
            if c in known and (float(lo), float(hi)) != (0.0, 1.0)
        }
        return {"intervals": {c: chosen[c] for c in criteria if c in chosen}} if chosen else None
    return None


def _order(result: SMAAResult) -> list[int]:
    """Nodes by holistic acceptability (best first), ties by rank under the model's weights."""
    hol = result.holistic.to_numpy()
    return [int(i) for i in np.lexsort((result.base_ranks, -hol))]


def acceptability_table(
    result: SMAAResult, names: Mapping[str, str], limit: int | None = None, _: Translate = _same
) -> pd.DataFrame:
    """Return the rank acceptability indices as a factor x rank table of shares (rows by holistic acceptability).

    ``limit`` keeps the first ``limit`` rows and rank columns (a heatmap that
    fits a screen).
    """
    acc = result.acceptability
    rows = _order(result)[:limit]
    ranks = list(acc.columns)[:limit]
    out = acc.iloc[rows][ranks].copy()
    out.columns = [str(r) for r in ranks]
    out.insert(0, _("Factor"), [names.get(result.node_ids[i], result.node_ids[i]) for i in rows])
    return out


def summary_table(result: SMAAResult, names: Mapping[str, str], _: Translate = _same) -> pd.DataFrame:
    r"""Return one row per factor: rank under the model's weights, first-rank, top-3 and holistic acceptability, confidence factor.

    Rows are ordered by holistic acceptability :math:`\sum_r \alpha_r b^r`
    (:attr:`anp_core.smaa.SMAAResult.holistic`). Shares are fractions (the
    page formats them as percentages); the confidence factor is NaN for a
    factor that never ranks first.
    """
    rows = _order(result)
    acc = result.counts / result.draws
    top3 = acc[:, :3].sum(axis=1)
    hol = result.holistic.to_numpy()
    return pd.DataFrame(
        {
            _("Factor"): [names.get(result.node_ids[i], result.node_ids[i]) for i in rows],
            _("Rank (model weights)"): result.base_ranks[rows],
            _("First"): acc[rows, 0],
            _("Top 3"): top3[rows],
            _("Holistic"): hol[rows],
            _("Confidence"): result.confidence_values[rows],
        },
        index=pd.Index([result.node_ids[i] for i in rows], name="node"),
    )


def central_table(
    result: SMAAResult, names: Mapping[str, str], criteria: Mapping[str, str], _: Translate = _same
) -> pd.DataFrame:
    """Return the central weight vectors of the factors that ever rank first (by first-rank acceptability).

    Columns: the factor, its first-rank acceptability, then one column per
    criterion (the mean weights under which it ranks first).
    """
    first = result.counts[:, 0] / result.draws
    rows = [int(i) for i in np.argsort(-first, kind="stable") if not np.isnan(result.central[i]).any()]
    df = pd.DataFrame(
        result.central[rows],
        columns=[criteria.get(c, c) for c in result.criteria],
        index=[result.node_ids[i] for i in rows],
    )
    df.insert(0, _("First"), first[rows])
    df.insert(0, _("Factor"), [names.get(result.node_ids[i], result.node_ids[i]) for i in rows])
    return df


def sampling_text(result: SMAAResult, criteria: Mapping[str, str], _: Translate = _same) -> str:
    """Say how the weights were drawn, in the page's language (plain text)."""
    wc = result.constraints
    if wc.order:
        what = _("weights with {order}").format(order=" ≥ ".join(criteria.get(c, c) for c in wc.order))
    else:
        what = ""
    if wc.intervals:
        bounds = _(", ").join(
            f"{criteria.get(c, c)} {lo:.2f}–{hi:.2f}" for c, (lo, hi) in wc.intervals.items()
        )
        what = (what + _("; ") if what else "") + _("weights within {bounds}").format(bounds=bounds)
    how = {
        "uniform": _("uniform on the simplex (sorted uniforms)"),
        "ordinal": _("uniform on the ranked region (sorted uniforms, sorted into the order)"),
        "rejection": _("uniform on the constrained region, by rejection (acceptance rate {rate})"),
        "hit-and-run": _("uniform on the constrained region, by hit-and-run from its Chebyshev centre"),
    }.get(result.method, result.sampling)
    if result.method == "rejection" and result.acceptance_rate is not None:
        how = how.format(rate=f"{result.acceptance_rate:.1%}")
    if not what:
        return _("Every weighting of the criteria is admissible; drawn {how}.").format(how=how)
    return _("Admissible: {what}; drawn {how}.").format(what=what, how=how)
