"""Head-to-head: two nodes, or two scenarios, criterion by criterion."""

from __future__ import annotations

import json

import numpy as np
import pytest

from anp_core import evaluate
from anp_core.cli import main
from anp_core.compare import head_to_head, scenario_shift
from anp_core.errors import ANPError
from anp_core.scenarios import Scenario, load_scenario
from anp_core.sensitivity import crossings
from tests.conftest import MODEL_PATH, ROOT

A, B = "government_regulation", "electronic_payment"


def test_contributions_sum_to_the_composite_difference(paper_model):
    d = head_to_head(paper_model, A, B)
    ev = evaluate(paper_model)
    assert d.composite_a == pytest.approx(ev.composite[A], abs=1e-12)
    assert d.composite_b == pytest.approx(ev.composite[B], abs=1e-12)
    assert d.contributions.sum() == pytest.approx(ev.composite[A] - ev.composite[B], abs=1e-12)
    assert (d.rank_a, d.rank_b) == (ev.ranks[A], ev.ranks[B])
    t = d.table()
    assert list(t.index) == list(ev.criteria)
    np.testing.assert_allclose(
        t["contribution"], ev.weights * (ev.by_criterion.loc[A] - ev.by_criterion.loc[B])
    )


def test_which_criteria_favour_which(paper_model):
    d = head_to_head(paper_model, A, B)
    by = evaluate(paper_model).by_criterion
    favour_a = {c for c in by.columns if by.loc[A, c] > by.loc[B, c]}
    assert set(d.favouring_a) == favour_a
    assert set(d.favouring_b) == set(by.columns) - favour_a
    c = dict(zip(d.criteria, d.contributions, strict=True))
    assert [c[x] for x in d.favouring_a] == sorted((c[x] for x in d.favouring_a), reverse=True)
    assert set(d.table()["favours"]) == {A, B}
    # swapping the pair flips every sign
    r = head_to_head(paper_model, B, A)
    np.testing.assert_allclose(r.contributions, -d.contributions)
    assert r.favouring_a == d.favouring_b


def test_break_even_weights_are_the_sensitivity_crossings(paper_model):
    ev = evaluate(paper_model)
    d = head_to_head(paper_model, A, B)
    for k, crit in enumerate(d.criteria):
        pair = [x for x in crossings(ev, crit) if {x.overtaker, x.overtaken} == {A, B}]
        if np.isnan(d.break_even[k]):
            assert not pair
        else:
            assert pair, crit
            assert pair[0].t == pytest.approx(d.break_even[k], abs=1e-9)
            # at that weight the two composites are equal
            w = ev.weights * (1 - d.break_even[k]) / (1 - ev.weights[k])
            w[k] = d.break_even[k]
            gap = (ev.by_criterion.loc[A] - ev.by_criterion.loc[B]).to_numpy()
            assert float(w @ gap) == pytest.approx(0.0, abs=1e-12)


def test_winning_shares_and_dominance(paper_model):
    d = head_to_head(paper_model, A, "insurance_protection")
    assert d.dominance == "a"
    assert d.share_a_ahead == 1.0
    assert d.share_b_ahead == 0.0
    close = head_to_head(paper_model, A, "comprehensive_service_platform")
    assert close.dominance is None
    assert 0 < close.share_a_ahead < 1
    assert close.share_a_ahead + close.share_b_ahead <= 1


def test_scenario_weights_and_overrides_apply(paper_model):
    sc = load_scenario(ROOT / "data" / "scenarios" / "tariff_escalation.json")
    d = head_to_head(paper_model, A, B, sc.criterion_weights)
    ev = evaluate(paper_model, sc.criterion_weights)
    assert d.difference == pytest.approx(ev.composite[A] - ev.composite[B], abs=1e-12)


@pytest.mark.parametrize(
    ("a", "b", "fragment"),
    [("nope", B, "unknown node"), (A, A, "two different nodes")],
)
def test_bad_nodes_are_named(paper_model, a, b, fragment):
    with pytest.raises(ANPError, match=fragment):
        head_to_head(paper_model, a, b)


def test_scenario_shift_splits_into_weight_and_judgment_effects(paper_model):
    comp = paper_model.comparison_by_key[("political", "nodes", "political", "credit_risk")]
    flipped = comp.model_copy(update={"matrix": tuple(tuple(1.0 for _ in row) for row in comp.matrix)})
    b = Scenario(id="b", name="B", criterion_weights={"political": 0.6, "policy": 0.4}, overrides=(flipped,))
    s = scenario_shift(paper_model, None, b)
    ev_a = evaluate(paper_model)
    ev_b = evaluate(paper_model, b.criterion_weights, b.overrides)
    np.testing.assert_allclose(s.composite_a, ev_a.composite_values, atol=1e-12)
    np.testing.assert_allclose(s.composite_b, ev_b.composite_values, atol=1e-12)
    total = s.weight_effect.sum(axis=1) + s.judgment_effect.sum(axis=1)
    np.testing.assert_allclose(total, s.composite_b - s.composite_a, atol=1e-12)
    assert s.has_judgment_changes
    # the judgment change is under 'political' only, so only that column moves
    je = s.judgment_effect
    assert np.abs(je[:, s.criteria.index("political")]).max() > 1e-4
    assert np.abs(np.delete(je, s.criteria.index("political"), axis=1)).max() < 1e-15
    t = s.table()
    assert (t["rank_change"] == t["rank_a"] - t["rank_b"]).all()
    np.testing.assert_array_equal(t["rank_b"].sort_values().to_numpy(), np.sort(ev_b.rank_values))
    dr = s.drivers("government_regulation")
    assert dr["total"].sum() == pytest.approx(t.loc["government_regulation", "change"], abs=1e-12)
    assert s.label_b == "B"


def test_scenario_shift_with_weights_only_has_no_judgment_effect(paper_model):
    s = scenario_shift(paper_model, {"policy": 1}, {"political": 1, "natural_geography": 1})
    assert not s.has_judgment_changes
    assert np.abs(s.judgment_effect).max() == 0
    assert "natural_geography" in s.criteria
    assert s.weights_table().loc["natural_geography", "b"] == pytest.approx(0.5)
    with pytest.raises(ANPError, match="scenario weights"):
        scenario_shift(paper_model, {"nope": 1}, None)
    with pytest.raises(ANPError, match="unknown ranked node"):
        s.drivers("nope")


def test_cli_nodes_and_scenarios(capsys, paper_model):
    code = main(["compare", str(MODEL_PATH), "--nodes", f"{A},{B}"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Government regulation (rank 1" in out
    assert "favour Electronic payment: Economic environment, Technological environment" in out
    code = main(["compare", str(MODEL_PATH), "--nodes", f"{A},{B}", "--format", "json"])
    data = json.loads(capsys.readouterr()[0])
    assert data["difference"] == pytest.approx(sum(v["contribution"] for v in data["criteria"].values()))
    scen = str(ROOT / "data" / "scenarios" / "tariff_escalation.json")
    code = main(["compare", str(MODEL_PATH), "--scenarios", "model", scen, "--node", "product_brand"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "B: Tariff escalation" in out
    assert "Product & brand: what each criterion did" in out
    code = main(["compare", str(MODEL_PATH), "--scenarios", "policy=1", "political=1", "--format", "json"])
    data = json.loads(capsys.readouterr()[0])
    assert data["criterion_weights"]["political"]["b"] == 1.0
    assert data["judgment_changes"] is False


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([], "give either --nodes"),
        (["--nodes", A], "two node ids"),
        (["--nodes", f"{A},nope"], "unknown node"),
        (["--scenarios", "model", "missing.json"], "cannot read"),
        (["--nodes", f"{A},{B}", "--scenarios", "model", "model"], "give either"),
    ],
)
def test_cli_bad_input_exits_2(capsys, args, fragment):
    code = main(["compare", str(MODEL_PATH), *args])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert fragment in err
