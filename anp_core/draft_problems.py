"""What a draft still needs, and what its limit will do: the Model page's list of problems.

:func:`diagnose` lists, each with what to do about it: what blocks the draft
from being a model (no criterion or cluster, a cluster without nodes, a
control criterion without a network, judgments that leave a matrix
unconnected, with the smallest set of pairs still needed from
:func:`anp_core.pairwise.pairs_to_connect`); then warnings (judgments still
missing but estimable by Harker's method, clusters nothing links to, nodes
nothing reaches, cluster comparisons out of step with the links, every
matrix over CR 0.10 sorted model-wide with its best single repair from
:meth:`~anp_core.pairwise.PairwiseMatrix.repair_suggestions`); then what the
limit will do under each criterion (primitive, periodic, reducible, sinks),
from :func:`anp_core.evaluate.criterion_network`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from anp_core.draft import (
    CRITERIA_KEY,
    Draft,
    Matrix,
    cluster_targets,
    describe,
    describe_message,
    effective_links,
    model_data,
)
from anp_core.errors import ANPError, InvalidJudgmentError, ModelValidationError
from anp_core.i18n import N_
from anp_core.messages import Arg, Join, Message, Name, message, verbatim
from anp_core.model_file import load_model
from anp_core.model_schema import ComparisonKey, Model
from anp_core.pairwise import (
    CR_THRESHOLD,
    DEFAULT_RI_TABLE,
    RepairSuggestion,
    pairs_to_connect,
    validated_matrix,
)

__all__ = ["Diagnosis", "Problem", "Severity", "diagnose", "placeholder_model", "structure_problems"]

Severity = Literal["blocking", "warning", "info"]
_SEVERITY_ORDER = {"blocking": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Problem:
    """One thing a draft still needs, or worth knowing, with what to do about it.

    Attributes
    ----------
    severity : {"blocking", "warning", "info"}
        ``blocking`` problems keep :func:`to_model` from building a model;
        warnings (missing but estimable judgments, unlinked clusters,
        CR > 0.10, a reducible limit) and infos (what the limit will do) do not.
    code : str
        Kind of problem: ``no_criteria``, ``no_control``, ``no_clusters``,
        ``empty_cluster``, ``no_network``, ``disconnected``, ``missing``,
        ``unlinked_cluster``, ``unreached_node``, ``cluster_comparison``,
        ``inconsistent``, ``unused``, ``limit``, ``invalid``.
    where : str
        The JSON path of what is concerned (``comparisons[2]``).
    message : str
        What is wrong, with names (English; ``text`` translates).
    action : str
        What to do about it (English; ``todo`` translates).
    key : tuple or None
        The comparison concerned (:data:`CRITERIA_KEY` for the criteria comparison).
    criterion : str or None
        The criterion concerned.
    pairs : tuple of (str, str)
        For ``disconnected``: a smallest set of pairs (ids) still to judge.
    cr : float or None
        For ``inconsistent``: the matrix's consistency ratio.
    repair : RepairSuggestion or None
        For ``inconsistent``: the single judgment change that lowers CR most.
    text, todo : Message or None
        ``message`` and ``action`` as translatable messages (names by id):
        ``text.render(_, label)`` shows them in the interface's language.
    """

    severity: Severity
    code: str
    where: str
    message: str
    action: str
    key: ComparisonKey | None = None
    criterion: str | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    cr: float | None = None
    repair: RepairSuggestion | None = None
    text: Message | None = None
    todo: Message | None = None


@dataclass(frozen=True)
class Diagnosis:
    """Every problem of a draft, blocking first, and the finished model when nothing blocks."""

    problems: tuple[Problem, ...]
    model: Model | None

    @property
    def blocking(self) -> tuple[Problem, ...]:
        """Problems that keep the draft from being a model."""
        return tuple(p for p in self.problems if p.severity == "blocking")

    @property
    def complete(self) -> bool:
        """Whether the draft is a valid model."""
        return self.model is not None


# --------------------------------------------------------------------------
# diagnosis


def _said(
    draft: Draft,
    severity: Severity,
    code: str,
    where: str,
    text: Message,
    todo: Message,
    **details: object,
) -> Problem:
    """Return a problem whose message and action are ``text`` and ``todo`` (kept, and rendered in English)."""
    return Problem(
        severity,
        code,
        where,
        text.render(label=draft.label),
        todo.render(label=draft.label),
        text=text,
        todo=todo,
        **details,  # type: ignore[arg-type]
    )


def _path_of(draft: Draft, key: ComparisonKey) -> str:
    if key == CRITERIA_KEY:
        return "criteria_comparison"
    for i, c in enumerate(draft.comparisons):
        if c.key == key:
            return f"comparisons[{i}]"
    return "comparisons"


def _matrices(draft: Draft) -> list[tuple[ComparisonKey, tuple[str, ...], Matrix]]:
    out: list[tuple[ComparisonKey, tuple[str, ...], Matrix]] = []
    cc = draft.criteria_comparison
    if cc is not None:
        out.append((CRITERIA_KEY, cc.elements, cc.matrix))
    out += [(c.key, c.elements, c.matrix) for c in draft.comparisons]
    return out


def _judgment_problems(draft: Draft) -> list[Problem]:
    out = []
    for key, elements, matrix in _matrices(draft):
        n = len(elements)
        given = np.array([[x is not None for x in row] for row in matrix], dtype=bool)
        missing = int((~given).sum()) // 2
        if not missing:
            continue
        title = describe_message(draft, key)
        total = n * (n - 1) // 2
        need = pairs_to_connect(given)
        crit = None if key == CRITERIA_KEY else key[0]
        if need:
            pairs = tuple((elements[a], elements[b]) for a, b in need)
            shown = Join(tuple(message(N_("({a}, {b})"), a=Name(a), b=Name(b)) for a, b in pairs))
            out.append(
                _said(
                    draft,
                    "blocking",
                    "disconnected",
                    _path_of(draft, key),
                    message(
                        N_(
                            "{title}: {missing} of {total} judgments still missing, and the given ones do not "
                            "connect every element, so its priorities are undetermined."
                        ),
                        title=title,
                        missing=missing,
                        total=total,
                    ),
                    message(
                        N_("Judge at least 1 more pair: {pairs}.")
                        if len(pairs) == 1
                        else N_("Judge at least {n} more pairs: {pairs}."),
                        n=len(pairs),
                        pairs=shown,
                    ),
                    key=key,
                    criterion=crit,
                    pairs=pairs,
                )
            )
        else:
            out.append(
                _said(
                    draft,
                    "warning",
                    "missing",
                    _path_of(draft, key),
                    message(
                        N_(
                            "{title}: {missing} of {total} judgments still missing; its priorities are estimated "
                            "from the others (Harker's method)."
                        ),
                        title=title,
                        missing=missing,
                        total=total,
                    ),
                    message(N_("Judge the remaining pairs, or keep the estimate.")),
                    key=key,
                    criterion=crit,
                )
            )
    return out


def structure_problems(draft: Draft) -> list[Problem]:
    """Blocking problems of structure and judgments (cheap: no eigenvector, no limit)."""
    out = []
    if not draft.criteria:
        out.append(
            _said(
                draft,
                "blocking",
                "no_criteria",
                "criteria",
                message(
                    N_("The model has no criterion yet: every network is built under a control criterion.")
                ),
                message(N_("Add a criterion (Structure), e.g. the goal of the decision.")),
            )
        )
    elif not draft.control_criteria:
        out.append(
            _said(
                draft,
                "blocking",
                "no_control",
                "criteria_comparison",
                message(N_("No criterion is in the control layer, so nothing would be weighted.")),
                message(N_("Include at least one criterion in the control layer (Structure).")),
            )
        )
    if not draft.clusters:
        out.append(
            _said(
                draft,
                "blocking",
                "no_clusters",
                "clusters",
                message(N_("The model has no cluster yet.")),
                message(N_("Add a cluster (Structure), then its nodes.")),
            )
        )
    for i, cl in enumerate(draft.clusters):
        if not cl.nodes:
            out.append(
                _said(
                    draft,
                    "blocking",
                    "empty_cluster",
                    f"clusters[{i}].nodes",
                    message(N_("Cluster {cluster} has no nodes."), cluster=Name(cl.id)),
                    message(
                        N_("Add at least one node to {cluster}, or delete the cluster."), cluster=Name(cl.id)
                    ),
                )
            )
    networked = set(draft.networked_criteria)
    for k, c in enumerate(draft.control_criteria):
        if c not in networked:
            out.append(
                _said(
                    draft,
                    "blocking",
                    "no_network",
                    f"criteria_comparison.elements[{k}]",
                    message(
                        N_("Criterion {criterion} has no network yet: no nodes are compared under it."),
                        criterion=Name(c),
                    ),
                    message(
                        N_("Link a cluster from a node or a cluster under {criterion} (Links)."),
                        criterion=Name(c),
                    ),
                    criterion=c,
                )
            )
    return out + _judgment_problems(draft)


def _network_problems(draft: Draft) -> list[Problem]:
    out = []
    criteria = [c for c in draft.criteria if c.id in set(draft.networked_criteria)]
    multi = len(draft.criteria) > 1
    for crit in criteria:
        c = crit.id
        under: Arg = message(N_(" under {criterion}"), criterion=Name(c)) if multi else ""
        links = effective_links(draft, c)
        comps = draft.comparison_by_key
        targeted = {i for (_, i) in links}
        used = set(links.values())
        reached: set[str] = set()
        for key in used:
            reached.update(comps[key].elements)
        for cl in draft.clusters:
            if cl.nodes and cl.id not in targeted:
                out.append(
                    _said(
                        draft,
                        "info" if draft.settings.priorities == "sources" else "warning",
                        "unlinked_cluster",
                        f"clusters[{draft.clusters.index(cl)}]",
                        message(
                            N_(
                                "Nothing links to cluster {cluster}{under}: its nodes are compared with respect "
                                "to nothing, so they get no priority in the limit."
                            ),
                            cluster=Name(cl.id),
                            under=under,
                        ),
                        message(
                            N_(
                                "Link {cluster} from the nodes or clusters that influence it (Links), or leave "
                                "it as a source on purpose."
                            ),
                            cluster=Name(cl.id),
                        ),
                        criterion=c,
                    )
                )
                continue
            for n in cl.nodes:
                if cl.id in targeted and n.id not in reached:
                    out.append(
                        _said(
                            draft,
                            "warning",
                            "unreached_node",
                            f"clusters[{draft.clusters.index(cl)}]",
                            message(
                                N_(
                                    "Node {node} ({cluster}) is left out of every comparison of its "
                                    "cluster{under}, so nothing reaches it and its limit priority is 0."
                                ),
                                node=Name(n.id),
                                cluster=Name(cl.id),
                                under=under,
                            ),
                            message(
                                N_(
                                    "Add {node} to the nodes compared in a comparison of {cluster} (Judgments)."
                                ),
                                node=Name(n.id),
                                cluster=Name(cl.id),
                            ),
                            criterion=c,
                        )
                    )
        for comp in draft.comparisons:
            if comp.criterion != c:
                continue
            if comp.kind == "nodes" and comp.key not in used:
                out.append(
                    _said(
                        draft,
                        "info",
                        "unused",
                        _path_of(draft, comp.key),
                        message(
                            N_(
                                "{title} is not used: more specific comparisons cover every node it would "
                                "apply to."
                            ),
                            title=describe_message(draft, comp.key),
                        ),
                        message(N_("Delete it, or keep it for nodes you may add later.")),
                        key=comp.key,
                        criterion=c,
                    )
                )
            if comp.kind == "clusters" and comp.wrt in draft.cluster_by_id:
                targets = cluster_targets(draft, c)[comp.wrt]
                extra = [e for e in comp.elements if e not in targets]
                lacking = [t for t in targets if t not in comp.elements]
                if extra or lacking:
                    parts: list[Arg] = []
                    if lacking:
                        parts.append(
                            message(
                                N_("leaves out {clusters} (weighted 0)"),
                                clusters=Join(tuple(Name(t) for t in lacking)),
                            )
                        )
                    if extra:
                        parts.append(
                            message(
                                N_("compares {clusters}, not linked"),
                                clusters=Join(tuple(Name(t) for t in extra)),
                            )
                        )
                    out.append(
                        _said(
                            draft,
                            "warning",
                            "cluster_comparison",
                            _path_of(draft, comp.key),
                            message(
                                N_("{title} {what}."),
                                title=describe_message(draft, comp.key),
                                what=Join(tuple(parts), N_(" and ")),
                            ),
                            message(
                                N_(
                                    "Compare exactly the clusters it links to: switch the cluster comparison off "
                                    "and on again (Links) to rebuild it."
                                )
                            ),
                            key=comp.key,
                            criterion=c,
                        )
                    )
    return out


def _consistency_problems(draft: Draft, ri_table: str) -> list[Problem]:
    out = []
    for key, elements, matrix in _matrices(draft):
        if len(elements) < 3:
            continue
        labels = tuple(draft.label(e) for e in elements)
        try:
            pm = validated_matrix(matrix, labels, describe(draft, key))
        except InvalidJudgmentError:
            continue  # unconnected: reported as missing judgments
        cr = pm.consistency_ratio(ri_table)
        if cr <= CR_THRESHOLD:
            continue
        best = next(iter(pm.repair_suggestions(ri_table)), None)
        if best is not None and best.cr_drop > 0:
            action = message(
                N_("Best single change: ({row}, {col}) from {old} to {new}, which brings CR to {cr:.3f}."),
                row=Name(elements[best.row]),
                col=Name(elements[best.col]),
                old=_fmt(best.value),
                new=_fmt(best.suggested),
                cr=best.cr_after,
            )
        else:
            best = None
            action = message(N_("Revise the judgments of this matrix."))
        out.append(
            _said(
                draft,
                "warning",
                "inconsistent",
                _path_of(draft, key),
                message(
                    N_("{title}: CR = {cr:.3f} > {threshold:.2f}."),
                    title=describe_message(draft, key),
                    cr=cr,
                    threshold=CR_THRESHOLD,
                ),
                action,
                key=key,
                criterion=None if key == CRITERIA_KEY else key[0],
                cr=cr,
                repair=best,
            )
        )
    out.sort(key=lambda p: -(p.cr or 0.0))
    return out


def _fmt(value: float) -> str:
    """Saaty notation: ``3``, ``1/5``, ``2.145``."""
    return f"{value:.4g}" if value >= 1 else f"1/{1.0 / value:.4g}"


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


def _limit_problems(draft: Draft, model: Model) -> list[Problem]:
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
            _said(
                draft, sev, "limit", "settings", msg, action, criterion=crits[0] if len(crits) == 1 else None
            )
        )
    return out


def diagnose(draft: Draft, ri_table: str = DEFAULT_RI_TABLE) -> Diagnosis:
    """Return every problem of a draft, and its model when nothing blocks.

    Blocking (structure, unconnected judgments) first, then warnings
    (missing but estimable judgments, clusters nothing links to, nodes
    nothing reaches, cluster comparisons out of step with the links,
    matrices over CR 0.10 sorted by CR with their best single repair from
    :meth:`~anp_core.pairwise.PairwiseMatrix.repair_suggestions`), then
    what the limit will do under each criterion (from
    :func:`anp_core.evaluate.criterion_network` of the model, or of
    :func:`placeholder_model` while judgments are missing: the diagnosis
    depends only on the links).

    Examples
    --------
    >>> d = Draft(id="x", name="X")
    >>> diagnose(d).complete, [p.code for p in diagnose(d).blocking]
    (False, ['no_criteria', 'no_clusters'])
    """
    problems = structure_problems(draft) + _network_problems(draft) + _consistency_problems(draft, ri_table)
    model: Model | None = None
    if not any(p.severity == "blocking" for p in problems):
        try:
            model = load_model(model_data(draft))
        except ModelValidationError as err:
            problems += [
                _said(
                    draft,
                    "blocking",
                    "invalid",
                    path,
                    verbatim(msg),
                    message(N_("Fix this in the model (or in the file).")),
                )
                for path, msg in err.problems
            ]
    outlook = model if model is not None else placeholder_model(draft)
    if outlook is not None:
        problems += _limit_problems(draft, outlook)
    problems.sort(key=lambda p: _SEVERITY_ORDER[p.severity])
    return Diagnosis(tuple(problems), model)
