"""The sidebar shared by every page: model, scenario, reset, undo, download, upload.

Drawn from ``app.py`` on every run, so its widgets stay stateful on every page.
Every change happens in a callback; a bad upload leaves the model untouched
and its problems are listed in an ``st.error`` (nothing is raised).
"""

from __future__ import annotations

import streamlit as st

from anp_core import ANPError, ModelValidationError, dump_model, load_model
from dashboard import state


def format_problems(err: ANPError) -> str:
    """Return an error as markdown: a head line and one bullet per problem."""
    if isinstance(err, ModelValidationError) and err.problems:
        n = len(err.problems)
        shown = err.problems[:12]
        lines = [f"- `{path or '(root)'}`: {msg}" for path, msg in shown]
        if n > len(shown):
            lines.append(f"- … and {n - len(shown)} more")
        return f"Invalid model ({n} problem{'s' if n != 1 else ''}):\n\n" + "\n".join(lines)
    return str(err)


def uploader_key() -> str:
    """Key of the current file uploader (changes after each upload attempt)."""
    return f"upload:{st.session_state[state.UPLOAD_NONCE]}"


def _on_upload() -> None:
    ss = st.session_state
    key = uploader_key()
    file = ss.get(key)
    ss[state.UPLOAD_NONCE] += 1  # a fresh, empty uploader after every attempt
    if file is None:
        return
    name = getattr(file, "name", "upload")
    try:
        model = load_model(file.getvalue())
    except ANPError as err:
        ss[state.UPLOAD_ERROR] = (
            f"**{name}** was not loaded; the previous model is kept.\n\n" + format_problems(err)
        )
        return
    ss[state.UPLOAD_ERROR] = None
    state.load_new_baseline(model, f"{name} (uploaded)")


def _dismiss_upload_error() -> None:
    st.session_state[state.UPLOAD_ERROR] = None


def render() -> None:
    """Draw the sidebar (call inside ``with st.sidebar``)."""
    ss = st.session_state
    model = state.current_model()
    st.markdown(f"**Model:** {model.name}")
    st.caption(f"Source: {ss[state.MODEL_SOURCE]}")
    edits = len(ss[state.UNDO])
    if model is not ss[state.BASELINE] and state.model_hash(model) != state.model_hash(ss[state.BASELINE]):
        st.caption(f":material/edit: judgments edited ({edits} edit{'s' if edits != 1 else ''} to undo)")
    st.text_input("Scenario name", key=state.SCENARIO, max_chars=80)

    paper = ss[state.BASELINE].id == "cbec_trade_war"
    st.button(
        "Reset to the paper" if paper else "Reset to the loaded model",
        key="sb_reset",
        icon=":material/restart_alt:",
        on_click=state.reset_to_baseline,
        help="Drop every judgment edit and put the criterion weights back to the loaded model's own.",
        width="stretch",
    )
    st.button(
        f"Undo ({edits})" if edits else "Undo",
        key="sb_undo",
        icon=":material/undo:",
        on_click=state.undo,
        disabled=edits == 0,
        help="Undo the last judgment edit.",
        width="stretch",
    )

    st.download_button(
        "Download model (JSON)",
        data=lambda: dump_model(model),
        file_name=f"{model.id}.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key="sb_download",
        width="stretch",
    )
    st.file_uploader(
        "Upload a model (JSON)",
        type=["json"],
        key=uploader_key(),
        on_change=_on_upload,
        help="A model file in the project's format (data/README.md). It is validated before use.",
    )
    if ss.get(state.UPLOAD_ERROR):
        st.error(ss[state.UPLOAD_ERROR], icon=":material/error:")
        st.button("Dismiss", key="sb_dismiss", on_click=_dismiss_upload_error)
