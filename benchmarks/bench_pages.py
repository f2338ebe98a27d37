"""Page rerun times against static twins: Weights, Judgments and Sensitivity, plus an empty page.

``python -m benchmarks.bench_pages`` prints a markdown table (``python -m
benchmarks.bench_pages sensitivity`` times one page and its twin; add
``--recompile`` to keep AppTest's compile on every run); :func:`run` returns
the rows. Every page runs inside the real frame, a copy of ``app.py``
(page config, ``state.init()``, ``st.navigation`` with every page, the shared
sidebar; a page app.py does not list yet is added to its navigation), under
AppTest, in this one process; a twin or the empty page takes its page's place
in that navigation:

* **Weights**: ``views/weights.py``, the default page;
  each timed rerun follows a move of the political slider (a new value each
  time);
* **Judgments**: ``views/judgments.py`` (default matrix: the credit-risk
  factors under policy); each timed rerun follows an edit of one pairwise
  judgment through its pair slider, a new value each time and the pairs in
  turn, so every rerun shows a matrix not seen before (no warm cache);
* **Sensitivity**: ``views/sensitivity.py``; each timed rerun follows a move
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
import re
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
WEIGHTS = "Weights (views/weights.py)"
TWIN = "static twin (benchmarks/twin_weights.py)"
JUDGMENTS = "Judgments (views/judgments.py)"
TWIN_J = "static twin (benchmarks/twin_judgments.py)"
SENSITIVITY = "Sensitivity (views/sensitivity.py)"
TWIN_S = "static twin (benchmarks/twin_sensitivity.py)"
EMPTY = "empty page"
#: The pages :func:`run` can time (``python -m benchmarks.bench_pages judgments`` times one).
PAGES = ("weights", "judgments", "sensitivity")
#: The judgment matrix the Judgments page opens on, and its id in widget keys.
CREDIT = ("policy", "nodes", "policy", "credit_risk")
#: Options of the Sensitivity page's "±X" slider.
DELTAS = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]


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
    """Precompute what the Weights twin draws, with the page's own builder (``weights_ui.weights_view``)."""
    import streamlit as st

    from anp_core import evaluate, load_model
    from dashboard import difficulties, model_notes, state, weights_ui

    model = load_model(state.DEFAULT_MODEL_PATH)
    ev = evaluate(model)
    loaded = difficulties.bundled()
    view = weights_ui.weights_view(ev, ev, lang="en", matches=difficulties.matching(loaded.sets, model))
    extra = [model.criterion_by_id[c] for c in state.extra_criteria(model)]
    table = view.difficulties
    return {
        "difficulties": None
        if table is None
        else {
            "caption": f"{table.iloc[:, 1].nunique()} factors of this model are named in "
            f"{table.iloc[:, 0].nunique()} difficulties ("
            + "; ".join(sorted({s.citation for s in loaded.sets if s.citation}))
            + "); they are marked beside their bars above, with their current rank here.",
            "config": {
                table.columns[3]: st.column_config.NumberColumn(format="%.4f"),
                table.columns[5]: st.column_config.TextColumn(width="large"),
            },
        },
        "criteria": list(model.control_criteria),
        "names": {c.id: c.name for c in model.criteria},
        "help": {c.id: c.description for c in model.criteria},
        "intro": ":material/info: "
        + " ".join(
            t for t in (model_notes.judgments_notice(model), weights_ui.published_note(model, ev)) if t
        ),
        "extra": [(c.id, f"Add {c.name}", c.excluded_reason) for c in extra],
        "effective": weights_ui.effective_text(
            model, dict(zip(ev.criteria, ev.weights.tolist(), strict=True)), 1.0
        ),
        "view": view,
        "column_config": {
            "Rank": st.column_config.NumberColumn(width="small"),
            "Change": st.column_config.TextColumn(width="small", help="▲ up, ▼ down, – unchanged"),
            "Factor": st.column_config.TextColumn(width="medium"),
            "Composite": st.column_config.NumberColumn(format="%.4f"),
            "Baseline": st.column_config.NumberColumn(format="%.4f"),
            "Δ weight": st.column_config.NumberColumn(format="%+.4f"),
            "Baseline rank": st.column_config.NumberColumn(width="small"),
        },
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
    """What the Judgments page draws for its default matrix of ``model``: the page's own builder's view."""
    from anp_core import DEFAULT_RI_TABLE
    from dashboard import figures, judgment_ui

    view = judgment_ui.matrix_view(
        model, base_model, CREDIT, DEFAULT_RI_TABLE, colors=figures.cluster_colors(model)
    )
    return {"message": message, "view": view, "csv": judgment_ui.matrix_csv(view.ref)}


def twin_data_judgments(edits: list[tuple[int, int, float]]) -> dict[str, Any]:
    """Precompute everything the Judgments twin draws: one state per edit of ``edits``, plus the start.

    State ``k`` is what the page shows after the first ``k`` edits, built by
    the page's own builders (``judgment_ui.matrix_view``, ``judgment_nav``).
    """
    from anp_core import RI_TABLES, load_model
    from dashboard import judgment_nav, model_notes, state
    from dashboard.figures import fmt_judgment
    from dashboard.text import plain

    base_model = load_model(state.DEFAULT_MODEL_PATH)
    model = base_model
    states = [_judgments_state(model, base_model, None)]
    comp = model.comparison_by_key[CREDIT]
    for i, j, value in edits:
        row, col = comp.elements[i], comp.elements[j]
        model = model.with_judgment(CREDIT, row, col, value)
        message = (
            f"({plain(model.label(row))}, {plain(model.label(col))}) set to {fmt_judgment(float(value))}."
        )
        states.append(_judgments_state(model, base_model, message))
    criterion, cluster = CREDIT[0], CREDIT[3]
    options = judgment_nav.wrt_options(model, "nodes", criterion)
    overrides = judgment_nav.overrides_table(model)
    return {
        "intro": model_notes.judgments_notice(model),
        "networked": list(model.networked_criteria),
        "clusters": [c.id for c in model.clusters],
        "criterion_labels": {c: model_notes.criterion_label(model, c) for c in model.networked_criteria},
        "cluster_labels": {c.id: c.name for c in model.clusters},
        "wrt_options": options,
        "wrt_labels": {w: judgment_nav.wrt_label(model, (criterion, "nodes", w, cluster)) for w in options},
        "ri_tables": dict(RI_TABLES),
        "plain": {label: plain(label) for st_ in states for _, _, label in st_["view"].columns},
        "overrides": overrides,
        "states": states,
    }


def twin_data_sensitivity() -> dict[str, Any]:
    """Precompute what the Sensitivity twin draws, with the page's own builders (one tornado per ±X)."""
    from anp_core import evaluate, load_model
    from dashboard import sensitivity_view, state

    model = load_model(state.DEFAULT_MODEL_PATH)
    own = state.own_weights(model)  # the sliders' start, renormalised as state.effective_weights does
    total = math.fsum(own.values())
    ev = evaluate(model, {c: w / total for c, w in own.items()})
    top_n = 5
    return {
        "current": sensitivity_view.current_weights_text(ev, state.OWN_WEIGHTS),
        "criteria": list(ev.criteria),
        "labels": {c: model.label(c) for c in ev.criteria},
        "view": sensitivity_view.criterion_view(ev, ev.criteria[0]),
        "deltas": list(sensitivity_view.DELTAS),
        "tornado": {d: sensitivity_view.tornado_view(ev, d, top_n) for d in sensitivity_view.DELTAS},
        "thresholds": sensitivity_view.threshold_view(ev),
        "tops": sensitivity_view.threshold_tops(ev),
    }


def _app_copy(tmp: Path, name: str, page: str, twin: Path | None = None) -> str:
    """Write a copy of ``app.py`` into ``tmp`` and return its path.

    The copy is the real frame (page config, ``state.init()``, navigation,
    sidebar), with the project root on ``sys.path`` and ``tmp/pages`` linked
    to the project's ``views/``. ``page`` is added to the navigation if
    ``app.py`` does not list it; with ``twin``, that file is drawn in its
    place (same title, icon and position). That page is the copy's default.
    """
    links = tmp / "views"
    if not links.exists():
        links.symlink_to(ROOT / "views", target_is_directory=True)
    text = (ROOT / "app.py").read_text(encoding="utf-8")
    quoted = f'"{page}"'
    if quoted not in text:
        nav = re.search(r"st\.navigation\(\s*\[", text)
        if nav is None:
            msg = f"app.py lists no {page} and has no navigation list to add it to; update benchmarks/bench_pages.py"
            raise RuntimeError(msg)
        text = text[: nav.end()] + f"st.Page({quoted}), " + text[nav.end() :]
    target = quoted if twin is None else repr(str(twin))
    text = text.replace(quoted, target, 1)
    # the page under test opens first: the usual default (Start here) links to every page by path,
    # and a twin has taken one of those paths
    text = text.replace(", default=True", "")
    if target + "," not in text:
        msg = f"app.py's navigation entry for {page} has changed shape; update benchmarks/bench_pages.py"
        raise RuntimeError(msg)
    text = text.replace(target + ",", target + ", default=True,", 1)
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
        shown = {f.name: v for f, v in fields if f.name not in ("id", "form_id", "deferred_file_id")}
        out.append((kind, repr(sorted(shown.items()))))
    return out


@dataclass
class _App:
    name: str
    twin: str
    at: Any
    act: Callable[[Any, int], None]


def run(
    pages: Sequence[str] = PAGES, *, recompile: bool = False, runs: int = RUNS, warmup: int = WARMUP
) -> list[dict[str, Any]]:
    """Time the pages and their twins; return one row per page (median, p90 and ratio to its twin, in ms).

    ``pages`` picks some of :data:`PAGES` (each comes with its twin; the
    empty page comes with ``"weights"``, whose twin it is compared with).
    Scripts are compiled once, as the server does (:func:`_one_script_cache`);
    ``recompile=True`` keeps AppTest's compile on every run. ``runs`` timed
    reruns follow ``warmup`` untimed ones (a smoke run: ``runs=2, warmup=1``).
    """
    unknown = set(pages) - set(PAGES)
    if unknown:
        msg = f"unknown pages {sorted(unknown)}; choose from {', '.join(PAGES)}"
        raise ValueError(msg)
    from streamlit.testing.v1 import AppTest

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    edits = judgment_edits(warmup + runs)
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
                (WEIGHTS, TWIN, app("weights.py", "views/weights.py"), _move_weight),
                (TWIN, TWIN, app("twin_w.py", "views/weights.py", twins / "twin_weights.py"), _move_weight),
            ]
        if "judgments" in pages:
            cases += [
                (JUDGMENTS, TWIN_J, app("judgments.py", "views/judgments.py"), edit),
                (TWIN_J, TWIN_J, app("twin_j.py", "views/judgments.py", twins / "twin_judgments.py"), edit),
            ]
        if "sensitivity" in pages:
            twin_s = twins / "twin_sensitivity.py"
            cases += [
                (SENSITIVITY, TWIN_S, app("sensitivity.py", "views/sensitivity.py"), _move_delta),
                (TWIN_S, TWIN_S, app("twin_s.py", "views/sensitivity.py", twin_s), _move_delta),
            ]
        if "weights" in pages:
            cases.append((EMPTY, TWIN, app("empty_app.py", "views/weights.py", tmp / "empty.py"), _no_move))
        apps = []
        for name, twin, (at, page), act in cases:
            if name in data:
                at.session_state["twin"] = data[name]
            _check(at.run())
            _check(at.switch_page(page).run())  # the page to time (the default one for Weights)
            apps.append(_App(name, twin, at, act))
        results: dict[str, list[float]] = {app.name: [] for app in apps}
        # interleaved, in a rotating order, so load from other processes hits every page alike
        for i in range(warmup + runs):
            k = i % len(apps)
            for app in apps[k:] + apps[:k]:
                dt = _time_one(app.at, i, app.act)
                if i >= warmup:
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
            at = next((i for i, (c, d) in enumerate(zip(x[1], y[1], strict=False)) if c != d), 0)
            where = slice(max(at - 150, 0), at + 150)
            msg = f"{twin} does not draw what {page} draws: element {k} ({x[0]}), from character {at}: {x[1][where]} != {y[1][where]}"
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


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.bench_pages [PAGE ...] [--recompile] [--runs N] [--warmup N]``."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="*", help="pages to time: " + ", ".join(PAGES) + " (default: all)")
    ap.add_argument("--recompile", action="store_true", help="keep AppTest's compile on every run")
    ap.add_argument("--runs", type=int, default=RUNS)
    ap.add_argument("--warmup", type=int, default=WARMUP)
    args = ap.parse_args(argv)
    print(markdown(run(args.pages or PAGES, recompile=args.recompile, runs=args.runs, warmup=args.warmup)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
