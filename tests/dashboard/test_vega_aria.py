"""What a screen reader hears of a Vega-Lite chart's axes, legends and title (dashboard/vega_aria.py)."""

from __future__ import annotations

import copy

import numpy as np
import pyarrow as pa
import pytest

from anp_core import PairwiseMatrix
from anp_core.sensitivity import lines, tornado
from dashboard import sensitivity_lines, sensitivity_tornado, vega_charts, vega_matrix
from dashboard.figures import cluster_styles
from dashboard.vega_aria import ARIA_TEXT, aria_text, described, nice
from tests.support.vega import valid_vega_lite


def quantity(**kw):
    return {"field": "w", "type": "quantitative", **kw}


def test_a_quantitative_axis_reads_its_title_and_its_fixed_range_in_its_format():
    spec = {"mark": "bar", "encoding": {"x": quantity(title="weight", scale={"domain": [0, 0.3]}, axis={})}}
    spec["encoding"]["x"]["axis"]["format"] = ".2f"
    assert described(spec)["encoding"]["x"]["axis"]["description"] == "X axis: weight, from 0.00 to 0.30"
    spec["encoding"]["x"]["axis"]["format"] = ".0%"
    assert described(spec)["encoding"]["x"]["axis"]["description"] == "X axis: weight, from 0% to 30%"


@pytest.mark.parametrize(
    ("enc", "expected"),
    [
        (quantity(title=None, scale={"domain": [0, 1]}), "Y axis: from 0 to 1"),
        (quantity(title=None), "Y axis"),
        (quantity(), "Y axis: w"),  # Vega-Lite's own title: the field's name
        (quantity(axis={"title": ["composite", "weight"]}), "Y axis: composite weight"),
        ({"field": "label", "type": "nominal", "title": None}, "Y axis"),
        ({"field": "label", "type": "nominal", "title": "factor"}, "Y axis: factor"),
    ],
)
def test_an_axis_reads_what_vega_lite_draws(enc, expected):
    out = described({"mark": "bar", "encoding": {"y": enc}})
    assert out["encoding"]["y"]["axis"]["description"] == expected


def test_hidden_axes_and_legends_and_given_descriptions_are_left_alone():
    spec = {
        "mark": "bar",
        "encoding": {
            "x": quantity(axis=None),
            "y": {"field": "n", "type": "nominal", "axis": {"aria": False}},
            "color": {"field": "c", "type": "nominal", "legend": {"description": "mine"}},
            # constants and conditions on values have no axis or legend to describe
            "size": {"condition": {"test": "datum.big", "value": 13}, "value": 10},
        },
        "layer": [{"mark": "text", "encoding": {"x": {"value": 0}}}],
    }
    out = described(spec)
    assert out["encoding"] == spec["encoding"]
    assert out["layer"][0]["encoding"] == spec["layer"][0]["encoding"]


def test_layers_share_one_description_on_the_layer_whose_title_is_drawn():
    spec = {
        "encoding": {"y": {"field": "label", "type": "nominal", "title": None}},
        "layer": [
            {"mark": "rule", "encoding": {"x": {"field": "t", "type": "quantitative"}}},
            {"mark": "line", "encoding": {"x": quantity(title="weight", scale={"domain": [0, 1]})}},
        ],
    }
    data = pa.table({"label": ["a", "b", "a"]})
    out = described(spec, data=data)
    assert "axis" not in out["layer"][0]["encoding"]["x"]
    assert out["layer"][1]["encoding"]["x"]["axis"] == {"description": "X axis: weight, from 0 to 1"}
    assert out["encoding"]["y"]["axis"] == {"description": "Y axis: 2 values"}  # counted in the data
    one = described(spec, data=pa.table({"label": ["a"]}))
    assert one["encoding"]["y"]["axis"] == {"description": "Y axis: 1 value"}
    # each layer's mark is named for a screen reader in the words given (Vega's are English)
    assert [u["mark"]["ariaRoleDescription"] for u in out["layer"]] == ["line across the chart", "line"]
    zh = described(spec, aria_text("zh"), data=data)
    assert [u["mark"]["ariaRoleDescription"] for u in zh["layer"]] == ["贯穿图表的线", "折线"]


def test_a_range_is_read_as_vega_draws_it():
    # Vega rounds a quantitative scale's domain out to ticks unless nice is false (d3's linear.nice)
    spec = {"mark": "bar", "encoding": {"x": quantity(title="share", scale={"domain": [0, 1.5]})}}
    assert described(spec)["encoding"]["x"]["axis"]["description"] == "X axis: share, from 0 to 1.6"
    spec["encoding"]["x"]["scale"]["nice"] = False
    assert described(spec)["encoding"]["x"]["axis"]["description"] == "X axis: share, from 0 to 1.5"
    signed = {"mark": "bar", "encoding": {"x": quantity(title="change", scale={"domain": [-0.012, 0.012]})}}
    signed["encoding"]["x"]["scale"]["nice"] = False
    signed["encoding"]["x"]["axis"] = {"format": "+.3f"}
    assert (
        described(signed)["encoding"]["x"]["axis"]["description"] == "X axis: change, from −0.012 to +0.012"
    )
    assert nice(0, 0.75) == (0.0, 0.8)
    assert nice(-0.013, 0.0121) == (-0.014, 0.014)


def test_a_legend_lists_the_names_its_scale_fixes_after_its_title():
    colour = {"field": "c", "type": "nominal", "scale": {"domain": ["● a\nlong name", "■ b"]}}
    out = described({"mark": "bar", "encoding": {"color": copy.deepcopy(colour)}})
    assert out["encoding"]["color"]["legend"]["description"] == "Legend: ● a long name, ■ b"
    colour["legend"] = {"title": "Clusters"}
    out = described({"mark": "bar", "encoding": {"color": colour}}, aria_text("zh"))
    assert out["encoding"]["color"]["legend"]["description"] == "图例（Clusters）：● a long name、■ b"
    plain = described({"mark": "bar", "encoding": {"color": {"field": "c", "type": "nominal"}}})
    assert plain["encoding"]["color"]["legend"]["description"] == "Legend"


def test_a_named_chart_takes_its_drawn_title_out_of_the_reading_order_and_the_input_stays():
    spec = {"title": "Shares", "mark": "bar", "encoding": {"x": quantity(title="share")}}
    before = copy.deepcopy(spec)
    assert described(spec, named=True)["title"] == {"text": "Shares", "aria": False}
    assert described(spec)["title"] == "Shares"
    assert spec == before


def test_the_words_are_translated():
    zh = aria_text("zh")
    assert set(zh) == set(ARIA_TEXT)
    assert aria_text("en") == ARIA_TEXT
    for key in ARIA_TEXT:
        if key not in ("axis_plain",):  # (the axis's own word only)
            assert zh[key] != ARIA_TEXT[key], key


def _real_charts(paper_model, ev, names):
    styles = cluster_styles(paper_model)
    table = ev.table()
    shares = table.groupby("cluster")["composite"].sum().to_dict()
    crit = paper_model.criteria[0].id
    top = table.index[:3].tolist()
    matrix = np.asarray(paper_model.comparisons[0].matrix, dtype=float)
    labels = [paper_model.label(e) for e in paper_model.comparisons[0].elements]
    return {
        "composite": vega_charts.composite_bar(table, styles, baseline=table["composite"]),
        "shares": vega_charts.cluster_shares_bar(shares, styles, baseline=shares),
        "priorities": vega_matrix.priorities_bar(labels, PairwiseMatrix(matrix, labels).priorities()),
        "heatmap": vega_matrix.matrix_heatmap(matrix, labels),
        "lines": sensitivity_lines.lines_chart(lines(ev, crit), names, paper_model.cluster_of, styles),
        "tornado": sensitivity_tornado.tornado_chart(tornado(ev, 0.1, top), names, {}, 0.1, factors=top),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_chart_of_the_app_stays_valid_and_describes_every_shown_axis(paper_model, ev, names, lang):
    for name, chart in _real_charts(paper_model, ev, names).items():
        before = copy.deepcopy(chart.spec)
        out = described(chart.spec, aria_text(lang), named=True, data=chart.data)
        assert chart.spec == before, name  # the builder's specification is shared: never written
        valid_vega_lite(vega_charts.VegaChart(spec=out, data=chart.data, title=chart.title))
        found = []
        for unit in [out, *out.get("layer", [])]:
            for channel, enc in unit.get("encoding", {}).items():
                guide = enc.get("axis" if channel in "xy" else "legend") if isinstance(enc, dict) else None
                if isinstance(guide, dict) and "description" in guide:
                    found.append(guide["description"])
        assert found, name
        if lang == "zh":
            assert all("axis" not in d and "Legend" not in d for d in found), (name, found)
