"""Static twin of pages/sensitivity.py: the same widgets, charts and tables, no computation.

Everything it draws comes ready-made from ``st.session_state["twin"]``
(filled once by :func:`benchmarks.bench_pages.twin_data_sensitivity`): the
lines chart, crossing sentences and tables, the threshold table, and one
tornado chart per value of the ±X slider (the interaction the benchmark
repeats). It calls no anp_core function and builds no figure, so its rerun
time is the floor the Sensitivity page is measured against.
"""

import streamlit as st

twin = st.session_state["twin"]
ss = st.session_state

st.title("Sensitivity to the criterion weights")
st.caption(twin["intro"])
st.markdown(twin["current"])

st.selectbox(
    "Criterion to move",
    twin["criteria"],
    format_func=twin["crit_names"].get,
    key="sens_criterion",
    persist_state="session",
)
st.plotly_chart(twin["lines"], key="sens_lines", config={"displaylogo": False})
st.caption(twin["lines_caption"])

st.subheader(twin["crossings_title"])
if twin["crossings"] is None:
    st.info(twin["no_crossings"])
else:
    st.markdown(twin["nearest"])
    with st.container(key="sens_sentences"):
        st.markdown(twin["sentences"])
    with st.expander("The crossings as a table"):
        st.dataframe(
            twin["crossings"],
            hide_index=True,
            key="sens_crossings",
            column_order=["Weight", "Rises above", "Falls below", "Move", "Top factor involved"],
            column_config=twin["crossings_config"],
            height=twin["crossings_height"],
        )
if twin["ties"]:
    st.caption(twin["ties"])

st.subheader("Tornado: every criterion moved a little")
ss.setdefault("sens_delta", 0.1)
ss.setdefault("sens_top_n", 5)
tc1, tc2 = st.columns([1, 1])
delta = tc1.select_slider(
    "Change of each criterion's weight (±X)",
    options=twin["deltas"],
    key="sens_delta",
    persist_state="session",
    format_func=twin["delta_labels"].get,
)
tc2.slider("Top factors shown", min_value=1, max_value=10, key="sens_top_n", persist_state="session")
st.plotly_chart(twin["tornado"][delta], key="sens_tornado", config={"displaylogo": False})
st.caption(twin["tornado_caption"])

st.subheader("How far must a criterion move before the top changes?")
st.dataframe(twin["thresholds"], key="sens_thresholds", column_config=twin["thresholds_config"])
st.caption(twin["thresholds_caption"])
