"""Tests for anp_core.limit: exact limit supermatrix and its diagnosis."""

from __future__ import annotations

import dataclasses
import math
from contextlib import contextmanager

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import anp_core.limit as limit_module
from anp_core.errors import ANPError, NotConvergedError, NotStochasticError
from anp_core.kernel import stationary
from anp_core.limit import LimitResult, limit_matrix, power_residuals

# --------------------------------------------------------------------------
# the input formats limit_matrix takes

ENGINES = {"dense": False, "sparse": True}


@contextmanager
def engine(name):
    sparse = ENGINES[name]
    yield (lambda W, *a, **kw: limit_matrix(sp.csc_array(W) if sparse else W, *a, **kw))


# --------------------------------------------------------------------------
# independent references, written for the tests


def normalise(A):
    s = A.sum(axis=0)
    return np.divide(A, s, out=np.zeros_like(A), where=s > 0)


def limit_by_squaring(W, squarings=50):
    """W^(2^k) by repeated squaring, renormalising columns against drift."""
    P = np.array(W, dtype=float)
    for _ in range(squarings):
        P = normalise(P @ P)
    return P


def limit_by_eig(W):
    """pi 1^T with pi the eigenvector of the eigenvalue closest to 1."""
    vals, vecs = np.linalg.eig(W)
    v = np.real(vecs[:, np.argmin(np.abs(vals - 1))])
    v = v / v.sum()
    return np.outer(v, np.ones(len(v)))


REFERENCES = {"squaring": limit_by_squaring, "eig": limit_by_eig}


# W^BIG_POWER by binary powering: rounding grows like BIG_POWER * eps ~ 1e-10,
# while any second eigenvalue below 1 - 2e-5 in modulus has died out.
BIG_POWER = 2**20


def cesaro_window(W, p, d):
    """(W^p + ... + W^(p+d-1)) / d."""
    P = np.linalg.matrix_power(W, p)
    acc = np.zeros_like(P)
    for _ in range(d):
        acc += P
        P = W @ P
    return acc / d


def cesaro_mean(W, N):
    """(W + W^2 + ... + W^N) / N by repeated multiplication."""
    P, acc = np.eye(len(W)), np.zeros_like(W)
    for _ in range(N):
        P = W @ P
        acc += P
    return acc / N


def normalised_power(W, p):
    """W^p with every column renormalised at each step (Super Decisions' calculus)."""
    P = np.eye(len(W))
    for _ in range(p):
        nxt = W @ P
        s = nxt.sum(axis=0)
        P = np.where(s > 0, nxt / np.where(s > 0, s, 1), P)
    P[:, ~np.asarray(W).any(axis=0)] = 0.0  # a sink's own column has no normalised powers
    return P


def period_by_cycles(A):
    """gcd of the closed-walk lengths <= n of a strongly connected pattern."""
    B = (np.asarray(A) > 0).astype(float)
    P, g = np.eye(len(B)), 0
    for p in range(1, len(B) + 1):
        P = np.minimum(P @ B, 1.0)
        if np.trace(P) > 0:
            g = math.gcd(g, p)
    return g


def digraph(W):
    """networkx digraph with the flow edges j -> i for W[i, j] > 0."""
    G = nx.DiGraph()
    G.add_nodes_from(range(len(W)))
    G.add_edges_from((int(j), int(i)) for i, j in zip(*np.nonzero(np.asarray(W) > 0), strict=True))
    return G


def cyclic_block_matrix(sizes, rng):
    """Irreducible matrix of period len(sizes): block k feeds block k + 1 only."""
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    n, d = int(bounds[-1]), len(sizes)
    W = np.zeros((n, n))
    for k in range(d):
        src = slice(bounds[k], bounds[k + 1])
        dst = slice(bounds[(k + 1) % d], bounds[(k + 1) % d + 1])
        W[dst, src] = normalise(rng.random((dst.stop - dst.start, src.stop - src.start)) + 0.05)
    return W


# --------------------------------------------------------------------------
# known cases


@pytest.mark.parametrize("name", ENGINES)
def test_two_by_two_primitive_matches_hand_computation(name):
    """pi = W pi for W = [[.5, .2], [.5, .8]]: .5 pi_0 = .2 pi_1, so pi = (2/7, 5/7)."""
    W = np.array([[0.5, 0.2], [0.5, 0.8]])
    with engine(name) as lim:
        res = lim(W)
    np.testing.assert_allclose(res.limit, [[2 / 7, 2 / 7], [5 / 7, 5 / 7]], rtol=1e-14)
    assert (res.diagnosis, res.period, res.iterations) == ("primitive", 1, 0)
    assert res.method == "stationary vector by direct solve"
    assert res.closed_classes == ((0, 1),)
    assert res.sinks == ()
    assert res.residual < 1e-15
    np.testing.assert_allclose(res.stationary(), [2 / 7, 5 / 7], rtol=1e-14)


@pytest.mark.parametrize("name", ENGINES)
def test_three_cycle_is_periodic_and_its_limit_is_the_cesaro_average(name):
    W = np.roll(np.eye(3), 1, axis=0)
    with engine(name) as lim:
        res = lim(W)
    assert (res.diagnosis, res.period) == ("periodic", 3)
    assert "Cesaro" in res.method
    np.testing.assert_allclose(res.limit, np.full((3, 3), 1 / 3), rtol=1e-14)
    for p in range(1, 7):  # every power is a permutation, never the limit
        assert np.abs(np.linalg.matrix_power(W, p) - res.limit).max() > 0.5


@pytest.mark.parametrize("name", ENGINES)
def test_bipartite_cyclic_block_matrix_has_period_two(name):
    W = cyclic_block_matrix([2, 3], np.random.default_rng(7))
    with engine(name) as lim:
        res = lim(W)
    assert (res.diagnosis, res.period) == ("periodic", 2)
    np.testing.assert_allclose(res.limit, cesaro_window(W, 400, 2), atol=1e-12)
    assert np.abs(np.linalg.matrix_power(W, 401) - res.limit).max() > 0.1
    assert res.residual < 1e-14


def reducible_example():
    """Closed classes {0, 1} (primitive) and {2, 3} (a swap, period 2); 4, 5 transient."""
    W = np.zeros((6, 6))
    W[:2, :2] = [[0.3, 0.6], [0.7, 0.4]]
    W[2:4, 2:4] = [[0.0, 1.0], [1.0, 0.0]]
    W[:, 4] = [0.1, 0.1, 0.2, 0.0, 0.3, 0.3]
    W[:, 5] = [0.0, 0.0, 0.1, 0.1, 0.6, 0.2]
    return W


@pytest.mark.parametrize("name", ENGINES)
def test_reducible_two_closed_classes_absorption_matches_cesaro_average(name):
    W = reducible_example()
    with engine(name) as lim:
        res = lim(W)
    assert res.diagnosis == "reducible"
    assert res.closed_classes == ((0, 1), (2, 3))
    assert res.period == 2
    assert res.iterations == 0
    np.testing.assert_allclose(res.limit, cesaro_window(W, 3000, 2), atol=1e-12)
    np.testing.assert_allclose(res.limit, cesaro_mean(W, 20_000), atol=2e-3)
    np.testing.assert_array_equal(res.limit[4:], 0.0)
    np.testing.assert_allclose(res.limit.sum(axis=0), 1.0, rtol=1e-14)
    assert res.residual < 1e-14


def test_reducible_absorption_probabilities_by_hand():
    """From node 5: x = P(reach {0,1}) solves x4 = .2 + .3 x4 + .3 x5, x5 = .6 x4 + .2 x5."""
    W = reducible_example()
    A = np.array([[0.7, -0.3], [-0.6, 0.8]])
    x4, x5 = np.linalg.solve(A, [0.2, 0.0])
    pi_a = np.array([6 / 13, 7 / 13])  # .7 pi_0 = .6 pi_1
    L = limit_matrix(W).limit
    np.testing.assert_allclose(L[:2, 4], x4 * pi_a, rtol=1e-13)
    np.testing.assert_allclose(L[:2, 5], x5 * pi_a, rtol=1e-13)
    np.testing.assert_allclose(L[2:4, 5], (1 - x5) / 2, rtol=1e-13)


def slow_mixing(n=40, eps=1e-6, seed=3):
    rng = np.random.default_rng(seed)
    h = n // 2
    W = np.zeros((n, n))
    W[:h, :h] = normalise(rng.random((h, h)))
    W[h:, h:] = normalise(rng.random((n - h, n - h)))
    W[:, :h] *= 1 - eps  # block A sends eps to B, B sends 3 eps to A
    W[:, h:] *= 1 - 3 * eps
    W[h:, :h] += eps * normalise(rng.random((n - h, h)))
    W[:h, h:] += 3 * eps * normalise(rng.random((h, n - h)))
    return W


@pytest.mark.parametrize("name", ENGINES)
def test_slow_mixing_blocks_coupled_by_1e_6_are_solved_exactly(name):
    W = slow_mixing()
    with engine(name) as lim:
        res = lim(W)
    assert (res.diagnosis, res.iterations) == ("primitive", 0)
    assert res.residual < 1e-10
    pi = res.stationary()
    assert np.abs(W @ pi - pi).max() < 1e-10
    np.testing.assert_allclose(res.limit, limit_by_eig(W), atol=1e-9)
    np.testing.assert_array_equal(res.limit, np.outer(pi, np.ones(40)))
    # about 3/4 of the mass sits in block A (it receives 3 eps, gives eps)
    assert pi[:20].sum() == pytest.approx(0.75, abs=1e-5)
    # a thousand plain powers are nowhere near: that is why nothing iterates
    assert np.abs(np.linalg.matrix_power(W, 1000) - res.limit).max() > 1e-2


def hierarchy_example():
    """Goal -> 3 criteria (.5, .3, .2) -> 2 alternatives; alternatives are sinks."""
    W = np.zeros((6, 6))
    W[1:4, 0] = [0.5, 0.3, 0.2]
    W[4:6, 1] = [0.6, 0.4]
    W[4:6, 2] = [0.2, 0.8]
    W[4:6, 3] = [0.5, 0.5]
    return W


LABELS = ("goal", "c1", "c2", "c3", "a1", "a2")


@pytest.mark.parametrize("name", ENGINES)
def test_hierarchy_absorbing_is_hierarchic_composition(name):
    W = hierarchy_example()
    with engine(name) as lim:
        res = lim(W, "absorbing", labels=LABELS)
    composed = W[4:6, 1:4] @ W[1:4, 0]  # (0.46, 0.54)
    np.testing.assert_allclose(res.limit[4:, 0], composed, rtol=1e-14)
    np.testing.assert_allclose(res.limit[:4, 0], 0.0, atol=1e-15)
    np.testing.assert_allclose(res.limit[:, 1:4], W[:, 1:4], atol=1e-15)
    np.testing.assert_allclose(res.limit[:, 4:], np.eye(6)[:, 4:], atol=1e-15)
    assert res.diagnosis == "sinks"
    assert res.sinks == (4, 5)
    assert res.closed_classes == ((4,), (5,))
    assert res.period == 1
    assert res.labels == LABELS
    assert "absorbing" in res.method


@pytest.mark.parametrize("mode", ["hierarchy", "calculus"])
@pytest.mark.parametrize("name", ENGINES)
def test_hierarchy_formula_is_the_normalised_sum_of_powers(name, mode):
    W = hierarchy_example()
    S = W + W @ W  # W^3 = 0 for a three-level hierarchy
    assert not (W @ W @ W).any()
    expected = normalise(S)  # a sink's own column stays 0 (pyanp's hiearhcy_formula)
    with engine(name) as lim:
        res = lim(W, mode)
    np.testing.assert_allclose(res.limit, expected, atol=1e-15)
    np.testing.assert_allclose(res.limit[:, 0], [0, 0.25, 0.15, 0.1, 0.23, 0.27], atol=1e-15)
    assert (res.diagnosis, res.method, res.period) == ("sinks", "hierarchy formula", None)
    assert res.closed_classes == ()
    assert res.residual < 1e-15


def closed_class_with_sink():
    """Closed class {0, 1}; 2 <-> 3 transient, leaking to the class and to sink 4."""
    W = np.zeros((5, 5))
    W[:2, :2] = [[0.3, 0.6], [0.7, 0.4]]
    W[:, 2] = [0.1, 0.0, 0.0, 0.5, 0.4]
    W[:, 3] = [0.0, 0.2, 0.5, 0.0, 0.3]
    return W


@pytest.mark.parametrize("name", ENGINES)
def test_calculus_closed_class_plus_sink(name):
    W = closed_class_with_sink()
    with engine(name) as lim:
        res = lim(W)
    pi = np.array([6 / 13, 7 / 13])
    for j in range(4):
        np.testing.assert_allclose(res.limit[:2, j], pi, rtol=1e-13)
    np.testing.assert_array_equal(res.limit[:, 4], 0.0)  # the sink's own column stays 0
    np.testing.assert_allclose(res.limit, normalised_power(W, 200), atol=1e-12)
    assert (res.diagnosis, res.sinks, res.closed_classes, res.period) == ("sinks", (4,), ((0, 1),), 1)
    assert res.iterations == 0
    # mass lost to the sink does not matter once the rest is renormalised,
    # but with "absorbing" the sink keeps its share
    absorbing = limit_matrix(W, "absorbing")
    assert absorbing.limit[4, 2] > 0.3
    np.testing.assert_allclose(absorbing.limit.sum(axis=0), 1.0)


@pytest.mark.parametrize("name", ENGINES)
def test_calculus_two_closed_classes_and_a_sink(name):
    W = np.zeros((6, 6))
    W[0, 0] = 1.0
    W[1:3, 1:3] = [[0.0, 1.0], [1.0, 0.0]]
    W[:, 3] = [0.2, 0.1, 0.0, 0.0, 0.3, 0.4]
    W[:, 4] = [0.0, 0.0, 0.3, 0.3, 0.0, 0.4]
    with engine(name) as lim:
        res = lim(W)
    assert res.closed_classes == ((0,), (1, 2))
    assert res.period == 2
    np.testing.assert_allclose(res.limit[:, :5], normalise(cesaro_window(W, 2000, 2))[:, :5], atol=1e-12)
    np.testing.assert_allclose(res.limit.sum(axis=0), [1, 1, 1, 1, 1, 0])


def test_calculus_leaky_two_cycle_averages_its_oscillation():
    """a <-> b, each leaking half to sink s: iterates alternate (b .5, s .5) / (a .5, s .5)."""
    W = np.zeros((3, 3))
    W[1, 0] = W[2, 0] = 0.5
    W[0, 1] = W[2, 1] = 0.5
    res = limit_matrix(W, labels=["a", "b", "s"])
    np.testing.assert_allclose(res.limit[:, :2], [[0.25, 0.25], [0.25, 0.25], [0.5, 0.5]])
    np.testing.assert_array_equal(res.limit[:, 2], 0.0)
    assert res.iterations > 0
    assert "normalised powers" in res.method
    assert res.period is None
    assert res.closed_classes == ()


@pytest.mark.parametrize("name", ENGINES)
def test_calculus_network_with_feedback_among_criteria(name):
    """Goal -> criteria with inner dependence -> alternatives (sinks): no closed class."""
    W = np.zeros((6, 6))
    W[1:4, 0] = [0.5, 0.3, 0.2]
    W[1:6, 1] = [0.0, 0.3, 0.1, 0.36, 0.24]
    W[1:6, 2] = [0.2, 0.0, 0.2, 0.12, 0.48]
    W[1:6, 3] = [0.3, 0.1, 0.0, 0.3, 0.3]
    with engine(name) as lim:
        res = lim(W)
    np.testing.assert_allclose(res.limit, normalised_power(W, 400), atol=1e-8)
    assert res.residual < 1e-9
    assert res.iterations > 0
    np.testing.assert_allclose(res.limit.sum(axis=0), [1, 1, 1, 1, 0, 0])


def test_calculus_column_reaching_only_a_sink_keeps_its_last_nonzero_power():
    W = np.zeros((4, 4))
    W[:2, :2] = [[0.3, 0.6], [0.7, 0.4]]
    W[3, 2] = 1.0
    res = limit_matrix(W)
    np.testing.assert_allclose(res.limit[:, 2], [0, 0, 0, 1])
    np.testing.assert_array_equal(res.limit[:, 3], 0.0)
    np.testing.assert_allclose(res.limit[:2, 0], [6 / 13, 7 / 13])


def test_calculus_raises_not_converged_with_the_iteration_count():
    W = np.zeros((3, 3))
    W[0, 0], W[1, 0], W[2, 0] = 0.3, 0.3, 0.4
    W[0, 1], W[2, 1] = 0.5, 0.5
    with pytest.raises(NotConvergedError, match=r"'x'.*within 5 iterations"):
        limit_matrix(W, labels=["x", "y", "s"], max_iter=5)
    assert limit_matrix(W).iterations > 5


def test_calculus_refuses_to_stop_early_on_a_sublinear_sequence():
    """a -> a, b; b -> b, s with equal decay: iterates converge like 1/p, not geometrically."""
    W = np.zeros((3, 3))
    W[0, 0] = W[1, 0] = 0.5
    W[1, 1] = W[2, 1] = 0.5
    with pytest.raises(NotConvergedError, match="2000 iterations"):
        limit_matrix(W, max_iter=2000)


def test_hierarchy_mode_rejects_a_supermatrix_with_cycles():
    with pytest.raises(ANPError, match="acyclic supermatrix; use 'calculus' or 'absorbing'"):
        limit_matrix(closed_class_with_sink(), "hierarchy")


def test_sink_modes_do_not_matter_without_sinks():
    W = reducible_example()
    results = [limit_matrix(W, mode).limit for mode in ("calculus", "absorbing", "hierarchy")]
    np.testing.assert_array_equal(results[0], results[1])
    np.testing.assert_array_equal(results[0], results[2])


def test_all_zero_matrix_is_a_hierarchy_of_sinks():
    res = limit_matrix(np.zeros((3, 3)))
    np.testing.assert_array_equal(res.limit, np.zeros((3, 3)))
    np.testing.assert_allclose(res.priorities, 1 / 3)
    assert res.sinks == (0, 1, 2)


def test_single_node():
    res = limit_matrix([[1.0]])
    assert (res.diagnosis, res.period, res.limit.tolist()) == ("primitive", 1, [[1.0]])


@pytest.mark.parametrize("name", ENGINES)
def test_long_chain_of_leaking_3_cycles_into_a_closed_3_cycle(name):
    """n = 600: 199 transient 3-cycles, each leaking 1 % into the next, then a closed 3-cycle."""
    n = 600
    rows, cols, vals = [], [], []
    for k in range(0, n - 3, 3):
        for a in range(3):
            rows += [k + (a + 1) % 3, k + 3]
            cols += [k + a, k + a]
            vals += [0.99, 0.01]
    rows += [n - 3, n - 2, n - 1]
    cols += [n - 1, n - 3, n - 2]
    vals += [1.0, 1.0, 1.0]
    W = sp.csc_array((vals, (rows, cols)), shape=(n, n)).toarray()
    with engine(name) as lim:
        res = lim(W)
    assert res.closed_classes == ((n - 3, n - 2, n - 1),)
    assert (res.diagnosis, res.period, res.iterations) == ("reducible", 3, 0)
    np.testing.assert_allclose(res.limit[n - 3 :], 1 / 3, rtol=1e-12)
    np.testing.assert_array_equal(res.limit[: n - 3], 0.0)


# --------------------------------------------------------------------------
# large structured matrices


@pytest.mark.parametrize("n", [300, 301])
def test_periodic_primitive_and_reducible_at_three_hundred_nodes(n):
    rng = np.random.default_rng(n)
    sizes = [n // 4] * 3 + [n - 3 * (n // 4)]
    W = cyclic_block_matrix(sizes, rng)
    W[:, 0] = 0.0  # node 0 feeds one node of the next block only
    W[sizes[0], 0] = 1.0
    res = limit_matrix(W)
    assert (res.diagnosis, res.period) == ("periodic", 4)
    np.testing.assert_allclose(res.limit, cesaro_window(W, 4000, 4), atol=1e-8)
    # a chord that closes a cycle of length 4 + 1 makes it primitive
    W2 = W.copy()
    W2[:, 1] *= 0.5
    W2[0, 1] += 0.5  # 1 -> 0 skips the blocks in between: gcd(4, 1) = 1
    res2 = limit_matrix(W2)
    assert (res2.diagnosis, res2.period) == ("primitive", 1)
    np.testing.assert_allclose(W2 @ res2.limit, res2.limit, atol=1e-12)
    # one block that nothing leaves: reducible
    W3 = W.copy()
    W3[:, sizes[0] : 2 * sizes[0]] = 0.0
    W3[sizes[0] : 2 * sizes[0], sizes[0] : 2 * sizes[0]] = 1.0 / sizes[0]
    res3 = limit_matrix(W3)
    assert res3.diagnosis == "reducible"
    assert res3.closed_classes == (tuple(range(sizes[0], 2 * sizes[0])),)


def test_positive_and_nearly_positive_matrices_agree_with_the_reference():
    W = normalise(np.random.default_rng(11).random((30, 30)) + 0.01)
    res = limit_matrix(W)
    assert (res.diagnosis, res.period) == ("primitive", 1)
    np.testing.assert_allclose(res.limit, limit_by_squaring(W), atol=1e-12)
    W[4, 7] = 0.0
    W = normalise(W)
    res = limit_matrix(W)
    assert (res.diagnosis, res.period) == ("primitive", 1)
    np.testing.assert_allclose(res.limit, limit_by_squaring(W), atol=1e-12)


def test_fortran_ordered_input_gives_the_same_limit():
    for W in (slow_mixing(), cyclic_block_matrix([3, 4, 2], np.random.default_rng(5)), reducible_example()):
        c = limit_matrix(np.ascontiguousarray(W))
        f = limit_matrix(np.asfortranarray(W))
        np.testing.assert_allclose(f.limit, c.limit, rtol=0, atol=1e-15)
        assert (f.diagnosis, f.period) == (c.diagnosis, c.period)


def test_a_large_tol_does_not_turn_a_sink_into_a_column():
    W = hierarchy_example()
    res = limit_matrix(W, tol=2.0)
    assert res.sinks == (4, 5)
    np.testing.assert_array_equal(res.limit, limit_matrix(W).limit)


def test_singular_stationary_system_is_reported_as_an_anp_error():
    with pytest.raises(ANPError, match="numerically singular"):
        limit_module._solve_stationary(np.eye(3))


# --------------------------------------------------------------------------
# rejections


def test_column_summing_to_0_9_is_rejected_with_its_label():
    W = np.array([[0.5, 0.4], [0.5, 0.5]])
    with pytest.raises(NotStochasticError, match=r"column 'b' .* sums to 0\.9"):
        limit_matrix(W, labels=["a", "b"])
    with pytest.raises(NotStochasticError, match=r"column 1 .* sums to 0\.9"):
        limit_matrix(W)


@pytest.mark.parametrize("sparse", [False, True])
def test_negative_entry_is_rejected_with_row_and_column(sparse):
    W = np.array([[1.1, 0.0], [-0.1, 1.0]])
    with pytest.raises(NotStochasticError, match=r"row 'b', column 'a' is -0\.1"):
        limit_matrix(sp.csc_array(W) if sparse else W, labels=["a", "b"])


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("sparse", [False, True])
def test_non_finite_entry_is_rejected(bad, sparse):
    W = np.array([[0.5, 0.5], [0.5, 0.5]])
    W[0, 1] = bad
    with pytest.raises(NotStochasticError, match=rf"row 'a', column 'b' is {bad!r}.*finite"):
        limit_matrix(sp.csc_array(W) if sparse else W, labels=["a", "b"])


@pytest.mark.parametrize("shape", [(2, 3), (3,), (2, 2, 2)])
def test_non_square_matrix_is_rejected(shape):
    with pytest.raises(NotStochasticError, match="square"):
        limit_matrix(np.full(shape, 0.5))


def test_empty_and_non_numeric_matrices_are_rejected():
    with pytest.raises(NotStochasticError, match="empty"):
        limit_matrix(np.zeros((0, 0)))
    with pytest.raises(NotStochasticError, match="numbers"):
        limit_matrix([["a", "b"], ["c", "d"]])


def test_unknown_sinks_mode_lists_the_allowed_values():
    with pytest.raises(ANPError, match="'calculus', 'absorbing', 'hierarchy'") as err:
        limit_matrix(np.eye(2), "limit")
    assert not isinstance(err.value, NotStochasticError)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"labels": ["a"]}, "1 labels"),
        ({"labels": "ab"}, "sequence"),
        ({"tol": 0}, "tol"),
        ({"tol": float("nan")}, "tol"),
        ({"max_iter": 0}, "max_iter"),
        ({"max_iter": 2.5}, "max_iter"),
    ],
)
def test_bad_arguments_are_rejected(kwargs, match):
    with pytest.raises(ANPError, match=match):
        limit_matrix(np.eye(2), **kwargs)


def test_rounding_noise_is_tolerated_and_columns_are_renormalised():
    W = np.array([[0.5, -1e-13], [0.5 + 4e-10, 1.0]])
    res = limit_matrix(W)
    np.testing.assert_allclose(res.limit, [[0, 0], [1, 1]], atol=1e-12)
    assert res.diagnosis == "reducible"
    assert limit_matrix(np.array([[0.5, 0.2], [0.5, 0.8 + 1e-10]])).residual < 1e-15


@pytest.mark.parametrize(
    "W",
    [
        np.array([[0.5, -1e-13, 0.0], [0.5, 1.0, 0.0], [0.0, 0.0, 0.0]]),  # noise clipped, a sink
        np.array([[0.5, 0.2], [0.5, 0.8 + 1e-10]]),  # positive, rescaled
        np.roll(np.eye(3), 1, axis=0) * (1 + 1e-11),  # periodic, rescaled
    ],
)
@pytest.mark.parametrize("sinks", ["calculus", "absorbing"])
def test_input_is_not_modified(W, sinks):
    before = W.copy()
    limit_matrix(W, sinks)
    np.testing.assert_array_equal(W, before)


# --------------------------------------------------------------------------
# result object and power_residuals


def test_result_is_frozen_and_stationary_returns_a_copy():
    res = limit_matrix(np.array([[0.5, 0.2], [0.5, 0.8]]))
    assert isinstance(res, LimitResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.diagnosis = "periodic"
    pi = res.stationary()
    pi[:] = 0
    assert res.limit[0, 0] > 0


@pytest.mark.parametrize(
    "W",
    [
        np.array([[0.5, 0.2], [0.5, 0.8]]),  # primitive, positive
        np.roll(np.eye(3), 1, axis=0),  # periodic
        np.array([[0.5, 0.0, 0.0], [0.5, 1.0, 0.0], [0.0, 0.0, 1.0]]),  # reducible
        np.array([[0.0, 0.0], [1.0, 0.0]]),  # a sink
    ],
)
def test_no_path_returns_a_writable_limit(W):
    res = limit_matrix(W)
    with pytest.raises(ValueError, match="read-only"):
        res.limit[0, 0] = 0.5
    with pytest.raises(ValueError, match="read-only"):
        res.priorities[0] = 0.5


def test_power_residuals_decay_for_primitive_and_stay_flat_for_periodic():
    r = power_residuals(np.array([[0.5, 0.2], [0.5, 0.8]]), n_steps=20)
    assert r.shape == (20,)
    np.testing.assert_allclose(r[1:10] / r[:9], 0.3, rtol=1e-9)  # second eigenvalue 0.3
    np.testing.assert_array_equal(power_residuals(np.roll(np.eye(3), 1, axis=0), n_steps=5), 1.0)
    np.testing.assert_array_equal(power_residuals(hierarchy_example(), n_steps=4)[2:], 0.0)  # W^3 = 0
    assert power_residuals(slow_mixing())[-1] > 0  # still moving after 60 steps
    with pytest.raises(ANPError, match="n_steps"):
        power_residuals(np.eye(2), n_steps=0)
    with pytest.raises(NotStochasticError):
        power_residuals(np.array([[0.5, 0.4], [0.5, 0.5]]))


# --------------------------------------------------------------------------
# properties


@st.composite
def positive_stochastic(draw, min_n=2, max_n=12):
    n = draw(st.integers(min_n, max_n))
    A = draw(arrays(np.float64, (n, n), elements=st.floats(1e-3, 1.0)))
    return normalise(A)


@st.composite
def sparse_irreducible(draw, min_n=2, max_n=12):
    """Random pattern plus a random n-cycle through all nodes."""
    n = draw(st.integers(min_n, max_n))
    mask = draw(arrays(np.bool_, (n, n)))
    order = draw(st.permutations(range(n)))
    mask[list(order), list(np.roll(order, 1))] = True
    vals = draw(arrays(np.float64, (n, n), elements=st.floats(0.05, 1.0)))
    return normalise(np.where(mask, vals, 0.0))


@st.composite
def random_stochastic(draw, max_n=10, sinks=False):
    """Any pattern (reducible or not); a column left empty gets a self-loop or is a sink."""
    n = draw(st.integers(1, max_n))
    mask = draw(arrays(np.bool_, (n, n), elements=st.booleans() if n < 4 else st.sampled_from([0, 0, 1])))
    vals = draw(arrays(np.float64, (n, n), elements=st.floats(0.05, 1.0)))
    W = np.where(mask, vals, 0.0)
    empty = W.sum(axis=0) == 0
    if not sinks:
        W[np.flatnonzero(empty), np.flatnonzero(empty)] = 1.0
    return normalise(W)


@given(positive_stochastic())
def test_positive_matrices_give_equal_stochastic_stationary_columns(W):
    res = limit_matrix(W)
    L = res.limit
    assert (res.diagnosis, res.period) == ("primitive", 1)
    np.testing.assert_allclose(L.sum(axis=0), 1.0, rtol=1e-13)
    assert np.abs(W @ L - L).max() < 1e-10
    assert res.residual < 1e-10
    np.testing.assert_array_equal(L, L[:, :1] * np.ones(len(W)))
    assert (L > 0).all()


@pytest.mark.parametrize("reference", REFERENCES)
@given(W=positive_stochastic())
def test_limit_agrees_with_reference_methods_on_positive_matrices(reference, W):
    np.testing.assert_allclose(limit_matrix(W).limit, REFERENCES[reference](W), atol=1e-8)


@given(W=positive_stochastic(), data=st.data())
def test_permuting_the_nodes_permutes_the_limit(W, data):
    order = np.array(data.draw(st.permutations(range(len(W)))))
    P = np.eye(len(W))[order]
    L = limit_matrix(W).limit
    np.testing.assert_allclose(limit_matrix(P @ W @ P.T).limit, P @ L @ P.T, atol=1e-10)


@pytest.mark.parametrize("name", ENGINES)
@given(W=sparse_irreducible())
def test_sparse_irreducible_matrices(name, W):
    with engine(name) as lim:
        res = lim(W)
    L = res.limit
    d = period_by_cycles(W)
    assert res.period == d
    assert res.diagnosis == ("primitive" if d == 1 else "periodic")
    assert nx.is_aperiodic(digraph(W)) == (d == 1)
    assert res.closed_classes == (tuple(range(len(W))),)
    np.testing.assert_allclose(L.sum(axis=0), 1.0, rtol=1e-13)
    assert np.abs(W @ L - L).max() < 1e-10
    np.testing.assert_allclose(L, L[:, :1] * np.ones(len(W)), atol=1e-15)
    np.testing.assert_allclose(L, cesaro_window(W, BIG_POWER, d), atol=1e-8)


@given(sizes=st.lists(st.integers(1, 4), min_size=2, max_size=4), seed=st.integers(0, 2**32 - 1))
def test_cyclic_block_matrices_are_periodic_with_their_block_count(sizes, seed):
    W = cyclic_block_matrix(sizes, np.random.default_rng(seed))
    res = limit_matrix(W)
    d = len(sizes)
    assert (res.diagnosis, res.period) == ("periodic", d)
    np.testing.assert_allclose(res.limit, cesaro_window(W, 2**12, d), atol=1e-10)
    assert np.abs(W @ res.limit - res.limit).max() < 1e-12


@given(
    sizes=st.lists(st.integers(1, 30), min_size=2, max_size=5),
    seed=st.integers(0, 2**32 - 1),
    data=st.data(),
)
def test_periodic_limit_from_the_cyclic_classes_is_the_full_solve(sizes, seed, data):
    """The periodic path (one solve on the smallest cyclic class) gives the n x n solve's vector."""
    W = cyclic_block_matrix(sizes, np.random.default_rng(seed))
    order = np.array(data.draw(st.permutations(range(len(W)))))  # classes need not be contiguous
    W = W[np.ix_(order, order)]
    res = limit_matrix(W)
    assert (res.diagnosis, res.period) == ("periodic", len(sizes))
    np.testing.assert_allclose(res.stationary(), stationary(W), rtol=1e-9, atol=1e-13)
    assert res.residual < 1e-12


@pytest.mark.parametrize("name", ENGINES)
@given(W=random_stochastic())
def test_reducible_matrices_match_networkx_classes_and_cesaro_limit(name, W):
    with engine(name) as lim:
        res = lim(W)
    G = digraph(W)
    closed = sorted(tuple(sorted(c)) for c in nx.attracting_components(G))
    assert res.closed_classes == tuple(closed)
    periods = [period_by_cycles(W[np.ix_(c, c)]) for c in closed]
    assert res.period == max(periods)
    if len(closed) == 1 and len(closed[0]) == len(W):
        assert res.diagnosis == ("primitive" if res.period == 1 else "periodic")
    else:
        assert res.diagnosis == "reducible"
    L = res.limit
    np.testing.assert_allclose(L.sum(axis=0), 1.0, rtol=1e-12)
    assert np.abs(W @ L - L).max() < 1e-10
    D = math.lcm(*periods)
    np.testing.assert_allclose(L, cesaro_window(W, BIG_POWER, D), atol=1e-8)


@pytest.mark.parametrize("name", ENGINES)
@given(W=random_stochastic(max_n=8, sinks=True))
def test_calculus_limit_is_the_limit_of_normalised_powers(name, W):
    sinks = np.flatnonzero(W.sum(axis=0) == 0)
    assume(sinks.size)
    with engine(name) as lim:
        try:
            res = lim(W)
        except NotConvergedError:
            assume(False)
    L = res.limit
    assert np.isfinite(L).all()
    live = W.any(axis=0)
    np.testing.assert_allclose(L.sum(axis=0), live.astype(float), rtol=1e-12)
    np.testing.assert_array_equal(L[:, sinks], 0.0)  # a sink's own column stays 0
    G = digraph(W)
    if nx.is_directed_acyclic_graph(G):
        expected = normalise(W @ np.linalg.inv(np.eye(len(W)) - W))
        np.testing.assert_allclose(L, expected, atol=1e-12)
        return
    closed = [c for c in nx.attracting_components(G) if W[np.ix_(list(c), list(c))].any()]
    reach = set().union(*(nx.ancestors(G, next(iter(c))) | c for c in closed)) if closed else set()
    cols = sorted(reach - set(sinks.tolist()))
    if cols:
        D = math.lcm(*(period_by_cycles(W[np.ix_(list(c), list(c))]) for c in closed))
        np.testing.assert_allclose(L[:, cols], normalise(cesaro_window(W, BIG_POWER, D))[:, cols], atol=1e-8)
        assert np.abs(W @ L[:, cols] - L[:, cols]).max() < 1e-10


@given(W=random_stochastic(max_n=10))
def test_period_of_an_irreducible_matrix_is_the_gcd_of_its_cycle_lengths(W):
    """Diagnosis primitive/periodic iff strongly connected; the period is the gcd of the cycle lengths."""
    res = limit_matrix(W)
    period = res.period if res.diagnosis in ("primitive", "periodic") else None
    if nx.is_strongly_connected(digraph(W)):
        assert period == period_by_cycles(W)
    else:
        assert period is None


# pyanp (W. Adams, the author of Super Decisions) tests/test_limitmatrix.py: its published reference cases


def test_calculus_matches_pyanp_reference_case():
    W = np.array([[0.3, 0.2, 0.4], [0.1, 0.5, 0.5], [0.6, 0.3, 0.1]])
    expected = np.repeat([[0.29411765], [0.38235294], [0.32352941]], 3, axis=1)
    np.testing.assert_allclose(limit_matrix(W).limit, expected, atol=1e-8)


def test_hierarchy_formula_matches_pyanp_reference_case():
    W = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0]], dtype=float)
    expected = [[0, 0, 0], [0.5, 0, 0], [0.5, 1, 0]]
    for mode in ("calculus", "hierarchy"):  # an acyclic W: the default reads it by the hierarchy formula
        np.testing.assert_allclose(limit_matrix(W, mode).limit, expected, atol=1e-15)


def test_calculus_with_a_sink_is_pyanps_calculus_not_its_limit_sinks_option():
    """pyanp's ``calculus`` (Super Decisions' default) renormalises powers: the sink's column stays 0.

    pyanp's separate ``limit_sinks`` option (0.296223, 0.404648, 0.299128 on this matrix) takes the
    non-sink block's limit first; ANP_METHOD.md section 2 does not offer it.
    """
    W = np.array([[0.3, 0.2, 0.0], [0.1, 0.5, 0.0], [0.6, 0.3, 0.0]])
    res = limit_matrix(W)
    P = np.linalg.matrix_power(W, 80)
    np.testing.assert_allclose(res.limit, P / np.where(P.sum(axis=0) > 0, P.sum(axis=0), 1), atol=1e-12)
    np.testing.assert_array_equal(res.limit[:, 2], 0.0)
    assert not np.allclose(res.limit[:, 0], [0.296223, 0.404648, 0.299128], atol=1e-3)
