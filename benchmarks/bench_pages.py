"""Rerun time of the Weights page after a slider move, against its static twin and an empty page.

``python -m benchmarks.bench_pages`` prints a markdown table; :func:`run`
returns the rows. All three pages run inside the same frame as ``app.py``
(page config, ``state.init()``, ``st.navigation`` with every page, the shared
sidebar), under AppTest, in this one process:

* **Weights**: the real ``app.py`` on its default page, ``pages/weights.py``;
* **static twin**: ``benchmarks/twin_weights.py``, the same widgets, charts and
  tables drawn from data precomputed once into session state (no anp_core
  call, no figure building);
* **empty page**: a page that draws nothing (the cost of the frame alone).

Each timed rerun follows a move of the political slider (a new value every
time; the empty page has no slider, so it is just rerun). AppTest runs the
whole script, so the ``st.fragment`` around the Weights page's live block,
which in the browser reruns only that block, gives no advantage here: the
numbers are an upper bound for a slider move in the browser.
"""

from __future__ import annotations

import gc
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS = 20
WARMUP = 3
WEIGHTS = "Weights (pages/weights.py)"
TWIN = "static twin (benchmarks/twin_weights.py)"
EMPTY = "empty page"

# The frame of app.py, written to a temporary directory whose pages/ links to
# the project's (so "pages/audit.py" resolves as in app.py); {default} is the
# page it opens on.
_FRAME = """
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from dashboard import sidebar, state

st.set_page_config(page_title="bench", layout="wide")
state.init()
pages = [st.Page({default!r}, title="Bench", default=True, url_path="bench")]
pages += [st.Page(p) for p in {others!r}]
page = st.navigation(pages)
with st.sidebar:
    sidebar.render()
page.run()
"""


def _patch_apptest_pages_fallback() -> None:
    # Same fix as tests/app/conftest.py: without it AppTest reruns only the page
    # file (legacy pages/ fallback) and skips app.py from the second run on.
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager.__init__, "_bench_patched", False):
        return
    original = PagesManager.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    init._bench_patched = True  # type: ignore[attr-defined]
    PagesManager.__init__ = init  # type: ignore[method-assign]


def twin_data() -> dict[str, Any]:
    """Precompute everything the twin draws, exactly as the Weights page builds it."""
    import streamlit as st

    from anp_core import evaluate, load_model
    from dashboard import figures, weights_ui
    from dashboard.state import DEFAULT_MODEL_PATH, GEO

    model = load_model(DEFAULT_MODEL_PATH)
    ev = evaluate(model)
    colors = figures.cluster_colors(model)
    cnames = {c.id: c.name for c in model.clusters}
    table = ev.table()
    ranked = weights_ui.rank_table(table, table, cnames)
    cards = []
    for _, row in weights_ui.top_factors(ranked).iterrows():
        cards.append(
            {
                "title": f"**#{row['Rank']}** {row['Factor']}",
                "label": f"#{row['Rank']} {row['Factor']}",
                "value": f"{row['Composite']:.3f}",
                "delta": f"{row['Δ weight']:+.3f}",
                "description": f"rank {row['Change']}",
                "help": f"{row['Cluster']}. Baseline: {row['Baseline']:.3f} (rank {row['Baseline rank']}).",
            }
        )
    geo = model.criterion_by_id[GEO]
    return {
        "criteria": list(model.control_criteria),
        "names": {c.id: c.name for c in model.criteria},
        "help": {c.id: c.description for c in model.criteria},
        "intro": "The judgments behind these numbers are **reconstructed** from the paper's Table 2.",
        "slider_caption": "Moving one slider rescales the others in proportion.",
        "geo_label": f"Add {geo.name.lower()} as a criterion",
        "geo_help": geo.excluded_reason,
        "effective": "**Effective weights**: "
        + " · ".join(f"{model.label(c)} {w:.3f}" for c, w in ev.criterion_weights.items()),
        "cards": cards,
        "bar": figures.composite_bar(table, colors, cluster_names=cnames, baseline=ev.composite),
        "sunburst": figures.cluster_sunburst(table, colors, cluster_names=cnames, title=None),
        "ranked": ranked,
        "column_config": {
            "Rank": st.column_config.NumberColumn(width="small"),
            "Change": st.column_config.TextColumn(width="small"),
            "Composite": st.column_config.NumberColumn(format="%.4f"),
            "Baseline": st.column_config.NumberColumn(format="%.4f"),
            "Δ weight": st.column_config.NumberColumn(format="%+.4f"),
            "Baseline rank": st.column_config.NumberColumn(width="small"),
        },
        "shares": " · ".join(f"{cnames[c]} {v:.3f}" for c, v in ev.cluster_weights.items()),
    }


def _frame_file(tmp: Path, name: str, default: str, prefix: str = "") -> str:
    """Write the frame opening on ``default`` into ``tmp`` and return its path."""
    pages = tmp / "pages"
    if not pages.exists():
        pages.symlink_to(ROOT / "pages", target_is_directory=True)
    # every page app.py lists (the Weights page itself is replaced by ``default``)
    listed = re.findall(r'st\.Page\(\s*"([^"]+)"', (ROOT / "app.py").read_text())
    others = [p for p in listed if p != "pages/weights.py"]
    path = tmp / name
    path.write_text(prefix + _FRAME.format(root=str(ROOT), default=default, others=others))
    return str(path)


def _check(at: Any) -> None:
    if at.exception:
        msg = f"page raised: {[(e.message, e.stack_trace[-3:]) for e in at.exception]}"
        raise RuntimeError(msg)


def _time_one(at: Any, i: int, move: bool) -> float:
    if move:
        at.slider(key="w_political").set_value(round(0.2 + 0.02 * (i % 25), 2))
    gc.collect()
    t0 = time.perf_counter()
    at.run()
    dt = time.perf_counter() - t0
    _check(at)
    return dt


def run() -> list[dict[str, Any]]:
    """Time the three pages; return one row per page (median, p90 and ratio to the twin, in ms)."""
    _patch_apptest_pages_fallback()
    from streamlit.testing.v1 import AppTest

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    data = twin_data()

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        weights = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        twin = AppTest.from_file(
            _frame_file(tmp, "twin_app.py", str(ROOT / "benchmarks" / "twin_weights.py")), default_timeout=60
        )
        twin.session_state["twin"] = data
        # the empty page: a function page inside the same frame
        src = Path(_frame_file(tmp, "empty_app.py", "EMPTY", prefix="def empty():\n    pass\n"))
        src.write_text(src.read_text().replace("st.Page('EMPTY'", "st.Page(empty"))
        empty = AppTest.from_file(str(src), default_timeout=60)
        apps = {WEIGHTS: (weights, True), TWIN: (twin, True), EMPTY: (empty, False)}
        results: dict[str, list[float]] = {name: [] for name in apps}
        for at, _ in apps.values():
            _check(at.run())
        # interleaved, so load from other processes hits the three pages alike
        for i in range(WARMUP + RUNS):
            for name, (at, move) in apps.items():
                dt = _time_one(at, i, move)
                if i >= WARMUP:
                    results[name].append(dt)

    twin_median = statistics.median(results[TWIN])
    rows = []
    for name, ts in results.items():
        ms = sorted(t * 1000 for t in ts)
        med = statistics.median(ms)
        rows.append(
            {
                "page": name,
                "runs": len(ms),
                "median_ms": med,
                "p90_ms": ms[int(0.9 * (len(ms) - 1))],
                "vs_twin": med / (twin_median * 1000),
            }
        )
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    """Return the rows as a markdown table."""
    out = ["| page | runs | median ms | p90 ms | × twin |", "|---|---:|---:|---:|---:|"]
    for r in rows:
        out.append(
            f"| {r['page']} | {r['runs']} | {r['median_ms']:.1f} | {r['p90_ms']:.1f} | {r['vs_twin']:.2f} |"
        )
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(run()))
