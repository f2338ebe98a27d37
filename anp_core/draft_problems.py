"""What a draft still needs, and what its limit will do: the Model page's list of problems.

:func:`diagnose` lists, each with what to do about it: what blocks the draft
from being a model (no criterion or cluster, a cluster without nodes, a
control criterion without a network, judgments that leave a matrix
unconnected, with the smallest set of pairs still needed from
:func:`anp_core.pairwise.pairs_to_connect`); then warnings (judgments still
missing but estimable by Harker's method, clusters nothing links to, nodes
nothing reaches, cluster comparisons out of step with the links, every
matrix over CR 0.10 sorted model-wide with its best single repair from
:func:`~anp_core.repair.scale_repairs`); then what the
limit will do under each criterion (primitive, periodic, reducible, sinks),
from :func:`anp_core.evaluate.criterion_network` (:mod:`anp_core.draft_outlook`). The problem
types live in :mod:`anp_core.draft_problems_base`.
"""

from __future__ import annotations

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
from anp_core.draft_outlook import limit_problems, placeholder_model
from anp_core.draft_problems_base import SEVERITY_ORDER, Diagnosis, Problem, Severity, said
from anp_core.errors import InvalidJudgmentError, ModelValidationError
from anp_core.i18n import N_
from anp_core.messages import Arg, Join, Name, message, verbatim
from anp_core.model_file import load_model
from anp_core.model_schema import ComparisonKey, Model
from anp_core.pairwise import (
    CR_THRESHOLD,
    DEFAULT_RI_TABLE,
    pairs_to_connect,
    validated_matrix,
)
from anp_core.repair import scale_repairs

__all__ = ["Diagnosis", "Problem", "Severity", "diagnose", "placeholder_model", "structure_problems"]

# --------------------------------------------------------------------------
# diagnosis


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
                said(
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
                said(
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
            said(
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
            said(
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
            said(
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
                said(
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
                said(
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
                    said(
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
                        said(
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
                    said(
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
                        said(
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
        best = next(iter(scale_repairs(pm, ri_table)), None)
        if best is not None and best.cr_drop > 0:
            fields: dict[str, Arg] = {
                "row": Name(elements[best.row]),
                "col": Name(elements[best.col]),
                "old": _fmt(best.value),
                "new": _fmt(best.suggested),
                "cr": best.cr_after,
            }
            if best.consistent is not None and not best.consistent_on_scale:
                action = message(
                    N_(
                        "Best single change on the 1-9 scale: ({row}, {col}) from {old} to {new}, which brings CR "
                        "to {cr:.3f} (the value exactly consistent with the other judgments, {exact}, is off the "
                        "scale)."
                    ),
                    exact=_fmt(best.consistent),
                    **fields,
                )
            else:
                action = message(
                    N_(
                        "Best single change: ({row}, {col}) from {old} to {new}, which brings CR to {cr:.3f}."
                    ),
                    **fields,
                )
        else:
            best = None
            action = message(N_("Revise the judgments of this matrix."))
        out.append(
            said(
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


def diagnose(draft: Draft, ri_table: str = DEFAULT_RI_TABLE) -> Diagnosis:
    """Return every problem of a draft, and its model when nothing blocks.

    Blocking (structure, unconnected judgments) first, then warnings
    (missing but estimable judgments, clusters nothing links to, nodes
    nothing reaches, cluster comparisons out of step with the links,
    matrices over CR 0.10 sorted by CR with their best single repair from
    :func:`~anp_core.repair.scale_repairs`), then
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
                said(
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
        problems += limit_problems(draft, outlook)
    problems.sort(key=lambda p: SEVERITY_ORDER[p.severity])
    return Diagnosis(tuple(problems), model)
