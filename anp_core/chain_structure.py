r"""The graph structure of a column-stochastic matrix, as the limit's solve paths need it.

The graph of ``W`` has an edge ``j -> i`` for every ``W[i, j] > 0``. Its
strongly connected components come from
:func:`scipy.sparse.csgraph.connected_components`; a component that no edge
leaves (and that holds no sink, an all-zero column) is a *closed class*, the
other nodes are *transient*. The period of a strongly connected set is the
gcd of its cycle lengths, found from one breadth-first search (Kemeny &
Snell 1960; Saaty 2001, the chapter on the limit supermatrix).
:func:`anp_core.limit.limit_matrix` picks its solve path from this.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.sparse import csgraph

from anp_core.kernel import FloatArray

__all__ = ["ChainStructure"]


class ChainStructure:
    """Strongly connected components, closed classes, transient nodes, acyclicity of ``M``.

    ``graph`` is the pattern of ``M`` itself: an entry ``(i, j)`` is the edge
    ``j -> i`` of the flow. Components, periods and closedness do not depend
    on the orientation as long as it is read consistently.

    Parameters
    ----------
    M : ndarray, shape (n, n)
        A validated column-stochastic matrix (columns sum to 1, or are 0: sinks).
    sink_idx : ndarray of int
        Indices of its all-zero columns (no class holding one is closed).

    Attributes
    ----------
    edges : tuple of two int arrays
        ``(rows, cols)`` of the entries ``M[rows, cols] > 0``, sorted by row.
    graph : scipy.sparse.csr_array
        The pattern of ``M``.
    ncomp, comp
        Number of strongly connected components; each node's component.
    closed : list of int arrays
        Each closed class's nodes, sorted, ordered by their smallest node.
    transient : int array
        Nodes in no closed class and not sinks.
    sinks : int array
        ``sink_idx``.
    loops : bool array
        Nodes with a self-loop (``M[i, i] > 0``).
    acyclic : bool
        No cycle at all: every component is one node without a self-loop.

    Examples
    --------
    >>> st = ChainStructure(np.roll(np.eye(3), 1, axis=0), np.empty(0, np.intp))
    >>> st.irreducible, st.period(st.closed[0]), st.transient.tolist()
    (True, 3, [])
    """

    def __init__(self, M: FloatArray, sink_idx: npt.NDArray[np.intp]) -> None:
        n = M.shape[0]
        flat = np.flatnonzero(M > 0)  # row-major, so sorted by row (4x faster than np.nonzero)
        rows = flat // n
        cols = flat - rows * n
        self.edges = (rows, cols)  # M[rows, cols] > 0: flow cols -> rows
        indptr = np.searchsorted(rows, np.arange(n + 1)).astype(np.int32)  # rows are sorted
        self.graph = sp.csr_array((np.ones(rows.size), cols.astype(np.int32), indptr), shape=(n, n))
        ncomp, comp = csgraph.connected_components(self.graph, directed=True, connection="strong")
        self.ncomp = int(ncomp)
        self.comp = comp
        if ncomp == 1:  # no edge can leave the one component; only a sink keeps it from being closed
            self.closed = [np.arange(n)] if not sink_idx.size else []
        else:
            left = np.zeros(ncomp, bool)
            left[comp[cols[comp[rows] != comp[cols]]]] = True  # some edge leaves the component
            left[comp[sink_idx]] = True  # a sink is no closed class
            order = np.argsort(comp, kind="stable")
            bounds = np.searchsorted(comp[order], np.arange(ncomp + 1))
            members = [order[bounds[c] : bounds[c + 1]] for c in range(ncomp)]
            self.closed = sorted((members[c] for c in np.flatnonzero(~left)), key=lambda c: int(c[0]))
        in_closed = np.zeros(n, bool)
        for c in self.closed:
            in_closed[c] = True
        in_closed[sink_idx] = True
        self.transient = np.flatnonzero(~in_closed)
        self.sinks = sink_idx
        self.loops = np.diagonal(M) > 0
        self.acyclic = ncomp == n and not self.loops.any()

    @property
    def irreducible(self) -> bool:
        """One closed class holding every node."""
        return len(self.closed) == 1 and self.closed[0].size == self.comp.size

    def period(self, nodes: npt.NDArray[np.intp]) -> int:
        """Period of a strongly connected set: gcd of ``level(u) + 1 - level(v)`` over its edges ``u -> v``.

        ``level`` is the breadth-first depth from one node (on the reversed
        flow, which has the same cycles); every cycle length is a sum of these
        offsets and each offset is a multiple of the period.
        """
        return self.cycle(nodes)[0]

    def cycle(self, nodes: npt.NDArray[np.intp]) -> tuple[int, list[npt.NDArray[np.intp]]]:
        """Period ``d`` of a strongly connected set and its cyclic classes ``C_0 .. C_{d-1}``.

        ``C_k`` holds the nodes whose breadth-first level (:meth:`period`) is
        ``k`` mod ``d``. Every entry ``M[i, j] > 0`` inside the set goes from
        column ``j`` in ``C_k`` to row ``i`` in ``C_{k-1}`` (indices mod ``d``):
        ``M`` moves all the mass of ``C_k`` into ``C_{k-1}`` (Kemeny & Snell
        1960, the cyclic classes of a periodic chain). With ``d = 1`` the one
        class is ``nodes``.
        """
        if nodes.size == 1 or self.loops[nodes].any():
            return 1, [nodes]  # a self-loop is a cycle of length 1
        rows, cols = self.edges
        if nodes.size == self.comp.size:
            graph = self.graph
            first = 0
        else:
            inside = np.zeros(self.comp.size, bool)
            inside[nodes] = True
            keep = inside[rows] & inside[cols]
            rows, cols = rows[keep], cols[keep]
            graph = sp.csr_array((np.ones(rows.size), (rows, cols)), shape=self.graph.shape)
            first = int(nodes[0])
        _, pred = csgraph.breadth_first_order(graph, first, directed=True, return_predecessors=True)
        # depth in the breadth-first tree by pointer jumping (log2(depth) vectorised rounds)
        jump = np.where(pred < 0, np.arange(pred.size), pred)
        level = (pred >= 0).astype(np.int64)
        while True:
            nxt = jump[jump]
            if np.array_equal(nxt, jump):
                break
            level = level + level[jump]
            jump = nxt
        # offsets lie in 0 .. depth + 1: the gcd of the distinct ones (a few) is that of all
        seen = np.zeros(int(level.max()) + 2, bool)
        seen[np.abs(level[rows] + 1 - level[cols])] = True
        d = int(np.gcd.reduce(np.flatnonzero(seen))) or 1
        if d == 1:
            return 1, [nodes]
        phase = level[nodes] % d
        return d, [nodes[phase == k] for k in range(d)]
