"""The ecosystem graph and figure builders (paper 000, Table 1 / Figure 1), tested directly."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anp_core import evaluate, load_model
from dashboard import ecosystem_figure as ef

KINDS = ("criterion", "cluster", "factor", "population", "member")


@pytest.fixture(scope="module")
def graph(paper_model):
    return ef.build_graph(paper_model)


@pytest.fixture(scope="module")
def evaluation(paper_model):
    return evaluate(paper_model)


def kind_count(g, kind):
    return sum(1 for _, d in g.nodes(data=True) if d["kind"] == kind)


def trace(fig, name_start):
    (t,) = [t for t in fig.data if (t.name or "").startswith(name_start)]
    return t


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
    g = ef.build_graph(load_model(data))
    assert kind_count(g, "population") == kind_count(g, "member") == 0
    assert g.number_of_edges() == len(paper_model.node_ids)
    fig = ef.ecosystem_figure(g, {})
    assert len(trace(fig, "Internal factor").x) == 20


# ----- layout -----


def test_layout_is_deterministic_and_places_every_node_once(paper_model, graph):
    pos1 = ef.layout(graph)
    pos2 = ef.layout(ef.build_graph(load_model(paper_model.model_dump(mode="python"))))
    assert pos1 == pos2
    assert set(pos1) == set(graph.nodes)
    points = list(pos1.values())
    assert all(np.isfinite(p).all() for p in points)
    assert len(set(points)) == len(points)  # no two nodes on top of each other


def test_layout_keeps_factor_labels_apart_and_clusters_beside_their_factors(paper_model, graph):
    pos = ef.layout(graph)
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
    pos = ef.layout(graph)
    cluster_x = min(pos[c.id][0] for c in paper_model.clusters)
    top_factor = max(pos[f][1] for f in paper_model.node_ids)
    routes = [r for r in ef.relation_routes(graph, pos) if graph.nodes[r[0]]["kind"] == "criterion"]
    assert len(routes) == sum(
        1 for r in paper_model.ecosystem.relations if r.source in paper_model.criterion_by_id
    )
    for _, target, points in routes:
        assert points[-1] == pos[target]
        below = [(x, y) for x, y in points if y <= top_factor + 0.5]
        assert all(x >= cluster_x - 1e-9 for x, _ in below)


# ----- sizes -----


def test_factor_sizes_are_strictly_increasing_in_the_weight():
    w = np.linspace(0.0, 1.0, 501)
    s = ef.factor_sizes(w)
    assert np.all(np.diff(s) > 0)
    assert ef.factor_sizes([-1.0, np.nan, np.inf]).tolist() == [6.0, 6.0, 6.0]


@given(st.floats(0, 1), st.floats(0, 1))
def test_factor_sizes_are_monotone(a, b):
    sa, sb = ef.factor_sizes([a, b])
    if a <= b:
        assert sa <= sb
    if b - a > 1e-9:
        assert sa < sb


# ----- figure -----


def test_figure_sizes_and_colours_factors_by_the_composite(paper_model, graph, evaluation):
    composite = evaluation.composite.to_dict()
    fig = ef.ecosystem_figure(graph, composite, ranks=evaluation.ranks.to_dict(), model=paper_model)
    t = trace(fig, "Internal factor")
    ids = list(t.customdata)
    assert sorted(ids) == sorted(paper_model.node_ids)
    w = np.array([composite[f] for f in ids])
    np.testing.assert_allclose(t.marker.size, ef.factor_sizes(w))
    np.testing.assert_allclose(t.marker.color, w)
    top = ids[int(np.argmax(t.marker.size))]
    assert top == "government_regulation"
    assert "rank 1" in t.hovertext[ids.index(top)]
    assert paper_model.node_by_id[top].description[:40] in t.hovertext[ids.index(top)].replace("<br>", " ")


def test_figure_moves_with_the_political_weight(paper_model, graph):
    base = evaluate(paper_model)
    v = dict(base.criterion_weights)
    v["political"] = 0.6
    moved = evaluate(paper_model, v)
    a = trace(ef.ecosystem_figure(graph, base.composite.to_dict()), "Internal factor")
    b = trace(ef.ecosystem_figure(graph, moved.composite.to_dict()), "Internal factor")
    ids = list(a.customdata)
    delta_w = np.array([moved.composite[f] - base.composite[f] for f in ids])
    delta_s = np.asarray(b.marker.size) - np.asarray(a.marker.size)
    assert np.abs(delta_s).max() > 0.5
    assert np.array_equal(
        np.sign(delta_s[np.abs(delta_w) > 1e-12]), np.sign(delta_w[np.abs(delta_w) > 1e-12])
    )


def test_figure_has_a_legend_entry_per_node_kind_and_role(paper_model, graph, evaluation):
    fig = ef.ecosystem_figure(graph, evaluation.composite.to_dict(), model=paper_model)
    legend = {t.name for t in fig.data if t.showlegend is not False}
    for name in [
        "Membership",
        "Relation (paper 2.2)",
        "Relation from outside the control layer",
        "External environment (control criterion)",
        "Natural geography: outside the control layer",
        "Internal-factor cluster",
        "Internal factor (size and colour = composite weight)",
        *ef.ROLE_LABELS.values(),
    ]:
        assert name in legend
    geo = trace(fig, "Natural geography")
    assert geo.marker.symbol == "diamond-open"
    assert "outside the control layer" in geo.text[0]


def test_figure_draws_every_relation_with_an_arrow_and_its_wording(paper_model, graph, evaluation):
    fig = ef.ecosystem_figure(graph, evaluation.composite.to_dict(), model=paper_model)
    rel = paper_model.ecosystem.relations
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == len(rel)
    (hover,) = [t for t in fig.data if t.name == "relation labels"]
    assert len(hover.text) == len(rel)
    expected = sorted(
        f"<b>{paper_model.label(r.source)}</b> → <b>{paper_model.label(r.target)}</b><br>{r.label}"
        for r in rel
    )
    assert sorted(t.replace("<br>", " ").replace("</b> ", "</b><br>", 1) for t in hover.text) == [
        e.replace("<br>", " ").replace("</b> ", "</b><br>", 1) for e in expected
    ]
    inside = trace(fig, "Relation (paper")
    outside = trace(fig, "Relation from outside the control layer")
    assert outside.line.dash == "dash"
    n_outside = sum(
        1
        for r in rel
        if r.source in paper_model.criterion_by_id and r.source not in paper_model.control_criteria
    )
    assert n_outside == 1  # natural geography -> cross-border logistics
    assert sum(1 for x in outside.x if x is None) == n_outside
    assert sum(1 for x in inside.x if x is None) == len(rel) - n_outside


def test_figure_labels_each_cluster_and_population_once(paper_model, graph, evaluation):
    fig = ef.ecosystem_figure(graph, evaluation.composite.to_dict(), model=paper_model)
    texts = [a.text.replace("<br>", " ") for a in fig.layout.annotations if not a.showarrow]
    for name in itertools.chain(
        (c.name for c in paper_model.clusters), (p.name for p in paper_model.ecosystem.populations)
    ):
        assert texts.count(name) == 1, name


def test_figure_is_the_same_for_the_same_input(paper_model, graph, evaluation):
    c = evaluation.composite.to_dict()
    assert (
        ef.ecosystem_figure(graph, c, model=paper_model).to_json()
        == ef.ecosystem_figure(ef.build_graph(paper_model), c, model=paper_model).to_json()
    )
