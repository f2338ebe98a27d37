"""SMAA-2 benchmark: 100,000 weight draws on the paper model, idle and beside busy processes.

Each sampler case (uniform, ordinal, intervals by rejection, narrow intervals by
hit-and-run) is timed with exact judgments (``spread=0``) and, for the uniform
case, with the confidence factors under judgment uncertainty (``spread=1``).
Floor: the bare numpy work of the uniform case, measured in the same run (Dirichlet
draws, one matrix product, one argsort per row). The brute-force loop (one
``evaluate`` per draw) is timed on a few hundred draws and scaled.

``--busy N`` starts N CPU-bound processes (``python -c "while True: pass"``) for
the duration and stops them by their own handles.

Run ``python -m benchmarks.bench_smaa [--busy 2]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

from anp_core import evaluate, load_model
from anp_core.smaa import smaa

MODEL = "data/models/cbec_trade_war.json"
DRAWS = 100_000
CASES: dict[str, dict[str, object]] = {
    "uniform": {},
    "ordinal (full ranking)": {
        "constraints": {"order": ["policy", "economic", "political", "technological", "socio_cultural"]}
    },
    "intervals (rejection)": {"constraints": {"intervals": {"policy": [0.3, 0.5]}}},
    "narrow intervals (hit-and-run)": {
        "constraints": {"intervals": {"policy": [0.40, 0.41], "economic": [0.20, 0.21]}}
    },
}


def timed(fn: Callable[[], object], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def run(repeats: int = 3) -> list[dict[str, object]]:
    model = load_model(MODEL)
    ev = evaluate(model)
    L = ev.limits.copy()
    rng = np.random.default_rng(0)

    def floor() -> None:
        W = rng.dirichlet(np.ones(L.shape[1]), DRAWS)
        np.argsort(-np.round(W @ L.T, 3), axis=1)

    floor_s = statistics.median(timed(floor, repeats))
    rows: list[dict[str, object]] = []
    for name, kw in CASES.items():
        times = timed(lambda kw=kw: smaa(model, DRAWS, seed=1, spread=0, **kw), repeats)  # type: ignore[arg-type]
        r = smaa(model, 1000, seed=1, spread=0, **kw)  # type: ignore[arg-type]
        rows.append(
            {
                "case": name,
                "sampler": r.method,
                "median_s": statistics.median(times),
                "max_s": max(times),
                "floor_s": floor_s,
                "ratio": statistics.median(times) / floor_s,
            }
        )
    times = timed(lambda: smaa(model, DRAWS, seed=1, spread=1.0), repeats)
    rows.append(
        {
            "case": "uniform + confidence (spread 1, 1000 draws per factor)",
            "sampler": "uniform",
            "median_s": statistics.median(times),
            "max_s": max(times),
            "floor_s": floor_s,
            "ratio": statistics.median(times) / floor_s,
        }
    )
    W = rng.dirichlet(np.ones(L.shape[1]), 300)
    t = time.perf_counter()
    for w in W:
        evaluate(model, dict(zip(ev.criteria, w.tolist(), strict=True))).rank_values  # noqa: B018
    loop_s = (time.perf_counter() - t) / 300 * DRAWS
    rows.append({"case": "brute-force loop (evaluate per draw), scaled", "median_s": loop_s})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--busy", type=int, default=0, help="CPU-bound processes to run beside it")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    try:
        rows = run(args.repeats)
    finally:
        for p in hogs:
            p.kill()
            p.wait()
    print(f"SMAA, {DRAWS:,} draws, paper model, {args.busy} busy process(es) beside it")
    for r in rows:
        extra = (
            f" (max {r['max_s']:.2f} s, floor {r['floor_s']:.3f} s, x{r['ratio']:.1f})"
            if "max_s" in r
            else ""
        )
        print(f"  {r['case']:<58} {r['median_s']:7.2f} s{extra}")


if __name__ == "__main__":
    main()
