"""Ecosystem page: the model's ecosystem (or network) diagram, sized by the current composite weights.

This page's sliders (keys ``eco_w_<criterion>``) mirror the shared
``w_<criterion>`` weights of the Weights page: both pages show and move the
same weights. What is drawn comes from ``dashboard.ecosystem_view``.
"""

from __future__ import annotations

import streamlit as st

from anp_core import ANPError
from dashboard import cached, ecosystem_view, state
from dashboard.text import plain

state.init()  # idempotent


def _on_slide(criterion: str) -> None:
    """Copy this page's slider into the shared weight key, then rescale the others."""
    ss = st.session_state
    ss[state.weight_key(criterion)] = float(ss[state.eco_weight_key(criterion)])
    state.rescale_others(criterion)


def _sliders() -> None:
    # The Weights page owns the ``w_<criterion>`` widgets. Drawing a second widget
    # with the same key here made the sliders show 0.000 after a page switch
    # (Streamlit 1.67), so this page has its own keys, seeded from the shared
    # weights before they are drawn and written back by the callback.
    ss = st.session_state
    model = state.current_model()
    criteria = state.active_criteria()
    for col, c in zip(st.columns(len(criteria)), criteria, strict=True):
        crit = model.criterion_by_id[c]
        ss[state.eco_weight_key(c)] = float(ss.get(state.weight_key(c), 0.0))
        col.slider(
            plain(crit.name),
            min_value=0.0,
            max_value=1.0,
            step=0.01,
            format="%.3f",
            key=state.eco_weight_key(c),
            on_change=_on_slide,
            args=(c,),
            help=plain(crit.description) or None,
        )


@st.fragment
def live() -> None:
    """Sliders and the diagram (a slider move reruns only this block)."""
    model = state.current_model()
    with st.expander("Criterion weights (the same sliders as on the Weights page)", expanded=True):
        _sliders()
    try:
        view = ecosystem_view.ecosystem_view(cached.evaluation(model, state.effective_weights()))
    except ANPError as err:
        st.error(plain(err))
        return
    st.plotly_chart(view.figure, key="eco_chart", config={"displaylogo": False, "scrollZoom": False})
    st.caption(view.caption)


model = state.current_model()
described = bool(model.ecosystem.populations)
st.title(ecosystem_view.page_title(model))
if model.description:
    st.markdown(plain(model.description))
if not described:
    st.caption(
        ":material/info: This model's file describes no ecosystem (an `ecosystem` section with populations and "
        "relations), so the diagram shows its clusters, nodes and links."
    )

live()

with st.expander("Elements of the model", expanded=False):
    st.dataframe(ecosystem_view.elements_table(model), hide_index=True, key="eco_table1")
relations = ecosystem_view.relations_table(model)
if relations is not None:
    with st.expander("Relations drawn as arrows", expanded=False):
        st.dataframe(relations, hide_index=True, key="eco_relations")
