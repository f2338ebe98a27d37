"""Static twin of views/sensitivity.py: the same widgets, charts and tables, no computation.

Everything it draws comes ready-made from ``st.session_state["twin"]``
(filled once by :func:`benchmarks.bench_pages.twin_data_sensitivity` with the
page's own builders, ``dashboard.sensitivity_view``): the lines chart,
crossing sentences and tables, the threshold table, and one tornado chart per
value of the ±X slider (the interaction the benchmark repeats). It calls no
anp_core function and builds no figure, so its rerun time is the floor the
Sensitivity page is measured against.
"""

import streamlit as st

from dashboard import chart_ui  # draws a precomputed figure, its summary and data, as the page does

twin = st.session_state["twin"]
view = twin["view"]

st.title("Sensitivity to the criterion weights")
st.caption(
    "One criterion's weight moves from 0 to 1 while the others keep their proportions (as the Weights page "
    "sliders do). Each factor's composite weight is then a straight line in that weight, so the points where "
    "two factors swap places are computed exactly, not read off a grid. Starting point: the current sliders "
    "and judgments."
)
st.markdown(twin["current"])
st.selectbox(
    "Criterion to move",
    twin["criteria"],
    format_func=twin["labels"].get,
    key="sens_criterion",
    persist_state="session",
)
chart_ui.chart(
    view.chart,
    key="sens_lines",
    text=view.chart_text,
    data=view.chart_data,
    what="the lines",
    column_config={c: st.column_config.NumberColumn(format="%.4f") for c in view.chart_data.column_names[2:]}
    if view.chart_data is not None
    else None,
)
st.caption(view.chart_caption)

st.subheader(view.title)
if view.crossings:
    st.markdown(view.summary)
    with st.container(key="sens_sentences"):
        st.markdown(view.sentences)
    with st.expander("The crossings as a table", icon=":material/table:"):
        st.dataframe(
            view.table,
            hide_index=True,
            key="sens_crossings",
            column_order=["Weight", "Rises above", "Falls below", "Move", "Top factor involved"],
            column_config={
                "Weight": st.column_config.NumberColumn(f"{view.short} weight", format="%.4f"),
                "Move": st.column_config.NumberColumn("Move from current", format="%+.4f"),
                "Top factor involved": st.column_config.CheckboxColumn("Involves a current top-5 factor"),
            },
            height=min(35 * view.table.num_rows + 40, 800),
        )
else:
    st.info(view.summary)
if view.ties_text:
    st.caption(view.ties_text)


@st.fragment
def tornado_block() -> None:
    """Same as the page's tornado fragment."""
    st.subheader("Tornado: every criterion moved a little")
    tc1, tc2 = st.columns([1, 1])
    delta = tc1.select_slider(
        "Change of each criterion's weight (±X)",
        options=twin["deltas"],
        key="sens_delta",
        persist_state="session",
        format_func=lambda x: f"±{x:.2f}",
    )
    tc2.slider("Top factors shown", min_value=1, max_value=10, key="sens_top_n", persist_state="session")
    tv = twin["tornado"][delta]
    chart_ui.chart(
        tv.chart,
        key="sens_tornado",
        text=tv.text,
        data=tv.data,
        what="the tornado",
        column_config={
            c: st.column_config.NumberColumn(format="%+.4f" if c in tv.signed else "%.4f")
            for c in tv.data.column_names[2:]
        },
    )
    st.caption(
        "Each criterion's weight is lowered and raised by X (clipped to 0 and 1) while the others keep their "
        "proportions; the bars show how much each top factor's composite weight changes."
    )


tornado_block()

st.subheader("How far must a criterion move before the top changes?")
fmt = {
    "Criterion": st.column_config.TextColumn(pinned=True),
    "Current weight": st.column_config.NumberColumn(format="%.4f"),
}
for k in twin["tops"]:
    fmt[f"Top {k}: move"] = st.column_config.NumberColumn(
        f"Top {k}: move",
        format="%+.4f",
        help=f"Smallest change of this criterion's weight that changes which factors make the top {k} "
        f"(negative: the weight must fall). A dash (–): the top {k} stays the same for any weight between 0 and 1.",
    )
    fmt[f"Top {k}: at"] = st.column_config.NumberColumn(
        f"Top {k}: at", format="%.4f", help=f"The weight at which the top {k} changes."
    )
st.dataframe(twin["thresholds"], key="sens_thresholds", column_config=fmt, placeholder="–")
st.caption(
    "*move*: the smallest change of the criterion's weight (the others keep their proportions) after which a "
    "different set of factors makes the top k; *at*: the weight where that happens. The set is what counts: a "
    "swap inside the top k does not change it. A dash (–): no weight between 0 and 1 changes the top k."
)
