"""Deleting from a draft, and what goes with it: comparisons, judgments, references in the optional sections.

:func:`delete` removes a criterion, cluster or node and everything that only
existed because of it, and says so (a translatable
:class:`~anp_core.messages.Message`, names of what was deleted from the
draft before the edit). :func:`sync_cluster_comparisons` keeps cluster
comparisons over exactly the clusters a cluster links to.
:mod:`anp_core.edit` re-exports both.
"""

from __future__ import annotations

from typing import Any

from anp_core.draft import Draft, cluster_targets, describe_message
from anp_core.edit_base import (
    Edit,
    _kind_of,
    _listing,
    _reindexed,
    comparison_over,
    either_label,
    given_count,
    replace,
    said,
    sentences,
)
from anp_core.i18n import N_
from anp_core.messages import Join, Message, Name, message, nmessage
from anp_core.model_schema import Comparison

__all__ = ["delete", "sync_cluster_comparisons"]


def delete(draft: Draft, any_id: str) -> Edit:
    """Delete a criterion, cluster or node, and everything that only existed because of it.

    The message names each comparison removed (with the number of its
    judgments lost) and each one that lost a row and column.
    """
    kind = _kind_of(draft, any_id)
    if kind == "criterion":
        return _delete_criterion(draft, any_id)
    cl = draft.cluster_by_id.get(any_id)
    gone_nodes = {n.id for n in cl.nodes} if cl is not None else {any_id}
    gone = gone_nodes | ({any_id} if cl is not None else set())
    removed: list[Message] = []
    rewritten: list[Message] = []
    comps: list[Comparison] = []
    for comp in draft.comparisons:
        title = describe_message(draft, comp.key)
        drop = comp.wrt in gone or (comp.kind == "nodes" and comp.cluster in gone)
        if not drop and (set(comp.elements) & gone):
            kept = [e for e in comp.elements if e not in gone]
            if kept:
                comps.append(comparison_over(comp, kept))
                rewritten.append(
                    message(N_("{title} (its row and column for {name})"), title=title, name=Name(any_id))
                )
                continue
            drop = True
        if drop:
            removed.append(_with_judgments(title, given_count(comp.matrix)))
        else:
            comps.append(comp)
    if cl is not None:
        clusters = tuple(c for c in draft.clusters if c.id != any_id)
        what = (
            nmessage(
                "Deleted cluster {name} and its {n} node.",
                "Deleted cluster {name} and its {n} nodes.",
                len(gone_nodes),
                name=Name(any_id),
            )
            if gone_nodes
            else message(N_("Deleted cluster {name}."), name=Name(any_id))
        )
    else:
        parent = draft.cluster_of[any_id]
        clusters = tuple(
            c.model_copy(update={"nodes": tuple(n for n in c.nodes if n.id != any_id)})
            if c.id == parent
            else c
            for c in draft.clusters
        )
        what = message(N_("Deleted node {name}."), name=Name(any_id))
    new = replace(draft, clusters=clusters, comparisons=tuple(comps))
    new, synced = sync_cluster_comparisons(new)
    new, pruned = _prune_sections(new, gone)
    parts = [what]
    if removed:
        parts.append(
            nmessage(
                "Removed {n} comparison: {items}.",
                "Removed {n} comparisons: {items}.",
                len(removed),
                items=_listing(removed),
            )
        )
    if rewritten:
        parts.append(
            nmessage(
                "Took it out of {n} comparison: {items}.",
                "Took it out of {n} comparisons: {items}.",
                len(rewritten),
                items=_listing(rewritten),
            )
        )
    parts += synced + pruned
    label = either_label(new, draft)
    lost = tuple(m.render(label=label) for m in removed + rewritten + synced + pruned)
    return said(new, sentences(parts), lost, before=draft)


def _with_judgments(title: Message, n: int) -> Message:
    return nmessage("{title} ({n} judgment)", "{title} ({n} judgments)", n, title=title)


def _delete_criterion(draft: Draft, cid: str) -> Edit:
    removed = [
        _with_judgments(describe_message(draft, c.key), given_count(c.matrix))
        for c in draft.comparisons
        if c.criterion == cid
    ]
    comps = tuple(c for c in draft.comparisons if c.criterion != cid)
    new = replace(draft, criteria=tuple(c for c in draft.criteria if c.id != cid), comparisons=comps)
    new, lost = _exclude(new, cid)
    new, pruned = _prune_sections(new, {cid})
    parts = [message(N_("Deleted criterion {name}."), name=Name(cid))]
    if removed:
        parts.append(
            nmessage(
                "Removed its network: {n} comparison ({items}).",
                "Removed its network: {n} comparisons ({items}).",
                len(removed),
                items=_listing(removed),
            )
        )
    if lost:
        parts.append(
            nmessage(
                "Its {n} judgment against the other criteria went with it.",
                "Its {n} judgments against the other criteria went with it.",
                lost,
            )
        )
    label = either_label(new, draft)
    return said(
        new, sentences(parts + pruned), tuple(m.render(label=label) for m in removed + pruned), before=draft
    )


def _exclude(draft: Draft, cid: str) -> tuple[Draft, int]:
    cc = draft.criteria_comparison
    if cc is None or cid not in cc.elements:
        return draft, 0
    k = cc.elements.index(cid)
    lost = sum(1 for j, x in enumerate(cc.matrix[k]) if j != k and x is not None)
    kept = [e for e in cc.elements if e != cid]
    if not kept:
        return replace(draft, criteria_comparison=None), lost
    update = {"elements": tuple(kept), "matrix": _reindexed(cc.elements, cc.matrix, kept)}
    return replace(draft, criteria_comparison=cc.model_copy(update=update)), lost


def _prune_sections(draft: Draft, gone: set[str]) -> tuple[Draft, list[Message]]:
    """Drop references to deleted ids from the optional sections; say what went."""
    notes: list[Message] = []
    update: dict[str, Any] = {}
    if set(draft.ranked_clusters) & gone:
        update["ranked_clusters"] = tuple(c for c in draft.ranked_clusters if c not in gone)
    pub = draft.published
    if pub is not None and (
        gone & set(pub.criterion_weights)
        or gone & set(pub.cluster_weights)
        or any(r.node in gone or gone & set(r.by_criterion) for r in pub.rows)
    ):
        rows = tuple(
            r.model_copy(update={"by_criterion": {k: v for k, v in r.by_criterion.items() if k not in gone}})
            for r in pub.rows
            if r.node not in gone
        )
        notes.append(message(N_("Dropped it from the published results table.")))
        if rows:
            update["published"] = pub.model_copy(
                update={
                    "rows": rows,
                    "criterion_weights": {k: v for k, v in pub.criterion_weights.items() if k not in gone},
                    "cluster_weights": {k: v for k, v in pub.cluster_weights.items() if k not in gone},
                }
            )
        else:
            update["published"] = None
    recs = []
    changed = False
    for rec in draft.recommendations:
        links = tuple(link for link in rec.links if link.node not in gone)
        changed |= len(links) != len(rec.links)
        recs.append(rec.model_copy(update={"links": links}))
    if changed:
        update["recommendations"] = tuple(recs)
        notes.append(message(N_("Dropped its links from the recommendations.")))
    eco = draft.ecosystem
    relations = tuple(r for r in eco.relations if r.source not in gone and r.target not in gone)
    if len(relations) != len(eco.relations):
        update["ecosystem"] = eco.model_copy(update={"relations": relations})
        notes.append(message(N_("Dropped its ecosystem relations.")))
    return (replace(draft, **update) if update else draft), notes


def sync_cluster_comparisons(draft: Draft) -> tuple[Draft, list[Message]]:
    """Keep each cluster comparison (with respect to a cluster J) over exactly the clusters J links to.

    Returns the draft and what changed, as translatable messages.
    """
    notes: list[Message] = []
    comps: list[Comparison] = []
    targets_by: dict[str, dict[str, list[str]]] = {}
    for comp in draft.comparisons:
        if comp.kind != "clusters" or comp.wrt not in draft.cluster_by_id:
            comps.append(comp)
            continue
        if comp.criterion not in targets_by:
            targets_by[comp.criterion] = cluster_targets(draft, comp.criterion)
        targets = targets_by[comp.criterion][comp.wrt]
        if list(comp.elements) == targets:
            comps.append(comp)
        elif not targets:
            notes.append(
                message(
                    N_("Removed {title}: {wrt} links to no cluster now."),
                    title=describe_message(draft, comp.key),
                    wrt=Name(comp.wrt),
                )
            )
        else:
            comps.append(comparison_over(comp, targets))
            notes.append(
                message(
                    N_("{title} now compares {elements}."),
                    title=describe_message(draft, comp.key),
                    elements=Join(tuple(Name(t) for t in targets)),
                )
            )
    if not notes:
        return draft, notes
    return replace(draft, comparisons=tuple(comps)), notes
