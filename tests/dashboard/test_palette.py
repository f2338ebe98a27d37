"""The cluster/scenario palette: Okabe-Ito hues, 3:1 on white, apart under simulated colour-vision deficiencies."""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path

import numpy as np
import pytest

from dashboard import palette as p

ROOT = Path(__file__).resolve().parents[2]
WHITE = "#FFFFFF"
DEFICIENCIES = ("protanopia", "deuteranopia", "tritanopia")


def hue(colour: str) -> float:
    lab = p.rgb_to_lab(p.hex_to_rgb(colour))
    return float(np.degrees(np.arctan2(lab[2], lab[1])))


# --------------------------------------------------------------------------- the palette
def test_colours_are_okabe_ito_darkened_as_documented():
    assert sorted(p.ORDER) == sorted(p.OKABE_ITO)
    assert tuple(p.darken(p.OKABE_ITO[n], p.DARKENING[n]) for n in p.ORDER) == p.COLOURS
    assert len(set(p.COLOURS)) == len(p.COLOURS) == 8


@pytest.mark.parametrize("name", [n for n in p.ORDER if n != "black"])
def test_darkening_keeps_the_okabe_ito_hue(name):
    original, ours = p.OKABE_ITO[name], p.COLOURS[p.ORDER.index(name)]
    diff = (hue(ours) - hue(original) + 180) % 360 - 180
    assert abs(diff) < 8, f"{name}: hue moved {diff:.1f} degrees"


@pytest.mark.parametrize("colour", p.COLOURS)
def test_every_colour_has_3_to_1_against_the_white_plot_background(colour):
    """WCAG 2.1, 1.4.11 non-text contrast: graphical objects need 3:1 against adjacent colours."""
    assert p.contrast_ratio(colour, p.PLOT_BACKGROUND) >= 3.0


def test_okabe_ito_as_published_does_not_reach_3_to_1():
    """Why the palette is darkened: four of the published eight fail 1.4.11 on white."""
    failing = [n for n, c in p.OKABE_ITO.items() if p.contrast_ratio(c, WHITE) < 3.0]
    assert sorted(failing) == ["orange", "sky blue", "yellow"]  # reddish purple is at 3.06


@pytest.mark.parametrize(
    ("deficiency", "floor_all", "floor_first6"),
    [(None, 15.0, 15.0), ("protanopia", 7.0, 10.0), ("deuteranopia", 8.0, 14.0), ("tritanopia", 7.5, 7.5)],
)
def test_every_pair_stays_apart(deficiency, floor_all, floor_first6):
    """Minimum CIEDE2000 between any two colours, in normal vision and under each simulated deficiency."""
    d, a, b = p.min_distance(p.COLOURS, deficiency)
    assert d >= floor_all, f"{a} and {b} are only {d:.1f} apart ({deficiency or 'normal vision'})"
    assert p.min_distance(p.COLOURS[:6], deficiency)[0] >= floor_first6


def test_the_old_palette_failed_where_ours_does_not():
    """The matplotlib six it replaces: orange and green merge under protanopia, red and green under deuteranopia."""
    old = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
    assert p.min_distance(old, "protanopia")[0] < 2.0
    assert p.min_distance(["#2ca02c", "#d62728"], "deuteranopia")[0] < 5.0
    for deficiency in DEFICIENCIES:
        assert p.min_distance(p.COLOURS[:6], deficiency)[0] > 5 * p.min_distance(old, "protanopia")[0]


def test_theme_chart_colours_are_the_palette():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert tuple(c.upper() for c in theme["chartCategoricalColors"]) == p.COLOURS


def test_plot_text_colours_reach_aa_on_white():
    assert p.contrast_ratio(p.PLOT_TEXT, p.PLOT_BACKGROUND) >= 4.5
    assert p.contrast_ratio(p.PLOT_MUTED_TEXT, p.PLOT_BACKGROUND) >= 4.5
    layout = p.plot_layout()
    assert layout["font"] == {"color": p.PLOT_TEXT}
    assert layout["xaxis"]["tickfont"]["color"] == p.PLOT_MUTED_TEXT  # type: ignore[index]


def test_plot_layout_applies_to_a_plotly_figure():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h")).update_layout(**p.plot_layout())
    assert fig.layout.xaxis.tickfont.color == p.PLOT_MUTED_TEXT
    assert fig.layout.legend.font.color == p.PLOT_TEXT


def test_apply_plot_text_reaches_every_subplot_axis():
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=3, cols=1)
    for r in (1, 2, 3):
        fig.add_scatter(x=[0, 1], y=[0, r], row=r, col=1)
    assert p.apply_plot_text(fig) is fig
    for name in ("xaxis", "xaxis2", "xaxis3", "yaxis", "yaxis2", "yaxis3"):
        assert fig.layout[name].tickfont.color == p.PLOT_MUTED_TEXT, name
        assert fig.layout[name].title.font.color == p.PLOT_TEXT, name
    assert fig.layout.font.color == p.PLOT_TEXT


# --------------------------------------------------------------------------- styles
def test_first_eight_items_differ_in_colour_symbol_and_dash():
    first = p.styles(8)
    for attr in ("colour", "symbol", "dash"):
        assert len({getattr(s, attr) for s in first}) == 8, attr


def test_styles_are_distinct_pairs_up_to_128_and_deterministic():
    many = p.styles(128)
    assert len({(s.colour, s.symbol) for s in many}) == 128
    assert p.styles(128) == many
    assert p.style(200) == p.style(200)
    assert p.style(8).colour == p.style(0).colour
    assert p.style(8).symbol != p.style(0).symbol


def test_style_map_follows_first_occurrence_order():
    m = p.style_map(["Policy", "Economy", "Policy", "Society"])
    assert list(m) == ["Policy", "Economy", "Society"]
    assert m["Society"] == p.style(2)
    assert p.style_map(["Economy", "Policy"])["Economy"] == p.style(0)


def test_negative_index_is_refused():
    with pytest.raises(ValueError, match=">= 0"):
        p.style(-1)


def test_symbols_and_dashes_are_plotly_values():
    import plotly.graph_objects as go

    for s in p.styles(70):
        go.Scatter(marker={"symbol": s.symbol, "color": s.colour}, line={"dash": s.dash})  # raises if invalid


# --------------------------------------------------------------------------- colour science
@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # Sharma, Wu and Dalal (2005), Table 1: pairs 1, 2, 3, 7, 17, 18, 19, 20, 25
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
        ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),
        ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
        ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_ciede2000_matches_sharma_2005(lab1, lab2, expected):
    assert p.ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert p.ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_contrast_ratio_known_values():
    assert p.contrast_ratio("#000000", WHITE) == pytest.approx(21.0)
    assert p.contrast_ratio("#828180", WHITE) == pytest.approx(
        3.88, abs=0.01
    )  # the old caption colour (axe truncates: 3.88)
    assert p.contrast_ratio("#7f7e7d", "#f8f8f7") == pytest.approx(3.81, abs=0.01)  # the old sidebar caption


def test_lab_round_trip_and_white_point():
    rng = np.random.default_rng(3)
    rgb = rng.random((50, 3))
    np.testing.assert_allclose(p.lab_to_rgb(p.rgb_to_lab(rgb)), rgb, atol=1e-6)
    np.testing.assert_allclose(p.rgb_to_lab(np.ones(3)), [100.0, 0.0, 0.0], atol=1e-3)


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_machado_keeps_greys_and_works_on_images(deficiency):
    greys = np.linspace(0, 1, 11)[:, None].repeat(3, axis=1)
    np.testing.assert_allclose(p.simulate_cvd(greys, deficiency), greys, atol=2e-3)  # rows sum to 1
    image = np.random.default_rng(0).random((4, 5, 3))
    out = p.simulate_cvd(image, deficiency)
    assert out.shape == image.shape
    assert 0 <= out.min() <= out.max() <= 1


def test_deuteranopia_merges_red_and_green_but_not_blue_and_orange():
    red_green = p.min_distance(["#D62728", "#2CA02C"], "deuteranopia")[0]
    blue_orange = p.min_distance(["#0072B2", "#E69F00"], "deuteranopia")[0]
    assert red_green < 10 < 40 < blue_orange


def test_pairs_of_the_palette_are_checked_both_ways():
    for a, b in itertools.combinations(p.COLOURS, 2):
        la, lb = p.rgb_to_lab(p.hex_to_rgb(a)), p.rgb_to_lab(p.hex_to_rgb(b))
        assert p.ciede2000(la, lb) == pytest.approx(p.ciede2000(lb, la), abs=1e-9)


def test_bad_hex_is_refused():
    with pytest.raises(ValueError, match="RRGGBB"):
        p.hex_to_rgb("#12345")


def test_every_style_has_its_own_glyph():
    """The shape goes into labels and legends as text: distinct symbols, distinct glyphs."""
    many = p.styles(128)
    assert all(s.symbol in p.GLYPHS for s in many)
    assert len({s.glyph for s in p.styles(8)}) == 8
    assert len(set(p.GLYPHS.values())) == len(p.GLYPHS)


def test_with_plot_text_reaches_every_axis_annotation_and_colour_axis_of_a_plain_layout():
    import plotly.graph_objects as go

    layout = {
        "xaxis2": {"tickfont": {"size": 11}, "title": {"text": "x"}},
        "yaxis3": {},
        "coloraxis": {"colorscale": "Blues"},
        "title": {"text": "t"},
        "annotations": [{"text": "plain"}, {"text": "own colour", "font": {"color": "#A63700"}}],
    }
    out = p.with_plot_text(layout)
    assert layout["annotations"][0] == {"text": "plain"}  # the input is not changed
    fig = go.Figure({"layout": out})  # a valid layout
    for name in ("xaxis", "yaxis", "xaxis2", "yaxis3"):
        assert fig.layout[name].tickfont.color == p.PLOT_MUTED_TEXT, name
        assert fig.layout[name].title.font.color == p.PLOT_TEXT, name
    assert fig.layout.xaxis2.tickfont.size == 11  # sizes kept
    assert fig.layout.coloraxis.colorbar.tickfont.color == p.PLOT_MUTED_TEXT
    assert fig.layout.title.font.color == p.PLOT_TEXT
    assert [a.font.color for a in fig.layout.annotations] == [p.PLOT_TEXT, "#A63700"]  # explicit colours kept


def test_apply_plot_text_colours_annotations_and_trace_colour_bars():
    import plotly.graph_objects as go

    fig = go.Figure(go.Heatmap(z=[[1, 2], [3, 4]]))
    fig.add_annotation(text="a", x=0, y=0)
    p.apply_plot_text(fig)
    assert fig.data[0].colorbar.tickfont.color == p.PLOT_MUTED_TEXT
    assert fig.layout.annotations[0].font.color == p.PLOT_TEXT
