"""AppTest helpers shared by the page tests (tests/app): run the whole app, check it, read what it shows.

The page scripts live in ``views/``, not ``pages/``: a folder named ``pages``
next to ``app.py`` would make Streamlit (the server on a cold start, AppTest on
every rerun) run a page file alone, in its legacy multipage mode, without
``app.py``, its sidebar or ``state.init()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
#: Every page of the dashboard, as ``switch_page`` takes it.
PAGES = (
    "views/weights.py",
    "views/judgments.py",
    "views/sensitivity.py",
    "views/uncertainty.py",
    "views/scenarios.py",
    "views/supermatrix.py",
    "views/ecosystem.py",
    "views/audit.py",
)


def new_app(timeout: float = 60) -> AppTest:
    """Return a fresh AppTest of the whole app (not run yet), on the Weights page.

    The app opens on the Start page; these tests start where the sliders are.
    """
    return AppTest.from_file(APP, default_timeout=timeout).switch_page("views/weights.py")


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
