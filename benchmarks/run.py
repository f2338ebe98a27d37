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


def main() -> None:
    """Run everything, print and write RESULTS.md."""
    from benchmarks import bench_engine

    parts = [
        "# Benchmark results\n",
        f"Written by `make bench` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M UTC}.\n",
        f"Machine: {machine()}.\n",
        "Medians over repeated runs; ratio = project / floor, both measured in the same run.\n",
    ]
    eng = [bench_engine.slider_move(), bench_engine.judgment_edit()]
    print(eng)
    parts += [
        "\n## 1-2. Engine: slider move and judgment edit\n",
        table(eng, ["benchmark", "project_s", "floor_s", "ratio"]),
    ]
    try:
        bench_limit = importlib.import_module("benchmarks.bench_limit")
        rows = bench_limit.run()
        parts += ["\n## 3. Limit scaling (floor: numpy.linalg.solve of the stationary system)\n"]
        parts.append(bench_limit.markdown(rows))
    except ImportError as exc:
        parts.append(f"\n## 3. Limit scaling\n\nnot run: {exc}\n")
    scaling = bench_engine.model_scaling()
    print(scaling)
    parts += [
        "\n## 4. Whole-model scaling (validate + evaluate, 5 criteria, full feedback network)\n",
        table(scaling, ["nodes", "comparisons", "seconds", "peak_MB", "exponent_fit"]),
        f"\nFitted cost exponent (time ~ nodes^k, 50-500 nodes): k = {scaling[0]['exponent_fit']:.2f}.\n",
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
    mc = bench_engine.monte_carlo_bench()
    print(mc)
    parts += [
        "\n## 7. Monte Carlo, 10,000 draws on the paper model\n",
        table(
            [mc],
            [
                "benchmark",
                "project_s",
                "floor_s",
                "ratio",
                "loop_s_extrapolated",
                "speedup_vs_loop",
                "draws_per_s",
            ],
        ),
        f"\nThe loop was timed on {mc['loop_draws_timed']} draws and scaled to 10,000.\n",
    ]
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
