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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from pydantic import ValidationError

from anp_core import cache
from anp_core.errors import ANPError, ModelValidationError
from anp_core.kernel import FloatArray, frozen
from anp_core.model_checks import model_error_from_pydantic
from anp_core.model_schema import Comparison, Model
from anp_core.network import CriterionNetwork, build_network
from anp_core.pairwise import validated_matrix

__all__ = [
    "Evaluation",
    "competition_ranks",
    "criterion_network",
    "evaluate",
    "resolve_weights",
]


def criterion_network(model: Model, criterion: str, *, sinks: str | None = None) -> CriterionNetwork:
    """Return the cached supermatrices, limit and priorities of one criterion.

    The key is the criterion's network fingerprint (cluster structure,
    comparisons under the criterion, sink convention; computed once per model
    object), so two models that agree there share one immutable result, and a
    judgment edit under one criterion recomputes only that criterion.
    """
    if criterion not in model.network_keys:
        return build_network(model, criterion, sinks=sinks)  # raises the right ANPError
    mode = sinks or model.settings.sinks
    key = (model.network_keys[criterion], mode, model.ranked_node_ids)
    return cache.networks.get_or_compute(key, lambda: build_network(model, criterion, sinks=mode))


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
    cc = model.criteria_comparison
    w = validated_matrix(cc.matrix, cc.elements, "criteria comparison").priorities()
    return dict(zip(cc.elements, w.tolist(), strict=True))


def resolve_weights(
    model: Model, criterion_weights: Mapping[str, float] | pd.Series | None
) -> dict[str, float]:
    """Return criterion weights (sum 1) in display order.

    ``None``: priorities of the model's criteria comparison. Otherwise the
    given weights, renormalised to sum 1 (each divided by the largest first,
    so huge finite weights cannot overflow the sum); control criteria not
    named get 0. Criteria outside the control layer may be named if they
    have a network.

    Raises
    ------
    ANPError
        On an unknown criterion, one without a network, a negative or
        non-finite weight, or weights that are all 0.

    Examples
    --------
    >>> from anp_core import load_model
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> resolve_weights(m, {"policy": 1e308, "political": 1e308})["policy"]
    0.5
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
        if (
            isinstance(w, bool)
            or not isinstance(w, int | float | np.floating | np.integer)
            or not math.isfinite(w)
            or w < 0
        ):
            msg = f"weight of {name!r} is {w!r}; weights must be finite numbers >= 0"
            raise ANPError(msg)
    biggest = max((float(w) for w in given.values()), default=0.0)
    if biggest <= 0:
        msg = "criterion weights sum to 0; give at least one criterion a positive weight"
        raise ANPError(msg)
    scaled = {c: float(w) / biggest for c, w in given.items()}
    total = math.fsum(scaled.values())
    order = list(model.control_criteria) + [
        c for c in model.networked_criteria if c in given and c not in model.control_criteria
    ]
    return {c: scaled.get(c, 0.0) / total for c in order}


@dataclass(frozen=True, eq=False)
class Evaluation:
    """Result of :func:`evaluate`; immutable (read-only arrays; pandas views are built on demand).

    Attributes
    ----------
    model : Model
    criteria : tuple of str
        Criteria weighted, in display order.
    weights : ndarray
        Their weights v (sum 1).
    networks : mapping
        :class:`~anp_core.network.CriterionNetwork` per criterion (U, C, W,
        limit, diagnosis), shared with the engine's cache and read-only.
    limits : ndarray
        Ranked node x criterion limit priorities (each column sums to 1).
    composite_values : ndarray
        ``limits @ weights``.
    rank_values : ndarray
        Competition ranks of the 3-decimal composite weights.

    The pandas properties (``criterion_weights``, ``by_criterion``,
    ``composite``, ``ranks``, ``cluster_weights``) are indexed by node id.
    """

    model: Model
    criteria: tuple[str, ...]
    weights: FloatArray
    networks: Mapping[str, CriterionNetwork]
    limits: FloatArray
    composite_values: FloatArray
    rank_values: npt.NDArray[np.int64]

    @classmethod
    def of(
        cls, model: Model, weights: Mapping[str, float], networks: Mapping[str, CriterionNetwork]
    ) -> Evaluation:
        """Combine per-criterion networks under resolved weights (``c = L v``)."""
        criteria = tuple(weights)
        v = frozen(np.fromiter(weights.values(), dtype=float, count=len(criteria)))
        limits = frozen(np.column_stack([networks[c].priorities for c in criteria]))
        composite = frozen(limits @ v)
        return cls(
            model=model,
            criteria=criteria,
            weights=v,
            networks=MappingProxyType({c: networks[c] for c in criteria}),
            limits=limits,
            composite_values=composite,
            rank_values=frozen(competition_ranks(composite)),
        )

    def reweighted(self, criterion_weights: Mapping[str, float] | pd.Series | None) -> Evaluation:
        """Return the evaluation under new criterion weights (no limit recomputed)."""
        weights = resolve_weights(self.model, criterion_weights)
        nets = {c: self.networks.get(c) or criterion_network(self.model, c) for c in weights}
        return Evaluation.of(self.model, weights, nets)

    @cached_property
    def factor_ids(self) -> pd.Index:
        """Ids of the ranked nodes, in supermatrix order."""
        return pd.Index(self.model.ranked_node_ids, name="factor")

    @property
    def criterion_weights(self) -> pd.Series:
        """Criterion weights (sum 1)."""
        return pd.Series(self.weights.copy(), index=pd.Index(self.criteria, name="criterion"), name="weight")

    @property
    def by_criterion(self) -> pd.DataFrame:
        """Limit priorities, ranked node x criterion."""
        return pd.DataFrame(
            self.limits.copy(), index=self.factor_ids, columns=pd.Index(self.criteria, name="criterion")
        )

    @property
    def composite(self) -> pd.Series:
        """Composite weights ``sum_k v_k L_k``."""
        return pd.Series(self.composite_values.copy(), index=self.factor_ids, name="composite")

    @property
    def ranks(self) -> pd.Series:
        """Competition ranks on the 3-decimal composite weights."""
        return pd.Series(self.rank_values.copy(), index=self.factor_ids, name="rank")

    @property
    def cluster_weights(self) -> pd.Series:
        """Composite weight of each cluster (sum of its ranked nodes)."""
        cluster = [self.model.cluster_of[f] for f in self.factor_ids]
        s = pd.Series(self.composite_values.copy(), index=cluster).groupby(level=0, sort=False).sum()
        s.index.name = "cluster"
        s.name = "cluster_weight"
        return s

    def table(self) -> pd.DataFrame:
        """Return the ranked table: name, cluster, per-criterion, composite, rank."""
        m = self.model
        df = self.by_criterion
        df.insert(0, "cluster", [m.cluster_of[f] for f in df.index])
        df.insert(0, "name", [m.label(f) for f in df.index])
        df["composite"] = self.composite_values
        df["rank"] = self.rank_values
        return df.sort_values(["rank", "composite"], ascending=[True, False], kind="stable")

    def supermatrices(self, criterion: str) -> dict[str, pd.DataFrame]:
        """Labelled U, C, W and limit of one criterion (copies)."""
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
    return Evaluation.of(model, weights, networks)
