"""The Sensitivity page's tornado (dashboard.sensitivity_figures): panels, bars against the base, valid plotly."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from anp_core.sensitivity import tornado
from dashboard import sensitivity_figures
from dashboard.text import plot_text
from tests.support.paper import CRITERIA

# ----- tornado -----


def panels(fig: go.Figure) -> dict[str, list[tuple[str, float, float]]]:
    """Each panel's title -> its rows top down: (criterion label, lowered bar, raised bar)."""
    low, high = fig.data
    label = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    titles = sorted(fig.layout.annotations, key=lambda a: a.y)
    out: dict[str, list[tuple[str, float, float]]] = {a.text.replace("<br>", " "): [] for a in titles}
    for y, x_low, x_high, hover in zip(low.y, low.x, high.x, low.hovertext, strict=True):
        assert hover == label[y]
        title = [a.text.replace("<br>", " ") for a in titles if a.y < y][
            -1
        ]  # the nearest above (axis reversed)
        out[title].append((label[y], x_low, x_high))
    return out


@pytest.mark.parametrize("n", [1, 3, 5])
def test_tornado_figure_has_a_panel_per_factor_and_bars_relative_to_the_base(ev, names, n):
    top = list(ev.composite.sort_values(ascending=False, kind="stable").index[:n])
    table = tornado(ev, 0.1, top)
    crit = {c: c.title() for c in CRITERIA}
    fig = sensitivity_figures.tornado_figure(table, names, crit, 0.1, factors=top)
    assert len(fig.data) == 2  # one trace per kind of bar, whatever the number of panels
    low, high = fig.data
    assert low.marker.pattern.shape == "/"
    assert not high.marker.pattern.shape
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1], "first panel on top"
    found = panels(fig)
    assert [t.split(" (")[0] for t in found] == [plot_text(names[f]) for f in top]
    for f, (title, rows) in zip(top, found.items(), strict=True):
        sub = table[table["factor"] == f].set_index("criterion")
        assert title.endswith(f"(composite {sub['base'].iloc[0]:.4f})")
        assert sorted(r[0] for r in rows) == sorted(crit.values())
        for label, x_low, x_high in rows:
            c = next(k for k, v in crit.items() if v == label)
            assert x_low == pytest.approx(sub.loc[c, "low"] - sub.loc[c, "base"])
            assert x_high == pytest.approx(sub.loc[c, "high"] - sub.loc[c, "base"])
        swings = [abs(h - lo) for _, lo, h in rows]
        assert swings == sorted(swings, reverse=True), "largest swing on top"
    # every panel has its own zero line, spanning its rows only
    assert len(fig.layout.shapes) == n
    assert all(s.x0 == s.x1 == 0 for s in fig.layout.shapes)
    assert "±0.1" in fig.layout.title.text


# ----- the Sensitivity figures are built unvalidated: check they are what plotly would build -----


def as_json(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("n", [1, 2, 5, 10])
@pytest.mark.parametrize("delta", [0.01, 0.3])
def test_tornado_figure_is_valid_and_unchanged_by_validation(ev, names, n, delta):
    top = list(ev.composite.sort_values(ascending=False, kind="stable").index[:n])
    fig = sensitivity_figures.tornado_figure(
        tornado(ev, delta, top), names, {c: c.title() for c in CRITERIA}, delta, factors=top
    )
    assert len(fig.data) == 2
    assert as_json(fig) == as_json(go.Figure(fig.to_dict()))


def test_sensitivity_figures_carry_the_plotly_white_template_itself(paper_model, ev, names):
    # unvalidated, a template *name* would reach plotly.js as a string it ignores
    white = json.loads(json.dumps(pio.templates["plotly_white"].to_plotly_json()))
    top = ["government_regulation"]
    built = [
        sensitivity_figures.tornado_figure(tornado(ev, 0.1, top), names, {}, 0.1, factors=top),
    ]
    for fig in built:
        template = as_json(fig)["layout"]["template"]
        assert template["layout"] == {k: v for k, v in white["layout"].items() if k in template["layout"]}
        for part in ("xaxis", "yaxis", "font", "colorway", "hoverlabel", "paper_bgcolor", "plot_bgcolor"):
            assert template["layout"][part] == white["layout"][part]
        # the defaults of every trace type drawn (the tornado's hatching comes from the bar's)
        for kind in {trace.type for trace in fig.data}:
            assert template["data"][kind] == white["data"][kind]


@pytest.mark.parametrize("n_criteria", [1, 3, 5])
def test_tornado_rows_keep_their_size_whatever_the_number_of_criteria(n_criteria):
    """A bar is 0.8 of a row (not of the gap between panels), and the height follows the rows."""
    crits = [f"c{k}" for k in range(n_criteria)]
    table = pd.DataFrame(
        [
            {
                "criterion": c,
                "factor": f,
                "weight_low": 0.1,
                "weight_high": 0.3,
                "low": 0.2 - i / 100,
                "base": 0.2,
                "high": 0.21,
            }
            for f in ("a", "b")
            for i, c in enumerate(crits)
        ]
    )
    fig = sensitivity_figures.tornado_figure(table, {"a": "A", "b": "B"}, {}, 0.1)
    assert [t.width for t in fig.data] == [0.8, 0.8]
    assert fig.layout.height == 110 + 60 * 2 + 26 * 2 * n_criteria
    ys = sorted(fig.data[0].y)
    titles = sorted(a.y for a in fig.layout.annotations)
    # the second panel's title sits between the panels' rows, clear of both
    assert ys[n_criteria - 1] + 0.4 < titles[1] < ys[n_criteria] - 0.4


def test_a_long_tornado_title_wraps_and_stays_escaped(ev, names):
    """Plotly does not wrap titles: a long one is split into lines so a narrow page shows all of it."""
    top = ["government_regulation"]
    fig = sensitivity_figures.tornado_figure(
        tornado(ev, 0.1, top), names, {}, 0.1, factors=top, text={"title": "A <b> & " + "word " * 20}
    )
    lines = fig.layout.title.text.split("<br>")
    assert len(lines) == 2
    assert all(len(line) <= 70 for line in lines)
    assert lines[0].startswith("A &lt;b&gt; &amp; word")


def test_a_long_panel_title_takes_two_lines_and_the_gaps_grow(ev, names):
    """A long factor name puts "(composite …)" on a line of its own; every gap and the height make room."""
    top = list(ev.composite.sort_values(ascending=False, kind="stable").index[:2])
    table = tornado(ev, 0.1, top)
    short = sensitivity_figures.tornado_figure(table, dict.fromkeys(top, "A"), {}, 0.1, factors=top)
    long_names = {top[0]: "A factor with a rather long name indeed", top[1]: "B"}
    wrapped = sensitivity_figures.tornado_figure(table, long_names, {}, 0.1, factors=top)
    first = wrapped.layout.annotations[0].text
    assert first.split("<br>") == [
        "A factor with a rather long name indeed",
        f"(composite {table[table['factor'] == top[0]]['base'].iloc[0]:.4f})",
    ]
    assert "<br>" not in wrapped.layout.annotations[1].text
    assert wrapped.layout.height > short.layout.height
    # the second panel starts lower: its title's gap grew by the extra line
    assert min(wrapped.data[0].y[5:]) > min(short.data[0].y[5:])
