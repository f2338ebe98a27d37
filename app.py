"""ANP explorer: navigation frame, the sidebar shared by all pages, and the frame's notices.

The page scripts live in ``views/`` (a folder named ``pages`` would make
Streamlit run a deep-linked page alone, without this frame). The navigation is
one flat list: grouped sections render list items without a list parent,
which axe reports (docs/accessibility.md). Every script run is timed when
``ANP_RUN_TIMES`` is set (``make load``).
"""

import time

import streamlit as st

from dashboard import run_timing, server, sidebar, state, style, url_state

_started = time.perf_counter()
server.configure_process()

st.set_page_config(
    page_title="ANP explorer",
    page_icon=":material/hub:",
    layout="wide",
)
style.apply()  # a visible keyboard focus (dashboard/focus.css, docs/accessibility.md)
if "panel" in st.query_params:  # an expert's private link: the questionnaire alone, no other page
    st.navigation([st.Page("views/panel_expert.py", title="Questionnaire")], position="hidden").run()
    st.stop()
state.init()
url_state.apply_query_params()  # a shared link's weights, read once per session

page = st.navigation(
    [
        st.Page("views/start.py", title="Start here", icon=":material/home:", default=True),
        st.Page("views/weights.py", title="Weights", icon=":material/tune:"),
        st.Page("views/judgments.py", title="Judgments", icon=":material/compare_arrows:"),
        st.Page("views/sensitivity.py", title="Sensitivity", icon=":material/show_chart:"),
        st.Page("views/uncertainty.py", title="Uncertainty", icon=":material/casino:"),
        st.Page("views/scenarios.py", title="Scenarios", icon=":material/compare:"),
        st.Page("views/teach.py", title="ANP step by step", icon=":material/school:"),
        st.Page("views/supermatrix.py", title="Supermatrix", icon=":material/grid_on:"),
        st.Page("views/ecosystem.py", title="Ecosystem", icon=":material/hub:"),
        st.Page("views/model.py", title="Model", icon=":material/account_tree:"),
        st.Page("views/panel_facilitator.py", title="Expert panel", icon=":material/groups:"),
        st.Page("views/audit.py", title="Paper audit", icon=":material/fact_check:"),
    ]
)
with st.sidebar:
    sidebar.render()
sidebar.notices()  # why an ANP_MODEL file was not opened
page.run()
run_timing.record(page.url_path or "start", _started)
