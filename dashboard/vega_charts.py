"""Vega-Lite chart builders for the charts that redraw on every slider move (no Streamlit import).

The Weights page's two charts change on every key press of a slider. A plotly
chart redraws its SVG and measures every label in the browser's main thread
before the page can paint (about 120 ms per chart per move in Chromium,
``benchmarks/RESULTS.md``); Vega draws on a canvas, and Streamlit hands a
Vega-Lite chart whose specification did not change only its new data, so the
ranking table paints first and the bars follow. Each builder returns a
:class:`VegaChart`: a specification that depends on the model and the
language only, and the data that moves with the sliders.

Clusters keep their :mod:`dashboard.palette` styles (colour-blind-safe
colour, and the shape's glyph in every label and legend entry, so nothing is
told by colour alone); text is drawn at AA contrast (``PLOT_TEXT`` on white).
Names are data, never markup: Vega draws text as text, so no escaping is
needed, and long names wrap onto several lines instead of being cut.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.arrow_table import table as arrow_table
from dashboard.palette import PLOT_GRID, PLOT_MUTED_TEXT, PLOT_TEXT, Style
from dashboard.plot_layout import axis_end

__all__ = [
    "CONFIG",
    "LABEL_LIMIT",
    "LABEL_LINES",
    "LINE_HEIGHT",
    "FactorColumns",
    "VegaChart",
    "band_step",
    "band_y",
    "cluster_shares_bar",
    "composite_bar",
    "label_limit",
    "unique_labels",
    "wrap_label",
]

_NEUTRAL = Style("#6B6B6B", "circle-open", "solid")
#: Pixels per line of a label (axis labels, and names written on a chart).
LINE_HEIGHT = 15
_WRAP = 40  # characters per line of an axis label
#: A Vega expression: a label's lines (Vega draws an array of strings as lines).
LABEL_LINES = "split(datum.label, '\\n')"

#: Chart-wide settings: AA-contrast text, light grid, the app's font size.
CONFIG: dict[str, Any] = {
    "axis": {
        "labelColor": PLOT_TEXT,
        "titleColor": PLOT_TEXT,
        "gridColor": PLOT_GRID,
        "labelFontSize": 13,
        "titleFontSize": 13,
        "titleFontWeight": "normal",
    },
    "legend": {
        "labelColor": PLOT_TEXT,
        "titleColor": PLOT_TEXT,
        "labelFontSize": 13,
        "titleFontSize": 13,
        "labelLimit": 0,
        "symbolType": "square",
    },
    "title": {"color": PLOT_TEXT, "fontSize": 15, "anchor": "start"},
    "view": {"stroke": None},
}


class FactorColumns(NamedTuple):
    """Factors as plain columns, row by row: ids, names, cluster ids, composite weights, ranks.

    What :func:`composite_bar` and the Weights page's builders read from a
    ranked table, without building a DataFrame on every slider move.
    """

    ids: Sequence[str]
    names: Sequence[str]
    clusters: Sequence[str]
    composite: np.ndarray
    rank: np.ndarray

    @classmethod
    def of(cls, table: pd.DataFrame | FactorColumns) -> FactorColumns:
        """Return ``table``'s columns (index factor id; ``name``, ``cluster``, ``composite``, ``rank``)."""
        if isinstance(table, FactorColumns):
            return table
        return cls(
            table.index.tolist(),
            [str(n) for n in table["name"].tolist()],
            [str(c) for c in table["cluster"].tolist()],
            table["composite"].to_numpy(dtype=float),
            table["rank"].to_numpy(),
        )


@dataclass(frozen=True)
class VegaChart:
    """A Vega-Lite specification (without data) and the data it draws (:func:`dashboard.arrow_table.table`).

    ``spec`` depends on the model, the language and the axis range only, so a
    slider move usually changes ``data`` alone; ``title`` is the chart's name
    for assistive technology.
    """

    spec: dict[str, Any]
    data: pa.Table
    title: str = ""


def wrap_label(text: object, width: int = _WRAP) -> str:
    r"""Return ``text`` wrapped into lines of at most ``width`` characters, joined by newlines.

    The axes split labels at the newlines (``labelExpr``), so a long name
    takes several lines and is never cut.

    Examples
    --------
    >>> wrap_label("Product & brand")
    'Product & brand'
    >>> wrap_label("a " * 30, width=20).count("\n")
    2
    """
    raw = "" if text is None else str(text)
    if len(raw) <= width and raw.isprintable() and raw == raw.rstrip():
        return raw  # what textwrap returns for one short line, without its cost (every slider move)
    return "\n".join(textwrap.wrap(raw, width) or [raw])


def unique_labels(labels: list[str]) -> list[str]:
    """Return ``labels`` with a zero-width space added per repeat, so that two items of one name stay two.

    >>> [len(x) for x in unique_labels(["a", "b", "a"])]
    [1, 1, 2]
    """
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        k = seen.get(label, 0)
        seen[label] = k + 1
        out.append(label + "\u200b" * k)
    return out


def label_limit(share: float = 0.5) -> str:
    """Return a Vega expression: the widest a y label's line may be (px), ``share`` of the chart's container.

    At least 96 px. Labels that were never cut took the whole width of a narrow column (900 px
    beside the sidebar): no bar was left. The limit is read from ``containerSize()``, not from the
    ``width`` signal, which itself depends on the labels' width; ``+ 0 * width`` only makes Vega
    evaluate it again when the width changes (a window made wider shows the names whole again).
    """
    return f"max(96, containerSize()[0] * {share:g} + 0 * width)"


#: The y labels' limit of most bar charts: half the chart (:func:`label_limit`).
LABEL_LIMIT = label_limit()


def band_y(field: str, order: str = "order", *, label_share: float = 0.5) -> dict[str, Any]:
    """Return a nominal y axis in the data's ``order``, labels split at newlines, cut only in a narrow chart.

    A label's line is cut at ``label_share`` of the chart's width (:func:`label_limit`).
    """
    return {
        "field": field,
        "type": "nominal",
        "sort": {"field": order, "op": "min"},
        "title": None,
        "axis": {
            "labelExpr": LABEL_LINES,
            "labelLimit": {"expr": label_limit(label_share)},
            "labelLineHeight": LINE_HEIGHT,
            # Vega puts a label's first line at the band's middle: lift the block by half its extra lines
            "labelOffset": {
                "condition": {"test": "true", "expr": f"-(length({LABEL_LINES}) - 1) * {LINE_HEIGHT / 2}"},
                "value": 0,
            },
        },
    }


def band_step(labels: list[str], least: int = 24) -> int:
    """Pixels per band of :func:`band_y`: room for the label with the most lines, at least ``least``."""
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    return max(least, LINE_HEIGHT * lines + 8)


def _colour_scale(styles: Mapping[str, Style], keys: list[str], names: Mapping[str, str]) -> dict[str, Any]:
    domain = [names[k] for k in keys]
    return {"domain": domain, "range": [styles.get(k, _NEUTRAL).colour for k in keys]}


def composite_bar(
    table: pd.DataFrame | FactorColumns,
    styles: Mapping[str, Style],
    *,
    cluster_names: Mapping[str, str] | None = None,
    baseline: pd.Series | Mapping[str, float] | None = None,
    notes: Mapping[str, str] | None = None,
    notes_name: str = "",
    limit: int = 40,
    text: Mapping[str, str] | None = None,
) -> VegaChart:
    """Return the horizontal bar chart of composite weights, largest on top.

    The Vega-Lite twin of :func:`dashboard.figures.composite_bar`: one bar per
    factor in its cluster's colour, its label ending with the cluster's glyph;
    the legend names the clusters. ``baseline`` (composite weight by factor
    id) adds a tick per factor; ``notes`` (factor id -> short plain text) are
    written beside their bars. The x axis ends on a half-decade step
    (:func:`dashboard.plot_layout.axis_end`), so most moves leave the
    specification unchanged.

    Parameters
    ----------
    table : DataFrame or FactorColumns
        :meth:`anp_core.Evaluation.table` (index factor id; columns ``name``,
        ``cluster``, ``composite``, ``rank``), or the same as plain columns.
    styles : mapping
        Cluster id -> :class:`~dashboard.palette.Style`.
    cluster_names : mapping, optional
        Cluster id -> display name (default: the ids).
    baseline : Series or mapping, optional
        Baseline composite weight per factor id.
    notes : mapping, optional
        Factor id -> a short note drawn beside its bar.
    notes_name : str
        What the notes are (the chart's subtitle when there are notes).
    limit : int
        At most this many bars (the largest weights; the title says so).
    text : mapping, optional
        The chart's words by the keys of :data:`BAR_TEXT` (English by default).

    Returns
    -------
    VegaChart
        Data columns ``label`` (wrapped name and glyph), ``factor``, ``cluster``
        (glyph and name), ``composite``, ``baseline``, ``rank``, ``order``
        (0 on top), ``note`` and ``note_x``.

    Examples
    --------
    >>> from anp_core import evaluate, load_model
    >>> from dashboard.figures import cluster_styles
    >>> ev = evaluate(load_model("data/models/cbec_trade_war.json"))
    >>> chart = composite_bar(ev.table(), cluster_styles(ev.model))
    >>> chart.data["factor"][0].as_py(), chart.data.num_rows
    ('Government regulation', 20)
    """
    words = {**BAR_TEXT, **(text or {})}
    cname = cluster_names or {}
    cols = FactorColumns.of(table)
    values = np.asarray(cols.composite, dtype=float)
    order = np.argsort(-values, kind="stable")[:limit]
    title = words["title"]
    if len(values) > limit:
        title = words["title_limited"].format(limit=limit, n=len(values))
    picked = order.tolist()
    ids = [cols.ids[k] for k in picked]
    clusters = [cols.clusters[k] for k in picked]
    keys = list(dict.fromkeys(cols.clusters))
    legend = {k: f"{styles.get(k, _NEUTRAL).glyph} {wrap_label(cname.get(k, k))}" for k in keys}
    names = [cols.names[k] for k in picked]
    labels = unique_labels(
        [f"{wrap_label(n)} {styles.get(c, _NEUTRAL).glyph}" for n, c in zip(names, clusters, strict=True)]
    )
    shown = values[order]
    base = (
        np.array([float(baseline.get(i, np.nan)) for i in ids])
        if baseline is not None
        else np.full(len(ids), np.nan)
    )
    xmax = float(max(shown.max(initial=0.0), np.nanmax(base, initial=0.0)))
    right = axis_end(xmax * 1.15)
    note_text = [(notes or {}).get(i) or None for i in ids]
    if any(note_text):
        right = axis_end(xmax * 1.75)  # room for the notes beside the longest bars
    ends = np.fmax(shown, np.nan_to_num(base))
    data = arrow_table(
        {
            "label": labels,
            "factor": names,
            "cluster": [legend[c] for c in clusters],
            "composite": shown,
            "baseline": base,
            "rank": np.asarray(cols.rank)[order],
            "order": np.arange(len(ids)),
            "note": [f"◀ {t}" if t else None for t in note_text],
            "note_x": ends + 0.02 * xmax,
            "said": _said(words, base, factor=names, rank=np.asarray(cols.rank)[order].tolist(), value=shown),
        }
    )
    x = {
        "field": "composite",
        "type": "quantitative",
        "scale": {"domain": [0, right]},
        "title": words["axis"],
        "axis": {"format": ".2f"},
    }
    tooltip = [
        {"field": "factor", "title": words["hover_factor"]},
        {"field": "composite", "title": words["hover_composite"], "format": ".4f"},
        {"field": "rank", "title": words["hover_rank"]},
        {"field": "cluster", "title": words["hover_cluster"]},
    ]
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "bar", "height": {"band": 0.7}},
            "encoding": {
                "x": x,
                "color": {
                    "field": "cluster",
                    "type": "nominal",
                    "scale": _colour_scale(styles, keys, legend),
                    "legend": {
                        "orient": "bottom",
                        "title": None,
                        "columns": 1,
                        "labelExpr": LABEL_LINES,  # a long cluster name on several lines
                    },
                },
                "tooltip": tooltip,
                "description": {"field": "said"},
            },
        }
    ]
    if baseline is not None:
        layers.append(
            {
                # (its value is in its bar's description)
                "mark": {"type": "tick", "color": PLOT_TEXT, "thickness": 2, "bandSize": 18, "aria": False},
                "encoding": {
                    "x": {"field": "baseline", "type": "quantitative"},
                    "tooltip": [
                        {"field": "factor", "title": words["hover_factor"]},
                        {"field": "baseline", "title": words["hover_baseline"], "format": ".4f"},
                    ],
                },
            }
        )
    if any(note_text):
        layers.append(
            {
                "transform": [{"filter": "datum.note != null"}],
                # not read out: the difficulties table below the chart names them, with their ranks
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "middle",
                    "color": PLOT_MUTED_TEXT,
                    "aria": False,
                },
                "encoding": {"x": {"field": "note_x", "type": "quantitative"}, "text": {"field": "note"}},
            }
        )
    spec = {
        "title": {
            "text": title,
            **({"subtitle": f"◀ {notes_name}"} if any(note_text) and notes_name else {}),
        },
        "height": {"step": band_step(labels)},
        "encoding": {"y": band_y("label")},
        "layer": layers,
        "config": CONFIG,
    }
    subtitle = spec["title"].get("subtitle")
    # the chart's accessible name holds what the drawn title and subtitle say (chart_ui takes them out
    # of the reading order, where Vega would read them as "Title text '…'")
    name = words["named"].format(title=title, subtitle=subtitle.removeprefix("◀ ")) if subtitle else title
    return VegaChart(spec=spec, data=data, title=name)


#: The composite bar chart's words (English; pages pass translated ones)
BAR_TEXT: dict[str, str] = {
    "title": "Composite weight of each factor",
    "title_limited": "Composite weight: the {limit} largest of {n}",
    "axis": "composite weight",
    "hover_factor": "factor",
    "hover_composite": "composite",
    "hover_rank": "rank",
    "hover_cluster": "cluster",
    "hover_baseline": "baseline",
    "named": "{title} ({subtitle})",
    "said": "{factor}, rank {rank}: {value}",
    "said_baseline": "; baseline {baseline}",
}


def _said(words: Mapping[str, str], baseline: np.ndarray, **columns: Sequence[Any]) -> list[str]:
    """Each bar's sentence for a screen reader: ``words["said"]`` (values to four digits), then its baseline."""
    out = []
    for i, b in enumerate(baseline.tolist()):
        row = {k: f"{v[i]:.4f}" if k == "value" else v[i] for k, v in columns.items()}
        said = words["said"].format(**row)
        out.append(said + words["said_baseline"].format(baseline=f"{b:.4f}") if math.isfinite(b) else said)
    return out


def cluster_shares_bar(
    shares: Mapping[str, float],
    styles: Mapping[str, Style],
    *,
    cluster_names: Mapping[str, str] | None = None,
    baseline: Mapping[str, float] | None = None,
    text: Mapping[str, str] | None = None,
) -> VegaChart:
    """Return one bar per cluster: the share of the composite weight its factors hold.

    Bars keep the model's cluster order; each label starts with the cluster's
    glyph; the value is written at the end of the bar and ``baseline`` (the
    loaded model's shares) is drawn as ticks.

    Parameters
    ----------
    shares : mapping
        Cluster id -> share (sum 1), in the model's cluster order.
    styles : mapping
        Cluster id -> :class:`~dashboard.palette.Style`.
    cluster_names : mapping, optional
        Cluster id -> display name.
    baseline : mapping, optional
        Cluster id -> the loaded model's share.
    text : mapping, optional
        Words: ``title`` (the chart's accessible name), ``axis``, ``share``, ``baseline``,
        ``cluster`` (English by default).

    Examples
    --------
    >>> chart = cluster_shares_bar({"a": 0.25, "b": 0.75}, {})
    >>> chart.data.select(["label", "share"]).to_pylist()
    [{'label': '○ a', 'share': 0.25}, {'label': '○ b', 'share': 0.75}]
    """
    words = {
        "title": "Cluster shares",
        "axis": "cluster share",
        "share": "share",
        "baseline": "baseline",
        "cluster": "cluster",
        "said": "{cluster}: {value}",
        "said_baseline": "; baseline {baseline}",
        **(text or {}),
    }
    cname = cluster_names or {}
    keys = list(shares)
    labels = unique_labels([f"{styles.get(k, _NEUTRAL).glyph} {wrap_label(cname.get(k, k))}" for k in keys])
    values = np.array([float(shares[k]) for k in keys])
    base = np.array([float((baseline or {}).get(k, np.nan)) for k in keys])
    ends = np.fmax(values, np.nan_to_num(base))
    right = axis_end(float(ends.max(initial=0.0)) * 1.3)
    data = arrow_table(
        {
            "label": labels,
            "cluster": [cname.get(k, k) for k in keys],
            "share": values,
            "baseline": base,
            "order": np.arange(len(keys)),
            "value": [f"{v:.3f}" for v in values],
            "value_x": ends,
            "said": _said(words, base, cluster=[cname.get(k, k) for k in keys], value=values),
        }
    )
    scale = {"domain": labels, "range": [styles.get(k, _NEUTRAL).colour for k in keys]}
    layers: list[dict[str, Any]] = [
        {
            "mark": {"type": "bar", "height": {"band": 0.7}},
            "encoding": {
                "x": {
                    "field": "share",
                    "type": "quantitative",
                    "scale": {"domain": [0, right]},
                    "title": words["axis"],
                    "axis": {"format": ".2f"},
                },
                "color": {"field": "label", "type": "nominal", "scale": scale, "legend": None},
                "tooltip": [
                    {"field": "cluster", "title": words["cluster"]},
                    {"field": "share", "title": words["share"], "format": ".4f"},
                    {"field": "baseline", "title": words["baseline"], "format": ".4f"},
                ],
                "description": {"field": "said"},
            },
        },
        {
            # (each bar's value and baseline are in its own description)
            "mark": {
                "type": "text",
                "align": "left",
                "baseline": "middle",
                "dx": 6,
                "color": PLOT_TEXT,
                "aria": False,
            },
            "encoding": {"x": {"field": "value_x", "type": "quantitative"}, "text": {"field": "value"}},
        },
    ]
    if baseline is not None:
        layers.insert(
            1,
            {
                "mark": {"type": "tick", "color": PLOT_TEXT, "thickness": 2, "bandSize": 18, "aria": False},
                "encoding": {"x": {"field": "baseline", "type": "quantitative"}},
            },
        )
    spec = {
        "height": {"step": band_step(labels)},
        "encoding": {"y": band_y("label", label_share=0.7)},  # short bars (shares): the names get more room
        "layer": layers,
        "config": CONFIG,
    }
    return VegaChart(spec=spec, data=data, title=words["title"])
