"""The graph structure a limit's solve path is picked from (anp_core/chain_structure.py)."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as hst

from anp_core.chain_structure import ChainStructure

NONE = np.empty(0, np.intp)


def structure(W, sinks=None) -> ChainStructure:
    M = np.asarray(W, dtype=float)
    return ChainStructure(M, np.flatnonzero(M.sum(axis=0) == 0) if sinks is None else sinks)


def test_a_cycle_is_one_closed_class_of_its_length():
    st = structure(np.roll(np.eye(4), 1, axis=0))
    assert st.irreducible
    assert [c.tolist() for c in st.closed] == [[0, 1, 2, 3]]
    assert st.period(st.closed[0]) == 4
    assert not st.acyclic


def test_a_self_loop_makes_the_period_one():
    W = np.roll(np.eye(3), 1, axis=0)
    W[:, 0] = [0.5, 0.5, 0.0]
    assert structure(W).period(np.arange(3)) == 1


def test_two_closed_classes_and_a_transient_node_between_them():
    # 0 <-> 1 closed, 3 closed (self-loop), 2 sends to both
    W = np.zeros((4, 4))
    W[1, 0] = W[0, 1] = 1.0
    W[3, 3] = 1.0
    W[[0, 3], 2] = 0.5
    st = structure(W)
    assert [c.tolist() for c in st.closed] == [[0, 1], [3]]
    assert st.transient.tolist() == [2]
    assert not st.irreducible
    assert st.period(st.closed[0]) == 2
    assert st.period(st.closed[1]) == 1


def test_a_class_that_reaches_a_sink_is_not_closed_and_an_acyclic_graph_is_known():
    W = np.zeros((3, 3))
    W[1, 0] = W[2, 1] = 1.0  # 0 -> 1 -> 2, and 2 is a sink
    st = structure(W)
    assert st.sinks.tolist() == [2]
    assert st.closed == []
    assert st.transient.tolist() == [0, 1]
    assert st.acyclic


@settings(max_examples=150, deadline=None)
@given(
    hst.integers(min_value=2, max_value=9).flatmap(
        lambda n: hst.lists(hst.lists(hst.booleans(), min_size=n, max_size=n), min_size=n, max_size=n)
    )
)
def test_classes_transient_nodes_and_periods_agree_with_networkx(pattern):
    A = np.array(pattern, dtype=float)
    empty = A.sum(axis=0) == 0
    W = np.where(A > 0, 1.0, 0.0) / np.where(empty, 1.0, A.sum(axis=0))
    st = structure(W)
    g = nx.DiGraph()
    g.add_nodes_from(range(len(A)))
    g.add_edges_from((j, i) for i, j in zip(*np.nonzero(A), strict=True))  # flow j -> i
    sinks = set(np.flatnonzero(empty).tolist())
    closed = sorted((sorted(c) for c in nx.attracting_components(g) if not c & sinks), key=lambda c: c[0])
    assert [c.tolist() for c in st.closed] == closed
    assert set(st.transient.tolist()) == set(range(len(A))) - sinks - {v for c in closed for v in c}
    for c in st.closed:
        # every simple cycle of an m-node class is a closed walk of length <= m, and every closed
        # walk's length is a multiple of the period: the gcd of the k <= m with trace(B^k) > 0
        B = (A[np.ix_(c, c)] > 0).astype(int)
        P, returns = np.eye(len(c), dtype=int), []
        for k in range(1, len(c) + 1):
            P = np.minimum(P @ B, 1)
            if np.trace(P):
                returns.append(k)
        assert st.period(c) == math.gcd(*returns)
        # the cyclic classes: they split the class, and every edge inside it goes from C_k to C_{k-1}
        d, classes = st.cycle(c)
        assert d == st.period(c)
        assert len(classes) == d
        assert sorted(v for k in classes for v in k.tolist()) == c.tolist()
        phase = {v: k for k, members in enumerate(classes) for v in members.tolist()}
        inside = set(c.tolist())
        for i, j in zip(*np.nonzero(A), strict=True):
            if i in inside and j in inside:
                assert phase[int(i)] == (phase[int(j)] - 1) % d
    assert st.acyclic == nx.is_directed_acyclic_graph(g)
