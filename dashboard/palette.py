"""Colour-blind-safe styles for clusters and scenarios: a colour, a marker symbol and a dash each.

The colours are Okabe and Ito's eight (2008), each darkened in CIELAB lightness only (a* and
b* kept, so the hue stays) as far as needed for 3:1 against the white plot background (WCAG
2.1, 1.4.11 non-text contrast) and, for olive and rust, further, so that every pair stays
apart under simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009; CIEDE2000
distances: tests/dashboard/test_palette.py). They are ordered so that the first few, which
most charts use, are the furthest apart. Nothing is meant to be told by colour alone: item
``i`` also gets its own marker symbol and line dash (:func:`style`).

The module also holds the colour science the tests use, and that a page may use on an image:
sRGB <-> linear <-> CIELAB, WCAG contrast, CIEDE2000 and the Machado matrices
(:func:`simulate_cvd` works on any array of RGB triples, a screenshot's pixels included).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
Deficiency = Literal["protanopia", "deuteranopia", "tritanopia"]

#: Okabe & Ito (2008), "Color Universal Design": the eight colours as published.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
#: CIELAB L* taken off each Okabe-Ito colour (a*, b* kept): :func:`darken` turns OKABE_ITO into COLOURS.
DARKENING: dict[str, float] = {
    "black": 0.0,
    "orange": 9.5,
    "sky blue": 8.75,
    "bluish green": 1.0,
    "yellow": 38.5,  # an olive: at 3:1 it was as light as the orange and merged with it in deuteranopia
    "blue": 0.0,
    "vermillion": 15.0,  # a rust: likewise apart from the olive in deuteranopia
    "reddish purple": 3.0,
}
#: The order colours are handed out: the first k are the furthest apart for every k.
ORDER: tuple[str, ...] = (
    "blue",
    "orange",
    "vermillion",
    "sky blue",
    "bluish green",
    "reddish purple",
    "yellow",
    "black",
)
#: The palette, in ORDER: ``darken(OKABE_ITO[name], DARKENING[name])`` (checked by the tests).
COLOURS: tuple[str, ...] = (
    "#0072B2",
    "#C98600",
    "#A63700",
    "#379DD0",
    "#009B70",
    "#C3719F",
    "#7F7D00",
    "#000000",
)
#: Plotly marker symbols, one per colour; item ``i`` past the eighth takes another pairing.
SYMBOLS: tuple[str, ...] = (
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "x",
    "triangle-down",
    "star",
    "cross",
)
#: Plotly line dashes, one per colour.
DASHES: tuple[str, ...] = (
    "solid",
    "dash",
    "dot",
    "dashdot",
    "longdash",
    "longdashdot",
    "8px,3px,2px,3px,2px,3px",
    "2px,2px",
)
#: Text in charts on white: the app's body text (the theme's textColor) and a muted grey at 7:1.
PLOT_TEXT = "#141312"
PLOT_MUTED_TEXT = "#595959"
PLOT_GRID = "#D9D9D9"
PLOT_BACKGROUND = "#FFFFFF"


#: A text glyph for each plotly marker symbol, for labels, legends and tables (open variants: hollow).
GLYPHS: dict[str, str] = {
    "circle": "●",
    "square": "■",
    "diamond": "◆",
    "triangle-up": "▲",
    "x": "✖",
    "triangle-down": "▼",
    "star": "★",
    "cross": "✚",
    "circle-open": "○",
    "square-open": "□",
    "diamond-open": "◇",
    "triangle-up-open": "△",
    "x-open": "✕",
    "triangle-down-open": "▽",
    "star-open": "☆",
    "cross-open": "✛",
}


@dataclass(frozen=True)
class Style:
    """How one cluster or scenario is drawn: colour (hex), plotly marker symbol and line dash."""

    colour: str
    symbol: str
    dash: str

    @property
    def glyph(self) -> str:
        """The marker symbol as a text glyph (``●``, ``■``…), to put the shape in a label or a legend.

        >>> style(0).glyph, style(1).glyph
        ('●', '■')
        """
        return GLYPHS.get(self.symbol, "●")


def style(i: int) -> Style:
    """Return the style of item ``i`` (0-based): distinct (colour, symbol) pairs for i < 128.

    Colour ``i mod 8``; symbol ``(i + k) mod 8`` with ``k = i // 8``, so the eight items that
    share a colour all have different symbols; from ``i = 64`` on the symbols are the open
    variants. The dash follows the symbol. Deterministic: the same ``i`` always gets the same style.

    Examples
    --------
    >>> style(0)
    Style(colour='#0072B2', symbol='circle', dash='solid')
    >>> style(9).colour == style(1).colour, style(9).symbol != style(1).symbol
    (True, True)
    """
    if i < 0:
        msg = f"style index must be >= 0, got {i}"
        raise ValueError(msg)
    n = len(COLOURS)
    k = i // n
    j = (i + k) % n
    symbol = SYMBOLS[j] + ("-open" if (k // n) % 2 else "")
    return Style(COLOURS[i % n], symbol, DASHES[j])


def styles(n: int) -> tuple[Style, ...]:
    """Return the styles of items ``0 .. n-1``."""
    return tuple(style(i) for i in range(n))


def style_map(keys: Iterable[Hashable]) -> dict[Hashable, Style]:
    """Map each key, in the order given (first occurrence), to its style.

    Pass the clusters in the model's order (or scenarios in their list's order) so a cluster
    keeps its colour, symbol and dash on every page and every rerun.
    """
    out: dict[Hashable, Style] = {}
    for key in keys:
        if key not in out:
            out[key] = style(len(out))
    return out


def plot_layout() -> dict[str, object]:
    """Return plotly layout settings that keep a chart's text at AA contrast on white.

    Streamlit's own plotly theme draws tick labels in #808495 (3.72:1 on white); give
    ``fig.update_layout(**plot_layout())`` in a figure builder to draw them in
    :data:`PLOT_MUTED_TEXT` (7:1) and other text in :data:`PLOT_TEXT`.
    """
    axis = {
        "tickfont": {"color": PLOT_MUTED_TEXT},
        "title": {"font": {"color": PLOT_TEXT}},
        "gridcolor": PLOT_GRID,
    }
    return {
        "font": {"color": PLOT_TEXT},
        "paper_bgcolor": PLOT_BACKGROUND,
        "plot_bgcolor": PLOT_BACKGROUND,
        "legend": {"font": {"color": PLOT_TEXT}},
        "xaxis": axis,
        "yaxis": axis,
    }


def apply_plot_text(fig: Any) -> Any:
    """Give every axis, legend, title, annotation and colour bar of a plotly figure AA text colours; return ``fig``.

    :func:`plot_layout` on the layout, then every x/y axis (subplots included, which
    ``update_layout(xaxis=...)`` alone misses), every colour axis and trace colour bar, and
    every annotation that sets no colour of its own. Explicit colours win over Streamlit's
    plotly theme (checked in Chromium: ticks #595959, 7:1). For figures built from plain
    dicts (several times cheaper, STYLE.md 3.6), :func:`with_plot_text` does the same on the
    layout dict before the figure is built.
    """
    layout = plot_layout()
    axis = layout.pop("xaxis")
    layout.pop("yaxis")
    fig.update_layout(**layout)
    fig.update_xaxes(**axis)  # type: ignore[arg-type]
    fig.update_yaxes(**axis)  # type: ignore[arg-type]
    fig.update_coloraxes(colorbar=_COLORBAR)
    for trace in fig.data:
        if "colorbar" in trace:
            trace.update(colorbar=_COLORBAR)
    for annotation in fig.layout.annotations:
        if annotation.font.color is None:
            annotation.font.color = PLOT_TEXT
    return fig


_COLORBAR: dict[str, Any] = {"tickfont": {"color": PLOT_MUTED_TEXT}, "title": {"font": {"color": PLOT_TEXT}}}


def _merged(base: Any, extra: dict[str, Any]) -> dict[str, Any]:
    """``extra`` deep-merged over a copy of ``base`` (a dict or None)."""
    out: dict[str, Any] = dict(base) if isinstance(base, dict) else {}
    for key, value in extra.items():
        out[key] = _merged(out.get(key), value) if isinstance(value, dict) else value
    return out


def with_plot_text(layout: dict[str, Any]) -> dict[str, Any]:
    """Return a plain layout dict with the text colours of :func:`apply_plot_text` merged in.

    For figure builders that build from plain dicts without plotly's validation: every
    ``xaxis*``/``yaxis*`` key (``xaxis`` and ``yaxis`` are added), the legend, the title,
    colour axes and every annotation without a colour of its own. The result is a new dict;
    sizes, positions and explicit annotation colours are kept.

    Examples
    --------
    >>> out = with_plot_text({"xaxis2": {"tickfont": {"size": 11}}, "annotations": [{"text": "a"}]})
    >>> out["xaxis2"]["tickfont"], out["annotations"][0]["font"]["color"] == PLOT_TEXT
    ({'size': 11, 'color': '#595959'}, True)
    """
    text = plot_layout()
    axis = text.pop("xaxis")
    text.pop("yaxis")
    out = _merged(layout, text)  # type: ignore[arg-type]
    for key in {"xaxis", "yaxis", *(k for k in layout if k[:5] in {"xaxis", "yaxis"})}:
        out[key] = _merged(out.get(key), axis)  # type: ignore[arg-type]
    for key in [k for k in layout if k.startswith("coloraxis")]:
        out[key] = _merged(out.get(key), {"colorbar": _COLORBAR})
    out["annotations"] = [
        a if (a.get("font") or {}).get("color") else _merged(a, {"font": {"color": PLOT_TEXT}})
        for a in layout.get("annotations", ())
    ]
    if isinstance(out.get("title"), dict):
        out["title"] = _merged(out["title"], {"font": {"color": PLOT_TEXT}})
    return out


# --------------------------------------------------------------------------- colour science
def hex_to_rgb(colour: str) -> FloatArray:
    """Return ``#RRGGBB`` as sRGB in [0, 1]."""
    s = colour.strip().lstrip("#")
    if len(s) != 6:
        msg = f"not a #RRGGBB colour: {colour!r}"
        raise ValueError(msg)
    return np.array([int(s[k : k + 2], 16) for k in (0, 2, 4)], dtype=np.float64) / 255.0


def rgb_to_hex(rgb: ArrayLike) -> str:
    """Return sRGB in [0, 1] (clipped) as ``#RRGGBB``."""
    v = np.rint(np.clip(np.asarray(rgb, dtype=np.float64), 0.0, 1.0) * 255).astype(int)
    return "#{:02X}{:02X}{:02X}".format(*v)


def to_linear(rgb: ArrayLike) -> FloatArray:
    """Convert sRGB (IEC 61966-2-1) in [0, 1] to linear light."""
    c = np.asarray(rgb, dtype=np.float64)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def from_linear(lin: ArrayLike) -> FloatArray:
    """Convert linear light to sRGB in [0, 1] (clipped to the gamut first)."""
    c = np.clip(np.asarray(lin, dtype=np.float64), 0.0, 1.0)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


def relative_luminance(rgb: ArrayLike) -> FloatArray:
    """WCAG 2.1 relative luminance ``0.2126 R + 0.7152 G + 0.0722 B`` of linear sRGB."""
    return np.asarray(to_linear(rgb) @ np.array([0.2126, 0.7152, 0.0722]), dtype=np.float64)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio ``(L1 + 0.05) / (L2 + 0.05)`` of two ``#RRGGBB`` colours (1 to 21).

    >>> round(contrast_ratio("#828180", "#FFFFFF"), 2)  # Streamlit's caption colour before our theme
    3.89
    """
    la, lb = float(relative_luminance(hex_to_rgb(a))), float(relative_luminance(hex_to_rgb(b)))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)
_D65 = np.array([0.95047, 1.0, 1.08883])
_EPS, _KAPPA = 216 / 24389, 24389 / 27


def rgb_to_lab(rgb: ArrayLike) -> FloatArray:
    """Convert sRGB in [0, 1] (last axis = R, G, B) to CIELAB (D65)."""
    xyz = to_linear(rgb) @ _XYZ.T / _D65
    f = np.where(xyz > _EPS, np.cbrt(xyz), (_KAPPA * xyz + 16) / 116)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1
    )


def lab_to_rgb(lab: ArrayLike) -> FloatArray:
    """Convert CIELAB (D65) to sRGB in [0, 1], clipped to the gamut."""
    v = np.asarray(lab, dtype=np.float64)
    fy = (v[..., 0] + 16) / 116
    f = np.stack([fy + v[..., 1] / 500, fy, fy - v[..., 2] / 200], axis=-1)
    xyz = np.where(f**3 > _EPS, f**3, (116 * f - 16) / _KAPPA) * _D65
    return from_linear(xyz @ np.linalg.inv(_XYZ).T)


def darken(colour: str, delta_l: float) -> str:
    """Return ``colour`` with CIELAB L* lowered by ``delta_l`` (a*, b* kept; clipped to sRGB)."""
    lab = rgb_to_lab(hex_to_rgb(colour))
    lab[0] -= delta_l
    return rgb_to_hex(lab_to_rgb(lab))


def ciede2000(lab1: ArrayLike, lab2: ArrayLike) -> float:
    r"""CIEDE2000 colour difference :math:`\Delta E_{00}` (kL = kC = kH = 1).

    Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula: implementation
    notes, supplementary test data, and mathematical observations", Color Res. Appl. 30(1).

    >>> round(ciede2000([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485]), 4)
    2.0425
    """
    l1, a1, b1 = (float(x) for x in np.asarray(lab1, dtype=np.float64))
    l2, a2, b2 = (float(x) for x in np.asarray(lab2, dtype=np.float64))
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh, h_bar = 0.0, h1p + h2p
    else:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
        s = h1p + h2p
        h_bar = s / 2 if abs(h1p - h2p) <= 180 else (s + 360) / 2 if s < 360 else (s - 360) / 2
    d_hp = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    t = (
        1
        - 0.17 * np.cos(np.radians(h_bar - 30))
        + 0.24 * np.cos(np.radians(2 * h_bar))
        + 0.32 * np.cos(np.radians(3 * h_bar + 6))
        - 0.20 * np.cos(np.radians(4 * h_bar - 63))
    )
    rot = (
        -2
        * np.sqrt(cp_bar**7 / (cp_bar**7 + 25.0**7))
        * np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2))))
    )
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * t
    return float(np.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (d_hp / sh) ** 2 + rot * (dc / sc) * (d_hp / sh)))


#: Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation of
#: color vision deficiency", IEEE TVCG 15(6): the severity-1.0 matrices, on linear sRGB.
MACHADO_2009: dict[str, FloatArray] = {
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}


def simulate_cvd(rgb: ArrayLike, deficiency: Deficiency) -> FloatArray:
    """Return sRGB (in [0, 1], last axis R, G, B; any shape) as seen with ``deficiency``.

    The Machado et al. (2009) matrix is applied to linear sRGB, then the result is clipped
    and encoded back to sRGB. Works on a single colour or on an image's pixel array.
    """
    matrix = MACHADO_2009[deficiency]
    return from_linear(to_linear(rgb) @ matrix.T)


def min_distance(colours: Sequence[str], deficiency: Deficiency | None = None) -> tuple[float, str, str]:
    """Return the smallest CIEDE2000 distance between two of ``colours`` (and the pair), as seen."""
    rgb = np.array([hex_to_rgb(c) for c in colours])
    seen = rgb if deficiency is None else simulate_cvd(rgb, deficiency)
    lab = rgb_to_lab(seen)
    best = (np.inf, "", "")
    for i in range(len(colours)):
        for j in range(i + 1, len(colours)):
            d = ciede2000(lab[i], lab[j])
            if d < best[0]:
                best = (d, colours[i], colours[j])
    return best
