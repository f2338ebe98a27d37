"""Static twin of views/weights.py: the same widgets, charts and tables, no computation.

Everything it draws comes ready-made from ``st.session_state["twin"]``
(filled once by :func:`benchmarks.bench_pages.twin_data` with the page's own
builder, ``dashboard.weights_ui.weights_view``). It calls no anp_core function
and builds no figure, so its rerun time is the floor the Weights page is
measured against (the cost of Streamlit drawing the same elements).
"""

import streamlit as st

from dashboard import chart_ui, metric_row  # draw precomputed figures and cards, as the page does

twin = st.session_state["twin"]
ss = st.session_state
view = twin["view"]


def _rescale(changed: str) -> None:
    # the same arithmetic as dashboard.state.rescale_others, on plain names
    names = twin["criteria"]
    x = float(ss[f"w_{changed}"])
    others = [n for n in names if n != changed]
    total = sum(float(ss[f"w_{n}"]) for n in others)
    for n in others:
        share = float(ss[f"w_{n}"]) / total if total > 0 else 1.0 / len(others)
        ss[f"w_{n}"] = round((1.0 - x) * share, 3)


st.title("Criterion weights and the ranking")
st.caption(twin["intro"])
st.page_link(
    "views/audit.py", label="Compare with the published results (Paper audit)", icon=":material/fact_check:"
)


@st.fragment
def live() -> None:
    """Same layout as the Weights page's fragment."""
    st.subheader(view.cards_title)
    metric_row.card_row([(card.markdown, card.help) for card in view.cards])
    with st.container(key="w_cards_note"):
        if view.cards_note:
            st.caption(view.cards_note)
    left, right = st.columns([0.32, 0.68], gap="large")
    t_col, s_col = st.columns([0.58, 0.42], gap="large")
    with t_col:
        st.subheader("Ranking")
        st.caption("Change against the loaded model under its own weights.")
        st.dataframe(
            view.ranked,
            hide_index=True,
            key="w_rank_table",
            column_config=twin["column_config"],
            height=view.table_height,
        )
    with left:
        st.subheader("Control criteria")
        st.caption(
            "Moving one slider rescales the others in proportion, so the weights always sum to 1. "
            "Ticks on the chart mark the loaded model's own weights."
        )
        for c in twin["criteria"]:
            st.slider(
                twin["names"][c],
                min_value=0.0,
                max_value=1.0,
                step=0.01,
                format="%.3f",
                key=f"w_{c}",
                on_change=_rescale,
                args=(c,),
                help=twin["help"][c] or None,
                bind="query-params",
                persist_state="session",
            )
        for cid, label, why in twin["extra"]:
            st.toggle(label, key=f"use_{cid}", help=why, persist_state="session")
        st.markdown(twin["effective"])
        st.button("Reset the weights", key="btn_reset_weights", icon=":material/restart_alt:")
    with right:
        chart_ui.chart(view.bar, key="w_composite_chart", text=view.bar_text)
    with s_col:
        st.subheader("Cluster shares")
        st.caption(
            "The share of the composite weight held by each cluster's factors; ticks mark the loaded model's shares."
        )
        chart_ui.chart(
            view.shares_chart,
            key="w_shares_chart",
            text=view.shares_text,
            data=view.shares_table,
            what="cluster shares",
            column_config={"Share": st.column_config.NumberColumn(format="%.4f")},
        )
    with st.container(
        border=True, key="w_brief"
    ):  # the page's brief block: heading, text, two lazy downloads
        st.subheader("Take it away: a policy brief")
        st.caption(
            "The current weights, the ranking and how it changed against the model's own weights, the top "
            "factors with the recommendations linked to them, how far each weight must move to change the top, "
            "and how stable the top is under judgment uncertainty."
        )
        c1, c2 = st.columns(2)
        for col, label, ext in ((c1, "Policy brief (HTML)", "html"), (c2, "Policy brief (PDF)", "pdf")):
            col.download_button(
                label, data=lambda: b"", file_name=f"brief.{ext}", on_click="ignore", key=f"w_brief_{ext}"
            )
    if twin["difficulties"] is not None:
        st.subheader("Difficulties a paper names for these factors")
        st.caption(twin["difficulties"]["caption"])
        st.dataframe(
            view.difficulties,
            hide_index=True,
            key="w_difficulties",
            column_config=twin["difficulties"]["config"],
        )


live()
