"""Time anp_core.limit.limit_matrix against the floor of one dense solve.

The floor is ``numpy.linalg.solve(A, b)`` on the stationary system that any
implementation must solve: ``A = I - W`` with its last row replaced by ones,
``b = e_n``.  ``A`` is built outside the timed region, so the ratio charges
limit_matrix for everything else it does (validation, graph analysis, period,
building the n x n limit).

Run with ``python -m benchmarks.bench_limit`` (prints a markdown table).
"""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp

from anp_core.limit import limit_matrix

FAMILIES = ("dense", "sparse", "slow-mixing", "periodic")
SEED = 2001


def _normalise(W: np.ndarray) -> np.ndarray:
    return W / W.sum(axis=0)


def dense_random(n: int, rng: np.random.Generator) -> np.ndarray:
    """Dense column-stochastic matrix with uniform positive entries."""
    return _normalise(rng.random((n, n)))


def sparse_random(n: int, rng: np.random.Generator, density: float = 0.05):
    """About 5 % non-zero, made irreducible by a random n-cycle; csc."""
    mask = rng.random((n, n)) < density
    perm = rng.permutation(n)
    mask[perm, np.roll(perm, 1)] = True
    W = np.where(mask, rng.random((n, n)) + 0.01, 0.0)
    return sp.csc_array(_normalise(W))


def slow_mixing(n: int, rng: np.random.Generator, eps: float = 1e-6) -> np.ndarray:
    """Two dense blocks; every column sends eps to one node of the other block."""
    h = n // 2
    W = np.zeros((n, n))
    W[:h, :h] = _normalise(rng.random((h, h)))
    W[h:, h:] = _normalise(rng.random((n - h, n - h)))
    W *= 1.0 - eps
    cols = np.arange(n)
    other = np.where(cols < h, rng.integers(h, n, n), rng.integers(0, h, n))
    W[other, cols] += eps
    return W


def periodic(n: int, rng: np.random.Generator, d: int = 3) -> np.ndarray:
    """Cyclic block structure of period d: block k feeds block k + 1 only."""
    bounds = np.linspace(0, n, d + 1).astype(int)
    W = np.zeros((n, n))
    for k in range(d):
        src = slice(bounds[k], bounds[k + 1])
        dst = slice(bounds[(k + 1) % d], bounds[(k + 1) % d + 1])
        W[dst, src] = _normalise(rng.random((dst.stop - dst.start, src.stop - src.start)))
    return W


MAKERS = {
    "dense": dense_random,
    "sparse": sparse_random,
    "slow-mixing": slow_mixing,
    "periodic": periodic,
}


def stationary_system(W):
    """The dense W, and the floor's system: ``A = I - W`` with its last row ones, ``b = e_n``."""
    Wd = W.toarray() if sp.issparse(W) else W
    n = Wd.shape[0]
    A = np.eye(n) - Wd
    A[-1, :] = 1.0
    b = np.zeros(n)
    b[-1] = 1.0
    return Wd, A, b


def _interleaved_medians(f, g, repeats: int, block: int = 5):
    """Median times of f and g, alternating blocks of ``block`` calls so both see the same load.

    Blocks rather than single calls: a solve on the default BLAS threads leaves
    OpenBLAS's worker threads spinning for a while after it returns, and a call
    of ``f`` right after it would share the cores with them.
    """
    tf, tg, out_f, out_g = [], [], None, None
    for _ in range(repeats):
        for fn, times in ((f, tf), (g, tg)):
            for _ in range(block):
                t0 = time.perf_counter()
                out = fn()
                times.append(time.perf_counter() - t0)
            if fn is f:
                out_f = out
            else:
                out_g = out
    return float(np.median(tf)), float(np.median(tg)), out_f, out_g


def run(sizes=(20, 50, 100, 200, 500, 1000), repeats=7) -> list[dict]:
    """Time every family at every size; return one dict per (family, n)."""
    rng = np.random.default_rng(SEED)
    rows = []
    for family in FAMILIES:
        for n in sizes:
            W = MAKERS[family](n, rng)
            Wd, A, b = stationary_system(W)
            limit_matrix(W)  # warm-up
            np.linalg.solve(A, b)
            t_lim, t_floor, res, x = _interleaved_medians(
                lambda W=W: limit_matrix(W), lambda A=A, b=b: np.linalg.solve(A, b), repeats
            )
            pi = res.stationary()
            rows.append(
                {
                    "family": family,
                    "n": n,
                    "diagnosis": res.diagnosis,
                    "period": res.period,
                    "time_s": t_lim,
                    "floor_s": t_floor,
                    "ratio": t_lim / t_floor,
                    "residual": float(np.abs(Wd @ pi - pi).max()),
                    "floor_residual": float(np.abs(Wd @ x - x).max()),
                    "columns_agree": bool(np.abs(res.limit - pi[:, None]).max() == 0.0),
                }
            )
    return rows


def markdown(rows: list[dict]) -> str:
    """Render the rows of :func:`run` as a markdown table."""
    head = (
        "| family | n | diagnosis | limit_matrix (ms) | floor solve (ms) | ratio "
        "| residual max|Wx-x| | floor residual |\n"
        "|---|---:|---|---:|---:|---:|---:|---:|"
    )
    lines = [head]
    for r in rows:
        diag = r["diagnosis"] + (f" (d={r['period']})" if r["period"] != 1 else "")
        lines.append(
            f"| {r['family']} | {r['n']} | {diag} | {1e3 * r['time_s']:.3f} "
            f"| {1e3 * r['floor_s']:.3f} | {r['ratio']:.2f} "
            f"| {r['residual']:.1e} | {r['floor_residual']:.1e} |"
        )
    return "\n".join(lines)


#: The pause before each timed call of :func:`tail`'s server pattern (seconds).
REQUEST_PAUSE = 0.002


def tail(n: int = 200, calls: int = 100, family: str = "dense", pause: float = 0.0) -> dict:
    """p50/p90 of ``limit_matrix`` beside a one-thread solve of the same system, and the default-thread solve.

    The issue's criterion: on a busy machine, p90 of ``limit_matrix`` at n = 200
    within 3x a single-threaded ``numpy.linalg.solve``. ``limit_matrix`` and the
    one-thread solve alternate call by call (the same load for both); the solve
    on the default BLAS threads runs in its own loop afterwards, because its
    worker threads keep spinning after it returns and would run beside the
    next call (a server sets one BLAS thread per process and has none).

    ``pause`` > 0 sleeps that long before every timed call (all kinds), as a
    server waits for the next request between engine calls; with ``pause`` = 0
    the calls run back to back and the loop is itself a CPU-bound process, so
    the scheduler preempts it every few milliseconds (once its time slice among
    the other CPU-bound processes is used) wherever it is: the p90 of the
    longer call then holds a preemption more often than the shorter one's.

    The control tells the two apart: ``k`` one-thread solves of the same
    system in a row, ``k`` = the limit's median over the solve's (measured
    first, under the same load), timed in the same loop. It does the solve's
    own work ``k`` times, so whatever lifts its p90 above the one solve's is
    the length of the call, not what the engine does in it.
    """
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(SEED + n)
    W = MAKERS[family](n, rng)
    _, A, b = stationary_system(W)

    def limit() -> float:
        if pause:
            time.sleep(pause)
        t0 = time.perf_counter()
        limit_matrix(W)
        return time.perf_counter() - t0

    def solves(k: int) -> float:
        if pause:
            time.sleep(pause)
        with threadpool_limits(1, user_api="blas"):  # (switching threads is not timed)
            t0 = time.perf_counter()
            for _ in range(k):
                np.linalg.solve(A, b)
            return time.perf_counter() - t0

    calibration = [(limit(), solves(1)) for _ in range(45)][5:]  # (the first calls warm up)
    k = max(1, round(float(np.median([a for a, _ in calibration]) / np.median([s for _, s in calibration]))))
    lim, default, single, control = [], [], [], []
    for _ in range(calls):
        lim.append(limit())
        single.append(solves(1))
        control.append(solves(k))
    for _ in range(calls):
        if pause:
            time.sleep(pause)
        t0 = time.perf_counter()
        np.linalg.solve(A, b)
        default.append(time.perf_counter() - t0)
    q = lambda xs, p: float(np.percentile(xs, p)) * 1e3  # noqa: E731
    return {
        "n": n,
        "family": family,
        "calls": calls,
        "pattern": f"pause {1e3 * pause:g} ms" if pause else "back to back",
        "limit_p50_ms": q(lim, 50),
        "limit_p90_ms": q(lim, 90),
        "solve_p50_ms": q(default, 50),
        "solve_p90_ms": q(default, 90),
        "solve_1thread_p50_ms": q(single, 50),
        "solve_1thread_p90_ms": q(single, 90),
        "p90_vs_1thread_p90": q(lim, 90) / q(single, 90),
        "control_k": k,
        "control_p50_ms": q(control, 50),
        "control_p90_ms": q(control, 90),
        "control_p90_vs_1thread_p90": q(control, 90) / q(single, 90),
    }


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20, 50, 100, 200, 500, 1000])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--no-tail", action="store_true", help="skip the tail at n = 200 (3b)")
    args = ap.parse_args()
    print(markdown(run(tuple(args.sizes), args.repeats)))
    if not args.no_tail:
        print(tail())
        print(tail(pause=REQUEST_PAUSE))
