"""Models the dashboard tests open: small networks of every kind, long and non-ASCII names, payloads.

Each builder returns a validated :class:`anp_core.Model`; :func:`write_models`
dumps them as JSON files (for ``ANP_MODEL``, ``ANP_EXAMPLES`` and uploads).

* :func:`feedback_model`: two control criteria, inner dependence and
  feedback, node-level judgments (the columns of W differ, the powers
  converge gradually), a ranked cluster of alternatives.
* :func:`periodic_model`: two clusters that only point at each other (period 2).
* :func:`reducible_model`: a closed class that the other nodes flow into.
* :func:`sink_model`: ANP_METHOD.md's sink example (``builders.sink_example``).
* :func:`hierarchy_model`: goal, criteria and alternatives that link to nothing.
* :func:`long_names_model`: 200-character and Chinese names, translations.
* :func:`big_model`: 72 nodes (past every page's "too large to draw" limit).
* :func:`payload_model`: the paper's model with markdown and HTML payloads in
  every text field (names, descriptions, notes, citations, quotes, labels).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from anp_core import Model, dump_model, load_model
from tests.support.builders import consistent, network_model, sink_example

ROOT = Path(__file__).resolve().parents[2]
PAPER_PATH = ROOT / "data" / "models" / "cbec_trade_war.json"

#: Markdown that renders as a live link and an external image if shown raw.
LINK = "[Verify](https://evil.example/x)"
IMAGE = "![p](https://evil.example/p.png)"
HTML = '<a href="https://evil.example/h">h</a><img src="https://evil.example/i.png">'
PAYLOAD = f"{LINK} {IMAGE}"


def _comparison(
    criterion: str, kind: str, wrt: str, elements: list[str], weights: list[float], cluster: str | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "criterion": criterion,
        "kind": kind,
        "wrt": wrt,
        "elements": elements,
        "matrix": consistent(weights),
    }
    if cluster is not None:
        out["cluster"] = cluster
    return out


def feedback_model() -> Model:
    """Two criteria (cost, quality); clusters crit (c1, c2, c3), alts (a1, a2, a3) with feedback both ways.

    Node-level judgments make the columns of W differ, so the powers converge
    gradually; each criterion has a cluster comparison; alternatives are ranked.
    """
    crit, alts = ["c1", "c2", "c3"], ["a1", "a2", "a3"]
    rng = np.random.default_rng(7)
    comps: list[dict[str, Any]] = []
    for k in ("cost", "quality"):
        for c in crit:
            comps.append(_comparison(k, "nodes", c, alts, list(rng.uniform(1, 5, 3)), "alts"))
            comps.append(_comparison(k, "nodes", c, list(crit), list(rng.uniform(1, 5, 3)), "crit"))
        for a in alts:
            comps.append(_comparison(k, "nodes", a, crit, list(rng.uniform(1, 5, 3)), "crit"))
        comps.append(_comparison(k, "clusters", "crit", ["crit", "alts"], [1.0, 2.0]))
        comps.append(_comparison(k, "clusters", "alts", ["crit"], [1.0]))
    raw = {
        "schema_version": 1,
        "id": "feedback_demo",
        "name": "Supplier choice with feedback",
        "description": "Made for the dashboard tests: criteria and alternatives influence each other.",
        "source": {
            "citation": "Made for teaching",
            "judgments": "illustrative",
            "notes": "Random judgments, seed 7.",
        },
        "criteria": [
            {"id": "cost", "name": "Cost", "description": "What it costs."},
            {"id": "quality", "name": "Quality"},
        ],
        "criteria_comparison": {"elements": ["cost", "quality"], "matrix": [[1.0, 3.0], [1 / 3, 1.0]]},
        "clusters": [
            {
                "id": "crit",
                "name": "Criteria",
                "nodes": [{"id": c, "name": f"Criterion {c[1]}"} for c in crit],
            },
            {
                "id": "alts",
                "name": "Suppliers",
                "nodes": [{"id": a, "name": f"Supplier {a[1]}"} for a in alts],
            },
        ],
        "comparisons": comps,
        "ranked_clusters": ["alts"],
    }
    return load_model(raw)


def periodic_model() -> Model:
    """Clusters A (a1, a2) and B (b1, b2) that only point at each other: period 2."""
    return network_model(
        {"ca": ["a1", "a2"], "cb": ["b1", "b2"]},
        {
            ("a1", "cb"): [0.7, 0.3],
            ("a2", "cb"): [0.4, 0.6],
            ("b1", "ca"): [0.2, 0.8],
            ("b2", "ca"): [0.5, 0.5],
        },
        model_id="periodic_demo",
        names={"periodic_demo": "Two-cluster cycle"},
    )


def reducible_model() -> Model:
    """Cluster T (t1, t2) flows into the closed cluster K (k1, k2), which never leaves itself."""
    return network_model(
        {"ct": ["t1", "t2"], "ck": ["k1", "k2"]},
        {
            ("t1", "ck"): [0.6, 0.4],
            ("t2", "ck"): [0.3, 0.7],
            ("t1", "ct"): [0.5, 0.5],
            ("t2", "ct"): [0.5, 0.5],
            ("k1", "ck"): [0.5, 0.5],
            ("k2", "ck"): [0.2, 0.8],
        },
        model_id="reducible_demo",
        names={"reducible_demo": "Transient and closed"},
    )


def sink_model() -> Model:
    """ANP_METHOD.md section 2: alt1 (a sink) and n1..n3."""
    return sink_example()


def hierarchy_model() -> Model:
    """Goal g -> criteria c1, c2 -> alternatives a1, a2 (the alternatives link to nothing)."""
    return network_model(
        {"goal": ["g"], "crits": ["c1", "c2"], "alts": ["a1", "a2"]},
        {("g", "crits"): [0.6, 0.4], ("c1", "alts"): [0.7, 0.3], ("c2", "alts"): [0.2, 0.8]},
        ranked=["alts"],
        model_id="hierarchy_demo",
        names={"hierarchy_demo": "Goal, criteria, alternatives"},
    )


LONG = "A very long factor name that goes on and on to test wrapping " * 3


def long_names_model() -> Model:
    """Names of 190 characters and Chinese names (with English translations), in one network."""
    names = {
        "long_names": "跨境电商与产业带融合模型 (long and non-ASCII names)",
        "network": "政策环境",
        "c_one": "平台服务",
        "c_two": LONG.strip()[:190],
        "n1": "跨境电子商务综合服务平台",
        "n2": "海外仓",
        "n3": (LONG.strip()[:180] + " one"),
        "n4": (LONG.strip()[:180] + " two"),
    }
    return network_model(
        {"c_one": ["n1", "n2"], "c_two": ["n3", "n4"]},
        {
            ("n1", "c_two"): [0.6, 0.4],
            ("n2", "c_two"): [0.5, 0.5],
            ("n3", "c_one"): [0.7, 0.3],
            ("n4", "c_one"): [0.1, 0.9],
            ("n1", "c_one"): [0.5, 0.5],
            ("n3", "c_two"): [0.4, 0.6],
        },
        model_id="long_names",
        names=names,
    )


def big_model(n_clusters: int = 6, size: int = 12) -> Model:
    """``n_clusters`` clusters of ``size`` nodes, every node linked to every cluster (72 nodes by default)."""
    clusters = {f"k{c}": [f"k{c}_n{i}" for i in range(size)] for c in range(n_clusters)}
    rng = np.random.default_rng(3)
    links = {
        (node, target): list(rng.uniform(1, 3, size))
        for nodes in clusters.values()
        for node in nodes
        for target in clusters
    }
    return network_model(clusters, links, model_id="big_demo", names={"big_demo": "Seventy-two nodes"})


def _payload(text: str, k: int) -> str:
    return f"{PAYLOAD} {HTML} {k} {text}"[:195]


def payload_model() -> Model:
    """The paper's model with markdown/HTML payloads in every text field (names stay distinct)."""
    data = json.loads(PAPER_PATH.read_text(encoding="utf-8"))
    counter = iter(range(1, 100_000))
    text_keys = {
        "name",
        "description",
        "title",
        "quote",
        "evidence",
        "label",
        "notes",
        "citation",
        "note",
        "section",
        "table",
        "excluded_reason",
    }

    def walk(x: Any) -> Any:
        if isinstance(x, dict):
            out = {}
            for key, v in x.items():
                if key in text_keys and isinstance(v, str):
                    out[key] = _payload(v, next(counter))
                elif key == "examples" and isinstance(v, list):
                    out[key] = [_payload(e, next(counter)) for e in v]
                else:
                    out[key] = walk(v)
            return out
        if isinstance(x, list):
            return [walk(v) for v in x]
        return x

    return load_model(walk(data))


#: Every model the page tests open, by id (the paper's model is opened by default).
MODELS: dict[str, Callable[[], Model]] = {
    "feedback": feedback_model,
    "periodic": periodic_model,
    "reducible": reducible_model,
    "sink": sink_model,
    "hierarchy": hierarchy_model,
    "long_names": long_names_model,
    "big": big_model,
    "payload": payload_model,
}


def write_models(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the named models (default all) as JSON files into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name in names or list(MODELS):
        path = folder / f"{name}.json"
        path.write_text(dump_model(MODELS[name]()), encoding="utf-8")
        out[name] = path
    return out
