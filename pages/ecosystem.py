"""Ecosystem page: the paper's ecosystem model (Table 1 / Figure 1) as a network diagram.

Factor nodes are sized and coloured by the current composite weights, so the
diagram follows the criterion-weight sliders. This page's sliders (keys
``eco_w_<criterion>``) mirror the shared ``w_<criterion>`` weights of the
Weights page: both pages show and move the same weights.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from anp_core import ANPError, Model
from dashboard import cached, state
from dashboard import ecosystem_figure as ef

state.init()  # idempotent


@st.cache_resource(max_entries=32, show_spinner=False)
def _graph(model_key: str, _model: Model) -> tuple[nx.MultiDiGraph, dict[str, tuple[float, float]]]:
    # Keyed by the model's content hash; the graph is never mutated.
    g = ef.build_graph(_model)
    return g, ef.layout(g)


def _table1(model: Model) -> pd.DataFrame:
    """Table 1 of the paper, rebuilt from the model (main category, sub-category, nodes)."""
    rows = [
        ("Ecosystem members", p.name, ", ".join(m.name for m in p.members))
        for p in model.ecosystem.populations
    ]
    rows += [("Internal factors", c.name, ", ".join(n.name for n in c.nodes)) for c in model.clusters]
    for c in model.criteria:
        note = "" if c.id in model.control_criteria else " (outside the control layer)"
        rows.append(("External environment", c.name + note, ", ".join(c.examples)))
    return pd.DataFrame(rows, columns=["Main category", "Sub-category", "Nodes"])


def _slider_key(criterion: str) -> str:
    return f"eco_{state.weight_key(criterion)}"


def _on_slide(criterion: str) -> None:
    """Copy this page's slider into the shared weight key, then rescale the others."""
    ss = st.session_state
    ss[state.weight_key(criterion)] = float(ss[_slider_key(criterion)])
    state.rescale_others(criterion)


def _sliders(model: Model) -> None:
    # The Weights page owns the ``w_<criterion>`` widgets. Drawing a second widget
    # with the same key here made the sliders show 0.000 after a page switch
    # (Streamlit 1.67), so this page has its own keys, seeded from the shared
    # weights before they are drawn and written back by the callback.
    ss = st.session_state
    criteria = state.active_criteria()
    cols = st.columns(len(criteria))
    for col, c in zip(cols, criteria, strict=True):
        crit = model.criterion_by_id[c]
        ss[_slider_key(c)] = float(ss.get(state.weight_key(c), 0.0))
        col.slider(
            crit.name.removesuffix(" environment"),
            min_value=0.0,
            max_value=1.0,
            step=0.01,
            format="%.3f",
            key=_slider_key(c),
            on_change=_on_slide,
            args=(c,),
            help=crit.description or None,
        )


@st.fragment
def live() -> None:
    """Sliders and the diagram (a slider move reruns only this block)."""
    model = state.current_model()
    model_key = st.session_state[state.MODEL_KEY]
    weights = state.effective_weights()
    with st.expander("Criterion weights (the same sliders as on the Weights page)", expanded=True):
        _sliders(model)
    try:
        ev = cached.evaluation(model_key, model, weights)
    except ANPError as err:
        st.error(str(err))
        return
    g, pos = _graph(model_key, model)
    fig = ef.ecosystem_figure(
        g,
        ev.composite.to_dict(),
        ranks=ev.ranks.to_dict(),
        model=model,
        positions=pos,
    )
    st.plotly_chart(fig, key="eco_chart", config={"displaylogo": False, "scrollZoom": False})
    weights = " · ".join(
        f"{model.label(c).removesuffix(' environment')} {w:.3f}" for c, w in ev.criterion_weights.items()
    )
    st.caption(
        f"Factor size (area) and colour: composite weight Σₖ vₖ Lₖ under the current criterion weights "
        f"({weights}). Outline colour: the factor's cluster."
    )


st.title("The cross-border e-commerce ecosystem")
st.markdown(
    "Paper 000 models the integration of cross-border e-commerce with characteristic industrial belts as a "
    "**business ecosystem** (Table 1, Figure 1): four **populations** of members, six **internal-factor** "
    "clusters that drive them, and the **external environment** that acts on the internal factors. In the ANP "
    "model (section 3.1) five environment factors are the control criteria and the 20 internal factors form "
    "the network; **natural geography** is left out of the control layer because it is immutable."
)
st.caption(
    ":material/info: The paper's figures did not survive in its text, so the diagram is drawn from Table 1 and "
    "section 2.2. The arrows are the relations stated in the text (hover an arrow's middle for its wording); "
    "grey lines are memberships. Hover a node for the paper's description."
)

live()

model = state.current_model()
with st.expander("Table 1: elements of the ecosystem model", expanded=False):
    st.dataframe(_table1(model), hide_index=True, key="eco_table1")
with st.expander("Relations drawn as arrows", expanded=False):
    st.dataframe(
        pd.DataFrame(
            [(model.label(r.source), model.label(r.target), r.label) for r in model.ecosystem.relations],
            columns=["From", "To", "Relation (paper 000, section 2.2)"],
        ),
        hide_index=True,
        key="eco_relations",
    )
