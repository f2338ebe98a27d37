"""The Sensitivity page's tornado (dashboard.sensitivity_tornado): panels, bars against the base, valid Vega-Lite."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from anp_core.sensitivity import tornado
from dashboard import sensitivity_tornado
from tests.support.paper import CRITERIA
from tests.support.vega import valid_vega_lite

ZWSP = "\u200b"


def panels(chart) -> dict[str, list[tuple[str, float, float]]]:
    """Each panel's title (its lines joined) -> its rows top down: (criterion label, lowered bar, raised bar)."""
    data = chart.data.to_pandas().sort_values("order", kind="stable")
    lowered, raised = chart.spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    out: dict[str, list[tuple[str, float, float]]] = {}
    title, last = "", None
    for _order, rows in data.groupby("order", sort=True):
        kinds = set(rows["kind"])
        if kinds == {"title"}:
            line = rows["label"].iloc[0]
            title = f"{title} {line}" if last == "title" else line
            last = "title"
            continue
        if last == "title":
            out[title] = []
        last = "bar"
        bars = rows[rows["kind"] == "bar"].set_index("side")
        assert (rows["kind"] == "zero").sum() == 1, "each criterion row has its zero line"
        assert len(bars) == 2
        (key,) = set(rows["row"])
        assert key.rstrip(ZWSP) == bars["criterion"].iloc[0]
        out[title].append(
            (bars["criterion"].iloc[0], bars.loc[lowered, "change"], bars.loc[raised, "change"])
        )
    return out


@pytest.mark.parametrize("n", [1, 3, 5])
def test_tornado_has_a_panel_per_factor_and_bars_relative_to_the_base(ev, names, n):
    top = list(ev.composite.sort_values(ascending=False, kind="stable").index[:n])
    table = tornado(ev, 0.1, top)
    crit = {c: c.title() for c in CRITERIA}
    chart = sensitivity_tornado.tornado_chart(table, names, crit, 0.1, factors=top)
    valid_vega_lite(chart)
    found = panels(chart)
    assert [t.split(" (")[0] for t in found] == [names[f] for f in top]
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
    assert "±0.1" in chart.title
    # the y axis rows are unique (a criterion comes once per panel) and read as the criterion's name
    keys = chart.data.to_pandas().drop_duplicates("order")["row"]
    assert keys.is_unique
    assert len(keys) == n * len(CRITERIA) + (chart.data.to_pandas()["kind"] == "title").sum()


def test_the_two_bars_differ_by_colour_place_and_outline(ev, names):
    """Lowered and raised are told apart without colour: lowered sits above and has a dashed outline."""
    top = ["government_regulation"]
    chart = sensitivity_tornado.tornado_chart(tornado(ev, 0.2, top), names, {}, 0.2, factors=top)
    enc = chart.spec["layer"][0]["encoding"]
    sides = ["criterion weight −0.2", "criterion weight +0.2"]
    assert enc["color"]["scale"]["domain"] == sides
    assert len(set(enc["color"]["scale"]["range"])) == 2
    assert enc["yOffset"]["scale"]["domain"] == sides  # lowered above raised
    dashes = enc["strokeDash"]["scale"]
    assert dashes["domain"] == sides
    assert dashes["range"][0] != dashes["range"][1]
    assert enc["stroke"]["value"]  # a visible outline, also in the legend
    bars = chart.data.to_pandas()[chart.data.to_pandas()["kind"] == "bar"]
    # a screen reader hears the factor, the criterion, the move and the change for each bar
    for row in bars.itertuples():
        assert (
            row.description
            == f"{row.factor}, {row.criterion}, {row.side}: composite weight {row.change:+.4f}".replace(
                "-", "−"
            )
        )
    assert any("composite weight −" in d for d in bars["description"])  # a fall: the minus sign, as the axis
    assert set(bars["factor"]) == {names["government_regulation"]}
    # the panel titles are read as their text; the y axis, whose labels the bars repeat, is not read
    titles = next(la for la in chart.spec["layer"] if la["transform"][0]["filter"] == "datum.kind == 'title'")
    assert titles["encoding"]["description"] == {"field": "label"}
    assert enc["y"]["axis"]["aria"] is False


@pytest.mark.parametrize("n", [1, 2, 5, 10])
@pytest.mark.parametrize("delta", [0.01, 0.3])
def test_tornado_is_valid_vega_lite(ev, names, n, delta):
    top = list(ev.composite.sort_values(ascending=False, kind="stable").index[:n])
    chart = sensitivity_tornado.tornado_chart(
        tornado(ev, delta, top), names, {c: c.title() for c in CRITERIA}, delta, factors=top
    )
    valid_vega_lite(chart)
    assert (chart.data.to_pandas()["kind"] == "bar").sum() == 2 * n * len(CRITERIA)


def test_names_are_text_and_one_name_in_two_panels_stays_two_rows():
    """Vega draws text as text: markup is kept as it is; repeated names get distinct row keys."""
    table = pd.DataFrame(
        [
            {
                "criterion": c,
                "factor": f,
                "weight_low": 0.1,
                "weight_high": 0.3,
                "low": 0.19,
                "base": 0.2,
                "high": 0.21,
            }
            for f in ("a", "b")
            for c in ("c1", "c2")
        ]
    )
    chart = sensitivity_tornado.tornado_chart(
        table, {"a": "<b>A</b> & co", "b": "<b>A</b> & co"}, {"c1": "Same", "c2": "Same"}, 0.1
    )
    titles = list(chart.data.to_pandas().loc[chart.data.to_pandas()["kind"] == "title", "label"])
    assert titles == ["<b>A</b> & co (composite 0.2000)"] * 2
    keys = chart.data.to_pandas().drop_duplicates("order")["row"]
    assert keys.is_unique
    assert {k.rstrip(ZWSP) for k in keys} == {"", "Same"}
    valid_vega_lite(chart)


def test_a_long_tornado_title_wraps(ev, names):
    """A long title is split into lines so a narrow page shows all of it."""
    top = ["government_regulation"]
    chart = sensitivity_tornado.tornado_chart(
        tornado(ev, 0.1, top), names, {}, 0.1, factors=top, text={"title": "A <b> & " + "word " * 20}
    )
    lines = chart.spec["title"]["text"]
    assert isinstance(lines, list)
    assert len(lines) == 2
    assert all(len(line) <= 60 for line in lines)
    assert lines[0].startswith("A <b> & word")


def test_a_long_panel_title_takes_two_rows(ev, names):
    """A long factor name puts "(composite …)" on a row of its own, above the panel's bars."""
    top = list(ev.composite.sort_values(ascending=False, kind="stable").index[:2])
    table = tornado(ev, 0.1, top)
    long_names = {top[0]: "A factor with a long name", top[1]: "B"}
    chart = sensitivity_tornado.tornado_chart(table, long_names, {}, 0.1, factors=top)
    titles = chart.data.to_pandas()[chart.data.to_pandas()["kind"] == "title"].sort_values("order")
    assert list(titles["label"]) == [
        "A factor with a long name",
        f"(composite {table[table['factor'] == top[0]]['base'].iloc[0]:.4f})",
        f"B (composite {table[table['factor'] == top[1]]['base'].iloc[0]:.4f})",
    ]
    assert list(titles["order"])[:2] == [0, 1]
    first_bar = chart.data.to_pandas().loc[chart.data.to_pandas()["kind"] == "bar", "order"].min()
    assert first_bar == 2


def test_translated_words_reach_the_chart(ev, names):
    top = ["government_regulation"]
    words = {
        "title": "龙卷风图 ±{delta}",
        "panel": "{name}（综合 {value}）",
        "axis": "综合权重的变化",
        "lowered": "准则权重 −{delta}",
        "raised": "准则权重 +{delta}",
        "hover_factor": "因素",
        "hover_criterion": "准则",
        "hover_move": "变动",
        "hover_weight": "准则权重",
        "hover_composite": "综合",
        "hover_change": "变化",
        "bar": "{factor}，{criterion}，{move}：综合权重 {change}",
    }
    chart = sensitivity_tornado.tornado_chart(tornado(ev, 0.1, top), names, {}, 0.1, factors=top, text=words)
    enc = chart.spec["layer"][0]["encoding"]
    assert enc["x"]["title"] == "综合权重的变化"
    assert [t["title"] for t in enc["tooltip"]] == ["因素", "准则", "变动", "准则权重", "综合", "变化"]
    bars = chart.data.to_pandas()[chart.data.to_pandas()["kind"] == "bar"]
    assert all(d.startswith(f"{names['government_regulation']}，") for d in bars["description"])
    assert enc["color"]["scale"]["domain"] == ["准则权重 −0.1", "准则权重 +0.1"]
    assert chart.title == "龙卷风图 ±0.1"
    assert (
        chart.data.to_pandas()
        .loc[chart.data.to_pandas()["kind"] == "title", "label"]
        .iloc[0]
        .endswith("（综合 0.1434）")
    )


def test_the_x_axis_is_symmetric_about_zero_and_shows_it(ev, names):
    top = ["government_regulation", "product_brand"]
    chart = sensitivity_tornado.tornado_chart(tornado(ev, 0.1, top), names, {}, 0.1, factors=top)
    x = chart.spec["layer"][0]["encoding"]["x"]
    low, high = x["scale"]["domain"]
    assert low == -high
    assert 0.0 in x["axis"]["values"]
    changes = chart.data.to_pandas().loc[chart.data.to_pandas()["kind"] == "bar", "change"].abs()
    assert changes.max() <= high < 3 * changes.max()
    # short, exact labels
    assert x["axis"]["format"] == "+.3f"
    assert x["axis"]["values"] == [-high, -high / 2, 0.0, high / 2, high]


def test_long_names_wrap_by_their_width_on_screen():
    """A Chinese character is twice as wide as a Latin one: names wrap by columns, not characters."""
    table = pd.DataFrame(
        [
            {
                "criterion": c,
                "factor": "a",
                "weight_low": 0.1,
                "weight_high": 0.3,
                "low": 0.19,
                "base": 0.2,
                "high": 0.21,
            }
            for c in ("c1", "c2")
        ]
    )
    long_cn = "跨境电子商务与产业带融合发展的综合服务平台建设"  # 23 characters, 46 columns
    long_crit = "Policy environment including tariffs, export controls and the rules of origin"
    chart = sensitivity_tornado.tornado_chart(table, {"a": long_cn}, {"c1": long_crit, "c2": "Short"}, 0.1)
    titles = list(chart.data.to_pandas().loc[chart.data.to_pandas()["kind"] == "title", "label"])
    assert len(titles) == 3  # the name on two lines, "(composite …)" on a third
    assert "".join(titles[:2]) == long_cn
    assert all(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in t) <= 44 for t in titles)
    rows = chart.data.to_pandas().drop_duplicates("order")
    (label,) = [r for r in rows["row"] if r.startswith("Policy")]
    assert label.replace("\n", " ") == long_crit
    assert all(len(line) <= 28 for line in label.split("\n"))
    # rows grow with the longest name: room for its lines
    short = sensitivity_tornado.tornado_chart(table, {"a": "A"}, {"c1": "Long", "c2": "Short"}, 0.1)
    assert chart.spec["height"]["step"] > short.spec["height"]["step"]
    valid_vega_lite(chart)


@pytest.mark.parametrize("largest", [1e-6, 3.3e-5, 0.00049, 0.0011, 0.0071, 0.0105, 0.038, 0.26, 0.97])
def test_the_x_ticks_are_round_exact_and_hold_every_bar(largest):
    table = pd.DataFrame(
        [
            {
                "criterion": "c",
                "factor": "a",
                "weight_low": 0.1,
                "weight_high": 0.3,
                "low": 0.5 - largest,
                "base": 0.5,
                "high": 0.5 + largest / 3,
            }
        ]
    )
    chart = sensitivity_tornado.tornado_chart(table, {}, {}, 0.1)
    x = chart.spec["layer"][0]["encoding"]["x"]
    values = x["axis"]["values"]
    digits = int(x["axis"]["format"][2:-1])
    assert values[2] == 0.0
    assert values[0] == -values[4]
    assert largest <= values[4] <= 3.2 * largest
    for v in values:  # each label, printed with the axis's decimals, is the tick itself
        assert float(f"{v:.{digits}f}") == pytest.approx(v, abs=1e-15)
