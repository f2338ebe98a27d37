"""The network diagram of any model (dashboard.network_figure) and the Ecosystem page's view builder."""

from __future__ import annotations

from anp_core import evaluate
from dashboard import ecosystem_view, network_figure
from dashboard.figures import cluster_styles
from dashboard.text import plot_text
from tests.support.dashboard_models import HTML, big_model, feedback_model, payload_model, sink_model


def test_links_follow_the_weighted_supermatrix():
    m = sink_model()
    ev = evaluate(m)
    nodes, clusters = network_figure.links(m, [ev.networks["network"].weighted])
    idx = {n: k for k, n in enumerate(m.node_ids)}
    assert (idx["n1"], idx["alt1"]) in nodes  # n1 gives weight to alt1
    assert not any(j == idx["alt1"] for j, _ in nodes)  # the sink links to nothing
    assert clusters == {(1, 0), (1, 1)}  # crit -> alts, crit -> crit (inner dependence)


def test_network_figure_draws_every_node_sized_by_weight():
    m = feedback_model()
    ev = evaluate(m)
    composite = dict(zip(m.ranked_node_ids, ev.composite_values.tolist(), strict=True))
    fig = network_figure.network_figure(m, [ev.networks[c].weighted for c in ev.criteria], composite)
    styles = cluster_styles(m)
    names = {f"{styles[c.id].glyph} {plot_text(c.name)}": c.id for c in m.clusters}
    clusters = [t for t in fig.data if t.name in names]
    assert sum(len(t.x) for t in clusters) == 6
    crit = next(t for t in clusters if names[t.name] == "crit")
    assert all(s == styles["crit"].symbol + "-open" for s in crit.marker.symbol)  # not ranked: open
    for t in clusters:  # every cluster has its own colour and shape
        assert t.marker.color == styles[names[t.name]].colour
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == 2  # criteria <-> suppliers
    assert [s.type for s in fig.layout.shapes] == ["rect"]  # criteria depend on each other (a dotted frame)
    (arcs,) = [t for t in fig.data if (t.name or "").startswith("Cluster link")]
    assert sum(1 for x in arcs.x if x is None) == 2


def test_a_large_network_draws_only_its_clusters():
    m = big_model()
    ev = evaluate(m)
    composite = dict(zip(m.ranked_node_ids, ev.composite_values.tolist(), strict=True))
    fig = network_figure.network_figure(m, [ev.networks["network"].weighted], composite)
    (t,) = [t for t in fig.data if (t.name or "").startswith("Cluster (size")]
    assert len(t.x) == 6
    assert not [t for t in fig.data if t.name == "Node link"]


def test_ecosystem_view_picks_the_described_ecosystem_or_the_network(paper_model):
    view = ecosystem_view.ecosystem_view(evaluate(paper_model))
    assert any(
        t.name == "Ecosystem members" or "population" in (t.name or "").lower() for t in view.figure.data
    )
    assert ecosystem_view.page_title(paper_model).startswith("Cross\\-border e\\-commerce and characteristic")
    m = feedback_model()
    other = ecosystem_view.ecosystem_view(evaluate(m))
    assert "open circles are nodes the results do not rank" in other.caption
    assert ecosystem_view.page_title(m) == "The network of Supplier choice with feedback"
    assert ecosystem_view.relations_table(m) is None
    assert list(ecosystem_view.elements_table(m)["Category"]) == [
        "Clusters",
        "Clusters",
        "Criteria",
        "Criteria",
    ]


def test_figures_escape_html_in_names():
    m = payload_model()
    ev = evaluate(m)
    for fig in (
        ecosystem_view.ecosystem_view(ev).figure,
        network_figure.network_figure(
            m,
            [ev.networks[c].weighted for c in ev.criteria],
            dict(zip(m.ranked_node_ids, ev.composite_values.tolist(), strict=True)),
        ),
    ):
        text = fig.to_json()
        assert "<a href" not in text
        assert "<img" not in text
        assert plot_text(HTML)[:20] in text
