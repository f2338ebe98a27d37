"""Real-browser fixtures: one Streamlit server per test session, Playwright + Debian Chromium.

Fixtures for every browser test module:

``app_url``  base URL of the server (session scope; started once, terminated at the end)
``browser``  a Chromium launched from /usr/bin/chromium (session scope)
``page``     a fresh page (new context) per test, 1440 x 2300 so full-page screenshots
             show whole pages (Streamlit scrolls inside its main block)
``wait_for_app``  ``wait_for_app(page)``: Streamlit's e2e idiom, wait until the script
             has finished running

Every test here is marked ``browser`` and skipped (cleanly) when
/usr/bin/chromium is absent. Playwright's own browser downloads are never used.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.server import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parents[2]
RUN_FINISHED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# expect()'s default of 5 s is too short for a plotly chart on a loaded 2-core CI machine
expect.set_options(timeout=30_000)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().parent == here:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    """Start ``streamlit run app.py`` once for the session and return its URL."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    try:
        with serve("app.py", log) as server:
            yield server.url
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def browser():
    """Chromium from /usr/bin/chromium, driven by Playwright's sync API."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    """A new page in a new context (fresh session), closed after the test."""
    context = browser.new_context(viewport={"width": 1440, "height": 2300})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def _wait_for_app(page, settle_ms: int = 200) -> None:
    """Wait as Streamlit's own e2e suite does: a short pause, then the idle marker."""
    from playwright.sync_api import expect

    page.wait_for_timeout(settle_ms)
    expect(page.locator(RUN_FINISHED)).to_be_attached(timeout=30_000)


@pytest.fixture
def wait_for_app():
    """``wait_for_app(page)``: block until the app's script run has finished."""
    return _wait_for_app
