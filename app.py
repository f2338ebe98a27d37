"""ANP explorer: navigation frame, the sidebar shared by all pages, and the frame's notices.

The page scripts live in ``views/`` (a folder named ``pages`` would make
Streamlit run a deep-linked page alone, without this frame). The navigation is
one flat list (titles in the interface language; the URL paths come from the
file names, the same in every language, so deep links keep working): grouped sections render list items without a list parent,
which axe reports (docs/accessibility.md). Every script run is timed when
``ANP_RUN_TIMES`` is set (``make load``).
"""

from pathlib import Path

import streamlit as st

from dashboard import run_timing, server, sidebar, state, style, url_state
from dashboard.text import gettext, keep_language_in_url

_started = run_timing.start()
server.configure_process()
_ = gettext()  # the session's language, else the link's ?lang=

st.set_page_config(
    page_title=_("ANP explorer"),
    page_icon=str(
        Path(__file__).resolve().with_name("dashboard") / "icon.png"
    ),  # a local file: nothing fetched
    layout="wide",
)
style.apply()  # a visible keyboard focus (dashboard/focus.css, docs/accessibility.md)
if "panel" in st.query_params:  # an expert's private link: the questionnaire alone, no other page
    st.navigation([st.Page("views/panel_expert.py", title=_("Questionnaire"))], position="hidden").run()
    st.stop()
keep_language_in_url()  # ?lang=zh survives page switches and follows the sidebar's switch
state.init()
url_state.apply_query_params()  # a shared link's weights, read once per session

page = st.navigation(
    [
        st.Page("views/start.py", title=_("Start here"), icon=":material/home:", default=True),
        st.Page("views/weights.py", title=_("Weights"), icon=":material/tune:"),
        st.Page("views/judgments.py", title=_("Judgments"), icon=":material/compare_arrows:"),
        st.Page("views/sensitivity.py", title=_("Sensitivity"), icon=":material/show_chart:"),
        st.Page("views/uncertainty.py", title=_("Uncertainty"), icon=":material/casino:"),
        st.Page("views/scenarios.py", title=_("Scenarios"), icon=":material/compare:"),
        st.Page("views/teach.py", title=_("ANP step by step"), icon=":material/school:"),
        st.Page("views/supermatrix.py", title=_("Supermatrix"), icon=":material/grid_on:"),
        st.Page("views/ecosystem.py", title=_("Ecosystem"), icon=":material/hub:"),
        st.Page("views/model.py", title=_("Model"), icon=":material/account_tree:"),
        st.Page("views/panel_facilitator.py", title=_("Expert panel"), icon=":material/groups:"),
        st.Page("views/audit.py", title=_("Paper audit"), icon=":material/fact_check:"),
    ]
)
with st.sidebar:
    sidebar.render()
sidebar.notices()  # why an ANP_MODEL file was not opened
page.run()
run_timing.record(page.url_path or "start", _started)
