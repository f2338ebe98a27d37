"""What a draft's limit will do under each criterion, judged from its links alone.

:func:`placeholder_model` fills every missing judgment with 1 (the zero pattern of
each weighted supermatrix depends only on the links), and :func:`limit_problems`
reads the limit's diagnosis (primitive, periodic, reducible, sinks) from it.
"""

from __future__ import annotations

from collections.abc import Iterable

from anp_core.draft import (
    Draft,
    model_data,
)
from anp_core.draft_problems_base import Problem, Severity, said
from anp_core.errors import ANPError
from anp_core.i18n import N_
from anp_core.messages import Join, Message, Name, message
from anp_core.model_file import load_model
from anp_core.model_schema import Model

__all__ = ["limit_problems", "placeholder_model"]


def placeholder_model(draft: Draft) -> Model | None:
    """Return the draft's model with every missing judgment set to 1, or None if its structure is incomplete.

    The zero pattern of each weighted supermatrix depends only on the links
    (Harker and eigenvector priorities are positive), so this model's limit
    diagnosis (primitive, periodic, reducible, sinks) is the finished
    model's, whatever the judgments will be. Control criteria without a
    network are left out of the control layer.
    """
    if not draft.clusters or any(not c.nodes for c in draft.clusters):
        return None
    networked = set(draft.networked_criteria)
    cc = draft.criteria_comparison
    if cc is None:
        return None
    keep = [k for k, e in enumerate(cc.elements) if e in networked]
    if not keep:
        return None
    data = model_data(draft)
    ones = [[1.0 if x is None else x for x in row] for row in cc.matrix]
    data["criteria_comparison"] = {
        "elements": [cc.elements[k] for k in keep],
        "matrix": [[ones[a][b] for b in keep] for a in keep],
    }
    data["comparisons"] = [
        {**comp, "matrix": [[1.0 if x is None else x for x in row] for row in comp["matrix"]]}
        for comp in data["comparisons"]
    ]
    try:
        return load_model(data)
    except ANPError:
        return None


#: The sink conventions (``Settings.sinks``) as the problems name them.
_CONVENTIONS = {
    "calculus": N_("calculus"),
    "absorbing": N_("absorbing"),
    "hierarchy": N_("hierarchy formula"),
}


def _outlook(model: Model, c: str) -> tuple[Severity, Message, Message]:
    """Return what the limit of criterion ``c`` will do: severity, sentence (lower-case start), action."""
    from anp_core.evaluate import criterion_network

    try:
        lim = criterion_network(model, c).limit
    except ANPError as err:
        return (
            "warning",
            message(N_("the limit cannot be computed: {error}"), error=str(err)),
            message(N_("Change the links or the sink setting (Results).")),
        )
    ids = model.node_ids

    def names(indices: Iterable[int]) -> Join:
        return Join(tuple(Name(ids[i]) for i in indices))

    if lim.diagnosis == "primitive":
        return (
            "info",
            message(N_("the weighted supermatrix is primitive: its powers converge to one limit.")),
            message(N_("Nothing to do.")),
        )
    if lim.diagnosis == "periodic":
        return (
            "info",
            message(
                N_(
                    "the weighted supermatrix is periodic (period {period}): the links go round in cycles of "
                    "that length, so its powers cycle; the limit is their Cesàro average."
                ),
                period=int(lim.period or 0),
            ),
            message(
                N_(
                    "Nothing to do; a link inside a cluster (inner dependence) or one that shortens the cycles "
                    "makes it primitive."
                )
            ),
        )
    if lim.diagnosis == "reducible":
        closed = {i for cls in lim.closed_classes for i in cls}
        transient = [i for i in range(len(ids)) if i not in closed]
        groups = Join(tuple(names(cls) for cls in lim.closed_classes), N_("; "))
        if len(lim.closed_classes) > 1:
            text = message(
                N_(
                    "the weighted supermatrix is reducible: {n} groups of nodes never reach each other "
                    "({groups}), so the limit depends on where one starts"
                ),
                n=len(lim.closed_classes),
                groups=groups,
            )
        else:
            text = message(
                N_("the weighted supermatrix is reducible: once reached, {groups} never lead back"),
                groups=groups,
            )
        if transient:
            text = message(N_("{text}; {nodes} get 0 in the limit"), text=text, nodes=names(transient))
        return (
            "warning",
            message(N_("{text}."), text=text),
            message(N_("If those nodes influence the rest, link them back (Links).")),
        )
    return (
        "info",
        message(
            N_(
                "nodes {nodes} link to nothing (sinks); the limit follows the '{convention}' convention (Super "
                "Decisions' default is 'calculus': normalised powers, a sink's own column stays 0)."
            ),
            nodes=names(lim.sinks),
            convention=message(_CONVENTIONS.get(model.settings.sinks, model.settings.sinks)),
        ),
        message(
            N_(
                "Expected for alternatives at the bottom of a hierarchy; otherwise link them to what they influence."
            )
        ),
    )


def limit_problems(draft: Draft, model: Model) -> list[Problem]:
    """Return what the limit will do, one problem per outcome (criteria with the same outcome together)."""
    groups: dict[tuple[Severity, Message, Message], list[str]] = {}
    for c in model.networked_criteria:
        groups.setdefault(_outlook(model, c), []).append(c)
    out = []
    for (sev, text, action), crits in groups.items():
        if len(draft.criteria) == 1:
            msg = Message("{text}", (("text", text),), capitalise=True)
        else:
            names = Join(tuple(Name(c) for c in crits))
            every = len(crits) > 1 and len(crits) == len(model.networked_criteria)
            msg = message(
                N_("Under every criterion ({criteria}), {text}") if every else N_("Under {criteria}, {text}"),
                criteria=names,
                text=text,
            )
        out.append(
            said(
                draft, sev, "limit", "settings", msg, action, criterion=crits[0] if len(crits) == 1 else None
            )
        )
    return out
