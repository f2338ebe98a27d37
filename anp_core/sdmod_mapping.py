"""Mapping a read Super Decisions file to the model format (``data/README.md``).

One control criterion ``network`` with a 1 x 1 criteria comparison; a node
comparison "nodes of cluster I with respect to node j" becomes
``{"kind": "nodes", "wrt": j, "cluster": I, "elements": [...], "matrix": ...}``
with the elements in the file's matrix order, so the stored upper triangle
is used as it is; a cluster comparison with respect to cluster J becomes
``{"kind": "clusters", "wrt": J, ...}``. Ids are made from names (unique
across the file), names that read the same are made distinct, long texts are
cut, and every such change is written in ``source.notes``.

Node comparisons whose judgments are all missing (or whose known judgments
do not connect every element, :func:`anp_core.pairwise.pairs_to_connect`)
are refused: their priorities would not be defined. A cluster comparison
with no judgment at all is left out, so its clusters are weighed equally
(the engine's and Super Decisions' default for uncompared clusters).
Super Decisions' default limit (the "calculus" type) becomes
``settings.sinks = "calculus"``; a single cluster whose name says
alternatives becomes the ranked cluster.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np

from anp_core.errors import ModelValidationError
from anp_core.model_checks import name_key
from anp_core.pairwise import pairs_to_connect
from anp_core.sdmod_compares import ComparesBlock, parse_compares
from anp_core.sdmod_rules import DESC_MAX, ID_MAX, NAME_MAX, refuse
from anp_core.sdmod_script import ParsedScript
from anp_core.tcl_lite import TclSyntaxError

__all__ = ["CRITERION_ID", "model_dict"]

CRITERION_ID = "network"


def _slug(text: str, fallback: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    s = re.sub(r"^[^a-z]+", "", s)  # Super Decisions names often start with an ordering number
    return (s or fallback)[: ID_MAX - 4].rstrip("_") or fallback


class _Ids:
    """Unique ids across the file, derived from names."""

    def __init__(self, reserved: set[str]) -> None:
        self.used = set(reserved)

    def make(self, name: str, fallback: str) -> str:
        base = _slug(name, fallback)
        out, k = base, 2
        while out in self.used:
            out = f"{base}_{k}"
            k += 1
        self.used.add(out)
        return out


def _clip(text: str, limit: int, what: str, notes: list[str]) -> str:
    if len(text) <= limit:
        return text
    notes.append(f"{what} was cut to {limit} characters")
    return text[: limit - 1] + "…"


def _connected(matrix: list[list[float | None]]) -> bool:
    """Whether the given judgments connect every element (the engine's test, on the None mask)."""
    return not pairs_to_connect(np.array([[v is not None for v in row] for row in matrix]))


def model_dict(p: ParsedScript, fname: str) -> dict[str, Any]:
    """Return the model dict (not yet validated) of a read ``.sdmod`` script.

    Parameters
    ----------
    p : ParsedScript
        What :func:`anp_core.sdmod_script.read_script` read.
    fname : str
        The file's name, for the model's id, name and citation.

    Raises
    ------
    ModelValidationError
        No cluster, no comparisons block, a block that disagrees with the
        script's clusters, nodes or links, comparisons of unlinked clusters
        or with undefined priorities, or no node link at all.
    """
    if not p.clusters:
        raise refuse("(file)", "the file defines no cluster")
    if p.compares is None:
        raise refuse("(file)", "the file has no comparisons block (c-network readAllCompares)")
    try:
        cmp = parse_compares(*p.compares)
    except TclSyntaxError as exc:  # pragma: no cover - the block is plain text
        raise refuse("(file)", str(exc)) from None
    _check_same_structure(p, cmp)
    notes = list(p.notes)
    stem = " ".join(Path(fname).stem.replace("_", " ").split()) or "Super Decisions model"
    ids = _Ids({CRITERION_ID})
    cluster_ids = [ids.make(c, "cluster") for c in cmp.cluster_names]
    node_ids = [[ids.make(n, "node") for n in nodes] for nodes in cmp.node_names]

    clusters = []
    for ci, cname in enumerate(cmp.cluster_names):
        cl = p.clusters[cname]
        descs = dict(cl.nodes)
        clusters.append(
            {
                "id": cluster_ids[ci],
                "name": _clip(cname, NAME_MAX, f"cluster name {cname[:40]!r}", notes),
                "description": _clip(cl.description, DESC_MAX, f"description of {cname[:40]!r}", notes),
                "nodes": [
                    {
                        "id": node_ids[ci][k],
                        "name": _clip(nname, NAME_MAX, f"node name {nname[:40]!r}", notes),
                        "description": _clip(descs[nname], DESC_MAX, f"description of {nname[:40]!r}", notes),
                    }
                    for k, nname in enumerate(cmp.node_names[ci])
                ],
            }
        )
    _distinct_names(clusters, notes)

    comparisons: list[dict[str, Any]] = []
    problems: list[tuple[str, str]] = []
    for (a, b, c), (items, matrix) in sorted(cmp.node_cmp.items()):
        if not items:
            continue
        label = f"{cmp.cluster_names[c]!r} with respect to {cmp.node_names[a][b]!r}"
        if (a, c) not in cmp.cluster_links:
            problems.append(
                (f"comparison {label}", f"{cmp.cluster_names[a]!r} is not linked to {cmp.cluster_names[c]!r}")
            )
            continue
        if len(items) > 1 and not _connected(matrix):
            missing = (
                "all missing"
                if all(matrix[i][j] is None for i in range(len(items)) for j in range(len(items)) if i != j)
                else "too few to connect every node"
            )
            problems.append(
                (
                    f"comparison {label}",
                    f"its judgments are {missing}, so its priorities are undefined: complete them in "
                    "Super Decisions",
                )
            )
            continue
        comparisons.append(
            {
                "criterion": CRITERION_ID,
                "kind": "nodes",
                "wrt": node_ids[a][b],
                "cluster": cluster_ids[c],
                "elements": [node_ids[c][i] for i in items],
                "matrix": matrix,
            }
        )
    for k, (items, matrix) in sorted(cmp.cluster_cmp.items()):
        if not items:
            continue
        label = f"clusters with respect to {cmp.cluster_names[k]!r}"
        stray = [cmp.cluster_names[i] for i in items if (k, i) not in cmp.cluster_links]
        if stray:
            problems.append((f"comparison of {label}", f"compares unlinked clusters {stray}"))
            continue
        known = sum(matrix[i][j] is not None for i in range(len(items)) for j in range(len(items)) if i != j)
        if len(items) > 1 and known == 0:
            notes.append(f"the {label} have no judgments: weighed equally")
            continue
        if len(items) > 1 and not _connected(matrix):
            problems.append(
                (
                    f"comparison of {label}",
                    "its judgments are too few to connect every cluster, so its priorities are "
                    "undefined: complete them in Super Decisions",
                )
            )
            continue
        comparisons.append(
            {
                "criterion": CRITERION_ID,
                "kind": "clusters",
                "wrt": cluster_ids[k],
                "elements": [cluster_ids[i] for i in items],
                "matrix": matrix,
            }
        )
    if problems:
        raise ModelValidationError(problems)
    if not any(c["kind"] == "nodes" for c in comparisons):
        raise refuse("(file)", "the network has no node links, so there is nothing to evaluate")

    for node, cluster, mult in p.direct_mults:
        notes.append(
            f"{node!r} w.r.t. {cluster!r} also stores a direct-data multiplier ({mult}); "
            "the pairwise judgments saved in the file are used"
        )
    if p.limit_options:
        notes.append(f"limit: Super Decisions' calculus type (limitPowerOptions {' '.join(p.limit_options)})")
    alt = [cluster_ids[i] for i, n in enumerate(cmp.cluster_names) if "alternative" in n.lower()]
    ranked = alt if len(alt) == 1 else []
    if ranked:
        notes.append(f"results rank the nodes of cluster {ranked[0]!r} (its name says alternatives)")
    version = f" (saved by Super Decisions {p.version})" if p.version else ""
    source: dict[str, Any] = {
        "citation": _clip(f"Super Decisions model file {fname}{version}", DESC_MAX, "citation", notes),
        "notes": _clip(
            "Imported from a Super Decisions .sdmod file. " + "; ".join(notes), DESC_MAX, "notes", []
        ),
        "judgments": "original",
    }
    name = _clip(stem, NAME_MAX, "model name", notes)
    return {
        "schema_version": 1,
        "id": _slug(stem, "superdecisions_model"),
        "name": name,
        "description": f"Network imported from the Super Decisions file {fname}.",
        "source": source,
        "criteria": [{"id": CRITERION_ID, "name": name}],
        "criteria_comparison": {"elements": [CRITERION_ID], "matrix": [[1.0]]},
        "clusters": clusters,
        "comparisons": comparisons,
        "settings": {"sinks": "calculus"},
        "ranked_clusters": ranked,
    }


def _distinct_names(clusters: list[dict[str, Any]], notes: list[str]) -> None:
    """Make names that read the same (case, accents) distinct, as the model format requires."""
    for group in (clusters, [n for c in clusters for n in c["nodes"]]):
        seen: set[str] = set()
        for item in group:
            name, k = item["name"], 2
            while name_key(name) in seen:
                name = f"{item['name'][: NAME_MAX - 8]} ({k})"
                k += 1
            if name != item["name"]:
                notes.append(f"{item['name']!r} reads the same as another name; renamed {name!r}")
                item["name"] = name
            seen.add(name_key(name))


def _check_same_structure(p: ParsedScript, cmp: ComparesBlock) -> None:
    listed = {c: set(nodes) for c, nodes in zip(cmp.cluster_names, cmp.node_names, strict=True)}
    made = {c: {n for n, _ in cl.nodes} for c, cl in p.clusters.items()}
    if listed != made:
        diff = sorted(set(listed) ^ set(made)) or sorted(c for c in listed if listed[c] != made.get(c))
        raise refuse(
            "(file)",
            f"the comparisons block and the makeCluster/makeNode commands disagree on clusters or nodes: {diff[:5]}",
        )
    if any(len(nodes) != len(set(nodes)) for nodes in cmp.node_names):
        raise refuse("(file)", "the comparisons block lists a node twice")
    index = {c: i for i, c in enumerate(cmp.cluster_names)}
    declared = {(index[a], index[b]) for a, b in p.links}
    if declared != cmp.cluster_links:
        raise refuse("(file)", "the connectClusters commands and the cluster connection matrix disagree")
