"""Playwright helpers shared by the browser tests (tests/browser): waiting, checking, screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

#: Streamlit's own e2e idiom: the app is idle when its script has finished running.
RUN_FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
_MAIN_HEIGHT = (
    "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
    " return m ? m.scrollHeight : document.body.scrollHeight; }"
)


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
