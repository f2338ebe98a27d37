"""Generated network models for scaling benchmarks (every judgment given)."""

from __future__ import annotations

import numpy as np

SAATY = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9])


def random_reciprocal(n: int, rng: np.random.Generator) -> list[list[float]]:
    """A random reciprocal matrix on Saaty's scale."""
    m = np.ones((n, n))
    iu = np.triu_indices(n, 1)
    v = rng.choice(SAATY, size=len(iu[0]))
    m[iu] = v
    m[iu[1], iu[0]] = 1 / v
    return m.tolist()


def generated_model(n_nodes: int, *, seed: int = 0, cluster_size: int = 10, n_criteria: int = 5) -> dict:
    """A model dict: clusters of ``cluster_size`` nodes, full feedback network.

    Under each criterion every cluster J compares all clusters, and the nodes
    of every cluster I are compared with respect to every cluster J.
    """
    rng = np.random.default_rng(seed)
    m = max(2, -(-n_nodes // cluster_size))
    sizes = [n_nodes // m + (1 if k < n_nodes % m else 0) for k in range(m)]
    clusters = [
        {
            "id": f"c{k}",
            "name": f"Cluster {k}",
            "nodes": [{"id": f"c{k}_n{i}", "name": f"N{k}.{i}"} for i in range(s)],
        }
        for k, s in enumerate(sizes)
    ]
    crits = [f"k{i}" for i in range(n_criteria)]
    comparisons = []
    for c in crits:
        for J in clusters:
            comparisons.append(
                {
                    "criterion": c,
                    "kind": "clusters",
                    "wrt": J["id"],
                    "elements": [x["id"] for x in clusters],
                    "matrix": random_reciprocal(m, rng),
                }
            )
            for target in clusters:
                comparisons.append(
                    {
                        "criterion": c,
                        "kind": "nodes",
                        "wrt": J["id"],
                        "cluster": target["id"],
                        "elements": [x["id"] for x in target["nodes"]],
                        "matrix": random_reciprocal(len(target["nodes"]), rng),
                    }
                )
    return {
        "schema_version": 1,
        "id": f"generated_{n_nodes}",
        "name": f"Generated network, {n_nodes} nodes",
        "criteria": [{"id": c, "name": c} for c in crits],
        "criteria_comparison": {"elements": crits, "matrix": random_reciprocal(n_criteria, rng)},
        "clusters": clusters,
        "comparisons": comparisons,
    }
