"""Cross-reference checks of a structurally valid model, and pydantic errors as JSON paths.

Pydantic checks types and ranges (:mod:`anp_core.model_schema`); these
functions check what one field says about another: ids unique and known,
matrices square, valid and reciprocal, every control criterion networked,
names distinct, and the optional sections pointing at real ids. Every problem
comes back as ``(json_path, message)`` so a user sees all of them at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from anp_core import budget
from anp_core.errors import InvalidJudgmentError, ModelValidationError
from anp_core.i18n import N_, placeholders
from anp_core.messages import Join, Message, message, nmessage, verbatim
from anp_core.pairwise import validated_matrix

if TYPE_CHECKING:
    from anp_core.model_schema import Comparison, Model

__all__ = [
    "Problem",
    "comparison_messages",
    "comparison_problems",
    "matrix_messages",
    "matrix_problems",
    "model_error_from_pydantic",
    "name_key",
    "pydantic_message",
    "reference_messages",
    "reference_problems",
]


def name_key(name: str) -> str:
    """Comparison key of a display name: NFC-normalised, case-folded, trimmed.

    Two names with the same key read the same to a user (``Logistics`` and
    ``logistics``, or an ``é`` typed as one or as two code points), so the
    model refuses them side by side.
    """
    return unicodedata.normalize("NFC", name).casefold().strip()


#: A problem: its JSON path and what is wrong, as a translatable message.
Problem = tuple[str, Message]


def _rendered(found: list[Problem]) -> list[tuple[str, str]]:
    return [(path, text.render()) for path, text in found]


def matrix_problems(path: str, elements: tuple[str, ...], matrix: Any, name: str) -> list[tuple[str, str]]:
    """Return the problems of one judgment matrix (shape, values, reciprocity, connection)."""
    return _rendered(matrix_messages(path, elements, matrix, name))


def matrix_messages(path: str, elements: tuple[str, ...], matrix: Any, name: str) -> list[Problem]:
    """Return :func:`matrix_problems` as translatable messages (a judgment's own error stays as it is)."""
    n = len(elements)
    if len(matrix) != n or any(len(r) != n for r in matrix):
        shape = f"{len(matrix)} x {max((len(r) for r in matrix), default=0)}"
        text = message(N_("shape {shape} does not match {n} elements (needs {n} x {n})"), shape=shape, n=n)
        return [(f"{path}.matrix", text)]
    try:
        validated_matrix(tuple(tuple(r) for r in matrix), tuple(elements), name)
    except InvalidJudgmentError as exc:
        if exc.text is None:
            return [(f"{path}.matrix", verbatim(str(exc)))]
        fields = tuple((k, _matrix_title(name) if k == "name" else v) for k, v in exc.text.fields)
        return [(f"{path}.matrix", replace(exc.text, fields=fields))]
    return []


def _matrix_title(name: str) -> Message | str:
    """Return the matrix's name in a judgment's message, translatable (the same English)."""
    if name == "criteria comparison":
        return message(N_("criteria comparison"))
    if name.startswith("comparison "):
        return message(N_("comparison {which}"), which=name.removeprefix("comparison "))
    return name


def comparison_problems(
    comp: Comparison,
    path: str,
    criteria: set[str],
    clusters: Mapping[str, set[str]],
    nodes: set[str],
) -> list[tuple[str, str]]:
    """Return the reference problems of one comparison (ids, shape, matrix)."""
    return _rendered(comparison_messages(comp, path, criteria, clusters, nodes))


def comparison_messages(
    comp: Comparison,
    path: str,
    criteria: set[str],
    clusters: Mapping[str, set[str]],
    nodes: set[str],
) -> list[Problem]:
    """Return :func:`comparison_problems` as translatable messages."""
    out: list[Problem] = []
    if comp.criterion not in criteria:
        out.append((f"{path}.criterion", message(N_("unknown criterion {id}"), id=repr(comp.criterion))))
    if len(set(comp.elements)) != len(comp.elements):
        out.append((f"{path}.elements", message(N_("an element is listed twice"))))
    if comp.kind == "nodes":
        if comp.cluster is None:
            text = message(N_("a 'nodes' comparison needs the cluster whose nodes it compares"))
            out.append((f"{path}.cluster", text))
        elif comp.cluster not in clusters:
            out.append((f"{path}.cluster", message(N_("unknown cluster {id}"), id=repr(comp.cluster))))
        else:
            for k, e in enumerate(comp.elements):
                if e not in clusters[comp.cluster]:
                    text = message(
                        N_("{id} is not a node of cluster {cluster}"), id=repr(e), cluster=repr(comp.cluster)
                    )
                    out.append((f"{path}.elements[{k}]", text))
        if comp.wrt != comp.criterion and comp.wrt not in clusters and comp.wrt not in nodes:
            text = message(N_("{id} is not this criterion, a cluster or a node"), id=repr(comp.wrt))
            out.append((f"{path}.wrt", text))
    else:
        if comp.cluster is not None:
            out.append((f"{path}.cluster", message(N_("a 'clusters' comparison takes no cluster field"))))
        for k, e in enumerate(comp.elements):
            if e not in clusters:
                out.append((f"{path}.elements[{k}]", message(N_("unknown cluster {id}"), id=repr(e))))
        if comp.wrt != comp.criterion and comp.wrt not in clusters:
            text = message(N_("{id} is not this criterion or a cluster"), id=repr(comp.wrt))
            out.append((f"{path}.wrt", text))
    out += matrix_messages(path, comp.elements, comp.matrix, f"comparison {comp.criterion}/{comp.wrt}")
    return out


def reference_problems(model: Model) -> list[tuple[str, str]]:
    """Return every cross-reference problem of a structurally valid model.

    Checks: ids are unique across criteria, clusters, nodes, populations
    and members; names are distinct (by :func:`name_key`) among criteria,
    among clusters and among nodes; every referenced id exists and has the
    right type; matrices are ``len(elements)`` square and valid pairwise
    matrices (positive, unit diagonal, reciprocal within 1e-6, missing
    judgments leaving the elements connected); comparison keys are unique;
    every control criterion has a network; ``ranked_clusters``,
    ``published`` and ``recommendations`` refer to known ids; and, first of
    all, the model fits the :mod:`anp_core.budget` (nodes, comparisons,
    memory), since nothing larger is worth checking further. Returns
    ``(json_path, message)`` pairs (:func:`reference_messages`: the messages
    translatable).
    """
    return _rendered(reference_messages(model))


def reference_messages(model: Model) -> list[Problem]:
    """Return :func:`reference_problems` as translatable messages."""
    n_nodes = sum(len(c.nodes) for c in model.clusters)
    n_networks = len({c.criterion for c in model.comparisons if c.kind == "nodes"})
    over = budget.problem_messages(n_nodes, len(model.comparisons), n_networks)
    if over:
        return over  # nothing larger than the budget is looked at
    problems: list[Problem] = []
    seen: dict[str, str] = {}

    def claim(any_id: str, path: str) -> None:
        if any_id in seen:
            text = message(
                N_("duplicate id {id} (first used at {first})"), id=repr(any_id), first=seen[any_id]
            )
            problems.append((path, text))
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
            problems.append(
                (f"criteria_comparison.elements[{k}]", message(N_("unknown criterion {id}"), id=repr(e)))
            )
    if len(set(cc.elements)) != len(cc.elements):
        problems.append(("criteria_comparison.elements", message(N_("an element is listed twice"))))
    problems += matrix_messages("criteria_comparison", cc.elements, cc.matrix, "criteria comparison")
    for k, e in enumerate(cc.elements):
        crit = model.criterion_by_id.get(e)
        if crit is not None and crit.excluded_reason is not None:
            text = message(
                N_("criterion {id} has an excluded_reason but is in the control layer"), id=repr(e)
            )
            problems.append((f"criteria_comparison.elements[{k}]", text))

    keys: dict[tuple[str, str, str, str | None], int] = {}
    networked: set[str] = set()
    for i, comp in enumerate(model.comparisons):
        path = f"comparisons[{i}]"
        if comp.key in keys:
            text = message(
                N_("duplicates comparisons[{first}] (same criterion, kind, wrt, cluster)"),
                first=keys[comp.key],
            )
            problems.append((path, text))
        keys.setdefault(comp.key, i)
        if comp.kind == "nodes":
            networked.add(comp.criterion)
        problems += comparison_messages(comp, path, criteria, clusters, nodes)

    for k, e in enumerate(cc.elements):
        if e in criteria and e not in networked:
            text = message(N_("control criterion {id} has no network (no 'nodes' comparison)"), id=repr(e))
            problems.append((f"criteria_comparison.elements[{k}]", text))

    for i, r in enumerate(model.ecosystem.relations):
        for end in ("source", "target"):
            ref = getattr(r, end)
            if ref not in seen:
                problems.append(
                    (f"ecosystem.relations[{i}].{end}", message(N_("unknown id {id}"), id=repr(ref)))
                )
    problems += _name_problems(model)
    problems += _section_problems(model, criteria, clusters, nodes)
    return problems


def _name_problems(model: Model) -> list[Problem]:
    groups: list[list[tuple[str, str]]] = [
        [(f"criteria[{i}].name", c.name) for i, c in enumerate(model.criteria)],
        [(f"clusters[{i}].name", c.name) for i, c in enumerate(model.clusters)],
        [
            (f"clusters[{i}].nodes[{j}].name", n.name)
            for i, c in enumerate(model.clusters)
            for j, n in enumerate(c.nodes)
        ],
    ]
    problems: list[Problem] = []
    for group in groups:
        first: dict[str, tuple[str, str]] = {}
        for path, name in group:
            key = name_key(name)
            if not key:
                problems.append((path, message(N_("a name must not be empty"))))
            elif key in first:
                other_path, other = first[key]
                if other == name:
                    text = message(
                        N_("{name} is the same name at {other_path}; names must be distinct"),
                        name=repr(name),
                        other_path=other_path,
                    )
                else:
                    text = message(
                        N_(
                            "{name} is the same name as {other} (case or accents) at {other_path}; "
                            "names must be distinct"
                        ),
                        name=repr(name),
                        other=repr(other),
                        other_path=other_path,
                    )
                problems.append((path, text))
            else:
                first[key] = (path, name)
    return problems


def _section_problems(
    model: Model, criteria: set[str], clusters: Mapping[str, set[str]], nodes: set[str]
) -> list[Problem]:
    problems: list[Problem] = []
    for k, c in enumerate(model.ranked_clusters):
        if c not in clusters:
            problems.append((f"ranked_clusters[{k}]", message(N_("unknown cluster {id}"), id=repr(c))))
    if len(set(model.ranked_clusters)) != len(model.ranked_clusters):
        problems.append(("ranked_clusters", message(N_("a cluster is listed twice"))))
    pub = model.published
    if pub is not None:
        for c in [*pub.criterion_weights, *(c for r in pub.rows for c in r.by_criterion)]:
            if c not in criteria:
                problems.append(("published", message(N_("unknown criterion {id}"), id=repr(c))))
                break
        for c in pub.cluster_weights:
            if c not in clusters:
                problems.append(
                    ("published.cluster_weights", message(N_("unknown cluster {id}"), id=repr(c)))
                )
        seen_rows: set[str] = set()
        for i, r in enumerate(pub.rows):
            if r.node not in nodes:
                problems.append(
                    (f"published.rows[{i}].node", message(N_("unknown node {id}"), id=repr(r.node)))
                )
            elif r.node in seen_rows:
                problems.append(
                    (f"published.rows[{i}].node", message(N_("{id} has two rows"), id=repr(r.node)))
                )
            seen_rows.add(r.node)
    rec_ids: set[str] = set()
    for i, rec in enumerate(model.recommendations):
        if rec.id in rec_ids:
            text = message(N_("duplicate recommendation id {id}"), id=repr(rec.id))
            problems.append((f"recommendations[{i}].id", text))
        rec_ids.add(rec.id)
        for j, link in enumerate(rec.links):
            if link.node not in nodes:
                text = message(N_("unknown node {id}"), id=repr(link.node))
                problems.append((f"recommendations[{i}].links[{j}].node", text))
    return problems


def format_loc(loc: Iterable[int | str]) -> str:
    """Return a pydantic location as a JSON path (``comparisons[3].matrix[0][2]``)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


#: pydantic's error types that a model, draft or scenario file can raise, as translatable templates.
#: The English is pydantic's own wording; the fields are the error's ``ctx``.
_PYDANTIC: dict[str, str] = {
    "missing": N_("Field required"),
    "extra_forbidden": N_("Extra inputs are not permitted"),
    "string_type": N_("Input should be a valid string"),
    "string_unicode": N_("Input should be a valid string"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "finite_number": N_("Input should be a finite number"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary or instance of {class_name}"),
    "model_attributes_type": N_("Input should be a valid dictionary or object to extract fields from"),
    "list_type": N_("Input should be a valid list"),
    "tuple_type": N_("Input should be a valid list"),
    "set_type": N_("Input should be a valid list"),
    "literal_error": N_("Input should be {expected}"),
    "none_required": N_("Input should be None"),
    "json_invalid": N_("Invalid JSON: {error}"),
    "recursion_loop": N_("Recursion error - cyclic reference detected"),
}
#: pydantic's ``field_type`` of a length error (a JSON array or object).
_FIELD_TYPES: dict[str, str] = {
    "Tuple": N_("List"),
    "List": N_("List"),
    "Set": N_("List"),
    "Dictionary": N_("Object"),
    "Data": N_("Value"),
    "Value": N_("Value"),
}
_ALTERNATIVE = re.compile(r", | or ")


def _alternatives(expected: str) -> Message | str:
    """Pydantic's ``'a', 'b' or 'c'`` with a translated "or" and list separator."""
    parts = _ALTERNATIVE.split(expected)
    if len(parts) < 2:
        return expected
    return message(N_("{first} or {last}"), first=Join(tuple(parts[:-1])), last=parts[-1])


def pydantic_message(error: Mapping[str, Any]) -> Message:
    """Return one pydantic error as a translatable :class:`~anp_core.messages.Message`.

    Built from the error's structure (``type``, ``loc``, ``ctx``), not its
    English text: the error types a model file can raise have a template
    each (pydantic's wording); a ``value_error`` raised by our own
    validators with a :class:`~anp_core.messages.MessageError` gives that
    message; any other error a translated sentence that names its location
    and quotes pydantic's English.

    Examples
    --------
    >>> from anp_core.i18n import translator
    >>> pydantic_message({"type": "greater_than", "loc": ("matrix", 0, 1), "ctx": {"gt": 0.0}}).render()
    'Input should be greater than 0'
    >>> pydantic_message({"type": "missing", "loc": ("clusters", 2, "name")}).render(translator("zh"))
    '缺少必填字段'
    """
    kind = str(error.get("type", ""))
    ctx = dict(error.get("ctx") or {})
    if kind == "value_error":
        cause = ctx.get("error")
        text = getattr(cause, "text", None)
        if isinstance(text, Message):
            return text
    if kind in ("too_short", "too_long"):
        field = _FIELD_TYPES.get(str(ctx.get("field_type", "")), N_("Value"))
        bound = int(ctx.get("min_length" if kind == "too_short" else "max_length", 0))
        actual = ctx.get("actual_length")
        fields: dict[str, Any] = {
            "field_type": message(field),
            "actual": "" if actual is None else int(actual),
        }
        if kind == "too_short":
            return nmessage(
                "{field_type} should have at least {n} item, not {actual}",
                "{field_type} should have at least {n} items, not {actual}",
                bound,
                **fields,
            )
        return nmessage(
            "{field_type} should have at most {n} item, not {actual}",
            "{field_type} should have at most {n} items, not {actual}",
            bound,
            **fields,
        )
    if kind in ("string_too_short", "string_too_long"):
        if kind == "string_too_short":
            n = int(ctx.get("min_length", 0))
            return nmessage(
                "Text should have at least {n} character", "Text should have at least {n} characters", n
            )
        n = int(ctx.get("max_length", 0))
        return nmessage(
            "Text should have at most {n} character", "Text should have at most {n} characters", n
        )
    template = _PYDANTIC.get(kind)
    if template is not None:
        values: dict[str, Any] = {k: _ctx_value(v) for k, v in ctx.items() if f"{{{k}" in template}
        if kind == "literal_error":
            values["expected"] = _alternatives(str(ctx.get("expected", "")))
        if placeholders(template) <= set(values):
            return message(template, **values)
    detail = str(error.get("msg", "")) or kind
    return message(
        N_("The value at {loc} is not valid: {detail}"), loc=format_loc(error.get("loc", ())), detail=detail
    )


def _ctx_value(v: Any) -> str | int | float:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v if isinstance(v, int | float) else str(v)


#: pydantic errors listed one by one; the rest are grouped (:func:`model_error_from_pydantic`).
MAX_LISTED_ERRORS = 100


def model_error_from_pydantic(err: ValidationError) -> ModelValidationError:
    """Convert a pydantic ValidationError into a ModelValidationError with JSON paths.

    Each problem keeps pydantic's English message (``str(err)``, the CLI) and
    a translatable text built from the error's structure
    (:func:`pydantic_message`). The first :data:`MAX_LISTED_ERRORS` errors
    are a problem each; beyond them, errors of one type at paths that differ
    only in list positions are one problem, at a path with ``[*]`` and with
    their number (a file with a million wrong list items gets a short answer,
    not a million lines).
    """
    problems: list[tuple[str, str]] = []
    texts: list[Message | None] = []
    errors = err.errors(include_url=False)
    for e in errors[:MAX_LISTED_ERRORS]:
        if e["type"] == "anp_references":
            found = [(str(p[0]), str(p[1])) for p in e["ctx"]["problems"]]
            given = list(e["ctx"].get("texts") or ())
            problems += found
            texts += [t if isinstance(t, Message) else None for t in given[: len(found)]]
            texts += [None] * (len(found) - len(given[: len(found)]))
            continue
        problems.append((format_loc(e["loc"]), e["msg"]))
        texts.append(pydantic_message(e))
    grouped: dict[tuple[str, str], tuple[Any, int]] = {}
    for e in errors[MAX_LISTED_ERRORS:]:
        key = (e["type"], format_loc(-1 if type(p) is int else p for p in e["loc"]).replace("[-1]", "[*]"))
        first, n = grouped.get(key, (e, 0))
        grouped[key] = (first, n + 1)
    for (_kind, path), (first, n) in grouped.items():
        if n == 1:
            problems.append((format_loc(first["loc"]), first["msg"]))
            texts.append(pydantic_message(first))
        else:
            places = f"{n:,}"
            problems.append((path, f"{first['msg']} (at {places} places)"))
            texts.append(
                nmessage(
                    "{text} (at {places} place)",
                    "{text} (at {places} places)",
                    n,
                    text=pydantic_message(first),
                    places=places,
                )
            )
    return ModelValidationError(problems, texts)
