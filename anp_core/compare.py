r"""Head-to-head comparisons, criterion by criterion.

**Two nodes** a and b under criterion weights v: their composite weights
differ by

.. math:: c_a - c_b = \sum_k v_k (L_k[a] - L_k[b]),

so each criterion contributes ``v_k * (L_k[a] - L_k[b])``: positive
contributions are the criteria that favour a, negative ones favour b, and the
contributions sum to the composite difference exactly. For each criterion the
*break-even weight* is the weight at which the two tie when that criterion's
weight moves and the others keep their proportions (as in
:mod:`anp_core.sensitivity`; if the criterion holds all the weight, the
others share the rest equally). The share of all weightings (uniform on the
simplex) under which a ranks above b is SMAA's pairwise winning index.

**Two scenarios** A and B (criterion weights, and judgment overrides that
change the limits L): each node's change of composite weight splits exactly
into a weight effect and a judgment effect per criterion,

.. math:: c^B - c^A = \sum_k (v^B_k - v^A_k) L^A_k
                     + \sum_k v^B_k (L^B_k - L^A_k),

the first sum what moving the weights did, the second what the changed
judgments did on their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from anp_core.errors import ANPError
from anp_core.evaluate import competition_ranks, evaluate, resolve_weights
from anp_core.model_schema import Model
from anp_core.scenarios import Scenario

__all__ = ["NodeDuel", "ScenarioShift", "head_to_head", "scenario_shift"]

FloatArray = npt.NDArray[np.float64]

#: Uniform weight draws behind :attr:`NodeDuel.share_a_ahead` (seeded, so the figure is reproducible).
WINNING_DRAWS = 20_000


@dataclass(frozen=True)
class NodeDuel:
    """Two nodes compared criterion by criterion (see :func:`head_to_head`).

    Arrays are per criterion, in ``criteria`` order; read-only.
    """

    a: str
    b: str
    criteria: tuple[str, ...]
    weights: FloatArray
    limits_a: FloatArray
    limits_b: FloatArray
    rank_a: int
    rank_b: int
    break_even: FloatArray
    share_a_ahead: float
    share_b_ahead: float

    @property
    def gaps(self) -> FloatArray:
        """``L_k[a] - L_k[b]`` per criterion."""
        return np.asarray(self.limits_a - self.limits_b)

    @property
    def contributions(self) -> FloatArray:
        """``v_k (L_k[a] - L_k[b])`` per criterion; they sum to :attr:`difference`."""
        return np.asarray(self.weights * self.gaps)

    @property
    def composite_a(self) -> float:
        """Composite weight of a."""
        return float(self.weights @ self.limits_a)

    @property
    def composite_b(self) -> float:
        """Composite weight of b."""
        return float(self.weights @ self.limits_b)

    @property
    def difference(self) -> float:
        """``c_a - c_b``."""
        return float(self.contributions.sum())

    @property
    def favouring_a(self) -> tuple[str, ...]:
        """Criteria with a positive contribution, largest first."""
        return self._favouring(+1)

    @property
    def favouring_b(self) -> tuple[str, ...]:
        """Criteria with a negative contribution, largest in size first."""
        return self._favouring(-1)

    def _favouring(self, sign: int) -> tuple[str, ...]:
        c = sign * self.contributions
        idx = [i for i in np.argsort(-c, kind="stable") if c[i] > 0]
        return tuple(self.criteria[i] for i in idx)

    @property
    def dominance(self) -> str | None:
        """``"a"`` if a's limit is at least b's under every criterion (a is ahead under any weights), ``"b"`` likewise, else None."""
        g = self.gaps
        if (g >= 0).all() and (g > 0).any():
            return "a"
        if (g <= 0).all() and (g < 0).any():
            return "b"
        return None

    def table(self) -> pd.DataFrame:
        """Per criterion: weight, a's and b's limit priority, gap, contribution, favours, break-even weight."""
        c = self.contributions
        return pd.DataFrame(
            {
                "weight": self.weights,
                "a": self.limits_a,
                "b": self.limits_b,
                "gap": self.gaps,
                "contribution": c,
                "favours": np.where(c > 0, self.a, np.where(c < 0, self.b, "")),
                "break_even": self.break_even,
            },
            index=pd.Index(self.criteria, name="criterion"),
        )


def _break_even(weights: FloatArray, gaps: FloatArray) -> FloatArray:
    """Per criterion k: the weight t in [0, 1] at which ``(1-t) B_k + t g_k = 0`` (NaN if none)."""
    m = len(weights)
    out = np.full(m, np.nan)
    for k in range(m if m > 1 else 0):
        rest = np.delete(np.arange(m), k)
        vk = weights[k]
        B = float(gaps[rest] @ weights[rest] / (1 - vk)) if vk < 1 else float(gaps[rest].mean())
        g = float(gaps[k])
        if g == B:
            continue
        t = B / (B - g)
        if 0.0 <= t <= 1.0:
            out[k] = t
    return out


def _winning_shares(gaps_a: FloatArray, gaps_b: FloatArray, decimals: int) -> tuple[float, float]:
    """Shares of uniform weightings under which a (b) ranks above the other on rounded composites."""
    from anp_core.weight_sampling import parse_constraints, sample_weights

    m = len(gaps_a)
    W = sample_weights(parse_constraints(None, [f"c{i}" for i in range(m)]), WINNING_DRAWS, seed=0).weights
    ca, cb = np.round(W @ gaps_a, decimals), np.round(W @ gaps_b, decimals)
    return float(np.mean(ca > cb)), float(np.mean(cb > ca))


def head_to_head(
    model: Model,
    a: str,
    b: str,
    criterion_weights: Mapping[str, float] | None = None,
    overrides: Any = None,
) -> NodeDuel:
    """Compare two ranked nodes criterion by criterion.

    Parameters
    ----------
    model : Model
    a, b : str
        Ranked node ids (``model.ranked_node_ids``), different.
    criterion_weights : mapping, optional
        As in :func:`anp_core.evaluate` (default: the model's).
    overrides : iterable, optional
        Comparisons replacing the model's.

    Returns
    -------
    NodeDuel

    Examples
    --------
    >>> from anp_core import load_model
    >>> d = head_to_head(
    ...     load_model("data/models/cbec_trade_war.json"), "government_regulation", "electronic_payment"
    ... )
    >>> d.favouring_a[0], d.favouring_b, round(d.difference, 3)
    ('policy', ('economic', 'technological'), 0.07)
    """
    ids = model.ranked_node_ids
    for name, node in (("a", a), ("b", b)):
        if node not in ids:
            hint = "not a ranked node" if node in model.node_by_id else "unknown node"
            msg = f"{name}: {node!r} is {hint}; choose from: {', '.join(ids)}"
            raise ANPError(msg)
    if a == b:
        msg = f"compare two different nodes (both are {a!r})"
        raise ANPError(msg)
    ev = evaluate(model, criterion_weights, overrides)
    ia, ib = ids.index(a), ids.index(b)
    la, lb = ev.limits[ia].copy(), ev.limits[ib].copy()
    share_a, share_b = _winning_shares(la, lb, 3)
    return NodeDuel(
        a=a,
        b=b,
        criteria=ev.criteria,
        weights=_frozen(ev.weights.copy()),
        limits_a=_frozen(la),
        limits_b=_frozen(lb),
        rank_a=int(ev.rank_values[ia]),
        rank_b=int(ev.rank_values[ib]),
        break_even=_frozen(_break_even(ev.weights, la - lb)),
        share_a_ahead=share_a,
        share_b_ahead=share_b,
    )


@dataclass(frozen=True)
class ScenarioShift:
    """What changes between scenario A and scenario B (see :func:`scenario_shift`).

    ``limits_*`` and the effects are ranked node x criterion; read-only.
    """

    label_a: str
    label_b: str
    node_ids: tuple[str, ...]
    criteria: tuple[str, ...]
    weights_a: FloatArray
    weights_b: FloatArray
    limits_a: FloatArray
    limits_b: FloatArray

    @property
    def composite_a(self) -> FloatArray:
        """Composite weights under A."""
        return np.asarray(self.limits_a @ self.weights_a)

    @property
    def composite_b(self) -> FloatArray:
        """Composite weights under B."""
        return np.asarray(self.limits_b @ self.weights_b)

    @property
    def ranks_a(self) -> npt.NDArray[np.int64]:
        """Competition ranks (3 decimals) under A."""
        return competition_ranks(self.composite_a)

    @property
    def ranks_b(self) -> npt.NDArray[np.int64]:
        """Competition ranks (3 decimals) under B."""
        return competition_ranks(self.composite_b)

    @property
    def weight_effect(self) -> FloatArray:
        """``(v^B_k - v^A_k) L^A_k[i]``: what moving criterion k's weight did to node i."""
        return np.asarray(self.limits_a * (self.weights_b - self.weights_a)[None, :])

    @property
    def judgment_effect(self) -> FloatArray:
        """``v^B_k (L^B_k[i] - L^A_k[i])``: what the changed judgments under k did on their own."""
        return np.asarray((self.limits_b - self.limits_a) * self.weights_b[None, :])

    @property
    def has_judgment_changes(self) -> bool:
        """Whether the two scenarios' judgments give different limits."""
        return not np.allclose(self.limits_a, self.limits_b, rtol=0, atol=1e-15)

    def weights_table(self) -> pd.DataFrame:
        """Per criterion: weight under A and B and the shift."""
        return pd.DataFrame(
            {"a": self.weights_a, "b": self.weights_b, "shift": self.weights_b - self.weights_a},
            index=pd.Index(self.criteria, name="criterion"),
        )

    def table(self) -> pd.DataFrame:
        """Per node: composites, ranks, rank change (positive = up), weight and judgment effects; by B's rank."""
        ca, cb = self.composite_a, self.composite_b
        df = pd.DataFrame(
            {
                "composite_a": ca,
                "composite_b": cb,
                "change": cb - ca,
                "rank_a": self.ranks_a,
                "rank_b": self.ranks_b,
                "rank_change": self.ranks_a - self.ranks_b,
                "weight_effect": self.weight_effect.sum(axis=1),
                "judgment_effect": self.judgment_effect.sum(axis=1),
            },
            index=pd.Index(self.node_ids, name="node"),
        )
        return df.sort_values(["rank_b", "composite_b"], ascending=[True, False], kind="stable")

    def drivers(self, node: str) -> pd.DataFrame:
        """Per criterion, for one node: weight shift, weight effect, judgment effect, total; largest first."""
        if node not in self.node_ids:
            msg = f"unknown ranked node {node!r}"
            raise ANPError(msg)
        i = self.node_ids.index(node)
        we, je = self.weight_effect[i], self.judgment_effect[i]
        df = pd.DataFrame(
            {
                "weight_a": self.weights_a,
                "weight_b": self.weights_b,
                "weight_effect": we,
                "judgment_effect": je,
                "total": we + je,
            },
            index=pd.Index(self.criteria, name="criterion"),
        )
        return df.iloc[np.argsort(-np.abs(df["total"].to_numpy()), kind="stable")]


ScenarioLike = Scenario | Mapping[str, float] | None


def _unpack(s: ScenarioLike, default: str) -> tuple[str, Mapping[str, float] | None, Any]:
    if isinstance(s, Scenario):
        return s.name, s.criterion_weights, s.overrides or None
    if s is None:
        return default, None, None
    return default, s, None


def scenario_shift(model: Model, a: ScenarioLike, b: ScenarioLike) -> ScenarioShift:
    """Compare two scenarios node by node and criterion by criterion.

    Parameters
    ----------
    model : Model
    a, b : Scenario, mapping or None
        A :class:`~anp_core.scenarios.Scenario` (weights and judgment
        overrides), plain criterion weights, or None for the model's own
        weights.

    Returns
    -------
    ScenarioShift

    Examples
    --------
    >>> from anp_core import load_model
    >>> s = scenario_shift(load_model("data/models/cbec_trade_war.json"), None, {"political": 1})
    >>> bool(np.allclose(s.weight_effect.sum(axis=1), s.composite_b - s.composite_a))
    True
    """
    label_a, wa, oa = _unpack(a, "model weights")
    label_b, wb, ob = _unpack(b, "custom weights")
    try:
        va, vb = resolve_weights(model, wa), resolve_weights(model, wb)
    except ANPError as exc:
        msg = f"scenario weights: {str(exc).splitlines()[0]}"
        raise ANPError(msg) from None
    criteria = tuple(dict.fromkeys([*va, *vb]))
    everything = dict.fromkeys(criteria, 1.0)
    ev_a = evaluate(model, everything, oa)
    ev_b = evaluate(model, everything, ob)
    cols_a = [ev_a.criteria.index(c) for c in criteria]
    cols_b = [ev_b.criteria.index(c) for c in criteria]
    return ScenarioShift(
        label_a=label_a,
        label_b=label_b,
        node_ids=tuple(model.ranked_node_ids),
        criteria=criteria,
        weights_a=_frozen(np.array([va.get(c, 0.0) for c in criteria])),
        weights_b=_frozen(np.array([vb.get(c, 0.0) for c in criteria])),
        limits_a=_frozen(ev_a.limits[:, cols_a].copy()),
        limits_b=_frozen(ev_b.limits[:, cols_b].copy()),
    )


def _frozen(x: FloatArray) -> FloatArray:
    x.flags.writeable = False
    return x
