"""View builders of the Ecosystem page: the diagram, its tables and captions, for any model.

A model whose file has an ecosystem description (``ecosystem.populations``)
gets that diagram (:mod:`dashboard.ecosystem_figure`), titled by
``ecosystem.title``; any other model gets the diagram of its clusters, nodes
and links (:mod:`dashboard.network_figure`). Besides the current model's, the
page offers the ecosystems of the bundled models and templates
(:func:`ecosystem_files`, :func:`choices`): whatever files have an
``ecosystem`` section, nothing chosen by id. No Streamlit here; markdown
strings have the model's text escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anp_core import Evaluation, Model
from anp_core.i18n import translator
from anp_core.model_schema import in_language
from dashboard import ecosystem_figure, ecosystem_graph, network_figure, text_alternatives
from dashboard.text import model_name, name_of, plain

__all__ = [
    "CURRENT",
    "MODEL_FOLDERS",
    "Choice",
    "EcosystemView",
    "choices",
    "ecosystem_files",
    "ecosystem_view",
    "elements_table",
    "factors_table",
    "page_title",
    "relations_table",
]

_DATA = Path(__file__).resolve().parent.parent / "data" / "models"
#: Folders whose model files may carry an ecosystem to offer (the bundled model, the templates).
MODEL_FOLDERS: tuple[Path, ...] = (_DATA, _DATA / "templates")
#: Key of the current model in the page's picker.
CURRENT = "current"


@dataclass(frozen=True)
class EcosystemView:
    """What the page draws: the figure, its caption (markdown), summary (plain text) and data."""

    figure: go.Figure
    caption: str
    text: str = ""
    data: pd.DataFrame | None = None


@dataclass(frozen=True)
class Choice:
    """One diagram the page can draw: its picker key, its label (plain text) and its model."""

    key: str
    label: str
    model: Model


def ecosystem_files(folders: Sequence[Path] = MODEL_FOLDERS) -> list[Path]:
    """Return the bundled model files (``*.json`` of ``folders``, sorted by name in each) to look for ecosystems in."""
    out: list[Path] = []
    for folder in folders:
        try:
            out += sorted(p for p in folder.glob("*.json") if p.is_file())
        except OSError:
            continue
    return out


def choices(current: Model, opened: Sequence[tuple[Path, Model | None]], lang: str = "en") -> list[Choice]:
    """Return the diagrams to offer: the current model's, then every opened file with an ecosystem section.

    A file whose model is the current one (same fingerprint) or that could not be
    opened is left out; the order is the files' order.
    """
    _ = translator(lang)
    if current.ecosystem.populations:
        first = _("This model: {title}").format(
            title=in_language(current.ecosystem, "title", lang) or model_name(current, lang)
        )
    else:
        first = _("This model's network: {name}").format(name=model_name(current, lang))
    out = [Choice(CURRENT, first, current)]
    seen = {current.fingerprint}
    for path, model in opened:
        if model is None or not model.ecosystem.populations or model.fingerprint in seen:
            continue
        seen.add(model.fingerprint)
        out.append(
            Choice(
                str(path),
                _("{title} ({file})").format(
                    title=in_language(model.ecosystem, "title", lang) or model_name(model, lang),
                    file=path.name,
                ),
                model,
            )
        )
    return out


def page_title(model: Model, lang: str = "en") -> str:
    """Return the page's title (markdown): the ecosystem's title, else the network's."""
    if model.ecosystem.populations and model.ecosystem.title:
        return plain(in_language(model.ecosystem, "title", lang))
    _ = translator(lang)
    return _("The network of {name}").format(name=plain(model_name(model, lang)))


def factors_table(ev: Evaluation, notes: Mapping[str, str] | None = None, lang: str = "en") -> pd.DataFrame:
    """Return the diagram's data: every ranked node with its cluster, composite weight and rank (largest first).

    With ``notes`` (node id -> text) a last column holds each node's note.
    """
    _ = translator(lang)
    model = ev.model
    order = np.argsort(-ev.composite_values, kind="stable")
    ids = [model.ranked_node_ids[i] for i in order]
    out = pd.DataFrame(
        {
            _("Factor"): [name_of(model, i, lang) for i in ids],
            _("Cluster"): [name_of(model, model.cluster_of[i], lang) for i in ids],
            _("Composite"): ev.composite_values[order],
            _("Rank"): ev.rank_values[order],
        }
    )
    if notes:
        out[_("Named in a difficulty")] = [notes.get(i, "") for i in ids]
    return out


def ecosystem_view(
    ev: Evaluation, *, notes: Mapping[str, str] | None = None, lang: str = "en"
) -> EcosystemView:
    """Build the diagram of ``ev.model`` sized by the composite weights of ``ev``.

    Parameters
    ----------
    ev : Evaluation
        The model and the weights to draw.
    notes : mapping, optional
        Node id -> a short note (the difficulty a paper names for it), starred on the diagram.
    lang : str
        Interface language of the summary and the table.
    """
    _ = translator(lang)
    fmt, phrases = text_alternatives.localised(lang)
    model = ev.model
    ranking = text_alternatives.ranking_summary(
        [name_of(model, i, lang) for i in model.ranked_node_ids],
        ev.composite_values,
        fmt=fmt,
        phrases=phrases,
    )
    data = factors_table(ev, notes, lang)
    noted = len([n for n in (notes or {}) if n in model.cluster_of])
    starred = (
        " " + _("{n} factors are marked ✶: a paper names a difficulty for them.").format(n=noted)
        if noted
        else ""
    )
    composite = dict(zip(model.ranked_node_ids, ev.composite_values.tolist(), strict=True))
    weights = " · ".join(
        f"{plain(name_of(model, c, lang))} {w:.3f}"
        for c, w in zip(ev.criteria, ev.weights.tolist(), strict=True)
    )
    if model.ecosystem.populations:
        g = ecosystem_graph.build_graph(model, lang)
        fig = ecosystem_figure.ecosystem_figure(
            g,
            composite,
            ranks=dict(zip(model.ranked_node_ids, ev.rank_values.tolist(), strict=True)),
            model=model,
            notes=notes,
            notes_name=_("Named in a difficulty"),
            lang=lang,
        )
        eco = model.ecosystem
        text = (
            _(
                "The diagram shows {k} clusters of {n} factors, {p} populations with {m} members and {r} described "
                "relations; node size is the composite weight."
            ).format(
                k=len(model.clusters),
                n=len(model.node_ids),
                p=len(eco.populations),
                m=sum(len(x.members) for x in eco.populations),
                r=len(eco.relations),
            )
            + " "
            + ranking
            + starred
        )
        caption = _(
            "Node size (area) and colour: composite weight Σₖ vₖ Lₖ under the current criterion weights "
            "({weights}). Outline colour: the node's cluster. Arrows are the relations the model file describes "
            "(hover an arrow's middle for its wording); grey lines are memberships. Hover a node for its "
            "description."
        ).format(weights=weights)
        return EcosystemView(figure=fig, caption=caption, text=text, data=data)
    weighted = [ev.networks[c].weighted for c in ev.criteria]
    fig = network_figure.network_figure(
        model, weighted, composite, notes=notes, notes_name=_("Named in a difficulty"), lang=lang
    )
    _nodes, cluster_links = network_figure.links(model, weighted)
    text = (
        _(
            "The diagram shows {k} clusters of {n} nodes and {l} links between clusters (inner dependence "
            "included); node size is the composite weight."
        ).format(k=len(model.clusters), n=len(model.node_ids), l=len(cluster_links))
        + " "
        + ranking
        + starred
    )
    detail = (
        _("Lines join two nodes where one gives weight to the other under a weighted criterion;")
        if len(model.node_ids) <= network_figure.NODE_LIMIT
        else _("With {n} nodes only the clusters are drawn;").format(n=len(model.node_ids))
    )
    caption = _(
        "Node size (area): composite weight Σₖ vₖ Lₖ under the current criterion weights ({weights}); open "
        "circles are nodes the results do not rank. {detail} arrows join clusters whose block of the "
        "supermatrix is not empty (the arrowhead at the cluster given weight), and a dotted frame marks a "
        "cluster whose nodes depend on each other (inner dependence)."
    ).format(weights=weights, detail=detail)
    return EcosystemView(figure=fig, caption=caption, text=text, data=data)


def elements_table(model: Model, lang: str = "en") -> pd.DataFrame:
    """Return the model's elements by category: ecosystem members, clusters and their nodes, criteria (plain text)."""
    _ = translator(lang)
    sep = _(", ")

    def name(any_id: str) -> str:
        return name_of(model, any_id, lang)

    rows = [
        (_("Ecosystem members"), name(p.id), sep.join(name(m.id) for m in p.members))
        for p in model.ecosystem.populations
    ]
    rows += [(_("Clusters"), name(c.id), sep.join(name(n.id) for n in c.nodes)) for c in model.clusters]
    for c in model.criteria:
        shown = (
            name(c.id)
            if c.id in model.control_criteria
            else _("{name} (outside the control layer)").format(name=name(c.id))
        )
        rows.append((_("Criteria"), shown, sep.join(in_language(c, "examples", lang))))
    return pd.DataFrame(rows, columns=[_("Category"), _("Element"), _("Members or examples")])


def relations_table(model: Model, lang: str = "en") -> pd.DataFrame | None:
    """Return the relations the model's ecosystem describes (None if it describes none)."""
    _ = translator(lang)
    rel = model.ecosystem.relations
    if not rel:
        return None
    return pd.DataFrame(
        [
            (name_of(model, r.source, lang), name_of(model, r.target, lang), in_language(r, "label", lang))
            for r in rel
        ],
        columns=[_("From"), _("To"), _("Relation")],
    )
