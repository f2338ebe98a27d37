"""AppTest fixtures for the dashboard pages (helpers in tests/support/apptest.py)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.apptest import APP, new_app, no_exception
from tests.support.apptest import move_slider as _move_slider
from tests.support.dashboard_models import write_models
from tests.support.paper import MODEL_PATH, ROOT

#: Names other page tests import from here (the helpers live in tests/support).
__all__ = ["APP", "MODEL_PATH", "ROOT", "new_app"]


@pytest.fixture(autouse=True)
def _bundled_model_by_default(monkeypatch):
    # the dashboard opens on ANP_MODEL when it is set: tests choose explicitly
    monkeypatch.delenv("ANP_MODEL", raising=False)
    monkeypatch.delenv("ANP_EXAMPLES", raising=False)


@pytest.fixture
def make_app():
    """Factory of fresh, not yet run AppTests of the whole app."""
    return new_app


@pytest.fixture
def app() -> AppTest:
    """The app after its first run (Weights page), checked for exceptions."""
    at = new_app().run()
    no_exception(at)
    return at


@pytest.fixture
def move_slider():
    """``move_slider(at, key, value)``: move a URL-bound slider as the browser does."""
    return _move_slider


@pytest.fixture(scope="session")
def model_bytes() -> bytes:
    """The bundled model file's bytes (a valid upload)."""
    return MODEL_PATH.read_bytes()


@pytest.fixture(scope="session")
def model_files(tmp_path_factory):
    """Every test model of tests/support/dashboard_models.py as a JSON file, by name."""
    return write_models(tmp_path_factory.mktemp("models"))


@pytest.fixture
def open_on(monkeypatch, model_files):
    """``open_on(name)``: a fresh app (run once) opened on a test model through ``ANP_MODEL``."""

    def run(name: str) -> AppTest:
        monkeypatch.setenv("ANP_MODEL", str(model_files[name]))
        at = new_app().run()
        no_exception(at)
        return at

    return run


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """File name -> data callable of every deferred download button drawn (call it to get the bytes)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    seen: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        seen[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return seen
