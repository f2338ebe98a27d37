"""SMAA in blocks (dashboard.smaa_run) against the engine, and its stop rules; the SMAA view builders and figures."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core import ANPError
from anp_core.montecarlo import monte_carlo
from anp_core.smaa import batch_competition_ranks, smaa
from dashboard import smaa_figures, smaa_run, smaa_view
from dashboard.palette import COLOURS


@pytest.fixture(scope="module")
def run(paper_model):
    return smaa_run.run_smaa(paper_model, 2 * smaa_run.BLOCK + 300, 7, spread=1.0, confidence_draws=200)


def test_counts_are_the_sum_of_the_engines_blocks(paper_model, run):
    seeds = smaa_run._seeds(7, 3)
    parts = [
        smaa(paper_model, draws=n, seed=s, spread=0.0) for n, s in zip([5000, 5000, 300], seeds, strict=True)
    ]
    np.testing.assert_array_equal(run.result.counts, sum(p.counts for p in parts))
    assert run.result.draws == 10_300
    assert run.stopped is None


def test_central_weights_are_the_mean_weights_where_a_factor_ranks_first(run):
    res = run.result
    ranks = batch_competition_ranks(res.weights @ res.limits.T, res.decimals)
    for i in range(len(res.node_ids)):
        sel = ranks[:, i] == 1
        if sel.any():
            np.testing.assert_allclose(res.central[i], res.weights[sel].mean(axis=0), rtol=1e-10)
        else:
            assert np.isnan(res.central[i]).all()
            assert np.isnan(res.confidence_values[i])


def test_confidence_factors_follow_the_engines_definition(paper_model, run):
    res = run.result
    i = int(np.nanargmax(res.counts[:, 0]))
    weights = {c: float(x) for c, x in zip(res.criteria, res.central[i], strict=True) if x > 0}
    mc = monte_carlo(paper_model, 200, 1.0, seed=7, criterion_weights=weights)
    expected = np.mean(batch_competition_ranks(mc.composite, 3)[:, i] == 1)
    assert res.confidence_values[i] == pytest.approx(expected)


def test_the_same_seed_gives_the_same_run(paper_model):
    a = smaa_run.run_smaa(paper_model, 3000, 1, spread=0.0)
    b = smaa_run.run_smaa(paper_model, 3000, 1, spread=0.0)
    np.testing.assert_array_equal(a.result.counts, b.result.counts)
    # spread 0: the confidence factor is the exact indicator (1 at a factor's own central weights)
    assert set(np.unique(a.result.confidence_values[~np.isnan(a.result.confidence_values)])) <= {0.0, 1.0}


def test_cancel_stops_after_a_block_and_keeps_the_draws(paper_model):
    calls = []
    seen = []
    out = smaa_run.run_smaa(
        paper_model,
        50_000,
        0,
        spread=1.0,
        progress=seen.append,
        should_stop=lambda: calls.append(1) or len(calls) >= 2,
    )
    assert out.stopped == "cancelled"
    assert out.phase == "draws"
    assert out.result.draws == 2 * smaa_run.BLOCK
    assert out.requested == 50_000
    assert np.isnan(out.result.confidence_values).all()
    assert seen == sorted(seen)
    assert 0 < seen[-1] < 1


def test_the_time_budget_stops_the_run(paper_model):
    out = smaa_run.run_smaa(paper_model, 50_000, 0, time_budget=0.0)
    assert out.stopped == "budget"
    assert out.result.draws == smaa_run.BLOCK


def test_impossible_constraints_are_refused_by_the_engine(paper_model):
    with pytest.raises(ANPError, match="no admissible weights"):
        smaa_run.run_smaa(paper_model, 100, 0, {"intervals": {"policy": [0.8, 0.9], "economic": [0.5, 0.6]}})
    with pytest.raises(ANPError, match="spread"):
        smaa_run.run_smaa(paper_model, 100, 0, spread=-1)


def test_constraints_from_the_inputs(paper_model):
    crit = list(paper_model.control_criteria)
    assert smaa_view.constraints_from("none", crit, {}, crit) is None
    assert smaa_view.constraints_from("order", ["economic", "policy", "atlantis"], {}, crit) == {
        "order": ["economic", "policy"]
    }
    with pytest.raises(ANPError, match="at least two"):
        smaa_view.constraints_from("order", ["economic"], {}, crit)
    ivs = {"policy": (0.3, 0.6), "economic": (0.0, 1.0)}
    assert smaa_view.constraints_from("intervals", [], ivs, crit) == {"intervals": {"policy": [0.3, 0.6]}}
    ordered = smaa_run.run_smaa(paper_model, 2000, 0, {"order": crit}, spread=0.0).result
    w = ordered.weights
    assert (np.diff(w, axis=1) <= 1e-12).all()  # policy >= economic >= ... in every draw
    assert "≥" in smaa_view.sampling_text(ordered, {c: c for c in crit})


def test_tables_are_ordered_by_holistic_acceptability(paper_model, run):
    names = {n: paper_model.label(n) for n in paper_model.node_ids}
    res = run.result
    s = smaa_view.summary_table(res, names)
    assert list(s.columns) == ["Factor", "Rank (model weights)", "First", "Top 3", "Holistic", "Confidence"]
    assert s["Holistic"].is_monotonic_decreasing
    np.testing.assert_allclose(s["First"].to_numpy(), res.acceptability.loc[s.index, 1].to_numpy())
    acc = smaa_view.acceptability_table(res, names, 10)
    assert acc.shape == (10, 11)
    assert acc.iloc[0, 0] == s.iloc[0]["Factor"]
    full = smaa_view.acceptability_table(res, names)
    np.testing.assert_allclose(full.iloc[:, 1:].sum(axis=1).to_numpy(), 1.0)
    central = smaa_view.central_table(res, names, {c: c for c in res.criteria})
    assert central["First"].is_monotonic_decreasing
    np.testing.assert_allclose(central[list(res.criteria)].sum(axis=1).to_numpy(), 1.0)


def test_figures(paper_model, run):
    names = {n: paper_model.label(n) for n in paper_model.node_ids}
    res = run.result
    table = smaa_view.acceptability_table(res, names, smaa_figures.HEATMAP_LIMIT)
    (hm,) = smaa_figures.acceptability_heatmap(table, len(res.node_ids)).data
    np.testing.assert_allclose(np.asarray(hm.z), table.iloc[:, 1:].to_numpy())
    fig = smaa_figures.central_weights_chart(res, names, {c: c for c in res.criteria})
    assert [t.name for t in fig.data] == list(res.criteria)
    assert len({t.marker.symbol for t in fig.data}) == len(
        res.criteria
    )  # a symbol per criterion, not colour alone
    assert {t.marker.color for t in fig.data} <= set(COLOURS)
    bars = smaa_figures.confidence_chart(res, names)
    assert [t.marker.pattern.shape for t in bars.data] == ["", "/"]
    assert fig.layout.xaxis.tickfont.color == "#595959"  # AA text (palette.apply_plot_text)
