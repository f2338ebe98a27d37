"""Supermatrices of one control criterion's network.

ANP_METHOD.md section 2: a comparison of the nodes of cluster I with respect
to node j fills block (I, j) of the unweighted supermatrix U; the cluster
comparison with respect to column cluster J fills column J of the cluster
matrix C; the weighted supermatrix is ``W[i, j] = C[I, J] * U[i, j]`` with
each non-zero column renormalised to sum 1. A comparison given with respect
to a cluster applies to every node of it, one given with respect to the
criterion to every column; a node-specific comparison overrides both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from anp_core.errors import ANPError
from anp_core.limit import LimitResult, limit_matrix
from anp_core.model_file import Comparison, Model
from anp_core.pairwise import PairwiseMatrix

__all__ = [
    "CriterionNetwork",
    "build_network",
    "cluster_matrix",
    "unweighted_supermatrix",
]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class CriterionNetwork:
    """Everything computed for one control criterion.

    Attributes
    ----------
    criterion : str
        Criterion id.
    node_ids, cluster_ids : tuple of str
        Row/column order of the supermatrices and the cluster matrix.
    unweighted, cluster, weighted : ndarray
        U (n x n), C (m x m) and W (n x n), column-stochastic (or zero).
    limit : LimitResult
        The limit of W with its diagnosis.
    priorities : ndarray
        Limit priorities of the factor nodes, summing to 1 (the paper's
        conditional weights).
    """

    criterion: str
    node_ids: tuple[str, ...]
    cluster_ids: tuple[str, ...]
    unweighted: FloatArray
    cluster: FloatArray
    weighted: FloatArray
    limit: LimitResult
    priorities: FloatArray
    notes: tuple[str, ...] = field(default=())

    def frames(self, model: Model) -> dict[str, pd.DataFrame]:
        """Return U, C, W and the limit as labelled DataFrames (names as labels)."""
        nodes = [model.label(i) for i in self.node_ids]
        clus = [model.label(i) for i in self.cluster_ids]
        return {
            "unweighted": pd.DataFrame(self.unweighted, index=nodes, columns=nodes),
            "cluster": pd.DataFrame(self.cluster, index=clus, columns=clus),
            "weighted": pd.DataFrame(self.weighted, index=nodes, columns=nodes),
            "limit": pd.DataFrame(self.limit.limit, index=nodes, columns=nodes),
        }


def _priorities(comp: Comparison) -> FloatArray:
    name = f"{comp.criterion} / {comp.kind} w.r.t. {comp.wrt}"
    return PairwiseMatrix(np.asarray(comp.matrix, dtype=float), comp.elements, name=name).priorities()


def criterion_priorities(model: Model, criterion: str) -> dict[tuple[str, str, str, str | None], FloatArray]:
    """Eigenvector priorities of every comparison under ``criterion``.

    Matrices of equal size are solved together with one stacked
    ``numpy.linalg.eig`` call (same LAPACK routine per matrix as
    :meth:`PairwiseMatrix.priorities`, so the results are identical).
    """
    by_size: dict[int, list[Comparison]] = {}
    for comp in model.comparisons_for(criterion):
        by_size.setdefault(len(comp.elements), []).append(comp)
    out: dict[tuple[str, str, str, str | None], FloatArray] = {}
    for size, comps in by_size.items():
        if size == 1:
            for comp in comps:
                out[comp.key] = np.ones(1)
            continue
        stack = np.array([c.matrix for c in comps], dtype=float)
        values, vectors = np.linalg.eig(stack)
        k = np.argmax(values.real, axis=1)
        w = np.abs(np.take_along_axis(vectors.real, k[:, None, None], axis=2)[..., 0])
        w /= w.sum(axis=1, keepdims=True)
        for comp, row in zip(comps, w, strict=True):
            out[comp.key] = row
    return out


def unweighted_supermatrix(model: Model, criterion: str) -> FloatArray:
    """Return U for ``criterion``: block (I, j) = priorities of I's nodes w.r.t. j.

    The comparison used for column j and cluster I is the first found of:
    with respect to node j, to j's cluster, to the criterion.
    """
    index = {nid: k for k, nid in enumerate(model.node_ids)}
    n = len(index)
    U = np.zeros((n, n))
    comps = model.comparison_by_key
    prios = criterion_priorities(model, criterion)
    for cl in model.clusters:
        for node in cl.nodes:
            j = index[node.id]
            for target in model.clusters:
                for wrt in (node.id, cl.id, criterion):
                    key = (criterion, "nodes", wrt, target.id)
                    comp = comps.get(key)
                    if comp is not None:
                        rows = [index[e] for e in comp.elements]
                        U[rows, j] = prios[key]
                        break
    return U


def cluster_matrix(model: Model, criterion: str, U: FloatArray) -> FloatArray:
    """Return C for ``criterion``: column J = priorities of the clusters w.r.t. J.

    The comparison with respect to cluster J is used if given, else the one
    with respect to the criterion. A column cluster with links but no
    cluster comparison weighs its linked clusters equally (documented
    default: no judgment means no preference).
    """
    cids = [c.id for c in model.clusters]
    pos = {c: k for k, c in enumerate(cids)}
    m = len(cids)
    C = np.zeros((m, m))
    bounds = _cluster_bounds(model)
    comps = model.comparison_by_key
    for J, cid in enumerate(cids):
        comp = comps.get((criterion, "clusters", cid, None)) or comps.get(
            (criterion, "clusters", criterion, None)
        )
        if comp is not None:
            C[[pos[e] for e in comp.elements], J] = _priorities(comp)
            continue
        a, b = bounds[cid]
        linked = [k for k, other in enumerate(cids) if U[slice(*bounds[other]), a:b].any()]
        if linked:
            C[linked, J] = 1.0 / len(linked)
    return C


def _cluster_bounds(model: Model) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    start = 0
    for c in model.clusters:
        out[c.id] = (start, start + len(c.nodes))
        start += len(c.nodes)
    return out


def weighted_supermatrix(model: Model, U: FloatArray, C: FloatArray) -> FloatArray:
    """Return W = C (expanded to node blocks) * U, non-zero columns renormalised."""
    sizes = [len(c.nodes) for c in model.clusters]
    expanded = np.repeat(np.repeat(C, sizes, axis=0), sizes, axis=1)
    W = expanded * U
    sums = W.sum(axis=0)
    nz = sums > 0
    W[:, nz] /= sums[nz]
    return W


def build_network(model: Model, criterion: str, *, sinks: str = "calculus") -> CriterionNetwork:
    """Build U, C, W and the limit for one criterion of ``model``.

    Limit priorities are the average of the limit's columns restricted to
    the factor nodes and normalised to sum 1 (ANP_METHOD.md section 2). For
    an irreducible W every column is the same stationary vector; for a
    reducible one the average corresponds to starting from every node
    equally, and the diagnosis says so.
    """
    if criterion not in model.criterion_by_id:
        msg = f"unknown criterion {criterion!r}; the model has: {', '.join(model.criterion_by_id)}"
        raise ANPError(msg)
    if not any(c.criterion == criterion and c.kind == "nodes" for c in model.comparisons):
        msg = f"criterion {criterion!r} has no network: give at least one 'nodes' comparison under it"
        raise ANPError(msg)
    U = unweighted_supermatrix(model, criterion)
    C = cluster_matrix(model, criterion, U)
    W = weighted_supermatrix(model, U, C)
    if not W.any():
        msg = f"criterion {criterion!r}: the weighted supermatrix is all zero (no cluster links any node)"
        raise ANPError(msg)
    labels = tuple(model.label(i) for i in model.node_ids)
    lim = limit_matrix(W, sinks=sinks, labels=labels)
    col = lim.limit.mean(axis=1)
    total = col.sum()
    prio = col / total if total > 0 else np.full(len(col), 1.0 / len(col))
    notes: list[str] = []
    zero_cols = [model.label(model.node_ids[j]) for j in np.flatnonzero(W.sum(axis=0) == 0)]
    if zero_cols:
        notes.append("nodes with no outgoing links (sinks): " + ", ".join(zero_cols))
    return CriterionNetwork(
        criterion=criterion,
        node_ids=model.node_ids,
        cluster_ids=tuple(c.id for c in model.clusters),
        unweighted=U,
        cluster=C,
        weighted=W,
        limit=lim,
        priorities=prio,
        notes=tuple(notes),
    )
