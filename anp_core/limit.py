"""Limit supermatrix: the long-run priorities of an ANP network.

The weighted supermatrix ``W`` of a network is column-stochastic: column ``j``
says how node ``j`` distributes its influence over the nodes ``i``
(``W[i, j] >= 0``, ``sum_i W[i, j] = 1``).  The limit supermatrix is
``lim_p W^p`` when it exists and its Cesàro limit otherwise (Saaty 2001,
the chapter on the limit supermatrix).  This module computes it **exactly**, by linear solves on the
structure of the chain, never by waiting for powers to converge:

* **primitive** (irreducible and aperiodic): every column of the limit is the
  stationary vector ``pi`` with ``W pi = pi``, ``1^T pi = 1``;
* **periodic** (irreducible with period ``d > 1``): the powers cycle, and the
  Cesàro average ``(W^p + ... + W^{p+d-1}) / d`` tends to ``pi 1^T``;
* **reducible** (closed classes and transient nodes): each closed class has its
  own stationary vector, and a transient column is the mixture of those vectors
  weighted by its absorption probabilities;
* **sinks** (all-zero columns, such as the alternatives of a hierarchy): one of
  three conventions, see :func:`limit_matrix`.

The graph of ``W`` has an edge ``j -> i`` whenever ``W[i, j] > 0``.  For dense
input without sinks, whether it is strongly connected, and its period, come
from two breadth-first searches in numpy; in every other case its strongly
connected components come from
:func:`scipy.sparse.csgraph.connected_components`.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.linalg import lapack
from scipy.sparse import csgraph
from scipy.sparse.linalg import spsolve

from anp_core.errors import ANPError, NotConvergedError, NotStochasticError

__all__ = ["LimitResult", "limit_matrix", "power_residuals"]

SINK_MODES = ("calculus", "absorbing", "hierarchy")

# Negative entries down to -_NOISE are rounding noise from upstream arithmetic
# and are clipped to 0; anything more negative is an error.
_NOISE = 1e-12
# Sparse input is solved with SuperLU only above this size: the fill-in of
# SuperLU on unstructured sparse patterns makes a dense LU faster below it.
_SPARSE_SOLVE_MIN_N = 4000
# Dense input above this size is first analysed on a sampled subgraph (see
# _sampled_structure), which avoids building the full edge list.
_SAMPLED_MIN_N = 300
_SAMPLES_PER_COLUMN = 24
# A quotient over at most this many components of the sampled subgraph is
# cheap (n^2 * k flops); beyond it the full edge list is cheaper.
_MAX_QUOTIENT = 32
# Dense solves up to this size call LAPACK's dgesv through scipy.linalg.lapack,
# which skips about 5 us of the 10 us numpy.linalg.solve takes at n = 20 (its
# Python-level checks); OpenBLAS factors these sizes on one thread (getrf goes
# parallel from n * n >= 10000).  Larger solves use numpy.linalg.solve: numpy
# and scipy each bundle their own OpenBLAS with its own thread pool, and
# alternating between the pools (the products here are numpy's) made both
# wait for the other's threads, by 1.5x to 10x at n = 200..1000 on 2 cores.
_LAPACK_MAX_N = 96
# Dense input without sinks is first tested for irreducibility (strictly
# positive: nothing to test; otherwise _irreducible_period); if it is
# irreducible, the general structure analysis below is skipped.  Tests turn
# this off to run the general path on irreducible matrices too.
_FAST_IRREDUCIBLE = True
# Up to this size _irreducible_period tests a matrix with a self-loop by
# boolean squaring, and runs its two searches as one otherwise.
_SQUARING_MAX_N = 32
_LOCKSTEP_MAX_N = 256
# Up to this size the period's gcd runs over every edge; above it over the
# pairs of BFS levels that some edge joins.
_DIRECT_GCD_MAX_N = 128
_EPS = float(np.finfo(float).eps)
# Changes of normalised iterates below this are rounding, not convergence.
_ROUNDING = 64 * _EPS
_NO_NODES = np.empty(0, np.intp)
_NO_NODES.flags.writeable = False


@dataclass(frozen=True, eq=False)
class LimitResult:
    """The limit supermatrix of a weighted supermatrix and how it was found.

    Instances are immutable and compare by identity (``eq=False``): the arrays
    they hold have no single truth value.

    Attributes
    ----------
    limit : numpy.ndarray
        ``n x n`` limit matrix.  Every column sums to 1 (a column is 0 only if
        it has no limit mass at all, which cannot happen in the modes offered;
        the check is a guard against division by zero).
    diagnosis : str
        ``"primitive"``, ``"periodic"``, ``"reducible"`` or ``"sinks"``.
    period : int or None
        Period of the irreducible chain (1 if primitive); for a reducible chain
        or with sinks, the largest period over the closed classes; ``None``
        when no closed class exists (hierarchy formula, or every column leaks
        into sinks).
    closed_classes : tuple of tuple of int
        Node indices of each closed (recurrent) class, each sorted, ordered by
        their smallest index.  With ``sinks="absorbing"`` each sink is a closed
        singleton.
    sinks : tuple of int
        Indices of the all-zero columns of the input.
    method : str
        How the limit was computed, in words.
    iterations : int
        Number of matrix products used (0 when everything was solved directly).
    residual : float
        Accuracy check, see the Notes of :func:`limit_matrix`.
    labels : tuple of str or None
        Node labels, if given.
    """

    limit: np.ndarray
    diagnosis: str
    period: int | None
    closed_classes: tuple[tuple[int, ...], ...]
    sinks: tuple[int, ...]
    method: str
    iterations: int
    residual: float
    labels: tuple[str, ...] | None = None

    def stationary(self) -> np.ndarray:
        """Return the first column of the limit.

        When all columns agree (an irreducible matrix) this is the limit
        vector, the stationary vector ``pi`` of ``W``.

        Returns
        -------
        numpy.ndarray
            A copy of ``limit[:, 0]``.
        """
        return self.limit[:, 0].copy()


def limit_matrix(
    W,
    sinks: str = "calculus",
    *,
    labels=None,
    tol: float = 1e-9,
    max_iter: int = 100_000,
) -> LimitResult:
    r"""Compute the limit supermatrix of a column-stochastic matrix, exactly.

    Parameters
    ----------
    W : array_like or scipy.sparse matrix, shape (n, n)
        Weighted supermatrix.  Entries finite and ``>= 0`` (``-1e-12`` of
        rounding noise is clipped); every column sums to 1 within ``tol`` or is
        all zero (a *sink*).  Columns whose sum differs from 1 by more than the
        rounding of the sum itself are rescaled to sum to 1.
    sinks : {"calculus", "absorbing", "hierarchy"}, default "calculus"
        What to do when ``W`` has sinks; ignored when it has none.

        * ``"calculus"`` (Super Decisions' default): the limit of the powers
          of ``W`` with every column renormalised to sum 1.  On an acyclic
          ``W`` this is the hierarchy formula.
        * ``"absorbing"``: put 1 on the diagonal of every sink, which turns
          the limit into Saaty's hierarchic composition.
        * ``"hierarchy"``: Super Decisions' hierarchy formula, only for an
          acyclic ``W``.
    labels : sequence of str, optional
        Node names, used in error messages and stored on the result.
    tol : float, default 1e-9
        Tolerance on column sums (``|sum - 1| <= tol``), and convergence
        tolerance of the normalised powers (the only iterative step, see
        Notes).
    max_iter : int, default 100000
        Budget of matrix products for the normalised powers.

    Returns
    -------
    LimitResult
        The limit matrix with its diagnosis, period, closed classes, sinks,
        method, iteration count and residual.

    Raises
    ------
    NotStochasticError
        ``W`` is not square, not finite, has a negative entry or a column that
        neither sums to 1 nor is all zero; the message names the column (by
        label if given) and the value.
    ANPError
        Unknown ``sinks`` mode, bad ``labels``/``tol``/``max_iter``,
        ``sinks="hierarchy"`` on a matrix with cycles, or a numerically
        singular system.
    NotConvergedError
        The normalised powers of the columns that leak entirely into sinks did
        not settle within ``max_iter`` products.

    See Also
    --------
    power_residuals : how fast the plain powers settle, for teaching charts.

    Notes
    -----
    **Structure.**  The graph of ``W`` has an edge ``j -> i`` for every
    ``W[i, j] > 0``.  A strictly positive ``W`` is primitive (irreducible, and
    aperiodic through its self-loops) and is solved at once.  Other dense
    input without sinks is first tested for irreducibility by two
    breadth-first searches from node 0, one along the edges and one against
    them: the graph is strongly connected iff both reach every node.  If not
    (and for sparse input), the strongly connected components are computed
    (:func:`scipy.sparse.csgraph.connected_components`).  A component that no
    edge leaves is a *closed class*; the other non-sink nodes are *transient*.
    The period of a class is 1 if it has a self-loop, otherwise the gcd over
    its edges ``u -> v`` of ``level(u) + 1 - level(v)`` for the levels of any
    spanning tree (every cycle length is a sum of these offsets, and each is a
    multiple of the period); the search against the edges gives such levels:
    ``level(u) = -dist(u, 0)``.

    **Irreducible** (no sinks, one closed class, no transient nodes).  Solve
    ``(I - W) pi = 0``, ``1^T pi = 1`` with one LU factorisation of ``I - W``
    whose last row is replaced by ones.  The limit is ``pi 1^T``.  For a
    periodic matrix this is the Cesàro limit
    ``lim_p (W^p + ... + W^{p+d-1}) / d``; an oscillating power is never
    returned.

    **Reducible.**  Each closed class ``C_r`` gets its stationary vector
    ``pi_r`` (a solve on its block).  With ``Q = W[T, T]`` over the transient
    nodes ``T`` and ``R[r, :] = 1^T W[C_r, T]``, the absorption probabilities
    are ``A = R (I - Q)^{-1}`` (one solve, all classes as right-hand sides;
    Kemeny & Snell 1960).  Column ``j`` of the limit is
    ``sum_r A[r, j] pi_r`` for transient ``j`` and ``pi_r`` for ``j`` in
    ``C_r``.

    **Sinks.**  ``"absorbing"`` adds ``e_s e_s^T`` for every sink ``s`` and
    proceeds as above (each sink becomes a closed singleton).  The
    ``"hierarchy"`` formula, for a nilpotent ``W`` (no cycles, no self-loops),
    is ``L = normalise(sum_{p >= 1} W^p) = normalise((I - W)^{-1} W)`` with
    one solve; a sink's own column of that sum is 0, so it is given 1 on its
    diagonal instead, and every column sums to 1.  ``"calculus"`` is the limit
    of ``W^p e_j / (1^T W^p e_j)``: it uses the hierarchy formula when ``W``
    is nilpotent (as Super Decisions does); otherwise mass reaching a sink
    disappears, so for a column that can reach a closed class the limit is
    ``normalise(sum_r A[r, j] pi_r)`` with ``A`` from the solve above (sinks
    act as killing states).  A sink's column is ``e_s`` (its last non-zero
    power is the zeroth).  Columns that reach no closed class at all (their
    mass leaks out through cycles into sinks) are the one case without a
    closed form here: their normalised powers are iterated,
    ``x <- W x / 1^T W x``, all such columns at once, until the estimated
    remaining error is below ``tol``: the change ``delta`` over ``D`` steps
    (``D`` the lcm of the periods of the cycles involved) and, with the
    observed rate ``r`` of successive changes, ``delta r / (1 - r)``.  The
    average of the last ``D`` iterates is returned (a Cesàro average when the
    iterates oscillate), or the last non-zero iterate if the next one
    vanishes.  Chained cycles that leak at exactly the same rate converge
    like ``1/p``; they raise :class:`NotConvergedError` instead of stopping
    early on a small change.

    **Residual.**  Without sinks, and with ``"absorbing"``:
    ``max |W L - L|`` over all columns, computed as ``max_r |W pi_r - pi_r|``
    (every column is a convex mixture of the ``pi_r``, so both are equal).
    With ``"calculus"``: the same over the closed classes, and for iterated
    columns the estimated remaining error at the stop; the larger is
    reported.  With the hierarchy formula: ``max |(I - W) S - W|`` of the solve
    for ``S = sum_{p >= 1} W^p``.

    References
    ----------
    .. [1] T. L. Saaty, *The Analytic Network Process: Decision Making with
       Dependence and Feedback*, 2nd ed., RWS Publications, 2001 (the chapter
       on the limit supermatrix: its cyclic and reducible cases, hierarchic
       composition).
    .. [2] T. L. Saaty, *Decision Making with Dependence and Feedback*, RWS
       Publications, 1996.
    .. [3] W. J. L. Adams, Super Decisions software and the ``pyanp`` library
       (``pyanp.limitmatrix``): the "calculus" limit of normalised powers and
       the hierarchy formula (described here in our own terms).
    .. [4] J. G. Kemeny and J. L. Snell, *Finite Markov Chains*, Van Nostrand,
       1960 (fundamental matrix and absorption probabilities).

    Examples
    --------
    >>> import numpy as np
    >>> from anp_core.limit import limit_matrix
    >>> res = limit_matrix(np.array([[0.5, 0.2], [0.5, 0.8]]))
    >>> res.diagnosis, res.period, res.method
    ('primitive', 1, 'stationary vector by direct solve')
    >>> res.stationary().round(4)  # pi = (2/7, 5/7)
    array([0.2857, 0.7143])

    A 3-cycle never converges; its Cesàro limit is 1/3 everywhere:

    >>> cyc = limit_matrix(np.roll(np.eye(3), 1, axis=0))
    >>> cyc.diagnosis, cyc.period
    ('periodic', 3)
    >>> cyc.limit.round(4)
    array([[0.3333, 0.3333, 0.3333],
           [0.3333, 0.3333, 0.3333],
           [0.3333, 0.3333, 0.3333]])
    """
    if sinks not in SINK_MODES:
        allowed = ", ".join(repr(m) for m in SINK_MODES)
        raise ANPError(f"unknown sinks mode {sinks!r}; choose one of {allowed}")
    try:
        tol_f = float(tol)
    except (TypeError, ValueError):
        tol_f = math.nan
    if not (math.isfinite(tol_f) and tol_f > 0):
        raise ANPError(f"tol must be a positive finite number, got {tol!r}")
    tol = tol_f
    if isinstance(max_iter, bool) or not isinstance(max_iter, int | np.integer):
        raise ANPError(f"max_iter must be a positive integer, got {max_iter!r}")
    if max_iter < 1:
        raise ANPError(f"max_iter must be a positive integer, got {max_iter!r}")

    M, graph, names, sink_idx, positive = _validated(W, labels, tol)
    if sink_idx.size == 0 and graph is None and _FAST_IRREDUCIBLE:
        period = 1 if positive else _irreducible_period(M)
        if period is not None:
            L, residual = _irreducible_limit(M)
            return LimitResult(
                limit=L,
                diagnosis="primitive" if period == 1 else "periodic",
                period=period,
                closed_classes=(tuple(range(M.shape[0])),),
                sinks=(),
                method=_irreducible_method(period),
                iterations=0,
                residual=residual,
                labels=names,
            )

    sink_t = tuple(sink_idx.tolist())

    def result(lim: _Limit, diagnosis: str, method: str) -> LimitResult:
        return LimitResult(
            limit=lim.L,
            diagnosis=diagnosis,
            period=lim.period,
            closed_classes=tuple(tuple(c.tolist()) for c in lim.classes),
            sinks=sink_t,
            method=method,
            iterations=lim.iterations,
            residual=float(lim.residual),
            labels=names,
        )

    if sink_idx.size == 0:
        st = _structure(M, graph, sink_idx, positive)
        lim = _stochastic_limit(M, st)
        if st.transient.size or len(st.closed) > 1:
            diagnosis = "reducible"
        else:
            diagnosis = "primitive" if lim.period == 1 else "periodic"
        return result(lim, diagnosis, lim.method)

    if sinks == "absorbing":
        M = _with_unit_diagonal(M, sink_idx)
        if graph is not None:
            graph = sp.csr_array(_with_unit_diagonal(graph, sink_idx))
            graph.sum_duplicates()
        lim = _stochastic_limit(M, _structure(M, graph, np.empty(0, np.intp), False))
        method = "sinks made absorbing (1 on the diagonal); " + lim.method
        return result(lim, "sinks", method)

    st = _structure(M, graph, sink_idx, positive)
    if st.acyclic:
        lim = _hierarchy_limit(M, sink_idx)
        return result(lim, "sinks", "hierarchy formula")
    if sinks == "hierarchy":
        raise ANPError(
            "the supermatrix has cycles (a strongly connected set of nodes or a "
            "self-loop), so the 'hierarchy' formula needs an acyclic supermatrix; "
            "use 'calculus' or 'absorbing'"
        )
    lim = _calculus_limit(M, st, names, tol, max_iter)
    return result(lim, "sinks", lim.method)


def power_residuals(W, n_steps: int = 60) -> np.ndarray:
    r"""Return how much the plain powers of ``W`` still change, step by step.

    ``r_p = max |W^{p+1} - W^p|`` for ``p = 1, ..., n_steps``, by repeated
    multiplication.  This is for teaching charts only (a primitive matrix
    gives a decaying curve, a periodic one a flat curve, a slowly mixing one a
    crawling curve); :func:`limit_matrix` never relies on powers when a solve
    works.

    Parameters
    ----------
    W : array_like or scipy.sparse matrix, shape (n, n)
        Supermatrix, validated as in :func:`limit_matrix`.
    n_steps : int, default 60
        Number of differences to return.

    Returns
    -------
    numpy.ndarray
        Array of shape ``(n_steps,)``.

    Raises
    ------
    NotStochasticError
        ``W`` is not a valid supermatrix.
    ANPError
        ``n_steps`` is not a positive integer.

    Examples
    --------
    >>> import numpy as np
    >>> from anp_core.limit import power_residuals
    >>> power_residuals(np.array([[0.5, 0.2], [0.5, 0.8]]), n_steps=3).round(4)
    array([0.15  , 0.045 , 0.0135])
    >>> power_residuals(np.array([[0.0, 1.0], [1.0, 0.0]]), n_steps=3)
    array([1., 1., 1.])
    """
    if isinstance(n_steps, bool) or not isinstance(n_steps, int | np.integer):
        raise ANPError(f"n_steps must be a positive integer, got {n_steps!r}")
    if n_steps < 1:
        raise ANPError(f"n_steps must be a positive integer, got {n_steps!r}")
    M = _validated(W, None, 1e-9)[0]
    if sp.issparse(M):
        M = M.toarray()
    out = np.empty(int(n_steps))
    P = M
    for p in range(int(n_steps)):
        nxt = M @ P
        out[p] = np.abs(nxt - P).max()
        P = nxt
    return out


# --------------------------------------------------------------------------
# validation


def _validated(W, labels, tol):
    """Validate and normalise ``W``.

    Returns (matrix, pattern graph or None, labels, sink indices, all-positive
    flag).  The matrix is dense unless a sparse input is large enough to be
    solved sparse; the graph is given for sparse matrices only.
    """
    if sp.issparse(W) and max(W.shape) < _SPARSE_SOLVE_MIN_N:
        # It will be solved dense anyway, and the dense checks below cost a
        # few numpy reductions where the sparse ones cost a dozen scipy calls.
        W = W.toarray()  # C or F order, whichever is cheaper (F for csc)
    if sp.issparse(W):
        S = sp.csc_array(W, dtype=np.float64, copy=True)
        n = _check_shape(S.shape)
        names = _check_labels(labels, n)
        S.sum_duplicates()
        data = S.data
        bad = ~np.isfinite(data)
        if bad.any():
            _raise_entry(S, int(np.flatnonzero(bad)[0]), names, "must be finite")
        neg = data < -_NOISE
        if neg.any():
            _raise_entry(S, int(np.flatnonzero(neg)[0]), names, "must be >= 0")
        np.maximum(data, 0.0, out=data)
        S.eliminate_zeros()
        colsum = np.asarray(S.sum(axis=0)).ravel()
        scale = _column_scale(colsum, names, tol, n)
        if scale is not None:
            S.data /= np.repeat(scale, np.diff(S.indptr))
        graph = S.tocsr()
        graph.data[:] = 1.0
        return S, graph, names, np.flatnonzero(colsum == 0), S.nnz == n * n

    try:
        A = np.asarray(W, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise NotStochasticError(f"the supermatrix must be a 2-D array of numbers ({exc})") from exc
    n = _check_shape(A.shape)
    names = _check_labels(labels, n)
    colsum = A.sum(axis=0)
    smallest = A.min()
    # The usual case in one combined check: no entry below 0 (a NaN fails the
    # comparison) and every column sums to 1 within tol (an inf or NaN anywhere
    # makes its column sum fail); no column sums to 0 (a sink) then, and there
    # is no noise to clip.
    deviation = np.abs(colsum - 1.0).max()
    if smallest >= 0 and deviation <= tol and deviation < 1.0:
        if deviation > 2 * n * _EPS:
            A = A / colsum
        return A, None, names, _NO_NODES, bool(smallest > 0)
    # NaN and inf propagate into the column sums, so one pass finds them.
    if not np.isfinite(colsum).all():
        cols = np.flatnonzero(~np.isfinite(colsum))
        bad = np.argwhere(~np.isfinite(A[:, cols]))
        if bad.size:
            i, c = bad[0]
            _raise_cell(i, cols[c], A[i, cols[c]], names, "must be finite")
    if smallest < 0:
        i, j = np.unravel_index(int(np.argmin(A)), A.shape)
        if A[i, j] < -_NOISE:
            _raise_cell(i, j, A[i, j], names, "must be >= 0")
        A = np.maximum(A, 0.0)
        colsum = A.sum(axis=0)
    scale = _column_scale(colsum, names, tol, n)
    if scale is not None:
        A = A / scale
    return A, None, names, np.flatnonzero(colsum == 0), bool(smallest > 0)


def _check_shape(shape) -> int:
    if len(shape) != 2 or shape[0] != shape[1]:
        raise NotStochasticError(f"the supermatrix must be a square 2-D array, got shape {tuple(shape)}")
    if shape[0] == 0:
        raise NotStochasticError("the supermatrix is empty (0 x 0)")
    return int(shape[0])


def _check_labels(labels, n: int) -> tuple[str, ...] | None:
    if labels is None:
        return None
    if isinstance(labels, str):
        raise ANPError("labels must be a sequence of node names, not one string")
    names = tuple(str(x) for x in labels)
    if len(names) != n:
        raise ANPError(f"got {len(names)} labels for a {n} x {n} supermatrix")
    return names


def _node(j: int, names) -> str:
    return f"'{names[j]}'" if names is not None else str(int(j))


def _raise_cell(i, j, value, names, rule: str):
    where = (
        f"row {_node(i, names)}, column {_node(j, names)}" if names is not None else f"[{int(i)}, {int(j)}]"
    )
    raise NotStochasticError(f"supermatrix entry {where} is {float(value)!r}; every entry {rule}")


def _raise_entry(S, k: int, names, rule: str):
    j = int(np.searchsorted(S.indptr, k, side="right") - 1)
    _raise_cell(S.indices[k], j, S.data[k], names, rule)


def _column_scale(colsum, names, tol: float, n: int):
    """Check column sums; return the divisors to apply, or None."""
    sink = colsum == 0
    ok = sink | (np.abs(colsum - 1.0) <= tol)
    if not ok.all():
        j = int(np.flatnonzero(~ok)[0])
        raise NotStochasticError(
            f"column {_node(j, names)} of the supermatrix sums to {colsum[j]:.12g}; "
            f"every column must sum to 1 (within tol={tol:g}) or be all zero (a sink)"
        )
    # Deviations within the rounding of an n-term sum are not worth a copy.
    if np.abs(colsum[~sink] - 1.0).max(initial=0.0) <= 2 * n * _EPS:
        return None
    return np.where(sink, 1.0, colsum)


def _with_unit_diagonal(M, idx):
    if sp.issparse(M):
        ones = sp.csc_array((np.ones(idx.size), (idx, idx)), shape=M.shape)
        return sp.csc_array(M + ones)
    M = M.copy()
    M[idx, idx] = 1.0
    return M


# --------------------------------------------------------------------------
# structure: components, closed classes, periods
#
# Graphs follow the csgraph convention on the pattern of W itself:
# G[i, j] != 0 is an edge i -> j, which is the REVERSE of the flow j -> i.
# Components and periods do not depend on the orientation; closedness and
# reachability are read accordingly.


@dataclass
class _Structure:
    comp: np.ndarray  # component of every node
    ncomp: int
    cedges: tuple[np.ndarray, np.ndarray]  # component-level edges (comp[i], comp[j]) for W[i, j] > 0
    closed: list[np.ndarray]
    transient: np.ndarray
    sinks: np.ndarray
    acyclic: bool
    edges: tuple[np.ndarray, np.ndarray] | None  # all (i, j) with W[i, j] > 0, sorted by i
    sampled: tuple[np.ndarray, np.ndarray] | None  # some of them, when the full list was avoided
    sampled_comp: np.ndarray | None
    graph: sp.csr_array | None  # csr of `edges` or of `sampled`


def _structure(M, graph, sink_idx, positive: bool) -> _Structure:
    """Strongly connected components, closed classes and transient nodes."""
    n = M.shape[0]
    edges = sampled = sampled_comp = None
    no_edges = (np.empty(0, np.intp), np.empty(0, np.intp))
    if positive:
        comp, ncomp, cedges = np.zeros(n, np.intp), 1, no_edges
    else:
        res = None
        if graph is None and n >= _SAMPLED_MIN_N:
            res = _sampled_structure(M)
        if res is not None:
            ncomp, comp, cedges, graph, sampled_comp = res
            sampled = _csr_edges(graph)
        else:
            if graph is None:
                edges = _dense_edges(M)
                graph = _csr(n, *edges)
            else:
                edges = _csr_edges(graph)
            ncomp, comp = csgraph.connected_components(graph, directed=True, connection="strong")
            ci, cj = comp[edges[0]], comp[edges[1]]
            cross = ci != cj
            cedges = (ci[cross], cj[cross])

    # An edge (i, j) joining two components means flow leaves comp[j].
    leaves = np.zeros(ncomp, bool)
    leaves[cedges[1]] = True
    leaves[comp[sink_idx]] = True  # a sink is no closed class either
    closed_comps = np.flatnonzero(~leaves)
    if ncomp == 1:
        closed = [np.arange(n)] if closed_comps.size else []
    else:
        order = np.argsort(comp, kind="stable")
        bounds = np.searchsorted(comp[order], np.arange(ncomp + 1))
        closed = sorted((order[bounds[c] : bounds[c + 1]] for c in closed_comps), key=lambda c: int(c[0]))
    in_closed = np.zeros(n, bool)
    for c in closed:
        in_closed[c] = True
    in_closed[sink_idx] = True
    acyclic = ncomp == n and not (_diagonal(M) > 0).any()
    return _Structure(
        comp=comp,
        ncomp=int(ncomp),
        cedges=cedges,
        closed=closed,
        transient=np.flatnonzero(~in_closed),
        sinks=sink_idx,
        acyclic=bool(acyclic),
        edges=edges,
        sampled=sampled,
        sampled_comp=sampled_comp,
        graph=graph,
    )


def _irreducible_period(M: np.ndarray) -> int | None:
    """Period of a dense ``M`` whose graph is strongly connected; None if it is not.

    Two breadth-first searches from node 0 on the pattern ``P = M > 0``:
    against the flow (along the rows of ``P``), which gives every node's
    distance ``h[j]`` to node 0, and along it (along the columns of ``P``).
    The graph is strongly connected iff both reach every node.  The period is
    then the gcd of ``h[i] + 1 - h[j]`` over the edges ``j -> i``
    (``P[i, j]``), all of them ``>= 0``: with ``level = -h`` this is the
    spanning-tree formula of :func:`_levels_and_gcd`.  Each search expands
    every node once, so it costs one pass over ``P`` in all.  Up to
    ``_LOCKSTEP_MAX_N`` nodes both searches run as one, from nodes 0 and
    ``n`` of the block-diagonal pattern ``diag(P, P^T)``, which halves the
    number of numpy steps.  Up to ``_SQUARING_MAX_N`` nodes, a pattern with a
    self-loop (period 1, no levels needed) is tested by repeated squaring
    instead, whose step count does not grow with the diameter.
    """
    P = M > 0
    n = P.shape[0]
    if n <= _SQUARING_MAX_N and P.diagonal().any():
        # A self-loop makes the period 1, so no levels are needed, and for
        # tiny n reachability by squaring takes fewer numpy steps than a
        # search: R = (I + P)^(2^s) > 0 iff a path of length <= 2^s exists.
        # The entries count walks, at most (n + 1)^(2n) < 1e100 here, and a
        # sum of products of non-negative numbers is zero only if every
        # product is, so the zero pattern is exact.
        R = P.astype(float)  # C or F order like M: the diagonal is the same
        R.ravel("K")[:: n + 1] = 1.0
        for _ in range((n - 1).bit_length()):
            if R.all():
                return 1
            R = R @ R
        return 1 if R.all() else None
    if n <= _LOCKSTEP_MAX_N:
        B = np.zeros((2 * n, 2 * n), bool)
        B[:n, :n] = P
        B[n:, n:] = P.T
        h = _bfs_distances(B, (0, n))
        if h is None:
            return None
        h = h[:n]
    else:
        h = _bfs_distances(P, (0,))
        if h is None or _bfs_distances(P.T, (0,)) is None:
            return None
    if P.diagonal().any():
        return 1
    if n > _DIRECT_GCD_MAX_N:
        # Aggregate P over (level of i, level of j) first.  Every level is
        # non-empty, so reduceat sees strictly increasing starts.
        order = np.argsort(h, kind="stable")
        starts = np.searchsorted(h[order], np.arange(h[order[-1]] + 1))
        by_level = np.logical_or.reduceat(P[order], starts, axis=0)
        P = np.logical_or.reduceat(by_level[:, order], starts, axis=1)
        h = np.arange(starts.size)
    offsets = ((h[:, None] + 1) - h)[P]
    return int(np.gcd.reduce(np.bincount(offsets).nonzero()[0]))


def _bfs_distances(G: np.ndarray, sources) -> np.ndarray | None:
    """Distances from ``sources`` along ``j -> G[j]`` (row ``j``'s non-zeros), or None.

    ``G`` is a boolean matrix; None when some node is not reached.
    """
    m = G.shape[0]
    h = np.zeros(m, np.intp)
    seen = np.zeros(m, bool)
    frontier = np.array(sources, np.intp)
    seen[frontier] = True
    count, k = frontier.size, 1
    while count < m:
        new = np.logical_or.reduce(G[frontier], axis=0)
        np.greater(new, seen, out=new)  # new and not seen
        frontier = new.nonzero()[0]
        if not frontier.size:
            return None
        seen[frontier] = True
        h[frontier] = k
        count += frontier.size
        k += 1
    return h


def _dense_edges(M) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) for every ``M[i, j] > 0``, sorted by i (flatnonzero beats nonzero)."""
    m = M.shape[1]
    flat = np.flatnonzero(M > 0)
    rows = flat // m
    return rows, flat - rows * m


def _csr(n: int, rows: np.ndarray, cols: np.ndarray) -> sp.csr_array:
    """Return a csr array of ones from edges sorted by row."""
    indptr = np.zeros(n + 1, np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return sp.csr_array((np.ones(rows.size), cols.astype(np.int32), indptr), shape=(n, n))


def _csr_edges(G) -> tuple[np.ndarray, np.ndarray]:
    return np.repeat(np.arange(G.shape[0]), np.diff(G.indptr)), G.indices.astype(np.intp)


def _sampled_structure(M):
    """Exact components of a large dense matrix without its full edge list.

    A subgraph ``H`` made of ``_SAMPLES_PER_COLUMN`` random entries of every
    column and of every row, kept where positive, is cheap to build.  Every
    strongly connected component of ``H`` lies inside one of ``W``, so
    contracting them gives a quotient ``B = E^T W E`` (``E`` the 0/1
    membership matrix) whose components are exactly those of ``W``.  Returns
    None when ``H`` has too many components for the quotient to pay.
    """
    n = M.shape[0]
    rng = np.random.default_rng(20010101)
    fixed = np.tile(np.arange(n), _SAMPLES_PER_COLUMN)
    rows = np.concatenate([rng.integers(0, n, size=fixed.size), fixed])
    cols = np.concatenate([fixed, rng.integers(0, n, size=fixed.size)])
    keep = M[rows, cols] > 0
    rows, cols = rows[keep], cols[keep]
    H = sp.coo_array((np.ones(rows.size), (rows, cols)), shape=(n, n)).tocsr()
    H.sum_duplicates()
    k, hcomp = csgraph.connected_components(H, directed=True, connection="strong")
    no_edges = (np.empty(0, np.intp), np.empty(0, np.intp))
    if k == 1:
        return 1, np.zeros(n, np.intp), no_edges, H, hcomp
    if k > _MAX_QUOTIENT:
        return None
    E = np.zeros((n, k))
    E[np.arange(n), hcomp] = 1.0
    B = E.T @ (M @ E)
    np.fill_diagonal(B, 0.0)
    q, qcomp = csgraph.connected_components(sp.csr_array(B > 0), directed=True, connection="strong")
    a, b = np.nonzero(B)
    ca, cb = qcomp[a], qcomp[b]
    cross = ca != cb
    return int(q), qcomp[hcomp], (ca[cross], cb[cross]), H, hcomp


def _diagonal(M) -> np.ndarray:
    return M.diagonal() if sp.issparse(M) else np.diagonal(M)


def _class_period(M, nodes: np.ndarray, st: _Structure) -> int:
    """Period of the strongly connected set ``nodes`` (1 if it has a self-loop)."""
    if nodes.size == 1 or (_diagonal(M)[nodes] > 0).any():
        return 1
    n = M.shape[0]
    whole = nodes.size == n
    if st.edges is not None:
        level, g = _levels_and_gcd(nodes, *st.edges, n, st.graph)
    elif st.sampled is not None and np.count_nonzero(st.sampled_comp == st.sampled_comp[nodes[0]]) == (
        nodes.size
    ):
        # nodes form one component of the sampled subgraph: its levels are
        # path lengths in W, but its gcd only bounds the period from above.
        level, g = _levels_and_gcd(nodes, *st.sampled, n, st.graph)
        if g > 1:
            g = _largest_cyclic_divisor(M if whole else M[np.ix_(nodes, nodes)], level, g)
    else:
        block = M if whole else M[np.ix_(nodes, nodes)]
        level, g = _levels_and_gcd(np.arange(nodes.size), *_dense_edges(block), nodes.size)
    return g


def _levels_and_gcd(nodes, rows, cols, n: int, graph=None) -> tuple[np.ndarray, int]:
    """Spanning-tree levels of a strongly connected set and gcd of its edge offsets.

    ``rows, cols`` are edges of a graph on ``n`` nodes, sorted by row (and
    ``graph`` their csr array, if at hand); only those inside ``nodes`` are
    used.  For the levels of any spanning tree,
    ``gcd(level[u] + 1 - level[v])`` over the edges ``u -> v`` is the period:
    every edge offset is a multiple of the period, and every cycle length is a
    sum of edge offsets.
    """
    m = nodes.size
    if m < n:
        local = np.full(n, -1, np.intp)
        local[nodes] = np.arange(m)
        keep = (local[rows] >= 0) & (local[cols] >= 0)
        rows, cols = local[rows[keep]], local[cols[keep]]
        graph = None
    if graph is None:
        graph = _csr(m, rows, cols)
    _, pred = csgraph.breadth_first_order(graph, 0, directed=True, return_predecessors=True)
    # Depth in the BFS tree by pointer jumping (log2(depth) vectorised rounds).
    jump = np.where(pred < 0, 0, pred)
    level = (pred >= 0).astype(np.int64)
    while True:
        nxt = jump[jump]
        if np.array_equal(nxt, jump):
            break
        level = level + level[jump]
        jump = nxt
    offsets = np.abs(level[rows] + 1 - level[cols])
    present = np.flatnonzero(np.bincount(offsets))
    return level, int(np.gcd.reduce(present))


def _largest_cyclic_divisor(block, level, g: int) -> int:
    """Period of a dense strongly connected block, given levels of a subgraph.

    ``g`` comes from a subgraph, so it is a multiple of the period.  The
    period is the largest divisor ``d`` of ``g`` for which every edge
    ``i -> j`` (``block[i, j] > 0``) goes from residue class ``level mod d``
    to the next one, checked on the aggregated ``d x d`` matrix ``E^T W E``.
    """
    m = block.shape[0]
    for d in sorted((d for d in range(2, g + 1) if g % d == 0), reverse=True):
        E = np.zeros((m, d))
        E[np.arange(m), level % d] = 1.0
        B = E.T @ (block @ E)
        B[np.arange(d), (np.arange(d) + 1) % d] = 0.0
        if not B.any():
            return d
    return 1


# --------------------------------------------------------------------------
# solves


@dataclass
class _Limit:
    L: np.ndarray
    period: int | None
    classes: list[np.ndarray]
    residual: float
    iterations: int
    method: str


def _dense_solve(A: np.ndarray, B: np.ndarray, transposed: bool = False):
    """Solve ``A X = B`` (or ``A^T X = B``) by LU with partial pivoting.

    ``A`` is a scratch array we own, C or F order: the small LAPACK path
    factors it in place when it is Fortran-ordered (``A.T`` of a C-ordered
    ``A`` is) and copies it otherwise.
    """
    if A.shape[0] <= _LAPACK_MAX_N:
        X, info = lapack.dgesv(A.T if transposed else A, B, overwrite_a=True)[2:]
        if info != 0:
            raise ANPError(f"the limit system is numerically singular (LAPACK info {info})")
        return X
    try:
        return np.linalg.solve(A.T if transposed else A, B)
    except np.linalg.LinAlgError as exc:
        raise ANPError(f"the limit system is numerically singular ({exc})") from exc


def _sparse_solve(A, B):
    with warnings.catch_warnings():
        warnings.simplefilter("error", sp.linalg.MatrixRankWarning)
        try:
            x = spsolve(sp.csc_array(A), B)
        except sp.linalg.MatrixRankWarning as exc:
            raise ANPError("the limit system is numerically singular") from exc
    return np.asarray(x).reshape(B.shape)


def _stationary(M, nodes: np.ndarray) -> np.ndarray:
    """Stationary vector of the closed block ``M[nodes, nodes]``.

    ``(I - W_C) x = 0`` with its last equation replaced by ``1^T x = 1``.
    """
    m = nodes.size
    if m == 1:
        return np.ones(1)
    whole = m == M.shape[0]
    b = np.zeros(m)
    b[-1] = 1.0
    if sp.issparse(M):
        block = M if whole else sp.csr_array(M)[nodes][:, nodes]
        A = (sp.eye_array(m, format="csr") - sp.csr_array(block)).tolil()
        A[m - 1, :] = np.ones(m)
        x = _sparse_solve(A, b)
    else:
        x = _dense_solve(_stationary_system(M if whole else M[np.ix_(nodes, nodes)]), b)
    return _distribution(x)


def _stationary_system(B: np.ndarray) -> np.ndarray:
    """``I - B`` with its last row replaced by ones, as a new array."""
    A = np.negative(B)  # fresh and contiguous, C or F order like B
    A.ravel("K")[:: A.shape[0] + 1] += 1.0  # a view; the diagonal in either order
    A[-1] = 1.0
    return A


def _distribution(x: np.ndarray) -> np.ndarray:
    """Clip the solution ``x`` of a stationary system at 0 and renormalise it, in place."""
    # x sums to 1 (the last equation), so its sum is finite unless an entry
    # is inf or NaN (or the solve blew up, which is as wrong).
    total = x.sum()
    if not math.isfinite(total):
        raise ANPError("the stationary system is numerically singular")
    if x.min() < 0:
        np.maximum(x, 0.0, out=x)
        total = x.sum()
    if total > 0:
        x /= total
    return x


def _normalised(x: np.ndarray) -> np.ndarray:
    s = x.sum(axis=0)
    return np.divide(x, s, out=np.zeros_like(x), where=s > 0)


def _absorption(M, classes: list[np.ndarray], T: np.ndarray) -> np.ndarray:
    """Probabilities ``A[r, j]`` that mass starting at transient ``T[j]`` ends in class r.

    ``A = R (I - Q)^{-1}``, solved as ``(I - Q)^T A^T = R^T``.  Mass that
    reaches a sink is lost, so with sinks the columns of ``A`` sum to less
    than 1.
    """
    k, t = len(classes), T.size
    if k == 0:
        return np.zeros((0, t))
    if sp.issparse(M):
        Mr = sp.csr_array(M)
        cols = sp.csc_array(Mr[:, T])
        R = np.vstack([np.asarray(cols[C].sum(axis=0)).ravel() for C in classes])
        A = sp.eye_array(t, format="csr") - sp.csr_array(cols[T])
        X = _sparse_solve(A.T, R.T.copy())
    else:
        cols = M[:, T]
        R = np.vstack([cols[C].sum(axis=0) for C in classes])
        A = np.negative(cols[T])
        A.flat[:: t + 1] += 1.0
        X = _dense_solve(A, R.T, transposed=True)
    if not np.isfinite(X).all():
        raise ANPError("the absorption system is numerically singular")
    return np.clip(X.T, 0.0, 1.0)


def _class_parts(M, st: _Structure):
    """Stationary vectors (embedded as columns of Pi), periods and mixing weights.

    ``L = Pi @ coef``: column ``j`` of ``coef`` holds the weights of the
    classes' stationary vectors in column ``j`` of the limit, normalised to
    sum 1 (surviving mass only, when sinks kill some).
    """
    n = M.shape[0]
    k = len(st.closed)
    Pi = np.zeros((n, k))
    periods = []
    coef = np.zeros((k, n))
    for r, C in enumerate(st.closed):
        Pi[C, r] = _stationary(M, C)
        periods.append(_class_period(M, C, st))
        coef[r, C] = 1.0
    T = st.transient
    if T.size and k == 1:
        coef[0, T] = 1.0
    elif T.size and k > 1:
        coef[:, T] = _normalised(_absorption(M, st.closed, T))
    residual = float(np.abs(M @ Pi - Pi).max(initial=0.0))
    return Pi, periods, coef, residual


def _irreducible_method(period: int) -> str:
    if period == 1:
        return "stationary vector by direct solve"
    return f"Cesaro average (period {period}) via stationary solve"


def _irreducible_limit(M: np.ndarray) -> tuple[np.ndarray, float]:
    """Limit ``pi 1^T`` of a dense irreducible ``M`` and ``max |M pi - pi|``.

    The same solve as :func:`_stationary` on the whole matrix, without its
    generality.  The limit is written into the memory of the system matrix,
    which the solve no longer needs (so it is Fortran-ordered when ``M`` is,
    as for sparse csc input): every fresh ``n x n`` array costs its page
    faults again (measured: 3 us per 4 KiB page in a 2-core VM, 1.7 ms at
    n = 500 next to a 3 ms solve).
    """
    n = M.shape[0]
    b = np.zeros(n)
    b[-1] = 1.0
    A = _stationary_system(M)
    pi = _distribution(_dense_solve(A, b))
    residual = float(np.abs(M @ pi - pi).max())
    A[...] = pi[:, None]
    return A, residual


def _stochastic_limit(M, st: _Structure) -> _Limit:
    Pi, periods, coef, residual = _class_parts(M, st)
    if len(periods) == 1:
        L = np.empty((M.shape[0], M.shape[0]))
        L[...] = Pi[:, :1]
    else:
        L = Pi @ coef
    period = max(periods)
    if st.transient.size or len(periods) > 1:
        method = "absorption probabilities + per-class solve"
        if period > 1:
            method += f" (Cesaro average, largest period {period})"
    else:
        method = _irreducible_method(period)
    return _Limit(L, period, st.closed, residual, 0, method)


def _hierarchy_limit(M, sink_idx) -> _Limit:
    n = M.shape[0]
    if sp.issparse(M):
        A = sp.csc_array(sp.eye_array(n, format="csc") - M)
        S = spsolve(A, sp.csc_array(M))
        S = S.toarray() if sp.issparse(S) else np.asarray(S).reshape(n, n)
        residual = np.abs(A @ S - M.toarray()).max()
    else:
        A = np.negative(M)
        A.flat[:: n + 1] += 1.0
        S = np.linalg.solve(A, M)
        residual = np.abs(A @ S - M).max()
    S = np.maximum(S, 0.0)
    S[sink_idx, sink_idx] = 1.0
    return _Limit(_normalised(S), None, [], float(residual), 0, "hierarchy formula")


def _calculus_limit(M, st: _Structure, names, tol: float, max_iter: int) -> _Limit:
    Pi, periods, coef, residual = _class_parts(M, st)
    L = Pi @ coef
    L[st.sinks, st.sinks] = 1.0
    leaky = st.transient[~_reaches_closed(st)[st.transient]]
    iterations = 0
    method = "calculus: absorption probabilities (sinks kill mass) + per-class solve"
    if not st.closed:
        method = "calculus: normalised powers (no closed class; all mass leaks to sinks)"
    if leaky.size:
        D = 1
        for c in np.unique(st.comp[leaky]):
            nodes = np.flatnonzero(st.comp == c)
            D = math.lcm(D, _class_period(M, nodes, st))
        Y, iterations, change = _normalised_powers(M, leaky, D, names, tol, max_iter)
        L[:, leaky] = Y
        residual = max(residual, change)
        if st.closed:
            method += " + normalised powers for columns reaching no closed class"
    period = max(periods) if periods else None
    return _Limit(L, period, st.closed, residual, iterations, method)


def _reaches_closed(st: _Structure) -> np.ndarray:
    """Nodes from which some closed class can be reached (following the flow)."""
    k = st.ncomp
    closed_comps = np.unique(st.comp[np.concatenate([*st.closed, np.empty(0, np.intp)])])
    # Edges (i, j) mean flow j -> i, so BFS along them from the closed classes
    # walks the flow backwards and finds everything that flows into them.
    src = np.concatenate([st.cedges[0], np.full(closed_comps.size, k)])
    dst = np.concatenate([st.cedges[1], closed_comps])
    G = sp.csr_array((np.ones(src.size), (src, dst)), shape=(k + 1, k + 1))
    reached = csgraph.breadth_first_order(G, k, directed=True, return_predecessors=False)
    ok = np.zeros(k + 1, bool)
    ok[reached] = True
    return ok[st.comp]


def _normalised_powers(M, U, D: int, names, tol: float, max_iter: int):
    """Limit of ``W^p e_j / 1^T W^p e_j`` for the columns ``j`` in ``U``.

    Only nodes of ``U`` and sinks are reachable from ``U``, and sink columns
    are zero, so ``W^{p+1} e_j`` depends on the ``U`` rows of ``W^p e_j`` only:
    ``y_{p+1} = W[:, U] u_p`` with ``u_p`` those rows renormalised.  Since the
    columns of ``W[:, U]`` sum to 1, ``y_{p+1}`` is already normalised.

    Stopping rule: with ``delta_p = max |y_p - y_{p-D}|`` and the observed
    rate ``r = delta_p / delta_{p-1}``, the remaining error of a geometric
    sequence is ``delta_p r / (1 - r)``; both must be below ``tol``.  A
    sequence that converges like ``1/p`` (chained cycles with equal decay
    rates) keeps ``r`` near 1 and is reported as not converged rather than
    stopped early.
    """
    n, u = M.shape[0], U.size
    B = sp.csr_array(M)[:, U] if sp.issparse(M) else M[:, U]
    out = np.zeros((n, u))
    active = np.arange(u)
    X = np.eye(u)
    history: list[np.ndarray] = []
    error = 0.0
    prev = np.full(u, np.nan)
    err = np.full(u, np.inf)
    for it in range(1, max_iter + 1):
        Y = np.asarray(B @ X)
        mass = Y[U].sum(axis=0)
        finished = mass <= 0
        finals = {int(c): Y[:, c] for c in np.flatnonzero(finished)}
        history.append(Y)
        if len(history) > D:
            delta = np.abs(Y - history.pop(0)).max(axis=0)
            with np.errstate(divide="ignore", invalid="ignore"):
                rate = delta / prev
                err = np.where(rate < 1, np.maximum(delta, delta * rate / (1 - rate)), np.inf)
            err = np.where(delta <= _ROUNDING, delta, err)
            prev = delta
            conv = (err <= tol) & ~finished
            if conv.any():
                mean = sum(history) / D
                for c in np.flatnonzero(conv):
                    finals[int(c)] = mean[:, c]
                error = max(error, float(err[conv].max()))
                finished |= conv
        for c, col in finals.items():
            out[:, active[c]] = col
        if finished.all():
            return out, it, error
        if finished.any():
            keep = ~finished
            active, Y, mass, prev, err = active[keep], Y[:, keep], mass[keep], prev[keep], err[keep]
            history = [h[:, keep] for h in history]
        X = Y[U] / mass
    cols = ", ".join(_node(int(U[c]), names) for c in active[:5])
    more = f" and {active.size - 5} more" if active.size > 5 else ""
    raise NotConvergedError(
        f"the normalised powers of column(s) {cols}{more} did not settle within "
        f"{max_iter} iterations (estimated error {float(err.max()):.3g} > tol={tol:g}); "
        "these columns leak all their mass into sinks through cycles: raise "
        "max_iter or use sinks='absorbing'"
    )
