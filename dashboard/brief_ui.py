"""The policy brief, one click from the Weights and Scenarios pages (HTML, and PDF when Chromium is there).

:func:`brief_request` (pure) decides what the brief is computed from: the
model as opened plus the judgment edits as a scenario's overrides whenever
they rebuild the current model exactly, so the brief's table "what the
judgment changes did on their own" (``anp_core.report``, from
``anp_core.compare.scenario_shift``) shows them; otherwise the current model
as it is. :func:`downloads` draws the buttons: their data are callables, run
only when clicked (``on_click="ignore"``: no rerun), so nothing is computed
on a slider move.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from anp_core import ANPError, Model, evaluate
from anp_core.report import build_brief, find_chromium, html_to_pdf, render_html
from anp_core.scenarios import Scenario
from dashboard.scenario_link import JudgmentDiff
from dashboard.text import gettext, plain

__all__ = ["BriefRequest", "brief_html", "brief_pdf", "brief_request", "current_brief", "downloads"]


@dataclass(frozen=True)
class BriefRequest:
    """What :func:`anp_core.report.build_brief` is called with: a model and weights or a scenario."""

    model: Model
    weights: Mapping[str, float] | None = None
    scenario: Scenario | None = None
    name: str | None = None

    def check(self) -> None:
        """Raise ANPError if the model cannot be evaluated under these weights and judgments."""
        if self.scenario is not None:
            evaluate(self.model, self.scenario.criterion_weights, self.scenario.overrides or None)
        else:
            evaluate(self.model, self.weights)


def brief_request(
    baseline: Model,
    current: Model,
    diff: JudgmentDiff,
    weights: Mapping[str, float],
    name: str,
    *,
    rationale: str = "",
) -> BriefRequest:
    """Return what the brief of the current weights and judgments is computed from.

    (A scenario of the Scenarios page is briefed as the page evaluates it:
    ``BriefRequest(effective.model, scenario=effective.scenario)``.)

    Parameters
    ----------
    baseline, current : Model
        The model as opened and the edited one.
    diff : JudgmentDiff
        Their judgment differences (:func:`dashboard.scenario_link.judgment_diff`).
    weights : mapping
        Criterion weights of the current state (ignored with ``scenario``).
    name : str
        What to call the weights.
    rationale : str
        Rationale written into the scenario built for judgment edits.

    Returns
    -------
    BriefRequest

    Examples
    --------
    >>> from anp_core import load_model
    >>> from dashboard.scenario_link import judgment_diff
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> key, (a, b) = m.comparisons[0].key, m.comparisons[0].elements[:2]
    >>> edited = m.with_judgment(key, a, b, 5.0)
    >>> r = brief_request(m, edited, judgment_diff(m, edited), {"policy": 1.0}, "Mine")
    >>> r.model is m, len(r.scenario.overrides), r.scenario.name
    (True, 1, 'Mine')
    """
    w = {c: float(v) for c, v in weights.items() if float(v) > 0}
    if diff.empty:
        return BriefRequest(baseline, weights=w, name=name or None)
    if diff.exact and diff.overrides:
        sc = Scenario(
            id="current",
            name=name or "Current weights",
            rationale=rationale,
            illustrative=True,
            criterion_weights=w,
            overrides=diff.overrides,
        )
        return BriefRequest(baseline, scenario=sc)
    return BriefRequest(current, weights=w, name=name or None)


def brief_html(request: BriefRequest, lang: str) -> bytes:
    """Return the brief as a self-contained HTML page (UTF-8)."""
    brief = build_brief(request.model, weights=request.weights, scenario=request.scenario, name=request.name)
    return render_html(brief, lang).encode("utf-8")


def brief_pdf(request: BriefRequest, lang: str) -> bytes:
    """Return the brief printed to PDF by headless Chromium (raises ANPError without a renderer)."""
    html = brief_html(request, lang).decode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "brief.pdf"
        html_to_pdf(html, out)
        return out.read_bytes()


def downloads(request: BriefRequest, *, key: str, file_stem: str, lang: str) -> None:
    """Draw the brief's download buttons (HTML, and PDF or a note saying why there is none).

    Parameters
    ----------
    request : BriefRequest
        From :func:`brief_request`; checked first, so a brief that cannot be
        computed shows the engine's message instead of buttons.
    key : str
        Prefix of the widget keys (``<key>_html``, ``<key>_pdf``).
    file_stem : str
        File name without the extension (the language is appended).
    lang : str
        Language of the brief (the page's).
    """
    _ = gettext()
    try:
        request.check()
    except ANPError as err:
        st.error(_("No brief for these weights: {error}").format(error=plain(err)))
        return
    c1, c2 = st.columns(2)
    c1.download_button(
        _("Policy brief (HTML)"),
        data=lambda: brief_html(request, lang),
        file_name=f"{file_stem}_{lang}.html",
        mime="text/html",
        on_click="ignore",
        icon=":material/description:",
        key=f"{key}_html",
        width="stretch",
        help=_(
            "A self-contained web page: the weights, the ranking and its changes, recommendations, robustness."
        ),
    )
    if find_chromium() is not None:
        c2.download_button(
            _("Policy brief (PDF)"),
            data=lambda: brief_pdf(request, lang),
            file_name=f"{file_stem}_{lang}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
            key=f"{key}_pdf",
            width="stretch",
            help=_("The same brief as a PDF, printed by headless Chromium on the server (a few seconds)."),
        )
    else:
        c2.caption(
            _(
                "No PDF here: the server has no Chromium to print it. Download the HTML brief and print it "
                "from your browser (File → Print → Save as PDF)."
            )
        )


def current_brief(key: str) -> None:
    """Draw the brief of the current weights and judgments: a heading, what it holds, the buttons."""
    from dashboard import state
    from dashboard.scenario_link import judgment_diff
    from dashboard.text import current_language

    _ = gettext()
    lang = current_language()
    base, model = state.baseline_model(), state.current_model()
    diff = judgment_diff(base, model)
    name = str(st.session_state.get(state.SCENARIO) or "")[:80]
    request = brief_request(
        base,
        model,
        diff,
        state.effective_weights(),
        name,
        rationale=_("The criterion weights and judgment edits of a dashboard session."),
    )
    st.subheader(_("Take it away: a policy brief"))
    text = _(
        "The current weights, the ranking and how it changed against the model's own weights, the top factors "
        "with the recommendations linked to them, how far each weight must move to change the top, and how "
        "stable the top is under judgment uncertainty."
    )
    if request.scenario is not None:
        text += " " + _.ngettext(
            "Your edit of {n} judgment matrix is in it, with what it did on its own.",
            "Your edits of {n} judgment matrices are in it, with what they did on their own.",
            len(request.scenario.overrides),
        ).format(n=len(request.scenario.overrides))
    elif not diff.empty:
        text += " " + _("It is computed on your edited judgments.")
    st.caption(text)
    downloads(request, key=key, file_stem=f"{model.id}_brief", lang=lang)
