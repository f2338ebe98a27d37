"""Sensitivity: how the factor ranking responds to one criterion's weight.

Computed exactly by ``anp_core.sensitivity`` (composite weights are linear in
one criterion's weight when the others keep their proportions), from the
current model and the sliders' weights. Figures come from
``dashboard.whatif_figures``; tables from ``dashboard.scenario_ui``.

Everything but the tornado depends only on the model's content, the weights
and the chosen criterion. What was built from them (lines, crossings, their
table and chart; the thresholds table) is kept in session state under those
keys, so moving the tornado's sliders recomputes and redraws the tornado
alone. A session memo rather than ``st.cache_data``: a cached function
defined in a page is re-decorated (its source read again) on every rerun, and
each hit unpickles a copy, which together cost more than the tornado.
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from anp_core import ANPError
from anp_core.sensitivity import crossings, end_ties, lines, top_change_thresholds, tornado
from dashboard import cached, figures, scenario_ui, state, whatif_figures


def kept(name: str, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """Return ``build()``, or what it returned last time in this session under the same ``key``.

    One value per ``name`` (the latest key). The value is shared between
    reruns, not copied: the page only reads it.
    """
    ss = st.session_state
    memo = ss.get(name)
    if memo is None or memo[0] != key:
        memo = (key, build())
        ss[name] = memo
    return memo[1]


state.init()  # idempotent

ss = st.session_state
model = state.current_model()
criteria = state.active_criteria()
names = {f: model.label(f) for f in model.node_ids}
crit_names = {c: model.label(c) for c in criteria}
cluster_names = {c.id: c.name for c in model.clusters}

st.title("Sensitivity to the criterion weights")
st.caption(
    "One criterion's weight moves from 0 to 1 while the others keep their proportions (as the Weights page "
    "sliders do). Each factor's composite weight is then a straight line in that weight, so the points where "
    "two factors swap places are computed exactly, not read off a grid. Starting point: the current sliders "
    "and judgments."
)

weights = state.effective_weights()
try:
    ev = cached.evaluation(ss[state.MODEL_KEY], model, weights)
except ANPError as err:
    st.error(str(err))
    st.stop()

eff = dict(zip(ev.criteria, ev.weights.tolist(), strict=True))
st.markdown(
    "**Current weights:** "
    + " · ".join(f"{crit_names.get(c, c)} {w:.3f}" for c, w in eff.items())
    + f" ({ss.get(state.SCENARIO) or 'unnamed scenario'})"
)

# ----- one criterion: lines and crossings -----
if ss.get("sens_criterion") not in criteria:
    ss["sens_criterion"] = "political" if "political" in criteria else criteria[0]
criterion = st.selectbox(
    "Criterion to move",
    criteria,
    format_func=lambda c: crit_names.get(c, c),
    key="sens_criterion",
    persist_state="session",
)
short = scenario_ui.short_criterion_name(crit_names.get(criterion, criterion))
# the model's content and the weights determine everything below but the tornado
key = (ss[state.MODEL_KEY], tuple(weights.items()))
# factors by composite weight, largest first (as composite.sort_values(ascending=False, kind="stable"))
order = np.argsort(-ev.composite_values, kind="stable")


def criterion_view() -> dict[str, Any]:
    """Return the lines, crossings (shown; ties at the ends), crossing table and chart of the criterion."""
    ln = lines(ev, criterion)
    shown = crossings(ev, criterion)
    top5 = [model.node_ids[i] for i in order[:5]]
    chart = whatif_figures.sensitivity_figure(
        ln,
        names,
        model.cluster_of,
        figures.cluster_colors(model),
        crossings=shown,
        criterion_label=short,
        cluster_names=cluster_names,
        highlight=top5,
    )
    return {
        "lines": ln,
        "shown": shown,
        "ties": end_ties(ev, criterion),
        "table": scenario_ui.crossing_table(shown, names, short, ln.current, top5),
        "chart": chart,
    }


view = kept("_sens_view", (*key, criterion), criterion_view)
ln, shown, ties, table = view["lines"], view["shown"], view["ties"], view["table"]
st.plotly_chart(view["chart"], key="sens_lines", config={"displaylogo": False})
st.caption(
    f"Thick lines: the current top 5. The dashed red line marks the current {short} weight "
    f"({ln.current:.3f}); each × is a crossing. Ranks elsewhere in the dashboard round the composite weights "
    "to 3 decimals, as the paper does, so two factors can share a rank a little before their lines cross."
)

st.subheader(f"Crossings along the {short} weight")
if table.empty:
    st.info(f"No two factors swap places anywhere between 0 and 1 of the {short} weight.")
else:
    below = [c for c in shown if c.t < ln.current]
    above = [c for c in shown if c.t > ln.current]
    nearest = []
    if below:
        c = below[-1]
        nearest.append(
            f"lowering it below **{c.t:.4f}** ({c.t - ln.current:+.4f}) puts {names[c.overtaken]} back above "
            f"{names[c.overtaker]}"
        )
    if above:
        c = above[0]
        nearest.append(
            f"raising it above **{c.t:.4f}** ({c.t - ln.current:+.4f}) puts {names[c.overtaker]} above "
            f"{names[c.overtaken]}"
        )
    st.markdown(
        f"**{len(table)} crossing{'s' if len(table) != 1 else ''}** between 0 and 1. Nearest to the current "
        f"weight ({ln.current:.3f}): " + "; ".join(nearest) + "."
    )
    with st.container(key="sens_sentences"):
        st.markdown("\n".join(f"- {s}" for s in table["What happens"]))
    with st.expander("The crossings as a table"):
        st.dataframe(
            table,
            hide_index=True,
            key="sens_crossings",
            column_order=["Weight", "Rises above", "Falls below", "Move", "Top factor involved"],
            column_config={
                "Weight": st.column_config.NumberColumn(f"{short.capitalize()} weight", format="%.4f"),
                "Move": st.column_config.NumberColumn("Move from current", format="%+.4f"),
                "Top factor involved": st.column_config.CheckboxColumn("Involves a current top-5 factor"),
            },
            height=35 * len(table) + 40,
        )
if ties:
    st.caption(
        "Equal at the end of the range (the two factors have the same priority under this criterion, so they "
        "only meet at weight 1, or at 0): "
        + "; ".join(f"{names[c.a]} and {names[c.b]} at {round(c.t):d}" for c in ties)
        + "."
    )

# ----- tornado -----
st.subheader("Tornado: every criterion moved a little")
ss.setdefault("sens_delta", 0.1)
ss.setdefault("sens_top_n", 5)
tc1, tc2 = st.columns([1, 1])
delta = tc1.select_slider(
    "Change of each criterion's weight (±X)",
    options=[0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3],
    key="sens_delta",
    persist_state="session",
    format_func=lambda x: f"±{x:.2f}",
)
n_top = tc2.slider("Top factors shown", min_value=1, max_value=10, key="sens_top_n", persist_state="session")
top_ids = [model.node_ids[i] for i in order[:n_top]]
tor = tornado(ev, delta, top_ids)
st.plotly_chart(
    whatif_figures.tornado_figure(tor, names, crit_names, delta, factors=top_ids),
    key="sens_tornado",
    config={"displaylogo": False},
)
st.caption(
    "Each criterion's weight is lowered and raised by X (clipped to 0 and 1) while the others keep their "
    "proportions; the bars show how much each top factor's composite weight changes."
)

# ----- thresholds -----
st.subheader("How far must a criterion move before the top changes?")


def threshold_view() -> pd.DataFrame:
    """Return the "how far before the top changes" table of every criterion."""
    frames = [top_change_thresholds(ev, c, tops=(1, 3, 5)) for c in ev.criteria]
    return scenario_ui.threshold_table(pd.concat(frames, ignore_index=True), crit_names)


thr = kept("_sens_thresholds", key, threshold_view)
fmt = {"Current weight": st.column_config.NumberColumn(format="%.4f")}
for k in (1, 3, 5):
    fmt[f"Top {k}: move"] = st.column_config.NumberColumn(
        f"Top {k}: move",
        format="%+.4f",
        help=f"Smallest change of this criterion's weight that changes which factors make the top {k} "
        "(negative: the weight must fall). Empty: no change anywhere between 0 and 1.",
    )
    fmt[f"Top {k}: at"] = st.column_config.NumberColumn(
        f"Top {k}: at", format="%.4f", help=f"The weight at which the top {k} changes."
    )
st.dataframe(thr, key="sens_thresholds", column_config=fmt)
st.caption(
    "*move*: the smallest change of the criterion's weight (the others keep their proportions) after which a "
    "different set of factors makes the top k; *at*: the weight where that happens. The set is what counts: a "
    "swap inside the top k does not change it."
)
