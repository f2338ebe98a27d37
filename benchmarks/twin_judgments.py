"""Static twin of pages/judgments.py: the same widgets, charts and tables, no computation.

Everything it draws comes ready-made from ``st.session_state["twin"]``
(filled once by :func:`benchmarks.bench_pages.twin_data_judgments`): one
precomputed state per judgment edit of the benchmark (the matrix, its
priorities, consistency, slider labels, figures and tables after that edit).
A pair slider's callback only moves to the next state, where the page
validates the edit through anp_core and replaces the model. The widget keys
change after every edit, as the page's do (``editor_token``), so each rerun
draws fresh widgets on both sides. It calls no anp_core function and builds
no figure, so its rerun time is the floor the Judgments page is measured
against.
"""

import streamlit as st

twin = st.session_state["twin"]
ss = st.session_state
ss.setdefault("twin_step", 0)


def _next_state() -> None:
    ss["twin_step"] = min(ss["twin_step"] + 1, len(twin["states"]) - 1)


s = twin["states"][ss["twin_step"]]
token = f"0.{ss['twin_step']}"

st.title("Judgments")
st.info(twin["intro"], icon=":material/science:")

pick = st.columns([1.3, 1, 1, 1.4])
pick[0].radio(
    "Matrix", list(twin["kinds"]), format_func=twin["kinds"].get, key="j_kind", persist_state="session"
)
pick[1].selectbox(
    "Criterion",
    twin["networked"],
    format_func=twin["labels"].get,
    key="j_criterion",
    persist_state="session",
)
pick[2].selectbox(
    "Cluster", twin["clusters"], format_func=twin["labels"].get, key="j_cluster", persist_state="session"
)
pick[3].selectbox(
    "With respect to",
    twin["wrt_options"],
    format_func=twin["wrt_labels"].get,
    key="j_wrt",
    persist_state="session",
    help=twin["wrt_help"],
)

if s["message"]:
    st.success(s["message"])

head = st.columns([3, 1])
head[0].subheader(s["title"])
if s["note"]:
    head[0].caption(s["note"])

left, right = st.columns([0.55, 0.45], gap="large")
with left:
    st.markdown("#### Pair by pair (Saaty's scale)")
    st.caption(twin["scale_caption"])
    for p in s["pairs"]:
        wkey = f"pair:{s['id']}:{p['i']}:{p['j']}:{token}"
        ss.setdefault(wkey, p["value"])
        st.select_slider(
            p["label"],
            options=p["options"],
            format_func=p["option_labels"].get,
            key=wkey,
            on_change=_next_state,
        )

with right:
    st.markdown("#### Priorities and consistency")
    m = st.columns(3)
    for col, metric in zip(m, s["metrics"], strict=True):
        col.metric(metric["label"], metric["value"], help=metric["help"])
    st.selectbox(
        "Random-index table",
        list(twin["ri_tables"]),
        format_func=twin["ri_tables"].get,
        key="ri_table",
        persist_state="session",
    )
    if s["verdict_ok"]:
        st.success(s["verdict"], icon=":material/check_circle:")
    else:
        st.warning(s["verdict"], icon=":material/warning:")
    if s["worst"] is not None:
        st.markdown(s["worst"]["text"])
        st.button(s["worst"]["button"], key=f"btn_suggest:{token}", icon=":material/auto_fix_high:")
    else:
        st.caption("Every judgment agrees with the priorities (no inconsistent judgment to point at).")
    st.plotly_chart(s["bar"], key="j_priorities_chart", config={"displaylogo": False})
    st.dataframe(s["ptable"], hide_index=True, key="j_priorities_table", column_config=twin["ptable_config"])

st.markdown("#### As a matrix")
st.caption(twin["matrix_caption"])
mat_left, mat_right = st.columns([0.5, 0.5], gap="large")
with mat_left:
    st.data_editor(
        s["frame"], key=f"matrix:{s['id']}:{token}", num_rows="fixed", column_config=s["editor_config"]
    )
with mat_right:
    st.plotly_chart(s["heatmap"], key="j_matrix_heatmap", config={"displaylogo": False})

with st.expander(twin["overrides_title"]):
    if twin["overrides"] is not None:
        st.dataframe(twin["overrides"], hide_index=True)
    else:
        st.caption("None: every comparison applies to its whole criterion.")
