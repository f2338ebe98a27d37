"""The versioned JSON model format: schema, validation, loading and saving.

One format serves the bundled model, uploads, downloads, the command line and
the tests. The structure is checked by pydantic (types, ranges, unknown keys);
the cross-references (unknown or duplicated ids, matrix shapes, reciprocity)
are checked by :func:`reference_problems`. Every problem is reported with its
JSON path, all at once, as a :class:`~anp_core.errors.ModelValidationError`.

The schema is documented in ``data/README.md`` and published as JSON Schema in
``data/schema/anp-model.v1.schema.json`` (see :func:`json_schema`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from anp_core.errors import InvalidJudgmentError, ModelValidationError
from anp_core.pairwise import PairwiseMatrix

__all__ = [
    "MAX_FILE_BYTES",
    "SCHEMA_VERSION",
    "Cluster",
    "Comparison",
    "ComparisonKey",
    "CriteriaComparison",
    "Criterion",
    "Ecosystem",
    "Model",
    "Node",
    "Population",
    "Relation",
    "dump_model",
    "json_schema",
    "load_model",
    "reference_problems",
    "save_model",
]

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ELEMENTS = 200  # elements of one pairwise matrix
MAX_NESTING = 64  # JSON depth accepted before parsing

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        min_length=1,
        max_length=64,
        description="stable identifier: lower-case letters, digits, _",
    ),
]
Text = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=5000)]
Judgment = Annotated[float, Field(gt=0, allow_inf_nan=False, strict=True)]  # strict: no "3" or true
Row = Annotated[tuple[Judgment, ...], Field(min_length=1, max_length=MAX_ELEMENTS)]
Matrix = Annotated[tuple[Row, ...], Field(min_length=1, max_length=MAX_ELEMENTS)]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Node(_Frozen):
    """A factor (network node) or an ecosystem member."""

    id: Id
    name: Text
    description: LongText = ""


class Cluster(_Frozen):
    """A cluster of factors (an internal-factor dimension in paper 000)."""

    id: Id
    name: Text
    description: LongText = ""
    nodes: Annotated[tuple[Node, ...], Field(min_length=1, max_length=MAX_ELEMENTS)]


class Criterion(_Frozen):
    """A control criterion (an external-environment factor in paper 000).

    Only the criteria listed in ``criteria_comparison.elements`` form the
    control layer; the others (natural geography) stay in the model with the
    reason they were excluded in ``excluded_reason``.
    """

    id: Id
    name: Text
    description: LongText = ""
    examples: tuple[Text, ...] = ()
    excluded_reason: LongText | None = None


class Population(_Frozen):
    """An ecosystem population (Table 1 of paper 000) and its member nodes."""

    id: Id
    name: Text
    role: Literal["keystone", "key", "supporting", "parasitic"]
    description: LongText = ""
    members: tuple[Node, ...] = ()


class Relation(_Frozen):
    """A described relation between two ecosystem elements (any ids)."""

    source: Id
    target: Id
    label: Text = ""


class Ecosystem(_Frozen):
    """The business-ecosystem description drawn in the Ecosystem diagram."""

    populations: tuple[Population, ...] = ()
    relations: tuple[Relation, ...] = ()


class CriteriaComparison(_Frozen):
    """Pairwise comparison of the control criteria (gives the weights v)."""

    elements: Annotated[tuple[Id, ...], Field(min_length=1, max_length=MAX_ELEMENTS)]
    matrix: Matrix
    note: LongText = ""


ComparisonKey = tuple[str, str, str, str | None]


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

    @property
    def key(self) -> ComparisonKey:
        """Identity of the comparison: (criterion, kind, wrt, cluster)."""
        return (self.criterion, self.kind, self.wrt, self.cluster)


class NetworkFingerprint:
    """Hashable content of one criterion's network, with its hash computed once."""

    __slots__ = ("_hash", "content")

    def __init__(self, content: tuple[Any, ...]) -> None:
        self.content = content
        self._hash = hash(content)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, NetworkFingerprint)
            and self._hash == other._hash
            and self.content == other.content
        )


class Source(_Frozen):
    """Where the model comes from."""

    citation: LongText
    notes: LongText = ""


class Model(_Frozen):
    """An ANP model with control criteria (schema version 1)."""

    schema_version: Literal[1]
    id: Id
    name: Text
    description: LongText = ""
    source: Source | None = None
    ecosystem: Ecosystem = Ecosystem()
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1, max_length=50)]
    criteria_comparison: CriteriaComparison
    clusters: Annotated[tuple[Cluster, ...], Field(min_length=1, max_length=200)]
    comparisons: Annotated[tuple[Comparison, ...], Field(max_length=20_000)]

    @model_validator(mode="after")
    def _check_references(self) -> Model:
        problems = reference_problems(self)
        if problems:
            raise PydanticCustomError(
                "anp_references",
                "{count} reference problem(s)",
                {"count": len(problems), "problems": problems},
            )
        return self

    # ----- derived lookups (computed once per immutable model) -----
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
        """Factor ids in cluster order (the supermatrix order)."""
        return tuple(n.id for c in self.clusters for n in c.nodes)

    @cached_property
    def node_by_id(self) -> dict[str, Node]:
        """Factor nodes keyed by id."""
        return {n.id: n for c in self.clusters for n in c.nodes}

    @cached_property
    def cluster_of(self) -> dict[str, str]:
        """Cluster id of each factor id."""
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
    def network_keys(self) -> dict[str, NetworkFingerprint]:
        """Content fingerprint of each criterion's network (structure + comparisons).

        Two models with equal fingerprints for a criterion have identical
        supermatrices under it; the evaluation cache is keyed by this.
        """
        structure = tuple((c.id, tuple((n.id, n.name) for n in c.nodes)) for c in self.clusters)
        return {
            k: NetworkFingerprint((structure, k, comps)) for k, comps in self.comparisons_by_criterion.items()
        }

    @cached_property
    def names(self) -> dict[str, str]:
        """Display names of every criterion, cluster, factor, population and member id."""
        return _all_names(self)

    def label(self, any_id: str) -> str:
        """Display name of a criterion, cluster, factor or ecosystem member id."""
        return self.names.get(any_id, any_id)

    # ----- edits return new, validated models -----
    def with_comparisons(self, replacements: Iterable[Comparison]) -> Model:
        """Return a new model where comparisons with the same key are replaced.

        Comparisons whose key is new are appended. Only the replacements are
        validated (structure and references; the rest of the model was
        validated already), so an edit costs one small check, not a reload.
        Raises ModelValidationError listing every problem of the replacements.
        """
        repl: dict[ComparisonKey, Comparison] = {}
        problems: list[tuple[str, str]] = []
        criteria = set(self.criterion_by_id)
        clusters = {c.id: {n.id for n in c.nodes} for c in self.clusters}
        nodes = set(self.node_by_id)
        for i, c in enumerate(replacements):
            try:
                checked = Comparison.model_validate(
                    c.model_dump(mode="python") if isinstance(c, BaseModel) else c
                )
            except ValidationError as exc:
                problems += [
                    (f"replacements[{i}].{p}", m) for p, m in model_error_from_pydantic(exc).problems
                ]
                continue
            problems += comparison_problems(checked, f"replacements[{i}]", criteria, clusters, nodes)
            repl[checked.key] = checked
        if problems:
            raise ModelValidationError(problems)
        kept = tuple(repl.pop(c.key, c) for c in self.comparisons)
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        fields["comparisons"] = kept + tuple(repl.values())
        return type(self).model_construct(**fields)

    def with_judgment(self, key: ComparisonKey, row: str, col: str, value: float) -> Model:
        """Return a new model with judgment ``(row, col) = value`` (and reciprocal).

        ``key`` is a comparison key ``(criterion, kind, wrt, cluster)`` or
        ``("criteria",)``-like key ``("", "criteria", "", None)`` for the
        criteria comparison. Raises ModelValidationError on a bad value.
        """
        if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
            raise ModelValidationError(
                [
                    (
                        f"judgment ({row}, {col})",
                        f"{value!r} — judgments must be finite and > 0",
                    )
                ]
            )
        if key[1] == "criteria":
            cc = self.criteria_comparison
            matrix = _set_pair(cc.elements, cc.matrix, row, col, value)
            problems = _matrix_problems("criteria_comparison", cc.elements, matrix, "criteria comparison")
            if problems:
                raise ModelValidationError(problems)
            fields = {name: getattr(self, name) for name in type(self).model_fields}
            fields["criteria_comparison"] = cc.model_copy(update={"matrix": matrix})
            return type(self).model_construct(**fields)
        comp = self.comparison_by_key.get(key)
        if comp is None:
            raise ModelValidationError([("comparisons", f"no comparison with key {key}")])
        matrix = _set_pair(comp.elements, comp.matrix, row, col, value)
        return self.with_comparisons([comp.model_copy(update={"matrix": matrix})])


def _set_pair(
    elements: tuple[str, ...],
    matrix: tuple[tuple[float, ...], ...],
    row: str,
    col: str,
    value: float,
) -> tuple[tuple[float, ...], ...]:
    try:
        i, j = elements.index(row), elements.index(col)
    except ValueError:
        raise ModelValidationError(
            [(f"judgment ({row}, {col})", "not an element of this comparison")]
        ) from None
    if i == j:
        raise ModelValidationError([(f"judgment ({row}, {col})", "the diagonal is fixed at 1")])
    out = [list(r) for r in matrix]
    out[i][j] = float(value)
    out[j][i] = 1.0 / float(value)
    return tuple(tuple(r) for r in out)


def _all_names(model: Model) -> dict[str, str]:
    names: dict[str, str] = {}
    for c in model.criteria:
        names[c.id] = c.name
    for cl in model.clusters:
        names[cl.id] = cl.name
        for n in cl.nodes:
            names[n.id] = n.name
    for p in model.ecosystem.populations:
        names[p.id] = p.name
        for m in p.members:
            names[m.id] = m.name
    return names


def _matrix_problems(path: str, elements: tuple[str, ...], matrix: Any, name: str) -> list[tuple[str, str]]:
    n = len(elements)
    if len(matrix) != n or any(len(r) != n for r in matrix):
        shape = f"{len(matrix)} x {max((len(r) for r in matrix), default=0)}"
        return [
            (
                f"{path}.matrix",
                f"shape {shape} does not match {n} elements (needs {n} x {n})",
            )
        ]
    try:
        PairwiseMatrix(np.array(matrix, dtype=float), elements, name=name)
    except InvalidJudgmentError as exc:
        return [(f"{path}.matrix", str(exc))]
    return []


def comparison_problems(
    comp: Comparison,
    path: str,
    criteria: set[str],
    clusters: Mapping[str, set[str]],
    nodes: set[str],
) -> list[tuple[str, str]]:
    """Return the reference problems of one comparison (ids, shape, matrix)."""
    out: list[tuple[str, str]] = []
    if comp.criterion not in criteria:
        out.append((f"{path}.criterion", f"unknown criterion {comp.criterion!r}"))
    if len(set(comp.elements)) != len(comp.elements):
        out.append((f"{path}.elements", "an element is listed twice"))
    if comp.kind == "nodes":
        if comp.cluster is None:
            out.append(
                (
                    f"{path}.cluster",
                    "a 'nodes' comparison needs the cluster whose nodes it compares",
                )
            )
        elif comp.cluster not in clusters:
            out.append((f"{path}.cluster", f"unknown cluster {comp.cluster!r}"))
        else:
            for k, e in enumerate(comp.elements):
                if e not in clusters[comp.cluster]:
                    out.append(
                        (
                            f"{path}.elements[{k}]",
                            f"{e!r} is not a node of cluster {comp.cluster!r}",
                        )
                    )
        if comp.wrt != comp.criterion and comp.wrt not in clusters and comp.wrt not in nodes:
            out.append(
                (
                    f"{path}.wrt",
                    f"{comp.wrt!r} is not this criterion, a cluster or a node",
                )
            )
    else:
        if comp.cluster is not None:
            out.append(
                (
                    f"{path}.cluster",
                    "a 'clusters' comparison takes no cluster field",
                )
            )
        for k, e in enumerate(comp.elements):
            if e not in clusters:
                out.append((f"{path}.elements[{k}]", f"unknown cluster {e!r}"))
        if comp.wrt != comp.criterion and comp.wrt not in clusters:
            out.append((f"{path}.wrt", f"{comp.wrt!r} is not this criterion or a cluster"))
    out += _matrix_problems(path, comp.elements, comp.matrix, f"comparison {comp.criterion}/{comp.wrt}")
    return out


def reference_problems(model: Model) -> list[tuple[str, str]]:
    """Return every cross-reference problem of a structurally valid model.

    Checks: ids are unique across criteria, clusters, factors, populations
    and members; every referenced id exists and has the right type; matrices
    are ``len(elements)`` square and valid pairwise matrices (positive,
    unit diagonal, reciprocal within 1e-6); comparison keys are unique; every
    control criterion has a network. Returns ``(json_path, message)`` pairs.
    """
    problems: list[tuple[str, str]] = []
    seen: dict[str, str] = {}

    def claim(any_id: str, path: str) -> None:
        if any_id in seen:
            problems.append((path, f"duplicate id {any_id!r} (first used at {seen[any_id]})"))
        else:
            seen[any_id] = path

    for i, c in enumerate(model.criteria):
        claim(c.id, f"criteria[{i}].id")
    for i, cl in enumerate(model.clusters):
        claim(cl.id, f"clusters[{i}].id")
        for j, n in enumerate(cl.nodes):
            claim(n.id, f"clusters[{i}].nodes[{j}].id")
    for i, p in enumerate(model.ecosystem.populations):
        claim(p.id, f"ecosystem.populations[{i}].id")
        for j, m in enumerate(p.members):
            claim(m.id, f"ecosystem.populations[{i}].members[{j}].id")

    criteria = {c.id for c in model.criteria}
    clusters = {c.id: {n.id for n in c.nodes} for c in model.clusters}
    nodes = {n for ns in clusters.values() for n in ns}

    cc = model.criteria_comparison
    for k, e in enumerate(cc.elements):
        if e not in criteria:
            problems.append((f"criteria_comparison.elements[{k}]", f"unknown criterion {e!r}"))
    if len(set(cc.elements)) != len(cc.elements):
        problems.append(("criteria_comparison.elements", "an element is listed twice"))
    problems += _matrix_problems("criteria_comparison", cc.elements, cc.matrix, "criteria comparison")
    for k, e in enumerate(cc.elements):
        crit = model.criterion_by_id.get(e)
        if crit is not None and crit.excluded_reason is not None:
            problems.append(
                (
                    f"criteria_comparison.elements[{k}]",
                    f"criterion {e!r} has an excluded_reason but is in the control layer",
                )
            )

    keys: dict[ComparisonKey, int] = {}
    networked: set[str] = set()
    for i, comp in enumerate(model.comparisons):
        path = f"comparisons[{i}]"
        if comp.key in keys:
            problems.append(
                (
                    path,
                    f"duplicates comparisons[{keys[comp.key]}] (same criterion, kind, wrt, cluster)",
                )
            )
        keys.setdefault(comp.key, i)
        if comp.kind == "nodes":
            networked.add(comp.criterion)
        problems += comparison_problems(comp, path, criteria, clusters, nodes)

    for k, e in enumerate(cc.elements):
        if e in criteria and e not in networked:
            problems.append(
                (
                    f"criteria_comparison.elements[{k}]",
                    f"control criterion {e!r} has no network (no 'nodes' comparison)",
                )
            )

    for i, r in enumerate(model.ecosystem.relations):
        for end in ("source", "target"):
            ref = getattr(r, end)
            if ref not in seen:
                problems.append((f"ecosystem.relations[{i}].{end}", f"unknown id {ref!r}"))
    return problems


def _format_loc(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def model_error_from_pydantic(err: ValidationError) -> ModelValidationError:
    """Convert a pydantic ValidationError into a ModelValidationError with JSON paths."""
    problems: list[tuple[str, str]] = []
    for e in err.errors(include_url=False):
        if e["type"] == "anp_references":
            problems += [tuple(p) for p in e["ctx"]["problems"]]  # type: ignore[misc]
            continue
        problems.append((_format_loc(e["loc"]), e["msg"]))
    return ModelValidationError(problems)


def _json_depth_ok(text: str) -> bool:
    depth = 0
    in_str = esc = False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return False
        elif ch in "]}":
            depth -= 1
    return True


def _reject_constant(token: str) -> None:
    raise ValueError(token)


def _too_big(what: str, size: int) -> ModelValidationError:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return ModelValidationError([("(file)", f"{what} is {size / 1e6:.1f} MB; the limit is {limit} MB")])


def _parse_json(raw: bytes | str) -> Any:
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_FILE_BYTES:
        raise _too_big("the file", size)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        raise ModelValidationError(
            [("(file)", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
        ) from None
    if not _json_depth_ok(text):
        raise ModelValidationError([("(file)", f"JSON nested deeper than {MAX_NESTING} levels")])
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ModelValidationError(
            [
                (
                    "(file)",
                    f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                )
            ]
        ) from None
    except ValueError as exc:
        raise ModelValidationError(
            [("(file)", f"not valid JSON: {exc} is not a number JSON allows")]
        ) from None
    except RecursionError:
        raise ModelValidationError([("(file)", "JSON nested too deeply")]) from None


def load_model(source: str | Path | bytes | Mapping[str, Any]) -> Model:
    """Load and validate a model from a path, JSON bytes/text or a dict.

    A ``str`` is taken as a path unless it starts with ``{``. Files over
    5 MB, invalid JSON, ``NaN``/``Infinity`` and every schema or reference
    problem raise :class:`ModelValidationError` listing all problems with
    their JSON paths; nothing else escapes.

    Examples
    --------
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> len(m.node_ids), m.control_criteria[0]
    (20, 'policy')
    """
    if isinstance(source, Mapping):
        data: Any = source
    elif isinstance(source, bytes) or (isinstance(source, str) and source.lstrip().startswith("{")):
        data = _parse_json(source)
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise _too_big(path.name, size)
            raw = path.read_bytes()
        except OSError as exc:
            raise ModelValidationError([("(file)", f"cannot read {path}: {exc.strerror}")]) from None
        data = _parse_json(raw)
    if not isinstance(data, Mapping):
        raise ModelValidationError([("(root)", f"a model must be a JSON object, got {type(data).__name__}")])
    try:
        return Model.model_validate(data)
    except ValidationError as exc:
        raise model_error_from_pydantic(exc) from None
    except RecursionError:
        raise ModelValidationError([("(root)", "structure nested too deeply")]) from None


def dump_model(model: Model) -> str:
    """Serialise a model to the canonical JSON text (indent 1, UTF-8)."""
    return model.model_dump_json(indent=1, exclude_defaults=False) + "\n"


def save_model(model: Model, path: str | Path) -> None:
    """Write a model as JSON; ``load_model(path)`` gives back an equal model."""
    Path(path).write_text(dump_model(model), encoding="utf-8")


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the model format (version 1)."""
    return Model.model_json_schema()
