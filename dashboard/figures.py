"""Plotly figure builders for the dashboard (no Streamlit import).

Every builder is a plain function returning a :class:`plotly.graph_objects.Figure`
so it can be tested directly. Figures that redraw on every slider move are
built from plain dicts (one ``go.Figure`` validation pass), which is several
times cheaper than building ``go.Bar`` objects one by one or calling
``plotly.express`` (STYLE.md 3.6).

Clusters are drawn in the styles of :mod:`dashboard.palette` (colour-blind-safe
colour, marker symbol, dash), in the model's cluster order
(:func:`cluster_styles`), so a cluster looks the same on every chart and every
page; the shape also appears as a glyph in labels and legends, so nothing is
told by colour alone. Chart text is drawn at AA contrast
(:func:`dashboard.palette.with_plot_text`). Every name drawn comes from a model
file and goes through :func:`dashboard.text.plot_text` (no HTML renders).
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from anp_core import Model
from dashboard import palette
from dashboard.palette import PLOT_TEXT, Style
from dashboard.text import plot_text

__all__ = [
    "BAR_PATTERNS",
    "NEUTRAL",
    "cluster_colors",
    "cluster_styles",
    "criterion_weights_bar",
    "fmt_judgment",
]

#: Style of an item with no style of its own (a cluster missing from the map).
NEUTRAL = Style("#6B6B6B", "circle-open", "solid")
#: Fill patterns for bars of series told apart (plotly ``marker.pattern.shape``), in style order.
BAR_PATTERNS: tuple[str, ...] = ("", "/", ".", "x", "\\", "-", "+", "|")

_FONT = {"size": 13}


def cluster_styles(model: Model) -> dict[str, Style]:
    """Return the style of every cluster of ``model`` (cluster id -> :class:`~dashboard.palette.Style`).

    :func:`dashboard.palette.style_map` over the clusters in the model's order:
    a colour-blind-safe colour, a marker symbol and a dash each, the same on
    every chart and page (distinct pairs of colour and symbol up to 128 clusters).

    Examples
    --------
    >>> from anp_core import load_model
    >>> styles = cluster_styles(load_model("data/models/cbec_trade_war.json"))
    >>> styles["credit_risk"].colour, styles["credit_risk"].glyph
    ('#0072B2', '●')
    """
    return {str(k): v for k, v in palette.style_map(c.id for c in model.clusters).items()}


def cluster_colors(model: Model) -> dict[str, str]:
    """Return the colour of every cluster (cluster id -> hex) of :func:`cluster_styles` (draw its symbol too)."""
    return {c: s.colour for c, s in cluster_styles(model).items()}


def fmt_judgment(value: float) -> str:
    """Format a judgment in Saaty's notation: ``3``, ``1/5``, ``2.145``, ``1/25.43``.

    Values below 1 are written as the reciprocal of a value above 1, with
    four significant digits; nothing is rounded to the 1-9 scale.

    Parameters
    ----------
    value : float
        A positive judgment ``a_ij``.

    Returns
    -------
    str
        The judgment as text.

    Examples
    --------
    >>> fmt_judgment(3.0), fmt_judgment(0.2), fmt_judgment(25.428571), fmt_judgment(1.0)
    ('3', '1/5', '25.43', '1')
    """
    if value >= 1 or value <= 0:
        return f"{value:.4g}"
    recip = f"{1.0 / value:.4g}"
    return "1" if recip == "1" else f"1/{recip}"  # 0.99996 is 1 at four digits, not 1/1


def _figure(data: list[dict[str, object]], layout: dict[str, object]) -> go.Figure:
    # Built from plain dicts without plotly's per-property validation, which
    # costs 3-4x the rest of the build on every slider move; the tests validate
    # every builder's output once (tests/test_figures.py). No plotly template
    # either: copying the default one is half the remaining cost, and
    # st.plotly_chart's Streamlit theme styles the figure in the browser.
    return go.Figure(
        {"data": data, "layout": palette.with_plot_text({"template": {}, **layout})}, _validate=False
    )


def criterion_weights_bar(
    weights: Mapping[str, float],
    labels: Mapping[str, str] | None = None,
    *,
    baseline: Mapping[str, float] | None = None,
    height: int = 220,
) -> go.Figure:
    """Return a horizontal bar chart of the effective criterion weights.

    Parameters
    ----------
    weights : mapping
        Criterion id -> effective weight (sum 1).
    labels : mapping, optional
        Criterion id -> display name.
    baseline : mapping, optional
        Criterion id -> the model's own weight, drawn as ticks.
    height : int
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar per criterion, in the given order (first on top).
    """
    lab = labels or {}
    ids = list(weights)
    names = [plot_text(lab.get(c, c)) for c in ids]
    vals = [float(weights[c]) for c in ids]
    data: list[dict[str, object]] = [
        {
            "type": "bar",
            "orientation": "h",
            "x": vals,
            "y": names,
            "name": "effective weight",
            "marker": {"color": palette.COLOURS[0]},
            "text": [f"{v:.3f}" for v in vals],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{y}: %{x:.3f}<extra></extra>",
        }
    ]
    if baseline is not None:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "own weights",
                "x": [float(baseline.get(c, 0.0)) for c in ids],
                "y": names,
                "marker": {"symbol": "line-ns-open", "size": 14, "color": PLOT_TEXT, "line": {"width": 2}},
                "hovertemplate": "%{y}: own weight %{x:.3f}<extra></extra>",
            }
        )
    layout = {
        "height": height,
        "margin": {"l": 10, "r": 30, "t": 10, "b": 10},
        "font": _FONT,
        "showlegend": False,
        "xaxis": {"range": [0, 1.1], "tickformat": ".1f"},
        "yaxis": {"categoryorder": "array", "categoryarray": names[::-1], "automargin": True},
    }
    return _figure(data, layout)
