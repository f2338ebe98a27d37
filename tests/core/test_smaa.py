"""SMAA-2 over criterion weights, against a brute-force loop over draws."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anp_core import competition_ranks, evaluate, load_model
from anp_core.cli import main
from anp_core.errors import ANPError
from anp_core.smaa import batch_competition_ranks, smaa
from tests.conftest import MODEL_PATH


def small_model():
    """Three criteria, two clusters with feedback (nodes of each compared w.r.t. the other's)."""
    rng = np.random.default_rng(11)
    clusters = {"x": ["x1", "x2", "x3"], "y": ["y1", "y2"]}
    comparisons = []
    for crit in ("c1", "c2", "c3"):
        for wrt_cluster, target in (("x", "y"), ("y", "x"), ("x", "x")):
            for wrt in clusters[wrt_cluster]:
                w = rng.uniform(0.2, 3.0, len(clusters[target]))
                comparisons.append(
                    {
                        "criterion": crit,
                        "kind": "nodes",
                        "wrt": wrt,
                        "cluster": target,
                        "elements": clusters[target],
                        "matrix": np.outer(w, 1 / w).tolist(),
                    }
                )
    raw = {
        "schema_version": 1,
        "id": "smaa_small",
        "name": "SMAA test network",
        "criteria": [{"id": c, "name": c.upper()} for c in ("c1", "c2", "c3")],
        "criteria_comparison": {
            "elements": ["c1", "c2", "c3"],
            "matrix": [[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]],
        },
        "clusters": [
            {"id": c, "name": c, "nodes": [{"id": n, "name": n} for n in ns]} for c, ns in clusters.items()
        ],
        "comparisons": comparisons,
    }
    return load_model(raw)


def brute_force(model, weights, decimals=3):
    """An independent loop: one full evaluate() per weight draw."""
    ids = model.ranked_node_ids
    n = len(ids)
    counts = np.zeros((n, n))
    first_sum = np.zeros((n, weights.shape[1]))
    first_n = np.zeros(n)
    criteria = model.control_criteria
    for w in weights:
        ev = evaluate(model, dict(zip(criteria, w.tolist(), strict=True)))
        ranks = competition_ranks(ev.composite_values, decimals)
        for i in range(n):
            counts[i, ranks[i] - 1] += 1
            if ranks[i] == 1:
                first_sum[i] += w
                first_n[i] += 1
    with np.errstate(invalid="ignore"):
        central = first_sum / first_n[:, None]
    return counts / len(weights), central


@pytest.mark.parametrize(
    "constraints",
    [None, {"order": ["c3", "c1"]}, {"intervals": {"c2": [0.2, 0.5]}}, {"intervals": {"c1": [0.3, 0.32]}}],
)
def test_matches_a_brute_force_loop_on_a_small_model(constraints):
    model = small_model()
    r = smaa(model, draws=600, seed=5, constraints=constraints, spread=0)
    acc, central = brute_force(model, r.weights)
    # one draw may fall on the other side of a 3-decimal rounding boundary, no more
    np.testing.assert_allclose(r.acceptability.to_numpy(), acc, atol=1.5 / 600)
    np.testing.assert_allclose(r.central_weights.to_numpy(), central, atol=1e-2, equal_nan=True)
    assert list(r.acceptability.index) == list(model.ranked_node_ids)
    assert list(r.acceptability.columns) == list(range(1, 6))


def test_acceptability_rows_sum_to_one_and_ties_share_the_better_rank(paper_model):
    r = smaa(paper_model, draws=3000, seed=1, spread=0)
    acc = r.acceptability
    np.testing.assert_allclose(acc.sum(axis=1), 1.0)
    # ties at 3 decimals: rank columns need not sum to 1, but never exceed the node count
    assert (acc.sum(axis=0) <= len(acc)).all()
    assert r.top_acceptability(3).between(0, 1).all()
    assert r.holistic.between(0, 1).all()
    assert r.draws == 3000


def test_central_weights_are_admissible_and_win(paper_model):
    cons = {"order": ["policy", "economic"], "intervals": {"political": [0.1, 0.3]}}
    r = smaa(paper_model, draws=5000, seed=2, constraints=cons, spread=0)
    central = r.central_weights.dropna()
    assert len(central) >= 1
    np.testing.assert_allclose(central.sum(axis=1), 1.0)
    assert r.constraints.contains(central.to_numpy(), tol=1e-9).all()
    # the favourable weights are convex, so a node ranks first at its own central weights
    for node in central.index:
        ev = evaluate(paper_model, central.loc[node].to_dict())
        assert ev.ranks[node] == 1
    assert (r.confidence.dropna() == 1.0).all()
    never = r.acceptability[1] == 0
    assert r.central_weights[never].isna().all().all()
    assert r.confidence[never].isna().all()


def test_confidence_factors_under_judgment_uncertainty(paper_model):
    r = smaa(paper_model, draws=2000, seed=3, spread=1.0, confidence_draws=300)
    conf = r.confidence.dropna()
    assert ((conf >= 0) & (conf <= 1)).all()
    assert conf.min() < 1  # perturbed judgments unsettle someone's first place
    assert r.spread == 1.0
    assert r.confidence_draws == 300


def test_uniform_weights_put_the_base_winner_first_most_often(paper_model):
    r = smaa(paper_model, draws=20_000, seed=4, spread=0)
    top = r.acceptability[1].idxmax()
    assert top == evaluate(paper_model).ranks.idxmin()
    assert r.method == "uniform"
    assert r.acceptance_rate is None
    # the weights really are uniform on the 5-simplex: each mean 1/5
    np.testing.assert_allclose(r.weights.mean(axis=0), 0.2, atol=5e-3)


def test_result_is_immutable_and_reproducible(paper_model):
    a = smaa(paper_model, draws=1000, seed=9, spread=0)
    b = smaa(paper_model, draws=1000, seed=9, spread=0)
    pd_equal = a.acceptability.equals(b.acceptability)
    assert pd_equal
    for arr in (a.weights, a.counts, a.central, a.limits, a.confidence_values):
        assert not arr.flags.writeable
    acc = a.acceptability
    acc.iloc[0, 0] = 99.0  # a copy: the result is untouched
    assert a.acceptability.iloc[0, 0] != 99.0
    with pytest.raises(AttributeError):
        a.seed = 3  # type: ignore[misc]


def test_extra_criterion_and_overrides(paper_model):
    crit = [*paper_model.control_criteria, "natural_geography"]
    r = smaa(paper_model, draws=500, seed=0, criteria=crit, spread=0)
    assert r.criteria == tuple(crit)
    assert r.weights.shape == (500, 6)
    comp = paper_model.comparison_by_key[("political", "clusters", "political", None)]
    flat = comp.model_copy(update={"matrix": tuple(tuple(1.0 for _ in row) for row in comp.matrix)})
    r2 = smaa(paper_model, draws=500, seed=0, overrides=[flat], spread=0)
    assert not np.allclose(r2.limits, smaa(paper_model, draws=10, seed=0, spread=0).limits)


def test_single_criterion_is_the_plain_ranking():
    model = small_model()
    r = smaa(model, draws=50, seed=0, criteria=["c2"], spread=0)
    ranks = evaluate(model, {"c2": 1}).ranks
    for node, rank in ranks.items():
        assert r.acceptability.loc[node, rank] == 1.0


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"draws": 0}, "draws must be an integer"),
        ({"draws": 2_000_000}, "draws must be an integer"),
        ({"spread": -1}, "spread"),
        ({"confidence_draws": 0}, "confidence_draws"),
        ({"decimals": -1}, "decimals"),
        ({"criteria": ["policy", "policy"]}, "listed twice"),
        ({"criteria": ["nope"]}, "unknown criterion"),
        ({"constraints": {"order": ["nope"]}}, "unknown criterion 'nope'"),
    ],
)
def test_bad_arguments_are_named(paper_model, kwargs, fragment):
    with pytest.raises(ANPError, match=fragment):
        smaa(paper_model, **{"draws": 10, **kwargs})


@given(
    st.lists(
        st.lists(st.sampled_from([0.0, 0.0004, 0.001, 0.0016, 0.5, 0.2]), min_size=4, max_size=4),
        min_size=1,
        max_size=6,
    )
)
def test_batch_ranks_equal_the_project_ranks(rows):
    x = np.array(rows)
    expected = np.stack([competition_ranks(r) for r in x])
    np.testing.assert_array_equal(batch_competition_ranks(x), expected)
    expected_exact = np.stack([competition_ranks(r, decimals=None) for r in x])
    np.testing.assert_array_equal(batch_competition_ranks(x, None), expected_exact)


def test_cli_table_and_json(capsys, paper_model):
    code = main(["smaa", str(MODEL_PATH), "--draws", "2000", "--spread", "0", "--order", "policy,economic"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "policy >= economic" in out
    assert "Government regulation" in out
    assert "central weight vectors" in out
    code = main(
        ["smaa", str(MODEL_PATH), "--draws", "2000", "--interval", "political=0.1:0.3", "--format", "json"]
    )
    out, _ = capsys.readouterr()
    data = json.loads(out)
    assert code == 0
    assert data["constraints"] == {"intervals": {"political": [0.1, 0.3]}}
    assert data["sampling"]["method"] == "rejection"
    assert 0 < data["sampling"]["acceptance_rate"] < 1
    assert set(data["acceptability"]) == set(paper_model.ranked_node_ids)
    assert sum(data["acceptability"]["government_regulation"].values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--interval", "political=0.5"], "not criterion=low:high"),
        (["--interval", "political=0.5:0.2"], "need 0 <= low <= high <= 1"),
        (["--interval", "a=0:1", "--interval", "a=0:1"], "given twice"),
        (["--order", "policy,nope"], "unknown criterion 'nope'"),
        (["--draws", "0"], "draws must be"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(capsys, args, fragment):
    code = main(["smaa", str(MODEL_PATH), *args])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert fragment in err
    assert len(err.strip().splitlines()) == 1
