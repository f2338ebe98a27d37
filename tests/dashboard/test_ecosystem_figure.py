"""The ecosystem graph and figure builders (paper 000, Table 1 / Figure 1), tested directly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anp_core import evaluate
from dashboard import ecosystem_figure as ef
from dashboard import ecosystem_graph as eg
from dashboard.text import plot_text

KINDS = ("criterion", "cluster", "factor", "population", "member")


@pytest.fixture(scope="module")
def graph(paper_model):
    return eg.build_graph(paper_model)


@pytest.fixture(scope="module")
def evaluation(paper_model):
    return evaluate(paper_model)


def kind_count(g, kind):
    return sum(1 for _, d in g.nodes(data=True) if d["kind"] == kind)


def trace(fig, name_start):
    (t,) = [t for t in fig.data if (t.name or "").startswith(name_start)]
    return t


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
        "Relation (as the model describes it)",
        "Relation from outside the control layer",
        "Control criterion",
        "Criterion outside the control layer",
        "Internal-factor cluster (colour and shape: its cluster)",
        "Internal factor (size and colour = composite weight)",
    ]:
        assert name in legend
    styles = ef.kind_styles(graph)
    for role, label in ef.ROLE_LABELS.items():  # each role's legend entry starts with its shape
        assert f"{styles['role:' + role].glyph} {label}" in legend
    geo = trace(fig, "Criterion outside")
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
        f"<b>{plot_text(paper_model.label(r.source))}</b> → <b>{plot_text(paper_model.label(r.target))}</b><br>"
        + plot_text(r.label)
        for r in rel
    )
    assert sorted(t.replace("<br>", " ").replace("</b> ", "</b><br>", 1) for t in hover.text) == [
        e.replace("<br>", " ").replace("</b> ", "</b><br>", 1) for e in expected
    ]
    inside = trace(fig, "Relation (as")
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
    styles = ef.kind_styles(graph)
    for c in paper_model.clusters:  # a cluster's label starts with its shape
        assert texts.count(f"{styles[c.id].glyph} {plot_text(c.name)}") == 1, c.name
    for name in (p.name for p in paper_model.ecosystem.populations):
        assert texts.count(plot_text(name)) == 1, name


def test_criteria_names_wrap_narrower_the_more_criteria_share_the_top_row(paper_model, graph, evaluation):
    """Six criteria at 24 characters a line ran into each other at 1280 px; each line is now at most 84 // 6."""
    fig = ef.ecosystem_figure(graph, evaluation.composite.to_dict(), model=paper_model)
    crits = [
        t for t in fig.data if (t.name or "") in ("Control criterion", "Criterion outside the control layer")
    ]
    names = [text.split("<br><i>")[0] for t in crits for text in t.text]
    assert len(names) == 6  # five in the control layer, Natural geography outside it
    lines = [line for name in names for line in name.split("<br>")]
    assert max(len(line) for line in lines) <= 84 // 6
    assert " ".join(names[0].split("<br>")) == plot_text(paper_model.criteria[0].name)


def test_figure_is_the_same_for_the_same_input(paper_model, graph, evaluation):
    c = evaluation.composite.to_dict()
    assert (
        ef.ecosystem_figure(graph, c, model=paper_model).to_json()
        == ef.ecosystem_figure(eg.build_graph(paper_model), c, model=paper_model).to_json()
    )


def test_every_label_is_in_the_text_colour_and_kinds_differ_by_shape(paper_model, graph, evaluation):
    """Nothing told by colour alone (issue 15): labels in the text colour, clusters and roles by symbol too."""
    from dashboard.palette import PLOT_TEXT, contrast_ratio

    fig = ef.ecosystem_figure(graph, evaluation.composite.to_dict(), model=paper_model)
    for t in fig.data:
        if t.textfont and t.textfont.color and isinstance(t.textfont.color, str):
            assert contrast_ratio(t.textfont.color, "#FFFFFF") >= 4.5, t.name
    for a in fig.layout.annotations:
        if a.text and a.font.color:
            assert contrast_ratio(a.font.color, "#FFFFFF") >= 4.5, a.text
    styles = ef.kind_styles(graph)
    assert len({(s.colour, s.symbol) for s in styles.values()}) == len(styles)
    clusters = trace(fig, "Internal-factor cluster")
    assert list(clusters.marker.symbol) == [styles[c.id].symbol for c in paper_model.clusters]
    assert fig.layout.font.color == PLOT_TEXT


def test_notes_star_the_factors_they_name_and_only_those(paper_model, graph, evaluation):
    notes = {"government_regulation": "Policy coordination", "no_such_node": "x"}
    fig = ef.ecosystem_figure(
        graph, evaluation.composite.to_dict(), model=paper_model, notes=notes, notes_name="Named"
    )
    stars = trace(fig, "✶ Named")
    assert len(stars.x) == 1
    assert "Policy coordination" in stars.hovertext[0]
    assert sum(1 for a in fig.layout.annotations if a.text == "Policy coordination") == 1
    plain = ef.ecosystem_figure(graph, evaluation.composite.to_dict(), model=paper_model)
    assert not [t for t in plain.data if (t.name or "").startswith("✶")]
