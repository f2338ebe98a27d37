"""The classes of the JSON model format (schema version 1), as frozen pydantic models.

Structure and ranges are checked here by pydantic (types, ranges, unknown
keys); cross-references (ids, matrix shapes, reciprocity, what the optional
sections point at) by :mod:`anp_core.model_checks`. Loading, saving and the
file limits are in :mod:`anp_core.model_file`.

Optional sections carry what is specific to one study as data, so that no
code branches on a model: ``source.judgments`` (where the judgments come
from, shown wherever judgments are), ``published`` (a published results
table to audit against), ``recommendations`` (findings linked to nodes),
``ecosystem`` (a descriptive diagram), ``translations`` (names and texts in
other languages: optional, per item, read with :func:`in_language`),
``ranked_clusters`` (which clusters the results rank) and
``settings`` (how the limit treats sinks).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from anp_core.errors import ModelValidationError
from anp_core.i18n import N_
from anp_core.messages import Message, Name, message
from anp_core.model_base import LangCode, LongText, Text, _empty, _Frozen
from anp_core.model_translations import (
    ComparisonTranslation,
    EcosystemTranslation,
    PublishedTranslation,
    RelationTranslation,
    SourceTranslation,
    Translation,
    Translations,
    all_names,
    in_language,
    named_items,
)

__all__ = [
    "CRITERIA_KEY",
    "MAX_ELEMENTS",
    "Cluster",
    "Comparison",
    "ComparisonKey",
    "ComparisonTranslation",
    "CriteriaComparison",
    "Criterion",
    "Ecosystem",
    "EcosystemTranslation",
    "Id",
    "LongText",
    "Model",
    "Node",
    "Population",
    "Published",
    "PublishedRow",
    "PublishedTranslation",
    "Recommendation",
    "RecommendationLink",
    "Relation",
    "RelationTranslation",
    "Settings",
    "Source",
    "SourceTranslation",
    "Text",
    "Translation",
    "Translations",
    "in_language",
]

MAX_ELEMENTS = 200  # elements of one pairwise matrix

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        min_length=1,
        max_length=64,
        description="stable identifier: lower-case letters, digits, _",
    ),
]
#: A number as printed in a publication, kept as text so its precision survives.
DecimalText = Annotated[str, Field(pattern=r"^-?[0-9]+(\.[0-9]+)?$", max_length=32)]
#: A judgment: a number > 0, or null for a missing judgment (Harker's method).
Judgment = Annotated[float, Field(gt=0, allow_inf_nan=False, strict=True)]  # strict: no "3" or true
Row = Annotated[tuple[Judgment | None, ...], Field(min_length=1, max_length=MAX_ELEMENTS)]
Matrix = Annotated[tuple[Row, ...], Field(min_length=1, max_length=MAX_ELEMENTS)]


class Node(_Frozen):
    """A node of the network (a factor in paper 000) or an ecosystem member."""

    id: Id
    name: Text
    description: LongText = ""
    translations: Translations = {}


class Cluster(_Frozen):
    """A cluster of nodes (an internal-factor dimension in paper 000)."""

    id: Id
    name: Text
    description: LongText = ""
    nodes: Annotated[tuple[Node, ...], Field(min_length=1, max_length=MAX_ELEMENTS)]
    translations: Translations = {}


class Criterion(_Frozen):
    """A control criterion (an external-environment factor in paper 000).

    Only the criteria listed in ``criteria_comparison.elements`` form the
    control layer; the others stay in the model with the reason they were
    excluded in ``excluded_reason``.
    """

    id: Id
    name: Text
    description: LongText = ""
    examples: tuple[Text, ...] = ()
    excluded_reason: LongText | None = None
    translations: Translations = {}


class Population(_Frozen):
    """An ecosystem population (Table 1 of paper 000) and its member nodes."""

    id: Id
    name: Text
    role: Literal["keystone", "key", "supporting", "parasitic"]
    description: LongText = ""
    members: tuple[Node, ...] = ()
    translations: Translations = {}


class Relation(_Frozen):
    """A described relation between two ecosystem elements (any ids)."""

    source: Id
    target: Id
    label: Text = ""
    translations: Annotated[dict[LangCode, RelationTranslation], Field(max_length=20)] = Field(
        default_factory=dict, exclude_if=_empty
    )


class Ecosystem(_Frozen):
    """The business-ecosystem description drawn in the Ecosystem diagram."""

    title: Text = ""
    populations: tuple[Population, ...] = ()
    relations: tuple[Relation, ...] = ()
    translations: Annotated[dict[LangCode, EcosystemTranslation], Field(max_length=20)] = Field(
        default_factory=dict, exclude_if=_empty
    )


class CriteriaComparison(_Frozen):
    """Pairwise comparison of the control criteria (gives the weights v)."""

    elements: Annotated[tuple[Id, ...], Field(min_length=1, max_length=MAX_ELEMENTS)]
    matrix: Matrix
    note: LongText = ""
    translations: Annotated[dict[LangCode, ComparisonTranslation], Field(max_length=20)] = Field(
        default_factory=dict, exclude_if=_empty
    )


ComparisonKey = tuple[str, str, str, str | None]
#: Key of the criteria comparison, as :meth:`anp_core.Model.with_judgment` takes it.
CRITERIA_KEY: ComparisonKey = ("", "criteria", "", None)


class Comparison(_Frozen):
    """One pairwise comparison matrix of a criterion's network.

    ``kind="nodes"``: the ``elements`` (nodes of ``cluster``) are compared with
    respect to ``wrt``; ``kind="clusters"``: the ``elements`` (cluster ids)
    are compared with respect to ``wrt``. ``wrt`` is the criterion itself
    (applies to every column), a cluster id (every node of that cluster) or,
    for ``nodes``, a node id (that node only, overriding the other two).
    """

    criterion: Id
    kind: Literal["nodes", "clusters"]
    wrt: Id
    cluster: Id | None = None
    elements: Annotated[tuple[Id, ...], Field(min_length=1, max_length=MAX_ELEMENTS)]
    matrix: Matrix
    note: LongText = ""
    translations: Annotated[dict[LangCode, ComparisonTranslation], Field(max_length=20)] = Field(
        default_factory=dict, exclude_if=_empty
    )

    @property
    def key(self) -> ComparisonKey:
        """Identity of the comparison: (criterion, kind, wrt, cluster)."""
        return (self.criterion, self.kind, self.wrt, self.cluster)

    @cached_property
    def digest(self) -> bytes:
        """SHA-256 of what the maths reads (key, elements, judgments), computed once per object.

        An edit keeps the untouched comparisons as the same objects, so a new
        model's network keys reuse their digests.
        """
        return hashlib.sha256(repr((self.key, self.elements, self.matrix)).encode()).digest()


class Source(_Frozen):
    """Where the model comes from, and where its judgments come from.

    ``judgments``: ``original`` (elicited for this model), ``reconstructed``
    (rebuilt from published results), ``illustrative`` (made up to show the
    method), ``aggregated`` (an expert panel's aggregate) or ``unspecified``.
    Pages show ``notes`` wherever judgments are shown unless they are
    ``original``.
    """

    citation: LongText
    notes: LongText = ""
    judgments: Literal["original", "reconstructed", "illustrative", "aggregated", "unspecified"] = (
        "unspecified"
    )
    translations: Annotated[dict[LangCode, SourceTranslation], Field(max_length=20)] = Field(
        default_factory=dict, exclude_if=_empty
    )


class PublishedRow(_Frozen):
    """One node's row of a published results table, numbers as printed."""

    node: Id
    by_criterion: dict[Id, DecimalText] = {}
    composite: DecimalText | None = None
    rank: Annotated[int, Field(ge=1)] | None = None


class Published(_Frozen):
    """A published results table to audit the model against (never an input)."""

    citation: LongText
    table: Text = ""
    criterion_weights: dict[Id, DecimalText] = {}
    cluster_weights: dict[Id, DecimalText] = {}
    rows: Annotated[tuple[PublishedRow, ...], Field(min_length=1, max_length=5000)]
    notes: LongText = ""
    translations: Annotated[dict[LangCode, PublishedTranslation], Field(max_length=20)] = Field(
        default_factory=dict, exclude_if=_empty
    )


class RecommendationLink(_Frozen):
    """A node a recommendation concerns, with the phrase that supports the link."""

    node: Id
    strength: Literal["direct", "indirect"] = "direct"
    evidence: LongText = ""


class Recommendation(_Frozen):
    """A finding or policy recommendation of the source, linked to nodes."""

    id: Id
    section: Text = ""
    title: Text
    quote: LongText = ""
    links: tuple[RecommendationLink, ...] = ()
    translations: Translations = {}


class Settings(_Frozen):
    """Computation settings that belong to the model.

    ``sinks``: how the limit treats nodes with no outgoing link
    (:func:`anp_core.limit.limit_matrix`); Super Decisions' default is
    ``calculus``.

    ``priorities``: how a criterion's priorities are read from its limit
    matrix. ``row_sums`` (default, ANP_METHOD.md section 2; Super Decisions
    and pyanp's ``priority_from_limit``): the normalised row sums.
    ``sources``: the columns of the source nodes (those nothing links to,
    such as a goal), averaged; for a hierarchy this is Saaty's hierarchic
    composition, the AHP answer (the Creative Decisions Foundation's
    AhpAnpLib reads the goal's column). Without a source node it falls back
    to the row sums. Where every column of the limit is the same both agree.
    """

    sinks: Literal["calculus", "absorbing", "hierarchy"] = "calculus"
    priorities: Literal["row_sums", "sources"] = "row_sums"


class Model(_Frozen):
    """An ANP model with control criteria (schema version 1)."""

    schema_version: Literal[1]
    id: Id
    name: Text
    description: LongText = ""
    translations: Translations = {}
    source: Source | None = None
    settings: Settings = Settings()
    ecosystem: Ecosystem = Ecosystem()
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1, max_length=50)]
    criteria_comparison: CriteriaComparison
    clusters: Annotated[tuple[Cluster, ...], Field(min_length=1, max_length=200)]
    comparisons: Annotated[tuple[Comparison, ...], Field(max_length=20_000)]
    ranked_clusters: Annotated[tuple[Id, ...], Field(max_length=200)] = ()
    published: Published | None = None
    recommendations: Annotated[tuple[Recommendation, ...], Field(max_length=200)] = ()

    @model_validator(mode="after")
    def _check_references(self) -> Model:
        from anp_core.model_checks import reference_messages

        found = reference_messages(self)
        if found:
            raise PydanticCustomError(
                "anp_references",
                "{count} reference problems",
                {
                    "count": len(found),
                    "problems": [(path, text.render()) for path, text in found],
                    "texts": [text for _path, text in found],
                },
            )
        return self

    # ----- derived lookups (computed once per immutable model) -----
    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 (hex, 16 chars) of the model's canonical JSON: equal content, equal key."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

    @cached_property
    def control_criteria(self) -> tuple[str, ...]:
        """Ids of the criteria in the control layer, in matrix order."""
        return self.criteria_comparison.elements

    @cached_property
    def criterion_by_id(self) -> dict[str, Criterion]:
        """Criteria keyed by id."""
        return {c.id: c for c in self.criteria}

    @cached_property
    def cluster_by_id(self) -> dict[str, Cluster]:
        """Clusters keyed by id."""
        return {c.id: c for c in self.clusters}

    @cached_property
    def node_ids(self) -> tuple[str, ...]:
        """Node ids in cluster order (the supermatrix order)."""
        return tuple(n.id for c in self.clusters for n in c.nodes)

    @cached_property
    def ranked_node_ids(self) -> tuple[str, ...]:
        """Ids of the nodes the results rank: those of ``ranked_clusters`` (default all)."""
        if not self.ranked_clusters:
            return self.node_ids
        chosen = set(self.ranked_clusters)
        return tuple(n.id for c in self.clusters if c.id in chosen for n in c.nodes)

    @cached_property
    def node_by_id(self) -> dict[str, Node]:
        """Network nodes keyed by id."""
        return {n.id: n for c in self.clusters for n in c.nodes}

    @cached_property
    def cluster_of(self) -> dict[str, str]:
        """Cluster id of each node id."""
        return {n.id: c.id for c in self.clusters for n in c.nodes}

    @cached_property
    def comparison_by_key(self) -> dict[ComparisonKey, Comparison]:
        """Comparisons keyed by (criterion, kind, wrt, cluster)."""
        return {c.key: c for c in self.comparisons}

    @cached_property
    def networked_criteria(self) -> tuple[str, ...]:
        """Criteria that have a network (at least one node comparison)."""
        have = {c.criterion for c in self.comparisons if c.kind == "nodes"}
        return tuple(c.id for c in self.criteria if c.id in have)

    def comparisons_for(self, criterion: str) -> tuple[Comparison, ...]:
        """Comparisons of one criterion's network, in file order."""
        return self.comparisons_by_criterion.get(criterion, ())

    @cached_property
    def comparisons_by_criterion(self) -> dict[str, tuple[Comparison, ...]]:
        """Comparisons grouped by criterion id."""
        out: dict[str, list[Comparison]] = {}
        for c in self.comparisons:
            out.setdefault(c.criterion, []).append(c)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def network_keys(self) -> dict[str, str]:
        """Content key of each criterion's network (structure, comparisons, settings).

        Two models with equal keys for a criterion have identical
        supermatrices and limits under it; the engine's cache is keyed by
        this, so editing one criterion leaves the others' entries valid.
        """
        structure = [[c.id, [n.id for n in c.nodes]] for c in self.clusters]
        base = hashlib.sha256(repr((structure, self.settings.sinks, self.settings.priorities)).encode())
        out = {}
        for k, comps in self.comparisons_by_criterion.items():
            h = base.copy()
            h.update(k.encode())
            for c in comps:
                h.update(c.digest)
            out[k] = h.hexdigest()[:24]
        return out

    @cached_property
    def names(self) -> dict[str, str]:
        """Display names of every criterion, cluster, node, population and member id."""
        return all_names(self, None)

    def label(self, any_id: str, lang: str | None = None) -> str:
        """Display name of an id, in ``lang`` where the model has a translation."""
        if lang:
            name = self.names_in(lang).get(any_id)
            if name:
                return name
        return self.names.get(any_id, any_id)

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """Languages the model has any translation in, sorted."""
        langs = {lang for item in named_items(self) for lang in item.translations}
        return tuple(sorted(langs | set(self.translations)))

    @cached_property
    def translated_names(self) -> dict[str, dict[str, str]]:
        """Per language, the translated name of every id that has one."""
        return {lang: all_names(self, lang) for lang in self.languages}

    def names_in(self, lang: str) -> dict[str, str]:
        """Names translated into ``lang`` (ids without a translation are absent)."""
        return self.translated_names.get(lang, {})

    # ----- edits return new, validated models -----
    def with_comparisons(self, replacements: Iterable[Comparison | Mapping[str, Any]]) -> Model:
        """Return a new model where comparisons with the same key are replaced.

        Comparisons whose key is new are appended. Only the replacements are
        validated (structure and references; the rest of the model was
        validated already), so an edit costs one small check, not a reload.
        Raises ModelValidationError listing every problem of the replacements.
        """
        from anp_core.model_checks import comparison_messages, model_error_from_pydantic

        repl: dict[ComparisonKey, Comparison] = {}
        problems: list[tuple[str, str | Message]] = []
        criteria = set(self.criterion_by_id)
        clusters = {c.id: {n.id for n in c.nodes} for c in self.clusters}
        nodes = set(self.node_by_id)
        for i, c in enumerate(replacements):
            try:
                checked = c if isinstance(c, Comparison) else Comparison.model_validate(c)
            except ValidationError as exc:
                err = model_error_from_pydantic(exc)
                problems += [
                    (f"replacements[{i}].{p}", t or m)
                    for (p, m), t in zip(err.problems, err.texts, strict=True)
                ]
                continue
            problems += comparison_messages(checked, f"replacements[{i}]", criteria, clusters, nodes)
            repl[checked.key] = checked
        if problems:
            raise ModelValidationError(problems)
        kept = tuple(repl.pop(c.key, c) for c in self.comparisons)
        return self._replaced(comparisons=kept + tuple(repl.values()))

    def with_judgment(self, key: ComparisonKey, row: str, col: str, value: float | None) -> Model:
        """Return a new model with judgment ``(row, col) = value`` (and its reciprocal).

        ``key`` is a comparison key ``(criterion, kind, wrt, cluster)``, or
        ``("", "criteria", "", None)`` for the criteria comparison. ``None``
        removes the judgment (and its reciprocal). Raises
        ModelValidationError on a bad value.
        """
        from anp_core.model_checks import matrix_messages
        from anp_core.pairwise import JUDGMENT_MAX, JUDGMENT_MIN

        if value is not None and not (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and value > 0
        ):
            text = message(N_("{value} — judgments must be finite and > 0"), value=repr(value))
            raise ModelValidationError([(f"judgment ({row}, {col})", text)])
        if value is not None and not JUDGMENT_MIN <= value <= JUDGMENT_MAX:
            text = message(
                N_("({row}, {col}) = {value} is outside {low} … {high} — Saaty's scale runs from 1/9 to 9"),
                row=Name(row),
                col=Name(col),
                value=f"{value:g}",
                low=f"{JUDGMENT_MIN:g}",
                high=f"{JUDGMENT_MAX:g}",
            )
            raise ModelValidationError([(f"judgment ({row}, {col})", text)])
        if key[1] == "criteria":
            cc = self.criteria_comparison
            matrix = _set_pair(cc.elements, cc.matrix, row, col, value)
            problems = matrix_messages("criteria_comparison", cc.elements, matrix, "criteria comparison")
            if problems:
                raise ModelValidationError(problems)
            return self._replaced(criteria_comparison=cc.model_copy(update={"matrix": matrix}))
        comp = self.comparison_by_key.get(key)
        if comp is None:
            text = message(N_("no comparison with key {key}"), key=str(key))
            raise ModelValidationError([("comparisons", text)])
        matrix = _set_pair(comp.elements, comp.matrix, row, col, value)
        return self.with_comparisons([comp.model_copy(update={"matrix": matrix})])

    def _replaced(self, **fields: Any) -> Model:
        """Return a copy with ``fields`` replaced; the caller has validated them."""
        values = {name: getattr(self, name) for name in type(self).model_fields}
        values.update(fields)
        return type(self).model_construct(**values)


def _set_pair(
    elements: tuple[str, ...],
    matrix: tuple[tuple[float | None, ...], ...],
    row: str,
    col: str,
    value: float | None,
) -> tuple[tuple[float | None, ...], ...]:
    try:
        i, j = elements.index(row), elements.index(col)
    except ValueError:
        text = message(N_("not an element of this comparison"))
        raise ModelValidationError([(f"judgment ({row}, {col})", text)]) from None
    if i == j:
        raise ModelValidationError([(f"judgment ({row}, {col})", message(N_("the diagonal is fixed at 1")))])
    out = [list(r) for r in matrix]
    out[i][j] = None if value is None else float(value)
    out[j][i] = None if value is None else 1.0 / float(value)
    return tuple(tuple(r) for r in out)
