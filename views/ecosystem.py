"""Ecosystem page: the model's ecosystem (or network) diagram, sized by the current composite weights.

This page's sliders (keys ``eco_w_<criterion>``) mirror the shared
``w_<criterion>`` weights of the Weights page: both pages show and move the
same weights. A picker also offers the ecosystems of the bundled model files
(any file with an ``ecosystem`` section), each drawn with its own weights.
Factors a paper's difficulties name (``data/paper/difficulties_*.json``,
matched by node id) are starred. What is drawn comes from
``dashboard.ecosystem_view``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from anp_core import ANPError, Model
from dashboard import cached, chart_ui, difficulties, ecosystem_view, state
from dashboard.text import current_language, description_of, gettext, label_text, name_of, plain

state.init()  # idempotent
_ = gettext()
lang = current_language()
#: Session key of the diagram picker (``ecosystem_view.CURRENT`` or a model file's path).
ECO_DIAGRAM = "eco_diagram"


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
        ss[state.eco_weight_key(c)] = float(ss.get(state.weight_key(c), 0.0))
        col.slider(
            label_text(name_of(model, c, lang)),
            min_value=0.0,
            max_value=1.0,
            step=0.01,
            format="%.3f",
            key=state.eco_weight_key(c),
            on_change=_on_slide,
            args=(c,),
            help=plain(description_of(model, c, lang)) or None,
        )


def _draw(view: ecosystem_view.EcosystemView) -> None:
    chart_ui.chart(
        view.figure,
        key="eco_chart",
        text=view.text,
        data=view.data,
        what=_("the factors drawn"),
        column_config={_("Composite"): st.column_config.NumberColumn(format="%.4f")},
        config={**chart_ui.CONFIG, "scrollZoom": False},
    )
    st.caption(view.caption)


def _notes(model: Model) -> dict[str, str]:
    return difficulties.notes(
        difficulties.matching(difficulties.bundled().sets, model), lang=current_language()
    )


@st.fragment
def live() -> None:
    """Sliders and the current model's diagram (a slider move reruns only this block)."""
    model = state.current_model()
    with st.expander(_("Criterion weights (the same sliders as on the Weights page)"), expanded=True):
        _sliders()
    try:
        view = ecosystem_view.ecosystem_view(
            cached.evaluation(model, state.effective_weights()), notes=_notes(model), lang=current_language()
        )
    except ANPError as err:
        st.error(plain(err))
        return
    _draw(view)


title_slot = st.empty()  # the title comes first; it names the diagram the picker below chooses
current = state.current_model()
opened = [(p, state.open_file(p).model) for p in ecosystem_view.ecosystem_files()]
options = ecosystem_view.choices(current, opened, current_language())
by_key = {c.key: c for c in options}
state.keep_choice(ECO_DIAGRAM, list(by_key))
if len(options) > 1:
    st.selectbox(
        _("Diagram"),
        list(by_key),
        format_func=lambda k: by_key[k].label,
        key=ECO_DIAGRAM,
        help=_(
            "The current model's ecosystem (or network), or the ecosystem described by a bundled model or template; "
            "another model's diagram is drawn with that model's own weights."
        ),
    )
chosen = by_key[st.session_state[ECO_DIAGRAM]]
model = chosen.model
described = bool(model.ecosystem.populations)
title_slot.title(ecosystem_view.page_title(model, lang))
description = model.translations[lang].description if lang in model.translations else ""
if description or model.description:
    st.markdown(plain(description or model.description))
if not described:
    st.caption(
        ":material/info: "
        + _(
            "This model's file describes no ecosystem (an *ecosystem* section with populations and relations), so "
            "the diagram shows its clusters, nodes and links."
        )
    )

if chosen.key == ecosystem_view.CURRENT:
    live()
else:
    st.info(
        plain(
            _(
                "Drawn with this model's own criterion weights: it is not the model you are working on. Its "
                "criteria are the band at the top; its circles and their members are on the right."
            )
        ),
        icon=":material/info:",
    )
    st.button(
        _("Work on this model in the whole dashboard"),
        key="eco_open_model",
        icon=":material/open_in_new:",
        on_click=state.load_new_baseline,
        args=(model, Path(chosen.key).name),
        help=_("It replaces the model you are working on (the sidebar's Reset and Undo apply to it)."),
    )
    try:
        _draw(
            ecosystem_view.ecosystem_view(
                cached.evaluation(model), notes=_notes(model), lang=current_language()
            )
        )
    except ANPError as err:
        st.error(plain(err))

with st.expander(_("Elements of the model"), expanded=False):
    st.dataframe(ecosystem_view.elements_table(model, lang), hide_index=True, key="eco_table1")
relations = ecosystem_view.relations_table(model, lang)
if relations is not None:
    with st.expander(_("Relations drawn as arrows"), expanded=False):
        st.dataframe(relations, hide_index=True, key="eco_relations")
