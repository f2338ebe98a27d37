"""Playwright helpers shared by the browser tests (tests/browser): waiting, checking, screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.conftest import count

#: Streamlit's own e2e idiom: the app is idle when its script has finished running.
RUN_FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
_MAIN_HEIGHT = (
    "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
    " return m ? m.scrollHeight : document.body.scrollHeight; }"
)

#: True once the clicked summary's expander is open, or the summary has left the page (a rerun replaced it).
_OPENED = "(s) => !s.isConnected || s.parentElement.open"
CLICKS_PER_EXPANDER = 3


def wait_for_app(page: Any, settle_ms: int = 200) -> None:
    """Wait as Streamlit's own e2e suite does: a short pause, then the idle marker."""
    page.wait_for_timeout(settle_ms)
    expect(page.locator(RUN_FINISHED)).to_be_attached(timeout=30_000)


def wait_for_charts(page: Any) -> None:
    """Wait until nothing is still loading and every visible plotly and Vega chart has drawn.

    Charts mount after the script run has finished; one that mounts while a
    keyboard walk crosses it can take the focus away.
    """
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
    for testid, drawn in (("stPlotlyChart", ".main-svg"), ("stVegaLiteChart", "svg.marks")):
        charts = page.get_by_test_id(testid).filter(visible=True)
        for i in range(charts.count()):
            expect(charts.nth(i).locator(drawn).first).to_be_attached()


def no_exception(page: Any) -> None:
    """Assert that no exception box is on the page (``expect`` retries)."""
    expect(page.get_by_test_id("stException")).to_have_count(0)


def screenshot(page: Any, path: Path) -> None:
    """Full-page screenshot: Streamlit scrolls inside stMain, so grow the viewport first."""
    width = page.viewport_size["width"] if page.viewport_size else 1280
    page.set_viewport_size({"width": width, "height": max(900, int(page.evaluate(_MAIN_HEIGHT)) + 40)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 20_000


def open_page(page: Any, app_url: str, path: str = "") -> None:
    """Open ``app_url/path`` and wait for the script run to finish."""
    page.goto(f"{app_url}/{path.lstrip('/')}")
    wait_for_app(page)


def open_expanders(page: Any) -> None:
    """Open every visible closed expander of the main area (client side: no rerun).

    Expanders in a tab that is not shown are opened when the test shows that tab. A click that
    left its expander closed (the summary still on the page) is repeated, at most
    :data:`CLICKS_PER_EXPANDER` times in all, and counted: once in a CI run under load a click
    opened nothing for 30 s. The expander opens in the click's own handler, so a second click
    cannot close one that the first has opened.
    """
    closed = page.locator('[data-testid="stMain"] details:not([open]) > summary').filter(visible=True)
    for _ in range(closed.count()):
        if closed.count() == 0:
            break
        summary = closed.first.element_handle()
        label = summary.inner_text()
        for attempt in range(CLICKS_PER_EXPANDER):
            if attempt:
                count("browser: expander clicks repeated (the first opened nothing)")
            summary.click()
            # the next click waits for this one to have opened its expander: under load the same summary
            # could otherwise be found still closed and clicked again, which closes it
            try:
                page.wait_for_function(_OPENED, arg=summary, timeout=10_000)
                break
            except PlaywrightTimeoutError:
                continue
        else:
            raise AssertionError(
                f"the expander {label!r} on {page.url} stayed closed after {CLICKS_PER_EXPANDER} clicks"
            )
    expect(closed).to_have_count(0)
