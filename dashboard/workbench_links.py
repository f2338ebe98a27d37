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
    draft_labeller,
    link_edits,
    link_frame,
    link_sources,
    plain,
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
        result = lk.set_link(d, criterion, wrt, cluster, linked)
        messages.append(wb.edit_text(result, lang, d))
        d = result.draft
    return ed.Edit(d, " ".join(messages))


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
    fkey = wb.picker(wb.LINK_FROM, sources, d.clusters[0].id)
    wrt = st.selectbox(
        _("Compare with respect to"),
        sources,
        format_func=lambda s: source_label(d, criterion, s, lang),
        key=fkey,
        on_change=wb.remember,
        args=(wb.LINK_FROM, fkey),
        help=_(
            "A node influences the clusters whose nodes are compared with respect to it. Choosing a cluster "
            "links each of its nodes; 'every node' links all of them."
        ),
    )
    st.markdown(
        _("The nodes of these clusters are compared with respect to {source}:").format(
            source="**" + plain(source_label(d, criterion, wrt, lang)) + "**"
        )
    )
    effective = effective_links(d, criterion)
    own = d.cluster_of.get(wrt, wrt)
    for cl in d.clusters:
        explicit = (criterion, "nodes", wrt, cl.id) in d.comparison_by_key
        text = label(cl.id) + (" " + _("(inner dependence)") if cl.id == own else "")
        note = ""
        if not explicit and wrt in d.node_by_id and (wrt, cl.id) in effective:
            via = effective[(wrt, cl.id)][2]
            note = " · " + _("already compared through {source}").format(
                source=source_label(d, criterion, via, lang).lower()
            )
        elif (
            not explicit
            and wrt in d.cluster_by_id
            and (criterion, "nodes", criterion, cl.id) in d.comparison_by_key
        ):
            note = " · " + _("already compared with respect to every node")
        if not cl.nodes:
            note = " · " + _("no nodes yet")
        key = _seed(f"wb_link:{criterion}:{wrt}:{cl.id}:{r}", explicit)
        st.checkbox(
            label_text(text + note),
            key=key,
            disabled=not cl.nodes,
            on_change=lambda c=cl.id, k=key: wb.apply(lk.set_link, criterion, wrt, c, bool(ss.get(k))),
        )
    if wrt in d.cluster_by_id:
        targets = cluster_targets(d, criterion)[wrt]
        ckey = (criterion, "clusters", wrt, None)
        if len(targets) >= 2 or ckey in d.comparison_by_key:
            tkey = _seed(f"wb_ccomp:{criterion}:{wrt}:{r}", ckey in d.comparison_by_key)
            st.toggle(
                _("Compare the clusters {cluster} links to (else they weigh equally)").format(
                    cluster=label_text(label(wrt))
                ),
                key=tkey,
                on_change=lambda: wb.apply(lk.set_cluster_comparison, criterion, wrt, bool(ss.get(tkey))),
            )

    st.markdown("##### " + _("Link matrix"))
    st.caption(
        _(
            "Rows: the clusters whose nodes are compared. Columns: what they are compared with respect to — every "
            "node, each node of a cluster, or one node. Tick a cell to link, untick to remove the link and its "
            "judgments (undo brings them back)."
        )
    )
    frame = link_frame(d, criterion)
    shown = frame.copy()
    shown.index = [label(c) for c in frame.index]
    mkey = link_matrix_key(criterion)
    config: dict[str, Any] = {
        "_index": st.column_config.TextColumn(_("Compared ↓ / with respect to →"), disabled=True)
    }
    for s in frame.columns:
        if s == criterion:
            config[s] = st.column_config.CheckboxColumn(
                _("Every node"), help=plain(source_label(d, criterion, s, lang)), width="small"
            )
        elif s in d.cluster_by_id:
            config[s] = st.column_config.CheckboxColumn(
                f"▣ {label(s)}", help=plain(source_label(d, criterion, s, lang)), width="small"
            )
        else:
            config[s] = st.column_config.CheckboxColumn(
                label(s), help=plain(source_label(d, criterion, s, lang)), width="small"
            )
    st.data_editor(
        shown,
        key=mkey,
        num_rows="fixed",
        column_config=config,
    )
