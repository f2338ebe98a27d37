"""Panels on whole models: list a model's matrices, aggregate experts' copies, apply a group result.

A model's *matrices* are its criteria comparison and each of its
``comparisons``; each is named by a key ``(criterion, kind, wrt, cluster)``,
the criteria comparison by :data:`CRITERIA_KEY` (the key
:meth:`anp_core.Model.with_judgment` takes for it).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from anp_core.aggregation import Aggregate, aggregate
from anp_core.errors import InvalidJudgmentError, ModelValidationError
from anp_core.i18n import LANGUAGES, N_, translator
from anp_core.model_file import Model, load_model
from anp_core.model_schema import CRITERIA_KEY, ComparisonKey

__all__ = [
    "CRITERIA_KEY",
    "MatrixKey",
    "MatrixSpec",
    "ModelAggregate",
    "aggregate_models",
    "aggregated_source",
    "apply_aggregates",
    "key_from_text",
    "key_text",
    "model_matrices",
    "provenance_note",
]

MatrixKey = ComparisonKey


@dataclass(frozen=True)
class MatrixSpec:
    """One pairwise matrix of a model: key, elements, display names and judgments (NaN = missing)."""

    key: MatrixKey
    elements: tuple[str, ...]
    labels: tuple[str, ...]
    title: str
    question: str
    values: tuple[tuple[float, ...], ...]

    @property
    def n(self) -> int:
        """Number of compared elements."""
        return len(self.elements)

    @property
    def n_pairs(self) -> int:
        """Number of pairs above the diagonal."""
        return self.n * (self.n - 1) // 2


def key_text(key: MatrixKey) -> str:
    """Return a stable text form of a matrix key (``criteria`` or ``crit/kind/wrt/cluster``).

    Examples
    --------
    >>> key_text(CRITERIA_KEY), key_text(("policy", "nodes", "policy", "c1"))
    ('criteria', 'policy/nodes/policy/c1')
    """
    if key[1] == "criteria":
        return "criteria"
    return "/".join([key[0], key[1], key[2], key[3] or "-"])


def key_from_text(text: str) -> MatrixKey:
    """Inverse of :func:`key_text`; raises ValueError on a malformed key.

    Examples
    --------
    >>> key_from_text("policy/clusters/policy/-")
    ('policy', 'clusters', 'policy', None)
    """
    if text == "criteria":
        return CRITERIA_KEY
    parts = text.split("/")
    if len(parts) != 4 or parts[1] not in ("nodes", "clusters") or not all(parts):
        msg = f"{text!r} is not a matrix key"
        raise ValueError(msg)
    return (parts[0], parts[1], parts[2], None if parts[3] == "-" else parts[3])


def _values(matrix: Sequence[Sequence[float | None]]) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(math.nan if v is None else float(v) for v in row) for row in matrix)


def model_matrices(model: Model) -> tuple[MatrixSpec, ...]:
    """Return every pairwise matrix of ``model``: the criteria comparison first, then file order."""
    cc = model.criteria_comparison
    out = [
        MatrixSpec(
            key=CRITERIA_KEY,
            elements=tuple(cc.elements),
            labels=tuple(model.label(e) for e in cc.elements),
            title="Control criteria",
            question="Which criterion matters more for the decision, and how much more?",
            values=_values(cc.matrix),
        )
    ]
    for c in model.comparisons:
        crit = model.label(c.criterion)
        wrt = crit if c.wrt == c.criterion else model.label(c.wrt)
        if c.kind == "clusters":
            title = f"{crit}: clusters with respect to {wrt}"
            question = f"Under {crit}, which cluster has more influence on {wrt}, and how much more?"
        else:
            cl = model.label(c.cluster or "")
            title = f"{crit}: factors of {cl} with respect to {wrt}"
            question = f"Under {crit}, which factor of {cl} has more influence on {wrt}, and how much more?"
        out.append(
            MatrixSpec(
                key=c.key,
                elements=tuple(c.elements),
                labels=tuple(model.label(e) for e in c.elements),
                title=title,
                question=question,
                values=_values(c.matrix),
            )
        )
    return tuple(out)


def provenance_note(result: Aggregate, n_experts: int, source: str = "panel") -> str:
    """Return the note stored with an applied group matrix (method, experts, consensus, CR).

    Examples
    --------
    >>> g = aggregate([[[1, 2], [0.5, 1]], [[1, 3], [1 / 3, 1]]])
    >>> provenance_note(g, 2, "panel 'Class 3B'")
    "Group judgments from panel 'Class 3B': AIJ (weighted geometric mean of judgments) of 2 experts; consensus S* = 0.99 (very high, Goepel 2018); CR = 0.000."
    """
    how = (
        "AIJ (weighted geometric mean of judgments)"
        if result.method == "aij"
        else "AIP (weighted geometric mean of priorities; consistent matrix)"
    )
    cons = (
        f"consensus S* = {result.consensus.s_star:.2f} ({result.consensus.word}, Goepel 2018)"
        if result.consensus is not None
        else "consensus not defined (fewer than 2 experts)"
    )
    # Stored in the model file with the matrix (data, in English like the rest of the file).
    n_missing = len(result.missing_pairs)
    pairs = "pair" if n_missing == 1 else "pairs"
    filled = f"; {n_missing} {pairs} no expert judged filled by Harker's method" * bool(n_missing)
    cr = f"CR = {result.cr:.3f}" if result.cr is not None else "no group CR under AIP"
    return (
        f"Group judgments from {source}: {how} of {n_experts} expert{'s' if n_experts != 1 else ''}; "
        f"{cons}; {cr}{filled}."
    )


#: How :func:`aggregated_source` names the methods (the facilitator page's words, translated there too).
_METHOD_TEXT = {
    "aij": N_("AIJ (geometric mean of judgments)"),
    "aip": N_("AIP (geometric mean of priorities)"),
}
_SOURCE_TEXT = (
    N_("Aggregate of {source}: {method} of the judgments of one expert, answers as of {date}."),
    N_("Aggregate of {source}: {method} of the judgments of {n} experts, answers as of {date}."),
)
_OTHERS_TEXT = N_("The other {n} of the model's {total} matrices keep its earlier judgments.")
#: Start of the earlier source's description kept in the notes when only part of the matrices change.
_EARLIER = " Earlier judgments: "


def aggregated_source(
    model: Model,
    *,
    source: str,
    methods: Sequence[str],
    n_experts: int,
    keys: Collection[MatrixKey],
    when: date | None = None,
) -> dict[str, Any]:
    """Return the model's ``source`` section once its matrices ``keys`` hold a group aggregate.

    ``judgments`` becomes ``"aggregated"`` and ``notes`` says whose aggregate,
    by which method, of how many experts and as of when (``when``, default
    today UTC), in English and in every other interface language (the
    ``translations``; a translated note of the earlier source would no longer
    be true and is replaced). When matrices keep their earlier judgments, the
    notes say how many (of those with two elements or more: a single element
    has no judgment) and keep the earlier kind and notes (in English). The
    citation is kept. Applying the same aggregate again gives the same section.
    """
    old = model.source
    day = (when or datetime.now(UTC).date()).isoformat()
    judged = {s.key for s in model_matrices(model) if s.n >= 2}
    total, others = len(judged), len(judged - set(keys))
    method = " + ".join(sorted({m.upper() for m in methods}))
    kinds = sorted(set(methods))
    earlier = ""
    if others and old is not None:
        if old.judgments == "aggregated":  # applied again: keep what the first application kept
            earlier = old.notes[old.notes.index(_EARLIER) :] if _EARLIER in old.notes else ""
        else:
            earlier = f"{_EARLIER}{old.judgments}" + (f" ({old.notes})" if old.notes else "") + "."
    texts: dict[str, str] = {}
    for lang in LANGUAGES:
        _ = translator(lang)
        how = " + ".join(_(_METHOD_TEXT[k]) for k in kinds if k in _METHOD_TEXT) or method
        text = _(_SOURCE_TEXT[n_experts != 1]).format(source=source, method=how, n=n_experts, date=day)
        if others:
            text += " " + _(_OTHERS_TEXT).format(n=others, total=total)
        texts[lang] = text
    notes = (texts["en"] + earlier)[:5000]
    data: dict[str, Any] = old.model_dump(mode="python") if old is not None else {"citation": ""}
    translations = dict(data.get("translations") or {})
    for lang, text in texts.items():
        if lang != "en":
            translations[lang] = {**(translations.get(lang) or {}), "notes": text[:5000]}
    data.update(judgments="aggregated", notes=notes, translations=translations)
    return data


def apply_aggregates(
    model: Model,
    results: Mapping[MatrixKey, Aggregate],
    notes: Mapping[MatrixKey, str] | None = None,
    *,
    source: str = "an expert panel",
    n_experts: int | None = None,
    when: date | None = None,
) -> Model:
    """Return ``model`` with the group matrices of ``results`` as its judgments.

    Each matrix is replaced by ``result.completed`` (pairs no expert judged
    filled by Harker's method, which leaves the priorities unchanged) and its
    ``note`` by ``notes[key]`` (default :func:`provenance_note`; a translated
    note of the matrix is dropped: it described the earlier judgments). The
    model's ``source`` says where its judgments now come from
    (:func:`aggregated_source`: ``source``, ``n_experts``, default the most
    experts of any result, ``when``). The new model is validated as a whole.

    Raises
    ------
    ModelValidationError
        If a key is not a matrix of the model or its elements differ.
    """
    data: dict[str, Any] = model.model_dump(mode="python")
    index = {c.key: i for i, c in enumerate(model.comparisons)}
    problems: list[tuple[str, str]] = []
    for key, res in results.items():
        note = (notes or {}).get(key) or provenance_note(res, len(res.experts))
        matrix = [[float(v) for v in row] for row in res.completed.tolist()]
        if key[1] == "criteria":
            target = data["criteria_comparison"]
            path = "criteria_comparison"
        elif key in index:
            target = data["comparisons"][index[key]]
            path = f"comparisons[{index[key]}]"
        else:
            problems.append((key_text(key), "the model has no such matrix"))
            continue
        if len(target["elements"]) != res.n:
            problems.append((path, f"{res.n} group judgments for {len(target['elements'])} elements"))
            continue
        target["matrix"] = matrix
        target["note"] = note[:5000]
        for tr in (target.get("translations") or {}).values():
            tr.pop("note", None)
    if problems:
        raise ModelValidationError(problems)
    if results:
        data["source"] = aggregated_source(
            model,
            source=source,
            methods=[r.method for r in results.values()],
            n_experts=n_experts if n_experts is not None else max(len(r.experts) for r in results.values()),
            keys=list(results),
            when=when,
        )
    return load_model(data)


@dataclass(frozen=True)
class ModelAggregate:
    """Experts' copies of one model, aggregated matrix by matrix.

    ``model`` is the first copy with every aggregated matrix applied;
    ``results`` maps a matrix key to its :class:`Aggregate`; ``skipped`` maps
    a key to the reason it was left as in the first copy.
    """

    model: Model
    results: Mapping[MatrixKey, Aggregate]
    skipped: Mapping[MatrixKey, str] = field(default_factory=dict)
    specs: tuple[MatrixSpec, ...] = ()


def aggregate_models(
    models: Sequence[Model],
    method: str = "aij",
    weights: npt.ArrayLike | None = None,
    *,
    source: str = "experts' model files",
) -> ModelAggregate:
    """Aggregate experts' copies of one model, matrix by matrix.

    Every copy must compare the same elements in each matrix (names, notes
    and other text may differ: the first copy's are kept). A matrix missing
    from a copy counts as that expert not judging it. See
    :func:`anp_core.aggregation.aggregate` for the methods.

    Raises
    ------
    ModelValidationError
        When the copies' matrices do not match (one problem per mismatch), or
        fewer than one model is given.
    """
    if not models:
        raise ModelValidationError([("(models)", "no model given")])
    base = models[0]
    specs = model_matrices(base)
    per_model = [{s.key: s for s in model_matrices(m)} for m in models]
    problems: list[tuple[str, str]] = []
    for k, mats in enumerate(per_model[1:], start=2):
        for s in specs:
            other = mats.get(s.key)
            if other is not None and other.elements != s.elements:
                problems.append(
                    (f"expert {k}: {key_text(s.key)}", f"compares {other.elements}, expected {s.elements}")
                )
        extra = set(mats) - {s.key for s in specs}
        problems += [
            (f"expert {k}: {key_text(x)}", "not a matrix of the first model") for x in sorted(extra, key=str)
        ]
    if problems:
        raise ModelValidationError(problems)
    results: dict[MatrixKey, Aggregate] = {}
    skipped: dict[MatrixKey, str] = {}
    for s in specs:
        nan = [[math.nan] * s.n for _ in range(s.n)]
        for i in range(s.n):
            nan[i][i] = 1.0
        stack = [np.array(pm[s.key].values if s.key in pm else nan, dtype=float) for pm in per_model]
        try:
            results[s.key] = aggregate(stack, method, weights, labels=s.labels, name=s.title)
        except InvalidJudgmentError as exc:
            skipped[s.key] = str(exc)
    n = len(models)
    notes = {k: provenance_note(r, n, source) for k, r in results.items()}
    return ModelAggregate(
        model=apply_aggregates(base, results, notes, source=source, n_experts=n),
        results=results,
        skipped=skipped,
        specs=specs,
    )
