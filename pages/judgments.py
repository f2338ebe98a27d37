"""Judgments page: pick a pairwise matrix, edit it, watch priorities and consistency.

Every edit goes through ``Model.with_judgment`` (validated) into
``state.replace_model``, so the Weights page ranking reflects it at once.
Pair sliders use callbacks; the matrix editor's pending edits are consumed
before it is drawn (``judgment_ui.consume_matrix_edits``). Widget keys carry
``judgment_ui.editor_token()`` so reset, undo and rejected edits rebuild them.
"""

import math

import numpy as np
import pandas as pd
import streamlit as st

from anp_core import RI_TABLES, ANPError
from dashboard import cached, figures, judgment_ui, state

state.init()

ss = st.session_state
model = state.current_model()
base_model = state.baseline_model()

st.title("Judgments")
if base_model.id == "cbec_trade_war":
    st.info(
        "**These judgments are reconstructed, not published.** Paper 000 publishes only the weights of "
        "Table 2. Each matrix here is the consistent matrix of those weights (CR = 0), so some ratios exceed "
        "Saaty's 9 (e.g. 25.43): they are shown as they are until you change that pair.",
        icon=":material/science:",
    )

# ----- which matrix -----
KINDS = {
    "criteria": "Control criteria",
    "clusters": "Clusters under a criterion",
    "nodes": "Factors of a cluster under a criterion",
}
networked = list(model.networked_criteria)
clusters = [c.id for c in model.clusters]
ss.setdefault(state.J_KIND, "nodes")
if ss.get(state.J_CRITERION) not in networked:
    ss[state.J_CRITERION] = networked[0]
if ss.get(state.J_CLUSTER) not in clusters:
    ss[state.J_CLUSTER] = clusters[0]

pick = st.columns([1.3, 1, 1, 1.4])
kind = pick[0].radio("Matrix", list(KINDS), format_func=KINDS.get, key=state.J_KIND, persist_state="session")
criterion = ss[state.J_CRITERION]
cluster = ss[state.J_CLUSTER]
key: tuple[str, str, str, str | None]
if kind == "criteria":
    key = judgment_ui.CRITERIA_KEY
else:
    criterion = pick[1].selectbox(
        "Criterion",
        networked,
        format_func=model.label,
        key=state.J_CRITERION,
        persist_state="session",
    )
    if kind == "nodes":
        cluster = pick[2].selectbox(
            "Cluster", clusters, format_func=model.label, key=state.J_CLUSTER, persist_state="session"
        )
    wrt_options = [criterion, *clusters]
    if kind == "nodes":
        wrt_options += list(model.node_ids)
    if ss.get(state.J_WRT) not in wrt_options:
        ss[state.J_WRT] = criterion
    ctype = None if kind == "clusters" else cluster

    def wrt_label(w: str, _crit: str = criterion, _ctype: str | None = ctype, _kind: str = kind) -> str:
        """Label a 'with respect to' option, marking the overrides that exist."""
        exists = (_crit, _kind, w, _ctype) in model.comparison_by_key
        if w == _crit:
            return "Whole criterion (all columns)"
        what = "cluster" if w in model.cluster_by_id else "factor"
        return f"{'✎ ' if exists else ''}Override for {what}: {model.label(w)}"

    wrt = pick[3].selectbox(
        "With respect to",
        wrt_options,
        format_func=wrt_label,
        key=state.J_WRT,
        persist_state="session",
        help="A comparison with respect to one cluster or one factor overrides the criterion-wide one "
        "for those columns of the supermatrix (✎ = an override exists).",
    )
    key = (criterion, kind, wrt, ctype)

if kind != "criteria" and criterion == state.GEO:
    geo = model.criterion_by_id[state.GEO]
    st.warning(
        f"**{geo.name}** is outside the paper's control layer ({geo.excluded_reason or ''}). Its network "
        "starts from **equal judgments**, not from the paper: edit them to give it a meaning, then switch it on "
        "as a criterion on the Weights page.",
        icon=":material/public:",
    )

ref = judgment_ui.MatrixRef.of(model, key)
if ref is None:
    base = judgment_ui.base_key(model, key)
    st.info(
        f"There is no comparison **{judgment_ui.describe(model, key)}** yet, so "
        f"**{judgment_ui.describe(model, base)}** applies to these columns.",
        icon=":material/call_split:",
    )
    st.button(
        "Create this override (starts as a copy)",
        key=f"btn_create:{judgment_ui.editor_token()}",
        icon=":material/add:",
        on_click=judgment_ui.create_override,
        args=(key,),
    )
    st.stop()

token = judgment_ui.editor_token()
editor_key = f"matrix:{ref.id}:{token}"
judgment_ui.consume_matrix_edits(ref, editor_key)
# The edit may have changed the model: read everything again.
model = state.current_model()
ref = judgment_ui.MatrixRef.of(model, key)
assert ref is not None
token = judgment_ui.editor_token()
editor_key = f"matrix:{ref.id}:{token}"

msg = ss.get(state.EDIT_MESSAGE)
if msg:
    kind_msg, text = msg
    (st.error if kind_msg == "error" else st.success)(text)
    ss[state.EDIT_MESSAGE] = None

head = st.columns([3, 1])
head[0].subheader(ref.title)
if ref.note:
    head[0].caption(ref.note)
if kind != "criteria" and key[2] != key[0]:
    head[1].button(
        "Delete this override",
        key=f"btn_delete:{token}",
        icon=":material/delete:",
        on_click=judgment_ui.delete_override,
        args=(key,),
        help="The broader comparison applies to these columns again.",
    )

try:
    pm = cached.pairwise(ref.matrix, ref.labels, ref.title)
except ANPError as err:
    st.error(str(err))
    st.stop()

ri_table = ss.get(state.RI_TABLE)
if ri_table not in RI_TABLES:
    ss[state.RI_TABLE] = ri_table = next(iter(RI_TABLES))
prio = pm.priorities()
cr = pm.consistency_ratio(ri_table)
worst = pm.most_inconsistent()
worst_cell = None
if worst is not None and abs(math.log(worst.error)) > 1e-6:
    worst_cell = (worst.row, worst.col)

colors = figures.cluster_colors(model)
bar_color = colors.get(key[3] or "", "#1f5f8b") if kind == "nodes" else "#1f5f8b"
left, right = st.columns([0.55, 0.45], gap="large")

# ----- pair by pair (verbal scale) -----
with left:
    st.markdown("#### Pair by pair (Saaty's scale)")
    st.caption(
        "1 equal · 3 moderate · 5 strong · 7 very strong · 9 extreme (2, 4, 6, 8 in between). "
        "Slide towards the element that dominates."
    )
    n = len(ref.elements)
    for i in range(n):
        for j in range(i + 1, n):
            value = judgment_ui.snap(float(ref.matrix[i][j]))
            wkey = f"pair:{ref.id}:{i}:{j}:{token}"
            ss.setdefault(wkey, value)
            a, b = ref.labels[i], ref.labels[j]
            flag = " ⚠ most inconsistent" if worst_cell == (i, j) else ""
            st.select_slider(
                f"**{a}** vs **{b}**{flag}",
                options=judgment_ui.scale_options(value),
                format_func=lambda v, a=a, b=b: judgment_ui.verbal_label(v, a, b),
                key=wkey,
                on_change=judgment_ui.apply_pair,
                args=(ref.key, ref.elements[i], ref.elements[j], wkey),
            )

# ----- consistency and priorities -----
with right:
    st.markdown("#### Priorities and consistency")
    m = st.columns(3)
    m[0].metric("λmax", f"{pm.lambda_max:.4f}", help=f"n = {pm.n}; equals n for a consistent matrix")
    m[1].metric("CI", f"{pm.ci:.4f}", help="(λmax − n) / (n − 1)")
    m[2].metric("CR", f"{cr:.4f}", help="CI / RI(n) with the RI table below")
    st.selectbox(
        "Random-index table",
        list(RI_TABLES),
        format_func=RI_TABLES.get,
        key=state.RI_TABLE,
        persist_state="session",
    )
    if pm.n <= 2:
        st.success("CR = 0: a matrix of two elements is always consistent.", icon=":material/check_circle:")
    elif cr <= 0.10:
        st.success(
            f"**Pass** — CR = {cr:.3f} ≤ 0.10 ({RI_TABLES[ri_table]}).", icon=":material/check_circle:"
        )
    else:
        st.warning(
            f"**Fail** — CR = {cr:.3f} > 0.10 ({RI_TABLES[ri_table]}): revise the judgments.",
            icon=":material/warning:",
        )
    if worst_cell is not None and worst is not None:
        st.markdown(
            f"**Most inconsistent judgment:** ({worst.row_label}, {worst.col_label}) = "
            f"{figures.fmt_judgment(worst.value)}. A value of **{figures.fmt_judgment(worst.consistent_value)}** "
            f"would agree with the priorities of the other judgments (Saaty's e = {worst.error:.2f})."
        )
        st.button(
            f"Set it to {figures.fmt_judgment(worst.consistent_value)}",
            key=f"btn_suggest:{token}",
            icon=":material/auto_fix_high:",
            on_click=judgment_ui.set_value,
            args=(ref.key, ref.elements[worst.row], ref.elements[worst.col], worst.consistent_value),
        )
    else:
        st.caption("Every judgment agrees with the priorities (no inconsistent judgment to point at).")
    st.plotly_chart(
        figures.priorities_bar(ref.labels, prio, color=bar_color),
        key="j_priorities_chart",
        config={"displaylogo": False},
    )
    base_ref = judgment_ui.MatrixRef.of(base_model, key)
    base_prio = None
    if base_ref is not None and base_ref.elements == ref.elements:
        base_prio = cached.pairwise(base_ref.matrix, base_ref.labels, base_ref.title).priorities()
    ptable = pd.DataFrame({"Element": list(ref.labels), "Priority": prio})
    if base_prio is not None:
        ptable["Loaded"] = base_prio
        ptable["Δ"] = prio - base_prio
    st.dataframe(
        ptable,
        hide_index=True,
        key="j_priorities_table",
        column_config={
            "Element": st.column_config.TextColumn(width="medium"),
            "Priority": st.column_config.NumberColumn(format="%.4f", width="small"),
            "Loaded": st.column_config.NumberColumn(
                format="%.4f", width="small", help="Priority in the loaded model (the paper's)"
            ),
            "Δ": st.column_config.NumberColumn(format="%+.4f", width="small"),
        },
    )

# ----- as a matrix -----
st.markdown("#### As a matrix")
st.caption(
    "Type a judgment into a cell **above the diagonal** (3, 0.2 or 1/5; values above 9 are allowed). "
    "Cells marked '=' are reciprocals, filled in for you. Column k is row k's element."
)
mat_left, mat_right = st.columns([0.5, 0.5], gap="large")
with mat_left:
    st.data_editor(
        judgment_ui.matrix_frame(ref),
        key=editor_key,
        num_rows="fixed",
        column_config={
            e: st.column_config.TextColumn(str(k + 1), width=72, help=label)
            for k, (e, label) in enumerate(zip(ref.elements, ref.labels, strict=True))
        },
    )
with mat_right:
    st.plotly_chart(
        figures.matrix_heatmap(np.asarray(ref.matrix), ref.labels, highlight=worst_cell),
        key="j_matrix_heatmap",
        config={"displaylogo": False},
    )

overrides = [c for c in model.comparisons if c.wrt != c.criterion]
with st.expander(f"Overrides in this model ({len(overrides)})"):
    if overrides:
        st.dataframe(
            pd.DataFrame(
                {
                    "Criterion": [model.label(c.criterion) for c in overrides],
                    "Compares": [
                        "clusters" if c.kind == "clusters" else f"factors of {model.label(c.cluster or '')}"
                        for c in overrides
                    ],
                    "With respect to": [model.label(c.wrt) for c in overrides],
                }
            ),
            hide_index=True,
        )
    else:
        st.caption("None: every comparison applies to its whole criterion.")
