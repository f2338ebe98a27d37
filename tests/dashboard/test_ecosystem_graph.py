"""The ecosystem graph and its layout (dashboard.ecosystem_graph) on the paper's model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from anp_core import evaluate, load_model
from dashboard import ecosystem_graph as eg

KINDS = ("criterion", "cluster", "factor", "population", "member")


@pytest.fixture(scope="module")
def graph(paper_model):
    return eg.build_graph(paper_model)


@pytest.fixture(scope="module")
def evaluation(paper_model):
    return evaluate(paper_model)


def kind_count(g, kind):
    return sum(1 for _, d in g.nodes(data=True) if d["kind"] == kind)


# ----- graph -----


def test_graph_has_one_node_per_population_member_cluster_factor_and_criterion(paper_model, graph):
    eco = paper_model.ecosystem
    expected = {
        "population": len(eco.populations),
        "member": sum(len(p.members) for p in eco.populations),
        "cluster": len(paper_model.clusters),
        "factor": len(paper_model.node_ids),
        "criterion": len(paper_model.criteria),
    }
    assert expected == {"population": 4, "member": 8, "cluster": 6, "factor": 20, "criterion": 6}
    assert {k: kind_count(graph, k) for k in KINDS} == expected
    assert graph.number_of_nodes() == sum(expected.values())


def test_graph_has_membership_edges_plus_every_relation(paper_model, graph):
    eco = paper_model.ecosystem
    members = sum(len(p.members) for p in eco.populations)
    memberships = [(u, v) for u, v, d in graph.edges(data=True) if d["kind"] == "membership"]
    relations = [(u, v, d["label"]) for u, v, d in graph.edges(data=True) if d["kind"] == "relation"]
    assert len(memberships) == members + len(paper_model.node_ids)
    assert sorted(relations) == sorted((r.source, r.target, r.label) for r in eco.relations)
    assert graph.number_of_edges() == members + len(paper_model.node_ids) + len(eco.relations) == 51
    for cl in paper_model.clusters:
        assert {v for _, v, d in graph.out_edges(cl.id, data=True) if d["kind"] == "membership"} == {
            n.id for n in cl.nodes
        }
    for p in eco.populations:
        assert {v for _, v, d in graph.out_edges(p.id, data=True) if d["kind"] == "membership"} == {
            m.id for m in p.members
        }


def test_graph_carries_the_papers_descriptions_and_the_control_layer(paper_model, graph):
    assert (
        graph.nodes["government_regulation"]["description"]
        == paper_model.node_by_id["government_regulation"].description
    )
    assert graph.nodes["keystone"]["role"] == "keystone"
    assert graph.nodes["overseas_buyers"]["parent"] == "key"
    inside = {n for n, d in graph.nodes(data=True) if d["kind"] == "criterion" and d["in_control_layer"]}
    assert inside == set(paper_model.control_criteria)
    geo = graph.nodes["natural_geography"]
    assert not geo["in_control_layer"]
    assert "immutable" in geo["excluded_reason"]


def test_graph_without_an_ecosystem_has_only_the_network(paper_model):
    data = paper_model.model_dump(mode="python")
    data["ecosystem"] = {"populations": [], "relations": []}
    g = eg.build_graph(load_model(data))
    assert kind_count(g, "population") == kind_count(g, "member") == 0
    assert g.number_of_edges() == len(paper_model.node_ids)


# ----- layout -----


def test_layout_is_deterministic_and_places_every_node_once(paper_model, graph):
    pos1 = eg.layout(graph)
    pos2 = eg.layout(eg.build_graph(load_model(paper_model.model_dump(mode="python"))))
    assert pos1 == pos2
    assert set(pos1) == set(graph.nodes)
    points = list(pos1.values())
    assert all(np.isfinite(p).all() for p in points)
    assert len(set(points)) == len(points)  # no two nodes on top of each other


def test_layout_keeps_factor_labels_apart_and_clusters_beside_their_factors(paper_model, graph):
    pos = eg.layout(graph)
    ys = sorted(pos[f][1] for f in paper_model.node_ids)
    assert min(np.diff(ys)) >= 1.0  # one label line per factor slot
    assert len({pos[f][0] for f in paper_model.node_ids}) == 1  # one column
    for cl in paper_model.clusters:
        fy = [pos[n.id][1] for n in cl.nodes]
        assert min(fy) <= pos[cl.id][1] <= max(fy)
        assert pos[cl.id][0] > pos[cl.nodes[0].id][0]
    env = {c.id for c in paper_model.criteria}
    env_y = {pos[c][1] for c in env}
    assert len(env_y) == 1  # one band across the top, above everything else
    assert min(env_y) > max(p[1] for n, p in pos.items() if n not in env)


def test_environment_relations_stay_out_of_the_factor_column(paper_model, graph):
    pos = eg.layout(graph)
    cluster_x = min(pos[c.id][0] for c in paper_model.clusters)
    top_factor = max(pos[f][1] for f in paper_model.node_ids)
    routes = [r for r in eg.relation_routes(graph, pos) if graph.nodes[r[0]]["kind"] == "criterion"]
    assert len(routes) == sum(
        1 for r in paper_model.ecosystem.relations if r.source in paper_model.criterion_by_id
    )
    for _, target, points in routes:
        assert points[-1] == pos[target]
        below = [(x, y) for x, y in points if y <= top_factor + 0.5]
        assert all(x >= cluster_x - 1e-9 for x, _ in below)


def test_an_english_translation_names_the_graph_of_a_chinese_model():
    """A model whose own names are Chinese is drawn with its ``translations.en`` names on an English page."""
    m = load_model(
        Path(__file__).resolve().parents[2] / "data" / "models" / "examples" / "warehouse_site_names.json"
    )
    assert eg.build_graph(m, "en").nodes["sites"]["label"] == "Candidate sites"
    assert eg.build_graph(m, "zh").nodes["sites"]["label"] == m.cluster_by_id["sites"].name
