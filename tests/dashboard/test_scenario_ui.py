"""Scenario builders of the Scenarios page (dashboard.scenario_ui)."""

from __future__ import annotations

import pytest

from anp_core import ANPError, evaluate
from dashboard import scenario_ui


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


def test_recommendation_links_come_from_the_model(paper_model, ev):
    links = scenario_ui.recommendation_links(
        paper_model, ev.composite, ev.ranks, top_k=5, baseline=ev.composite
    )
    assert list(links["Id"]) == [r.id for r in paper_model.recommendations]
    assert list(links["Section"]) == ["000, 4.2.1", "000, 4.2.2", "000, 4.2.3", "000, 4.2.4"]
    row = links.set_index("Id").loc["rec_4_2_1"]
    assert row["Top factors"].startswith("Government regulation (#1)")
    ids = [link.node for link in paper_model.recommendations[0].links]
    assert row["Weight share"] == pytest.approx(ev.composite[ids].sum())
    assert (links["Change"] == 0).all()
    assert links["Top count"].max() <= 5
    political = evaluate(paper_model, {"political": 1.0})
    moved = scenario_ui.recommendation_links(
        paper_model, political.composite, political.ranks, baseline=ev.composite
    )
    assert (
        moved.set_index("Id").loc["rec_4_2_3", "Change"] > 0
    )  # marketing gains under the political criterion


def test_recommendation_lines_number_the_top_factors(paper_model, ev):
    text = scenario_ui.recommendation_lines(paper_model, ev.composite, ev.ranks, 3)
    lines = text.splitlines()
    assert lines[0].startswith("1. **Government regulation** (rank 1")
    assert "addressed by 000, 4\\.2\\.1" in lines[0]
    assert "(indirectly)" in lines[2]  # electronic payment: an indirect link of 4.2.2
    assert len(lines) == 3


def test_a_model_without_recommendations_gets_none(ev):
    from tests.support.dashboard_models import feedback_model

    m = feedback_model()
    e = evaluate(m)
    assert scenario_ui.recommendation_links(m, e.composite, e.ranks).empty
    assert "not addressed" in scenario_ui.recommendation_lines(m, e.composite, e.ranks, 2)


def test_presets_are_offered_only_when_the_model_has_their_criteria(paper_model):
    from anp_core.scenarios import load_scenarios
    from tests.support.dashboard_models import feedback_model

    presets = load_scenarios("data/scenarios")
    offered = scenario_ui.offered(paper_model, presets)
    # the paper's baseline preset holds the model's own weights: no built-in twin
    assert [s.id for s in offered] == [s.id for s in presets]
    other = scenario_ui.offered(feedback_model(), presets)
    assert [s.id for s in other] == [scenario_ui.OWN]
    assert other[0].criterion_weights == pytest.approx({"cost": 0.75, "quality": 0.25})


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
