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

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import note
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


_CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember whether a test's body failed, for the ``page`` fixture's teardown."""
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


def keep_failed_page(pg, nodeid: str, folder: Path) -> list[Path]:
    """Save what ``pg`` shows (full-page PNG, its HTML and URL) into ``folder``; return the files written.

    A browser test that fails under load once in many runs can then be read
    after the fact. Best effort: a page that has crashed or closed saves what it can.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[-150:]
    kept = []
    for suffix, save in (
        (".png", lambda path: pg.screenshot(path=path, full_page=True, timeout=15_000)),
        (".html", lambda path: path.write_text(f"<!-- {pg.url} -->\n{pg.content()}", encoding="utf-8")),
    ):
        path = folder / f"{stem}{suffix}"
        try:
            save(path)
        except Exception:  # the page may be gone: keep what can be kept
            continue
        kept.append(path)
    return kept


@pytest.fixture
def page(browser, app_url, request, tmp_path_factory):
    """A new page in a new context (fresh session), closed after the test.

    When the test fails, its page is kept first (:func:`keep_failed_page`, under
    pytest's base temporary folder) and the files are named at the end of the run.
    """
    context = browser.new_context(viewport={"width": 1440, "height": 2300})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    if request.node.stash.get(_CALL_FAILED, False):
        folder = tmp_path_factory.getbasetemp() / "failed-pages"
        for path in keep_failed_page(pg, request.node.nodeid, folder):
            note(f"failed browser test {request.node.nodeid}: page kept in {path}")
    context.close()


@pytest.fixture
def wait_for_app():
    """``wait_for_app(page)``: block until the app's script run has finished."""
    return browser_helpers.wait_for_app
