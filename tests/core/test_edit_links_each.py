"""Links "with respect to each node of a cluster": one comparison per node (anp_core.edit_links.set_link_each)."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core import edit as ed
from anp_core import edit_links as lk
from anp_core.draft import Draft, to_model
from anp_core.draft_problems import diagnose
from anp_core.edit import DraftEditError
from anp_core.evaluate import criterion_network

C = "overall"


def factors_and_sites() -> Draft:
    """The reviewer's case: Factors (Rent, Foot traffic, Safety), Sites (North, South, East)."""
    d = ed.new_draft("Shop site")
    for cluster, nodes in (
        ("Factors", ("Rent", "Foot traffic", "Safety")),
        ("Sites", ("North", "South", "East")),
    ):
        d = ed.add_cluster(d, cluster).draft
        for n in nodes:
            d = ed.add_node(d, d.clusters[-1].id, n).draft
    return d


def _ids(d: Draft) -> tuple[str, str, list[str]]:
    factors, sites = (c.id for c in d.clusters)
    return factors, sites, [n.id for n in d.cluster_by_id[factors].nodes]


def test_each_node_gets_its_own_comparison_and_the_problems_ask_for_each():
    d = factors_and_sites()
    factors, sites, nodes = _ids(d)
    d = lk.set_link_each(d, C, factors, sites, True).draft
    assert (C, "nodes", factors, sites) not in d.comparison_by_key  # no shared matrix
    for n in nodes:
        comp = d.comparison_by_key[(C, "nodes", n, sites)]
        assert all(x is None for i, row in enumerate(comp.matrix) for j, x in enumerate(row) if i != j)
    missing = {p.key for p in diagnose(d).problems if p.code in {"missing", "disconnected"}}
    assert {(C, "nodes", n, sites) for n in nodes} <= missing


def test_each_node_columns_can_differ():
    d = factors_and_sites()
    factors, sites, nodes = _ids(d)
    d = lk.set_link_each(d, C, factors, sites, True).draft
    d = lk.set_link(d, C, C, factors, True).draft  # factors weighed with respect to every node
    s = [n.id for n in d.cluster_by_id[sites].nodes]
    for k, n in enumerate(nodes):  # each factor prefers a different site
        key = (C, "nodes", n, sites)
        for i in range(3):
            for j in range(i + 1, 3):
                v = 5.0 if i == k else (1 / 5 if j == k else 1.0)
                d = lk.set_judgment(d, key, s[i], s[j], v).draft
    for i in range(3):
        for j in range(i + 1, 3):
            d = lk.set_judgment(d, (C, "nodes", C, factors), nodes[i], nodes[j], 1.0).draft
    net = criterion_network(to_model(d), C)
    ids = list(net.node_ids)
    block = net.unweighted[np.ix_([ids.index(x) for x in s], [ids.index(x) for x in nodes])]
    assert np.linalg.matrix_rank(block, tol=1e-9) == 3  # not identical columns


def test_switching_from_the_shared_matrix_keeps_its_judgments():
    d = factors_and_sites()
    factors, sites, nodes = _ids(d)
    d = lk.set_link(d, C, factors, sites, True).draft
    s = [n.id for n in d.cluster_by_id[sites].nodes]
    d = lk.set_judgment(d, (C, "nodes", factors, sites), s[0], s[1], 3.0).draft
    shared = d.comparison_by_key[(C, "nodes", factors, sites)]
    result = lk.set_link_each(d, C, factors, sites, True)
    assert result.draft.comparison_by_key[(C, "nodes", factors, sites)] == shared
    assert "keeps its 1 judgment" in result.message
    unused = [p for p in diagnose(result.draft).problems if p.code == "unused"]
    assert [p.key for p in unused] == [(C, "nodes", factors, sites)]
    # back: the per-node matrices go, the shared one applies again
    back = lk.set_link_each(result.draft, C, factors, sites, False)
    assert all((C, "nodes", n, sites) not in back.draft.comparison_by_key for n in nodes)
    assert back.draft.comparison_by_key[(C, "nodes", factors, sites)] == shared


def test_nodes_that_have_a_matrix_keep_it_and_refusals_are_clear():
    d = factors_and_sites()
    factors, sites, nodes = _ids(d)
    d = lk.set_link(d, C, nodes[0], sites, True).draft
    s = [n.id for n in d.cluster_by_id[sites].nodes]
    d = lk.set_judgment(d, (C, "nodes", nodes[0], sites), s[0], s[1], 7.0).draft
    kept = d.comparison_by_key[(C, "nodes", nodes[0], sites)]
    d2 = lk.set_link_each(d, C, factors, sites, True).draft
    assert d2.comparison_by_key[(C, "nodes", nodes[0], sites)] == kept
    assert lk.set_link_each(d2, C, factors, sites, True).draft == d2
    empty = ed.add_cluster(d, "Later").draft
    with pytest.raises(DraftEditError, match="has no nodes yet"):
        lk.set_link_each(empty, C, empty.clusters[-1].id, sites, True)
    with pytest.raises(DraftEditError, match="no cluster"):
        lk.set_link_each(d, C, "nope", sites, True)
