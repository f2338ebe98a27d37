"""The frame shared by every page: the sidebar (model, scenario, reset, undo, download, upload) and notices.

Drawn from ``app.py`` on every run, so its widgets stay stateful on every page.
Every change happens in a callback; a bad upload leaves the model untouched
and its problems are listed in an ``st.error`` (nothing is raised). Every
piece of outside text (model name, file names, problems) goes through
:func:`dashboard.text.plain`.
"""

from __future__ import annotations

import streamlit as st

from anp_core import ANPError, dump_model, load_any
from dashboard import model_source, state
from dashboard.text import plain


def problems_markdown(head: str, err: ANPError) -> str:
    """Return an engine error as markdown: ``head`` (already markdown), then one bullet per problem."""
    problems = model_source.error_problems(err)
    n = len(problems)
    lines = "\n".join(f"- {plain(line)}" for line in model_source.format_problems(problems))
    return f"{head}\n\n{n} problem{'s' if n != 1 else ''}:\n\n{lines}"


def _on_upload() -> None:
    ss = st.session_state
    key = state.uploader_key()
    file = ss.get(key)
    ss[state.UPLOAD_NONCE] += 1  # a fresh, empty uploader after every attempt
    if file is None:
        return
    name = str(getattr(file, "name", "upload"))
    try:
        model = load_any(file.getvalue(), name)
    except ANPError as err:
        ss[state.UPLOAD_ERROR] = problems_markdown(
            f"**{plain(name)}** was not loaded; the previous model is kept.", err
        )
        return
    ss[state.UPLOAD_ERROR] = None
    state.load_new_baseline(model, f"{name} (uploaded)")


def _dismiss_upload_error() -> None:
    st.session_state[state.UPLOAD_ERROR] = None


def _dismiss_model_error() -> None:
    st.session_state[state.MODEL_ERROR] = None


def notices() -> None:
    """Draw, at the top of the main area, why the ``ANP_MODEL`` file was not opened (until dismissed)."""
    error = st.session_state.get(state.MODEL_ERROR)
    if not error:
        return
    head, *lines = str(error).splitlines()
    with st.container(key="model_error_box"):
        st.error(
            f"**{plain(head)}** The bundled model is shown instead.\n\n"
            + "\n".join(f"- {plain(line)}" for line in lines),
            icon=":material/error:",
        )
        st.button("Dismiss", key="model_error_dismiss", on_click=_dismiss_model_error)


def render() -> None:
    """Draw the sidebar (call inside ``with st.sidebar``)."""
    ss = st.session_state
    model = state.current_model()
    st.markdown(f"**Model:** {plain(model.name)}")
    st.caption(f"Source: {plain(ss[state.MODEL_SOURCE])}")
    edits = len(ss[state.UNDO])
    if state.is_edited():
        st.caption(f":material/edit: judgments edited ({edits} edit{'s' if edits != 1 else ''} to undo)")
    st.text_input(
        "Scenario name",
        key=state.SCENARIO,
        max_chars=80,
        on_change=state.on_scenario_name,
        help="Names the current criterion weights; it becomes *Custom* when the sliders leave them.",
    )
    st.button(
        "Reset to the loaded model",
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
        "Upload a model (JSON, Super Decisions .sdmod or Excel .xlsx)",
        type=["json", "sdmod", "xlsx"],
        key=state.uploader_key(),
        on_change=_on_upload,
        help=(
            "A model in the project's JSON format (data/README.md), a Super Decisions .sdmod file or a workbook "
            "written by this tool; 5 MB at most. It is validated before use; a bad file changes nothing."
        ),
    )
    if ss.get(state.UPLOAD_ERROR):
        st.error(ss[state.UPLOAD_ERROR], icon=":material/error:")
        st.button("Dismiss", key="sb_dismiss", on_click=_dismiss_upload_error)
