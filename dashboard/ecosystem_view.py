"""View builders of the Ecosystem page: the diagram, its tables and captions, for any model.

A model whose file has an ecosystem description (``ecosystem.populations``)
gets that diagram (:mod:`dashboard.ecosystem_figure`), titled by
``ecosystem.title``; any other model gets the diagram of its clusters, nodes
and links (:mod:`dashboard.network_figure`). No Streamlit here; markdown
strings have the model's text escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from anp_core import Evaluation, Model
from dashboard import ecosystem_figure, ecosystem_graph, network_figure
from dashboard.text import plain

__all__ = ["EcosystemView", "ecosystem_view", "elements_table", "page_title", "relations_table"]


@dataclass(frozen=True)
class EcosystemView:
    """What the page draws: the figure and its caption (markdown)."""

    figure: go.Figure
    caption: str


def page_title(model: Model) -> str:
    """Return the page's title (markdown): the ecosystem's title, else the network's."""
    if model.ecosystem.populations and model.ecosystem.title:
        return plain(model.ecosystem.title)
    return f"The network of {plain(model.name)}"


def ecosystem_view(ev: Evaluation) -> EcosystemView:
    """Build the diagram of ``ev.model`` sized by the composite weights of ``ev``."""
    model = ev.model
    composite = dict(zip(model.ranked_node_ids, ev.composite_values.tolist(), strict=True))
    weights = " · ".join(
        f"{plain(model.label(c))} {w:.3f}" for c, w in zip(ev.criteria, ev.weights.tolist(), strict=True)
    )
    if model.ecosystem.populations:
        g = ecosystem_graph.build_graph(model)
        fig = ecosystem_figure.ecosystem_figure(
            g,
            composite,
            ranks=dict(zip(model.ranked_node_ids, ev.rank_values.tolist(), strict=True)),
            model=model,
        )
        caption = (
            f"Node size (area) and colour: composite weight Σₖ vₖ Lₖ under the current criterion weights ({weights}). "
            "Outline colour: the node's cluster. Arrows are the relations the model file describes (hover an "
            "arrow's middle for its wording); grey lines are memberships. Hover a node for its description."
        )
        return EcosystemView(figure=fig, caption=caption)
    fig = network_figure.network_figure(model, [ev.networks[c].weighted for c in ev.criteria], composite)
    detail = (
        "Lines join two nodes where one gives weight to the other under a weighted criterion; "
        if len(model.node_ids) <= network_figure.NODE_LIMIT
        else f"With {len(model.node_ids)} nodes only the clusters are drawn; "
    )
    caption = (
        f"Node size (area): composite weight Σₖ vₖ Lₖ under the current criterion weights ({weights}); open "
        f"circles are nodes the results do not rank. {detail}arrows join clusters whose block of the supermatrix "
        "is not empty (the arrowhead at the cluster given weight), and a dotted frame marks a cluster whose nodes depend on each other (inner dependence)."
    )
    return EcosystemView(figure=fig, caption=caption)


def elements_table(model: Model) -> pd.DataFrame:
    """Return the model's elements by category: ecosystem members, clusters and their nodes, criteria (plain text)."""
    rows = [
        ("Ecosystem members", p.name, ", ".join(m.name for m in p.members))
        for p in model.ecosystem.populations
    ]
    rows += [("Clusters", c.name, ", ".join(n.name for n in c.nodes)) for c in model.clusters]
    for c in model.criteria:
        note = "" if c.id in model.control_criteria else " (outside the control layer)"
        rows.append(("Criteria", c.name + note, ", ".join(c.examples)))
    return pd.DataFrame(rows, columns=["Category", "Element", "Members or examples"])


def relations_table(model: Model) -> pd.DataFrame | None:
    """Return the relations the model's ecosystem describes (None if it describes none)."""
    rel = model.ecosystem.relations
    if not rel:
        return None
    return pd.DataFrame(
        [(model.label(r.source), model.label(r.target), r.label) for r in rel],
        columns=["From", "To", "Relation"],
    )
