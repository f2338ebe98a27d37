"""Supermatrix, step by step: U, C, W and the limit for one control criterion, of any model.

A model picker offers the current model and the example models
(``data/models/examples/*.json``), so a class can watch real feedback
converge; the texts come from ``dashboard.supermatrix_view``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from anp_core import ANPError
from anp_core.limit import power_residuals
from dashboard import cached, chart_ui, metric_row, model_notes, state
from dashboard import supermatrix_view as sv
from dashboard import teaching_figures as tf
from dashboard.text import current_language, gettext, model_name, name_of, plain

state.init()
_ = gettext()
lang = current_language()

N_POWERS = 30
CURRENT = "current"

st.title(_("Supermatrix, step by step"))
st.markdown(
    _(
        "Under one control criterion, ANP turns pairwise judgments into the **unweighted** supermatrix U, weighs "
        "its blocks by the **cluster matrix** C to get the **weighted** supermatrix W, and raises W to powers "
        "until it settles: the **limit** supermatrix, whose row sums give the nodes' priorities under that "
        "criterion."
    )
)

# ----- which model -----
ss = st.session_state
examples = {str(p): opened for p, opened in state.example_models()}
options = [CURRENT, *examples]
state.keep_choice(state.SM_MODEL, options)
current_name = model_name(state.current_model(), lang)


def _model_label(key: str) -> str:
    if key == CURRENT:
        return _("The model you are working on: {name}").format(name=current_name)
    opened = examples[key]
    return (
        _("Example: {name}").format(name=model_name(opened.model, lang))
        if opened.model is not None
        else _("Example: {name} (cannot be read)").format(name=opened.source)
    )


choice = st.selectbox(
    _("Model"),
    options,
    format_func=_model_label,
    key=state.SM_MODEL,
    persist_state="session",
    help=_(
        "The example models show feedback, cycles, sinks and several criteria; opening one here does not change "
        "the model you are working on."
    ),
)
if choice == CURRENT:
    model = state.current_model()
else:
    opened = examples[choice]
    if opened.model is None:
        st.error(
            _("**{file}** cannot be used:").format(file=plain(opened.source))
            + "\n\n"
            + "\n".join(f"- {plain(w)}: {plain(m)}" for w, m in opened.problems[:12])
        )
        st.stop()
    model = opened.model
    description = model.translations[lang].description if lang in model.translations else ""
    if description or model.description:
        st.caption(plain(description or model.description))
    st.button(
        _("Work on this model in the whole dashboard"),
        key="sm_open_example",
        icon=":material/open_in_new:",
        on_click=state.load_new_baseline,
        args=(model, opened.source),
        help=_("It replaces the model you are working on (the sidebar's Reset and Undo apply to it)."),
    )
notice = model_notes.judgments_notice(model, lang)
if notice:
    st.caption(":material/info: " + notice)

criteria = list(model.networked_criteria)
if not criteria:
    st.info(_("This model has no network: no criterion has a comparison of nodes."))
    st.stop()
state.keep_choice(state.SM_CRITERION, criteria)
left, right = st.columns([2, 1], vertical_alignment="bottom")
criterion = left.selectbox(
    _("Control criterion"),
    criteria,
    key=state.SM_CRITERION,
    format_func=lambda c: model_notes.criterion_label(model, c, lang),
    help=_("Each control criterion has its own network, supermatrices and limit."),
    persist_state="session",
)
show_values = right.toggle(_("Print values in the cells"), key=state.SM_VALUES, persist_state="session")

try:
    net = cached.network(model, criterion)
    residuals = power_residuals(net.weighted, N_POWERS)
except ANPError as err:
    st.error(plain(err))
    st.stop()

outside = model_notes.outside_control_note(model, criterion, lang)
if outside:
    st.info(outside)

frames = sv.localised_frames(net.frames(model), model, net, lang)
HEATMAP_WORDS = {
    "xaxis": _("column j: compared with respect to (from)"),
    "yaxis": _("row i (to)"),
    "row": _("row (to):"),
    "column": _("column (from):"),
    "value": _("value:"),
}
n = net.weighted.shape[0]
large = n > sv.HEATMAP_LIMIT
bounds = tf.block_boundaries([len(c.nodes) for c in model.clusters])
w_sums = net.weighted.sum(axis=0)


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(float_format="%.17g").encode("utf-8")


def _show(which: str, what: str, digits: int, blocks: bool = True) -> None:
    frame = frames[which]
    if large and which != "cluster":
        st.info(
            _(
                "A {n} × {n} matrix has too many cells to draw here: below are its cluster blocks (sums) and its "
                "largest cells; the whole matrix downloads as CSV."
            ).format(n=n),
            icon=":material/grid_off:",
        )
        sums = sv.block_sums(frame, model, net.node_ids, lang)
        chart_ui.chart(
            tf.supermatrix_heatmap(sums, show_values=show_values, digits=3, text=HEATMAP_WORDS),
            key=f"sm_chart_{which}",
            text=sv.heatmap_text(sums, lang),
            data=sums,
            what=_("{matrix}, cluster blocks").format(matrix=what),
            hide_index=False,
        )
        st.dataframe(
            sv.largest_cells(frame, lang=lang),
            hide_index=True,
            key=f"sm_top_{which}",
            column_config={_("Value"): st.column_config.NumberColumn(format="%.4f")},
        )
    else:
        chart_ui.chart(
            tf.supermatrix_heatmap(
                frame,
                boundaries=bounds if blocks else (),
                show_values=show_values,
                digits=digits,
                text=HEATMAP_WORDS,
            ),
            key=f"sm_chart_{which}",
            text=sv.heatmap_text(frame, lang),
            data=frame.round(6),
            what=what,
            hide_index=False,
        )
    st.download_button(
        _("Download {matrix} as CSV").format(matrix=what),
        data=lambda: _csv(frame),
        file_name=f"{model.id}_{criterion}_{which}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=f"sm_dl_{which}",
    )


tab_u, tab_c, tab_w, tab_l = st.tabs(
    [_("① Unweighted U"), _("② Cluster matrix C"), _("③ Weighted W"), _("④ Limit W^∞")]
)
with tab_u:
    st.markdown(
        _(
            "**What a column means.** Column *j* answers: *with respect to node j, how important is each node of "
            "each cluster?* Block (cluster I, column j) holds the priority vector of I's nodes from the pairwise "
            "matrix compared with respect to j (its principal eigenvector, summing to 1). Blank cells are pairs "
            "with no link. Each block sums to 1, so a column sums to the number of clusters it links to: here the "
            "column sums are {sums}, which is why U must be weighted before taking powers."
        ).format(sums=sv.column_sums_text(net))
    )
    _show("unweighted", _("unweighted supermatrix U"), 2)
with tab_c:
    st.markdown(
        _(
            "**The cluster matrix.** Column *J* holds the priorities of the clusters compared with respect to "
            "cluster J: how much the clusters matter to J. Each non-empty column sums to 1; a column cluster with "
            "links but no cluster comparison weighs its linked clusters equally."
        )
    )
    _show("cluster", _("cluster matrix C"), 3, blocks=False)
with tab_w:
    deviation = np.abs(w_sums[w_sums > 0] - 1).max(initial=0.0)
    st.markdown(
        _(
            "**Weighting.** W[i, j] = C[I, J] · U[i, j] for i in cluster I and j in cluster J, then each non-zero "
            "column is rescaled to sum 1 (a node may miss links its cluster has). **Why columns of W sum to 1:** "
            "column j is then a probability distribution, the share of j's influence that flows to each node. W "
            "is *column-stochastic*, like the transition matrix of a Markov chain, so its powers stay bounded and "
            "their limit is again a distribution. Here the largest deviation of a column sum from 1 is {deviation}."
        ).format(deviation=f"{deviation:.1e}")
        + (
            " "
            + _.ngettext(
                "{n} column is zero (a sink, see below).",
                "{n} columns are zero (sinks, see below).",
                len(net.limit.sinks),
            ).format(n=len(net.limit.sinks))
            if net.limit.sinks
            else ""
        )
    )
    _show("weighted", _("weighted supermatrix W"), 3)
with tab_l:
    st.markdown(
        _(
            "**The limit.** Wᵖ sums the influence along every path of length p; as p grows, the indirect "
            "influence through the whole network is accounted for. {rule} Restricted to the ranked nodes and "
            "normalised to sum 1, they are the **limit priorities** under this criterion."
        ).format(rule=sv.priority_rule_text(model, lang))
    )
    _show("limit", _("limit supermatrix"), 3)
    st.dataframe(
        sv.limit_priorities(model, net, lang),
        hide_index=True,
        key="sm_priorities",
        column_config={_("limit priority"): st.column_config.NumberColumn(format="%.4f")},
    )

st.subheader(_("How the powers converge"))
lim = net.limit
metric_row.metric_row(
    [
        (
            _("Diagnosis"),
            _(sv.DIAGNOSIS_NAMES[lim.diagnosis]) if lim.diagnosis in sv.DIAGNOSIS_NAMES else lim.diagnosis,
        ),
        (_("Period"), "—" if lim.period is None else str(lim.period)),
        (_("Iterations (matrix products)"), str(lim.iterations)),
        (
            _("Residual"),
            f"{lim.residual:.1e}",
            _("max |W·L − L| over the limit's columns (see `anp_core.limit`)."),
        ),
    ]
)
st.markdown(
    _(sv.DIAGNOSES[lim.diagnosis]) if lim.diagnosis in sv.DIAGNOSES else f"**{plain(lim.diagnosis)}**"
)
st.markdown(_("**Method used by `anp_core`:** {method}.").format(method=sv.method_text(lim.method, lang)))
sinks = sv.sink_text(model, net, lang)
if sinks:
    with st.container(key="sm_sinks"):
        st.warning(sinks, icon=":material/call_received:")
if len(lim.closed_classes) > 1:
    labels = [name_of(model, i, lang) for i in net.node_ids]
    st.markdown(
        "\n".join(
            "- "
            + _("closed class {k}: {names}").format(k=k, names=_(", ").join(plain(labels[i]) for i in cls))
            for k, cls in enumerate(lim.closed_classes, 1)
        )
    )

TOL = 1e-9
chart_ui.chart(
    tf.convergence_figure(
        residuals,
        tol=TOL,
        text={
            "power": _("power p"),
            "zero": _("exactly 0 (drawn at 1e-18)"),
            "zero_hover": _("difference exactly 0"),
            "machine": _("machine precision (2.2e-16): below it is rounding noise"),
            "tolerance": _("tolerance {tol}"),
            "yaxis": _("max |W^(p+1) − W^p| (log scale)"),
        },
    ),
    key="sm_chart_convergence",
    text=sv.convergence_text(residuals, TOL, lang),
    data=sv.convergence_table(residuals, lang),
    what=_("how the powers converge"),
    column_config={"max |W^(p+1) − W^p|": st.column_config.NumberColumn(format="%.3e")},
)
if sv.is_rank_one(net):
    judgments = model.source.judgments if model.source is not None else "unspecified"
    st.markdown(
        _(
            "**Why the curve is flat at rounding level from the first power.** Every column of W is the same "
            "vector p, i.e. W = p 1ᵀ. Since the entries of p sum to 1 (1ᵀp = 1), W² = p (1ᵀp) 1ᵀ = p 1ᵀ = W: the "
            "first power already *is* the limit, and the {n} columns of the limit are p itself. The differences "
            "shown are floating-point rounding (around 10⁻¹⁷), not convergence. It happens when every judgment is "
            "given with respect to the criterion as a whole, so every column is the same (no node-specific "
            "interdependence)."
        ).format(n=n)
        + (
            " " + _("So it is in this model, whose judgments were **reconstructed** from published weights.")
            if judgments == "reconstructed"
            else ""
        )
        + " "
        + _(
            "A network with node-level judgments (edit one on the Judgments page, or pick an example model "
            "above) has different columns, and the curve then decays gradually."
        )
    )
else:
    st.markdown(
        _(
            "**Reading the curve.** The columns of W differ, so the powers approach the limit gradually: for a "
            "primitive matrix the gap shrinks roughly geometrically (a straight line on this log scale, its slope "
            "set by the second-largest eigenvalue of W); a flat curve means the powers cycle (periodic) and the "
            "Cesàro average is used; with sinks the powers lose weight into them. `anp_core` does not rely on "
            "these powers: it solves for the limit directly; the curve is for understanding only."
        )
    )
