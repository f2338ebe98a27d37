"""anp_core.kernel: the batched numeric kernels agree with their single-matrix forms and with theory."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from anp_core.kernel import (
    blas_single_thread,
    harker_matrix,
    llsm_priorities,
    normalise_columns,
    principal_eigen,
    stationary,
    weighted_supermatrix,
)

weights = arrays(np.float64, st.integers(2, 9), elements=st.floats(1 / 9, 9))


@given(weights)
def test_consistent_matrix_recovers_its_weights(v):
    w_true = v / v.sum()
    w, lam = principal_eigen(np.outer(w_true, 1 / w_true))
    np.testing.assert_allclose(w, w_true, rtol=1e-9)
    assert lam == pytest.approx(len(v))


def test_a_batch_gives_each_matrix_what_it_gets_alone():
    rng = np.random.default_rng(0)
    stack = []
    for _ in range(30):
        A = np.exp(np.triu(rng.normal(size=(5, 5)), 1))
        A = np.triu(A, 1) + np.tril(1 / A.T, -1) + np.eye(5)
        stack.append(A)
    stack = np.array(stack)
    w, lam = principal_eigen(stack)
    for k in range(len(stack)):
        wk, lk = principal_eigen(stack[k])
        np.testing.assert_allclose(w[k], wk, rtol=1e-12)
        assert lam[k] == pytest.approx(float(lk), rel=1e-12)
        assert lam[k] >= 5 - 1e-9


def test_harker_on_a_consistent_matrix_with_holes_gives_the_full_answer():
    """Harker (1987): a consistent matrix with missing pairs still yields its weights."""
    w = np.array([0.4, 0.3, 0.2, 0.1])
    A = np.outer(w, 1 / w)
    A[0, 3] = A[3, 0] = A[1, 2] = A[2, 1] = np.nan
    np.testing.assert_allclose(principal_eigen(harker_matrix(A))[0], w, rtol=1e-12)
    np.testing.assert_allclose(llsm_priorities(A), w, rtol=1e-12)


def test_harker_matches_a_hand_computed_case():
    """Harker's example shape: 3 elements, (1, 3) missing; c_11 = c_33 = 2."""
    nan = np.nan
    A = np.array([[1, 2, nan], [0.5, 1, 3], [nan, 1 / 3, 1]])
    C = harker_matrix(A)
    np.testing.assert_allclose(C, [[2, 2, 0], [0.5, 1, 3], [0, 1 / 3, 2]])
    w, lam = principal_eigen(C)
    # the completed matrix with a_13 = w1/w3 is consistent here (2 * 3 = 6)
    np.testing.assert_allclose(w, np.array([6, 3, 1]) / 10, rtol=1e-12)
    assert lam == pytest.approx(3.0)


def test_llsm_of_a_complete_matrix_is_the_row_geometric_mean():
    A = np.array([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]])
    g = np.exp(np.log(A).mean(axis=1))
    np.testing.assert_allclose(llsm_priorities(A), g / g.sum(), rtol=1e-12)


def test_weighted_supermatrix_renormalises_columns_and_keeps_sinks_zero():
    U = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    C = np.array([[0.5, 0.5], [0.5, 0.5]])
    W = weighted_supermatrix(U, C, [2, 1])
    np.testing.assert_allclose(W.sum(axis=0), [1, 1, 0])
    np.testing.assert_allclose(W[:, 1], [0.5, 0, 0.5])


def test_normalise_columns_leaves_zero_columns_zero():
    M = np.array([[1.0, 0.0], [3.0, 0.0]])
    np.testing.assert_allclose(normalise_columns(M), [[0.25, 0], [0.75, 0]])


@given(arrays(np.float64, (6, 6), elements=st.floats(0.01, 1)))
def test_stationary_vector_is_fixed_by_w(M):
    W = M / M.sum(axis=0)
    pi = stationary(W)
    np.testing.assert_allclose(W @ pi, pi, atol=1e-12)
    assert pi.sum() == pytest.approx(1.0)


def test_batched_stationary_equals_one_by_one():
    rng = np.random.default_rng(1)
    Ws = rng.random((8, 7, 7)) + 0.01
    Ws /= Ws.sum(axis=1, keepdims=True)
    batch = stationary(Ws)
    for k in range(8):
        np.testing.assert_array_equal(batch[k], stationary(Ws[k]))


def test_single_thread_blas_changes_nothing_in_the_result():
    rng = np.random.default_rng(2)
    W = rng.random((150, 150))
    W /= W.sum(axis=0)
    with blas_single_thread(150):
        a = stationary(W)
    np.testing.assert_allclose(a, stationary(W), atol=1e-14)


def test_large_systems_run_on_one_blas_thread_and_the_setting_is_restored():
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads() -> set[int]:
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    with threadpool_limits(2, user_api="blas"):
        before = blas_threads()
        with blas_single_thread(150):
            assert blas_threads() == {1}
        assert blas_threads() == before
    with threadpool_limits(1, user_api="blas"):  # a server's process-wide setting: nothing to switch
        with blas_single_thread(150):
            assert blas_threads() == {1}
        assert blas_threads() == {1}


def _from_upper(values: list[float]) -> np.ndarray:
    """Reciprocal matrix from its upper triangle read row by row; 0 marks a missing judgment."""
    m = int((1 + (1 + 8 * len(values)) ** 0.5) / 2)
    A = np.eye(m)
    it = iter(values)
    for i in range(m):
        for j in range(i + 1, m):
            v = next(it)
            A[i, j], A[j, i] = (v, 1 / v) if v else (np.nan, np.nan)
    return A


def test_harker_matrix_matches_pyanp_reference_cases():
    """pyanp (W. Adams, the Super Decisions author) tests/test_priority.py::test_harker_fix."""
    C = harker_matrix(_from_upper([2, 6, 0]))
    np.testing.assert_allclose(C, [[1, 2, 6], [0.5, 2, 0], [1 / 6, 0, 2]], atol=1e-12)
    C = harker_matrix(_from_upper([3, 6, 1 / 7]))  # complete: unchanged
    np.testing.assert_allclose(C, [[1, 3, 6], [1 / 3, 1, 1 / 7], [1 / 6, 7, 1]], atol=1e-12)


@pytest.mark.parametrize(
    ("upper", "expected"),
    [
        ([2, 6, 3], [0.6, 0.3, 0.1]),
        ([2, 4, 3], [0.5584245, 0.3196183, 0.1219572]),
        ([2, 3, 4, 2, 5, 3], [0.4508867, 0.3046191, 0.1712999, 0.0731942]),
        (
            [1 / 2, 1 / 3, 1 / 4, 1 / 5, 2, 3, 4, 2, 5, 3],
            [0.0636715, 0.3597739, 0.2851016, 0.1905405, 0.1009125],
        ),
    ],
)
def test_llsm_matches_pyanp_reference_values(upper, expected):
    """pyanp tests/test_priority.py::test_pri_llsm (values printed to 7 decimals)."""
    np.testing.assert_allclose(llsm_priorities(_from_upper(upper)), expected, atol=1e-7)
