"""What-if figure builders (dashboard.whatif_figures), their table helpers (dashboard.scenario_ui)
and the URL parsing (dashboard.url_state.parse / encode), tested without Streamlit running."""

from __future__ import annotations

import doctest
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hypothesis import given
from hypothesis import strategies as st
from plotly.subplots import make_subplots

from anp_core import ANPError, evaluate
from anp_core.montecarlo import monte_carlo
from anp_core.scenarios import compare, load_scenarios
from anp_core.sensitivity import crossings, lines, top_change_thresholds, tornado
from dashboard import scenario_ui, url_state, whatif_figures
from dashboard.figures import cluster_colors

CRITERIA = ["policy", "economic", "political", "technological", "socio_cultural"]


@pytest.fixture(scope="module")
def ev(paper_model):
    return evaluate(paper_model)


@pytest.fixture(scope="module")
def names(paper_model):
    return {f: paper_model.label(f) for f in paper_model.node_ids}


@pytest.fixture(scope="module")
def compared(paper_model):
    scenarios = load_scenarios("data/scenarios")[:3]
    return compare(paper_model, scenarios), {s.id: s.name for s in scenarios}


@pytest.fixture(scope="module")
def mc(paper_model):
    return monte_carlo(paper_model, draws=300, spread=1.0, seed=1)


# ----- sensitivity figure -----


def test_sensitivity_figure_draws_every_factor_the_current_weight_and_the_crossings(paper_model, ev, names):
    ln = lines(ev, "political")
    cross = crossings(ev, "political")
    fig = whatif_figures.sensitivity_figure(
        ln,
        names,
        paper_model.cluster_of,
        cluster_colors(paper_model),
        crossings=cross,
        criterion_label="political",
        highlight=["government_regulation"],
    )
    assert isinstance(fig, go.Figure)
    factor_traces = [t for t in fig.data if t.name != "Crossings"]
    assert len(factor_traces) == 20
    assert {t.name for t in factor_traces} == set(names.values())
    gr = next(t for t in factor_traces if t.name == "Government regulation")
    np.testing.assert_allclose(gr.y, ln.at(np.asarray(gr.x))[:, 0])
    assert gr.line.color == cluster_colors(paper_model)["credit_risk"]
    assert gr.line.width > next(t for t in factor_traces if t.name == "Insurance protection").line.width
    (marks,) = [t for t in fig.data if t.name == "Crossings"]
    np.testing.assert_allclose(marks.x, [c.t for c in cross])
    np.testing.assert_allclose(marks.y, [c.value for c in cross])
    assert marks.hovertext[0] == cross[0].sentence(names, "political")
    (vline,) = fig.layout.shapes
    assert vline.x0 == vline.x1 == pytest.approx(0.181)
    assert "political weight" in fig.layout.title.text
    assert list(fig.layout.xaxis.range) == [0, 1]


def test_sensitivity_figure_legend_groups_by_cluster(paper_model, ev, names):
    fig = whatif_figures.sensitivity_figure(
        lines(ev, "economic"),
        names,
        paper_model.cluster_of,
        cluster_colors(paper_model),
        cluster_names={c.id: c.name for c in paper_model.clusters},
    )
    titles = [t.legendgrouptitle.text for t in fig.data if t.legendgrouptitle and t.legendgrouptitle.text]
    assert sorted(titles) == sorted(c.name for c in paper_model.clusters)
    assert not [t for t in fig.data if t.name == "Crossings"]


# ----- tornado -----


def test_tornado_figure_has_a_panel_per_factor_and_bars_relative_to_the_base(ev, names):
    top = ["government_regulation", "comprehensive_service_platform", "electronic_payment"]
    table = tornado(ev, 0.1, top)
    crit = {c: c.title() for c in CRITERIA}
    fig = whatif_figures.tornado_figure(table, names, crit, 0.1, factors=top)
    assert len(fig.data) == 2 * len(top)
    assert [a.text.split(" (")[0] for a in fig.layout.annotations] == [names[f] for f in top]
    low, high = fig.data[0], fig.data[1]
    sub = table[table["factor"] == top[0]].set_index("criterion")
    for y, x_low, x_high in zip(low.y, low.x, high.x, strict=True):
        c = next(k for k, v in crit.items() if v == y)
        assert x_low == pytest.approx(sub.loc[c, "low"] - sub.loc[c, "base"])
        assert x_high == pytest.approx(sub.loc[c, "high"] - sub.loc[c, "base"])
    swings = np.abs(np.asarray(high.x) - np.asarray(low.x))
    assert list(swings) == sorted(swings), "largest swing on top (last on a category axis)"
    assert "±0.1" in fig.layout.title.text


# ----- the Sensitivity figures are built unvalidated: check they are what plotly would build -----


def as_json(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("criterion", CRITERIA)
def test_sensitivity_figure_is_valid_and_unchanged_by_validation(paper_model, ev, names, criterion):
    """The builder skips plotly's validation for speed: validating its output must change nothing."""
    fig = whatif_figures.sensitivity_figure(
        lines(ev, criterion),
        names,
        paper_model.cluster_of,
        cluster_colors(paper_model),
        crossings=crossings(ev, criterion),
        criterion_label=criterion,
        cluster_names={c.id: c.name for c in paper_model.clusters},
        highlight=["government_regulation", "electronic_payment"],
    )
    validated = go.Figure(fig.to_dict())  # raises ValueError on any invalid property
    assert as_json(fig) == as_json(validated)


@pytest.mark.parametrize("n", [1, 2, 5, 10])
@pytest.mark.parametrize("delta", [0.01, 0.3])
def test_tornado_figure_is_valid_and_unchanged_by_validation(ev, names, n, delta):
    top = list(ev.composite.sort_values(ascending=False, kind="stable").index[:n])
    fig = whatif_figures.tornado_figure(
        tornado(ev, delta, top), names, {c: c.title() for c in CRITERIA}, delta, factors=top
    )
    assert len(fig.data) == 2 * n
    assert as_json(fig) == as_json(go.Figure(fig.to_dict()))


def test_sensitivity_figures_carry_the_plotly_white_template_itself(paper_model, ev, names):
    # unvalidated, a template *name* would reach plotly.js as a string it ignores
    white = json.loads(json.dumps(pio.templates["plotly_white"].to_plotly_json()))
    top = ["government_regulation"]
    built = [
        whatif_figures.sensitivity_figure(lines(ev, "policy"), names, paper_model.cluster_of, {}),
        whatif_figures.tornado_figure(tornado(ev, 0.1, top), names, {}, 0.1, factors=top),
    ]
    for fig in built:
        assert as_json(fig)["layout"]["template"] == white


def test_current_weight_marker_is_what_add_vline_draws(paper_model, ev, names):
    ln = lines(ev, "political")
    fig = whatif_figures.sensitivity_figure(ln, names, paper_model.cluster_of, {})
    ref = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    ref.add_vline(
        x=ln.current,
        line={"color": "#d62728", "width": 2, "dash": "dash"},
        annotation={"text": f"current {ln.current:.3f}", "font": {"color": "#d62728"}},
        annotation_position="top right",
    )
    layout, expected = as_json(fig)["layout"], as_json(ref)["layout"]
    assert layout["shapes"] == expected["shapes"]
    assert layout["annotations"] == expected["annotations"]


@pytest.mark.parametrize("rows", range(1, 11))
def test_subplot_grid_is_the_make_subplots_layout(rows):
    titles = [f"panel {r}" for r in range(rows)]
    spacing = 0.25 / rows
    expected = make_subplots(
        rows=rows, cols=1, shared_xaxes=True, subplot_titles=titles, vertical_spacing=spacing
    )
    layout = expected.layout.to_plotly_json()
    layout.pop("template")
    assert whatif_figures.subplot_grid(rows, titles, spacing) == json.loads(json.dumps(layout))


def test_subplot_grid_returns_fresh_copies_and_checks_the_titles():
    a = whatif_figures.subplot_grid(2, ["a", "b"], 0.1)
    a["xaxis"]["title"] = {"text": "changed"}
    a["annotations"][0]["text"] = "changed"
    b = whatif_figures.subplot_grid(2, ["a", "b"], 0.1)
    assert "title" not in b["xaxis"]
    assert [x["text"] for x in b["annotations"]] == ["a", "b"]
    with pytest.raises(ValueError, match="2 rows but 1 titles"):
        whatif_figures.subplot_grid(2, ["a"], 0.1)


# ----- Monte Carlo figures -----


def test_rank_boxplot_uses_quantiles_of_the_draws(mc, names):
    fig = whatif_figures.rank_boxplot(mc.ranks, mc.factor_ids, names, mc.base_ranks)
    box, base = fig.data
    assert len(box.y) == 20
    gr = list(box.y).index("Government regulation")
    i = list(mc.factor_ids).index("government_regulation")
    assert box.median[gr] == pytest.approx(np.median(mc.ranks[:, i]))
    assert box.lowerfence[gr] == pytest.approx(np.quantile(mc.ranks[:, i], 0.05))
    assert box.upperfence[gr] == pytest.approx(np.quantile(mc.ranks[:, i], 0.95))
    assert list(box.y)[-1] == "Government regulation"  # best rank drawn on top
    assert base.x[gr] == 1


def test_rank_heatmap_is_the_rank_distribution(mc, names):
    base = pd.Series(mc.base_ranks, index=list(mc.factor_ids))
    fig = whatif_figures.rank_heatmap(mc.rank_distribution, names, base)
    (hm,) = fig.data
    z = np.asarray(hm.z)
    assert z.shape == (20, 20)
    np.testing.assert_allclose(z.sum(axis=1), 1.0)
    assert hm.y[0] == "Government regulation"
    np.testing.assert_allclose(z[0], mc.rank_distribution.loc["government_regulation"].to_numpy())
    assert list(hm.x) == list(range(1, 21))
    assert all(t == "" or t.endswith("%") for t in np.asarray(hm.text).ravel())


# ----- scenario figures -----


def test_scenario_bars_group_the_composite_weights(compared, names):
    df, snames = compared
    fig = whatif_figures.scenario_bars(df, snames, names)
    # added last-first so the first scenario's bar tops each group; the legend reads first-first
    assert [t.name for t in fig.data] == list(snames.values())[::-1]
    assert fig.layout.legend.traceorder == "reversed"
    assert fig.layout.barmode == "group"
    first = fig.data[-1]
    assert first.y[-1] == "Government regulation"  # largest first scenario weight on top
    np.testing.assert_allclose(sorted(first.x), first.x)
    (tariff,) = [t for t in fig.data if t.name == snames["tariff_escalation"]]
    k = list(tariff.y).index("Product & brand")
    assert tariff.x[k] == pytest.approx(df.loc["product_brand", ("tariff_escalation", "composite")])


def test_rank_bump_has_a_line_per_factor_with_the_ranks(paper_model, compared, names):
    df, snames = compared
    fig = whatif_figures.rank_bump(df, snames, names, paper_model.cluster_of, cluster_colors(paper_model))
    assert len(fig.data) == 20
    assert list(fig.data[0].x) == list(snames.values())
    for t in fig.data:
        f = next(k for k, v in names.items() if v == t.name)
        assert list(t.customdata) == [int(df.loc[f, (s, "rank")]) for s in snames]
        moves = len(set(t.customdata)) > 1
        assert (t.line.color == "#b0b0b0") != moves
    # places are distinct per scenario even where ranks tie (no overlapping labels)
    for k in range(len(snames)):
        assert sorted(t.y[k] for t in fig.data) == list(range(1, 21))
    assert list(fig.layout.yaxis.range) == [20.5, 0.5]


# ----- table helpers -----


def test_short_criterion_names():
    assert scenario_ui.short_criterion_name("Socio-cultural environment") == "socio-cultural"
    assert scenario_ui.short_criterion_name("Policy environment") == "policy"
    assert scenario_ui.short_criterion_name("Environment") == "environment"


def test_crossing_table_sentences_and_moves(ev, names):
    cross = crossings(ev, "economic")
    table = scenario_ui.crossing_table(cross, names, "economic", 0.242, ["government_regulation"])
    assert len(table) == len(cross) == 52  # exact count; the two ties at weight 1 are not crossings
    assert list(table["What happens"]) == [c.sentence(names, "economic") for c in cross]
    np.testing.assert_allclose(table["Move"], table["Weight"] - 0.242)
    gr_rows = table[
        (table["Rises above"] == "Government regulation") | (table["Falls below"] == "Government regulation")
    ]
    assert gr_rows["Top factor involved"].all()
    assert table["Top factor involved"].sum() == len(gr_rows)


def test_threshold_table_picks_the_nearer_change(ev):
    frames = pd.concat([top_change_thresholds(ev, c) for c in CRITERIA], ignore_index=True)
    t = scenario_ui.threshold_table(frames, {c: c for c in CRITERIA})
    assert list(t.index) == CRITERIA
    assert list(t.columns) == ["Current weight"] + [
        f"Top {k}: {x}" for k in (1, 3, 5) for x in ("move", "at")
    ]
    for _, r in frames.iterrows():
        row = t.loc[r["criterion"]]
        move, at = row[f"Top {r['top']}: move"], row[f"Top {r['top']}: at"]
        assert abs(move) == pytest.approx(r["smallest_change"])
        assert at == pytest.approx(r["current"] + move)
    assert t.loc["political", "Top 1: at"] == pytest.approx(0.1021, abs=5e-5)


def test_slugify_and_user_scenarios():
    assert scenario_ui.slugify("Tariffs at 145 %!") == "tariffs_at_145"
    assert scenario_ui.slugify("", ["scenario"]) == "scenario_2"
    assert scenario_ui.slugify("Ünïcode only ß") == "n_code_only"
    sc = scenario_ui.scenario_from_weights(
        "  My   case ", {"policy": 2.0, "economic": 2.0, "political": 0.0}, ["my_case"]
    )
    assert sc.id == "my_case_2"
    assert sc.name == "My case"
    assert sc.criterion_weights == {"policy": 0.5, "economic": 0.5}
    assert sc.illustrative
    with pytest.raises(ANPError, match="name"):
        scenario_ui.scenario_from_weights("   ", {"policy": 1.0})
    with pytest.raises(ANPError, match="sum to 0"):
        scenario_ui.scenario_from_weights("x", {"policy": 0.0})


def test_recommendation_links(paper_model, ev, names):
    recs = scenario_ui.load_recommendations()
    links = scenario_ui.recommendation_links(
        recs, ev.composite, ev.ranks, names, top_k=5, baseline=ev.composite
    )
    assert list(links["Section"]) == ["4.2.1", "4.2.2", "4.2.3", "4.2.4"]
    row = links.set_index("Section").loc["4.2.1"]
    assert row["Top factors"].startswith("Government regulation (#1)")
    ids = [f["id"] for f in recs[0]["factors"]]
    assert row["Weight share"] == pytest.approx(ev.composite[ids].sum())
    assert (links["Change"] == 0).all()
    # every top-5 factor is counted once at most per recommendation
    assert links["Top count"].max() <= 5
    political = evaluate(paper_model, {"political": 1.0})
    moved = scenario_ui.recommendation_links(
        recs, political.composite, political.ranks, names, baseline=ev.composite
    )
    assert (
        moved.set_index("Section").loc["4.2.3", "Change"] > 0
    )  # marketing gains under the political criterion


def test_rank_change_tables(compared, names):
    df, snames = compared
    num = scenario_ui.rank_change_table(df, snames, names)
    assert num.index[0] == "government_regulation"
    first, second = list(snames.values())[:2]
    assert (num[f"{second}: change"] == num[f"{first}: rank"] - num[f"{second}: rank"]).all()
    disp = scenario_ui.rank_change_display(df, snames, names)
    assert list(disp.columns) == ["Factor", *snames.values()]
    for f in num.index:
        r, c = num.loc[f, f"{second}: rank"], num.loc[f, f"{second}: change"]
        assert disp.loc[f, second] == f"{r} " + ("–" if c == 0 else (f"▲{c}" if c > 0 else f"▼{-c}"))


# ----- URL parsing (pure) -----


@given(
    st.lists(
        st.floats(0.0, 1.0, allow_nan=False).filter(lambda x: x == 0 or x >= 1e-6), min_size=5, max_size=5
    ).filter(lambda w: sum(w) > 0)
)
def test_encode_then_parse_round_trips(w):
    weights = dict(zip(CRITERIA, w, strict=True))
    parsed = url_state.parse(url_state.encode(weights, "Mine"), CRITERIA)
    assert not parsed.problems
    assert parsed.scenario == "Mine"
    assert parsed.weights == pytest.approx(weights, abs=5e-7)


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"w_policy": "abc"}, "not a number"),
        ({"w_policy": ""}, "not a number"),
        ({"w_policy": "inf"}, "not a finite number"),
        ({"w_policy": "-0.1"}, "negative"),
        ({"w_policy": "1.5"}, "above 1"),
        ({"w_policy": "0", "w_economic": "0.0"}, "every weight is 0"),
        ({"w_Policy": "0.5"}, "unknown criterion 'Policy'"),
        ({"w_": "0.5"}, "unknown criterion ''"),
        ({"w_policy": ["0.5", "0.5"]}, "given 2 times"),
    ],
)
def test_parse_rejects_malformed_weights(params, problem):
    parsed = url_state.parse(params, CRITERIA)
    assert parsed.weights is None
    assert any(problem in p for p in parsed.problems), parsed.problems


def test_parse_ignores_other_parameters_and_cleans_the_name():
    parsed = url_state.parse({"page": "2", "scenario": "  a\x00b " + "x" * 200}, CRITERIA)
    assert parsed.weights is None
    assert not parsed.problems
    assert parsed.scenario.startswith("a b")
    assert len(parsed.scenario) <= 80


def test_encode_drops_zero_weights_and_rounds():
    q = url_state.encode({"policy": 1 / 3, "economic": 2 / 3, "political": 0.0, "technological": 1e-9})
    assert q == {"w_policy": "0.333333", "w_economic": "0.666667"}


@pytest.mark.parametrize("module", [url_state, scenario_ui, whatif_figures], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    # dashboard/ is outside pytest's doctest paths, so its examples are run here
    result = doctest.testmod(module)
    assert result.failed == 0
