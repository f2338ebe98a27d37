"""ANP step by step: a small network with feedback, one step and one sentence per slide."""

from __future__ import annotations

import streamlit as st

from anp_core import ANPError
from dashboard import chart_ui, model_notes, state
from dashboard.teach import STEP_KEYS, build_step, feedback_criterion, teaching_model
from dashboard.text import current_language, gettext, plain

KEY_STEP = "teach_step"
KEY_SOURCE = "teach_source"
KEY_CRITERION = "teach_criterion"
N_STEPS = len(STEP_KEYS)

_ = gettext()
lang = current_language()
ss = st.session_state
if KEY_STEP not in ss:
    raw = st.query_params.get("step", "1")
    ss[KEY_STEP] = min(max(int(raw) - 1, 0), N_STEPS - 1) if raw.isdigit() else 0
ss.setdefault(KEY_SOURCE, "example")


def _go(delta: int) -> None:
    st.session_state[KEY_STEP] = min(max(st.session_state[KEY_STEP] + delta, 0), N_STEPS - 1)
    st.query_params["step"] = str(st.session_state[KEY_STEP] + 1)


st.title(_("ANP step by step"))
left, right = st.columns([3, 2])
with left:
    st.radio(
        _("Network"),
        options=["example", "current"],
        format_func=lambda v: (
            _("A small teaching example") if v == "example" else _("The model loaded in the dashboard")
        ),
        key=KEY_SOURCE,
        horizontal=True,
    )
model = teaching_model() if ss[KEY_SOURCE] == "example" else state.current_model()
criteria = list(model.networked_criteria)
if ss.get(KEY_CRITERION) not in criteria:
    ss[KEY_CRITERION] = feedback_criterion(model)
with right:
    st.selectbox(
        _("Control criterion"), criteria, format_func=lambda c: model.label(c, lang), key=KEY_CRITERION
    )

step = ss[KEY_STEP]
st.progress((step + 1) / N_STEPS, text=_("Step {i} of {n}").format(i=step + 1, n=N_STEPS))
# Back at the left, Next at the right, each as wide as its words (as shares of a row of columns
# they read "B." and "N." beside the sidebar at 900 px)
with st.container(horizontal=True, horizontal_alignment="distribute", key="teach_nav"):
    st.button(
        _("Back"),
        key="teach_back",
        icon=":material/arrow_back:",
        on_click=_go,
        args=(-1,),
        disabled=step == 0,
    )
    st.button(
        _("Next"),
        key="teach_next",
        icon=":material/arrow_forward:",
        icon_position="right",
        on_click=_go,
        args=(1,),
        disabled=step == N_STEPS - 1,
    )

try:
    s = build_step(model, step, ss[KEY_CRITERION], lang)
except ANPError as err:
    st.error(_("This step cannot be shown for this model: {error}").format(error=plain(err)))
    st.stop()

st.header(f"{step + 1}. {s.title}")
st.markdown(f"### {plain(s.sentence)}")
if s.detail:
    st.markdown(f"#### {plain(s.detail)}")
if s.figure is not None:
    st.plotly_chart(s.figure, key=f"teach_fig_{step}", config=chart_ui.CONFIG)
    if s.summary:
        chart_ui.summary(s.summary)
if s.table is not None:
    with st.expander(_("The numbers (table)")):
        st.dataframe(s.table)
if model.source is not None and model.source.judgments != "original":
    # another language gets the kind of judgments, and the notes where the model translates them
    st.caption(
        plain(model.source.notes or model.source.citation)
        if lang == "en"
        else model_notes.judgments_notice(model, lang) or ""
    )
