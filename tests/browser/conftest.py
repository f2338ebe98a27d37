"""Real-browser fixtures: one Streamlit server per test session, Playwright + Debian Chromium.

Fixtures for every browser test module:

``app_url``  base URL of the server (session scope; started once, terminated at the end)
``browser``  a Chromium launched from /usr/bin/chromium (module scope: its event loop must
             not outlive the browser tests)
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

from tests.support import browser as browser_helpers
from tests.support.server import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parents[2]
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
    folder = tmp_path_factory.mktemp("streamlit")
    try:
        # a data folder of its own (the panel database), not the project's var/ a developer's `make run` uses
        with serve("app.py", folder / "server.log", env={"ANP_DATA_DIR": str(folder)}) as server:
            yield server.url
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def browser():
    """Chromium from /usr/bin/chromium, driven by Playwright's sync API.

    Module scope: Playwright's sync API keeps an event loop running while it is
    open, and later test packages (tests/panel) call ``asyncio.run``.
    """
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


@pytest.fixture
def wait_for_app():
    """``wait_for_app(page)``: block until the app's script run has finished."""
    return browser_helpers.wait_for_app
