"""Sentences about a model that pages show: where its judgments come from, its criteria.

No Streamlit here. Everything returned is markdown with the model's text
escaped (:func:`dashboard.text.plain`); what a page shows about one study comes
from the model file's optional sections, never from code.
"""

from __future__ import annotations

from anp_core import Model
from anp_core.i18n import translator
from anp_core.model_schema import in_language
from dashboard.text import name_of, plain

__all__ = ["JUDGMENT_KINDS", "criterion_label", "judgments_notice", "outside_control_note"]

#: What each ``source.judgments`` value means, as the start of a sentence.
JUDGMENT_KINDS: dict[str, str] = {
    "reconstructed": "The judgments are **reconstructed** from published results, not elicited",
    "illustrative": "The judgments are **illustrative**: made up to show the method",
    "aggregated": "The judgments are an expert panel's **aggregate**",
    "unspecified": "The model file does not say where its judgments come from",
}


def judgments_notice(model: Model, lang: str = "en") -> str | None:
    """Return the notice shown wherever judgments are shown, or None for original judgments.

    Built from ``model.source`` (``judgments`` and ``notes``). In another
    language: the policy brief's translated sentence for the kind of
    judgments (``anp_core.report.html.JUDGMENT_SOURCES``); the model's notes
    have no translation in the model format, so they are left out there.

    Examples
    --------
    >>> from anp_core import load_model
    >>> judgments_notice(load_model("data/models/cbec_trade_war.json")).startswith(
    ...     "The judgments are **reconstructed**"
    ... )
    True
    """
    kind = model.source.judgments if model.source is not None else "unspecified"
    if kind == "original":
        return None
    if lang != "en":
        from anp_core.report.html import JUDGMENT_SOURCES

        head = translator(lang)(JUDGMENT_SOURCES.get(kind, JUDGMENT_SOURCES["unspecified"]))
        # the notes where the model translates them (an untranslated note is left out, not shown in English)
        notes = in_language(model.source, "notes", lang, fallback=False) if model.source is not None else ""
        return plain(head) + (f" {plain(notes)}" if notes else "")
    head = JUDGMENT_KINDS.get(kind, JUDGMENT_KINDS["unspecified"])
    notes = model.source.notes if model.source is not None else ""
    return f"{head}." + (f" {plain(notes)}" if notes else "")


def criterion_label(model: Model, criterion: str, lang: str = "en") -> str:
    """Return a criterion's name (plain text) in ``lang``, marked when it is outside the control layer."""
    _ = translator(lang)
    label = name_of(model, criterion, lang)
    if criterion not in model.control_criteria:
        label = _("{name} (outside the control layer)").format(name=label)
    return label


def outside_control_note(model: Model, criterion: str, lang: str = "en") -> str | None:
    """Return a markdown note for a criterion outside the control layer (None inside it)."""
    if criterion in model.control_criteria:
        return None
    _ = translator(lang)
    crit = model.criterion_by_id[criterion]
    name = plain(name_of(model, criterion, lang))
    head = (
        _("**{name}** is outside the model's control layer: {reason}").format(
            name=name, reason=plain(in_language(crit, "excluded_reason", lang))
        )
        if crit.excluded_reason
        else _("**{name}** is outside the model's control layer.").format(name=name)
    )
    return head + " " + _("It weighs nothing unless you switch it on as a criterion on the Weights page.")
