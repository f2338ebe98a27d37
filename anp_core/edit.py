"""Edit operations on drafts: pure functions, each one validated as it is made.

This module holds the structure (the model, its criteria, clusters and
nodes: add, rename, describe, reorder, delete, the control layer);
:mod:`anp_core.edit_links` holds links, judgments and settings.

Every operation takes a :class:`~anp_core.draft.Draft` and returns an
:class:`Edit` (the new draft and a sentence saying what changed, including
what was removed with it), or raises :class:`DraftEditError` naming what is
wrong, leaving the draft as it was. Drafts are immutable, so keeping old
ones is an undo stack.

New matrices start with every judgment missing (``None``), so what is still
to judge shows. Deleting a criterion, cluster or node removes the
comparisons made with respect to it or its nodes, takes its row and column
out of the others, keeps cluster comparisons in step with the links, and
drops references to it from the optional sections (published rows,
recommendation links, ecosystem relations, ranked clusters).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from anp_core.draft import Draft, DraftCluster
from anp_core.edit_base import (
    MAX_CLUSTERS,
    MAX_CRITERIA,
    MAX_NAME,
    DraftEditError,
    Edit,
    _check_distinct,
    _clean_name,
    _fail,
    _kind_of,
    _reindexed,
    _slug,
    comparison_over,
    empty_matrix,
    given_count,
    new_id,
    replace,
    said,
)
from anp_core.edit_delete import _exclude, delete, sync_cluster_comparisons
from anp_core.i18n import N_
from anp_core.messages import Name, message, nmessage
from anp_core.model_schema import (
    MAX_ELEMENTS,
    CriteriaComparison,
    Criterion,
    Node,
)

__all__ = [
    "MAX_CLUSTERS",
    "MAX_CRITERIA",
    "MAX_NAME",
    "DraftEditError",
    "Edit",
    "add_cluster",
    "add_criterion",
    "add_node",
    "comparison_over",
    "delete",
    "empty_matrix",
    "given_count",
    "move",
    "new_draft",
    "rename",
    "replace",
    "said",
    "set_control",
    "set_description",
    "set_model_info",
    "sync_cluster_comparisons",
]

# --------------------------------------------------------------------------
# create


def new_draft(name: str, *, criterion: str | None = "Overall", description: str = "") -> Draft:
    """Return an empty draft named ``name``, with one control criterion unless ``criterion`` is None.

    Every network is built under a control criterion; a model with a single
    network has one (its weight is 1).

    Examples
    --------
    >>> d = new_draft("Lunch place")
    >>> d.id, [c.name for c in d.criteria], d.criteria_comparison.matrix
    ('lunch_place', ['Overall'], ((1.0,),))
    """
    title = _clean_name(name, "model")
    draft = Draft(id=_slug(title, "model"), name=title, description=description)
    if criterion is not None:
        draft = add_criterion(draft, criterion).draft
    return draft


def set_model_info(
    draft: Draft, *, name: str | None = None, description: str | None = None, lang: str | None = None
) -> Edit:
    """Rename the model or change its description.

    With ``lang`` and a translated model name in that language, ``name``
    renames the translation (what a page in ``lang`` shows).
    """
    update: dict[str, Any] = {}
    translated = draft.translations.get(lang) if lang is not None else None
    if name is not None and translated is not None and translated.name:
        title = _clean_name(name, "model")
        update["translations"] = {**draft.translations, lang: translated.model_copy(update={"name": title})}
    elif name is not None:
        update["name"] = _clean_name(name, "model")
    if description is not None:
        if len(description) > 5000:
            raise _fail(N_("the description is longer than 5000 characters"))
        update["description"] = description
    return said(replace(draft, **update), message(N_("Model details updated.")))


def add_criterion(draft: Draft, name: str, *, control: bool = True, lang: str | None = None) -> Edit:
    """Add a control criterion (its judgments against the others start missing).

    ``control=False`` keeps it outside the control layer (with an
    ``excluded_reason``), as the paper does with natural geography. With
    ``lang`` (the interface's language) the name must also differ from the
    other criteria's names in that language (what the page shows).
    """
    title = _clean_name(name, "criterion")
    if len(draft.criteria) >= MAX_CRITERIA:
        raise _fail(N_("a model has at most {limit} criteria"), limit=MAX_CRITERIA)
    _check_distinct(title, (c.name for c in draft.criteria), "criterion")
    _check_distinct_in(draft, title, "criterion", lang)
    cid = new_id(draft, title, "criterion")
    crit = Criterion(id=cid, name=title, excluded_reason=None if control else "not in the control layer")
    new = replace(draft, criteria=(*draft.criteria, crit))
    if control:
        new = _include(new, cid)
    return said(new, message(N_("Added criterion {name}."), name=Name(cid)))


def _include(draft: Draft, cid: str) -> Draft:
    cc = draft.criteria_comparison
    if cc is None:
        return replace(draft, criteria_comparison=CriteriaComparison(elements=(cid,), matrix=((1.0,),)))
    order = [c.id for c in draft.criteria if c.id in (*cc.elements, cid)]
    matrix = _reindexed(cc.elements, cc.matrix, order)
    return replace(
        draft, criteria_comparison=cc.model_copy(update={"elements": tuple(order), "matrix": matrix})
    )


def add_cluster(draft: Draft, name: str, *, lang: str | None = None) -> Edit:
    """Add an empty cluster (it needs nodes before the draft is a model); ``lang`` as in :func:`add_criterion`."""
    title = _clean_name(name, "cluster")
    if len(draft.clusters) >= MAX_CLUSTERS:
        raise _fail(N_("a model has at most {limit} clusters"), limit=MAX_CLUSTERS)
    _check_distinct(title, (c.name for c in draft.clusters), "cluster")
    _check_distinct_in(draft, title, "cluster", lang)
    cluster = DraftCluster(id=new_id(draft, title, "cluster"), name=title)
    return said(
        replace(draft, clusters=(*draft.clusters, cluster)),
        message(N_("Added cluster {name}; now add its nodes."), name=Name(cluster.id)),
    )


def add_node(draft: Draft, cluster: str, name: str, *, lang: str | None = None) -> Edit:
    """Add a node to ``cluster``.

    Every comparison that compares all of the cluster's nodes gets the new
    node too, with its judgments missing; the node takes part in the links
    its cluster and the criterion have. ``lang`` as in :func:`add_criterion`.
    """
    title = _clean_name(name, "node")
    cl = draft.cluster_by_id.get(cluster)
    if cl is None:
        raise _fail(N_("no cluster with id {id}"), id=repr(cluster))
    if len(cl.nodes) >= MAX_ELEMENTS:
        raise _fail(N_("a cluster has at most {limit} nodes"), limit=MAX_ELEMENTS)
    _check_distinct(title, (n.name for n in draft.node_by_id.values()), "node")
    _check_distinct_in(draft, title, "node", lang)
    node = Node(id=new_id(draft, title, "node"), name=title)
    before = tuple(n.id for n in cl.nodes)
    grown = cl.model_copy(update={"nodes": (*cl.nodes, node)})
    comps = []
    widened = 0
    for comp in draft.comparisons:
        if comp.kind == "nodes" and comp.cluster == cluster and set(comp.elements) == set(before):
            comps.append(comparison_over(comp, (*before, node.id)))
            widened += 1
        else:
            comps.append(comp)
    new = replace(
        draft,
        clusters=tuple(grown if c.id == cluster else c for c in draft.clusters),
        comparisons=tuple(comps),
    )
    text = message(N_("Added node {name} to {cluster}."), name=Name(node.id), cluster=Name(cluster))
    if widened:
        text = nmessage(
            "Added node {name} to {cluster}. It joins {n} comparison of {cluster}'s nodes, its judgments still to make.",
            "Added node {name} to {cluster}. It joins {n} comparisons of {cluster}'s nodes, its judgments still to make.",
            widened,
            name=Name(node.id),
            cluster=Name(cluster),
        )
    return said(new, text)


# --------------------------------------------------------------------------
# rename, describe, reorder


def rename(draft: Draft, any_id: str, name: str, *, lang: str | None = None) -> Edit:
    """Rename a criterion, cluster or node (names stay distinct within their kind; ids never change).

    With ``lang`` (an interface language) and a translated name in that
    language, the translation is renamed: what a page in ``lang`` shows is
    what it edits. Otherwise the item's own name.

    Examples
    --------
    >>> d = add_cluster(new_draft("M"), "Alternatives").draft
    >>> rename(d, "alternatives", "Options").message
    'Renamed Alternatives to Options.'
    """
    kind = _kind_of(draft, any_id)
    title = _clean_name(name, kind)
    if lang is not None and _translated_name(draft, any_id, lang):
        return _rename_translation(draft, any_id, kind, title, lang)
    _check_distinct_in(draft, title, kind, lang, but=any_id)
    old = draft.label(any_id)
    if kind == "criterion":
        _check_distinct(title, (c.name for c in draft.criteria if c.id != any_id), kind)
        crit = tuple(c.model_copy(update={"name": title}) if c.id == any_id else c for c in draft.criteria)
        new = replace(draft, criteria=crit)
    elif kind == "cluster":
        _check_distinct(title, (c.name for c in draft.clusters if c.id != any_id), kind)
        cls = tuple(c.model_copy(update={"name": title}) if c.id == any_id else c for c in draft.clusters)
        new = replace(draft, clusters=cls)
    else:
        _check_distinct(title, (n.name for n in draft.node_by_id.values() if n.id != any_id), kind)
        new = replace(
            draft, clusters=_map_nodes(draft, any_id, lambda n: n.model_copy(update={"name": title}))
        )
    return said(new, message(N_("Renamed {old} to {new}."), old=old, new=title))


def _items_of_kind(draft: Draft, kind: str) -> list[Any]:
    if kind == "criterion":
        return list(draft.criteria)
    if kind == "cluster":
        return list(draft.clusters)
    return list(draft.node_by_id.values())


def _check_distinct_in(draft: Draft, title: str, kind: str, lang: str | None, but: str = "") -> None:
    """Refuse ``title`` if another item of ``kind`` (not ``but``) is named so in ``lang``'s translations."""
    if lang:
        names = (_translated_name(draft, x.id, lang) for x in _items_of_kind(draft, kind) if x.id != but)
        _check_distinct(title, (n for n in names if n), kind)


def _translated_name(draft: Draft, any_id: str, lang: str) -> str:
    """Return the item's name in ``lang`` from its ``translations`` ("" if none)."""
    for item in _items_of_kind(draft, _kind_of(draft, any_id)):
        if item.id == any_id:
            t = item.translations.get(lang)
            return str(t.name) if t is not None and t.name else ""
    return ""


def _rename_translation(draft: Draft, any_id: str, kind: str, title: str, lang: str) -> Edit:
    old = _translated_name(draft, any_id, lang)
    others = (_translated_name(draft, x.id, lang) for x in _items_of_kind(draft, kind) if x.id != any_id)
    _check_distinct(title, (o for o in others if o), kind)

    def renamed(item: Any) -> Any:
        t = item.translations[lang]
        return item.model_copy(
            update={"translations": {**item.translations, lang: t.model_copy(update={"name": title})}}
        )

    if kind == "criterion":
        new = replace(draft, criteria=tuple(renamed(c) if c.id == any_id else c for c in draft.criteria))
    elif kind == "cluster":
        new = replace(draft, clusters=tuple(renamed(c) if c.id == any_id else c for c in draft.clusters))
    else:
        new = replace(draft, clusters=_map_nodes(draft, any_id, renamed))
    return said(new, message(N_("Renamed {old} to {new}."), old=old, new=title))


def _map_nodes(draft: Draft, node_id: str, fn: Any) -> tuple[DraftCluster, ...]:
    return tuple(
        c.model_copy(update={"nodes": tuple(fn(n) if n.id == node_id else n for n in c.nodes)})
        if any(n.id == node_id for n in c.nodes)
        else c
        for c in draft.clusters
    )


def set_description(draft: Draft, any_id: str, text: str) -> Edit:
    """Set the description of a criterion, cluster or node."""
    kind = _kind_of(draft, any_id)
    if not isinstance(text, str) or len(text) > 5000:
        raise _fail(N_("a description is text of at most 5000 characters"))
    if kind == "criterion":
        crit = tuple(
            c.model_copy(update={"description": text}) if c.id == any_id else c for c in draft.criteria
        )
        new = replace(draft, criteria=crit)
    elif kind == "cluster":
        cls = tuple(
            c.model_copy(update={"description": text}) if c.id == any_id else c for c in draft.clusters
        )
        new = replace(draft, clusters=cls)
    else:
        new = replace(
            draft, clusters=_map_nodes(draft, any_id, lambda n: n.model_copy(update={"description": text}))
        )
    return said(new, message(N_("Description of {name} updated."), name=Name(any_id)))


def _moved(items: Sequence[Any], index: int, offset: int) -> list[Any]:
    out = list(items)
    target = max(0, min(len(out) - 1, index + offset))
    out.insert(target, out.pop(index))
    return out


def move(draft: Draft, any_id: str, offset: int) -> Edit:
    """Move a criterion, cluster or node ``offset`` places (negative: up) within its list.

    Matrices over the moved kind follow the new order (same judgments,
    rows and columns permuted), so the Judgments view reads like the
    structure. Clusters' order is the supermatrix order.
    """
    kind = _kind_of(draft, any_id)
    if kind == "criterion":
        idx = [c.id for c in draft.criteria].index(any_id)
        crit = tuple(_moved(draft.criteria, idx, offset))
        new = replace(draft, criteria=crit)
        cc = draft.criteria_comparison
        if cc is not None:
            order = [c.id for c in crit if c.id in cc.elements]
            new = replace(
                new,
                criteria_comparison=cc.model_copy(
                    update={"elements": tuple(order), "matrix": _reindexed(cc.elements, cc.matrix, order)}
                ),
            )
    elif kind == "cluster":
        idx = [c.id for c in draft.clusters].index(any_id)
        cls = tuple(_moved(draft.clusters, idx, offset))
        rank = {c.id: k for k, c in enumerate(cls)}
        comps = tuple(
            comparison_over(c, sorted(c.elements, key=rank.__getitem__)) if c.kind == "clusters" else c
            for c in draft.comparisons
        )
        new = replace(draft, clusters=cls, comparisons=comps)
    else:
        cid = draft.cluster_of[any_id]
        cl = draft.cluster_by_id[cid]
        idx = [n.id for n in cl.nodes].index(any_id)
        nodes = tuple(_moved(cl.nodes, idx, offset))
        rank = {n.id: k for k, n in enumerate(nodes)}
        comps = tuple(
            comparison_over(c, sorted(c.elements, key=rank.__getitem__))
            if c.kind == "nodes" and c.cluster == cid
            else c
            for c in draft.comparisons
        )
        cls = tuple(c.model_copy(update={"nodes": nodes}) if c.id == cid else c for c in draft.clusters)
        new = replace(draft, clusters=cls, comparisons=comps)
    return said(
        new, message(N_("Moved {name} up.") if offset < 0 else N_("Moved {name} down."), name=Name(any_id))
    )


# --------------------------------------------------------------------------
# control layer


def set_control(draft: Draft, criterion: str, include: bool, reason: str = "") -> Edit:
    """Put a criterion in the control layer (judgments against the others missing) or take it out.

    Out of the control layer, a criterion keeps its network (it can still be
    weighted by hand, as natural geography in paper 000) and gets an
    ``excluded_reason``.
    """
    crit = draft.criterion_by_id.get(criterion)
    if crit is None:
        raise _fail(N_("no criterion with id {id}"), id=repr(criterion))
    if include:
        if criterion in draft.control_criteria:
            return said(draft, message(N_("{name} is already in the control layer."), name=Name(criterion)))
        crits = tuple(
            c.model_copy(update={"excluded_reason": None}) if c.id == criterion else c for c in draft.criteria
        )
        return said(
            _include(replace(draft, criteria=crits), criterion),
            message(
                N_("{name} is in the control layer; compare it with the other criteria."),
                name=Name(criterion),
            ),
        )
    if criterion not in draft.control_criteria:
        return said(draft, message(N_("{name} is already outside the control layer."), name=Name(criterion)))
    why = reason.strip() or "left out of the control layer on the Model page"
    crits = tuple(
        c.model_copy(update={"excluded_reason": why}) if c.id == criterion else c for c in draft.criteria
    )
    new, lost = _exclude(replace(draft, criteria=crits), criterion)
    text = message(N_("{name} is out of the control layer."), name=Name(criterion))
    if lost:
        text = nmessage(
            "{name} is out of the control layer. Its {n} judgment against the other criteria was removed.",
            "{name} is out of the control layer. Its {n} judgments against the other criteria were removed.",
            lost,
            name=Name(criterion),
        )
    return said(new, text)
