r"""The numeric kernels of ANP, once each, batched over a leading axis.

Everything here takes and returns numpy arrays, validates nothing (callers
validate once, at the model's edge) and works on a stack of problems at once:
the last two axes are the matrix, any leading axes are the batch. The engine's
single evaluations and the Monte Carlo draws call the same functions.

* :func:`principal_eigen`: priorities of complete pairwise matrices
  (Saaty's principal right eigenvector) and :math:`\lambda_{max}`;
* :func:`harker_matrix`, :func:`llsm_priorities`: incomplete matrices
  (Harker 1987; logarithmic least squares);
* :func:`weighted_supermatrix`: ``W = C (expanded to blocks) * U`` with
  non-zero columns renormalised (ANP_METHOD.md section 2);
* :func:`stationary`: the stationary vector ``W pi = pi``, ``1^T pi = 1`` of
  an irreducible column-stochastic matrix by one linear solve.

Dense solves above a small size run with one BLAS thread
(:func:`blas_single_thread`): on a server answering many sessions the cores
are busy, and a BLAS thread waiting for a busy core stalls the whole call.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from threadpoolctl import ThreadpoolController

__all__ = [
    "FloatArray",
    "blas_single_thread",
    "frozen",
    "harker_matrix",
    "llsm_priorities",
    "normalise_columns",
    "principal_eigen",
    "stationary",
    "weighted_supermatrix",
]

FloatArray = npt.NDArray[np.float64]

#: Systems at least this large are solved with one BLAS thread (OpenBLAS
#: factors smaller ones on one thread anyway: getrf goes parallel from n^2 >= 10^4).
BLAS_SINGLE_THREAD_MIN_N = 96

_controller: ThreadpoolController | None = None
_single = threading.local()  # .depth: blas_single_thread blocks open in this thread


@contextlib.contextmanager
def blas_single_thread(n: int) -> Iterator[None]:
    """Run the block with one BLAS thread when ``n >= BLAS_SINGLE_THREAD_MIN_N``.

    Smaller problems skip the thread-pool switch (about 10 us), which would
    cost more than it saves, and so do a block nested in another one of this
    thread and a process whose BLAS already runs one thread
    (``dashboard.server.configure_process``).
    """
    global _controller
    depth = getattr(_single, "depth", 0)
    if n < BLAS_SINGLE_THREAD_MIN_N or depth:
        yield
        return
    if _controller is None:
        _controller = ThreadpoolController().select(user_api="blas")
    _single.depth = 1
    # each library's own setter (about 1 us) rather than ``ThreadpoolController.limit``,
    # which re-reads every library's state (about 10 us); a library already on one
    # thread (a server sets it once per process) is left alone
    libs = [(lib, lib.num_threads) for lib in _controller.lib_controllers]
    try:
        for lib, threads in libs:
            if threads > 1:
                lib.set_num_threads(1)
        yield
    finally:
        for lib, threads in libs:
            if threads > 1:
                lib.set_num_threads(threads)
        _single.depth = 0


def frozen(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Mark ``a`` read-only (in place) and return it: results the engine shares stay unchanged.

    Examples
    --------
    >>> a = frozen(np.zeros(2))
    >>> a.flags.writeable
    False
    """
    a.flags.writeable = False
    return a


def principal_eigen(
    A: npt.ArrayLike, *, tol: float = 1e-13, max_iter: int = 200
) -> tuple[FloatArray, FloatArray]:
    r"""Principal right eigenvectors (each summing to 1) and :math:`\lambda_{max}` of positive matrices.

    For a positive (or non-negative irreducible, aperiodic) matrix the Perron
    root is real, simple and has a positive eigenvector (Perron-Frobenius);
    Saaty (1980, ch. 3) takes it as the priority vector. Power iteration
    :math:`w \leftarrow A w / 1^T A w` from the normalised row geometric
    means (already the answer for a consistent matrix), batched over the
    leading axes, until no entry changes by more than ``tol``; a matrix not
    settled after ``max_iter`` steps is finished with ``numpy.linalg.eig``.
    Each matrix's iterates depend on that matrix alone, so it gets the same
    vector alone or in any batch. :math:`\lambda_{max} = 1^T A w`.

    Parameters
    ----------
    A : array_like, shape (..., m, m)

    Returns
    -------
    w : ndarray, shape (..., m)
    lambda_max : ndarray, shape (...)

    Examples
    --------
    >>> w, lam = principal_eigen([[1.0, 3.0], [1 / 3, 1.0]])
    >>> np.round(w, 2).tolist(), round(float(lam), 6)
    ([0.75, 0.25], 2.0)
    """
    A = np.asarray(A, dtype=float)
    m = A.shape[-1]
    lead = A.shape[:-2]
    if m == 1:
        return np.ones((*lead, 1)), np.ones(lead)
    S = A.reshape(-1, m, m)
    # each matrix on its own: Harker's matrices hold zeros and start from the uniform vector
    w = np.ones(S.shape[:2])
    positive = (S > 0).all(axis=(1, 2))
    w[positive] = np.exp(np.log(S[positive]).mean(axis=2))
    w /= w.sum(axis=1, keepdims=True)
    active = np.arange(S.shape[0])
    for _ in range(max_iter):
        nxt = np.einsum("bij,bj->bi", S[active], w[active])
        nxt /= nxt.sum(axis=1, keepdims=True)
        done = np.abs(nxt - w[active]).max(axis=1) <= tol
        w[active] = nxt
        active = active[~done]
        if active.size == 0:
            break
    else:
        values, vectors = np.linalg.eig(S[active])
        k = np.argmax(values.real, axis=1)
        v = np.abs(np.take_along_axis(vectors.real, k[:, None, None], axis=2)[..., 0])
        w[active] = v / v.sum(axis=1, keepdims=True)
    lam = np.einsum("bij,bj->b", S, w)
    return w.reshape(*lead, m), lam.reshape(lead)


def harker_matrix(A: npt.ArrayLike) -> FloatArray:
    r"""Harker's auxiliary matrix of incomplete pairwise matrices (NaN = missing).

    :math:`c_{ij} = a_{ij}` for a given judgment and 0 for a missing one, and
    :math:`c_{ii} = 1 + m_i` with :math:`m_i` the number of missing judgments
    in row i. Its principal eigenvector is Harker's priority vector, which is
    the eigenvector of the matrix completed by :math:`a_{ij} = w_i / w_j`
    (Harker 1987, *Math. Modelling* 9(11): 837-848; Super Decisions and pyanp
    use it).

    Examples
    --------
    >>> nan = float("nan")
    >>> harker_matrix([[1, 2, nan], [0.5, 1, 2], [nan, 0.5, 1]]).tolist()
    [[2.0, 2.0, 0.0], [0.5, 1.0, 2.0], [0.0, 0.5, 2.0]]
    """
    A = np.asarray(A, dtype=float)
    missing = np.isnan(A)
    C = np.where(missing, 0.0, A)
    m = A.shape[-1]
    idx = np.arange(m)
    C[..., idx, idx] = 1.0 + missing.sum(axis=-1)
    return C


def llsm_priorities(A: npt.ArrayLike) -> FloatArray:
    r"""Logarithmic least-squares priorities of (possibly incomplete) pairwise matrices.

    Minimises :math:`\sum_{(i,j)\ given} (\ln a_{ij} - \ln w_i + \ln w_j)^2`
    over the given judgments (NaN = missing): with :math:`v = \ln w` this is
    the Laplacian system :math:`L v = r`, :math:`r_i = \sum_{j\ given} \ln a_{ij}`,
    solved with :math:`\sum v = 0`; then :math:`w = e^v / \sum e^v`. For a
    complete matrix this is the row geometric mean (Crawford & Williams
    1985); for an incomplete one, the LLSM completion of Bozóki, Fülöp and
    Rónyai (2010).

    Examples
    --------
    >>> np.round(llsm_priorities([[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]]), 4).tolist()
    [0.5714, 0.2857, 0.1429]
    """
    A = np.asarray(A, dtype=float)
    given = ~np.isnan(A)
    m = A.shape[-1]
    idx = np.arange(m)
    given[..., idx, idx] = False
    logs = np.where(given, np.log(np.where(given, A, 1.0)), 0.0)
    L = -given.astype(float)
    L[..., idx, idx] = given.sum(axis=-1)
    L += 1.0 / m  # fixes the free constant: the solution has sum(v) = 0
    v = np.linalg.solve(L, logs.sum(axis=-1)[..., None])[..., 0]
    w = np.exp(v - v.max(axis=-1, keepdims=True))
    out: FloatArray = w / w.sum(axis=-1, keepdims=True)
    return out


def normalise_columns(M: FloatArray) -> FloatArray:
    """Divide each column (axis -2 sums) by its sum; all-zero columns stay zero."""
    s = M.sum(axis=-2, keepdims=True)
    out: FloatArray = np.divide(M, s, out=np.zeros_like(M), where=s > 0)
    return out


def weighted_supermatrix(U: FloatArray, C: FloatArray, sizes: Sequence[int]) -> FloatArray:
    """Return ``W[i, j] = C[I, J] U[i, j]`` with non-zero columns renormalised to 1.

    Parameters
    ----------
    U : ndarray, shape (..., n, n)
        Unweighted supermatrices (blocks of local priorities).
    C : ndarray, shape (..., k, k)
        Cluster matrices (column J: priorities of the clusters w.r.t. J).
    sizes : sequence of int
        Number of nodes in each of the k clusters (sum n).

    Examples
    --------
    >>> U = np.array([[0.0, 1.0], [1.0, 0.0]])
    >>> weighted_supermatrix(U, np.array([[0.5, 0.5], [0.5, 0.5]]), [1, 1]).tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    expanded = np.repeat(np.repeat(C, sizes, axis=-2), sizes, axis=-1)
    return normalise_columns(expanded * U)


def stationary(W: npt.ArrayLike) -> FloatArray:
    r"""Stationary vectors of irreducible column-stochastic matrices by one solve.

    Solves :math:`(I - W)\pi = 0` with its last equation replaced by
    :math:`1^T \pi = 1` (one LU factorisation). For an irreducible ``W`` the
    solution is unique and positive; for a periodic one it is the Cesàro
    limit of the powers. Rounding below 0 is clipped and the vector
    renormalised.

    Parameters
    ----------
    W : array_like, shape (..., n, n)

    Returns
    -------
    ndarray, shape (..., n)

    Raises
    ------
    numpy.linalg.LinAlgError
        If a system is singular (``W`` not irreducible).

    Examples
    --------
    >>> stationary([[0.5, 0.2], [0.5, 0.8]]).round(4).tolist()
    [0.2857, 0.7143]
    """
    W = np.asarray(W, dtype=float)
    n = W.shape[-1]
    A = np.negative(W)
    idx = np.arange(n)
    A[..., idx, idx] += 1.0
    A[..., -1, :] = 1.0
    b = np.zeros(W.shape[:-1])
    b[..., -1] = 1.0
    with blas_single_thread(n):
        x = np.linalg.solve(A, b) if W.ndim == 2 else np.linalg.solve(A, b[..., None])[..., 0]
    x = np.maximum(x, 0.0)
    out: FloatArray = x / x.sum(axis=-1, keepdims=True)
    return out
