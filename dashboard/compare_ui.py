"""The head-to-head section of the Scenarios page: two factors, or two scenarios, criterion by criterion.

Streamlit glue only: :func:`anp_core.compare.head_to_head` and
:func:`anp_core.compare.scenario_shift` compute, :mod:`dashboard.compare_view`
builds the tables and sentences, :mod:`dashboard.compare_figures` the charts.
Scenarios are compared as the page evaluates them
(:class:`dashboard.scenario_ui.Effective`: weights, and judgment overrides
where a scenario carries them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from anp_core import ANPError, evaluate
from anp_core.compare import head_to_head, scenario_shift
from dashboard import chart_summaries as ta
from dashboard import compare_figures, compare_view, state
from dashboard.scenario_ui import Effective
from dashboard.text import current_language, gettext, plain

__all__ = ["section"]


def _keep_pair(key_a: str, key_b: str, options: Sequence[str], defaults: Sequence[str]) -> None:
    """Make the two selectboxes hold two different options (the defaults when they do not)."""
    ss = st.session_state
    if ss.get(key_a) not in options:
        ss[key_a] = defaults[0]
    if ss.get(key_b) not in options or ss.get(key_b) == ss.get(key_a):
        ss[key_b] = next(o for o in [*defaults, *options] if o != ss[key_a])


def section(
    items: Mapping[str, Effective],
    focus: str,
    names: Mapping[str, str],
    cnames: Mapping[str, str],
    lang: str,
) -> None:
    """Draw the head-to-head section.

    Parameters
    ----------
    items : mapping
        Scenario id -> how the page evaluates it, for the scenarios compared.
    focus : str
        The scenario looked at (its weights and judgments judge two factors).
    names, cnames : mapping
        Factor and criterion names in the page's language.
    lang : str
        The page's language.
    """
    _ = gettext()
    fmt = ta.formats_for(lang)
    ss = st.session_state
    st.subheader(_("Head-to-head"))
    modes = {"factors": _("Two factors"), "scenarios": _("Two scenarios")}
    if ss.get(state.H2H_MODE) not in modes:
        ss[state.H2H_MODE] = "factors"
    mode = st.radio(
        _("Compare"),
        list(modes),
        format_func=modes.get,
        key=state.H2H_MODE,
        horizontal=True,
        persist_state="session",
    )
    if mode == "scenarios" and len(items) < 2:
        st.info(_("Choose at least two scenarios above to compare them."), icon=":material/info:")
        return
    if mode == "factors":
        _factors(items[focus], names, cnames, fmt)
    else:
        _scenarios(items, names, cnames, fmt)


def _factors(item: Effective, names: Mapping[str, str], cnames: Mapping[str, str], fmt: ta.Formats) -> None:
    _ = gettext()
    sc = item.scenario
    try:
        ev = evaluate(item.model, sc.criterion_weights, sc.overrides or None)
    except ANPError as err:
        st.error(plain(err))
        return
    ranked = list(ev.composite.sort_values(ascending=False, kind="stable").index)
    if len(ranked) < 2:
        st.info(_("This model ranks one factor: there is nothing to compare it with."))
        return
    _keep_pair(state.H2H_A, state.H2H_B, ranked, ranked[:2])
    c1, c2 = st.columns(2)
    a = c1.selectbox(_("Factor A"), ranked, format_func=names.get, key=state.H2H_A, persist_state="session")
    b = c2.selectbox(_("Factor B"), ranked, format_func=names.get, key=state.H2H_B, persist_state="session")
    if a == b:
        st.info(_("Choose two different factors."))
        return
    st.caption(
        _("Under the weights and judgments of **{scenario}**.").format(
            scenario=plain(sc.name_in(current_language()))
        )
    )
    duel = head_to_head(item.model, a, b, sc.criterion_weights, sc.overrides or None)
    st.plotly_chart(
        compare_figures.duel_bars(duel, names, cnames, _), key="h2h_duel", config={"displaylogo": False}
    )
    st.markdown(plain(compare_view.duel_sentence(duel, names, cnames, fmt=fmt, _=_)))
    st.caption(
        _(
            "A bar is the criterion's weight times the difference of the two factors' priorities under it; the bars "
            "add up to the difference of their composite weights. The break-even weight is the weight of that "
            "criterion at which the two would tie (the other criteria keeping their proportions)."
        )
    )
    with st.expander(_("The head-to-head as a table"), expanded=False):
        table = compare_view.duel_table(duel, names, cnames, _)
        num = st.column_config.NumberColumn(format="%.4f")
        st.dataframe(
            table,
            hide_index=True,
            key="h2h_duel_table",
            column_config={c: num for c in table.columns if c not in (_("Criterion"), _("Favours"))},
        )


def _scenarios(
    items: Mapping[str, Effective], names: Mapping[str, str], cnames: Mapping[str, str], fmt: ta.Formats
) -> None:
    _ = gettext()
    ids = list(items)
    _keep_pair(state.H2H_SA, state.H2H_SB, ids, ids[:2])
    label = {s: items[s].scenario.name_in(current_language()) for s in ids}
    c1, c2, c3 = st.columns(3)
    sa = c1.selectbox(_("Scenario A"), ids, format_func=label.get, key=state.H2H_SA, persist_state="session")
    sb = c2.selectbox(_("Scenario B"), ids, format_func=label.get, key=state.H2H_SB, persist_state="session")
    if sa == sb:
        st.info(_("Choose two different scenarios."))
        return
    ea, eb = items[sa], items[sb]
    if ea.model is not eb.model:
        st.info(
            _(
                "These two scenarios stand on different judgments that cannot be split into changes of the opened "
                "model (an override was removed, or the structure changed), so their effects cannot be told apart."
            )
        )
        return
    try:
        shift = scenario_shift(ea.model, ea.scenario, eb.scenario)
    except ANPError as err:
        st.error(plain(err))
        return
    order = list(shift.table().index)
    if st.session_state.get(state.H2H_FACTOR) not in order:
        st.session_state[state.H2H_FACTOR] = order[0]
    node = c3.selectbox(
        _("Factor"), order, format_func=names.get, key=state.H2H_FACTOR, persist_state="session"
    )
    name = names.get(node, node)
    labels = [cnames.get(c, c) for c in shift.criteria]
    i = shift.node_ids.index(node)
    st.plotly_chart(
        compare_figures.effect_bars(
            labels,
            shift.weight_effect[i],
            shift.judgment_effect[i],
            title=_("{factor}: from {a} to {b}, criterion by criterion").format(
                factor=name, a=label[sa], b=label[sb]
            ),
            axis=_("change of composite weight"),
            _=_,
        ),
        key="h2h_shift",
        config={"displaylogo": False},
    )
    st.markdown(plain(compare_view.drivers_sentence(shift, node, name, cnames, fmt=fmt, _=_)))
    st.caption(
        _(
            "Weight effect: what moving the criterion's weight from A's to B's did, with A's judgments; judgment "
            "effect: what B's judgment changes did under that criterion, with B's weights. The two add up to the "
            "factor's change exactly."
        )
    )
    num = st.column_config.NumberColumn(format="%.4f")
    with st.expander(_("This factor's drivers as a table")):
        drivers = compare_view.drivers_table(shift, node, cnames, _)
        st.dataframe(
            drivers,
            hide_index=True,
            key="h2h_drivers_table",
            column_config={c: num for c in drivers.columns if c != _("Criterion")},
        )
    with st.expander(_("Every factor from A to B")):
        every = compare_view.shift_table(shift, names, _)
        st.dataframe(
            every,
            hide_index=True,
            key="h2h_shift_table",
            column_config={
                c: num for c in every.columns if c not in (_("Factor"), _("Rank in A"), _("Rank in B"))
            },
        )
