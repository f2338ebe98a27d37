"""Weights page: control-criterion sliders and the live factor ranking.

Moving one slider rescales the others proportionally (callback
``state.rescale_others``) so the weights always sum to 1; the sliders, charts,
rank table and top-5 cards sit in one ``st.fragment`` so a slider move reruns
only that block. Slider values live in ``w_<criterion>`` keys, persist across
pages and are bound to the URL (``?w_policy=0.42``).
"""

import streamlit as st

from anp_core import ANPError
from dashboard import cached, figures, state, weights_ui

state.init()  # idempotent; lets the page also run on its own (benchmarks)

st.title("Criterion weights and the factor ranking")
st.caption(
    ":material/info: The judgments behind these numbers are **reconstructed** from the paper's Table 2 "
    "(paper 000 publishes weights, not judgment matrices): consistent matrices, CR = 0, some ratios above 9. "
    "The recomputed composite weights therefore differ slightly from the published column, because the "
    "published columns do not sum exactly to 1."
)
st.page_link(
    "pages/audit.py", label="Compare with the published Table 2 (Paper audit)", icon=":material/fact_check:"
)


def _sliders(model, criteria: list[str]) -> None:
    ss = st.session_state
    st.subheader("Control criteria")
    st.caption(
        "Moving one slider rescales the others in proportion, so the weights always sum to 1. "
        "Ticks on the charts mark the paper's baseline."
    )
    for c in criteria:
        crit = model.criterion_by_id[c]
        st.slider(
            crit.name,
            min_value=0.0,
            max_value=1.0,
            step=0.01,
            format="%.3f",
            key=state.weight_key(c),
            on_change=state.rescale_others,
            args=(c,),
            help=crit.description or None,
            bind="query-params",
            persist_state="session",
        )
    geo = model.criterion_by_id.get(state.GEO)
    if geo is not None and state.GEO in model.networked_criteria:
        st.toggle(
            f"Add {geo.name.lower()} as a criterion",
            key=state.USE_GEO,
            on_change=state.on_geo_toggle,
            help=geo.excluded_reason or None,
            persist_state="session",
        )
        if ss.get(state.USE_GEO):
            st.info(
                f"**{geo.name}** is not in the paper's control layer: {geo.excluded_reason or ''}\n\n"
                "It starts at weight 0. Its network starts from **equal judgments**, not from the paper; "
                "edit them on the Judgments page.",
                icon=":material/public:",
            )
    eff = state.effective_weights()
    total = sum(state.criterion_weights().values())
    parts = " · ".join(f"{model.criterion_by_id[c].name.split()[0]} {w:.3f}" for c, w in eff.items())
    note = "" if abs(total - 1.0) < 1e-6 else f" (sliders sum to {total:.3f}; each is divided by that sum)"
    st.markdown(f"**Effective weights**{note}: {parts}")
    st.button(
        "Back to the paper's weights",
        key="btn_reset_weights",
        icon=":material/restart_alt:",
        on_click=state.reset_weights,
        help="Sliders only: judgment edits are kept (use the sidebar to reset everything).",
    )


@st.fragment
def live() -> None:
    """Sliders, top-5 cards, composite chart, rank table and cluster shares."""
    ss = st.session_state
    model = state.current_model()
    base_model = state.baseline_model()
    criteria = state.active_criteria()
    try:
        ev = cached.evaluation(ss[state.MODEL_KEY], model, state.effective_weights())
        base = cached.baseline_evaluation(state.model_hash(base_model), base_model)
    except ANPError as err:
        st.error(str(err))
        return
    colors = figures.cluster_colors(model)
    cnames = {c.id: c.name for c in model.clusters}
    table = weights_ui.light_table(ev)
    base_table = cached.baseline_table(state.model_hash(base_model), base_model)
    ranked = weights_ui.rank_table(table, base_table, cnames)

    st.subheader("Top 5 factors")
    cards = st.columns(5)
    for col, row in zip(cards, weights_ui.top_records(ranked), strict=False):
        d = float(row["Δ weight"])
        flat = abs(d) < 5e-4
        with col.container(border=True):
            # the name in markdown wraps; a metric label would be cut off
            st.markdown(f"**#{row['Rank']}** {row['Factor']}")
            st.metric(
                f"#{row['Rank']} {row['Factor']}",
                f"{row['Composite']:.3f}",
                delta=f"{d:+.3f}",
                delta_color="off" if flat else "normal",
                delta_arrow="off" if flat else ("up" if d >= 0 else "down"),
                delta_description=f"rank {row['Change']}",
                help=f"{row['Cluster']}. Baseline: {row['Baseline']:.3f} (rank {row['Baseline rank']}).",
                label_visibility="collapsed",
            )
    left, right = st.columns([0.32, 0.68], gap="large")
    with left:
        _sliders(model, criteria)
    with right:
        st.plotly_chart(
            figures.composite_bar(table, colors, cluster_names=cnames, baseline=base.composite),
            key="w_composite_chart",
            config={"displaylogo": False},
        )
    t_col, s_col = st.columns([0.58, 0.42], gap="large")
    with t_col:
        st.subheader("Ranking")
        st.caption("Change against the paper's baseline (the loaded model under its own weights).")
        st.dataframe(
            ranked,
            hide_index=True,
            key="w_rank_table",
            column_config={
                "Rank": st.column_config.NumberColumn(width="small"),
                "Change": st.column_config.TextColumn(width="small", help="▲ up, ▼ down, – unchanged"),
                "Composite": st.column_config.NumberColumn(format="%.4f"),
                "Baseline": st.column_config.NumberColumn(format="%.4f"),
                "Δ weight": st.column_config.NumberColumn(format="%+.4f"),
                "Baseline rank": st.column_config.NumberColumn(width="small"),
            },
            height=738,
        )
    with s_col:
        st.subheader("Cluster shares")
        st.caption("Inner ring: clusters; outer ring: their factors (sizes are composite weights).")
        st.plotly_chart(
            figures.cluster_sunburst(table, colors, cluster_names=cnames, title=None),
            key="w_sunburst",
            config={"displaylogo": False},
        )
        shares = weights_ui.cluster_shares(table)
        st.caption(" · ".join(f"{cnames.get(c, c)} {v:.3f}" for c, v in shares.items()))


live()
