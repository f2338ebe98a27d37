"""What the panel pages say after an offline workbook is read: answers saved, sheets complete or in progress.

No Streamlit here; matrix titles come in the interface's language
(:func:`dashboard.panel_views.matrix_title`) and go through :func:`plain`.
"""

from __future__ import annotations

from collections.abc import Sequence

from anp_core import Model
from anp_core.i18n import Translator
from dashboard.panel_text import EN
from dashboard.panel_views import matrix_title, plain
from panel.records import AssignmentState
from panel.workbook import WorkbookAnswers

__all__ = ["sheets_report"]


def sheets_report(
    got: WorkbookAnswers,
    assignments: Sequence[AssignmentState],
    model: Model | None = None,
    lang: str = "en",
    _: Translator = EN,
) -> str:
    """Return the markdown shown after a workbook is saved: each sheet's state.

    Sheets are listed as complete (by code), in progress (``answered of pairs``: saved
    as the online questionnaire saves answers, to be finished there or in a
    new workbook) or left blank (nothing changed for them).
    """
    specs = {a.matrix.key: a.matrix.spec for a in assignments}

    def name(sheet: str, key: str) -> str:
        spec = specs.get(key)
        return f"{sheet} ({plain(matrix_title(spec, model, lang, _))})" if spec is not None else sheet

    lines = []
    done = [s.sheet for s in got.sheets if s.complete]  # codes only: nothing left to do on them
    part = [
        _("{sheet}: {done} of {total} pairs answered").format(
            sheet=name(s.sheet, s.key), done=s.answered, total=s.pairs
        )
        for s in got.incomplete
    ]
    blank = [name(s.sheet, s.key) for s in got.sheets if s.answered == 0]
    if done:
        lines.append(_("**Complete**: {sheets}").format(sheets=_(", ").join(done)))
    if part:
        lines.append(
            _("**In progress** (saved; answer the remaining pairs here or in a new workbook):")
            + "\n"
            + "\n".join(f"- {p}" for p in part)
        )
    if blank:
        lines.append(_("**Left blank** (nothing changed): {sheets}").format(sheets=_(", ").join(blank)))
    return "\n\n".join(lines)
