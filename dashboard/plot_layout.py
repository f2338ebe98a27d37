"""Layout helpers shared by the What-if figures (sensitivity, uncertainty, scenarios); no Streamlit.

The Sensitivity figures redraw on every move of that page's widgets, so they
are built from plain dicts without plotly's per-property validation
(:func:`figure`; the tests validate their output), with the ``plotly_white``
template as plain JSON (:func:`plain_layout`): the same figure as building it
object by object, at a fraction of the cost. Every layout made here draws its
text at AA contrast (:func:`dashboard.palette.with_plot_text`: ticks #595959,
other text #141312), whatever Streamlit's plotly theme says.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.palette import with_plot_text

__all__ = ["FONT", "GREY", "axis_end", "display_width", "figure", "layout", "plain_layout"]

FONT = {"size": 13}
#: A neutral line colour (3:1 on white, WCAG 1.4.11), for items without a colour of their own.
GREY = "#8A8A8A"


def layout(**kw: object) -> dict[str, object]:
    """Return the What-if figures' layout (``plotly_white``, 13 px text, full hover names) updated with ``kw``.

    The text colours of :func:`dashboard.palette.with_plot_text` are merged in
    (every axis of ``kw`` included).
    """
    base: dict[str, object] = {
        "template": "plotly_white",
        "font": FONT,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        "hoverlabel": {"namelength": -1},
    }
    base.update(kw)
    return with_plot_text(base)


#: The trace types the figures built by :func:`figure` draw: their templates are all they need.
_TRACE_TYPES = ("bar", "scatter")
#: Template layout parts for subplots and colour scales that bar and scatter figures never draw.
_UNUSED = ("polar", "ternary", "scene", "geo", "coloraxis", "colorscale")


@lru_cache(maxsize=4)
def _template_text(name: str) -> str:
    # the template's 2-D layout and the defaults of the trace types drawn (the bars' hatching
    # among them), not those of the twenty-odd other types: every figure carries and sends a copy
    full = pio.templates[name].to_plotly_json()
    data = {k: v for k, v in full.get("data", {}).items() if k in _TRACE_TYPES}
    layout = {k: v for k, v in full["layout"].items() if k not in _UNUSED}
    return json.dumps({"layout": layout, "data": data})


def plain_layout(**kw: object) -> dict[str, Any]:
    """Return :func:`layout` with the template as plain JSON (a fresh copy), for :func:`figure`."""
    out: dict[str, Any] = layout(**kw)
    out["template"] = json.loads(_template_text(str(out["template"])))
    return out


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """Return a figure from plain dicts, unvalidated (``layout`` from :func:`plain_layout`)."""
    # Plain dicts, no per-property validation: the same figure as built through
    # graph_objects, 10-20x cheaper; tests/dashboard validates
    # every builder that uses it. ``layout`` must carry the template as JSON
    # (plain_layout): unvalidated, a template name would reach plotly.js as text.
    return go.Figure({"data": data, "layout": with_plot_text(layout)}, _validate=False)


def display_width(text: str) -> int:
    """Return the columns ``text`` takes on screen: a wide (CJK) character two, any other one.

    >>> display_width("RCEP"), display_width("经济环境")
    (4, 8)
    """
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def axis_end(x: float) -> float:
    """Return ``x`` rounded up to a step of half its decade (0.161 -> 0.2, 0.0437 -> 0.045, 0 -> 1e-9).

    A slider move then keeps the axis, and the bars move against fixed ticks,
    until the longest bar passes the next step (a Vega-Lite chart's
    specification stays the same, so the browser is sent its new data only).

    Examples
    --------
    >>> axis_end(0.161), axis_end(0.0437), axis_end(0.2), axis_end(0.0)
    (0.2, 0.045, 0.2, 1e-09)
    """
    if not x > 0 or not np.isfinite(x):
        return 1e-9
    step = 10.0 ** np.floor(np.log10(x)) / 2
    return float(round(np.ceil(x / step - 1e-9) * step, 12))
