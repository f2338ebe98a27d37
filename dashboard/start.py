"""The Start page's content: the study in five sentences, what the tool adds, three guided routes.

Pure functions (no Streamlit): the sentences are built from the model (its
description, structure, weights, results and source), so another model gets
its own; the routes name the pages they link to by file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anp_core import Model, evaluate
from anp_core.i18n import translator
from anp_core.report.html import JUDGMENT_SOURCES

__all__ = ["JUDGMENT_SOURCES", "Route", "RouteStep", "model_name", "routes", "study_sentences", "tool_adds"]


@dataclass(frozen=True)
class RouteStep:
    """One stop of a route: a page (file path as registered in app.py) and what to do there."""

    page: str
    label: str
    icon: str
    text: str


@dataclass(frozen=True)
class Route:
    """A guided path for one kind of user."""

    key: str
    title: str
    who: str
    steps: tuple[RouteStep, ...]
    note: str = ""


def model_name(model: Model, lang: str = "en") -> str:
    """Return the model's name in ``lang`` where it has a translation."""
    tr = model.translations.get(lang)
    return tr.name if tr is not None and tr.name else model.name


def _first_sentence(text: str, limit: int = 320) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    m = re.search(r"(.+?[.。!?！？])(\s|$)", text)
    return m.group(1) if m and len(m.group(1)) <= limit else text[: limit - 1].rstrip() + "…"


def study_sentences(model: Model, lang: str = "en") -> list[str]:
    """Five plain sentences on the study, from the model's own data (plain text, not markdown).

    1. the model's description (in ``lang`` when translated) or its name;
    2. its structure (factors, clusters, control criteria);
    3. the criterion weights of its criteria comparison;
    4. the top factors and the heaviest cluster under those weights;
    5. where the judgments come from (``source.judgments``).
    """
    _ = translator(lang)
    tr = model.translations.get(lang)
    description = (tr.description if tr and tr.description else "") or model.description
    name = model_name(model, lang)
    s1 = (
        _first_sentence(description) if description else _("This model is called “{name}”.").format(name=name)
    )
    ev = evaluate(model)
    ranked = model.ranked_node_ids
    clusters = {model.cluster_of[n] for n in ranked}
    crit_names = _(", ").join(model.label(c, lang) for c in ev.criteria)
    n, k, m = len(ranked), len(clusters), len(ev.criteria)
    s2 = _(
        "It weighs {factors} in {clusters} under {control} ({criteria}) with the Analytic Network Process, "
        "which lets factors influence each other."
    ).format(
        factors=_.ngettext("{n} factor", "{n} factors", n).format(n=n),
        clusters=_.ngettext("{n} cluster", "{n} clusters", k).format(n=k),
        control=_.ngettext("{n} control criterion", "{n} control criteria", m).format(n=m),
        criteria=crit_names,
    )
    order = sorted(zip(ev.criteria, ev.weights, strict=True), key=lambda x: -x[1])
    weights = _(", ").join(f"{model.label(c, lang)} {translator(lang).number(w)}" for c, w in order)
    s3 = _("The model's own comparison of the criteria weighs them {weights}.").format(weights=weights)
    table = ev.table()
    top = _(", ").join(
        _("{name} ({value})").format(name=model.label(str(i), lang), value=translator(lang).number(v))
        for i, v in table["composite"].head(3).items()
    )
    cw = ev.cluster_weights
    heavy = str(cw.idxmax())
    s4 = _(
        "With these weights the top factors are {top}; the heaviest cluster is {cluster}, with {share} of the total weight."
    ).format(top=top, cluster=model.label(heavy, lang), share=translator(lang).percent(float(cw.max())))
    kind = model.source.judgments if model.source is not None else "unspecified"
    s5 = _(JUDGMENT_SOURCES[kind])
    return [s1, s2, s3, s4, s5]


def tool_adds(lang: str = "en") -> list[str]:
    """Return what this tool adds to the study (plain text)."""
    _ = translator(lang)
    return [
        _("Move the criterion weights or edit any judgment, and the whole ranking is recomputed at once."),
        _(
            "See where the ranking flips (exact crossing points), how stable it is when the judgments are "
            "uncertain (Monte Carlo) and across every admissible weighting (SMAA)."
        ),
        _("Take a policy brief away, as a web page or a PDF, in English or Chinese."),
    ]


def routes(lang: str = "en") -> tuple[Route, ...]:
    """Return the three guided routes: I make policy, I teach, I analyse."""
    _ = translator(lang)
    return (
        Route(
            key="policy",
            title=_("I make policy"),
            who=_("Pick or shape a scenario, see what rises and falls and why, and take a brief away."),
            steps=(
                RouteStep(
                    "views/scenarios.py",
                    _("Scenarios"),
                    ":material/compare:",
                    _("Pick a trade-war scenario, or put several side by side."),
                ),
                RouteStep(
                    "views/weights.py",
                    _("Weights"),
                    ":material/tune:",
                    _("Shape your own: move the criterion weights and watch the ranking respond."),
                ),
                RouteStep(
                    "views/sensitivity.py",
                    _("Sensitivity"),
                    ":material/show_chart:",
                    _("See why: where each factor overtakes another as one weight moves."),
                ),
            ),
            note=_("Then download the policy brief of the current weights below."),
        ),
        Route(
            key="teach",
            title=_("I teach"),
            who=_(
                "Show how ANP turns pairwise judgments into priorities, one step at a time, on a projector."
            ),
            steps=(
                RouteStep(
                    "views/teach.py",
                    _("ANP step by step"),
                    ":material/school:",
                    _("A small network with feedback, from one pairwise matrix to the final ranking."),
                ),
                RouteStep(
                    "views/supermatrix.py",
                    _("Supermatrix"),
                    ":material/grid_on:",
                    _("The same matrices for the real model, and how the powers converge."),
                ),
                RouteStep(
                    "views/judgments.py",
                    _("Judgments"),
                    ":material/compare_arrows:",
                    _(
                        "Let the class change a judgment and watch the consistency ratio and the ranking react."
                    ),
                ),
                RouteStep(
                    "views/ecosystem.py",
                    _("Ecosystem"),
                    ":material/hub:",
                    _("Place the factors in the study's business ecosystem."),
                ),
            ),
        ),
        Route(
            key="analyse",
            title=_("I analyse"),
            who=_("Question the result: which changes would reorder the factors, and how sure can we be?"),
            steps=(
                RouteStep(
                    "views/sensitivity.py",
                    _("Sensitivity"),
                    ":material/show_chart:",
                    _(
                        "Which weight changes reorder the factors: exact crossing points and top-k thresholds."
                    ),
                ),
                RouteStep(
                    "views/uncertainty.py",
                    _("Uncertainty"),
                    ":material/casino:",
                    _("How much judgment errors matter: Monte Carlo rank distributions and acceptability."),
                ),
                RouteStep(
                    "views/audit.py",
                    _("Paper audit"),
                    ":material/fact_check:",
                    _("Whether the model reproduces the published table, difference by difference."),
                ),
                RouteStep(
                    "views/judgments.py",
                    _("Judgments"),
                    ":material/compare_arrows:",
                    _("Which judgment is the most inconsistent, and what would repair it."),
                ),
            ),
            note=_(
                "On the command line: SMAA over every admissible weighting (`python -m anp_core smaa`) and "
                "head-to-head comparisons of two factors or two scenarios (`python -m anp_core compare`)."
            ),
        ),
    )
