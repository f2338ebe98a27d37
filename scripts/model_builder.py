"""Small helpers to write model files by hand: judgments as upper triangles.

The example and template models (``scripts/write_examples.py``,
``scripts/write_templates.py``) are written from these so that every matrix
is exactly reciprocal (``a_ji = 1 / a_ij``), ``None`` marks a missing pair
on both sides, and each comparison's note ends with its consistency ratio as
:class:`anp_core.PairwiseMatrix` computes it (Super Decisions' RI table), so
a reader sees the CR next to the judgments it belongs to.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from anp_core import PairwiseMatrix, load_model

__all__ = [
    "TIER_JUDGMENTS",
    "Judgments",
    "cluster",
    "clusters_cmp",
    "criteria_cmp",
    "node",
    "nodes_cmp",
    "reciprocal_matrix",
    "to_json",
    "upper_from_pairs",
    "upper_from_tiers",
    "write_model",
]

#: Upper triangle, row by row: row i holds a_i,i+1 .. a_i,n-1 (``None``: missing).
Judgments = Sequence[Sequence[float | None]]


def reciprocal_matrix(upper: Judgments) -> list[list[float | None]]:
    """Return the full reciprocal matrix of an upper triangle.

    Examples
    --------
    >>> reciprocal_matrix([[2, 4], [2]])
    [[1.0, 2.0, 4.0], [0.5, 1.0, 2.0], [0.25, 0.5, 1.0]]
    >>> reciprocal_matrix([[None]])
    [[1.0, None], [None, 1.0]]
    """
    n = len(upper) + 1
    out: list[list[float | None]] = [[1.0] * n for _ in range(n)]
    for i, row in enumerate(upper):
        if len(row) != n - 1 - i:
            msg = f"row {i} of the upper triangle has {len(row)} judgments, needs {n - 1 - i}"
            raise ValueError(msg)
        for k, value in enumerate(row):
            j = i + 1 + k
            out[i][j] = None if value is None else float(value)
            out[j][i] = None if value is None else 1.0 / float(value)
    return out


def upper_from_pairs(
    elements: Sequence[str], pairs: Mapping[tuple[str, str], float], *, complete: bool = True
) -> list[list[float | None]]:
    """Upper triangle from judgments keyed by pair (``(a, b): 3`` means a is 3 times b).

    Either order of a pair may be given (``(b, a): 1/3`` is the same judgment);
    a pair given twice must agree. With ``complete=True`` every pair is needed,
    otherwise an absent pair is missing (``None``).

    Examples
    --------
    >>> upper_from_pairs("abc", {("a", "b"): 2, ("c", "a"): 0.25, ("b", "c"): 2})
    [[2.0, 4.0], [2.0]]
    """
    index = {e: i for i, e in enumerate(elements)}
    value: dict[tuple[int, int], float] = {}
    for (a, b), v in pairs.items():
        i, j = index[a], index[b]
        key, x = ((i, j), float(v)) if i < j else ((j, i), 1.0 / float(v))
        if key in value and abs(value[key] * (1.0 / x) - 1.0) > 1e-9:
            msg = f"pair {a}/{b} given twice with different values"
            raise ValueError(msg)
        value[key] = x
    n = len(elements)
    upper: list[list[float | None]] = []
    for i in range(n - 1):
        row: list[float | None] = []
        for j in range(i + 1, n):
            if (i, j) not in value and complete:
                msg = f"no judgment for {elements[i]}/{elements[j]}"
                raise ValueError(msg)
            row.append(value.get((i, j)))
        upper.append(row)
    return upper


#: Judgment for a gap of 0, 1, 2, 3 tiers (Saaty's odd values: equal, moderate, strong, very strong).
TIER_JUDGMENTS = (1.0, 3.0, 5.0, 7.0)


def upper_from_tiers(elements: Sequence[str], tiers: Mapping[str, int]) -> list[list[float | None]]:
    """Upper triangle from a tier per element (higher tier: dominates).

    The judgment of a pair is :data:`TIER_JUDGMENTS` of its tier gap (1, 3,
    5, 7), or its reciprocal: a documented rule for turning a text's "strong
    here, weak there" into numbers. Elements not in ``tiers`` are tier 0
    (neutral).

    Examples
    --------
    >>> upper_from_tiers("abc", {"a": 1, "c": -1})
    [[3.0, 5.0], [3.0]]
    """
    t = [tiers.get(e, 0) for e in elements]
    upper: list[list[float | None]] = []
    for i in range(len(t) - 1):
        row: list[float | None] = []
        for j in range(i + 1, len(t)):
            gap = t[i] - t[j]
            v = TIER_JUDGMENTS[abs(gap)]
            row.append(v if gap >= 0 else 1.0 / v)
        upper.append(row)
    return upper


def _with_cr(elements: Sequence[str], matrix: list[list[float | None]], note: str) -> str:
    pm = PairwiseMatrix(matrix, labels=elements)
    parts = [note.strip()] if note.strip() else []
    if pm.missing_pairs:
        missing = ", ".join(f"{elements[i]}/{elements[j]}" for i, j in pm.missing_pairs)
        parts.append(f"Missing judgments (Harker's method): {missing}.")
    if pm.n >= 3:
        parts.append(f"CR = {pm.cr:.3f}.")
    return " ".join(parts)


def nodes_cmp(
    criterion: str, wrt: str, cluster_id: str, elements: Sequence[str], upper: Judgments, note: str = ""
) -> dict[str, Any]:
    """Return a ``nodes`` comparison: the ``elements`` of ``cluster_id`` with respect to ``wrt``."""
    matrix = reciprocal_matrix(upper)
    return {
        "criterion": criterion,
        "kind": "nodes",
        "wrt": wrt,
        "cluster": cluster_id,
        "elements": list(elements),
        "matrix": matrix,
        "note": _with_cr(elements, matrix, note),
    }


def clusters_cmp(
    criterion: str, wrt: str, elements: Sequence[str], upper: Judgments, note: str = ""
) -> dict[str, Any]:
    """Return a ``clusters`` comparison: the clusters ``elements`` with respect to ``wrt``."""
    matrix = reciprocal_matrix(upper)
    return {
        "criterion": criterion,
        "kind": "clusters",
        "wrt": wrt,
        "elements": list(elements),
        "matrix": matrix,
        "note": _with_cr(elements, matrix, note),
    }


def criteria_cmp(elements: Sequence[str], upper: Judgments, note: str = "") -> dict[str, Any]:
    """Return the criteria comparison (the control layer and its weights)."""
    matrix = reciprocal_matrix(upper)
    return {"elements": list(elements), "matrix": matrix, "note": _with_cr(elements, matrix, note)}


def node(node_id: str, name: str, description: str = "", **translations: str) -> dict[str, Any]:
    """Return a node; ``translations`` maps a language code to a name (``zh="…"``)."""
    out: dict[str, Any] = {"id": node_id, "name": name, "description": description}
    if translations:
        out["translations"] = {lang: {"name": text} for lang, text in translations.items()}
    return out


def cluster(
    cluster_id: str, name: str, description: str, nodes: Sequence[dict[str, Any]], **translations: str
) -> dict[str, Any]:
    """Return a cluster of ``nodes``."""
    out = node(cluster_id, name, description, **translations)
    out["nodes"] = list(nodes)
    return out


def to_json(value: Any, indent: str = "") -> str:
    """Indented JSON with every list of scalars (a matrix row, an id list) on one line.

    Examples
    --------
    >>> print(to_json({"m": [[1.0, None], [None, 1.0]], "t": "中"}))
    {
     "m": [
      [1.0, null],
      [null, 1.0]
     ],
     "t": "中"
    }
    """
    inner = indent + " "
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {to_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list | tuple):
        if all(not isinstance(v, dict | list | tuple) for v in value):
            return json.dumps(list(value), ensure_ascii=False)
        items = [inner + to_json(v, inner) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)


def write_model(data: dict[str, Any], path: Path) -> None:
    """Validate ``data`` as a model and write it as UTF-8 JSON (names stay readable)."""
    load_model(data)  # raises ModelValidationError naming every problem
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_json(data) + "\n", encoding="utf-8")
