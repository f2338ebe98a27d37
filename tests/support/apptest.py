"""AppTest helpers shared by the page tests (tests/app): run the whole app, check it, read what it shows.

AppTest quirk (Streamlit 1.67): before every run ``AppTest._run`` resets
``PagesManager.uses_pages_directory`` to ``None``; the new ``PagesManager``
then sets it to ``True`` because ``pages/`` exists next to ``app.py``, and the
run takes the legacy multipage (v1) path. From the second run on, that path
executes the current page file directly, without ``app.py``: no sidebar and
no ``state.init()``. The real server runs ``app.py`` every time, because
``st.navigation`` sets the flag to ``False`` on its first call and nothing
resets it. :func:`navigation_like_the_server` does what the server does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
#: Every page of the dashboard, as ``switch_page`` takes it.
PAGES = (
    "pages/weights.py",
    "pages/judgments.py",
    "pages/sensitivity.py",
    "pages/uncertainty.py",
    "pages/scenarios.py",
    "pages/supermatrix.py",
    "pages/ecosystem.py",
    "pages/audit.py",
)


def navigation_like_the_server(monkeypatch: Any) -> None:
    """Make AppTest run ``app.py`` on every rerun, as the server does (see the module docstring)."""
    original = PagesManager.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def new_app(timeout: float = 60) -> AppTest:
    """Return a fresh AppTest of the whole app (not run yet), on the Weights page.

    The app opens on the Start page; these tests start where the sliders are.
    """
    return AppTest.from_file(APP, default_timeout=timeout).switch_page("pages/weights.py")


def no_exception(at: AppTest) -> None:
    """Assert the last run raised nothing (and say what it raised)."""
    assert not at.exception, [(e.value, e.stack_trace[-4:]) for e in at.exception]


def move_slider(at: AppTest, key: str, value: float) -> AppTest:
    """Move a URL-bound slider as a user does, then rerun.

    In the browser the frontend writes a moved ``bind="query-params"`` slider
    into the URL, and every rerun sends the URL along; AppTest does not do the
    frontend's part (STYLE.md 3.4), so the helper writes the parameter itself.
    """
    at.slider(key=key).set_value(value)
    at.query_params[key] = f"{value:g}"
    return at.run()


#: Proto fields whose text Streamlit renders as markdown (labels, help, bodies, options of radios and
#: select sliders, tabs, metric deltas' descriptions, progress text).
MARKDOWN_FIELDS = {
    "body",
    "label",
    "help",
    "placeholder",
    "delta_description",
    "text",
}
MARKDOWN_LIST_FIELDS = {"options"}
#: Element types whose ``options`` are rendered as markdown (selectbox and multiselect options are text).
MARKDOWN_OPTIONS = {"radio", "select_slider"}


def _protos(node: Any) -> Iterator[tuple[str, Any]]:
    proto = getattr(node, "proto", None)
    if proto is not None:
        yield getattr(node, "type", ""), proto
    for child in (
        getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []
    ):
        yield from _protos(child)


def _texts(kind: str, message: Any, depth: int = 0) -> Iterator[tuple[str, str, str]]:
    if depth > 4 or not hasattr(message, "ListFields"):
        return
    for field, value in message.ListFields():
        if field.message_type is not None:
            items = value if field.is_repeated else [value]
            for item in items:
                yield from _texts(kind, item, depth + 1)
        elif field.name in MARKDOWN_FIELDS and isinstance(value, str):
            yield kind, field.name, value
        elif field.name in MARKDOWN_LIST_FIELDS and kind in MARKDOWN_OPTIONS:
            yield from ((kind, field.name, str(v)) for v in value)


def rendered_markdown(at: AppTest) -> list[tuple[str, str, str]]:
    """Return ``(element type, field, text)`` for every piece of text the app renders as markdown.

    Walks the whole element tree (main area and sidebar, inside columns,
    tabs, expanders and containers) and every proto field that Streamlit
    passes through its markdown renderer (nested messages included: tab and
    expander labels live there).
    """
    out: list[tuple[str, str, str]] = []
    for kind, proto in _protos(at._tree):
        out += list(_texts(kind, proto))
    return out


#: A link, an image or an autolink that markdown would render from the text.
_LIVE = re.compile(r"(?<!\\)\]\(|https?://(?!\u2060)|www\.(?!\u2060)|(?<!\\)<(?:a|img)\s", re.IGNORECASE)


def live_links(at: AppTest) -> list[tuple[str, str, str]]:
    """Return the rendered texts that would show a live link or an image (unescaped markdown or HTML)."""
    return [(k, f, t) for k, f, t in rendered_markdown(at) if _LIVE.search(t.replace("\\\\", ""))]


def plotly_array(value: Any) -> Any:
    """Plotly 7 JSON array (a plain list, or a base64 typed array with an optional shape) -> numpy array."""
    import base64

    import numpy as np

    if isinstance(value, dict) and "bdata" in value:
        a = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            a = a.reshape([int(s) for s in str(value["shape"]).split(",")])
        return a
    return np.asarray(value)


def charts(at: AppTest) -> dict[str, dict[str, Any]]:
    """The plotly figures on the page (JSON specs), keyed by the chart's widget key."""
    import json

    return {c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}
