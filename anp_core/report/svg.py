"""Inline SVG charts for the policy brief (no JavaScript, no external resources).

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
(its text alternative); values are printed beside the marks, so no reading
depends on colour. Colours are Okabe & Ito's colour-blind-safe palette. All
text passed in is escaped here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from html import escape

__all__ = [
    "BLUE",
    "GREEN",
    "GREY",
    "ORANGE",
    "VERMILLION",
    "bar_chart",
    "grouped_bars",
    "slope_chart",
    "text_width",
]

BLUE, ORANGE, GREEN, VERMILLION, GREY = "#0072B2", "#E69F00", "#009E73", "#D55E00", "#6B6B6B"
INK, GRID = "#1F1F1F", "#D9D9D9"
FONT = 12.0


def text_width(text: str, size: float = FONT) -> float:
    """Rough rendered width: wide (CJK) characters 1 em, others about 0.56 em."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in ("W", "F"))
    return size * (wide + 0.56 * (len(text) - wide))


def _fit(text: str, width: float, size: float = FONT) -> str:
    if text_width(text, size) <= width:
        return text
    out = text
    while out and text_width(out + "…", size) > width:
        out = out[:-1]
    return out.rstrip() + "…"


def _t(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: float = FONT,
    weight: str = "",
    fill: str = INK,
) -> str:
    w = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}" text-anchor="{anchor}" fill="{fill}"{w}>'
        f"{escape(text)}</text>"
    )


def _svg(width: float, height: float, title: str, desc: str, body: list[str], ident: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" aria-labelledby="{ident}-t {ident}-d" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    desc: str,
    fmt: Callable[[float], str],
    markers: Sequence[float] | None = None,
    marker_label: str = "",
    bar_label: str = "",
    ident: str = "bars",
    width: float = 680,
) -> str:
    """Horizontal bars, largest scale from the data; optional tick marks (e.g. the baseline)."""
    n = len(values)
    row = 20.0
    label_w = min(max((text_width(s) for s in labels), default=0) + 8, width * 0.42)
    top = 30.0 if markers is not None else 8.0
    height = top + n * row + 8
    x0, x1 = label_w + 6, width - 60
    vmax = max([*values, *(markers or [])], default=0.0) or 1.0
    scale = (x1 - x0) / vmax
    body: list[str] = []
    if markers is not None:
        body += [
            f'<rect x="{x0:.1f}" y="6" width="12" height="10" fill="{BLUE}"/>',
            _t(x0 + 16, 15, bar_label, size=11),
            f'<line x1="{x0 + 130:.1f}" y1="4" x2="{x0 + 130:.1f}" y2="18" stroke="{INK}" stroke-width="2"/>',
            _t(x0 + 136, 15, marker_label, size=11),
        ]
    body.append(
        f'<line x1="{x0:.1f}" y1="{top - 2:.1f}" x2="{x0:.1f}" y2="{height - 6:.1f}" stroke="{GRID}"/>'
    )
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row
        body.append(_t(label_w, y + 14, _fit(lab, label_w - 4), anchor="end"))
        body.append(
            f'<rect x="{x0:.1f}" y="{y + 4:.1f}" width="{max(v, 0) * scale:.1f}" height="{row - 8:.1f}" fill="{BLUE}"/>'
        )
        end = x0 + max(v, 0) * scale
        if markers is not None:
            mx = x0 + max(markers[i], 0) * scale
            body.append(
                f'<line x1="{mx:.1f}" y1="{y + 1:.1f}" x2="{mx:.1f}" y2="{y + row - 1:.1f}" stroke="{INK}" stroke-width="2"/>'
            )
            end = max(end, mx)
        body.append(_t(end + 4, y + 14, fmt(v), size=11))
    return _svg(width, height, title, desc, body, ident)


def grouped_bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float], str]],
    *,
    title: str,
    desc: str,
    fmt: Callable[[float], str],
    vmax: float | None = None,
    ident: str = "groups",
    width: float = 680,
) -> str:
    """Horizontal bars grouped by label, one bar per series ``(name, values, colour)``, with a legend."""
    k = len(series)
    bar = 12.0
    group = k * bar + 8
    label_w = min(max((text_width(s) for s in labels), default=0) + 8, width * 0.42)
    top = 28.0
    height = top + len(labels) * group + 6
    x0, x1 = label_w + 6, width - 60
    top_value = vmax or max((v for _, vals, _ in series for v in vals), default=0.0) or 1.0
    scale = (x1 - x0) / top_value
    body: list[str] = []
    lx = x0
    for name, _, colour in series:
        body.append(f'<rect x="{lx:.1f}" y="6" width="12" height="10" fill="{colour}"/>')
        body.append(_t(lx + 16, 15, name, size=11))
        lx += 16 + text_width(name, 11) + 18
    body.append(
        f'<line x1="{x0:.1f}" y1="{top - 2:.1f}" x2="{x0:.1f}" y2="{height - 4:.1f}" stroke="{GRID}"/>'
    )
    for i, lab in enumerate(labels):
        y = top + i * group
        body.append(_t(label_w, y + group / 2 + 2, _fit(lab, label_w - 4), anchor="end"))
        for j, (_, vals, colour) in enumerate(series):
            v = vals[i]
            by = y + j * bar + 2
            w = max(v, 0) * scale
            body.append(
                f'<rect x="{x0:.1f}" y="{by:.1f}" width="{w:.1f}" height="{bar - 2:.1f}" fill="{colour}"/>'
            )
            body.append(_t(x0 + w + 4, by + bar - 3, fmt(v), size=10))
    return _svg(width, height, title, desc, body, ident)


def slope_chart(
    labels: Sequence[str],
    left: Sequence[int],
    right: Sequence[int],
    *,
    title: str,
    desc: str,
    left_title: str,
    right_title: str,
    ident: str = "slope",
    width: float = 680,
) -> str:
    """Ranks before (left) and after (right) joined by lines: blue up, vermillion down, grey same.

    Each rank on the right is labelled with its nodes and an arrow (▲ up,
    ▼ down, = same), so colour is never the only cue; tied nodes share a line.
    """
    max_rank = max([*left, *right], default=1)
    row = 18.0
    top = 30.0
    height = top + max_rank * row + 6
    by_rank: dict[int, list[str]] = {}
    for lab, a, b in zip(labels, left, right, strict=True):
        mark = "▲" if b < a else "▼" if b > a else "="
        by_rank.setdefault(b, []).append(f"{mark} {lab}")
    lines = {r: f"{r}  " + " · ".join(items) for r, items in by_rank.items()}
    label_w = min(max((text_width(t, 11) for t in lines.values()), default=0) + 24, width * 0.55)
    xl, xr = 70.0, width - label_w - 10
    body = [
        _t(xl, 16, left_title, anchor="middle", size=11, weight="bold"),
        _t(xr, 16, right_title, anchor="middle", size=11, weight="bold"),
    ]

    def y(r: int) -> float:
        return top + (r - 1) * row + row / 2

    for r in range(1, max_rank + 1):
        body.append(_t(xl - 16, y(r) + 4, str(r), anchor="end", size=10, fill=GREY))
    for a, b in zip(left, right, strict=True):
        colour = BLUE if b < a else VERMILLION if b > a else GREY
        body.append(
            f'<line x1="{xl:.1f}" y1="{y(a):.1f}" x2="{xr:.1f}" y2="{y(b):.1f}" stroke="{colour}" stroke-width="2"/>'
        )
        body.append(f'<circle cx="{xl:.1f}" cy="{y(a):.1f}" r="3.5" fill="{colour}"/>')
        body.append(f'<circle cx="{xr:.1f}" cy="{y(b):.1f}" r="3.5" fill="{colour}"/>')
    for r, text in lines.items():
        body.append(_t(xr + 10, y(r) + 4, _fit(text, width - xr - 14, 11), size=11))
    return _svg(width, height, title, desc, body, ident)
