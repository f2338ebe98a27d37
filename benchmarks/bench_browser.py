"""What a user feels: key press on a slider to the new state on screen, in headless Chromium.

``python -m benchmarks.bench_browser`` prints a markdown table; :func:`run`
returns the rows (``make bench`` puts them in RESULTS.md). Not a test: pytest
never collects it. Three pages, each served by its own ``streamlit run`` on a
free loopback port and opened in its own browser context of one Debian
Chromium (``/usr/bin/chromium`` driven by Playwright; Playwright's own
browsers are never used):

* **Weights**: the real ``app.py`` on its default page, ``views/weights.py``.
  Signal: the rank table (``st.dataframe`` key ``w_rank_table``, a glide data
  grid drawn on a canvas) shows new pixels. The canvas is hashed
  (``getImageData``) once before the press and then after every frame from
  the moment the table's new copy is in the DOM until the pixels differ.
  (The grid's hidden accessibility table is not used: it is updated 80-250
  ms after the canvas.)
* **empty page**: a three-line script, one slider and an ``st.text`` of its
  value. Signal: that text changed (the floor: a Streamlit round trip).
* **static twin**: ``benchmarks/twin_weights.py`` (the Weights page's widgets,
  charts and tables drawn from data precomputed by
  :func:`benchmarks.bench_pages.twin_data`) in a frame like ``app.py``'s.
  Its table and charts never change, so this is the floor without the
  charts' redraw. Signal: the rank table's element container, stale (``data-stale``)
  since the fragment's rerun began, is fresh again, i.e. this run's copy of
  the table has been rendered; and the server has answered the press (the
  Policy slider, rescaled by the callback, shows a new value). On the Weights
  page the same stale-to-fresh moment and the new pixels fall in one frame
  unless the main thread is busy (the charts).

Each press focuses the political slider's thumb and presses ArrowRight (a new
value every time, so never a cache hit; ArrowLeft near the end), after
``WARMUP`` untimed presses; the three pages take turns, so load from other
processes hits them alike. Times are taken inside the page with
``performance.now()``: from the ``keydown`` event's time stamp (a capture
listener on ``window``, which runs before the slider sees the key) to a task
posted from the first animation frame after a ``MutationObserver`` (or, for
the canvas, a per-frame check) saw the signal, i.e. once the frame showing it
has been painted. Columns: ``in_dom`` is when the signal reached the DOM,
``run_done`` when ``stApp``'s ``data-test-script-state`` went back to
``notRunning``; ``kept`` counts the presses whose signalled state is still on
screen once the run has ended and the page settled (so no intermediate state
was timed). If the run is too short for React to ever show the table stale,
its end stands in for the table's arrival (an upper bound). If all of a run's
messages arrive before React renders once, stApp never shows the run at all;
on the Weights page the server's messages since the press then stand in for
it (the new pixels still gate the signal), so such a press is timed, not
taken for a lost one.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.local_server import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
PRESSES = 20
WARMUP = 2
PAGE_BUDGET_S = 120.0
PRESS_TIMEOUT_S = 20.0
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# The rank table (st.dataframe: a glide data grid drawn on a canvas) and the
# element container around it (its data-stale attribute is true while a run
# is under way that has not yet sent this element).
TABLE_CANVAS = '[data-testid="stMain"] [data-testid="stDataFrame"] canvas[data-testid="data-grid-canvas"]'
TABLE_BOX = '[data-testid="stMain"] [data-testid="stElementContainer"]:has([data-testid="stDataFrame"])'

WEIGHTS = "Weights (views/weights.py)"
EMPTY = "empty page, one slider"
TWIN = "static twin (benchmarks/twin_weights.py)"

_EMPTY_SCRIPT = """
import streamlit as st

st.slider("Political", min_value=0.0, max_value=1.0, value=0.181, step=0.01, format="%.3f", key="w_political")
st.text(f"political = {st.session_state.w_political:.3f}")
"""

# The frame of app.py around the twin; views/ next to it links to the project's
# so st.page_link("views/audit.py") in the twin resolves as in app.py.
_TWIN_FRAME = """
import sys
sys.path.insert(0, {root!r})
import streamlit as st
from dashboard import sidebar, state

st.set_page_config(page_title="bench twin", layout="wide")
state.init()
if "twin" not in st.session_state:
    from benchmarks.bench_pages import twin_data
    st.session_state["twin"] = twin_data()
pages = [st.Page({twin!r}, title="Weights (twin)", default=True, url_path="twin")]
pages += [st.Page(p) for p in {others!r}]
page = st.navigation(pages)
with st.sidebar:
    sidebar.render()
page.run()
"""

# Installed once per page. arm(spec) starts watching the next key press;
# wait(ms) resolves with its times (ms, page clock), or what it saw if ms ran out.
#   spec.text    selector whose text must differ from before the press (the
#                signal; with spec.box, only a check that the server answered)
#   spec.box     element container of the rank table: the signal is when it has
#                been stale (a run started) and is fresh again (this run's copy
#                has been rendered); stale is only defined while the script runs,
#                so if it was never seen stale, the run's end stands in
#   spec.canvas  then wait for the frame where this canvas shows new pixels
# A run is known to have happened when the page showed it running, or showed
# its output (spec.text changed), or, for a spec without text, when the server
# has sent messages since the press and stApp shows it idle: a run whose
# messages all arrive before React renders once never shows "running", and
# without this the press would time out. Messages are counted on the app's
# WebSocket.
_INSTALL_JS = """
() => {
  const b = {armed: null, received: 0};
  window.__bench = b;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!this.__benchCounted) {  // the first message the page sends after this install
      this.__benchCounted = true;
      this.addEventListener("message", () => { b.received++; });
    }
    return send.call(this, data);
  };
  window.addEventListener("keydown", (e) => {
    const a = b.armed;
    if (a && a.t0 === null) a.t0 = e.timeStamp;
  }, {capture: true});
  const q = (sel) => (sel ? document.querySelector(sel) : null);
  const text = (sel) => { const el = q(sel); return el ? el.textContent : null; };
  const pixels = (sel) => {
    const cv = q(sel);
    if (!cv || !cv.width || !cv.height) return null;
    const d = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
    const w = new Uint32Array(d.buffer);
    let h = 0;
    for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w[i]) | 0;
    return h;
  };
  // after the next frame has been drawn: a task posted from requestAnimationFrame
  const afterFrame = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
  const finish = () => {
    const a = b.armed;
    if (!a || a.resolved || a.tPaint === null || a.tIdle === null) return;
    // the server's answer to this very press is on screen (on the twin, whose table
    // never changes: the rescaled Policy slider); it gates the result, not its time
    if (a.spec.text && text(a.spec.text) === a.textBefore) return;
    a.shown.text = text(a.spec.text);
    a.resolved = true;
    a.observer.disconnect();
    a.resolve({t0: a.t0, tRunning: a.tRunning, tStale: a.tStale, tDom: a.tDom, tPaint: a.tPaint, tIdle: a.tIdle});
  };
  const painted = () => {
    const a = b.armed;
    if (!a || a.resolved) return;
    const now = performance.now();
    const px = pixels(a.spec.canvas);
    if (!a.spec.canvas || px !== a.pixelsBefore) {
      a.tPaint = now;
      a.shown = {text: null, pixels: px};
      finish();
    } else {
      afterFrame(painted);  // the table's data arrived; its canvas redraws on a later frame
    }
  };
  const check = () => {
    const a = b.armed;
    if (!a || a.t0 === null || a.resolved) return;
    const now = performance.now();
    const app = q('[data-testid="stApp"]');
    const state = app ? app.getAttribute("data-test-script-state") : null;
    if (state === "running" && a.tRunning === null) a.tRunning = now;
    // a short run can start and end within one render: then its end is when its output shows
    const answered = a.spec.text !== null && text(a.spec.text) !== a.textBefore;
    // without spec.text, the server's messages since the press stand in for its answer (the
    // canvas then gates the signal: its pixels must change, so an early guess only moves tDom)
    const heard = a.spec.text === null && b.received > a.receivedBefore && state === "notRunning";
    const ran = a.tRunning !== null || a.tDom !== null || answered || heard;
    if (state === "notRunning" && ran && a.tIdle === null) a.tIdle = now;
    // the table's element container: stale from the moment a run starts that has
    // not yet sent it, fresh again when this run's copy has been rendered
    let fresh = true;
    if (a.spec.box) {
      const box = q(a.spec.box);
      const stale = box !== null && box.getAttribute("data-stale") === "true";
      if (stale && a.tStale === null) a.tStale = now;
      fresh = box !== null && !stale && (a.tStale !== null || a.tIdle !== null);
    }
    const ready = a.spec.box ? fresh : text(a.spec.text) !== a.textBefore;
    if (ready && a.tDom === null) {
      a.tDom = now;
      if (state === "notRunning" && a.tIdle === null) a.tIdle = now;
      afterFrame(painted);
    }
    finish();
  };
  b.arm = (spec) => {
    const a = {
      spec, t0: null, tRunning: null, tStale: null, tDom: null, tPaint: null, tIdle: null,
      resolved: false, receivedBefore: b.received,
      textBefore: text(spec.text), pixelsBefore: pixels(spec.canvas),
    };
    a.done = new Promise((resolve) => { a.resolve = resolve; });
    a.observer = new MutationObserver(check);
    a.observer.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ["data-test-script-state", "data-stale"],
    });
    b.armed = a;
    return {text: a.textBefore, pixels: a.pixelsBefore};
  };
  // is what was on screen at the signal still there (no intermediate state was timed)?
  b.same = () => {
    const a = b.armed;
    return text(a.spec.text) === a.shown.text && pixels(a.spec.canvas) === a.shown.pixels;
  };
  b.wait = (ms) => Promise.race([
    b.armed.done,
    new Promise((resolve) => setTimeout(() => {
      const a = b.armed;
      const rel = (t) => (t === null || a.t0 === null ? null : Math.round(t - a.t0));
      resolve({timedOut: true, keydown: a.t0 !== null, received: b.received - a.receivedBefore,
               running: rel(a.tRunning), stale: rel(a.tStale),
               dom: rel(a.tDom), paint: rel(a.tPaint), idle: rel(a.tIdle),
               textBefore: a.textBefore, textNow: text(a.spec.text)});
    }, ms)),
  ]);
}
"""

_SPECS: dict[str, dict[str, str | None]] = {
    WEIGHTS: {"text": None, "box": TABLE_BOX, "canvas": TABLE_CANVAS},
    EMPTY: {"text": '[data-testid="stText"]', "box": None, "canvas": None},
    TWIN: {"text": '.st-key-w_policy [data-testid="stSliderThumbValue"]', "box": TABLE_BOX, "canvas": None},
}
SIGNALS = {
    WEIGHTS: "rank table canvas redrawn with new pixels",
    EMPTY: "text showing the value changed",
    TWIN: "rank table's copy from the new run on screen",
}


def _write_scripts(tmp: Path) -> dict[str, Path]:
    empty = tmp / "empty_slider.py"
    empty.write_text(_EMPTY_SCRIPT)
    (tmp / "views").symlink_to(ROOT / "views", target_is_directory=True)
    listed = re.findall(r'st\.Page\(\s*"([^"]+)"', (ROOT / "app.py").read_text())
    twin = tmp / "twin_app.py"
    twin.write_text(
        _TWIN_FRAME.format(
            root=str(ROOT),
            twin=str(ROOT / "benchmarks" / "twin_weights.py"),
            others=[p for p in listed if p != "views/weights.py"],
        )
    )
    return {WEIGHTS: ROOT / "app.py", EMPTY: empty, TWIN: twin}


def _wait_idle(page: Any, timeout_s: float) -> None:
    page.wait_for_timeout(200)  # Streamlit's own e2e idiom: a short pause, then the idle marker
    page.wait_for_selector(IDLE, state="attached", timeout=timeout_s * 1000)


class _Page:
    """One page open in its own browser context, pressing the political slider's keys."""

    def __init__(self, browser: Any, url: str, name: str, verbose: bool) -> None:
        self.name, self.spec, self.verbose = name, _SPECS[name], verbose
        self.page = browser.new_context(viewport={"width": 1440, "height": 2300}).new_page()
        self.page.set_default_timeout(60_000)
        self.page.goto(url)
        _wait_idle(self.page, 60)
        error = self.page.get_by_test_id("stException")
        if error.count():
            raise RuntimeError(f"{name}: the page raised: {error.first.inner_text()[:300]}")
        ready = self.spec["canvas"] or self.spec["text"]
        self.page.wait_for_selector(str(ready), state="visible", timeout=60_000)
        if self.spec["canvas"]:
            self.page.wait_for_function(
                "(sel) => document.querySelector(sel)?.width > 0", arg=self.spec["canvas"], timeout=60_000
            )
        if self.page.locator('[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]').count():
            self.page.wait_for_timeout(1000)  # let the charts finish their first draw
        self.page.evaluate(_INSTALL_JS)
        self.thumb = self.page.get_by_test_id("stSlider").filter(has_text="Political").get_by_role("slider")
        self.rows: list[dict[str, float]] = []

    def press(self, i: int, timeout_s: float) -> dict[str, float]:
        """Press one key; return the times (ms from the key press) once the page has settled."""
        page = self.page
        page.bring_to_front()
        value = float(self.thumb.input_value() or 0)  # an <input type=range> (no aria-valuenow)
        key = "ArrowRight" if value < 0.95 else "ArrowLeft"
        self.thumb.focus()
        before = page.evaluate("(spec) => window.__bench.arm(spec)", self.spec)
        if before["text" if self.spec["text"] else "pixels"] is None:
            raise RuntimeError(f"{self.name}: nothing to watch on the page ({self.spec})")
        page.keyboard.press(key)
        res = page.evaluate("(ms) => window.__bench.wait(ms)", timeout_s * 1000)
        if res.get("timedOut"):
            raise RuntimeError(f"{self.name}: press {i + 1} showed no change within {timeout_s:.0f} s: {res}")
        if page.get_by_test_id("stException").count():
            raise RuntimeError(f"{self.name}: the page shows an exception")
        t0 = res["t0"]
        row = {
            "signal_ms": res["tPaint"] - t0,
            "dom_ms": res["tDom"] - t0,
            "run_start_ms": (res["tRunning"] or math.nan) - t0,
            "stale_ms": (res["tStale"] or math.nan) - t0,
            "run_done_ms": res["tIdle"] - t0,
        }
        # let plotly and the grid finish before the next press, then check that what
        # was timed is what stays on screen (not an intermediate state)
        page.wait_for_timeout(300)
        _wait_idle(page, 30)
        row["kept"] = float(page.evaluate("() => window.__bench.same()"))
        if self.verbose:
            print(f"  {self.name}, press {i + 1} {key}: " + ", ".join(f"{k} {v:.0f}" for k, v in row.items()))
        return row


def _pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[round(q * (len(s) - 1))]


def run(presses: int = PRESSES, warmup: int = WARMUP, verbose: bool = False) -> list[dict[str, Any]]:
    """Measure the three pages; return one row per page (median and p90 in ms).

    The three servers run side by side and the presses are interleaved (one on
    each page in turn), so load from other processes hits the pages alike.
    """
    if not CHROMIUM.exists():
        raise RuntimeError("/usr/bin/chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise RuntimeError(f"playwright for Python is not installed ({exc})") from exc

    names = (WEIGHTS, EMPTY, TWIN)
    deadline = time.monotonic() + PAGE_BUDGET_S * len(names)
    try:
        with tempfile.TemporaryDirectory(prefix="bench_browser_") as d, contextlib.ExitStack() as servers:
            tmp = Path(d)
            scripts = _write_scripts(tmp)
            urls = {
                n: servers.enter_context(
                    serve(scripts[n], tmp / f"server_{k}.log", min(60.0, deadline - time.monotonic()))
                ).url
                for k, n in enumerate(names)
            }
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                try:
                    # the real app opens on Start here: its Weights page is /weights
                    paths = {WEIGHTS: "/weights"}
                    pages = [_Page(browser, urls[n] + paths.get(n, ""), n, verbose) for n in names]
                    for i in range(warmup + presses):
                        for pg in pages:
                            left = deadline - time.monotonic()
                            if left <= 0:
                                budget = PAGE_BUDGET_S * len(names)
                                raise RuntimeError(
                                    f"over the {budget:.0f} s budget after {i} rounds of presses"
                                )
                            row = pg.press(i, min(PRESS_TIMEOUT_S, left))
                            if i >= warmup:
                                pg.rows.append(row)
                finally:
                    browser.close()  # closes every context
    except PlaywrightError as exc:
        raise RuntimeError(f"browser: {str(exc).splitlines()[0]}") from exc

    twin_median = statistics.median(r["signal_ms"] for r in pages[names.index(TWIN)].rows)
    rows = []
    for pg in pages:
        sig = [r["signal_ms"] for r in pg.rows]
        rows.append(
            {
                "page": pg.name,
                "signal": SIGNALS[pg.name],
                "presses": len(sig),
                "median_ms": statistics.median(sig),
                "p90_ms": _pct(sig, 0.9),
                "in_dom_median_ms": statistics.median(r["dom_ms"] for r in pg.rows),
                "run_done_median_ms": statistics.median(r["run_done_ms"] for r in pg.rows),
                "vs_twin": statistics.median(sig) / twin_median,
                "kept": f"{sum(r['kept'] for r in pg.rows):.0f}/{len(sig)}",
            }
        )
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    """Return the rows as a markdown table."""
    out = [
        "| page | signal | presses | median ms | p90 ms | in DOM, median ms | run done, median ms "
        "| × twin | kept |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['page']} | {r['signal']} | {r['presses']} | {r['median_ms']:.0f} | {r['p90_ms']:.0f} "
            f"| {r['in_dom_median_ms']:.0f} | {r['run_done_median_ms']:.0f} | {r['vs_twin']:.2f} | {r['kept']} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presses", type=int, default=PRESSES)
    ap.add_argument("--warmup", type=int, default=WARMUP)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every press")
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    print(markdown(run(args.presses, args.warmup, args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
