"""Engine benchmarks, each against a floor measured in the same run.

1. slider move: evaluate with new criterion weights (cached limits) vs the
   bare numpy product of the cached 20 x 5 limit matrix with the weights;
2. judgment edit: edit one judgment and re-evaluate vs one numpy.linalg.eig
   of the edited matrix plus one numpy.linalg.solve of the 20 x 20 system;
4. whole-model scaling: generated models (5 criteria, 20-500 nodes, every
   judgment given) validate + evaluate, peak memory, fitted exponent;
7. Monte Carlo: 10,000 draws vs a plain loop calling evaluate per draw and vs
   the floor (batched eig of the same perturbed matrices + batched solve).

Run ``python -m benchmarks.bench_engine``.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from anp_core import budget, cache, evaluate, load_model
from anp_core.kernel import principal_eigen
from anp_core.montecarlo import _draw_log_factors, monte_carlo, monte_carlo_loop, perturbation_plan
from benchmarks.generate import generated_model

MODEL = "data/models/cbec_trade_war.json"


def median_time(fn: Callable[[], object], repeats: int, number: int = 1) -> float:
    """Median over ``repeats`` of the mean time of ``number`` calls."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t) / number)
    return statistics.median(times)


def slider_move(repeats: int = 15) -> dict:
    model = load_model(MODEL)
    ev = evaluate(model)
    L = ev.limits.copy()
    rng = np.random.default_rng(0)
    ws = [dict(zip(ev.criteria, rng.dirichlet(np.ones(5)).tolist(), strict=True)) for _ in range(200)]
    arrs = [np.fromiter(w.values(), float) for w in ws]
    it = iter(range(10**9))

    def project():
        w = ws[next(it) % 200]
        e = evaluate(model, w)
        return e.composite_values, e.rank_values

    def floor():
        return L @ arrs[next(it) % 200]

    t = median_time(project, repeats, 200)
    f = median_time(floor, repeats, 200)
    return {"benchmark": "1. slider move (engine)", "project_s": t, "floor_s": f, "ratio": t / f}


def judgment_edit(repeats: int = 9) -> dict:
    model = load_model(MODEL)
    evaluate(model)
    key = ("political", "nodes", "political", "credit_risk")
    values = np.linspace(1.5, 9.0, 64)
    it = iter(range(10**9))
    comp = model.comparison_by_key[key]

    def project():
        v = float(values[next(it) % 64])
        e = evaluate(model.with_judgment(key, "government_regulation", "platform_supervision", v))
        return e.rank_values

    W = evaluate(model).networks["political"].weighted
    A = np.eye(20) - W
    A[-1] = 1.0
    b = np.zeros(20)
    b[-1] = 1.0
    M = np.asarray(comp.matrix)

    def floor():
        np.linalg.eig(M)
        return np.linalg.solve(A, b)

    t = median_time(project, repeats, 20)
    f = median_time(floor, repeats, 200)
    return {"benchmark": "2. judgment edit (engine)", "project_s": t, "floor_s": f, "ratio": t / f}


#: A 7-node, 3-cluster network with feedback (the issue's cold-start case).
SMALL = {
    "schema_version": 1,
    "id": "small",
    "name": "Small network",
    "criteria": [{"id": "k", "name": "K"}],
    "criteria_comparison": {"elements": ["k"], "matrix": [[1.0]]},
    "clusters": [
        {"id": "a", "name": "A", "nodes": [{"id": "a1", "name": "A1"}, {"id": "a2", "name": "A2"}]},
        {
            "id": "b",
            "name": "B",
            "nodes": [{"id": "b1", "name": "B1"}, {"id": "b2", "name": "B2"}, {"id": "b3", "name": "B3"}],
        },
        {"id": "c", "name": "C", "nodes": [{"id": "c1", "name": "C1"}, {"id": "c2", "name": "C2"}]},
    ],
    "comparisons": [
        {
            "criterion": "k",
            "kind": "nodes",
            "wrt": "k",
            "cluster": "a",
            "elements": ["a1", "a2"],
            "matrix": [[1, 3], [1 / 3, 1]],
        },
        {
            "criterion": "k",
            "kind": "nodes",
            "wrt": "k",
            "cluster": "b",
            "elements": ["b1", "b2", "b3"],
            "matrix": [[1, 2, 4], [1 / 2, 1, 3], [1 / 4, 1 / 3, 1]],
        },
        {
            "criterion": "k",
            "kind": "nodes",
            "wrt": "k",
            "cluster": "c",
            "elements": ["c1", "c2"],
            "matrix": [[1, 1 / 2], [2, 1]],
        },
        {
            "criterion": "k",
            "kind": "clusters",
            "wrt": "k",
            "elements": ["a", "b", "c"],
            "matrix": [[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]],
        },
    ],
}


def cold_small_model(repeats: int = 30) -> dict:
    """Cold ``load_model`` + ``evaluate`` of the 7-node network vs the same maths in bare numpy.

    The floor parses nothing and validates nothing: eigenvectors of the four
    matrices, W assembled from them, one stationary solve.
    """
    import json

    text = json.dumps(SMALL)

    def project():
        cache.clear()
        return evaluate(load_model(text)).composite_values

    mats = [np.array(c["matrix"], dtype=float) for c in SMALL["comparisons"]]

    def floor():
        wa, wb, wc, wk = (principal_eigen(m)[0] for m in mats)
        local = np.concatenate([wa, wb, wc])
        W = (
            np.repeat(np.repeat(wk[:, None] * np.ones(3), [2, 3, 2], axis=0), [2, 3, 2], axis=1)
            * local[:, None]
        )
        W /= W.sum(axis=0)
        A = np.eye(7) - W
        A[-1] = 1.0
        b = np.zeros(7)
        b[-1] = 1.0
        return np.linalg.solve(A, b)

    t = median_time(project, repeats, 5)
    f = median_time(floor, repeats, 5)
    return {
        "benchmark": "0. cold load + evaluate, 7 nodes (engine)",
        "project_s": t,
        "floor_s": f,
        "ratio": t / f,
    }


def model_scaling(sizes=(20, 50, 100, 200, 500), repeats: int = 3) -> list[dict]:
    """Validate + evaluate generated full-feedback models of ``sizes`` nodes (the budget raised for the largest)."""
    with budget.override(max_nodes=max(sizes), max_comparisons=10**6, max_memory_mb=10**5):
        return _model_scaling(sizes, repeats)


def _model_scaling(sizes, repeats: int) -> list[dict]:
    rows = []
    for n in sizes:
        data = generated_model(n, seed=n)

        def run(data=data):
            cache.clear()
            return evaluate(load_model(data)).rank_values

        t = median_time(run, repeats)
        tracemalloc.start()
        run()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rows.append(
            {"nodes": n, "comparisons": len(data["comparisons"]), "seconds": t, "peak_MB": peak / 1e6}
        )
    x = np.log([r["nodes"] for r in rows])
    y = np.log([r["seconds"] for r in rows])
    slope = float(np.polyfit(x[1:], y[1:], 1)[0])
    for r in rows:
        r["exponent_fit"] = slope
    return rows


def monte_carlo_bench(draws: int = 10_000, loop_draws: int = 200, repeats: int = 3) -> dict:
    model = load_model(MODEL)
    evaluate(model)
    t = median_time(lambda: monte_carlo(model, draws, 1.0, seed=1), repeats)
    t_loop = median_time(lambda: monte_carlo_loop(model, loop_draws, 1.0, seed=1), 1) * draws / loop_draws

    plan = perturbation_plan(model)
    rng = np.random.default_rng(1)
    E = _draw_log_factors(rng, draws, plan, 1.0, "loguniform")
    stacks = [M[None] * np.exp2(e) for M, e in zip(plan.matrices, E, strict=True)]
    mc = monte_carlo(model, 200, 1.0, seed=1)
    del mc
    ev = evaluate(model)
    W = np.stack([ev.networks[c].weighted for c in ev.criteria])
    A = np.eye(20)[None] - W
    A[:, -1, :] = 1.0
    A = np.broadcast_to(A[:, None], (5, draws, 20, 20)).reshape(-1, 20, 20).copy()
    rhs = np.zeros((A.shape[0], 20, 1))
    rhs[:, -1, 0] = 1.0

    def floor():
        for S in stacks:
            np.linalg.eig(S)
        np.linalg.solve(A, rhs)

    f = median_time(floor, repeats)
    return {
        "benchmark": "7. Monte Carlo 10,000 draws",
        "project_s": t,
        "floor_s": f,
        "ratio": t / f,
        "loop_s_extrapolated": t_loop,
        "speedup_vs_loop": t_loop / t,
        "draws_per_s": draws / t,
        "loop_draws_timed": loop_draws,
    }


def main() -> None:
    for row in (cold_small_model(), slider_move(), judgment_edit(), monte_carlo_bench()):
        print(row)
    for row in model_scaling():
        print(row)


if __name__ == "__main__":
    main()
