"""Supermatrices of one control criterion's network.

ANP_METHOD.md section 2: a comparison of the nodes of cluster I with respect
to node j fills block (I, j) of the unweighted supermatrix U; the cluster
comparison with respect to column cluster J fills column J of the cluster
matrix C; the weighted supermatrix is ``W[i, j] = C[I, J] * U[i, j]`` with
each non-zero column renormalised to sum 1. A comparison given with respect
to a cluster applies to every node of it, one given with respect to the
criterion to every column; a node-specific comparison overrides both. A
column cluster with links but no cluster comparison weighs its linked
clusters equally (no judgment, no preference).

:func:`network_plan` maps comparisons to blocks once; :func:`build_network`
and the Monte Carlo draws (:mod:`anp_core.montecarlo`) both fill the blocks
through it and assemble with the same kernel.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
import pandas as pd

from anp_core.cache import array_bytes
from anp_core.errors import ANPError
from anp_core.kernel import FloatArray, frozen, harker_matrix, principal_eigen, weighted_supermatrix
from anp_core.limit import LimitResult, limit_matrix
from anp_core.model_schema import Comparison, ComparisonKey, Model

__all__ = [
    "Block",
    "CriterionNetwork",
    "NetworkPlan",
    "build_network",
    "comparison_priorities",
    "network_plan",
]

IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Block:
    """Where one comparison's priorities go: ``M[rows, cols] = w[:, None]``."""

    key: ComparisonKey
    rows: IntArray
    cols: IntArray


@dataclass(frozen=True)
class NetworkPlan:
    """Which comparison fills which block of U and C, for one criterion (values not included)."""

    criterion: str
    sizes: tuple[int, ...]
    node_blocks: tuple[Block, ...]
    cluster_blocks: tuple[Block, ...]
    fixed_cluster: FloatArray  # equal shares where a linked column cluster has no cluster comparison

    @cached_property
    def keys(self) -> tuple[ComparisonKey, ...]:
        """Keys of the comparisons the plan uses, each once."""
        return tuple(dict.fromkeys(b.key for b in (*self.node_blocks, *self.cluster_blocks)))

    def unweighted(self, prios: Mapping[ComparisonKey, FloatArray]) -> FloatArray:
        """U from priority vectors of shape (..., m) per comparison key."""
        n = sum(self.sizes)
        batch = np.shape(next(iter(prios.values())))[:-1] if prios else ()
        U = np.zeros((*batch, n, n))
        for b in self.node_blocks:
            U[..., b.rows[:, None], b.cols[None, :]] = prios[b.key][..., :, None]
        return U

    def cluster(self, prios: Mapping[ComparisonKey, FloatArray]) -> FloatArray:
        """C from priority vectors of shape (..., m) per comparison key."""
        batch = np.shape(next(iter(prios.values())))[:-1] if prios else ()
        C = np.broadcast_to(self.fixed_cluster, (*batch, *self.fixed_cluster.shape)).copy()
        for b in self.cluster_blocks:
            C[..., b.rows[:, None], b.cols[None, :]] = prios[b.key][..., :, None]
        return C

    def weighted(
        self, prios: Mapping[ComparisonKey, FloatArray]
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """U, C and W = C (expanded) * U, columns renormalised."""
        U, C = self.unweighted(prios), self.cluster(prios)
        return U, C, weighted_supermatrix(U, C, self.sizes)


def network_plan(model: Model, criterion: str) -> NetworkPlan:
    """Map the comparisons under ``criterion`` to blocks of U and C.

    Column node j of cluster J takes, for each cluster I, the comparison of
    I's nodes with respect to j, else to J, else to the criterion.
    """
    if criterion not in model.criterion_by_id:
        msg = f"unknown criterion {criterion!r}; the model has: {', '.join(model.criterion_by_id)}"
        raise ANPError(msg)
    comps = model.comparison_by_key
    node_pos = {nid: k for k, nid in enumerate(model.node_ids)}
    cluster_pos = {c.id: k for k, c in enumerate(model.clusters)}
    node_cols: dict[ComparisonKey, list[int]] = {}
    linked = np.zeros((len(model.clusters), len(model.clusters)), bool)
    for J, cl in enumerate(model.clusters):
        for node in cl.nodes:
            for row, target in enumerate(model.clusters):
                for wrt in (node.id, cl.id, criterion):
                    key: ComparisonKey = (criterion, "nodes", wrt, target.id)
                    if key in comps:
                        node_cols.setdefault(key, []).append(node_pos[node.id])
                        linked[row, J] = True
                        break
    node_blocks = tuple(
        Block(k, np.array([node_pos[e] for e in comps[k].elements]), np.array(cols))
        for k, cols in node_cols.items()
    )
    cluster_cols: dict[ComparisonKey, list[int]] = {}
    fixed = np.zeros(linked.shape)
    for J, cl in enumerate(model.clusters):
        candidates: tuple[ComparisonKey, ...] = (
            (criterion, "clusters", cl.id, None),
            (criterion, "clusters", criterion, None),
        )
        for key in candidates:
            if key in comps:
                cluster_cols.setdefault(key, []).append(J)
                break
        else:
            if linked[:, J].any():
                fixed[linked[:, J], J] = 1.0 / linked[:, J].sum()
    cluster_blocks = tuple(
        Block(k, np.array([cluster_pos[e] for e in comps[k].elements]), np.array(cols))
        for k, cols in cluster_cols.items()
    )
    return NetworkPlan(
        criterion=criterion,
        sizes=tuple(len(c.nodes) for c in model.clusters),
        node_blocks=node_blocks,
        cluster_blocks=cluster_blocks,
        fixed_cluster=frozen(fixed),
    )


def comparison_priorities(comparisons: list[Comparison]) -> dict[ComparisonKey, FloatArray]:
    """Eigenvector priorities of comparisons, complete ones of equal size in one batched call.

    Incomplete matrices (``None`` judgments) use Harker's method. The model
    was validated when loaded, so nothing is validated here.
    """
    out: dict[ComparisonKey, FloatArray] = {}
    by_size: dict[int, list[Comparison]] = {}
    for comp in comparisons:
        if any(x is None for row in comp.matrix for x in row):
            A = np.array([[np.nan if x is None else x for x in row] for row in comp.matrix])
            out[comp.key] = principal_eigen(harker_matrix(A))[0]
        else:
            by_size.setdefault(len(comp.elements), []).append(comp)
    for comps in by_size.values():
        w, _ = principal_eigen(np.array([c.matrix for c in comps], dtype=float))
        for comp, row in zip(comps, w, strict=True):
            out[comp.key] = row
    return out


@dataclass(frozen=True, eq=False)
class CriterionNetwork:
    """Everything computed for one control criterion (immutable: arrays are read-only).

    Attributes
    ----------
    criterion : str
    node_ids, cluster_ids : tuple of str
        Row/column order of the supermatrices and the cluster matrix.
    unweighted, cluster, weighted : ndarray
        U (n x n), C (k x k) and W (n x n).
    limit : LimitResult
        The limit of W with its diagnosis.
    ranked_ids : tuple of str
        The nodes the results rank (``Model.ranked_node_ids``).
    priorities : ndarray
        The limit's normalised row sums restricted to ``ranked_ids`` and
        normalised to sum 1 (the paper's conditional weights).
    notes : tuple of str
        What a reader should know (sinks, for instance).
    """

    criterion: str
    node_ids: tuple[str, ...]
    cluster_ids: tuple[str, ...]
    unweighted: FloatArray
    cluster: FloatArray
    weighted: FloatArray
    limit: LimitResult
    ranked_ids: tuple[str, ...]
    priorities: FloatArray
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for a in (self.unweighted, self.cluster, self.weighted, self.priorities):
            frozen(a)

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays (for the engine's byte-bounded cache).

        A limit stored as a broadcast of one column counts ``n`` values, not
        ``n x n`` (:func:`anp_core.cache.array_bytes`).
        """
        arrays = (self.unweighted, self.cluster, self.weighted, self.priorities, self.limit.limit)
        return sum(array_bytes(a) for a in arrays) + 1024

    def frames(self, model: Model) -> dict[str, pd.DataFrame]:
        """Return U, C, W and the limit as labelled DataFrames (names as labels; copies)."""
        nodes = [model.label(i) for i in self.node_ids]
        clus = [model.label(i) for i in self.cluster_ids]
        return {
            "unweighted": pd.DataFrame(self.unweighted.copy(), index=nodes, columns=nodes),
            "cluster": pd.DataFrame(self.cluster.copy(), index=clus, columns=clus),
            "weighted": pd.DataFrame(self.weighted.copy(), index=nodes, columns=nodes),
            "limit": pd.DataFrame(self.limit.limit.copy(), index=nodes, columns=nodes),
        }


def source_nodes(W: FloatArray) -> npt.NDArray[np.intp]:
    """Return the nodes nothing links to (zero row) that link to something (non-zero column): a goal."""
    return np.flatnonzero(~W.any(axis=1) & W.any(axis=0))


def restricted(priorities: FloatArray, node_ids: tuple[str, ...], ranked: tuple[str, ...]) -> FloatArray:
    """Priorities of the ``ranked`` nodes, renormalised to sum 1 (equal if they hold no weight).

    When every node is ranked the priorities (which sum to 1) come back unchanged, not divided again.
    """
    if ranked == node_ids:
        return np.array(priorities, dtype=float)
    pos = {nid: k for k, nid in enumerate(node_ids)}
    priorities = priorities[..., [pos[i] for i in ranked]]
    total = priorities.sum(axis=-1, keepdims=True)
    out: FloatArray = np.divide(
        priorities, total, out=np.full(priorities.shape, 1.0 / priorities.shape[-1]), where=total > 0
    )
    return out


def build_network(model: Model, criterion: str, *, sinks: str | None = None) -> CriterionNetwork:
    """Build U, C, W, the limit and the limit priorities of one criterion.

    ``sinks`` defaults to the model's ``settings.sinks``. Not cached: call
    :func:`anp_core.evaluate.criterion_network` for the cached result.
    """
    plan = network_plan(model, criterion)
    if not plan.node_blocks:
        msg = f"criterion {criterion!r} has no network: give at least one 'nodes' comparison under it"
        raise ANPError(msg)
    prios = comparison_priorities([model.comparison_by_key[k] for k in plan.keys])
    U, C, W = plan.weighted(prios)
    labels = tuple(model.label(i) for i in model.node_ids)
    lim = limit_matrix(W, sinks=sinks or model.settings.sinks, labels=labels)
    notes: list[str] = []
    if lim.sinks:
        notes.append("nodes with no outgoing links (sinks): " + ", ".join(labels[j] for j in lim.sinks))
    read = np.array(lim.priorities)
    if model.settings.priorities == "sources":
        sources = source_nodes(W)
        if sources.size:
            read = lim.limit[:, sources].mean(axis=1)
            notes.append("priorities read from the column(s) of " + ", ".join(labels[j] for j in sources))
        else:
            notes.append("no source node (every node is linked to): priorities are the limit's row sums")
    return CriterionNetwork(
        criterion=criterion,
        node_ids=model.node_ids,
        cluster_ids=tuple(c.id for c in model.clusters),
        unweighted=U,
        cluster=C,
        weighted=W,
        limit=lim,
        ranked_ids=model.ranked_node_ids,
        priorities=restricted(read, model.node_ids, model.ranked_node_ids),
        notes=tuple(notes),
    )
