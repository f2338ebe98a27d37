"""The Model page's network figure (dashboard.workbench_figure): deterministic, readable without colour."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from anp_core import edit as ed
from anp_core import edit_links as lk
from anp_core.draft import from_model
from dashboard import palette
from dashboard.workbench_figure import box_layout, cluster_colors, network_figure
from tests.core.test_draft import three_clusters

C = "overall"


def _arrows(fig: go.Figure) -> list:
    return [a for a in fig.layout.annotations if a.showarrow]


def _lines(fig: go.Figure, dash: str) -> list:
    return [t for t in fig.data if t.mode == "lines" and t.line.dash == dash]


def test_figure_is_valid_and_deterministic():
    d = three_clusters()
    a, b = network_figure(d, C), network_figure(d, C)
    go.Figure(a.to_dict())  # plotly validates every property
    assert json.dumps(a.to_plotly_json(), sort_keys=True, default=str) == json.dumps(
        b.to_plotly_json(), sort_keys=True, default=str
    )


def test_boxes_do_not_overlap():
    d = ed.new_draft("Many")
    for k in range(7):
        d = ed.add_cluster(d, f"Cluster {k}").draft
        for j in range(k % 4 + 1):
            d = ed.add_node(d, f"cluster_{k}", f"n{k}_{j}").draft
    boxes = list(box_layout(d).values())
    for i, (x1, y1, w1, h1) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert abs(x1 - x2) >= w1 + w2 or abs(y1 - y2) >= h1 + h2


def test_one_arrow_per_linked_cluster_pair_and_loops_for_inner_dependence():
    d = three_clusters()  # A -> B, B -> C, C -> A, C -> B
    fig = network_figure(d, C)
    assert len(_arrows(fig)) == 4
    d = lk.set_link(d, C, "a", "a", True).draft
    fig = network_figure(d, C)
    assert len(_arrows(fig)) == 5
    assert _lines(fig, "solid")[0].showlegend


def test_links_from_some_nodes_are_dashed():
    d = lk.set_link(three_clusters(), C, "b1", "a", True).draft
    dashed = _lines(network_figure(d, C), "dash")
    assert dashed
    assert dashed[0].showlegend
    assert dashed[0].name == "some nodes of the source cluster link"


def test_criterion_wide_links_are_marked_on_the_box_not_drawn(paper_model):
    fig = network_figure(from_model(paper_model), "policy")
    assert not _arrows(fig)
    marks = [a for a in fig.layout.annotations if "every node" in (a.text or "")]
    assert len(marks) == len(paper_model.clusters)


def test_clusters_differ_by_shape_and_name_not_only_colour():
    d = three_clusters()
    fig = network_figure(d, C)
    markers = [t for t in fig.data if t.mode == "markers+text"]
    styles = palette.styles(3)  # the styles every other chart gives the first three clusters
    assert [t.marker.symbol for t in markers] == [s.symbol for s in styles]
    assert [t.marker.color for t in markers] == [s.colour for s in styles]
    assert len({(s.colour, s.symbol) for s in styles}) == 3
    assert cluster_colors(d) == dict(zip(["a", "b", "c"], [s.colour for s in styles], strict=True))
    heads = [a.text for a in fig.layout.annotations if a.text and a.text.startswith("<b>")]
    assert heads == ["<b>A</b>", "<b>B</b>", "<b>C</b>"]


def test_names_are_html_escaped_and_cut_to_fit():
    d = ed.new_draft("X")
    d = ed.add_cluster(d, '<a href="https://evil.example">click</a>').draft
    cid = d.clusters[0].id
    long = "A very long node name that does not fit in its box at all"
    d = ed.add_node(d, cid, long).draft
    fig = network_figure(d, None, plot_width=300)
    texts = json.dumps(fig.to_plotly_json(), default=str)
    assert "<a href" not in texts
    assert "&lt;a" in texts
    node = next(t for t in fig.data if t.mode == "markers+text")
    assert node.text[0].endswith("…")
    assert long in node.hovertext[0]
    wide = next(t for t in network_figure(d, None, plot_width=2000).data if t.mode == "markers+text")
    assert len(wide.text[0]) > len(node.text[0])


@pytest.mark.parametrize("draft", [ed.new_draft("Empty"), ed.add_cluster(ed.new_draft("One"), "Alone").draft])
def test_empty_and_half_built_drafts_draw(draft):
    fig = network_figure(draft, C)
    go.Figure(fig.to_dict())
    text = " ".join(a.text or "" for a in fig.layout.annotations)
    assert "Add clusters" in text or "no nodes yet" in text
