"""Page rerun times against static twins: Weights, Judgments and Sensitivity, plus an empty page.

``python -m benchmarks.bench_pages`` prints a markdown table (``python -m
benchmarks.bench_pages sensitivity`` times one page and its twin; add
``--recompile`` to keep AppTest's compile on every run); :func:`run` returns
the rows. Every page runs inside the real frame, a copy of ``app.py``
(page config, ``state.init()``, ``st.navigation`` with every page, the shared
sidebar; a page app.py does not list yet is added to its navigation), under
AppTest, in this one process; a twin or the empty page takes its page's place
in that navigation:

* **Weights**: ``pages/weights.py``, the default page;
  each timed rerun follows a move of the political slider (a new value each
  time);
* **Judgments**: ``pages/judgments.py`` (default matrix: the credit-risk
  factors under policy); each timed rerun follows an edit of one pairwise
  judgment through its pair slider, a new value each time and the pairs in
  turn, so every rerun shows a matrix not seen before (no warm cache);
* **Sensitivity**: ``pages/sensitivity.py``; each timed rerun follows a move
  of the "±X" slider of the tornado (a new value each time);
* **static twins** (``benchmarks/twin_*.py``): for each page, the same
  widgets, charts and tables drawn from data precomputed once into session
  state with the same dashboard builders the page uses (no anp_core call, no
  figure building during the rerun), driven by the same interaction; at
  the end of the run the Judgments and Sensitivity twins are checked to show
  exactly what their pages show (every element of the main area, charts and
  tables included; the Weights twin draws the paper's data whatever the
  slider says);
* **empty page**: a page that draws nothing (the cost of the frame alone),
  just rerun; its ratio is to the Weights twin.

Each page's ratio is to its own twin: the cost of its computation and
figure building on top of drawing the same elements. Each script is compiled
once for the whole run, as the server compiles it once (AppTest alone would
recompile it on every run; ``--recompile`` keeps that). The apps are timed
interleaved (in a rotating order), so load from other processes hits them
alike. AppTest runs the whole script, so the ``st.fragment`` around the
Weights page's live block, which in the browser reruns only that block, gives
no advantage here: the numbers are an upper bound for a move in the browser.
"""

from __future__ import annotations

import contextlib
import gc
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNS = 40
WARMUP = 3
WEIGHTS = "Weights (pages/weights.py)"
TWIN = "static twin (benchmarks/twin_weights.py)"
JUDGMENTS = "Judgments (pages/judgments.py)"
TWIN_J = "static twin (benchmarks/twin_judgments.py)"
SENSITIVITY = "Sensitivity (pages/sensitivity.py)"
TWIN_S = "static twin (benchmarks/twin_sensitivity.py)"
EMPTY = "empty page"
#: The pages :func:`run` can time (``python -m benchmarks.bench_pages judgments`` times one).
PAGES = ("weights", "judgments", "sensitivity")
#: The judgment matrix the Judgments page opens on, and its id in widget keys.
CREDIT = ("policy", "nodes", "policy", "credit_risk")
#: Options of the Sensitivity page's "±X" slider.
DELTAS = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]


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


@contextlib.contextmanager
def _one_script_cache() -> Iterator[None]:
    """Compile each script once for the whole run, as the server does.

    The server keeps one ``ScriptCache`` (compiled bytecode by path) for all
    sessions and reruns; AppTest makes a new one on every run, so without this
    each rerun would also pay for compiling its page, which no browser user
    waits for, and a page would pay more than its (shorter) twin for it.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    saved = app_test.ScriptCache, local_script_runner.ScriptCache
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        app_test.ScriptCache, local_script_runner.ScriptCache = saved  # type: ignore[misc]


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
    for row in weights_ui.top_records(ranked):
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


def judgment_edits(n: int) -> list[tuple[int, int, float]]:
    """Return ``n`` pair edits ``(i, j, value)`` of the Judgments page's default matrix.

    The pairs are edited in turn and each value is on Saaty's scale and
    differs from the pair's current one, so every edit gives a matrix not
    seen before in the run (the sequence repeats a matrix only after 102 edits).
    """
    from anp_core import load_model
    from dashboard.judgment_ui import scale_options
    from dashboard.state import DEFAULT_MODEL_PATH

    comp = load_model(DEFAULT_MODEL_PATH).comparison_by_key[CREDIT]
    m = [list(r) for r in comp.matrix]
    size = len(comp.elements)
    pairs = [(i, j) for i in range(size) for j in range(i + 1, size)]
    scale = scale_options(1.0)
    edits = []
    for k in range(n):
        i, j = pairs[k % len(pairs)]
        step = 5 * k
        while math.isclose(scale[step % len(scale)], m[i][j], rel_tol=1e-9):
            step += 1
        m[i][j] = scale[step % len(scale)]
        edits.append((i, j, m[i][j]))
    return edits


def _judgments_state(model: Any, base_model: Any, message: str | None) -> dict[str, Any]:
    """What the Judgments page draws for its default matrix of ``model`` (as the page builds it)."""
    import numpy as np
    import pandas as pd
    import streamlit as st

    from anp_core import DEFAULT_RI_TABLE, RI_TABLES, PairwiseMatrix
    from dashboard import figures, judgment_ui

    ref = judgment_ui.MatrixRef.of(model, CREDIT)
    assert ref is not None
    pm = PairwiseMatrix(ref.matrix, ref.labels, name=ref.title)
    prio = pm.priorities()
    cr = pm.consistency_ratio(DEFAULT_RI_TABLE)
    worst = pm.most_inconsistent()
    worst_cell = None
    if worst is not None and abs(math.log(worst.error)) > 1e-6:
        worst_cell = (worst.row, worst.col)
    pairs = []
    n = len(ref.elements)
    for i in range(n):
        for j in range(i + 1, n):
            value = judgment_ui.snap(float(ref.matrix[i][j]))
            a, b = ref.labels[i], ref.labels[j]
            options = judgment_ui.scale_options(value)
            flag = " ⚠ most inconsistent" if worst_cell == (i, j) else ""
            pairs.append(
                {
                    "i": i,
                    "j": j,
                    "value": value,
                    "label": f"**{a}** vs **{b}**{flag}",
                    "options": options,
                    "option_labels": {o: judgment_ui.verbal_label(o, a, b) for o in options},
                }
            )
    ri_name = RI_TABLES[DEFAULT_RI_TABLE]
    if pm.n <= 2:
        verdict_ok, verdict = True, "CR = 0: a matrix of two elements is always consistent."
    elif cr <= 0.10:
        verdict_ok, verdict = True, f"**Pass** — CR = {cr:.3f} ≤ 0.10 ({ri_name})."
    else:
        verdict_ok, verdict = False, f"**Fail** — CR = {cr:.3f} > 0.10 ({ri_name}): revise the judgments."
    shown_worst = None
    if worst_cell is not None and worst is not None:
        fmt = figures.fmt_judgment
        shown_worst = {
            "text": f"**Most inconsistent judgment:** ({worst.row_label}, {worst.col_label}) = "
            f"{fmt(worst.value)}. A value of **{fmt(worst.consistent_value)}** "
            f"would agree with the priorities of the other judgments (Saaty's e = {worst.error:.2f}).",
            "button": f"Set it to {fmt(worst.consistent_value)}",
        }
    base_ref = judgment_ui.MatrixRef.of(base_model, CREDIT)
    ptable = pd.DataFrame({"Element": list(ref.labels), "Priority": prio})
    if base_ref is not None and base_ref.elements == ref.elements:
        base_prio = PairwiseMatrix(base_ref.matrix, base_ref.labels, name=base_ref.title).priorities()
        ptable["Loaded"] = base_prio
        ptable["Δ"] = prio - base_prio
    color = figures.cluster_colors(model).get(CREDIT[3], "#1f5f8b")
    return {
        "id": ref.id,
        "message": message,
        "title": ref.title,
        "note": ref.note,
        "pairs": pairs,
        "metrics": [
            {
                "label": "λmax",
                "value": f"{pm.lambda_max:.4f}",
                "help": f"n = {pm.n}; equals n for a consistent matrix",
            },
            {"label": "CI", "value": f"{pm.ci:.4f}", "help": "(λmax − n) / (n − 1)"},
            {"label": "CR", "value": f"{cr:.4f}", "help": "CI / RI(n) with the RI table below"},
        ],
        "verdict_ok": verdict_ok,
        "verdict": verdict,
        "worst": shown_worst,
        "bar": figures.priorities_bar(ref.labels, prio, color=color),
        "ptable": ptable,
        "frame": judgment_ui.matrix_frame(ref),
        "editor_config": {
            e: st.column_config.TextColumn(str(k + 1), width=72, help=label)
            for k, (e, label) in enumerate(zip(ref.elements, ref.labels, strict=True))
        },
        "heatmap": figures.matrix_heatmap(np.asarray(ref.matrix), ref.labels, highlight=worst_cell),
    }


def twin_data_judgments(edits: list[tuple[int, int, float]]) -> dict[str, Any]:
    """Precompute everything the Judgments twin draws: one state per edit of ``edits``, plus the start.

    State ``k`` is what the page shows after the first ``k`` edits, built
    with the same dashboard helpers and figure builders as the page.
    """
    import pandas as pd
    import streamlit as st

    from anp_core import RI_TABLES, load_model
    from dashboard.figures import fmt_judgment
    from dashboard.state import DEFAULT_MODEL_PATH

    base_model = load_model(DEFAULT_MODEL_PATH)
    model = base_model
    states = [_judgments_state(model, base_model, None)]
    comp = model.comparison_by_key[CREDIT]
    for i, j, value in edits:
        row, col = comp.elements[i], comp.elements[j]
        model = model.with_judgment(CREDIT, row, col, value)
        message = f"({model.label(row)}, {model.label(col)}) set to {fmt_judgment(float(value))}."
        states.append(_judgments_state(model, base_model, message))

    criterion, cluster = CREDIT[0], CREDIT[3]
    clusters = [c.id for c in model.clusters]
    wrt_options = [criterion, *clusters, *model.node_ids]

    def wrt_label(w: str) -> str:
        exists = (criterion, "nodes", w, cluster) in model.comparison_by_key
        if w == criterion:
            return "Whole criterion (all columns)"
        what = "cluster" if w in model.cluster_by_id else "factor"
        return f"{'✎ ' if exists else ''}Override for {what}: {model.label(w)}"

    overrides = [c for c in model.comparisons if c.wrt != c.criterion]
    return {
        "intro": "**These judgments are reconstructed, not published.** Paper 000 publishes only the weights of "
        "Table 2. Each matrix here is the consistent matrix of those weights (CR = 0), so some ratios exceed "
        "Saaty's 9 (e.g. 25.43): they are shown as they are until you change that pair.",
        "kinds": {
            "criteria": "Control criteria",
            "clusters": "Clusters under a criterion",
            "nodes": "Factors of a cluster under a criterion",
        },
        "networked": list(model.networked_criteria),
        "clusters": clusters,
        "labels": {x: model.label(x) for x in [*model.networked_criteria, *clusters]},
        "wrt_options": wrt_options,
        "wrt_labels": {w: wrt_label(w) for w in wrt_options},
        "wrt_help": "A comparison with respect to one cluster or one factor overrides the criterion-wide one "
        "for those columns of the supermatrix (✎ = an override exists).",
        "scale_caption": "1 equal · 3 moderate · 5 strong · 7 very strong · 9 extreme (2, 4, 6, 8 in between). "
        "Slide towards the element that dominates.",
        "ri_tables": dict(RI_TABLES),
        "ptable_config": {
            "Element": st.column_config.TextColumn(width="medium"),
            "Priority": st.column_config.NumberColumn(format="%.4f", width="small"),
            "Loaded": st.column_config.NumberColumn(
                format="%.4f", width="small", help="Priority in the loaded model (the paper's)"
            ),
            "Δ": st.column_config.NumberColumn(format="%+.4f", width="small"),
        },
        "matrix_caption": "Type a judgment into a cell **above the diagonal** (3, 0.2 or 1/5; values above 9 are "
        "allowed). Cells marked '=' are reciprocals, filled in for you. Column k is row k's element.",
        "overrides_title": f"Overrides in this model ({len(overrides)})",
        "overrides": pd.DataFrame(
            {
                "Criterion": [model.label(c.criterion) for c in overrides],
                "Compares": [
                    "clusters" if c.kind == "clusters" else f"factors of {model.label(c.cluster or '')}"
                    for c in overrides
                ],
                "With respect to": [model.label(c.wrt) for c in overrides],
            }
        )
        if overrides
        else None,
        "states": states,
    }


def twin_data_sensitivity() -> dict[str, Any]:
    """Precompute everything the Sensitivity twin draws, as the page builds it (one tornado per ±X)."""
    import pandas as pd
    import streamlit as st

    from anp_core import evaluate, load_model
    from anp_core.evaluate import resolve_weights
    from anp_core.sensitivity import crossings, end_ties, lines, top_change_thresholds, tornado
    from dashboard import figures, scenario_ui, whatif_figures
    from dashboard.state import DEFAULT_MODEL_PATH, PAPER_SCENARIO

    model = load_model(DEFAULT_MODEL_PATH)
    criteria = list(model.control_criteria)
    names = {f: model.label(f) for f in model.node_ids}
    crit_names = {c: model.label(c) for c in criteria}
    cluster_names = {c.id: c.name for c in model.clusters}
    ev = evaluate(model, resolve_weights(model, None))
    eff = dict(zip(ev.criteria, ev.weights.tolist(), strict=True))
    criterion = "political"
    short = scenario_ui.short_criterion_name(crit_names[criterion])
    ln = lines(ev, criterion)
    shown = crossings(ev, criterion)
    ties = end_ties(ev, criterion)
    top5 = list(ev.composite.sort_values(ascending=False, kind="stable").index[:5])
    table = scenario_ui.crossing_table(shown, names, short, ln.current, top5)
    nearest = []
    below = [c for c in shown if c.t < ln.current]
    above = [c for c in shown if c.t > ln.current]
    if below:
        c = below[-1]
        nearest.append(
            f"lowering it below **{c.t:.4f}** ({c.t - ln.current:+.4f}) puts {names[c.overtaken]} back above "
            f"{names[c.overtaker]}"
        )
    if above:
        c = above[0]
        nearest.append(
            f"raising it above **{c.t:.4f}** ({c.t - ln.current:+.4f}) puts {names[c.overtaker]} above "
            f"{names[c.overtaken]}"
        )
    top_ids = list(ev.composite.sort_values(ascending=False, kind="stable").index[:5])
    frames = [top_change_thresholds(ev, c, tops=(1, 3, 5)) for c in ev.criteria]
    fmt = {"Current weight": st.column_config.NumberColumn(format="%.4f")}
    for k in (1, 3, 5):
        fmt[f"Top {k}: move"] = st.column_config.NumberColumn(
            f"Top {k}: move",
            format="%+.4f",
            help=f"Smallest change of this criterion's weight that changes which factors make the top {k} "
            "(negative: the weight must fall). Empty: no change anywhere between 0 and 1.",
        )
        fmt[f"Top {k}: at"] = st.column_config.NumberColumn(
            f"Top {k}: at", format="%.4f", help=f"The weight at which the top {k} changes."
        )
    return {
        "intro": "One criterion's weight moves from 0 to 1 while the others keep their proportions (as the "
        "Weights page sliders do). Each factor's composite weight is then a straight line in that weight, so "
        "the points where two factors swap places are computed exactly, not read off a grid. Starting point: "
        "the current sliders and judgments.",
        "current": "**Current weights:** "
        + " · ".join(f"{crit_names.get(c, c)} {w:.3f}" for c, w in eff.items())
        + f" ({PAPER_SCENARIO})",
        "criteria": criteria,
        "crit_names": crit_names,
        "lines": whatif_figures.sensitivity_figure(
            ln,
            names,
            model.cluster_of,
            figures.cluster_colors(model),
            crossings=shown,
            criterion_label=short,
            cluster_names=cluster_names,
            highlight=top5,
        ),
        "lines_caption": f"Thick lines: the current top 5. The dashed red line marks the current {short} "
        f"weight ({ln.current:.3f}); each × is a crossing. Ranks elsewhere in the dashboard round the "
        "composite weights to 3 decimals, as the paper does, so two factors can share a rank a little before "
        "their lines cross.",
        "crossings_title": f"Crossings along the {short} weight",
        "no_crossings": f"No two factors swap places anywhere between 0 and 1 of the {short} weight.",
        "crossings": None if table.empty else table,
        "nearest": f"**{len(table)} crossing{'s' if len(table) != 1 else ''}** between 0 and 1. Nearest to the "
        f"current weight ({ln.current:.3f}): " + "; ".join(nearest) + ".",
        "sentences": "\n".join(f"- {s}" for s in table["What happens"]),
        "crossings_config": {
            "Weight": st.column_config.NumberColumn(f"{short.capitalize()} weight", format="%.4f"),
            "Move": st.column_config.NumberColumn("Move from current", format="%+.4f"),
            "Top factor involved": st.column_config.CheckboxColumn("Involves a current top-5 factor"),
        },
        "crossings_height": 35 * len(table) + 40,
        "ties": "Equal at the end of the range (the two factors have the same priority under this criterion, "
        "so they only meet at weight 1, or at 0): "
        + "; ".join(f"{names[c.overtaker]} and {names[c.overtaken]} at {round(c.t):d}" for c in ties)
        + "."
        if ties
        else None,
        "deltas": DELTAS,
        "delta_labels": {x: f"±{x:.2f}" for x in DELTAS},
        "tornado": {
            d: whatif_figures.tornado_figure(tornado(ev, d, top_ids), names, crit_names, d, factors=top_ids)
            for d in DELTAS
        },
        "tornado_caption": "Each criterion's weight is lowered and raised by X (clipped to 0 and 1) while the "
        "others keep their proportions; the bars show how much each top factor's composite weight changes.",
        "thresholds": scenario_ui.threshold_table(pd.concat(frames, ignore_index=True), crit_names),
        "thresholds_config": fmt,
        "thresholds_caption": "*move*: the smallest change of the criterion's weight (the others keep their "
        "proportions) after which a different set of factors makes the top k; *at*: the weight where that "
        "happens. The set is what counts: a swap inside the top k does not change it.",
    }


def _app_copy(tmp: Path, name: str, page: str, twin: Path | None = None) -> str:
    """Write a copy of ``app.py`` into ``tmp`` and return its path.

    The copy is the real frame (page config, ``state.init()``, navigation,
    sidebar), with the project root on ``sys.path`` and ``tmp/pages`` linked
    to the project's ``pages/``. ``page`` is added to the navigation if
    ``app.py`` does not list it; with ``twin``, that file is drawn in its
    place (same title, icon and position).
    """
    links = tmp / "pages"
    if not links.exists():
        links.symlink_to(ROOT / "pages", target_is_directory=True)
    text = (ROOT / "app.py").read_text(encoding="utf-8")
    quoted = f'"{page}"'
    if quoted not in text:
        if '"Explore": [' not in text:
            msg = f"app.py lists no {page} and has no Explore section to add it to; update benchmarks/bench_pages.py"
            raise RuntimeError(msg)
        text = text.replace('"Explore": [', f'"Explore": [st.Page({quoted}), ', 1)
    if twin is not None:
        text = text.replace(quoted, repr(str(twin)), 1)
    path = tmp / name
    path.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n" + text, encoding="utf-8")
    return str(path)


def _check(at: Any) -> None:
    if at.exception:
        msg = f"page raised: {[(e.message, e.stack_trace[-3:]) for e in at.exception]}"
        raise RuntimeError(msg)


def _move_weight(at: Any, i: int) -> None:
    at.slider(key="w_political").set_value(round(0.2 + 0.02 * (i % 25), 2))


def _move_delta(at: Any, i: int) -> None:
    # starts at 0.1 (index 3): every move goes to a new value
    at.select_slider(key="sens_delta").set_value(DELTAS[(4 + i) % len(DELTAS)])


def _edit_judgment(edits: list[tuple[int, int, float]]) -> Callable[[Any, int], None]:
    def edit(at: Any, k: int) -> None:
        i, j, value = edits[k]
        (key,) = [
            s.key
            for s in at.select_slider
            if s.key and s.key.startswith("pair:") and s.key.split(":")[-3:-1] == [str(i), str(j)]
        ]
        at.select_slider(key=key).set_value(value)

    return edit


def _no_move(at: Any, i: int) -> None:
    pass


def _time_one(at: Any, i: int, act: Callable[[Any, int], None]) -> float:
    act(at, i)
    gc.collect()
    t0 = time.perf_counter()
    at.run()
    dt = time.perf_counter() - t0
    _check(at)
    return dt


def _view(at: Any) -> list[tuple[str, str]]:
    """What the main area shows, element by element (type and content), for comparing a page with its twin."""
    out = []
    for node in at.main:
        kind = node.type
        proto = getattr(node, "proto", None)
        if kind in ("block", "columns", "column", "expander", "container") or proto is None:
            out.append((kind, ""))
            continue
        fields = proto.ListFields() if hasattr(proto, "ListFields") else []
        shown = {f.name: v for f, v in fields if f.name not in ("id", "form_id")}
        out.append((kind, repr(sorted(shown.items()))))
    return out


@dataclass
class _App:
    name: str
    twin: str
    at: Any
    act: Callable[[Any, int], None]


def run(pages: Sequence[str] = PAGES, *, recompile: bool = False) -> list[dict[str, Any]]:
    """Time the pages and their twins; return one row per page (median, p90 and ratio to its twin, in ms).

    ``pages`` picks some of :data:`PAGES` (each comes with its twin; the
    empty page comes with ``"weights"``, whose twin it is compared with).
    Scripts are compiled once, as the server does (:func:`_one_script_cache`);
    ``recompile=True`` keeps AppTest's compile on every run.
    """
    unknown = set(pages) - set(PAGES)
    if unknown:
        msg = f"unknown pages {sorted(unknown)}; choose from {', '.join(PAGES)}"
        raise ValueError(msg)
    _patch_apptest_pages_fallback()
    from streamlit.testing.v1 import AppTest

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    edits = judgment_edits(WARMUP + RUNS)
    edit = _edit_judgment(edits)
    data: dict[str, Any] = {}
    if "weights" in pages:
        data[TWIN] = twin_data()
    if "judgments" in pages:
        data[TWIN_J] = twin_data_judgments(edits)
    if "sensitivity" in pages:
        data[TWIN_S] = twin_data_sensitivity()

    with tempfile.TemporaryDirectory() as d, contextlib.nullcontext() if recompile else _one_script_cache():
        tmp = Path(d)
        (tmp / "empty.py").write_text('"""A page that draws nothing."""\n', encoding="utf-8")
        twins = ROOT / "benchmarks"

        def app(name: str, page: str, twin: Path | None = None) -> tuple[Any, str]:
            at = AppTest.from_file(_app_copy(tmp, name, page, twin), default_timeout=60)
            return at, str(twin) if twin is not None else page

        cases = []
        if "weights" in pages:
            cases += [
                (WEIGHTS, TWIN, app("weights.py", "pages/weights.py"), _move_weight),
                (TWIN, TWIN, app("twin_w.py", "pages/weights.py", twins / "twin_weights.py"), _move_weight),
            ]
        if "judgments" in pages:
            cases += [
                (JUDGMENTS, TWIN_J, app("judgments.py", "pages/judgments.py"), edit),
                (TWIN_J, TWIN_J, app("twin_j.py", "pages/judgments.py", twins / "twin_judgments.py"), edit),
            ]
        if "sensitivity" in pages:
            twin_s = twins / "twin_sensitivity.py"
            cases += [
                (SENSITIVITY, TWIN_S, app("sensitivity.py", "pages/sensitivity.py"), _move_delta),
                (TWIN_S, TWIN_S, app("twin_s.py", "pages/sensitivity.py", twin_s), _move_delta),
            ]
        if "weights" in pages:
            cases.append((EMPTY, TWIN, app("empty_app.py", "pages/weights.py", tmp / "empty.py"), _no_move))
        apps = []
        for name, twin, (at, page), act in cases:
            if name in data:
                at.session_state["twin"] = data[name]
            _check(at.run())
            _check(at.switch_page(page).run())  # the page to time (the default one for Weights)
            apps.append(_App(name, twin, at, act))
        results: dict[str, list[float]] = {app.name: [] for app in apps}
        # interleaved, in a rotating order, so load from other processes hits every page alike
        for i in range(WARMUP + RUNS):
            k = i % len(apps)
            for app in apps[k:] + apps[:k]:
                dt = _time_one(app.at, i, app.act)
                if i >= WARMUP:
                    results[app.name].append(dt)
        # the twins drew what their pages drew (same state after the same interactions)
        by_name = {app.name: app.at for app in apps}
        for page, twin in ((JUDGMENTS, TWIN_J), (SENSITIVITY, TWIN_S)):
            if page in by_name:
                _same_view(page, _view(by_name[page]), twin, _view(by_name[twin]))

    medians = {name: statistics.median(ts) for name, ts in results.items()}
    rows = []
    for app in apps:
        ms = sorted(t * 1000 for t in results[app.name])
        rows.append(
            {
                "page": app.name,
                "twin": app.twin.removeprefix("static twin (").removesuffix(")"),
                "runs": len(ms),
                "median_ms": statistics.median(ms),
                "p90_ms": ms[int(0.9 * (len(ms) - 1))],
                "vs_twin": medians[app.name] / medians[app.twin],
            }
        )
    return rows


def _same_view(page: str, a: list[tuple[str, str]], twin: str, b: list[tuple[str, str]]) -> None:
    if a == b:
        return
    for k, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            msg = f"{twin} does not draw what {page} draws: element {k}: {x[0]} {x[1][:300]} != {y[0]} {y[1][:300]}"
            raise RuntimeError(msg)
    msg = f"{twin} draws {len(b)} elements, {page} {len(a)}"
    raise RuntimeError(msg)


def markdown(rows: list[dict[str, Any]]) -> str:
    """Return the rows as a markdown table."""
    out = ["| page | runs | median ms | p90 ms | × twin | twin |", "|---|---:|---:|---:|---:|---|"]
    for r in rows:
        out.append(
            f"| {r['page']} | {r['runs']} | {r['median_ms']:.1f} | {r['p90_ms']:.1f} | {r['vs_twin']:.2f} | "
            f"{r['twin']} |"
        )
    return "\n".join(out)


if __name__ == "__main__":
    args = sys.argv[1:]
    print(markdown(run([a for a in args if a != "--recompile"] or PAGES, recompile="--recompile" in args)))
