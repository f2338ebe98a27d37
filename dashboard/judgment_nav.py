"""Which matrix the Judgments page shows: comparison keys, their titles, overrides and missing comparisons.

A comparison is keyed ``(criterion, kind, wrt, cluster)`` as
:meth:`anp_core.Model.with_judgment` expects it. The page's pickers offer
the kinds (:data:`KINDS`), the "with respect to" choices (:func:`wrt_options`,
:func:`wrt_label`) and open on :func:`first_key`; a key the model has no
comparison for is explained by :func:`absent_view` and can be created from
:func:`starting_comparison`. No Streamlit here; model text in returned
markdown is escaped (:func:`dashboard.text.plain`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from anp_core import Comparison, Model
from anp_core.i18n import N_, translator
from anp_core.model_schema import CRITERIA_KEY, ComparisonKey
from dashboard.text import name_of, plain

__all__ = [
    "CRITERIA_KEY",
    "KINDS",
    "AbsentView",
    "Key",
    "absent_view",
    "base_key",
    "describe",
    "first_key",
    "overrides_table",
    "starting_comparison",
    "wrt_label",
    "wrt_options",
]

Key = ComparisonKey

#: The three kinds of matrix, as the page's radio shows them (translate with ``_``).
KINDS: dict[str, str] = {
    "criteria": N_("Control criteria"),
    "clusters": N_("Clusters under a criterion"),
    "nodes": N_("Factors of a cluster under a criterion"),
}


def first_key(model: Model) -> Key:
    """Return the matrix the page opens on: the model's first comparison of nodes (else the criteria)."""
    for comp in model.comparisons:
        if comp.kind == "nodes" and comp.criterion in model.networked_criteria:
            return comp.key
    return CRITERIA_KEY


def wrt_options(model: Model, kind: str, criterion: str) -> list[str]:
    """Return the "with respect to" choices: the criterion, then clusters (and nodes for factor matrices)."""
    clusters = [c.id for c in model.clusters]
    return [criterion, *clusters, *(model.node_ids if kind == "nodes" else ())]


def wrt_label(model: Model, key: Key, lang: str = "en") -> str:
    """Label a "with respect to" choice (plain text for a selectbox), marking overrides that exist (✎)."""
    _ = translator(lang)
    criterion, _kind, wrt, _cluster = key
    if wrt == criterion:
        return _("Whole criterion (all columns)")
    text = (
        _("Override for cluster: {name}") if wrt in model.cluster_by_id else _("Override for factor: {name}")
    )
    return ("✎ " if key in model.comparison_by_key else "") + text.format(name=name_of(model, wrt, lang))


def overrides_table(model: Model, lang: str = "en") -> pd.DataFrame | None:
    """Return the comparisons given with respect to a cluster or a factor (None if there is none)."""
    _ = translator(lang)
    overrides = [c for c in model.comparisons if c.wrt != c.criterion]
    if not overrides:
        return None
    return pd.DataFrame(
        {
            _("Criterion"): [name_of(model, c.criterion, lang) for c in overrides],
            _("Compares"): [
                _("clusters")
                if c.kind == "clusters"
                else _("factors of {cluster}").format(cluster=name_of(model, c.cluster or "", lang))
                for c in overrides
            ],
            _("With respect to"): [name_of(model, c.wrt, lang) for c in overrides],
        }
    )


def describe(model: Model, key: Key, lang: str = "en") -> str:
    """Return a readable title for a comparison key in ``lang`` (plain text: escape before markdown)."""
    _ = translator(lang)
    criterion, kind, wrt, cluster = key
    if kind == "criteria":
        return _("Control criteria")
    names = {"criterion": name_of(model, criterion, lang), "wrt": name_of(model, wrt, lang)}
    if kind == "clusters":
        if wrt == criterion:
            return _("Clusters with respect to {criterion} (all columns)").format(**names)
        if wrt in model.cluster_by_id:
            return _("Clusters with respect to cluster {wrt}, under {criterion}").format(**names)
        return _("Clusters with respect to factor {wrt} only, under {criterion}").format(**names)
    names["cluster"] = name_of(model, cluster or "", lang)
    if wrt == criterion:
        return _("Factors of {cluster} with respect to {criterion} (all columns)").format(**names)
    if wrt in model.cluster_by_id:
        return _("Factors of {cluster} with respect to cluster {wrt}, under {criterion}").format(**names)
    return _("Factors of {cluster} with respect to factor {wrt} only, under {criterion}").format(**names)


def base_key(model: Model, key: Key) -> Key:
    """Return the key of the comparison an override would replace for its columns.

    A node-level override falls back to its cluster's comparison, then to the
    criterion-wide one; a cluster-level one to the criterion-wide one.
    """
    criterion, kind, wrt, cluster = key
    if kind == "nodes" and wrt in model.cluster_of:
        k = (criterion, kind, model.cluster_of[wrt], cluster)
        if k in model.comparison_by_key:
            return k
    return (criterion, kind, criterion, cluster)


def _linked_clusters(model: Model, criterion: str, wrt: str) -> tuple[str, ...]:
    """Clusters that the columns of ``wrt`` (the criterion or a cluster) link to under ``criterion``."""
    nodes_of = {c.id: {n.id for n in c.nodes} for c in model.clusters}
    comps = [c for c in model.comparisons_for(criterion) if c.kind == "nodes"]
    if wrt != criterion:
        scope = {criterion, wrt, *nodes_of.get(wrt, ())}
        comps = [c for c in comps if c.wrt in scope]
    linked = {c.cluster for c in comps}
    return tuple(c.id for c in model.clusters if c.id in linked)


def starting_comparison(model: Model, key: Key) -> Comparison | None:
    """Return the comparison to create for ``key``: a copy of the one it overrides, or equal judgments.

    None if there is nothing to compare (fewer than one element).
    """
    criterion, kind, wrt, cluster = key
    src = model.comparison_by_key.get(base_key(model, key))
    if src is not None and src.key != key:
        note = f"Override created in the dashboard: starts as a copy of '{describe(model, src.key)}'."
        elements, matrix = src.elements, src.matrix
    else:
        if kind == "nodes":
            elements = tuple(n.id for n in model.cluster_by_id[cluster or ""].nodes)
        else:
            elements = _linked_clusters(model, criterion, wrt)
        if not elements:
            return None
        note = "Created in the dashboard with equal judgments."
        matrix = tuple(tuple(1.0 for _ in elements) for _ in elements)
    return Comparison(
        criterion=criterion,
        kind=kind,  # type: ignore[arg-type]
        wrt=wrt,
        cluster=cluster,
        elements=elements,
        matrix=matrix,
        note=note,
    )


@dataclass(frozen=True)
class AbsentView:
    """What the page says about a comparison the model does not have (markdown, escaped)."""

    text: str
    button: str | None


def absent_view(model: Model, key: Key, lang: str = "en") -> AbsentView:
    """Explain what applies to the columns of a missing comparison ``key``, and what creating it does.

    Examples
    --------
    >>> from anp_core import load_model
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> v = absent_view(m, ("policy", "nodes", "payment", "credit_risk"))
    >>> "Credit Risk Management" in v.text, "applies to these columns" in v.text
    (True, True)
    """
    _ = translator(lang)
    criterion, kind, wrt, cluster = key
    what = plain(describe(model, key, lang))
    base = base_key(model, key)
    start = starting_comparison(model, key)
    if base != key and base in model.comparison_by_key:
        text = _("There is no comparison **{what}** yet, so **{base}** applies to these columns.").format(
            what=what, base=plain(describe(model, base, lang))
        )
        return AbsentView(text, _("Create this override (starts as a copy)") if start else None)
    crit = plain(name_of(model, criterion, lang))
    cl = plain(name_of(model, cluster or "", lang))
    if kind == "clusters":
        text = _(
            "There is no comparison **{what}**: under {criterion}, the clusters these columns link to "
            "weigh equally (no cluster judgment, no preference)."
        ).format(what=what, criterion=crit)
    elif wrt == criterion:
        text = _(
            "There is no comparison **{what}**: under {criterion} no column links to the factors of "
            "{cluster} except where an override says so (its block of the supermatrix is empty)."
        ).format(what=what, criterion=crit, cluster=cl)
    else:
        text = _(
            "There is no comparison **{what}**, and none for the whole criterion: these columns do not "
            "link to the factors of {cluster} under {criterion}."
        ).format(what=what, criterion=crit, cluster=cl)
    return AbsentView(text, _("Create it with equal judgments (adds these links)") if start else None)
