"""AppTest fixtures for the dashboard pages.

AppTest quirk (Streamlit 1.67): before every run ``AppTest._run`` resets
``PagesManager.uses_pages_directory`` to ``None``; the new ``PagesManager``
then sets it to ``True`` because ``pages/`` exists next to ``app.py``, and the
run takes the legacy multipage (v1) path. From the second run on, that path
executes the current page file directly, without ``app.py``: no sidebar and
no ``state.init()``. The real server runs ``app.py`` every time, because
``st.navigation`` sets the flag to ``False`` on its first call and nothing
resets it. The autouse fixture below does what the server does, so the tests
exercise the real app (frame, sidebar and page) on every rerun.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
MODEL_PATH = ROOT / "data" / "models" / "cbec_trade_war.json"


@pytest.fixture(autouse=True)
def _navigation_app(monkeypatch):
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False  # as after st.navigation's first call

    monkeypatch.setattr(PagesManager, "__init__", init)


def new_app() -> AppTest:
    """Return a fresh AppTest of the whole app (not run yet), on the Weights page.

    The app opens on the Start page; these tests start where the sliders are.
    """
    return AppTest.from_file(APP, default_timeout=30).switch_page("pages/weights.py")


@pytest.fixture
def make_app():
    """Factory of fresh, not yet run AppTests of the whole app."""
    return new_app


@pytest.fixture
def app() -> AppTest:
    """The app after its first run (Weights page), checked for exceptions."""
    at = new_app().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _move_slider(at: AppTest, key: str, value: float) -> AppTest:
    """Move a URL-bound slider as a user does, then rerun.

    In the browser the frontend writes a moved ``bind="query-params"`` slider
    into the URL, and every rerun sends the URL along; AppTest does not do the
    frontend's part (STYLE.md 3.4), so the helper writes the parameter itself.
    Without it a stale URL value from an earlier run wins after a page round
    trip, which cannot happen in the browser (tests/browser checks that).
    """
    at.slider(key=key).set_value(value)
    at.query_params[key] = f"{value:g}"
    return at.run()


@pytest.fixture
def move_slider():
    """``move_slider(at, key, value)``: move a URL-bound slider as the browser does."""
    return _move_slider


@pytest.fixture(scope="session")
def model_bytes() -> bytes:
    """The bundled model file's bytes (a valid upload)."""
    return MODEL_PATH.read_bytes()
