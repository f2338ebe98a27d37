"""Vega-Lite builders of the Weights page (dashboard/vega_charts.py) on real evaluations."""

from __future__ import annotations

import json
import textwrap

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anp_core import evaluate
from dashboard import palette, vega_charts
from dashboard.figures import cluster_styles
from dashboard.weights_ui import cluster_shares
from tests.support.dashboard_models import long_names_model
from tests.support.vega import valid_vega_lite


@pytest.fixture(scope="module")
def ev(paper_model):
    return evaluate(paper_model)


@pytest.fixture(scope="module")
def cnames(paper_model):
    return {c.id: c.name for c in paper_model.clusters}


def _layer(chart, mark):
    return next(layer for layer in chart.spec["layer"] if layer["mark"]["type"] == mark)


def test_composite_bar_has_every_factor_largest_first_in_its_clusters_colour_and_glyph(ev, cnames):
    styles = cluster_styles(ev.model)
    chart = vega_charts.composite_bar(ev.table(), styles, cluster_names=cnames, baseline=ev.composite)
    data = chart.data.to_pandas()
    assert len(data) == 20
    expected = ev.composite.sort_values(ascending=False, kind="stable")
    assert data["factor"].tolist() == [ev.model.label(f) for f in expected.index]
    np.testing.assert_allclose(data["composite"], expected.to_numpy(), rtol=0, atol=1e-15)
    assert data["order"].tolist() == list(range(20))  # the y axis sorts by it: largest on top
    assert _layer(chart, "bar")["encoding"]["x"]["field"] == "composite"
    assert chart.spec["encoding"]["y"]["sort"] == {"field": "order", "op": "min"}
    # each label ends with its cluster's glyph, and the colour scale maps the cluster to its colour
    scale = _layer(chart, "bar")["encoding"]["color"]["scale"]
    colour_of = dict(zip(scale["domain"], scale["range"], strict=True))
    for fid, label, cluster in zip(expected.index, data["label"], data["cluster"], strict=True):
        style = styles[ev.model.cluster_of[fid]]
        assert label.endswith(style.glyph)
        assert cluster == f"{style.glyph} {cnames[ev.model.cluster_of[fid]]}"
        assert colour_of[cluster] == style.colour
    # the baseline is drawn as ticks at the given weights
    assert _layer(chart, "tick")["encoding"]["x"]["field"] == "baseline"
    np.testing.assert_allclose(data["baseline"], expected.to_numpy(), rtol=0, atol=1e-15)


def test_composite_bar_follows_new_weights(ev, cnames):
    ev2 = ev.reweighted({"political": 1.0})
    chart = vega_charts.composite_bar(ev2.table(), cluster_styles(ev.model), cluster_names=cnames)
    assert (
        chart.data.to_pandas()["factor"].iloc[2] == "Product & brand"
    )  # 5th in the paper, 3rd under political alone
    assert "tick" not in [layer["mark"]["type"] for layer in chart.spec["layer"]]  # no baseline given


def test_composite_bar_notes_sit_beside_their_bars_only(ev):
    styles = cluster_styles(ev.model)
    notes = {"government_regulation": "Policy coordination", "not_a_node": "x"}
    chart = vega_charts.composite_bar(ev.table(), styles, notes=notes, notes_name="Named in a difficulty")
    noted = chart.data.to_pandas()[chart.data.to_pandas()["note"].notna()]
    assert noted["factor"].tolist() == ["Government regulation"]
    assert noted["note"].tolist() == ["◀ Policy coordination"]
    assert float(noted["note_x"].iloc[0]) > ev.composite["government_regulation"]
    assert chart.spec["title"]["subtitle"] == "◀ Named in a difficulty"
    right = _layer(chart, "bar")["encoding"]["x"]["scale"]["domain"][1]
    assert right > float(noted["note_x"].iloc[0])
    plain = vega_charts.composite_bar(ev.table(), styles)
    assert "text" not in [layer["mark"]["type"] for layer in plain.spec["layer"]]
    assert "subtitle" not in plain.spec["title"]


def test_a_small_move_changes_the_data_only_and_the_axis_fits_every_bar(paper_model):
    """A slider move of 0.01 leaves the specification as it was: the browser gets new data only."""
    styles = cluster_styles(paper_model)
    base = evaluate(paper_model).composite
    charts = []
    for political in (0.30, 0.31):
        weights = dict.fromkeys(paper_model.control_criteria, (1 - political) / 4)
        weights["political"] = political
        chart = vega_charts.composite_bar(evaluate(paper_model, weights).table(), styles, baseline=base)
        lo, hi = _layer(chart, "bar")["encoding"]["x"]["scale"]["domain"]
        assert lo == 0
        assert hi >= 1.15 * chart.data.to_pandas()["composite"].max()
        charts.append(chart)
    assert json.dumps(charts[0].spec) == json.dumps(charts[1].spec)
    assert not charts[0].data.to_pandas().equals(charts[1].data.to_pandas())


def test_long_and_repeated_names_wrap_whole_and_stay_apart():
    model = long_names_model()
    ev = evaluate(model)
    chart = vega_charts.composite_bar(ev.table(), cluster_styles(model))
    for name, label in zip(chart.data.to_pandas()["factor"], chart.data.to_pandas()["label"], strict=True):
        assert label.replace("\n", " ").startswith(name)  # wrapped, never cut
        assert max(len(line) for line in label.split("\n")) <= 42
    # whole unless the chart is narrow: then at most half its container (the bars need the rest)
    assert chart.spec["encoding"]["y"]["axis"]["labelLimit"] == {"expr": vega_charts.LABEL_LIMIT}
    for cluster in chart.data.to_pandas()["cluster"]:  # the legend's entries wrap as well
        assert max(len(line) for line in cluster.split("\n")) <= 42
    legend = _layer(chart, "bar")["encoding"]["color"]["legend"]
    assert legend["labelExpr"] == chart.spec["encoding"]["y"]["axis"]["labelExpr"]
    lines = max(label.count("\n") + 1 for label in chart.data.to_pandas()["label"])
    assert chart.spec["height"]["step"] >= 15 * lines
    # two factors of the same name stay two bars (the y axis is keyed by the label)
    table = ev.table().copy()
    table["name"] = table["name"].iloc[0]
    twins = vega_charts.composite_bar(table, cluster_styles(model))
    assert twins.data.to_pandas()["label"].nunique() == len(table)
    assert {label.rstrip("\u200b").split(" ")[0] for label in twins.data.to_pandas()["label"]} == {
        table["name"].iloc[0].split(" ")[0]
    }


def test_cluster_shares_bar_keeps_the_models_order_values_and_baseline(ev, cnames):
    styles = cluster_styles(ev.model)
    shares = cluster_shares(ev.reweighted({"political": 1.0}).table())
    base = cluster_shares(ev.table())
    chart = vega_charts.cluster_shares_bar(shares, styles, cluster_names=cnames, baseline=base)
    data = chart.data.to_pandas()
    assert data["cluster"].tolist() == [cnames[c] for c in shares]
    assert data["label"].tolist() == [f"{styles[c].glyph} {cnames[c]}" for c in shares]
    assert sum(data["share"]) == pytest.approx(1.0)
    np.testing.assert_allclose(data["baseline"], [base[c] for c in shares])
    assert data["value"].tolist() == [f"{shares[c]:.3f}" for c in shares]
    scale = _layer(chart, "bar")["encoding"]["color"]["scale"]
    assert scale["range"] == [styles[c].colour for c in shares]
    assert _layer(chart, "bar")["encoding"]["x"]["scale"]["domain"][1] > float(data["value_x"].max())


def test_chart_text_is_drawn_at_aa_contrast():
    """Axis, legend and title text in PLOT_TEXT on white, whatever Streamlit's theme says (issue 15)."""
    config = vega_charts.CONFIG
    for part, key in (
        ("axis", "labelColor"),
        ("axis", "titleColor"),
        ("legend", "labelColor"),
        ("title", "color"),
    ):
        assert config[part][key] == palette.PLOT_TEXT
    assert palette.contrast_ratio(palette.PLOT_TEXT, palette.PLOT_BACKGROUND) >= 4.5


@given(st.text(max_size=60), st.integers(min_value=1, max_value=50))
def test_wrap_label_is_textwrap_joined_by_newlines(text, width):
    # its shortcut for a short single line must give what textwrap gives
    assert vega_charts.wrap_label(text, width) == "\n".join(textwrap.wrap(text, width) or [text])


@pytest.mark.parametrize("with_extras", [False, True])
def test_the_weights_charts_are_valid_vega_lite(ev, cnames, with_extras):
    """Vega-Lite drops a property it does not know without a word: check each spec against its schema."""
    styles = cluster_styles(ev.model)
    first = ev.composite.index[0]
    extras = (
        {"baseline": ev.composite, "notes": {first: "note"}, "notes_name": "notes"} if with_extras else {}
    )
    valid_vega_lite(vega_charts.composite_bar(ev.table(), styles, cluster_names=cnames, **extras))
    shares = cluster_shares(ev.table())
    valid_vega_lite(
        vega_charts.cluster_shares_bar(
            shares, styles, cluster_names=cnames, baseline=shares if with_extras else None
        )
    )


def test_a_screen_reader_hears_each_bar_as_one_sentence_and_skips_the_marks_beside_it(ev):
    table = ev.table()
    styles = cluster_styles(ev.model)
    base = table["composite"] * 0 + 0.05
    chart = vega_charts.composite_bar(table, styles, baseline=base, notes={table.index[0]: "named"})
    first = table.sort_values("composite", ascending=False).iloc[0]
    assert (
        chart.data["said"][0].as_py() == f"{first['name']}, rank 1: {first['composite']:.4f}; baseline 0.0500"
    )
    layers = chart.spec["layer"]
    assert layers[0]["encoding"]["description"] == {"field": "said"}
    assert [layer["mark"].get("aria") for layer in layers[1:]] == [False, False]  # ticks, notes
    zh = vega_charts.composite_bar(table, styles, text={"said": "{factor}，第 {rank} 名：{value}"})
    assert zh.data["said"][0].as_py() == f"{first['name']}，第 1 名：{first['composite']:.4f}"  # no baseline
    shares = vega_charts.cluster_shares_bar({"a": 0.25, "b": 0.75}, {}, baseline={"a": 0.5})
    assert shares.data["said"].to_pylist() == ["a: 0.2500; baseline 0.5000", "b: 0.7500"]
    assert [layer["mark"].get("aria") for layer in shares.spec["layer"]] == [None, False, False]
