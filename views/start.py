"""Start here: the study in five sentences, what the tool adds, and a guided route per user."""

from __future__ import annotations

import streamlit as st

from anp_core import ANPError
from anp_core.report import build_brief, find_chromium, html_to_pdf, render_html
from dashboard import state, url_state
from dashboard.start import model_name, routes, study_sentences, tool_adds
from dashboard.text import current_language, gettext, plain

# A shared link to the app's root that carries weights (?w_political=...) opens the Weights page,
# as it did before the Start page existed, and so does a rejected one (its warning says why); only
# on a session's first run, because the other pages keep the current weights in the URL too.
if not st.session_state.get("start_seen"):
    st.session_state["start_seen"] = True
    link = any(k.startswith(url_state.PREFIX) or k == url_state.SCENARIO_PARAM for k in st.query_params)
    if link or st.session_state.get(url_state.URL_MESSAGE):
        st.switch_page("views/weights.py", query_params=st.query_params.to_dict())

_ = gettext()
lang = current_language()
model = state.current_model()

st.title(_("Start here"))
st.caption(plain(model_name(model, lang)))

st.subheader(_("The study in five sentences"))
try:
    sentences = study_sentences(model, lang)
except ANPError as err:  # a model that cannot be evaluated still gets a start page
    sentences = [
        plain(model.name),
        _("This model cannot be evaluated: {error}").format(error=plain(err)),
    ]
st.markdown("\n".join(f"{i}. {plain(s)}" for i, s in enumerate(sentences, start=1)))
if model.source is not None and model.source.citation:
    st.caption(_("Source: {citation}").format(citation=plain(model.source.citation)))

st.subheader(_("What this tool adds"))
st.markdown("\n".join(f"- {plain(s)}" for s in tool_adds(lang)))

st.subheader(_("Choose your route"))
# one bordered box per route in a row that wraps: each box is at least as wide as its page links (as
# thirds of a row of columns they were cut to "1. Scenar" beside the sidebar at 900 px)
route_row = st.container(horizontal=True, gap="medium")
for route in routes(lang):
    with route_row.container(border=True, width="stretch"):
        st.markdown(f"#### {plain(route.title)}")
        st.write(route.who)
        for i, step in enumerate(route.steps, start=1):
            st.page_link(step.page, label=f"{i}. {step.label}", icon=step.icon)
            st.caption(step.text)
        if route.note:
            st.caption(route.note)
        if route.key != "policy":
            continue
        weights = state.effective_weights()
        name = str(st.session_state.get(state.SCENARIO) or "")[:80]

        def _html(model=model, weights=weights, name=name, lang=lang) -> bytes:
            return render_html(build_brief(model, weights=weights, name=name or None), lang).encode("utf-8")

        st.download_button(
            _("Policy brief (HTML)"),
            data=_html,
            file_name=f"{model.id}_brief_{lang}.html",
            mime="text/html",
            on_click="ignore",
            icon=":material/description:",
            key="start_brief_html",
            width="stretch",
            help=_("A self-contained web page of the current weights: ranking, recommendations, robustness."),
        )
        if find_chromium() is not None:

            def _pdf(model=model, weights=weights, name=name, lang=lang) -> bytes:
                import tempfile
                from pathlib import Path

                html = render_html(build_brief(model, weights=weights, name=name or None), lang)
                with tempfile.TemporaryDirectory() as tmp:
                    out = Path(tmp) / "brief.pdf"
                    html_to_pdf(html, out)
                    return out.read_bytes()

            st.download_button(
                _("Policy brief (PDF)"),
                data=_pdf,
                file_name=f"{model.id}_brief_{lang}.pdf",
                mime="application/pdf",
                on_click="ignore",
                icon=":material/picture_as_pdf:",
                key="start_brief_pdf",
                width="stretch",
            )
        else:
            st.caption(
                _("The PDF needs Chromium on the server; print the HTML brief from your browser instead.")
            )
