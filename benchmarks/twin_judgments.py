"""Static twin of views/judgments.py: the same widgets, charts and tables, no computation.

Everything it draws comes ready-made from ``st.session_state["twin"]``
(filled once by :func:`benchmarks.bench_pages.twin_data_judgments` with the
page's own builder, ``dashboard.judgment_ui.matrix_view``): one precomputed
view per judgment edit of the benchmark. A pair slider's callback only moves
to the next state, where the page validates the edit through anp_core and
replaces the model. The pair sliders keep their keys and the matrix editor's
key changes after every edit, as the page's do. It calls no anp_core
function and builds no figure, so its rerun time is the floor the Judgments
page is measured against.
"""

import streamlit as st

from dashboard import chart_ui, metric_row  # draw precomputed figures and summaries, as the page does

twin = st.session_state["twin"]
ss = st.session_state
ss.setdefault("twin_step", 0)

KINDS = {
    "criteria": "Control criteria",
    "clusters": "Clusters under a criterion",
    "nodes": "Factors of a cluster under a criterion",
}


def _next_state() -> None:
    ss["twin_step"] = min(ss["twin_step"] + 1, len(twin["states"]) - 1)


s = twin["states"][ss["twin_step"]]
view = s["view"]
ref = view.ref
token = f"0.{ss['twin_step']}"

st.title("Judgments")
st.info(twin["intro"], icon=":material/science:")

pick = st.columns([1.3, 1, 1, 1.4])
pick[0].radio("Matrix", list(KINDS), format_func=KINDS.get, key="j_kind", persist_state="session")
pick[1].selectbox(
    "Criterion",
    twin["networked"],
    format_func=twin["criterion_labels"].get,
    key="j_criterion",
    persist_state="session",
)
pick[2].selectbox(
    "Cluster",
    twin["clusters"],
    format_func=twin["cluster_labels"].get,
    key="j_cluster",
    persist_state="session",
)
pick[3].selectbox(
    "With respect to",
    twin["wrt_options"],
    format_func=twin["wrt_labels"].get,
    key="j_wrt",
    persist_state="session",
    help="A comparison with respect to one cluster or one factor overrides the criterion-wide one "
    "for those columns of the supermatrix (✎ = an override exists).",
)

with st.container(key="j_edit_message"):  # the page's message slot
    if s["message"]:
        st.success(s["message"])

head = st.columns([3, 1])
head[0].subheader(view.title)
if view.note:
    head[0].caption(view.note)

left, right = st.columns([0.55, 0.45], gap="large")
with left:
    st.markdown("#### Pair by pair (Saaty's scale)")
    st.caption(
        "1 equal · 3 moderate · 5 strong · 7 very strong · 9 extreme (2, 4, 6, 8 in between). "
        "Slide towards the element that dominates."
    )
    for p in view.pairs:
        wkey = f"pair:{ref.id}:{p.i}:{p.j}:0"  # the page's sliders keep their keys across edits
        if ss.get(wkey, ss) != p.value:
            ss[wkey] = p.value
        st.select_slider(
            p.label, options=list(p.options), format_func=p.option_labels.get, key=wkey, on_change=_next_state
        )

with right:
    st.markdown("#### Priorities and consistency")
    metric_row.metric_row(view.metrics)
    st.selectbox(
        "Random-index table",
        list(twin["ri_tables"]),
        format_func=twin["ri_tables"].get,
        key="ri_table",
        persist_state="session",
    )
    (st.success if view.verdict_ok else st.warning)(
        view.verdict, icon=":material/check_circle:" if view.verdict_ok else ":material/warning:"
    )
    if view.worst is not None:
        st.markdown(view.worst["text"])
        st.button(view.worst["button"], key=f"btn_suggest:{token}", icon=":material/auto_fix_high:")
    else:
        st.caption("Every judgment agrees with the priorities (no inconsistent judgment to point at).")
    chart_ui.chart(view.bar, key="j_priorities_chart", text=view.bar_text)
    st.dataframe(
        view.priorities,
        hide_index=True,
        key="j_priorities_table",
        column_config={
            "Element": st.column_config.TextColumn(width="medium"),
            "Priority": st.column_config.NumberColumn(format="%.4f"),
            "Loaded": st.column_config.NumberColumn(format="%.4f", help="Priority in the model as loaded"),
            "Δ": st.column_config.NumberColumn(format="%+.4f"),
        },
    )

st.markdown("#### As a matrix")
st.caption(
    "Type a judgment into a cell **above the diagonal** (3, 0.2 or 1/5; values above 9 are allowed). "
    "Cells marked '=' are reciprocals, filled in for you; '?' is a judgment not given. Column k is row k's "
    "element."
)
mat_left, mat_right = (
    (st.container(), st.container()) if view.full_width else st.columns([0.5, 0.5], gap="large")
)
with mat_left:
    st.data_editor(
        view.frame,
        key=f"matrix:{ref.id}:{token}",
        num_rows="fixed",
        column_config={
            "_index": st.column_config.TextColumn(disabled=True),
            **{
                e: st.column_config.TextColumn(k, width=72, help=twin["plain"][label])
                for e, k, label in view.columns
            },
        },
    )
with mat_right:
    chart_ui.chart(view.heatmap, key="j_matrix_heatmap", text=view.heatmap_text)
    st.download_button(
        "Download this matrix (CSV)",
        data=lambda: s["csv"],
        file_name=f"{ref.id.replace(':', '_')}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="j_matrix_csv",
    )

overrides = twin["overrides"]
with st.expander(f"Overrides in this model ({0 if overrides is None else len(overrides)})"):
    if overrides is not None:
        st.dataframe(overrides, hide_index=True)
    else:
        st.caption("None: every comparison applies to its whole criterion.")
