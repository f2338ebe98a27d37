"""Edit operations on a draft's network: links, the nodes a comparison compares, judgments, settings.

Pure functions like those of :mod:`anp_core.edit` (each returns an
:class:`~anp_core.edit.Edit` or raises :class:`~anp_core.edit.DraftEditError`).
A link "node j -> cluster I" is a ``nodes`` comparison of I's nodes with
respect to j, j's cluster or the criterion; new comparisons start with every
judgment missing, and cluster comparisons follow the links.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

from anp_core.draft import (
    CRITERIA_KEY,
    Draft,
    cluster_targets,
    describe_message,
    is_judgment,
)
from anp_core.edit import (
    Edit,
    comparison_over,
    empty_matrix,
    given_count,
    replace,
    said,
    sync_cluster_comparisons,
)
from anp_core.edit_base import DraftEditError, _fail, sentences
from anp_core.i18n import N_
from anp_core.messages import Join, Message, Name, message, nmessage
from anp_core.model_schema import Comparison, ComparisonKey, Settings

__all__ = [
    "set_cluster_comparison",
    "set_compared",
    "set_judgment",
    "set_link",
    "set_link_each",
    "set_ranked_clusters",
    "set_settings",
    "set_sinks",
]


def _check_wrt(draft: Draft, criterion: str, wrt: str) -> None:
    if criterion not in draft.criterion_by_id:
        raise _fail(N_("no criterion with id {id}"), id=repr(criterion))
    if wrt != criterion and wrt not in draft.cluster_by_id and wrt not in draft.node_by_id:
        raise _fail(
            N_("{wrt} is not the criterion {criterion}, a cluster or a node"),
            wrt=repr(wrt),
            criterion=repr(criterion),
        )


def set_link(draft: Draft, criterion: str, wrt: str, cluster: str, linked: bool) -> Edit:
    """Compare ``cluster``'s nodes with respect to ``wrt`` under ``criterion`` (or stop comparing them).

    ``wrt`` is a node (that node only), a cluster (each of its nodes) or the
    criterion itself (every node). A new link starts as a comparison of all
    the cluster's nodes with every judgment missing; ``wrt`` in ``cluster``
    is inner dependence. Removing a link removes its comparison and
    judgments. Cluster comparisons follow the links.
    """
    _check_wrt(draft, criterion, wrt)
    cl = draft.cluster_by_id.get(cluster)
    if cl is None:
        raise _fail(N_("no cluster with id {id}"), id=repr(cluster))
    key: ComparisonKey = (criterion, "nodes", wrt, cluster)
    existing = draft.comparison_by_key.get(key)
    if linked:
        if existing is not None:
            return said(draft, message(N_("{title} exists already."), title=describe_message(draft, key)))
        if not cl.nodes:
            raise _fail(
                N_("cluster {cluster} has no nodes yet: add its nodes before linking it"),
                draft,
                cluster=Name(cl.id),
            )
        ids = tuple(n.id for n in cl.nodes)
        comp = Comparison(
            criterion=criterion,
            kind="nodes",
            wrt=wrt,
            cluster=cluster,
            elements=ids,
            matrix=empty_matrix(len(ids)),
        )
        new, synced = sync_cluster_comparisons(replace(draft, comparisons=(*draft.comparisons, comp)))
        todo = len(ids) * (len(ids) - 1) // 2
        done = (
            message(N_("Linked: {title}."), title=describe_message(draft, key))
            if not todo
            else nmessage(
                "Linked: {title} ({n} judgment to make).",
                "Linked: {title} ({n} judgments to make).",
                todo,
                title=describe_message(draft, key),
            )
        )
        return said(new, sentences([done, *synced]))
    if existing is None:
        return said(draft, message(N_("There is no such link: {title}."), title=describe_message(draft, key)))
    lost = given_count(existing.matrix)
    new, synced = sync_cluster_comparisons(
        replace(draft, comparisons=tuple(c for c in draft.comparisons if c.key != key))
    )
    text = nmessage(
        "Removed the link: {title} ({n} judgment).",
        "Removed the link: {title} ({n} judgments).",
        lost,
        title=describe_message(draft, key),
    )
    removed = nmessage(
        "{title} ({n} judgment)", "{title} ({n} judgments)", lost, title=describe_message(draft, key)
    )
    gone = tuple(m.render(label=draft.label) for m in (removed, *synced))
    return said(new, sentences([text, *synced]), gone)


def set_link_each(draft: Draft, criterion: str, source: str, cluster: str, linked: bool) -> Edit:
    """Compare ``cluster``'s nodes with respect to each node of cluster ``source``: one matrix per node.

    Super Decisions' node connections: every node ``j`` of ``source`` gets
    its own comparison ``(criterion, "nodes", j, cluster)`` (judgments
    missing), so the columns of the block (cluster, source) can differ.
    Nodes that already have one keep it. A comparison shared by the whole
    cluster (``wrt = source``) is kept with its judgments; it is unused
    while every node has its own (the engine's precedence) and takes over
    again if they are removed. ``linked=False`` removes the per-node
    comparisons (and their judgments; undo brings them back).
    """
    _check_wrt(draft, criterion, criterion)
    src = draft.cluster_by_id.get(source)
    if src is None:
        raise _fail(N_("no cluster with id {id}"), id=repr(source))
    if cluster not in draft.cluster_by_id:
        raise _fail(N_("no cluster with id {id}"), id=repr(cluster))
    if not src.nodes:
        raise _fail(
            N_("cluster {cluster} has no nodes yet: add its nodes before linking it"),
            draft,
            cluster=Name(source),
        )
    before = draft
    todo = [
        n.id for n in src.nodes if ((criterion, "nodes", n.id, cluster) in draft.comparison_by_key) != linked
    ]
    if not todo:
        title = message(
            N_("Nodes of {cluster} with respect to each node of {source}"),
            cluster=Name(cluster),
            source=Name(source),
        )
        return said(
            draft,
            message(N_("{title} exists already."), title=title) if linked else message(N_("No change.")),
        )
    parts: list[Message] = []
    removed: list[str] = []
    for node in todo:
        result = set_link(draft, criterion, node, cluster, linked)
        draft = result.draft
        removed.extend(result.removed)
        if result.text is not None:
            parts.append(result.text)
    shared = before.comparison_by_key.get((criterion, "nodes", source, cluster))
    if linked and shared is not None:
        parts.append(
            nmessage(
                "{title} keeps its {n} judgment, unused while each node has its own matrix; untick it to delete it.",
                "{title} keeps its {n} judgments, unused while each node has its own matrix; untick it to delete "
                "it.",
                given_count(shared.matrix),
                title=describe_message(before, shared.key),
            )
        )
    return said(draft, sentences(parts), tuple(removed), before)


def set_compared(draft: Draft, key: ComparisonKey, elements: Sequence[str]) -> Edit:
    """Compare only some of a cluster's nodes in a ``nodes`` comparison (Super Decisions' node connections).

    Judgments between nodes that stay are kept; pairs with a newly added
    node start missing. Elements follow the cluster's order.
    """
    comp = draft.comparison_by_key.get(key)
    if comp is None or comp.kind != "nodes" or comp.cluster is None:
        raise _fail(N_("choose a comparison of nodes"))
    cl = draft.cluster_by_id[comp.cluster]
    order = [n.id for n in cl.nodes]
    chosen = set(elements)
    unknown = chosen - set(order)
    if unknown:
        raise _fail(
            N_("{nodes} not in cluster {cluster}"),
            draft,
            nodes=Join(tuple(sorted(unknown))),
            cluster=Name(cl.id),
        )
    if not chosen:
        raise _fail(N_("compare at least one node, or remove the link"))
    new_elements = [e for e in order if e in chosen]
    if new_elements == list(comp.elements):
        return said(draft, message(N_("No change.")))
    comps = tuple(comparison_over(c, new_elements) if c.key == key else c for c in draft.comparisons)
    dropped = [e for e in comp.elements if e not in chosen]
    parts = [
        message(
            N_("{title} now compares {elements}."),
            title=describe_message(draft, key),
            elements=Join(tuple(Name(e) for e in new_elements)),
        )
    ]
    if dropped:
        parts.append(
            message(
                N_("Judgments involving {elements} were removed."),
                elements=Join(tuple(Name(e) for e in dropped)),
            )
        )
    return said(replace(draft, comparisons=comps), sentences(parts))


def set_cluster_comparison(draft: Draft, criterion: str, wrt: str, on: bool) -> Edit:
    """Compare the clusters ``wrt`` links to with respect to it (judgments missing), or remove that comparison.

    Without it the linked clusters weigh equally (``anp_core.network``).
    """
    _check_wrt(draft, criterion, wrt)
    if wrt not in draft.cluster_by_id:
        raise _fail(N_("clusters are compared with respect to a cluster"))
    key: ComparisonKey = (criterion, "clusters", wrt, None)
    existing = draft.comparison_by_key.get(key)
    if not on:
        if existing is None:
            return said(draft, message(N_("No cluster comparison to remove.")))
        lost = given_count(existing.matrix)
        comps = tuple(c for c in draft.comparisons if c.key != key)
        removed = nmessage(
            "{title} ({n} judgment)", "{title} ({n} judgments)", lost, title=describe_message(draft, key)
        )
        return said(
            replace(draft, comparisons=comps),
            message(N_("Removed {removed}; the linked clusters weigh equally."), removed=removed),
            (removed.render(label=draft.label),),
        )
    if existing is not None:
        return said(draft, message(N_("{title} exists already."), title=describe_message(draft, key)))
    targets = cluster_targets(draft, criterion)[wrt]
    if len(targets) < 2:
        raise DraftEditError(
            nmessage(
                "{wrt} links to {n} cluster: there is nothing to compare",
                "{wrt} links to {n} clusters: there is nothing to compare",
                len(targets),
                wrt=Name(wrt),
            ),
            draft.label,
        )
    comp = Comparison(
        criterion=criterion,
        kind="clusters",
        wrt=wrt,
        elements=tuple(targets),
        matrix=empty_matrix(len(targets)),
    )
    todo = len(targets) * (len(targets) - 1) // 2
    return said(
        replace(draft, comparisons=(*draft.comparisons, comp)),
        nmessage(
            "Added {title} ({n} judgment to make).",
            "Added {title} ({n} judgments to make).",
            todo,
            title=describe_message(draft, key),
        ),
    )


# --------------------------------------------------------------------------
# judgments and settings


def set_judgment(draft: Draft, key: ComparisonKey, row: str, col: str, value: float | None) -> Edit:
    """Set judgment ``(row, col) = value`` and its reciprocal; ``None`` marks the pair not judged yet.

    ``key`` is a comparison key or :data:`~anp_core.draft.CRITERIA_KEY`.
    A value must be a finite number > 0 (any positive value is legal;
    Saaty's scale is 1/9 … 9).
    """
    if value is not None and not is_judgment(value):
        raise _fail(
            N_("judgment ({row}, {col}) = {value}: judgments must be finite numbers > 0 (1/9 … 9)"),
            draft,
            row=Name(row),
            col=Name(col),
            value=repr(value),
        )
    if key == CRITERIA_KEY:
        cc = draft.criteria_comparison
        if cc is None:
            raise _fail(N_("there is no criteria comparison yet"))
        elements, matrix = cc.elements, cc.matrix
    else:
        comp = draft.comparison_by_key.get(key)
        if comp is None:
            raise _fail(N_("no comparison {title}"), draft, title=describe_message(draft, key))
        elements, matrix = comp.elements, comp.matrix
    if row not in elements or col not in elements:
        raise _fail(
            N_("({row}, {col}) is not a pair of {title}"),
            draft,
            row=Name(row),
            col=Name(col),
            title=describe_message(draft, key),
        )
    i, j = elements.index(row), elements.index(col)
    if i == j:
        raise _fail(N_("the diagonal is always 1"))
    out = [list(r) for r in matrix]
    out[i][j] = None if value is None else float(value)
    out[j][i] = None if value is None else 1.0 / float(value)
    new_matrix = tuple(tuple(r) for r in out)
    if key == CRITERIA_KEY:
        assert draft.criteria_comparison is not None
        new = replace(
            draft, criteria_comparison=draft.criteria_comparison.model_copy(update={"matrix": new_matrix})
        )
    else:
        new = replace(
            draft,
            comparisons=tuple(
                c.model_copy(update={"matrix": new_matrix}) if c.key == key else c for c in draft.comparisons
            ),
        )
    if value is None:
        return said(new, message(N_("({row}, {col}) is not judged yet."), row=Name(row), col=Name(col)))
    shown = f"{value:.4g}" if value >= 1 else f"1/{1 / value:.4g}"
    return said(new, message(N_("({row}, {col}) = {value}."), row=Name(row), col=Name(col), value=shown))


def set_settings(draft: Draft, *, sinks: str | None = None, priorities: str | None = None) -> Edit:
    """Choose how the limit treats sinks and how priorities are read from it (``anp_core.model_schema.Settings``).

    ``sinks``: ``calculus`` (Super Decisions' default), ``absorbing`` or
    ``hierarchy``; ``priorities``: ``row_sums`` (default) or ``sources``.
    """
    update = {k: v for k, v in (("sinks", sinks), ("priorities", priorities)) if v is not None}
    try:
        settings = Settings.model_validate({**draft.settings.model_dump(), **update})
    except ValidationError:
        raise _fail(
            N_("unknown setting {setting} (sinks: {sinks}; priorities: {priorities})"),
            setting=repr(update),
            sinks="calculus, absorbing, hierarchy",
            priorities="row_sums, sources",
        ) from None
    shown: Message | Join = (
        Join(
            tuple(
                message(
                    N_("{setting}: {value}"), setting=message(_SETTINGS[k]), value=message(_SETTING_VALUES[v])
                )
                for k, v in update.items()
            ),
            N_("; "),
        )
        if update
        else message(N_("unchanged"))
    )
    return said(replace(draft, settings=settings), message(N_("Limit settings: {settings}."), settings=shown))


#: The limit settings and their values, as the Model page names them.
_SETTINGS = {"sinks": N_("Nodes that link to nothing (sinks)"), "priorities": N_("Priorities from the limit")}
_SETTING_VALUES = {
    "calculus": N_("calculus: normalised powers (Super Decisions' default)"),
    "absorbing": N_("absorbing: 1 on a sink's diagonal"),
    "hierarchy": N_("hierarchy formula (acyclic supermatrices only)"),
    "row_sums": N_("normalised row sums (Super Decisions)"),
    "sources": N_("columns of the source nodes (a hierarchy's goal)"),
}


def set_sinks(draft: Draft, mode: str) -> Edit:
    """Choose how the limit treats nodes that link to nothing (``calculus``, ``absorbing``, ``hierarchy``)."""
    return set_settings(draft, sinks=mode)


def set_ranked_clusters(draft: Draft, clusters: Sequence[str]) -> Edit:
    """Choose the clusters whose nodes the results rank (none: all nodes)."""
    unknown = [c for c in clusters if c not in draft.cluster_by_id]
    if unknown:
        raise _fail(N_("unknown cluster {id}"), id=repr(unknown[0]))
    if len(set(clusters)) != len(clusters):
        raise _fail(N_("a cluster is listed twice"))
    order = tuple(c.id for c in draft.clusters if c.id in set(clusters))
    new = replace(draft, ranked_clusters=order)
    if not order:
        return said(new, message(N_("Results rank the nodes of every cluster.")))
    return said(
        new,
        message(N_("Results rank the nodes of {clusters}."), clusters=Join(tuple(Name(c) for c in order))),
    )
