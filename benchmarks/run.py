"""``make bench``: run every benchmark and write benchmarks/RESULTS.md.

Each benchmark times the project against a floor measured in the same run on
the same input; on a shared 2-core machine the ratios are the figures, the
absolute times are noise.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
import subprocess
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "RESULTS.md"


def machine() -> str:
    """One line describing this machine and the library versions."""
    import pandas
    import streamlit

    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, numpy {np.__version__}, "
        f"pandas {pandas.__version__}, streamlit {streamlit.__version__}"
    )


def table(rows: list[dict], columns: list[str]) -> str:
    """Markdown table of ``rows`` restricted to ``columns``."""

    def fmt(v: object) -> str:
        if isinstance(v, float):
            return f"{v:.3g}" if abs(v) < 1e-3 or abs(v) >= 1e4 else f"{v:.4g}"
        return str(v)

    head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n"
    return head + "".join("| " + " | ".join(fmt(r.get(c, "")) for c in columns) + " |\n" for r in rows)


def paired(idle: list[dict], busy: list[dict], keys: list[str], values: list[str]) -> list[dict]:
    """Rows of ``idle`` with ``values`` columns suffixed " idle" and their busy twins " busy"."""
    out = []
    for i, b in zip(idle, busy, strict=True):
        row = {k: i[k] for k in keys}
        row.update({f"{v} idle": i[v] for v in values})
        row.update({f"{v} busy": b[v] for v in values})
        out.append(row)
    return out


def main() -> None:
    """Run everything, print and write RESULTS.md."""
    from benchmarks import bench_engine, bench_limit
    from benchmarks.busy import busy

    parts = [
        "# Benchmark results\n",
        f"Written by `make bench` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M UTC}.\n",
        f"Machine: {machine()}.\n",
        "Medians over repeated runs; ratio = project / floor, both measured in the same run. *Busy*: the same "
        "figures while two CPU-bound processes (small dense solves in a loop, as other sessions' engine calls) "
        "occupy the two cores (`benchmarks/busy.py`).\n",
    ]

    def engine() -> list[dict]:
        return [bench_engine.cold_small_model(), bench_engine.slider_move(), bench_engine.judgment_edit()]

    def limits() -> list[dict]:
        return bench_limit.run()

    def tails() -> list[dict]:
        return [
            bench_limit.tail(200, family=f, pause=pause)
            for f in ("dense", "sparse", "periodic")
            for pause in (0.0, bench_limit.REQUEST_PAUSE)
        ]

    from benchmarks import bench_smaa

    def measure() -> dict[str, list[dict]]:
        return {
            "engine": engine(),
            "limits": limits(),
            "tails": tails(),
            "mc": [bench_engine.monte_carlo_bench()],
            "smaa": bench_smaa.run(),
        }

    idle = measure()
    with busy(2):
        loaded = measure()
    print(idle["engine"], loaded["engine"])
    parts += [
        "\n## 0-2. Engine: cold start (7 nodes), slider move, judgment edit\n",
        table(
            paired(idle["engine"], loaded["engine"], ["benchmark"], ["project_s", "floor_s", "ratio"]),
            [
                "benchmark",
                "project_s idle",
                "floor_s idle",
                "ratio idle",
                "project_s busy",
                "floor_s busy",
                "ratio busy",
            ],
        ),
        "\nFloors: 0, eigenvectors + W + one solve in bare numpy (no parsing, no validation); 1, the numpy "
        "product of the cached limits with the weights; 2, one eig of the edited matrix and one solve.\n",
    ]
    lim_rows = paired(
        idle["limits"], loaded["limits"], ["family", "n", "diagnosis"], ["time_s", "floor_s", "ratio"]
    )
    for r in lim_rows:
        for k in [k for k in r if k.startswith(("time_s", "floor_s"))]:
            r[k.replace("_s", " ms")] = 1e3 * r.pop(k)
    parts += [
        "\n## 3. Limit scaling (floor: numpy.linalg.solve of the stationary system, BLAS default threads)\n",
        table(lim_rows, list(lim_rows[0])),
        "\n### 3b. Tail at n = 200: p50/p90 of 100 calls, against a solve with the default BLAS threads and "
        "with one thread\n",
        "\n*back to back*: the calls follow each other, so the loop is a CPU-bound process itself and the "
        "scheduler preempts it every few milliseconds wherever it is; *pause 2 ms*: a 2 ms sleep before every "
        "call, as a server waits for its next request between engine calls (`bench_limit.tail`). *control*: "
        "`control_k` one-thread solves of the same system in a row (k = the limit's median over the solve's), "
        "timed in the same loop: the solve's own work, as long as the limit's call, so its p90 ratio is what "
        "the length of a call costs under the pattern, whatever the call does.\n\n",
        table(
            [dict(r, load="idle") for r in idle["tails"]] + [dict(r, load="busy") for r in loaded["tails"]],
            [
                "load",
                "family",
                "n",
                "pattern",
                "limit_p50_ms",
                "limit_p90_ms",
                "solve_p50_ms",
                "solve_p90_ms",
                "solve_1thread_p50_ms",
                "solve_1thread_p90_ms",
                "p90_vs_1thread_p90",
                "control_k",
                "control_p50_ms",
                "control_p90_ms",
                "control_p90_vs_1thread_p90",
            ],
        ),
    ]
    scaling = bench_engine.model_scaling()
    print(scaling)
    parts += [
        "\n## 4. Whole-model scaling (validate + evaluate, 5 criteria, full feedback network)\n",
        table(scaling, ["nodes", "comparisons", "seconds", "peak_MB", "exponent_fit"]),
        f"\nFitted cost exponent (time ~ nodes^k, 50-500 nodes): k = {scaling[0]['exponent_fit']:.2f}.\n",
    ]
    mc_rows = paired(
        idle["mc"], loaded["mc"], ["benchmark"], ["project_s", "floor_s", "ratio", "draws_per_s"]
    )
    parts += [
        "\n## 7. Monte Carlo, 10,000 draws on the paper model\n",
        table(mc_rows, list(mc_rows[0])),
        f"\nA plain loop of evaluate() per draw, timed on {idle['mc'][0]['loop_draws_timed']} draws and scaled "
        f"to 10,000, takes {idle['mc'][0]['loop_s_extrapolated']:.1f} s idle "
        f"({idle['mc'][0]['speedup_vs_loop']:.0f}x slower).\n",
    ]
    smaa_rows = [dict(r, load="idle") for r in idle["smaa"]] + [dict(r, load="busy") for r in loaded["smaa"]]
    parts += [
        "\n## 8. SMAA-2, 100,000 weight draws on the paper model (floor: Dirichlet draws, one product, one argsort)\n",
        table(smaa_rows, ["load", "case", "sampler", "median_s", "max_s", "floor_s", "ratio"]),
    ]
    try:
        bench_pages = importlib.import_module("benchmarks.bench_pages")
        rows = bench_pages.run()
        parts += [
            "\n## 5. Page rerun after a slider move or judgment edit (AppTest), each page against its static twin\n",
            table(rows, list(rows[0])),
        ]
    except ImportError as exc:
        parts.append(f"\n## 5. Page rerun\n\nnot run: {exc}\n")
    try:
        bench_browser = importlib.import_module("benchmarks.bench_browser")
        rows = bench_browser.run()
        parts += [
            "\n## 6. What a user feels (headless Chromium, key press to new rank table)\n",
            table(rows, list(rows[0])),
        ]
    except (ImportError, RuntimeError, subprocess.SubprocessError) as exc:
        parts.append(f"\n## 6. What a user feels\n\nnot run: {exc}\n")
    OUT.write_text("".join(parts), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    sys.exit(main())
