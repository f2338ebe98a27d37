"""Supermatrix, step by step: U, C, W and the limit for one control criterion."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from anp_core import ANPError
from anp_core.limit import power_residuals
from dashboard import cached, state
from dashboard import teaching_figures as tf

N_POWERS = 30
KEY_CRITERION = "sm_criterion"
KEY_VALUES = "sm_show_values"

DIAGNOSES = {
    "primitive": (
        "**Primitive**: every node can reach every other node through the links "
        "(irreducible) and the cycles have no common period (aperiodic). The powers "
        "Wᵖ converge, and every column of the limit is the same *stationary vector* π "
        "with W π = π. anp_core finds π with one linear solve instead of waiting for "
        "the powers."
    ),
    "periodic": (
        "**Periodic (cyclic)**: every node reaches every other, but influence travels "
        "around cycles of a common length d, so the powers keep cycling and never "
        "settle. The limit is the Cesàro average of d consecutive powers, which equals "
        "the stationary vector; an oscillating power is never reported as the limit."
    ),
    "reducible": (
        "**Reducible**: some nodes cannot be reached from others. Each *closed class* "
        "(a set that influence never leaves) has its own stationary vector; the other "
        "(transient) columns are mixtures of them, weighted by the probability of "
        "ending up in each class."
    ),
    "sinks": (
        "**Sinks**: some columns are all zero (nodes that influence nothing, like the "
        "alternatives of a hierarchy). As Super Decisions does by default, the limit is "
        "that of the powers with every column renormalised to sum 1."
    ),
}


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(float_format="%.17g").encode("utf-8")


def _download(frame: pd.DataFrame, what: str, model_id: str, criterion: str) -> None:
    st.download_button(
        f"Download {what} as CSV",
        data=lambda: _csv_bytes(frame),
        file_name=f"{model_id}_{criterion}_{what.split()[0].lower()}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=f"sm_dl_{what.split()[0].lower()}",
    )


def _criterion_label(model, criterion: str) -> str:
    label = model.label(criterion)
    if criterion not in model.control_criteria:
        label += " (outside the paper's control layer)"
    return label


st.title("Supermatrix, step by step")
st.markdown(
    "Under one control criterion (an external-environment factor), ANP turns pairwise "
    "judgments into the **unweighted** supermatrix U, weighs its blocks by the **cluster "
    "matrix** C to get the **weighted** supermatrix W, and raises W to powers until it "
    "settles: the **limit** supermatrix, whose columns are the factors' priorities under "
    "that criterion (the paper's *conditional weights*, Table 2)."
)

model = state.current_model()
model_key = st.session_state[state.MODEL_KEY]
criteria = list(model.networked_criteria)
if st.session_state.get(KEY_CRITERION) not in criteria:
    st.session_state[KEY_CRITERION] = criteria[0]

left, right = st.columns([2, 1], vertical_alignment="bottom")
criterion = left.selectbox(
    "Control criterion",
    criteria,
    key=KEY_CRITERION,
    format_func=lambda c: _criterion_label(model, c),
    help="Each control criterion has its own network, supermatrices and limit.",
    persist_state="session",
)
st.session_state.setdefault(KEY_VALUES, True)
show_values = right.toggle("Print values in the cells", key=KEY_VALUES, persist_state="session")

try:
    net = cached.network(model_key, model, criterion)
    residuals = power_residuals(net.weighted, N_POWERS)
except ANPError as err:
    st.error(str(err))
    st.stop()

frames = net.frames(model)
sizes = [len(c.nodes) for c in model.clusters]
bounds = tf.block_boundaries(sizes)
W = net.weighted
lim = net.limit
n = W.shape[0]
rank_one = bool(np.allclose(W, W[:, :1], rtol=0, atol=1e-12))
u_sums = net.unweighted.sum(axis=0)
w_sums = W.sum(axis=0)

if criterion not in model.control_criteria:
    reason = model.criterion_by_id[criterion].excluded_reason
    st.info(
        f"**{model.label(criterion)}** is not in the paper's control layer"
        + (f": {reason}" if reason else ".")
        + " Its judgments here are placeholders, not from the paper."
    )

tab_u, tab_c, tab_w, tab_l = st.tabs(
    ["① Unweighted U", "② Cluster matrix C", "③ Weighted W", "④ Limit W^∞"],
)

with tab_u:
    linked = sorted({int(np.rint(s)) for s in u_sums})
    st.markdown(
        "**What a column means.** Column *j* answers: *with respect to factor j, how "
        "important is each factor of each cluster?* Block (cluster I, column j) holds "
        "the priority vector of I's factors from the pairwise matrix compared with "
        "respect to j (its principal eigenvector, summing to 1). Blank cells are pairs "
        "with no link. Each block sums to 1, so a column sums to the number of clusters "
        f"it links to: here the column sums are {', '.join(str(k) for k in linked)}, "
        "not 1, which is why U must be weighted before taking powers."
    )
    st.plotly_chart(
        tf.supermatrix_heatmap(frames["unweighted"], boundaries=bounds, show_values=show_values),
        key="sm_chart_unweighted",
        config={"displaylogo": False},
    )
    _download(frames["unweighted"], "unweighted supermatrix U", model.id, criterion)

with tab_c:
    st.markdown(
        "**The cluster matrix.** Column *J* holds the priorities of the clusters "
        "compared with respect to cluster J: how much the clusters matter to J. Each "
        "non-empty column sums to 1. In the reconstructed paper model these are the "
        "cluster sums of the published column, the same in every column."
    )
    st.plotly_chart(
        tf.supermatrix_heatmap(frames["cluster"], show_values=show_values, digits=3),
        key="sm_chart_cluster",
        config={"displaylogo": False},
    )
    _download(frames["cluster"], "cluster matrix C", model.id, criterion)

with tab_w:
    st.markdown(
        "**Weighting.** W[i, j] = C[I, J] · U[i, j] for i in cluster I and j in "
        "cluster J, then each non-zero column is rescaled to sum 1 (a factor may "
        "miss links its cluster has). **Why columns of W sum to 1:** column j is then "
        "a probability distribution, the share of j's influence that flows to each "
        "factor. W is *column-stochastic*, like the transition matrix of a Markov "
        "chain, so its powers stay bounded and their limit is again a distribution."
        f" Here the largest deviation of a column sum from 1 is "
        f"{np.abs(w_sums[w_sums > 0] - 1).max(initial=0.0):.1e}."
    )
    st.plotly_chart(
        tf.supermatrix_heatmap(frames["weighted"], boundaries=bounds, show_values=show_values, digits=3),
        key="sm_chart_weighted",
        config={"displaylogo": False},
    )
    _download(frames["weighted"], "weighted supermatrix W", model.id, criterion)

with tab_l:
    st.markdown(
        "**The limit.** Wᵖ sums the influence along every path of length p; as p "
        "grows, the indirect influence through the whole network is accounted for. "
        "The limit lim Wᵖ (or its Cesàro average when the powers cycle) has, for a "
        "connected network, identical columns: the long-run priorities. Restricted to "
        "the factors and normalised to sum 1, they are the **limit priorities** under "
        "this criterion, the paper's conditional weights."
    )
    st.plotly_chart(
        tf.supermatrix_heatmap(frames["limit"], boundaries=bounds, show_values=show_values, digits=3),
        key="sm_chart_limit",
        config={"displaylogo": False},
    )
    _download(frames["limit"], "limit supermatrix", model.id, criterion)
    prio = pd.DataFrame(
        {
            "factor": [model.label(f) for f in net.node_ids],
            "cluster": [model.label(model.cluster_of[f]) for f in net.node_ids],
            "limit priority": net.priorities,
        }
    ).sort_values("limit priority", ascending=False, kind="stable")
    st.dataframe(
        prio,
        hide_index=True,
        key="sm_priorities",
        column_config={"limit priority": st.column_config.NumberColumn(format="%.4f")},
    )

st.subheader("How the powers converge")
c1, c2, c3, c4 = st.columns(4)
c1.metric("Diagnosis", lim.diagnosis)
c2.metric("Period", "—" if lim.period is None else str(lim.period))
c3.metric("Iterations (matrix products)", str(lim.iterations))
c4.metric(
    "Residual", f"{lim.residual:.1e}", help="max |W·L − L| over the limit's columns (see anp_core.limit)."
)
st.markdown(DIAGNOSES.get(lim.diagnosis, f"**{lim.diagnosis}**"))
st.markdown(f"**Method used by anp_core:** {lim.method}.")
if len(lim.closed_classes) > 1 or lim.sinks:
    names = [model.label(i) for i in net.node_ids]
    for k, cls in enumerate(lim.closed_classes, 1):
        st.markdown(f"- closed class {k}: " + ", ".join(names[i] for i in cls))
    if lim.sinks:
        st.markdown("- sinks: " + ", ".join(names[i] for i in lim.sinks))

st.plotly_chart(
    tf.convergence_figure(residuals, tol=1e-9),
    key="sm_chart_convergence",
    config={"displaylogo": False},
)
if rank_one:
    st.markdown(
        f"**Why the curve is flat at rounding level from the first power.** Every column "
        f"of W is the same vector p, i.e. W = p 1ᵀ. Since the entries of p sum to 1 "
        f"(1ᵀp = 1), W² = p (1ᵀp) 1ᵀ = p 1ᵀ = W: the first power already *is* the limit, "
        f"and the {n} columns of the limit are p itself. The differences shown are "
        f"floating-point rounding (around 10⁻¹⁷), not convergence. This is a property of "
        f"the **reconstructed** paper model, not of ANP: the paper publishes only its "
        f"final weights, so every judgment was rebuilt from them and given with respect "
        f"to the criterion as a whole, which makes every column identical (no "
        f"factor-specific interdependence). A network with factor-level judgments "
        f"(edit one on the Judgments page) has different columns, and the curve then "
        f"decays gradually."
    )
else:
    st.markdown(
        "**Reading the curve.** The columns of W differ, so the powers approach the "
        "limit gradually: for a primitive matrix the gap shrinks roughly geometrically "
        "(a straight line on this log scale, its slope set by the second-largest "
        "eigenvalue of W); a flat curve means the powers cycle (periodic) and the "
        "Cesàro average is used. anp_core does not rely on these powers: it solves for "
        "the limit directly; the curve is for understanding only."
    )
