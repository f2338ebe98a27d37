"""Weights page: control-criterion sliders and the live factor ranking.

Moving one slider rescales the others proportionally (callback
``state.rescale_others``) so the weights always sum to 1; the sliders, charts,
rank table and top cards sit in one ``st.fragment`` so a slider move reruns
only that block. Slider values live in ``w_<criterion>`` keys, persist across
pages and are bound to the URL (``?w_policy=0.42``). What is drawn comes from
``weights_ui.weights_view``.
"""

import streamlit as st

from anp_core import ANPError
from anp_core.model_schema import in_language
from dashboard import (
    brief_ui,
    cached,
    chart_ui,
    difficulties,
    metric_row,
    model_notes,
    run_timing,
    state,
    weights_ui,
)
from dashboard.text import current_language, description_of, gettext, label_text, name_of, plain

state.init()  # idempotent; lets the page also run on its own (benchmarks)
_ = gettext()
lang = current_language()

model = state.current_model()
st.title(_("Criterion weights and the ranking"))
notice = model_notes.judgments_notice(model, lang)
try:
    published = weights_ui.published_note(model, cached.evaluation(model), lang) if model.published else None
except ANPError:
    published = None  # the live block below says what is wrong
if notice or published:
    st.caption(":material/info: " + " ".join(t for t in (notice, published) if t))
if model.published is not None:
    st.page_link(
        "views/audit.py",
        label=_("Compare with the published results (Paper audit)"),
        icon=":material/fact_check:",
    )


def _sliders() -> None:
    model = state.current_model()
    ss = st.session_state
    st.subheader(_("Control criteria"))
    st.caption(
        _(
            "Moving one slider rescales the others in proportion, so the weights always sum to 1. "
            "Ticks on the chart mark the loaded model's own weights."
        )
    )
    for c in state.active_criteria():
        st.slider(
            label_text(name_of(model, c, lang)),
            min_value=0.0,
            max_value=1.0,
            step=0.01,
            format="%.3f",
            key=state.weight_key(c),
            on_change=state.rescale_others,
            args=(c,),
            help=plain(description_of(model, c, lang)) or None,
            bind="query-params",
            persist_state="session",
        )
    for c in state.extra_criteria(model):
        crit = model.criterion_by_id[c]
        st.toggle(
            _("Add {name}").format(name=label_text(name_of(model, c, lang))),  # under "Control criteria"
            key=state.extra_key(c),
            on_change=state.on_extra_toggle,
            args=(c,),
            help=plain(in_language(crit, "excluded_reason", lang)) or _("Outside the model's control layer."),
            persist_state="session",
        )
        if ss.get(state.extra_key(c)):
            head = (
                _("**{name}** is not in the model's control layer: {reason}").format(
                    name=plain(name_of(model, c, lang)),
                    reason=plain(in_language(crit, "excluded_reason", lang)),
                )
                if crit.excluded_reason
                else _("**{name}** is not in the model's control layer.").format(
                    name=plain(name_of(model, c, lang))
                )
            )
            st.info(
                head + "\n\n" + _("It starts at weight 0; its judgments are on the Judgments page."),
                icon=":material/add_circle:",
            )
    total = sum(state.criterion_weights().values())
    st.markdown(weights_ui.effective_text(model, state.effective_weights(), total, lang))
    st.button(
        _("Reset the weights"),
        key="btn_reset_weights",
        icon=":material/restart_alt:",
        on_click=state.reset_weights,
        help=_(
            "Back to the model's own weights, on the sliders only: judgment edits are kept (use the sidebar "
            "to reset everything)."
        ),
    )


@st.fragment
def live() -> None:
    """Sliders, top cards, composite chart, rank table, cluster shares and the difficulties papers name."""
    with run_timing.fragment("weights (slider move)"):
        _live()


def _live() -> None:
    model = state.current_model()
    loaded = difficulties.bundled()
    try:
        view = weights_ui.weights_view(
            cached.evaluation(model, state.effective_weights()),
            cached.evaluation(state.baseline_model()),
            lang=current_language(),
            matches=difficulties.matching(loaded.sets, model),
        )
    except ANPError as err:
        st.error(plain(err))
        return
    st.subheader(view.cards_title)
    # one markdown element per card: st.metric's many styled parts cost the browser more to redraw per move
    metric_row.card_row([(card.markdown, card.help) for card in view.cards])
    # a slot that is always there: a note appearing above the sliders would shift them in the
    # page's element tree, and the browser would drop the keyboard focus of a slider just moved
    with st.container(key="w_cards_note"):
        if view.cards_note:
            st.caption(view.cards_note)
    # both rows of columns first, then the ranking: its new copy reaches the browser before
    # the charts' new data, so the table a user watches is painted first
    left, right = st.columns([0.32, 0.68], gap="large")
    t_col, s_col = st.columns([0.58, 0.42], gap="large")
    with t_col:
        st.subheader(_("Ranking"))
        st.caption(_("Change against the loaded model under its own weights."))
        st.dataframe(
            weights_ui.display_table(view.ranked, lang),
            hide_index=True,
            key="w_rank_table",
            column_config={
                _("Rank"): st.column_config.NumberColumn(width="small"),
                _("Change"): st.column_config.TextColumn(width="small", help=_("▲ up, ▼ down, – unchanged")),
                _("Factor"): st.column_config.TextColumn(width="medium"),
                _("Composite"): st.column_config.NumberColumn(format="%.4f"),
                _("Baseline"): st.column_config.NumberColumn(format="%.4f"),
                _("Δ weight"): st.column_config.NumberColumn(format="%+.4f"),
                _("Baseline rank"): st.column_config.NumberColumn(),
            },
            height=view.table_height,
        )
    with left:
        _sliders()
    with right:
        # its data is the ranking table below
        chart_ui.chart(view.bar, key="w_composite_chart", text=view.bar_text)
    with s_col:
        st.subheader(_("Cluster shares"))
        st.caption(
            _(
                "The share of the composite weight held by each cluster's factors; ticks mark the loaded model's shares."
            )
        )
        chart_ui.chart(
            view.shares_chart,
            key="w_shares_chart",
            text=view.shares_text,
            data=view.shares_table,
            what=_("cluster shares"),
            column_config={_("Share"): st.column_config.NumberColumn(format="%.4f")},
        )
    # ----- the policy brief of what is on the sliders (inside the fragment: a slider move updates it) -----
    with st.container(border=True, key="w_brief"):
        brief_ui.current_brief("w_brief")
    if view.difficulties is not None:
        _difficulties(view, loaded)
    elif loaded.problems:
        _problems(loaded)


def _problems(loaded: difficulties.Loaded) -> None:
    st.caption(
        ":material/warning: "
        + plain(
            _("Difficulties files that could not be read: {files}").format(
                files="; ".join(f"{name}: {problem}" for name, problem in loaded.problems)
            )
        )
    )


def _difficulties(view: weights_ui.WeightsView, loaded: difficulties.Loaded) -> None:
    table = view.difficulties
    assert table is not None
    st.subheader(_("Difficulties a paper names for these factors"))
    papers = sorted({s.citation for s in loaded.sets if s.citation})
    st.caption(
        plain(
            _(
                "{n} factors of this model are named in {k} difficulties ({sources}); they are marked beside "
                "their bars above, with their current rank here."
            ).format(n=table.iloc[:, 1].nunique(), k=table.iloc[:, 0].nunique(), sources="; ".join(papers))
        )
    )
    st.dataframe(
        table,
        hide_index=True,
        key="w_difficulties",
        column_config={
            table.columns[3]: st.column_config.NumberColumn(format="%.4f"),
            table.columns[5]: st.column_config.TextColumn(width="large"),
        },
    )
    if loaded.problems:
        _problems(loaded)


live()
