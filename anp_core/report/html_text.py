"""The policy brief's fixed texts (marked for translation), its stylesheet and small HTML helpers.

:mod:`anp_core.report.html` writes the brief with these; it re-exports
``JUDGMENT_SOURCES`` (also read by the Start page and the judgment notices).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from types import SimpleNamespace

from anp_core.i18n import N_

__all__ = ["CSS", "JUDGMENT_SOURCES", "STRENGTHS", "TEXT", "VERDICTS", "T"]

#: Texts used inside f-strings (as ``_(T.key)``), marked here: Babel does not extract calls inside f-strings.
TEXT = {
    "policy_brief": N_("Policy brief"),
    "at_a_glance": N_("At a glance"),
    "the_scenario_and_its_weights": N_("The scenario and its weights"),
    "the_scenario_weights_are_illustrative": N_(
        "The scenario weights are illustrative choices, not results of the study."
    ),
    "the_ranking_and_how_it": N_("The ranking and how it changes"),
    "effect_of_the_changed_judgments": N_("Effect of the changed judgments"),
    "top_factors_and_what_the": N_("Top factors and what the study recommends"),
    "this_model_links_no_recommendations": N_("This model links no recommendations to its factors."),
    "name_value": N_("{name} ({value})"),
    "the_model_links_no_recommendation": N_("The model links no recommendation to this factor."),
    "link_evidence": N_("Link: {evidence}"),
    "quotations_are_the_source_text": N_("Quotations are the source text, in its original language."),
    "how_far_the_weights_must": N_("How far the weights must move to change the top"),
    "stability_of_the_top_factors": N_("Stability of the top factors under judgment uncertainty"),
    "about_the_judgments": N_("About the judgments"),
    "model": N_("Model"),
    "reproducibility": N_("Reproducibility"),
}

T = SimpleNamespace(**TEXT)

VERDICTS = {"stable": N_("stable"), "fairly stable": N_("fairly stable"), "uncertain": N_("uncertain")}
STRENGTHS = {"direct": N_("direct link"), "indirect": N_("indirect link")}
#: What ``source.judgments`` means, in one sentence (shared with the Start page).
JUDGMENT_SOURCES = {
    "original": N_("The judgments were elicited for this model."),
    "reconstructed": N_(
        "The judgments are reconstructed from the published results, so they reproduce the answer, "
        "not the experts' reasoning."
    ),
    "illustrative": N_("The judgments are illustrative, made up to show the method."),
    "aggregated": N_("The judgments aggregate an expert panel's."),
    "unspecified": N_("The model does not say where its judgments come from."),
}

CSS = """
@page { size: A4; margin: 15mm 14mm 17mm 14mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Liberation Sans", "Noto Sans CJK SC", "DejaVu Sans", Arial, sans-serif;
  font-size: 10pt; line-height: 1.45; color: #1f1f1f; margin: 0 auto; max-width: 190mm; padding: 0 4mm; }
html:lang(zh) body { font-family: "Noto Sans CJK SC", "Liberation Sans", "DejaVu Sans", sans-serif; }
header { border-bottom: 3px solid #0072B2; margin-bottom: 10px; padding-bottom: 6px; }
h1 { font-size: 20pt; margin: 8px 0 2px; color: #0b3d63; }
.subtitle { font-size: 12pt; margin: 0; }
.meta { color: #4a4a4a; font-size: 9pt; margin: 4px 0 0; }
h2 { font-size: 13pt; color: #0b3d63; margin: 16px 0 6px; border-bottom: 1px solid #c9d6e2;
  padding-bottom: 2px; break-after: avoid; }
h3 { font-size: 11pt; margin: 10px 0 4px; break-after: avoid; }
p { margin: 4px 0 6px; }
ul { margin: 4px 0 6px; padding-left: 18px; }
.glance { background: #eef4f9; border-left: 4px solid #0072B2; padding: 6px 10px; break-inside: avoid; }
.glance li { margin: 2px 0; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 4px 0 8px; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { text-align: left; background: #f1f3f5; border-bottom: 1px solid #9aa5b1; padding: 3px 5px; font-weight: bold; }
td { border-bottom: 1px solid #e1e4e8; padding: 2px 5px; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 6px 0 10px; break-inside: avoid; }
figcaption { font-size: 8.5pt; color: #4a4a4a; margin-top: 2px; }
.rec { margin: 2px 0 6px 0; padding-left: 8px; border-left: 2px solid #c9d6e2; break-inside: avoid; }
.quote { font-style: italic; }
.note { font-size: 9pt; color: #4a4a4a; }
section.keep { break-inside: avoid; }
.caveat { background: #fff6e5; border-left: 4px solid #E69F00; padding: 6px 10px; break-inside: avoid; }
footer { margin-top: 16px; border-top: 1px solid #9aa5b1; padding-top: 6px; font-size: 8.5pt; color: #3a3a3a;
  break-inside: avoid; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 0; }
footer dt { font-weight: bold; }
footer dd { margin: 0; overflow-wrap: anywhere; }
.up { color: #0061a0; } .down { color: #b34700; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _table(head: Sequence[tuple[str, bool]], rows: Sequence[Sequence[str]]) -> str:
    """``head``: (escaped title, numeric?); ``rows``: cells already escaped."""
    th = "".join(f'<th scope="col"{" class=num" if num else ""}>{t}</th>' for t, num in head)
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if head[i][1] else ''}>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _figure(svg_text: str, caption: str) -> str:
    return f"<figure>{svg_text}<figcaption>{_e(caption)}</figcaption></figure>"
