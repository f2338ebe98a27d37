"""Small models built in code, for tests that need a network the paper's model is not.

``network_model`` takes the structure and the local priority vectors and writes
consistent judgment matrices for them (``a_ij = w_i / w_j``), so the expected
supermatrix is known exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from anp_core import Model, load_model


def consistent(weights: Sequence[float]) -> list[list[float]]:
    """The consistent judgment matrix ``w_i / w_j`` of a priority vector."""
    w = np.asarray(weights, dtype=float)
    return np.outer(w, 1.0 / w).tolist()


def network_model(
    clusters: Mapping[str, Sequence[str]],
    node_links: Mapping[tuple[str, str], Sequence[float]],
    cluster_links: Mapping[str, Mapping[str, float]] | None = None,
    *,
    criterion: str = "network",
    ranked: Sequence[str] = (),
    sinks: str = "calculus",
    reading: str = "row_sums",
    names: Mapping[str, str] | None = None,
    model_id: str = "test_network",
) -> Model:
    """Build a one-criterion model.

    ``node_links[(node, cluster)]`` are the priorities of ``cluster``'s nodes with
    respect to ``node`` (in the cluster's node order); ``cluster_links[cluster]``
    the priorities of the clusters it links to, with respect to it (omitted:
    equal). ``names`` maps ids to display names (default: the id).
    """
    names = dict(names or {})
    comparisons: list[dict[str, Any]] = []
    for (wrt, target), w in node_links.items():
        comparisons.append(
            {
                "criterion": criterion,
                "kind": "nodes",
                "wrt": wrt,
                "cluster": target,
                "elements": list(clusters[target]),
                "matrix": consistent(w),
            }
        )
    for wrt, shares in (cluster_links or {}).items():
        comparisons.append(
            {
                "criterion": criterion,
                "kind": "clusters",
                "wrt": wrt,
                "elements": list(shares),
                "matrix": consistent(list(shares.values())),
            }
        )
    raw = {
        "schema_version": 1,
        "id": model_id,
        "name": names.get(model_id, "Test network"),
        "settings": {"sinks": sinks, "priorities": reading},
        "criteria": [{"id": criterion, "name": names.get(criterion, criterion)}],
        "criteria_comparison": {"elements": [criterion], "matrix": [[1.0]]},
        "clusters": [
            {"id": c, "name": names.get(c, c), "nodes": [{"id": n, "name": names.get(n, n)} for n in nodes]}
            for c, nodes in clusters.items()
        ],
        "comparisons": comparisons,
        "ranked_clusters": list(ranked),
    }
    return load_model(raw)


def sink_example(ranked: Sequence[str] = ()) -> Model:
    """ANP_METHOD.md section 2: alt1 (a sink) and n1..n3, each n_i giving 1/2 to alt1 and 1/6 to each n_j."""
    third = [1 / 3, 1 / 3, 1 / 3]
    return network_model(
        {"alts": ["alt1"], "crit": ["n1", "n2", "n3"]},
        {(n, c): ([1.0] if c == "alts" else third) for n in ("n1", "n2", "n3") for c in ("alts", "crit")},
        ranked=ranked,
    )
