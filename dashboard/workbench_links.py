"""Model page: the link editor (per source, then the whole link matrix) of one criterion's network.

Every change goes through a callback in :mod:`dashboard.workbench_state`
running an :mod:`anp_core.edit_links` operation; the link matrix editor's
pending edits become one edit (one undo step) before the page draws.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from anp_core import edit as ed
from anp_core import edit_links as lk
from anp_core.draft import Draft, cluster_targets, effective_links
from dashboard import workbench_state as wb
from dashboard.text import current_language, gettext, label_text
from dashboard.workbench_views import (
    column_width,
    draft_labeller,
    each_source,
    is_linked,
    link_edits,
    link_frame,
    link_sources,
    plain,
    source_cluster,
    source_label,
)


def _seed(key: str, value: Any) -> str:
    st.session_state.setdefault(key, value)
    return key


def _set_links(d: Draft, criterion: str, changes: list[tuple[str, str, bool]]) -> ed.Edit:
    """Apply several link changes as one edit (one undo step)."""
    lang = current_language()
    messages = []
    for wrt, cluster, linked in changes:
        result = set_source_link(d, criterion, wrt, cluster, linked)
        messages.append(wb.edit_text(result, lang, d))
        d = result.draft
    return ed.Edit(d, " ".join(messages))


def set_source_link(d: Draft, criterion: str, wrt: str, cluster: str, linked: bool) -> ed.Edit:
    """Link (or unlink) ``cluster`` from a link source: per node of a cluster, or one ``wrt`` comparison."""
    each = source_cluster(wrt)
    if each is not None:
        return lk.set_link_each(d, criterion, each, cluster, linked)
    return lk.set_link(d, criterion, wrt, cluster, linked)


def link_matrix_key(criterion: str) -> str:
    """Key of the link matrix editor of ``criterion`` (changes after every edit)."""
    return f"wb_link_matrix:{criterion}:{wb.rev()}"


def consume_link_matrix() -> None:
    """Apply the link matrix editor's pending edits (call before the draft is read for drawing).

    Streamlit keeps a data editor's edits in its key (``edited_rows``);
    they become one edit here (one undo step), and the editor's key changes
    with ``wb_rev``, so the next editor is built from the draft and no
    refused change lingers (STYLE.md 3.5).
    """
    d = wb.draft()
    if d is None:
        return
    for c in d.criteria:
        pending = st.session_state.get(link_matrix_key(c.id))
        if not isinstance(pending, dict):
            continue
        changes = link_edits(d, c.id, pending.get("edited_rows") or {})
        if changes:
            wb.apply(_set_links, c.id, changes)
            return


def links(d: Draft, criterion: str) -> None:
    """Draw the link editor: per source (criterion, cluster or node), then the whole link matrix."""
    ss = st.session_state
    _ = gettext()
    lang = current_language()
    label = draft_labeller(d, lang)
    r = wb.rev()
    if not d.clusters:
        st.info(
            _(
                "Add clusters and nodes first (Structure); then say here which clusters are compared with respect "
                "to what."
            )
        )
        return
    sources = link_sources(d, criterion)
    fkey = wb.picker(wb.LINK_FROM, sources, each_source(d.clusters[0].id))
    wrt = st.selectbox(
        _("Compare with respect to"),
        sources,
        format_func=lambda s: source_label(d, criterion, s, lang),
        key=fkey,
        on_change=wb.remember,
        args=(wb.LINK_FROM, fkey),
        help=_(
            "A node influences the clusters whose nodes are compared with respect to it. 'Each node of a "
            "cluster' gives every node of that cluster its own comparison (its own column); 'as a whole' uses "
            "one matrix shared by all its nodes, so their columns are equal; 'every node' shares one matrix "
            "across the whole network."
        ),
    )
    st.markdown(
        _("The nodes of these clusters are compared with respect to {source}:").format(
            source="**" + plain(source_label(d, criterion, wrt, lang)) + "**"
        )
    )
    effective = effective_links(d, criterion)
    each = source_cluster(wrt)
    home = each if each is not None else wrt
    own = d.cluster_of.get(home, home)
    for cl in d.clusters:
        explicit = is_linked(d, criterion, wrt, cl.id)
        text = label(cl.id) + (" " + _("(inner dependence)") if cl.id == own else "")
        note = ""
        if not explicit and wrt in d.node_by_id and (wrt, cl.id) in effective:
            via = effective[(wrt, cl.id)][2]
            note = " · " + _("already compared through {source}").format(
                source=source_label(d, criterion, via, lang).lower()
            )
        elif each is not None and not explicit:
            own_count = sum(
                (criterion, "nodes", n.id, cl.id) in d.comparison_by_key for n in d.cluster_by_id[each].nodes
            )
            if own_count:
                note = " · " + _("nodes with their own matrix already: {n}").format(n=own_count)
        elif explicit and wrt in d.cluster_by_id and is_linked(d, criterion, each_source(wrt), cl.id):
            note = " · " + _("unused while each node has its own matrix")
        elif (
            not explicit
            and (wrt in d.cluster_by_id or each is not None)
            and (criterion, "nodes", criterion, cl.id) in d.comparison_by_key
        ):
            note = " · " + _("already compared with respect to every node")
        if not cl.nodes:
            note = " · " + _("no nodes yet")
        key = _seed(f"wb_link:{criterion}:{wrt}:{cl.id}:{r}", explicit)
        # Streamlit 1.67 cuts a checkbox label to one line: the label (still the box's accessible name) is
        # collapsed and shown in full, wrapped, beside the box
        box, words = st.columns([1, 14], gap=None, vertical_alignment="top")
        box.checkbox(
            label_text(text + note),
            key=key,
            disabled=not cl.nodes,
            on_change=lambda c=cl.id, k=key: wb.apply(set_source_link, criterion, wrt, c, bool(ss.get(k))),
            label_visibility="collapsed",
        )
        words.markdown(plain(text + note))
    if home in d.cluster_by_id:
        targets = cluster_targets(d, criterion)[home]
        ckey = (criterion, "clusters", home, None)
        if len(targets) >= 2 or ckey in d.comparison_by_key:
            tkey = _seed(f"wb_ccomp:{criterion}:{home}:{r}", ckey in d.comparison_by_key)
            title = _("Compare the clusters {cluster} links to (else they weigh equally)").format(
                cluster=label(home)
            )
            box, words = st.columns([1.6, 13.4], gap=None, vertical_alignment="top")  # the title in full
            box.toggle(
                label_text(title),
                key=tkey,
                on_change=lambda: wb.apply(lk.set_cluster_comparison, criterion, home, bool(ss.get(tkey))),
                label_visibility="collapsed",
            )
            words.markdown(plain(title))


def link_matrix(d: Draft, criterion: str) -> None:
    """Draw the whole link matrix of ``criterion`` as one data editor (page width: every label in full).

    Each column is as wide as its full label (:func:`column_width`); a model
    with very long names scrolls the grid sideways rather than cutting them.
    """
    _ = gettext()
    lang = current_language()
    label = draft_labeller(d, lang)
    if not d.clusters:
        return
    st.markdown("##### " + _("Link matrix"))
    st.caption(
        _(
            "Rows: the clusters whose nodes are compared. Columns: what they are compared with respect to — every "
            "node (one shared matrix), each node of a cluster (one matrix per node), a cluster as a whole (one "
            "matrix shared by its nodes), or one node. Tick a cell to link, untick to remove the link and its "
            "judgments (undo brings them back)."
        )
    )
    frame = link_frame(d, criterion)
    shown = frame.copy()
    shown.index = [label(c) for c in frame.index]
    mkey = link_matrix_key(criterion)
    index_title = _("Compared ↓ / with respect to →")
    config: dict[str, Any] = {
        "_index": st.column_config.TextColumn(
            index_title, disabled=True, width=column_width([index_title, *shown.index])
        )
    }
    for s in frame.columns:
        each = source_cluster(s)
        if s == criterion:
            header = _("Every node, shared")
        elif each is not None:
            header = _("{cluster}: each node").format(cluster=label(each))
        elif s in d.cluster_by_id:
            header = _("{cluster}: as a whole").format(cluster=label(s))
        else:
            header = label(s)
        config[s] = st.column_config.CheckboxColumn(
            header, help=plain(source_label(d, criterion, s, lang)), width=column_width([header])
        )
    st.data_editor(
        shown,
        key=mkey,
        num_rows="fixed",
        column_config=config,
    )
