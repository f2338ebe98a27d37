"""Synthesis over the control criteria: composite weights, clusters, ranks.

ANP_METHOD.md section 3: the composite weight of factor i is
``c_i = sum_k v_k L_k[i]`` (distributive synthesis), a cluster's weight is the
sum of its factors' composite weights, and ranks are competition ranks
("1224") of the values rounded to 3 decimals, as paper 000 ranks.

Per-criterion networks and limits are cached by the content of the
criterion's comparisons, so changing only the criterion weights, or editing a
judgment under one criterion, never recomputes the other limits.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from pydantic import ValidationError

from anp_core.errors import ANPError, ModelValidationError
from anp_core.model_file import Comparison, Model, model_error_from_pydantic
from anp_core.network import CriterionNetwork, build_network
from anp_core.pairwise import PairwiseMatrix

__all__ = [
    "Evaluation",
    "clear_cache",
    "competition_ranks",
    "criterion_network",
    "evaluate",
    "resolve_weights",
]

FloatArray = npt.NDArray[np.float64]

_CACHE_SIZE = 256
_network_cache: OrderedDict[Any, CriterionNetwork] = OrderedDict()
_stats = {"hits": 0, "misses": 0}


def clear_cache() -> None:
    """Empty the per-criterion network cache (for tests and benchmarks)."""
    _network_cache.clear()
    _stats.update(hits=0, misses=0)


def cache_info() -> dict[str, int]:
    """Return cache hits, misses and current size."""
    return {**_stats, "size": len(_network_cache)}


def _network_key(model: Model, criterion: str, sinks: str) -> Any:
    return (model.network_keys.get(criterion), sinks)


def criterion_network(model: Model, criterion: str, *, sinks: str = "calculus") -> CriterionNetwork:
    """Return the (cached) supermatrices and limit of one criterion.

    The cache key is the cluster structure plus the comparisons under the
    criterion, so two models that agree there share the result.
    """
    key = _network_key(model, criterion, sinks)
    net = _network_cache.get(key)
    if net is not None:
        _stats["hits"] += 1
        _network_cache.move_to_end(key)
        return net
    _stats["misses"] += 1
    net = build_network(model, criterion, sinks=sinks)
    _network_cache[key] = net
    if len(_network_cache) > _CACHE_SIZE:
        _network_cache.popitem(last=False)
    return net


def competition_ranks(values: npt.ArrayLike, decimals: int | None = 3) -> npt.NDArray[np.int64]:
    """Return competition ranks ("1224"), highest value first.

    Values are rounded to ``decimals`` first (paper 000 ranks its 3-decimal
    weights, so ties share a rank); ``decimals=None`` ranks exact values.

    Examples
    --------
    >>> competition_ranks([0.0561, 0.0559, 0.07, 0.01]).tolist()
    [2, 2, 1, 4]
    >>> competition_ranks([0.0561, 0.0559, 0.07, 0.01], decimals=None).tolist()
    [2, 3, 1, 4]
    """
    x = np.asarray(values, dtype=float)
    if decimals is not None:
        x = np.round(x, decimals)
    asc = np.sort(x)
    greater = len(x) - np.searchsorted(asc, x, side="right")
    return (greater + 1).astype(np.int64)


def _default_weights(model: Model) -> dict[str, float]:
    cached = model.__dict__.get("_anp_default_weights")
    if cached is None:
        cc = model.criteria_comparison
        w = PairwiseMatrix(np.asarray(cc.matrix), cc.elements, name="criteria comparison").priorities()
        cached = dict(zip(cc.elements, w.tolist(), strict=True))
        model.__dict__["_anp_default_weights"] = cached
    return dict(cached)


def resolve_weights(
    model: Model, criterion_weights: Mapping[str, float] | pd.Series | None
) -> dict[str, float]:
    """Return criterion weights (sum 1) in display order.

    ``None``: priorities of the model's criteria comparison. Otherwise the
    given weights, renormalised to sum 1; control criteria not named get 0.
    Criteria outside the control layer may be named if they have a network.

    Raises
    ------
    ANPError
        On an unknown criterion, one without a network, a negative or
        non-finite weight, or weights that sum to 0.
    """
    if criterion_weights is None:
        return _default_weights(model)
    given = dict(criterion_weights.items())
    networked = set(model.networked_criteria)
    for name, w in given.items():
        if name not in model.criterion_by_id:
            msg = f"unknown criterion {name!r}; choose from: {', '.join(model.networked_criteria)}"
            raise ANPError(msg)
        if name not in networked:
            msg = f"criterion {name!r} has no network in this model, so it cannot be weighted"
            raise ANPError(msg)
        if not isinstance(w, int | float | np.floating | np.integer) or not math.isfinite(w) or w < 0:
            msg = f"weight of {name!r} is {w!r}; weights must be finite numbers >= 0"
            raise ANPError(msg)
    total = float(sum(given.values()))
    if total <= 0:
        msg = "criterion weights sum to 0; give at least one criterion a positive weight"
        raise ANPError(msg)
    order = list(model.control_criteria) + [
        c for c in model.networked_criteria if c in given and c not in model.control_criteria
    ]
    return {c: float(given.get(c, 0.0)) / total for c in order}


class Evaluation:
    """Result of :func:`evaluate`; numpy arrays eagerly, pandas views lazily.

    Attributes (pandas, indexed by factor id)
    ----------------------------------------
    criterion_weights : Series
        Weights v of the criteria used, summing to 1.
    by_criterion : DataFrame
        Factor x criterion limit priorities (each column sums to 1).
    composite : Series
        ``by_criterion @ criterion_weights``.
    cluster_weights : Series
        Sum of composite weights per cluster.
    ranks : Series
        Competition ranks of the 3-decimal composite weights.
    networks : dict
        :class:`~anp_core.network.CriterionNetwork` per criterion (U, C, W,
        limit, diagnosis) for display.
    """

    def __init__(
        self,
        model: Model,
        weights: dict[str, float],
        networks: dict[str, CriterionNetwork],
    ) -> None:
        self.model = model
        self.networks = networks
        self.criteria: tuple[str, ...] = tuple(weights)
        self.weights: FloatArray = np.fromiter(weights.values(), dtype=float, count=len(weights))
        self.limits: FloatArray = np.column_stack([networks[c].priorities for c in self.criteria])
        self.composite_values: FloatArray = self.limits @ self.weights
        self.rank_values = competition_ranks(self.composite_values)

    def reweighted(self, criterion_weights: Mapping[str, float] | pd.Series | None) -> Evaluation:
        """Return the evaluation under new criterion weights (no limit recomputed)."""
        weights = resolve_weights(self.model, criterion_weights)
        nets = {c: self.networks.get(c) or criterion_network(self.model, c) for c in weights}
        return Evaluation(self.model, weights, nets)

    @cached_property
    def factor_ids(self) -> pd.Index:
        """Factor ids in supermatrix order."""
        return pd.Index(self.model.node_ids, name="factor")

    @cached_property
    def criterion_weights(self) -> pd.Series:
        """Criterion weights (sum 1)."""
        return pd.Series(self.weights, index=pd.Index(self.criteria, name="criterion"), name="weight")

    @cached_property
    def by_criterion(self) -> pd.DataFrame:
        """Limit priorities, factor x criterion."""
        return pd.DataFrame(
            self.limits,
            index=self.factor_ids,
            columns=pd.Index(self.criteria, name="criterion"),
        )

    @cached_property
    def composite(self) -> pd.Series:
        """Composite weights ``sum_k v_k L_k``."""
        return pd.Series(self.composite_values, index=self.factor_ids, name="composite")

    @cached_property
    def ranks(self) -> pd.Series:
        """Competition ranks on the 3-decimal composite weights."""
        return pd.Series(self.rank_values, index=self.factor_ids, name="rank")

    @cached_property
    def cluster_weights(self) -> pd.Series:
        """Composite weight of each cluster (sum of its factors)."""
        cluster = [self.model.cluster_of[f] for f in self.model.node_ids]
        s = pd.Series(self.composite_values, index=cluster).groupby(level=0, sort=False).sum()
        s.index.name = "cluster"
        s.name = "cluster_weight"
        return s

    def table(self) -> pd.DataFrame:
        """Return the ranked table: name, cluster, per-criterion, composite, rank."""
        m = self.model
        df = self.by_criterion.copy()
        df.insert(0, "cluster", [m.cluster_of[f] for f in df.index])
        df.insert(0, "name", [m.label(f) for f in df.index])
        df["composite"] = self.composite_values
        df["rank"] = self.rank_values
        return df.sort_values(["rank", "composite"], ascending=[True, False], kind="stable")

    def supermatrices(self, criterion: str) -> dict[str, pd.DataFrame]:
        """Labelled U, C, W and limit of one criterion."""
        return self.networks[criterion].frames(self.model)


def _as_comparisons(
    overrides: Iterable[Comparison | Mapping[str, Any]],
) -> list[Comparison]:
    out = []
    for i, o in enumerate(overrides):
        try:
            out.append(o if isinstance(o, Comparison) else Comparison.model_validate(o))
        except ValidationError as exc:
            err = model_error_from_pydantic(exc)
            raise ModelValidationError([(f"overrides[{i}].{p}", m) for p, m in err.problems]) from None
    return out


def evaluate(
    model: Model,
    criterion_weights: Mapping[str, float] | pd.Series | None = None,
    overrides: Iterable[Comparison | Mapping[str, Any]] | None = None,
) -> Evaluation:
    """Evaluate a model: per-criterion supermatrices and limits, then synthesis.

    Parameters
    ----------
    model : Model
        A validated model (see :func:`anp_core.load_model`).
    criterion_weights : mapping, optional
        Criterion id -> weight; renormalised to sum 1, unnamed control
        criteria get 0. Default: the model's criteria comparison.
    overrides : iterable of Comparison or dict, optional
        Comparisons replacing the model's ones with the same key
        ``(criterion, kind, wrt, cluster)`` (new keys are added).

    Returns
    -------
    Evaluation

    Examples
    --------
    >>> from anp_core import load_model
    >>> ev = evaluate(load_model("data/models/cbec_trade_war.json"))
    >>> ev.ranks.idxmin(), round(float(ev.composite.sum()), 12)
    ('government_regulation', 1.0)
    """
    if overrides:
        model = model.with_comparisons(_as_comparisons(overrides))
    weights = resolve_weights(model, criterion_weights)
    networks = {c: criterion_network(model, c) for c in weights}
    return Evaluation(model, weights, networks)
