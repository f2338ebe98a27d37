"""Callbacks of the Judgments page: every judgment edit, validated, into the session's model.

Each callback changes the model only through :meth:`anp_core.Model.with_judgment`
/ ``with_comparisons`` (validated) and :func:`dashboard.state.replace_model`;
a bad value leaves the model as it was and puts a message naming the cell in
``st.session_state[state.EDIT_MESSAGE]`` (markdown, escaped). Every attempt
bumps ``edit_nonce``, part of every judgment widget key
(:func:`editor_token`), so no rejected or stale value lingers in a widget.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from anp_core import ANPError, Comparison, load_model
from dashboard import state
from dashboard.figures import fmt_judgment
from dashboard.judgment_nav import Key, describe, starting_comparison
from dashboard.judgment_ui import MatrixRef, apply_matrix_edits
from dashboard.text import current_language, gettext, name_of, plain

__all__ = [
    "apply_editor",
    "apply_pair",
    "consume_editor",
    "create_comparison",
    "delete_override",
    "editor_token",
    "set_value",
    "slider_token",
]


#: Session key: how many edits the matrix editor itself applied (they leave its key as it is).
EDITOR_APPLIED = "j_editor_applied"


def editor_token() -> str:
    """Return the part of the matrix editor's (and the page's buttons') keys that changes after an edit.

    It combines ``model_rev`` (reset, undo, upload) and ``edit_nonce`` (every
    edit attempt) less the edits the editor applied itself: any other edit, and
    any refused one, rebuilds the editor from the model (no stale typed value
    lingers), while a cell the editor itself just applied leaves it in place, so
    it keeps keyboard focus (its pending value is then the model's own).
    """
    ss = st.session_state
    return f"{ss[state.MODEL_REV]}.{ss[state.EDIT_NONCE] - ss.get(EDITOR_APPLIED, 0)}"


def slider_token() -> str:
    """Return the part of the pair sliders' keys: ``model_rev`` only (reset, undo, upload).

    A pair slider keeps its key across edits, so the element keeps keyboard focus after
    an arrow key moved it (a new key is a new element: focus would fall back to the page).
    The page writes the model's value into a slider's state before drawing it whenever
    the two differ (an edit made elsewhere, or a rejected one), so no stale value lingers.
    """
    return str(st.session_state[state.MODEL_REV])


def _fail(text: str) -> None:
    ss = st.session_state
    ss[state.EDIT_MESSAGE] = ("error", text)
    ss[state.EDIT_NONCE] += 1


def _ok(text: str) -> None:
    st.session_state[state.EDIT_MESSAGE] = ("success", text)


def _set(key: Key, row: str, col: str, value: object) -> None:
    _ = gettext()
    model = state.current_model()
    cell = _("({row}, {col})").format(row=plain(name_of(model, row)), col=plain(name_of(model, col)))
    try:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            msg = _("the value is not a number")
            raise ANPError(msg)
        new = model.with_judgment(key, row, col, None if value is None else float(value))
    except ANPError as err:
        _fail(_("Judgment {cell} not changed. {reason}").format(cell=cell, reason=plain(err)))
        return
    state.replace_model(new)
    shown = _("not given") if value is None else fmt_judgment(float(value))  # type: ignore[arg-type]
    _ok(_("{cell} set to {value}.").format(cell=cell, value=shown))


def apply_pair(key: Key, row: str, col: str, widget_key: str) -> None:
    """Select-slider callback: set ``(row, col)`` to the slider's value."""
    _set(key, row, col, st.session_state.get(widget_key))


def set_value(key: Key, row: str, col: str, value: float) -> None:
    """Button callback: set one judgment to ``value`` (the consistency suggestion)."""
    _set(key, row, col, value)


def apply_editor(key: Key, widget_key: str) -> None:
    """Matrix-editor callback: validate the typed cells and apply them all, or none.

    Streamlit keeps a data editor's edits in ``st.session_state[widget_key]``
    (``edited_rows``); they are applied here, before the page runs, and the
    editor key then changes (``edit_nonce``), so the next editor is built from
    the model (STYLE.md 3.5).
    """
    ss = st.session_state
    pending = ss.get(widget_key)
    edited = pending.get("edited_rows") if isinstance(pending, Mapping) else None
    if not isinstance(edited, Mapping) or not edited:
        return
    _ = gettext()
    model = state.current_model()
    ref = MatrixRef.of(model, key, current_language())
    if ref is None:
        _fail(_("This comparison no longer exists; nothing was changed."))
        return
    new, problems = apply_matrix_edits(model, ref, edited, current_language())
    if problems or new is None:
        _fail(
            _("Matrix not changed; the previous judgments are kept.")
            + "\n\n"
            + "\n".join(f"- {plain(p)}" for p in problems)
        )
        return
    state.replace_model(new)
    ss[EDITOR_APPLIED] = ss.get(EDITOR_APPLIED, 0) + 1
    n = sum(len(c) for c in edited.values() if isinstance(c, Mapping))
    _ok(
        _.ngettext(
            "{n} judgment updated from the matrix.", "{n} judgments updated from the matrix.", n
        ).format(n=n)
    )


def consume_editor(key: Key) -> bool:
    """Apply edits left in the current matrix editor's state (call before the page builds its view).

    The editor's ``on_change`` callback normally applies them first; this
    catches state that reached the session without the callback (a test
    harness, or a message the frontend never sent as a change), so a
    crafted ``edited_rows`` is refused here and the editor is rebuilt under a
    new key, never handed to ``st.data_editor``. Returns whether there was
    anything to apply (the page then reruns, so the frame shows the result).
    """
    model = state.current_model()
    ref = MatrixRef.of(model, key)
    if ref is None:
        return False
    wkey = state.editor_key(ref.id, editor_token())
    pending = st.session_state.get(wkey)
    edited = pending.get("edited_rows") if isinstance(pending, Mapping) else None
    if not isinstance(edited, Mapping) or not edited:
        return False
    new, problems = apply_matrix_edits(model, ref, edited)
    if not problems and new is not None and new.fingerprint == model.fingerprint:
        return False  # already in the model: the editor's own callback applied them
    before = (st.session_state[state.MODEL_REV], st.session_state[state.EDIT_NONCE])
    apply_editor(key, wkey)
    return (st.session_state[state.MODEL_REV], st.session_state[state.EDIT_NONCE]) != before


def create_comparison(key: Key) -> None:
    """Button callback: add the comparison ``key`` (a copy of the one it overrides, or equal judgments)."""
    _ = gettext()
    model = state.current_model()
    what = plain(describe(model, key, current_language()))
    comp = starting_comparison(model, key)
    if comp is None:
        _fail(_("Nothing to compare for {what}.").format(what=what))
        return
    try:
        new = model.with_comparisons([comp])
    except ANPError as err:
        _fail(plain(err))
        return
    state.replace_model(new)
    _ok(_("Created: {what}.").format(what=what))


def delete_override(key: Key) -> None:
    """Button callback: remove the override ``key`` (the broader comparison applies again)."""
    model = state.current_model()
    data = model.model_dump(mode="python")
    data["comparisons"] = [c for c in data["comparisons"] if Comparison(**c).key != key]
    try:
        new = load_model(data)
    except ANPError as err:
        _fail(plain(err))
        return
    state.replace_model(new)
    _ok(gettext()("Removed: {what}.").format(what=plain(describe(model, key, current_language()))))
