"""Sensitivity: how the factor ranking responds to one criterion's weight.

Computed exactly by ``anp_core.sensitivity`` (composite weights are linear in
one criterion's weight when the others keep their proportions), from the
current model and the sliders' weights; anp_core caches the evaluation, so a
rerun recomputes only what changed. What is drawn comes from
``dashboard.sensitivity_view``.
"""

import streamlit as st

from anp_core import ANPError
from dashboard import cached, chart_ui, run_timing, sensitivity_view, state
from dashboard.text import current_language, gettext, name_of, plain

state.init()  # idempotent
_ = gettext()
lang = current_language()

ss = st.session_state
model = state.current_model()

st.title(_("Sensitivity to the criterion weights"))
st.caption(
    _(
        "One criterion's weight moves from 0 to 1 while the others keep their proportions (as the Weights page "
        "sliders do). Each factor's composite weight is then a straight line in that weight, so the points "
        "where two factors swap places are computed exactly, not read off a grid. Starting point: the current "
        "sliders and judgments."
    )
)
try:
    ev = cached.evaluation(model, state.effective_weights())
except ANPError as err:
    st.error(plain(err))
    st.stop()
st.markdown(sensitivity_view.current_weights_text(ev, str(ss.get(state.SCENARIO) or ""), lang))
if (alone := sensitivity_view.single_criterion_text(ev, lang)) is not None:
    st.info(alone, icon=":material/info:")
    st.stop()

# ----- one criterion: lines and crossings -----
criteria = list(ev.criteria)
state.keep_choice(state.SENS_CRITERION, criteria)
criterion = st.selectbox(
    _("Criterion to move"),
    criteria,
    format_func=lambda c: name_of(model, c, lang),
    key=state.SENS_CRITERION,
    persist_state="session",
)
view = sensitivity_view.criterion_view(ev, criterion, lang=lang)
chart_ui.chart(
    view.chart,
    key="sens_lines",
    text=view.chart_text,
    data=view.chart_data,
    what=_("the lines"),
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
    with st.expander(_("The crossings as a table"), icon=":material/table:"):
        st.dataframe(
            view.table,
            hide_index=True,
            key="sens_crossings",
            column_order=[
                _("Weight"),
                _("Rises above"),
                _("Falls below"),
                _("Move"),
                _("Top factor involved"),
            ],
            column_config={
                _("Weight"): st.column_config.NumberColumn(
                    _("{criterion} weight").format(criterion=view.short), format="%.4f"
                ),
                _("Move"): st.column_config.NumberColumn(_("Move from current"), format="%+.4f"),
                _("Top factor involved"): st.column_config.CheckboxColumn(
                    _("Involves a current top-{k} factor").format(k=view.top)
                ),
            },
            height=min(35 * view.table.num_rows + 40, 800),
        )
else:
    st.info(view.summary)
if view.ties_text:
    st.caption(view.ties_text)


# ----- tornado (a fragment: moving its sliders reruns only this block) -----
@st.fragment
def tornado_block() -> None:
    """Draw the ±X and top-n sliders and the tornado chart."""
    with run_timing.fragment("sensitivity (tornado move)"):
        _tornado()


def _tornado() -> None:
    ev = cached.evaluation(state.current_model(), state.effective_weights())
    st.subheader(_("Tornado: every criterion moved a little"))
    tc1, tc2 = st.columns([1, 1])
    delta = tc1.select_slider(
        _("Change of each criterion's weight (±X)"),
        options=list(sensitivity_view.DELTAS),
        key=state.SENS_DELTA,
        persist_state="session",
        format_func=lambda x: f"±{x:.2f}",
    )
    most = min(10, len(ev.model.ranked_node_ids))
    if most > 1:
        if not 1 <= int(ss[state.SENS_TOP_N]) <= most:  # a smaller model than the last one
            ss[state.SENS_TOP_N] = min(max(int(ss[state.SENS_TOP_N]), 1), most)
        n_top = tc2.slider(
            _("Top factors shown"), min_value=1, max_value=most, key=state.SENS_TOP_N, persist_state="session"
        )
    else:
        n_top = 1
    tv = sensitivity_view.tornado_view(ev, delta, n_top, current_language())
    chart_ui.chart(
        tv.chart,
        key="sens_tornado",
        text=tv.text,
        data=tv.data,
        what=_("the tornado"),
        # composite and swing as they are, the two changes with their sign (as the chart's axis)
        column_config={
            c: st.column_config.NumberColumn(format="%+.4f" if c in tv.signed else "%.4f")
            for c in tv.data.column_names[2:]
        },
    )
    st.caption(
        _(
            "Each criterion's weight is lowered and raised by X (clipped to 0 and 1) while the others keep their "
            "proportions; the bars show how much each top factor's composite weight changes."
        )
    )


tornado_block()

# ----- thresholds -----
st.subheader(_("How far must a criterion move before the top changes?"))
columns = sensitivity_view.threshold_columns(lang)
fmt = {
    _("Criterion"): st.column_config.TextColumn(pinned=True),
    columns["Current weight"]: st.column_config.NumberColumn(format="%.4f"),
}
for k in sensitivity_view.threshold_tops(ev):
    fmt[columns[f"Top {k}: move"]] = st.column_config.NumberColumn(
        columns[f"Top {k}: move"],
        format="%+.4f",
        help=_(
            "Smallest change of this criterion's weight that changes which factors make the top {k} (negative: "
            "the weight must fall). A dash (–): the top {k} stays the same for any weight between 0 and 1."
        ).format(k=k),
    )
    fmt[columns[f"Top {k}: at"]] = st.column_config.NumberColumn(
        columns[f"Top {k}: at"], format="%.4f", help=_("The weight at which the top {k} changes.").format(k=k)
    )
thresholds = sensitivity_view.threshold_view(ev, lang)
if thresholds is None:
    st.info(
        _(
            "With {n} factors the thresholds are not computed: they are read off the crossings of every pair "
            "of factors, which are too many here."
        ).format(n=len(model.ranked_node_ids))
    )
    st.stop()
st.dataframe(thresholds, key="sens_thresholds", column_config=fmt, placeholder="–")
st.caption(
    _(
        "*move*: the smallest change of the criterion's weight (the others keep their proportions) after which "
        "a different set of factors makes the top k; *at*: the weight where that happens. The set is what "
        "counts: a swap inside the top k does not change it. A dash (–): no weight between 0 and 1 changes the "
        "top k."
    )
)
