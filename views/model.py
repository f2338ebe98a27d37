"""Model page: build or edit a model (criteria, clusters, nodes, links, judgments) as a draft, then use it.

The draft lives in ``st.session_state["wb_draft"]`` (``dashboard.workbench_state``);
every change is a pure, validated edit from ``anp_core.edit``/``edit_links`` run
in a callback, so undo and redo are stacks of immutable drafts. The problems
beside the network come from ``anp_core.draft_problems.diagnose``.
"""

import streamlit as st

from dashboard import state, workbench_judge, workbench_links, workbench_ui
from dashboard import workbench_state as wb
from dashboard.text import current_language, gettext, model_name
from dashboard.workbench_views import draft_labeller, plain

state.init()  # idempotent; the page also runs on its own (a direct URL, benchmarks)
wb.init()
ss = st.session_state
_ = gettext()

st.title(_("Model"))
workbench_links.consume_link_matrix()
d = wb.draft()
if d is None:
    st.caption(
        _(
            "Build your own ANP model: clusters and their nodes, the links that say what is compared with respect "
            "to what, and the judgments. It is a draft until it is complete; download it at any moment and open it "
            "again later. When it is complete, use it in the dashboard."
        )
    )
    workbench_ui.message()
    workbench_ui.start_panel()
    st.stop()

diag = wb.diagnosis()
st.caption(f"**{plain(model_name(d, current_language()))}** · {plain(str(ss.get(wb.SOURCE) or ''))}")
workbench_ui.toolbar(d, diag)
workbench_ui.message()
with st.expander(_("Start another model, open a template or a file")):
    workbench_ui.start_panel()

criteria = [c.id for c in d.criteria]
criterion = None
if criteria:
    ckey = wb.picker(wb.CRITERION, criteria, (list(d.networked_criteria) or criteria)[0])
    if len(criteria) > 1:
        st.selectbox(
            _("Network of criterion"),
            criteria,
            format_func=draft_labeller(d, current_language()),
            key=ckey,
            on_change=wb.remember,
            args=(wb.CRITERION, ckey),
            help=_("Each control criterion has its own network: its links, judgments and limit."),
        )
    criterion = ss[wb.CRITERION]

big = bool(ss.get("wb_big"))
if big:
    workbench_ui.network(d, criterion, plot_width=1000)
left, right = st.columns([0.56, 0.44], gap="large")
with left:
    section = st.segmented_control(
        _("Section"),
        wb.SECTIONS,
        format_func=lambda k: _(wb.SECTION_NAMES[k]),
        key=wb.SECTION,
        label_visibility="collapsed",
        selection_mode="single",
        required=True,  # clicking the open section again keeps it open (no state write after the widget)
    )
    if section is None:
        section = wb.SECTIONS[0]
    if section == "Structure":
        workbench_ui.structure(d)
    elif section == "Links":
        if criterion is None:
            st.info(_("Add a control criterion first (Structure): links belong to a criterion's network."))
        else:
            workbench_links.links(d, criterion)
    elif section == "Judgments":
        workbench_judge.judgments(d, diag)
    else:
        workbench_judge.results(d, diag, criterion)
with right:
    st.toggle(
        _("Large network view"), key="wb_big", help=_("Draw the network across the page, above the editor.")
    )
    if not big:
        workbench_ui.network(d, criterion)
    workbench_ui.problems(d, diag)
if section == "Links" and criterion is not None:
    workbench_links.link_matrix(d, criterion)  # page width: its columns show their full labels
