"""ANP explorer: navigation frame, the sidebar shared by all pages, and the frame's notices."""

import streamlit as st

from dashboard import sidebar, state, url_state

st.set_page_config(
    page_title="ANP explorer",
    page_icon=":material/hub:",
    layout="wide",
)
if "panel" in st.query_params:  # an expert's private link: the questionnaire alone, no other page
    st.navigation([st.Page("pages/panel_expert.py", title="Questionnaire")], position="hidden").run()
    st.stop()
state.init()
url_state.apply_query_params()  # a shared link's weights, read once per session

page = st.navigation(
    {
        "Explore": [
            st.Page("pages/start.py", title="Start here", icon=":material/home:", default=True),
            st.Page(
                "pages/weights.py",
                title="Weights",
                icon=":material/tune:",
            ),
            st.Page(
                "pages/judgments.py",
                title="Judgments",
                icon=":material/compare_arrows:",
            ),
        ],
        "What if": [
            st.Page("pages/sensitivity.py", title="Sensitivity", icon=":material/show_chart:"),
            st.Page("pages/uncertainty.py", title="Uncertainty", icon=":material/casino:"),
            st.Page("pages/scenarios.py", title="Scenarios", icon=":material/compare:"),
        ],
        "Learn": [
            st.Page("pages/teach.py", title="ANP step by step", icon=":material/school:"),
            st.Page("pages/supermatrix.py", title="Supermatrix", icon=":material/grid_on:"),
            st.Page("pages/ecosystem.py", title="Ecosystem", icon=":material/hub:"),
        ],
        "Build": [st.Page("pages/model.py", title="Model", icon=":material/account_tree:")],
        "Panel": [st.Page("pages/panel_facilitator.py", title="Expert panel", icon=":material/groups:")],
        "Check": [
            st.Page("pages/audit.py", title="Paper audit", icon=":material/fact_check:"),
        ],
    }
)
with st.sidebar:
    sidebar.render()
sidebar.notices()  # why an ANP_MODEL file was not opened
page.run()
