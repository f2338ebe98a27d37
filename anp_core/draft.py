"""Draft models: a half-built model that is valid as a draft, its problems, and the finished model.

A draft is the JSON model format (schema version 1, ``data/README.md``) with a
top-level ``"draft": true``. It may be incomplete in ways a model may not:
no criterion or cluster yet, a cluster without nodes, a control criterion
without a network, judgments so sparse that a matrix is not connected. It
may never be *wrong*: ids are unique, references resolve, matrices are
square, positive, reciprocal, with a unit diagonal and missing judgments
(``null``) on both sides of a pair. :func:`load_draft` refuses a wrong file
(every problem with its JSON path) and accepts an incomplete one, returning
its :class:`~anp_core.draft_problems.Problem` list, each with what to do about it;
:func:`to_model` returns the validated :class:`~anp_core.model_schema.Model`
once nothing blocks. Edit operations are in :mod:`anp_core.edit`.

A link "node j -> cluster I" under criterion c exists when a ``nodes``
comparison of I's nodes is given with respect to j, to j's cluster or to c
(the most specific wins, as in :func:`anp_core.network.network_plan`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from anp_core.errors import ModelValidationError
from anp_core.i18n import N_
from anp_core.messages import Message, Name, message
from anp_core.model_checks import (
    Problem as FileProblem,
)
from anp_core.model_checks import (
    comparison_messages,
    matrix_messages,
    model_error_from_pydantic,
    name_key,
)
from anp_core.model_file import load_model, parse_json, read_limited
from anp_core.model_schema import (
    CRITERIA_KEY,
    MAX_ELEMENTS,
    Cluster,
    Comparison,
    ComparisonKey,
    CriteriaComparison,
    Criterion,
    Ecosystem,
    Id,
    LongText,
    Model,
    Node,
    Published,
    Recommendation,
    Settings,
    Source,
    Text,
    Translations,
)

if TYPE_CHECKING:
    from anp_core.draft_problems import Problem

__all__ = [
    "CRITERIA_KEY",
    "Draft",
    "DraftCluster",
    "cluster_targets",
    "describe",
    "describe_message",
    "dump_draft",
    "effective_links",
    "filled",
    "from_model",
    "is_judgment",
    "load_draft",
    "matrix_of",
    "model_data",
    "plural",
    "to_model",
    "wrong_messages",
    "wrong_problems",
]

Matrix = tuple[tuple[float | None, ...], ...]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class DraftCluster(_Frozen):
    """A cluster of a draft: like :class:`~anp_core.model_schema.Cluster`, but it may have no nodes yet."""

    id: Id
    name: Text
    description: LongText = ""
    nodes: Annotated[tuple[Node, ...], Field(max_length=MAX_ELEMENTS)] = ()
    translations: Translations = {}


class Draft(_Frozen):
    """A model being built: the model format's fields, every one allowed to be incomplete.

    Same fields as :class:`~anp_core.model_schema.Model` plus ``draft``
    (always ``True`` when written); ``criteria``, ``clusters`` and
    ``comparisons`` may be empty, ``criteria_comparison`` absent (no
    control criterion yet), a cluster may have no nodes, and a matrix's
    missing judgments may leave it unconnected.
    """

    schema_version: Literal[1] = 1
    draft: bool = True
    id: Id
    name: Text
    description: LongText = ""
    translations: Translations = {}
    source: Source | None = None
    settings: Settings = Settings()
    ecosystem: Ecosystem = Ecosystem()
    criteria: Annotated[tuple[Criterion, ...], Field(max_length=50)] = ()
    criteria_comparison: CriteriaComparison | None = None
    clusters: Annotated[tuple[DraftCluster, ...], Field(max_length=200)] = ()
    comparisons: Annotated[tuple[Comparison, ...], Field(max_length=20_000)] = ()
    ranked_clusters: Annotated[tuple[Id, ...], Field(max_length=200)] = ()
    published: Published | None = None
    recommendations: Annotated[tuple[Recommendation, ...], Field(max_length=200)] = ()

    # ----- lookups (drafts are small; computed on demand) -----
    @property
    def control_criteria(self) -> tuple[str, ...]:
        """Ids of the criteria in the control layer, in matrix order."""
        cc = self.criteria_comparison
        return cc.elements if cc is not None else ()

    @property
    def criterion_by_id(self) -> dict[str, Criterion]:
        """Criteria keyed by id."""
        return {c.id: c for c in self.criteria}

    @property
    def cluster_by_id(self) -> dict[str, DraftCluster]:
        """Clusters keyed by id."""
        return {c.id: c for c in self.clusters}

    @property
    def node_by_id(self) -> dict[str, Node]:
        """Nodes keyed by id."""
        return {n.id: n for c in self.clusters for n in c.nodes}

    @property
    def cluster_of(self) -> dict[str, str]:
        """Cluster id of each node id."""
        return {n.id: c.id for c in self.clusters for n in c.nodes}

    @property
    def node_ids(self) -> tuple[str, ...]:
        """Node ids in cluster order (the supermatrix order)."""
        return tuple(n.id for c in self.clusters for n in c.nodes)

    @property
    def comparison_by_key(self) -> dict[ComparisonKey, Comparison]:
        """Comparisons keyed by (criterion, kind, wrt, cluster)."""
        return {c.key: c for c in self.comparisons}

    @property
    def networked_criteria(self) -> tuple[str, ...]:
        """Criteria with at least one ``nodes`` comparison, in criteria order."""
        have = {c.criterion for c in self.comparisons if c.kind == "nodes"}
        return tuple(c.id for c in self.criteria if c.id in have)

    def label(self, any_id: str) -> str:
        """Display name of a criterion, cluster or node id (the id itself if unknown)."""
        for c in self.criteria:
            if c.id == any_id:
                return c.name
        for cl in self.clusters:
            if cl.id == any_id:
                return cl.name
            for n in cl.nodes:
                if n.id == any_id:
                    return n.name
        return any_id

    def all_ids(self) -> set[str]:
        """Every id the model format makes unique (criteria, clusters, nodes, ecosystem)."""
        ids = {c.id for c in self.criteria} | {c.id for c in self.clusters} | set(self.node_ids)
        for p in self.ecosystem.populations:
            ids.add(p.id)
            ids.update(m.id for m in p.members)
        return ids


# --------------------------------------------------------------------------
# reading and writing


def _read(source: str | Path | bytes | Mapping[str, Any]) -> Any:
    if isinstance(source, Mapping):
        return source
    if isinstance(source, bytes) or (isinstance(source, str) and source.lstrip().startswith("{")):
        return parse_json(source)
    raw = read_limited(Path(source))
    return parse_json(raw)


def load_draft(source: str | Path | bytes | Mapping[str, Any]) -> tuple[Draft, list[Problem]]:
    """Read a draft (or a model) and return it with its problems.

    Accepts a path, JSON bytes or text, or a dict: a draft (``"draft":
    true``) or a model file. An incomplete draft is accepted and its
    problems listed (:func:`anp_core.draft_problems.diagnose`); a wrong one
    is refused.

    Raises
    ------
    ModelValidationError
        For a file over 5 MB, text that is not JSON, wrong types or unknown
        keys, duplicate ids or names, unknown references, or a matrix that is
        not square, positive and reciprocal: every problem with its JSON path.

    Examples
    --------
    >>> d, problems = load_draft({"schema_version": 1, "draft": True, "id": "x", "name": "X"})
    >>> [p.code for p in problems]
    ['no_criteria', 'no_clusters']
    """
    data = _read(source)
    if not isinstance(data, Mapping):
        text = message(N_("a draft must be a JSON object, got {kind}"), kind=type(data).__name__)
        raise ModelValidationError([("(root)", text)])
    try:
        draft = Draft.model_validate(data)
    except ValidationError as exc:
        raise model_error_from_pydantic(exc) from None
    except RecursionError:
        raise ModelValidationError([("(root)", message(N_("structure nested too deeply")))]) from None
    broken = wrong_messages(draft)
    if broken:
        raise ModelValidationError(broken)
    from anp_core.draft_problems import diagnose

    return draft, list(diagnose(draft).problems)


def dump_draft(draft: Draft) -> str:
    """Serialise a draft as JSON (the model format plus ``"draft": true``); :func:`load_draft` reads it back."""
    return draft.model_copy(update={"draft": True}).model_dump_json(indent=1) + "\n"


def model_data(draft: Draft) -> dict[str, Any]:
    """Return the draft as a model dict (no ``draft`` key; no criteria comparison if it has none)."""
    data = draft.model_dump(mode="python")
    data.pop("draft", None)
    if data.get("criteria_comparison") is None:
        data.pop("criteria_comparison", None)
    return data


def to_model(draft: Draft) -> Model:
    """Return the validated model of a draft with nothing blocking.

    Raises
    ------
    ModelValidationError
        Listing each blocking problem (what is wrong and what to do), or
        what :func:`anp_core.load_model` refuses.
    """
    from anp_core.draft_problems import structure_problems

    blocking = [p for p in structure_problems(draft) if p.severity == "blocking"]
    if blocking:
        found: list[tuple[str, str | Message]] = [
            (
                p.where,
                message(N_("{problem} — {action}"), problem=p.text, action=p.todo)
                if p.text is not None and p.todo is not None
                else f"{p.message} — {p.action}",
            )
            for p in blocking
        ]
        raise ModelValidationError(found)
    return load_model(model_data(draft))


def from_model(model: Model) -> Draft:
    """Return a model as a draft (to edit it on the Model page)."""
    return Draft.model_validate({**model.model_dump(mode="python"), "draft": True})


# --------------------------------------------------------------------------
# what a draft may never be: wrong (refused by load_draft)


def filled(matrix: Matrix) -> Matrix:
    """Return ``matrix`` with each pair missing on both sides set to 1 (to check the rest)."""
    out = [list(r) for r in matrix]
    for i, row in enumerate(out):
        for j in range(i + 1, len(row)):
            if row[j] is None and j < len(out) and i < len(out[j]) and out[j][i] is None:
                row[j] = out[j][i] = 1.0
    return tuple(tuple(r) for r in out)


def wrong_problems(draft: Draft) -> list[tuple[str, str]]:
    """Return what makes a draft wrong (not merely incomplete), as ``(json_path, message)`` in English.

    :func:`wrong_messages` rendered.
    """
    return [(path, text.render()) for path, text in wrong_messages(draft)]


def wrong_messages(draft: Draft) -> list[FileProblem]:
    """Return what makes a draft wrong (not merely incomplete), as ``(json_path, Message)``.

    Ids unique across criteria, clusters, nodes and the ecosystem; names
    distinct within criteria, clusters and nodes; every reference known;
    matrices square, positive, reciprocal, unit diagonal, a missing judgment
    missing on both sides; comparison keys unique; the optional sections
    pointing at known ids. Missing judgments that leave a matrix
    unconnected are not wrong in a draft.
    """
    problems: list[FileProblem] = []
    seen: dict[str, str] = {}

    def claim(any_id: str, path: str) -> None:
        if any_id in seen:
            text = message(
                N_("duplicate id {id} (first used at {first})"), id=repr(any_id), first=seen[any_id]
            )
            problems.append((path, text))
        else:
            seen[any_id] = path

    for i, c in enumerate(draft.criteria):
        claim(c.id, f"criteria[{i}].id")
    for i, cl in enumerate(draft.clusters):
        claim(cl.id, f"clusters[{i}].id")
        for j, n in enumerate(cl.nodes):
            claim(n.id, f"clusters[{i}].nodes[{j}].id")
    for i, p in enumerate(draft.ecosystem.populations):
        claim(p.id, f"ecosystem.populations[{i}].id")
        for j, m in enumerate(p.members):
            claim(m.id, f"ecosystem.populations[{i}].members[{j}].id")
    problems += _name_problems(draft)

    criteria = {c.id for c in draft.criteria}
    clusters = {c.id: {n.id for n in c.nodes} for c in draft.clusters}
    nodes = {n for ns in clusters.values() for n in ns}
    cc = draft.criteria_comparison
    if cc is not None:
        for k, e in enumerate(cc.elements):
            crit = draft.criterion_by_id.get(e)
            if crit is None:
                problems.append(
                    (f"criteria_comparison.elements[{k}]", message(N_("unknown criterion {id}"), id=repr(e)))
                )
            elif crit.excluded_reason is not None:
                text = message(
                    N_("criterion {id} has an excluded_reason but is in the control layer"), id=repr(e)
                )
                problems.append((f"criteria_comparison.elements[{k}]", text))
        if len(set(cc.elements)) != len(cc.elements):
            problems.append(("criteria_comparison.elements", message(N_("an element is listed twice"))))
        problems += matrix_messages(
            "criteria_comparison", cc.elements, filled(cc.matrix), "criteria comparison"
        )
    keys: dict[ComparisonKey, int] = {}
    for i, comp in enumerate(draft.comparisons):
        path = f"comparisons[{i}]"
        if comp.key in keys:
            text = message(
                N_("duplicates comparisons[{i}] (same criterion, kind, wrt, cluster)"), i=keys[comp.key]
            )
            problems.append((path, text))
        keys.setdefault(comp.key, i)
        checked = comp.model_copy(update={"matrix": filled(comp.matrix)})
        problems += comparison_messages(checked, path, criteria, clusters, nodes)
    problems += _section_problems(draft)
    return problems


def _name_problems(draft: Draft) -> list[FileProblem]:
    groups = [
        [(f"criteria[{i}].name", c.name) for i, c in enumerate(draft.criteria)],
        [(f"clusters[{i}].name", c.name) for i, c in enumerate(draft.clusters)],
        [
            (f"clusters[{i}].nodes[{j}].name", n.name)
            for i, c in enumerate(draft.clusters)
            for j, n in enumerate(c.nodes)
        ],
    ]
    out: list[FileProblem] = []
    for group in groups:
        first: dict[str, str] = {}
        for path, name in group:
            key = name_key(name)
            if not key:
                out.append((path, message(N_("a name must not be empty"))))
            elif key in first:
                text = message(
                    N_("{name} is the same name at {other_path}; names must be distinct"),
                    name=repr(name),
                    other_path=first[key],
                )
                out.append((path, text))
            else:
                first[key] = path
    return out


_SECTIONS = ("ranked_clusters", "published", "recommendations", "ecosystem.relations")


def _section_problems(draft: Draft) -> list[FileProblem]:
    """Problems of the optional sections, from the model format's own checks."""
    from anp_core.model_checks import reference_messages

    values = {name: getattr(draft, name) for name in Model.model_fields}
    values["clusters"] = tuple(Cluster.model_construct(**dict(c)) for c in draft.clusters)
    values["comparisons"] = ()
    values["criteria_comparison"] = CriteriaComparison.model_construct(elements=(), matrix=())
    shell = Model.model_construct(**values)
    return [p for p in reference_messages(shell) if p[0].startswith(_SECTIONS)]


# --------------------------------------------------------------------------
# the network a draft describes


def matrix_of(draft: Draft, key: ComparisonKey) -> tuple[tuple[str, ...], Matrix] | None:
    """Return ``(elements, matrix)`` of a comparison (``CRITERIA_KEY``: the criteria), or None."""
    if key == CRITERIA_KEY:
        cc = draft.criteria_comparison
        return None if cc is None else (cc.elements, cc.matrix)
    comp = draft.comparison_by_key.get(key)
    return None if comp is None else (comp.elements, comp.matrix)


def describe(draft: Draft, key: ComparisonKey) -> str:
    """Return a readable title for a comparison key (English; :func:`describe_message` translates).

    Examples
    --------
    >>> d = Draft(id="x", name="X")
    >>> describe(d, CRITERIA_KEY)
    'Control criteria'
    """
    return describe_message(draft, key).render(label=draft.label)


def describe_message(draft: Draft, key: ComparisonKey) -> Message:
    """Return the title of a comparison key as a translatable :class:`~anp_core.messages.Message`."""
    criterion, kind, wrt, cluster = key
    if kind == "criteria":
        return message(N_("Control criteria"))
    multi = len(draft.criteria) > 1
    if wrt == criterion:
        if kind == "clusters":
            return message(N_("Clusters with respect to {criterion} (every node)"), criterion=Name(criterion))
        return message(
            N_("Nodes of {cluster} with respect to {criterion} (every node)"),
            cluster=Name(cluster or ""),
            criterion=Name(criterion),
        )
    on_cluster = wrt in draft.cluster_by_id
    if kind == "clusters":
        if on_cluster:
            template = (
                N_("Clusters with respect to cluster {wrt}, under {criterion}")
                if multi
                else N_("Clusters with respect to cluster {wrt}")
            )
        else:
            template = (
                N_("Clusters with respect to node {wrt}, under {criterion}")
                if multi
                else N_("Clusters with respect to node {wrt}")
            )
        return message(template, wrt=Name(wrt), criterion=Name(criterion))
    if on_cluster:
        template = (
            N_("Nodes of {cluster} with respect to cluster {wrt}, under {criterion}")
            if multi
            else N_("Nodes of {cluster} with respect to cluster {wrt}")
        )
    else:
        template = (
            N_("Nodes of {cluster} with respect to node {wrt}, under {criterion}")
            if multi
            else N_("Nodes of {cluster} with respect to node {wrt}")
        )
    return message(template, cluster=Name(cluster or ""), wrt=Name(wrt), criterion=Name(criterion))


def effective_links(draft: Draft, criterion: str) -> dict[tuple[str, str], ComparisonKey]:
    """Return, for each linked (column node j, row cluster I), the comparison that fills block (I, j).

    The comparison of I's nodes with respect to j, else to j's cluster, else
    to the criterion: the precedence of :func:`anp_core.network.network_plan`.
    """
    comps = draft.comparison_by_key
    out: dict[tuple[str, str], ComparisonKey] = {}
    for cl in draft.clusters:
        for node in cl.nodes:
            for target in draft.clusters:
                for wrt in (node.id, cl.id, criterion):
                    key = (criterion, "nodes", wrt, target.id)
                    if key in comps:
                        out[(node.id, target.id)] = key
                        break
    return out


def cluster_targets(draft: Draft, criterion: str) -> dict[str, list[str]]:
    """Return, for each cluster J, the clusters linked from any node of J under ``criterion`` (model order)."""
    links = effective_links(draft, criterion)
    cluster_of = draft.cluster_of
    linked = {(cluster_of[j], i) for (j, i) in links}
    return {src.id: [t.id for t in draft.clusters if (src.id, t.id) in linked] for src in draft.clusters}


def is_judgment(value: object) -> bool:
    """Return whether ``value`` is a usable judgment: a finite number > 0 (not a bool)."""
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0
    )


def plural(count: int, word: str) -> str:
    """Return ``"1 judgment"``, ``"3 judgments"``."""
    return f"{count} {word}{'' if count == 1 else 's'}"
