"""WCAG 2.1 AA in a real browser: axe-core on every page of the served dashboard, for every model (issue 15).

Runs (:data:`RUNS`): the paper's model in English and in Chinese (``?lang=zh``) and one example
model (:data:`QUICK_MODELS`); with ``ANP_A11Y_ALL=1`` (``make a11y``) every example and
template model of ``data/models/examples`` and ``data/models/templates`` in both languages
(found at run time: a new file is covered without editing this test), each opened the way a user
opens a file with the dashboard: a server of its own started with ``ANP_MODEL=<file>``. For
each run the test visits every page the navigation offers (also found at run time), each by
its URL, and for the paper also the expert questionnaire of a real panel (a private
``?panel=<token>`` link, in a panel database of the test's own). On each page it opens every
expander, shows every tab in turn, presses the buttons that reveal results, steps through
step-by-step pages, and runs axe-core with the WCAG 2.0/2.1 A and AA tags after each state.

It fails on any serious or critical violation, on any exception shown, and on chart text
below AA contrast (axe cannot judge SVG text: ``chart_text_contrast`` reads it). Per run it
prints the counts per page.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import note
from tests.support.axe import PageReport, chart_table, chart_text_contrast, require_axe, run_axe, table
from tests.support.browser import open_expanders, wait_for_charts
from tests.support.server import serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
#: The app's navigation: st.navigation's links (sidebar or top), or page links in the sidebar (own navigation).
NAV_LINKS = (
    '[data-testid="stSidebarNavLink"], [data-testid="stTopNavLink"],'
    ' [data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]'
)
#: Buttons that reveal more of a page (results drawn only after a run): pressed once, then checked again.
#: (By widget key, so any language; a button inside a tab is pressed after showing its tab.)
REVEAL = (".st-key-mc_run button", ".st-key-smaa_run button")
#: "Next" buttons of step-by-step pages (by widget key, so any language): pressed until disabled.
STEP_THROUGH = (".st-key-teach_next button",)
MAX_STEPS = 30
PAPER = ROOT / "data" / "models" / "cbec_trade_war.json"
#: Model files checked besides the paper's: every example and template, found at run time.
OTHER_MODELS = sorted((ROOT / "data" / "models" / "examples").glob("*.json")) + sorted(
    (ROOT / "data" / "models" / "templates").glob("*.json")
)
#: The model every ``make test`` checks besides the paper's: a network with feedback and inner
#: dependence (``make test`` stays within its 15 minutes). ``ANP_A11Y_ALL=1`` (``make a11y``)
#: checks every example and template, in both languages (about a minute per run).
QUICK_MODELS = ("coffee_feedback",)
ALL_MODELS = os.environ.get("ANP_A11Y_ALL", "") not in ("", "0")
#: Checks run: name -> (model file, interface language).
RUNS: dict[str, tuple[Path, str]] = {
    "paper": (PAPER, "en"),
    "paper-zh": (PAPER, "zh"),
    **{p.stem: (p, "en") for p in OTHER_MODELS if ALL_MODELS or p.stem in QUICK_MODELS},
    **({f"{p.stem}-zh": (p, "zh") for p in OTHER_MODELS} if ALL_MODELS else {}),
}


@pytest.fixture(scope="module")
def axe_js() -> str:
    return require_axe()


@pytest.fixture(scope="module")
def panel_data(tmp_path_factory):
    """A panel database of the test's own, with one panel and an expert link (its token)."""
    from anp_core import load_model
    from panel.db import get_engine
    from panel.store import ExpertSpec, PanelStore

    data_dir = tmp_path_factory.mktemp("a11y-data")
    store = PanelStore(get_engine(f"sqlite:///{data_dir / 'panels.sqlite3'}"))
    created = store.create_panel(load_model(PAPER), "Accessibility check", [ExpertSpec("Ann")])
    return data_dir, created.expert_tokens[0][2]


#: A background run's progress panel (``uncertainty_ui.progress_panel``): its fragment reruns
#: every half second until the run ends and the whole page reruns with the results.
RUNNING_JOB = '[class*="st-key-"][class*="_panel"] [data-testid="stProgress"]'
#: True once, for three polls in a row: no script run is under way; no element is faded as
#: stale (a run, or a fragment's run, that has not yet sent it: faded text fails contrast for
#: a reason no user sees at rest); no background run shows its progress; and the main area's
#: element count has stayed the same (lazily loaded elements such as plotly charts mount after
#: the script run has finished).
_STABLE = (
    """() => {
  const busy = !document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    || document.querySelector('[data-stale="true"]') !== null
    || document.querySelector('"""
    + RUNNING_JOB
    + """') !== null;
  const n = busy ? -2 : document.querySelectorAll('[data-testid="stMain"] *').length;
  const s = window.__a11yStable || (window.__a11yStable = {n: -1, k: 0});
  if (n === s.n && !busy) { s.k += 1; } else { s.n = n; s.k = 0; }
  return s.k >= 3;
}"""
)


def settle(page: Page) -> None:
    """Wait for the script run to finish, the page to stop growing and every visible chart to be drawn."""
    page.wait_for_timeout(200)
    expect(page.locator(IDLE)).to_be_attached()
    page.evaluate("() => { window.__a11yStable = null; }")
    page.wait_for_function(_STABLE, polling=250, timeout=30_000)
    wait_for_charts(page)


def show_tab_of(page: Page, element) -> None:
    """Click the main area's tabs in turn until ``element`` is visible (it may sit in a hidden tab)."""
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for i in range(tabs.count()):
        if element.is_visible():
            return
        tabs.nth(i).click()
        page.wait_for_timeout(200)


def check_states(page: Page, axe_js: str, report: PageReport) -> None:
    """Run axe on the page as shown, then once per tab of each tab bar (after opening expanders)."""
    settle(page)
    open_expanders(page)
    report.add(run_axe(page, axe_js))
    report.add_chart_text(chart_text_contrast(page))
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        if not tab.is_visible() or tab.get_attribute("aria-selected") == "true":
            continue
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true")
        settle(page)
        open_expanders(page)
        report.add(run_axe(page, axe_js))
        report.add_chart_text(chart_text_contrast(page))


def nav_pages(page: Page) -> list[tuple[str, str, str]]:
    """(title, raw href, absolute URL) of every page the navigation offers, in its order."""
    links = page.locator(NAV_LINKS)
    expect(links.first).to_be_attached()
    out = []
    for i in range(links.count()):
        link = links.nth(i)
        title = link.inner_text().strip().splitlines()[-1].strip()  # the icon's name comes first
        out.append((title, link.get_attribute("href") or "", link.evaluate("a => a.href")))
    return out


def visit_every_page(page: Page, url: str, token: str, axe_js: str, run: str) -> list[PageReport]:
    """Check every page of the navigation of the server at ``url`` (opened on ``RUNS[run]``'s model)."""
    path, lang = RUNS[run]
    query = "" if lang == "en" else f"?lang={lang}"
    page.goto(url + "/" + query)
    settle(page)
    from anp_core import load_model
    from dashboard.text import model_name

    name = model_name(load_model(path), lang)  # as the sidebar says it
    expect(page.get_by_test_id("stSidebar")).to_contain_text(name[:40])  # ANP_MODEL was opened...
    expect(page.locator(".st-key-model_error_box")).to_have_count(0)  # ...not refused
    pages = nav_pages(page)
    assert len(pages) >= 2, f"found only {pages} in the navigation"
    reports: list[PageReport] = []
    for title, _href, absolute in pages:
        page.goto(absolute + query)
        expect(page).to_have_url(re.compile(re.escape(absolute.rstrip("/")) + r"/?(\?.*)?$"))
        report = PageReport(title)
        check_states(page, axe_js, report)
        for selector in REVEAL:
            if page.locator(selector).count():
                show_tab_of(page, page.locator(selector).first)
                page.locator(selector).first.click()
                # the results, not a moment of the run: checked once the run has ended
                expect(page.locator(RUNNING_JOB)).to_have_count(0, timeout=120_000)
                check_states(page, axe_js, report)
        for selector in STEP_THROUGH:
            for _ in range(MAX_STEPS):
                button = page.locator(selector)
                if not button.count() or button.first.is_disabled():
                    break
                button.first.click()
                check_states(page, axe_js, report)
        report.exceptions = page.get_by_test_id("stException").count()
        reports.append(report)
    if path == PAPER:
        page.goto(f"{url}/?panel={token}" + (f"&lang={lang}" if query else ""))
        report = PageReport("Questionnaire (expert link)")
        expect(page.get_by_test_id("stSlider").first).to_be_visible()  # the questionnaire, not a refusal
        check_states(page, axe_js, report)
        reports.append(report)
    if os.environ.get("AXE_REPORT_DIR"):  # the full findings, for docs/accessibility.md
        out = Path(os.environ["AXE_REPORT_DIR"]) / f"axe-{run}.json"
        rows = [{"page": r.page, **dataclasses.asdict(f)} for r in reports for f in r.findings]
        rows += [{"page": r.page, "chart_text": dataclasses.asdict(c)} for r in reports for c in r.chart_text]
        out.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return reports


@pytest.fixture(scope="module")
def visits(browser, panel_data, axe_js, tmp_path_factory):
    """``visits(run)``: the page reports of a run of ``RUNS``, computed once per module.

    Each run has a server of its own, started with ``ANP_MODEL`` naming its model file (and
    the test's panel database) and stopped when the run is done; each page in a fresh session.
    """
    data_dir, token = panel_data
    done: dict[str, list[PageReport]] = {}

    def get(run: str) -> list[PageReport]:
        if run in done:
            return done[run]
        path, _lang = RUNS[run]
        log = tmp_path_factory.mktemp(f"a11y-{run}") / "server.log"
        env = {"ANP_MODEL": str(path), "ANP_DATA_DIR": str(data_dir), "ANP_DATABASE_URL": ""}
        try:
            with serve("app.py", log, env=env) as server:
                context = browser.new_context(viewport={"width": 1440, "height": 2300})
                try:
                    pg = context.new_page()
                    pg.set_default_timeout(30_000)
                    done[run] = visit_every_page(pg, server.url, token, axe_js, run)
                finally:
                    context.close()
        except RuntimeError as exc:
            pytest.fail(str(exc))
        return done[run]

    return get


@pytest.mark.parametrize("run", list(RUNS))
def test_no_serious_violation_in_own_content(visits, run):
    reports = visits(run)
    note("\n" + table(reports, f"axe-core, WCAG 2.0/2.1 A+AA, serious+critical nodes — {run}"))
    failures = [f"{r.page}: {f.describe()}" for r in reports for f in r.blocking]
    failures += [f"{r.page}: shows {r.exceptions} exception(s)" for r in reports if r.exceptions]
    assert not failures, f"{len(failures)} serious/critical violation(s) in our own content:\n" + "\n".join(
        failures
    )


@pytest.mark.parametrize("run", list(RUNS))
def test_chart_text_reaches_aa_contrast(visits, run):
    """Text in the charts (ticks, titles, legends, labels) at 4.5:1 (3:1 when large) on its background.

    axe-core cannot decide this for SVG text (it reports it as "incomplete"), so the test
    reads each text's fill and its chart's background itself (tests/support/axe.py).
    """
    reports = visits(run)
    note("\n" + chart_table(reports, f"chart text contrast (WCAG 1.4.3) — {run}"))
    failing = [f"{r.page}: {c.describe()}" for r in reports for c in r.chart_text_failing]
    assert sum(len(r.chart_text) for r in reports) > 0, "no chart text found: the check is not looking"
    assert not failing, f"{len(failing)} chart text(s) below AA contrast:\n" + "\n".join(failing[:40])


def test_the_quick_runs_name_existing_models():
    """A renamed example must not silently drop out of the runs ``make test`` checks."""
    assert set(QUICK_MODELS) <= {p.stem for p in OTHER_MODELS}
