"""``make load``: concurrent browser sessions against one local server.

Starts ``streamlit run app.py`` on a free loopback port, opens ``--users``
headless Chromium contexts (default 5) and, for ``--seconds`` (default 60),
has each one press keys for a fixed time and wait for the page to show the
result: even-numbered users move criterion sliders on the Weights page (until
the rank table's text changes), odd-numbered users edit pairwise judgments on
the Judgments page (until lambda-max / CI / CR change). Reports p50/p95 of the
key-press-to-update latency, errors (exceptions on screen, timeouts), and
the server's resident memory before, after warm-up and at the end, then a
second round to show whether memory levels off. ``--busy N`` runs N
CPU-bound processes beside the server (a busy machine). Loopback only;
bounded in time; stops by itself.

Users' browsers run on their own machines, not on the server's cores. Here
they share the server's cores, so by default (``--clients idle``) they and
this driver run in Linux's idle scheduling class (``SCHED_IDLE``): they get
the CPU the server leaves. With ``--clients nice`` they run at niceness
``--client-nice`` (default 10) instead and compete with the server for each
wake-up. Either way the server's own time is reported twice: the wall time
of each script run and the CPU time its thread used; the gap between them is
what the run waited for (the interpreter lock, a free core).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from playwright.async_api import TimeoutError as PlaywrightTimeout

from benchmarks.local_server import CHROMIUM, CHROMIUM_ARGS, serve
from dashboard import run_timing

ROOT = Path(__file__).resolve().parent.parent
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CRITERIA = ["Policy", "Economic", "Political", "Technological", "Socio-cultural"]


def rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 1e6


#: The run has ended and what the user watches changed (the same reads as table_text / metrics_text).
_SETTLED_JS = """([before, judging]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const now = judging
    ? [...document.querySelectorAll('[data-testid="stMetricValue"]')].map((e) => e.innerText).join(' ')
    : document.querySelector('[data-testid="stDataFrame"] table tbody')?.innerText;
  return now !== undefined && now !== before;
}"""


async def table_text(page) -> str:
    return await page.get_by_test_id("stDataFrame").first.locator("table tbody").inner_text()


async def metrics_text(page) -> str:
    return " ".join(await page.get_by_test_id("stMetricValue").all_inner_texts())


async def user(
    browser,
    url: str,
    seconds: float,
    idx: int,
    latencies: dict[str, list[float]],
    errors: list[str],
    ready: asyncio.Barrier,
    started: list[float],
) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 1600})
    page = await context.new_page()
    judging = idx % 2 == 1
    observe = metrics_text if judging else table_text
    try:
        await page.goto(url + "/weights")  # the app opens on Start here
        await page.wait_for_selector(IDLE, state="attached", timeout=60_000)
        await page.get_by_test_id("stDataFrame").first.wait_for(timeout=60_000)
        if judging:
            await page.goto(url + "/judgments")
            await page.wait_for_selector(IDLE, state="attached", timeout=60_000)
            await page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
            thumbs = page.get_by_test_id("stMain").get_by_test_id("stSlider").get_by_role("slider")
            n = max(await thumbs.count(), 1)  # the pairs of the matrix shown (6 for 4 factors)
        if await ready.wait() == 0:  # every user has its page open: the interactions start together
            started[0] = time.time()
        end = time.monotonic() + seconds
        k = idx
        while time.monotonic() < end:
            if judging:
                thumb = thumbs.nth(k % n)
                key = "ArrowRight" if (k // n) % 2 == 0 else "ArrowLeft"
            else:
                label = CRITERIA[k % len(CRITERIA)]
                key = "ArrowRight" if (k // len(CRITERIA)) % 2 == 0 else "ArrowLeft"
                thumb = page.get_by_test_id("stSlider").filter(has_text=label).get_by_role("slider")
            k += 1
            before = await observe(page)
            await thumb.focus()
            t0 = time.perf_counter()
            await page.keyboard.press(key)
            try:
                # checked inside the page every 20 ms: polling over the driver would cost the
                # shared cores more than the server's own work (5 users, a round trip each)
                await page.wait_for_function(_SETTLED_JS, arg=[before, judging], polling=20, timeout=15_000)
                latencies["judgment edit" if judging else "slider move"].append(time.perf_counter() - t0)
            except PlaywrightTimeout:
                if await page.get_by_test_id("stException").count():
                    errors.append(f"user {idx}: exception on screen")
                # a key press at a slider's end changes nothing: not an error
        if await page.get_by_test_id("stException").count():
            errors.append(f"user {idx}: exception on screen")
    except Exception as exc:  # a load run reports every failure, it does not stop
        errors.append(f"user {idx}: {type(exc).__name__}: {exc}")
        await ready.abort()  # the others do not wait for a user who cannot start
    finally:
        await context.close()


async def round_of(url: str, users: int, seconds: float) -> tuple[dict[str, list[float]], list[str], float]:
    """Run one round; return the latencies, the errors and the unix time the interactions started."""
    from playwright.async_api import async_playwright

    latencies: dict[str, list[float]] = {"slider move": [], "judgment edit": []}
    errors: list[str] = []
    ready = asyncio.Barrier(users)
    started = [time.time()]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        await asyncio.gather(
            *(user(browser, url, seconds, i, latencies, errors, ready, started) for i in range(users))
        )
        await browser.close()
    return latencies, errors, started[0]


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    return statistics.quantiles(xs, n=100, method="inclusive")[int(q) - 1] if len(xs) > 1 else xs[0]


def server_figures(runs: list[run_timing.Run]) -> str:
    """Return the runs' wall p50/p95 and CPU p50/p95 (the script thread's own), in ms, as text."""
    wall = [r.wall for r in runs]
    cpu = [r.cpu for r in runs if r.cpu == r.cpu]  # NaN: not recorded
    text = f"wall p50 {pct(wall, 50) * 1000:.0f} ms, p95 {pct(wall, 95) * 1000:.0f} ms"
    if cpu:
        text += f", CPU p50 {pct(cpu, 50) * 1000:.0f} ms, p95 {pct(cpu, 95) * 1000:.0f} ms"
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--users", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--clients",
        choices=("idle", "nice"),
        default="idle",
        help="how the browsers and this driver are scheduled beside the server: idle (SCHED_IDLE, only the CPU "
        "the server leaves: users' browsers run on their own machines) or nice (at --client-nice)",
    )
    ap.add_argument(
        "--client-nice",
        type=int,
        default=10,
        help="with --clients nice: niceness of the browsers and this driver (the server keeps 0); 0 makes them "
        "compete with the server as equals",
    )
    ap.add_argument(
        "--replicas",
        type=int,
        default=1,
        help="Streamlit processes behind nginx with deploy/nginx.conf's sticky sessions (the deployment's "
        "shape; needs nginx); 1: one server, no proxy",
    )
    ap.add_argument(
        "--busy",
        type=int,
        default=0,
        help="CPU-bound processes beside the server during the rounds (benchmarks/busy.py): a busy machine",
    )
    args = ap.parse_args(argv)
    if not CHROMIUM.exists():
        print("make load needs /usr/bin/chromium (apt-get install -y chromium)")
        return 2
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory(prefix="anp_load_") as d, contextlib.ExitStack() as stack:
        times_file = Path(d) / "run_times.tsv"
        env = {"ANP_RUN_TIMES": str(times_file)}
        servers = [
            stack.enter_context(serve("app.py", Path(d) / f"server{k}.log", env=env))
            for k in range(max(args.replicas, 1))
        ]
        url = servers[0].url
        if len(servers) > 1:
            from tests.panel.servers import nginx

            ports = [int(s.url.rsplit(":", 1)[1]) for s in servers]
            port, _log = stack.enter_context(nginx(ports, Path(d) / "nginx"))
            url = f"http://127.0.0.1:{port}"
        if args.busy:  # at the server's niceness: other work on the server's machine
            from benchmarks.busy import busy

            stack.enter_context(busy(args.busy))
        # set after the servers started, so the driver and the browsers inherit it and the servers do not
        if args.clients == "idle":
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            clients = "in the idle scheduling class (SCHED_IDLE)"
        else:
            clients = f"at niceness {os.nice(max(args.client_nice, 0))}"
        proxy = " behind nginx" if len(servers) > 1 else ""
        beside = (
            f"; {args.busy} CPU-bound process(es) beside them at the server's niceness" if args.busy else ""
        )
        print(
            f"{len(servers)} server process(es){proxy} at niceness {psutil.Process(servers[0].proc.pid).nice()}; "
            f"clients (browsers and driver) {clients}{beside}"
        )
        return rounds([s.proc for s in servers], url, args, times_file)


def rounds(procs: list, url: str, args: argparse.Namespace, times_file: Path) -> int:
    """Run the rounds against started servers; print browser and server figures; return the status."""

    def rss() -> float:
        return sum(rss_mb(proc.pid) for proc in procs)

    mem = [("start", rss())]
    total_errors = 0
    for r in range(1, args.rounds + 1):
        began = time.time()
        lat, errs, pressing = asyncio.run(round_of(url, args.users, args.seconds))
        time.sleep(2)
        mem.append((f"after round {r}", rss()))
        total_errors += len(errs)
        every = [x for xs in lat.values() for x in xs]
        kinds = "; ".join(
            f"{kind}: {len(xs)}, p50 {pct(xs, 50) * 1000:.0f} ms, p95 {pct(xs, 95) * 1000:.0f} ms"
            for kind, xs in lat.items()
        )
        print(
            f"round {r}: {args.users} users x {args.seconds:.0f} s, {len(every)} updates, "
            f"p50 {pct(every, 50) * 1000:.0f} ms, p95 {pct(every, 95) * 1000:.0f} ms, "
            f"errors {len(errs)} ({kinds})"
        )
        # interactions: the runs ended after every user had its pages open (the loads before are warm-up)
        every_load = [x for xs in run_timing.read(times_file, began).values() for x in xs]
        runs = run_timing.read(times_file, pressing)
        every_run = [x for xs in runs.values() for x in xs]
        if every_run:
            per_page = "; ".join(
                f"{page}: {len(xs)}, {server_figures(xs)}" for page, xs in sorted(runs.items())
            )
            print(
                f"  server's own time per interaction (script runs after the pages were open): {len(every_run)} "
                f"runs, {server_figures(every_run)} ({per_page}); "
                f"page loads before: {len(every_load) - len(every_run)} runs"
            )
        else:
            print("  server's own time: not recorded (the app does not call dashboard.run_timing yet)")
        for e in errs[:10]:
            print("  ", e)
    print("server memory (RSS): " + ", ".join(f"{k} {v:.0f} MB" for k, v in mem))
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main())
