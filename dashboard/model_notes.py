"""Sentences about a model that pages show: where its judgments come from, its criteria.

No Streamlit here. Everything returned is markdown with the model's text
escaped (:func:`dashboard.text.plain`); what a page shows about one study comes
from the model file's optional sections, never from code.
"""

from __future__ import annotations

from anp_core import Model
from dashboard.text import plain

__all__ = ["JUDGMENT_KINDS", "criterion_label", "judgments_notice", "outside_control_note"]

#: What each ``source.judgments`` value means, as the start of a sentence.
JUDGMENT_KINDS: dict[str, str] = {
    "reconstructed": "The judgments are **reconstructed** from published results, not elicited",
    "illustrative": "The judgments are **illustrative**: made up to show the method",
    "aggregated": "The judgments are an expert panel's **aggregate**",
    "unspecified": "The model file does not say where its judgments come from",
}


def judgments_notice(model: Model) -> str | None:
    """Return the notice shown wherever judgments are shown, or None for original judgments.

    Built from ``model.source`` (``judgments`` and ``notes``).

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
    head = JUDGMENT_KINDS.get(kind, JUDGMENT_KINDS["unspecified"])
    notes = model.source.notes if model.source is not None else ""
    return f"{head}." + (f" {plain(notes)}" if notes else "")


def criterion_label(model: Model, criterion: str) -> str:
    """Return a criterion's name (plain text), marked when it is outside the control layer."""
    label = model.label(criterion)
    if criterion not in model.control_criteria:
        label += " (outside the control layer)"
    return label


def outside_control_note(model: Model, criterion: str) -> str | None:
    """Return a markdown note for a criterion outside the control layer (None inside it)."""
    if criterion in model.control_criteria:
        return None
    crit = model.criterion_by_id[criterion]
    reason = f": {plain(crit.excluded_reason)}" if crit.excluded_reason else "."
    return (
        f"**{plain(crit.name)}** is outside the model's control layer{reason} It weighs nothing unless you "
        "switch it on as a criterion on the Weights page."
    )
