"""Model page session state: the draft, undo and redo, messages, and the callbacks that edit.

Keys (all in ``st.session_state``, all prefixed ``wb_``):

``wb_draft``          the :class:`anp_core.draft.Draft` being built (immutable), or absent
``wb_source``         where it came from (shown, and given to the dashboard with the model)
``wb_undo``, ``wb_redo``  lists of earlier / undone drafts (most recent last)
``wb_rev``            int bumped after every edit attempt, undo, redo and open: part of every
                      editing widget's key, so widgets are rebuilt from the draft and a
                      refused value never lingers (STYLE.md 3.5)
``wb_message``        ``(kind, text)`` left by the last action for the page to show once
``wb_diag``           memo ``(draft, ri_table, Diagnosis)`` so a rerun does not diagnose twice
``wb_upload_nonce``   int bumped after each upload attempt (a fresh, empty uploader)
``wb_section``, ``wb_criterion``, ``wb_comparison``, ``wb_link_from``  what the page shows
``wb_ri_table``       the random-index table of every CR on the page
``wb_edit_cluster``   the cluster the structure editor shows, in a large model

Every edit runs an :mod:`anp_core.edit` / :mod:`anp_core.edit_links`
operation in a widget callback: a refused edit leaves the draft as it was
and its reason in ``wb_message``. The dashboard's state is touched only
through :func:`dashboard.state.load_new_baseline` ("Use this model").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from anp_core import ANPError, ModelValidationError
from anp_core.draft import Draft, load_draft
from anp_core.draft_problems import Diagnosis, diagnose
from anp_core.edit import DraftEditError, Edit
from anp_core.formats import read_any
from anp_core.i18n import N_, translator
from anp_core.pairwise import DEFAULT_RI_TABLE, RI_TABLES
from dashboard import state
from dashboard.text import current_language, gettext, model_name
from dashboard.workbench_views import draft_labeller, plain

DRAFT = "wb_draft"
SOURCE = "wb_source"
UNDO = "wb_undo"
REDO = "wb_redo"
REV = "wb_rev"
MESSAGE = "wb_message"
DIAG = "wb_diag"
UPLOAD_NONCE = "wb_upload_nonce"
SECTION = "wb_section"
CRITERION = "wb_criterion"
COMPARISON = "wb_comparison"
LINK_FROM = "wb_link_from"
RI_TABLE = "wb_ri_table"
EDIT_CLUSTER = "wb_edit_cluster"
UNDO_LIMIT = 100

SECTIONS = ("Structure", "Links", "Judgments", "Results")
#: The sections' names as the page shows them (translated with ``_``).
SECTION_NAMES = {
    "Structure": N_("Structure"),
    "Links": N_("Links"),
    "Judgments": N_("Judgments"),
    "Results": N_("Results"),
}


def init() -> None:
    """Set every ``wb_`` key once per session (cheap on reruns)."""
    ss = st.session_state
    ss.setdefault(UNDO, [])
    ss.setdefault(REDO, [])
    ss.setdefault(REV, 0)
    ss.setdefault(UPLOAD_NONCE, 0)
    ss.setdefault(MESSAGE, None)
    ss.setdefault(SECTION, SECTIONS[0])
    ss.setdefault(RI_TABLE, DEFAULT_RI_TABLE)


def draft() -> Draft | None:
    """Return the draft being built, or None before one is started."""
    value = st.session_state.get(DRAFT)
    return value if isinstance(value, Draft) else None


def rev() -> int:
    """Return the widget-key revision (changes after every edit attempt)."""
    return int(st.session_state.get(REV, 0))


def ri_table() -> str:
    """Return the random-index table the Model page uses for CR (``wb_ri_table``; Super Decisions' by default)."""
    table = st.session_state.get(RI_TABLE, DEFAULT_RI_TABLE)
    return table if table in RI_TABLES else DEFAULT_RI_TABLE


def diagnosis() -> Diagnosis:
    """Return the current draft's diagnosis (computed once per draft and RI table)."""
    d = draft()
    assert d is not None
    table = ri_table()
    memo = st.session_state.get(DIAG)
    if memo is not None and memo[0] is d and memo[1] == table:
        return memo[2]  # type: ignore[no-any-return]
    result = diagnose(d, table)
    st.session_state[DIAG] = (d, table, result)
    return result


def say(kind: str, text: str, *, markdown: bool = False) -> None:
    """Leave a message for the page (``success``, ``info`` or ``error``).

    ``text`` is shown escaped (it holds names users typed) unless
    ``markdown`` says it was built from escaped pieces.
    """
    st.session_state[MESSAGE] = (kind, text if markdown else plain(text))


def _bump() -> None:
    st.session_state[REV] = rev() + 1


def _set(new: Draft, *, record: bool = True) -> None:
    ss = st.session_state
    old = draft()
    if record and old is not None:
        ss[UNDO] = [*ss[UNDO], old][-UNDO_LIMIT:]
        ss[REDO] = []
    ss[DRAFT] = new


def apply(op: Callable[..., Edit], *args: Any, **kwargs: Any) -> None:
    """Run ``op(draft, *args, **kwargs)`` in a callback; keep the new draft (undoable) or why it was refused."""
    d = draft()
    _bump()
    _ = gettext()
    if d is None:
        say("error", _("Start a model first."))
        return
    try:
        result = op(d, *args, **kwargs)
    except ANPError as err:
        say("error", _("Not changed: {error}").format(error=error_text(err, current_language(), d)))
        return
    said = edit_text(result, current_language(), d)
    if result.draft is d or result.draft == d:
        say("info", said)
        return
    _set(result.draft)
    say("success", said)


def edit_text(result: Edit, lang: str, before: Draft | None = None) -> str:
    """Return what an edit did in ``lang`` (names in ``lang`` too), or its English message if it has no text.

    ``before``: the draft the edit was made to, which names what the edit deleted.
    """
    if result.text is None:
        return result.message
    after = draft_labeller(result.draft, lang)
    if before is None:
        return result.text.render(translator(lang), after)
    old = draft_labeller(before, lang)
    known = result.draft.all_ids()
    return result.text.render(translator(lang), lambda i: after(i) if i in known else old(i))


def error_text(err: ANPError, lang: str, draft: Draft | None = None) -> str:
    """Return why an edit was refused in ``lang``: a :class:`DraftEditError`'s message translated, names in ``lang``.

    Other engine errors are shown as they are (English).
    """
    if not isinstance(err, DraftEditError):
        return str(err)
    label = draft_labeller(draft, lang) if draft is not None else str
    return err.text.render(translator(lang), label)


def apply_from(op: Callable[..., Edit], widget_key: str, *args: Any) -> None:
    """Run :func:`apply` with the widget's value as the last argument."""
    apply(op, *args, st.session_state.get(widget_key))


def open_draft(new: Draft, source: str, message: str) -> None:
    """Make ``new`` the draft (the previous one stays undoable)."""
    _set(new)
    st.session_state[SOURCE] = source
    _bump()
    say("success", message)


def undo() -> None:
    """Go back one edit."""
    ss = st.session_state
    if ss[UNDO]:
        *rest, last = ss[UNDO]
        ss[UNDO] = rest
        current = draft()
        if current is not None:
            ss[REDO] = [*ss[REDO], current]
        ss[DRAFT] = last
        _bump()
        _ = gettext()
        say("info", _("Undone."))


def redo() -> None:
    """Redo the last undone edit."""
    ss = st.session_state
    if ss[REDO]:
        *rest, last = ss[REDO]
        ss[REDO] = rest
        current = draft()
        if current is not None:
            ss[UNDO] = [*ss[UNDO], current][-UNDO_LIMIT:]
        ss[DRAFT] = last
        _bump()
        _ = gettext()
        say("info", _("Redone."))


def uploader_key() -> str:
    """Key of the current file uploader (new after each attempt)."""
    return f"wb_upload:{st.session_state.get(UPLOAD_NONCE, 0)}"


def _code(text: str) -> str:
    """Return ``text`` for a markdown code span (shown literally: no backslash escapes, no backtick, one line)."""
    return " ".join(text.replace("`", "'").splitlines())[:200]


def problems_text(err: ModelValidationError, limit: int = 12) -> str:
    """Return a refused file's problems as escaped markdown bullets."""
    _ = gettext()
    lang = current_language()
    translate = translator(lang) if lang != "en" else None
    lines = [
        f"- `{_code(path or '(root)')}`: {plain(err.problem_text(i, translate))}"
        for i, (path, _msg) in enumerate(err.problems[:limit])
    ]
    if len(err.problems) > limit:
        lines.append("- " + _("… and {n} more").format(n=len(err.problems) - limit))
    return "\n".join(lines)


def on_upload() -> None:
    """Open the uploaded draft or model (JSON, ``.sdmod`` or ``.xlsx``), or say what is wrong (nothing changes)."""
    ss = st.session_state
    key = uploader_key()
    file = ss.get(key)
    ss[UPLOAD_NONCE] = int(ss.get(UPLOAD_NONCE, 0)) + 1
    if file is None:
        return
    name = str(getattr(file, "name", "upload"))
    _ = gettext()
    refused = _("{file} was not opened; nothing changed.")
    try:
        # JSON (a draft or a model), Super Decisions .sdmod or .xlsx, read with the format's own checks
        new, problems = load_draft(read_any(file.getvalue(), name))
    except ModelValidationError as err:
        _bump()
        say("error", refused.format(file=plain(name)) + "\n\n" + problems_text(err), markdown=True)
        return
    except ANPError as err:
        _bump()
        say("error", refused.format(file=name) + f" {err}")
        return
    blocking = sum(1 for p in problems if p.severity == "blocking")
    tail = (
        _.ngettext(
            "{n} problem to solve before it is a model.",
            "{n} problems to solve before it is a model.",
            blocking,
        ).format(n=blocking)
        if blocking
        else _("It is a complete model.")
    )
    open_draft(
        new, _("{file} (uploaded)").format(file=name), _("Opened {file}.").format(file=name) + " " + tail
    )


def use_model() -> None:
    """Button callback: give the finished model to the dashboard (it becomes the loaded model)."""
    d = draft()
    if d is None:
        return
    _ = gettext()
    model = diagnosis().model
    if model is None:
        say("error", _("The model is not complete yet: solve the problems that block it first."))
        return
    source = str(st.session_state.get(SOURCE) or _("built on the Model page"))
    name = model_name(model, current_language())
    state.load_new_baseline(model, _("{name} (Model page: {source})").format(name=name, source=source))
    say("success", _("{name} is now the dashboard's model: every page shows it.").format(name=name))


def picker(store: str, options: list[Any], default: Any) -> str:
    """Return the key of a selectbox whose choice is kept in ``store``.

    The widget's key changes with ``wb_rev``, so its option labels (which
    show each matrix's status, or names that may be renamed) are rebuilt
    after every edit; the choice itself survives in ``store`` (kept by
    :func:`remember`, or set by :func:`show`).
    """
    ss = st.session_state
    if ss.get(store) not in options:
        ss[store] = default
    key = f"{store}:{rev()}"
    ss[key] = ss[store]
    return key


def remember(store: str, key: str) -> None:
    """Keep a :func:`picker` widget's choice (its on_change callback)."""
    st.session_state[store] = st.session_state.get(key)


def show(section: str, comparison: object = None) -> None:
    """Button callback: switch the page to ``section`` (and to a matrix on the Judgments section)."""
    st.session_state[SECTION] = section
    if comparison is not None:
        st.session_state[COMPARISON] = comparison
