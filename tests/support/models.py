"""Hypothesis strategies for random *valid* models (shared by the round-trip and other tests).

``models()`` draws a model dict in the JSON format (schema version 1) that
``anp_core.load_model`` accepts: 1-3 control criteria (plus, sometimes, an
excluded one), 1-3 clusters of 1-4 nodes, for every control criterion a
node comparison of every cluster with respect to the criterion (so every
supermatrix column is positive and the limit is defined), and optionally
node-level and cluster-level overrides, cluster comparisons, notes, a source
(with the provenance of its judgments), settings, ranked clusters,
translations and an ecosystem. Matrices are reciprocal; their judgments come from Saaty's
scale and its reciprocals or from any float in [1/9, 9]. With
``missing=True`` some judgments of matrices of size 3 or more are ``None``
(a missing pair), always leaving each matrix connected.

Names are distinct (as the format requires) among criteria, among clusters
and among nodes. Texts avoid control characters (Excel cannot store them) and empty
``excluded_reason`` (an empty cell reads back as "not excluded").

Use: ``@given(models())`` then ``load_model(model)`` in the test.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from anp_core.model_checks import name_key

SAATY = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]

texts = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\u2028\u2029\x85"),
    max_size=30,
)
names = texts.filter(lambda s: s.strip() != "")
judgments = st.one_of(
    st.sampled_from(SAATY + [1 / x for x in SAATY[1:]]),
    st.floats(min_value=1 / 9, max_value=9, allow_nan=False, allow_infinity=False),
)


@st.composite
def translations(draw: st.DrawFn) -> dict[str, dict[str, str]]:
    """Sometimes a translation of a name and description (the model's optional ``translations``)."""
    if not draw(st.booleans()):
        return {}
    lang = draw(st.sampled_from(["zh", "fr", "pt-BR"]))
    return {lang: {"name": draw(names), "description": draw(texts)}}


@st.composite
def matrices(draw: st.DrawFn, n: int, *, missing: bool = False) -> list[list[float | None]]:
    """A reciprocal n x n matrix; with ``missing``, a connected set of pairs may be None."""
    m: list[list[float | None]] = [[1.0] * n for _ in range(n)]
    # pairs (i, i+1) form a path, so dropping any other pair keeps the matrix connected
    for i in range(n):
        for j in range(i + 1, n):
            drop = missing and j > i + 1 and draw(st.booleans())
            if drop:
                m[i][j] = m[j][i] = None
            else:
                v = draw(judgments)
                m[i][j], m[j][i] = v, 1.0 / v
    return m


@st.composite
def models(draw: st.DrawFn, *, missing: bool = False, extras: bool = True) -> dict[str, Any]:
    """A random valid model dict (see the module docstring)."""
    n_crit = draw(st.integers(1, 3))
    crit_ids = [f"crit_{k}" for k in range(n_crit)]
    crit_names = draw(st.lists(names, min_size=n_crit + 1, max_size=n_crit + 1, unique_by=name_key))
    criteria: list[dict[str, Any]] = [
        {
            "id": c,
            "name": crit_names[k],
            "description": draw(texts),
            "examples": draw(st.lists(names, max_size=2)),
            "excluded_reason": None,
            "translations": draw(translations()) if extras else {},
        }
        for k, c in enumerate(crit_ids)
    ]
    if extras and draw(st.booleans()):
        criteria.append(
            {
                "id": "crit_excluded",
                "name": crit_names[-1],
                "description": "",
                "examples": [],
                "excluded_reason": draw(names),
            }
        )
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    cluster_names = draw(st.lists(names, min_size=len(sizes), max_size=len(sizes), unique_by=name_key))
    node_names = iter(draw(st.lists(names, min_size=sum(sizes), max_size=sum(sizes), unique_by=name_key)))
    clusters = [
        {
            "id": f"cluster_{i}",
            "name": cluster_names[i],
            "description": draw(texts),
            "translations": draw(translations()) if extras else {},
            "nodes": [
                {
                    "id": f"node_{i}_{j}",
                    "name": next(node_names),
                    "description": draw(texts),
                    "translations": draw(translations()) if extras else {},
                }
                for j in range(size)
            ],
        }
        for i, size in enumerate(sizes)
    ]
    comparisons: list[dict[str, Any]] = []
    for c in crit_ids:
        for cl in clusters:
            ids = [n["id"] for n in cl["nodes"]]
            comparisons.append(
                {
                    "criterion": c,
                    "kind": "nodes",
                    "wrt": c,
                    "cluster": cl["id"],
                    "elements": ids,
                    "matrix": draw(matrices(len(ids), missing=missing)),
                    "note": draw(texts) if extras else "",
                }
            )
            if extras and draw(st.booleans()):
                # a node-level override: a subset of the cluster's nodes w.r.t. one node
                wrt_cluster = draw(st.sampled_from(clusters))
                wrt = draw(st.sampled_from([n["id"] for n in wrt_cluster["nodes"]]))
                subset = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True))
                comparisons.append(
                    {
                        "criterion": c,
                        "kind": "nodes",
                        "wrt": wrt,
                        "cluster": cl["id"],
                        "elements": subset,
                        "matrix": draw(matrices(len(subset), missing=missing)),
                        "note": "",
                    }
                )
        if len(clusters) > 1 and draw(st.booleans()):
            wrt = draw(st.sampled_from([c] + [cl["id"] for cl in clusters]))
            ids = [cl["id"] for cl in clusters]
            comparisons.append(
                {
                    "criterion": c,
                    "kind": "clusters",
                    "wrt": wrt,
                    "cluster": None,
                    "elements": ids,
                    "matrix": draw(matrices(len(ids), missing=missing)),
                    "note": draw(texts) if extras else "",
                }
            )
    model: dict[str, Any] = {
        "schema_version": 1,
        "id": draw(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)),
        "name": draw(names),
        "description": draw(texts),
        "criteria": criteria,
        "criteria_comparison": {
            "elements": crit_ids,
            "matrix": draw(matrices(n_crit)),
            "note": draw(texts) if extras else "",
        },
        "clusters": clusters,
        "comparisons": comparisons,
    }
    if extras and draw(st.booleans()):
        model["source"] = {
            "citation": draw(names),
            "notes": draw(texts),
            "judgments": draw(
                st.sampled_from(["original", "reconstructed", "illustrative", "aggregated", "unspecified"])
            ),
        }
    if extras and draw(st.booleans()):
        model["settings"] = {"sinks": draw(st.sampled_from(["calculus", "absorbing", "hierarchy"]))}
    if extras and len(clusters) > 1 and draw(st.booleans()):
        ids = [cl["id"] for cl in clusters]
        model["ranked_clusters"] = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    if extras:
        model["translations"] = draw(translations())
    if extras and draw(st.booleans()):
        member = {"id": "member_0", "name": draw(names), "description": draw(texts)}
        model["ecosystem"] = {
            "populations": [
                {
                    "id": "population_0",
                    "name": draw(names),
                    "role": draw(st.sampled_from(["keystone", "key", "supporting", "parasitic"])),
                    "description": draw(texts),
                    "members": [member],
                }
            ],
            "relations": [{"source": "member_0", "target": clusters[0]["id"], "label": draw(texts)}],
        }
    return model
