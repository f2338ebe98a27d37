"""Ecosystem page under AppTest: the diagram follows the criterion-weight sliders."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from anp_core import evaluate
from dashboard import ecosystem_figure as ef
from dashboard import state
from tests.support.apptest import charts, new_app, no_exception, plotly_array
from tests.support.paper import CRITERIA

PAGE = "views/ecosystem.py"


def factor_trace(at) -> dict:
    (t,) = [t for t in charts(at)["eco_chart"]["data"] if t.get("name", "").startswith("Internal factor")]
    return t


def factor_sizes(at) -> dict[str, float]:
    t = factor_trace(at)
    return dict(zip(t["customdata"], plotly_array(t["marker"]["size"]).tolist(), strict=True))


def expected_sizes(model, weights) -> dict[str, float]:
    ev = evaluate(model, weights)
    return dict(zip(ev.composite.index, ef.factor_sizes(ev.composite.to_numpy()).tolist(), strict=True))


@pytest.fixture
def page() -> AppTest:
    at = new_app().run()
    at.switch_page(PAGE).run()
    no_exception(at)
    return at


def test_page_draws_the_diagram_sliders_and_table1(page, paper_model):
    assert len(page.get("plotly_chart")) == 1
    assert [s.key for s in page.slider] == [f"eco_w_{c}" for c in CRITERIA]
    for c in CRITERIA:  # the page's sliders show the shared weights
        assert page.slider(key=f"eco_w_{c}").value == pytest.approx(page.session_state[f"w_{c}"])
    tables = [d.value for d in page.dataframe]
    (t1,) = [t for t in tables if "Category" in t.columns]
    eco = paper_model.ecosystem
    assert len(t1) == len(eco.populations) + len(paper_model.clusters) + len(paper_model.criteria) == 16
    assert "Natural geography (outside the control layer)" in set(t1["Element"])
    (rel,) = [t for t in tables if "From" in t.columns]
    assert len(rel) == len(eco.relations)
    assert page.title[0].value.startswith(
        "Cross\\-border e\\-commerce and characteristic industrial belt ecosystem"
    )


def test_factor_sizes_are_the_current_composite_weights(page, paper_model):
    sizes = factor_sizes(page)
    assert set(sizes) == set(paper_model.node_ids)
    exp = expected_sizes(paper_model, {c: page.session_state[f"w_{c}"] for c in CRITERIA})
    for f, s in sizes.items():
        assert s == pytest.approx(exp[f], rel=1e-12)


def test_moving_the_political_slider_changes_the_factor_sizes(page, paper_model):
    before = factor_sizes(page)
    page.slider(key="eco_w_political").set_value(0.6).run()
    no_exception(page)
    after = factor_sizes(page)
    weights = {c: page.session_state[f"w_{c}"] for c in CRITERIA}
    assert weights["political"] == pytest.approx(0.6)
    assert sum(weights.values()) == pytest.approx(1.0)  # the others were rescaled
    exp = expected_sizes(paper_model, weights)
    for f in after:
        assert after[f] == pytest.approx(exp[f], rel=1e-12)
    moved = {f: after[f] - before[f] for f in after}
    assert max(abs(d) for d in moved.values()) > 0.5
    # Political puts 0.204 on government regulation vs 0.178 under policy: it grows.
    assert moved["government_regulation"] > 0
    for c in CRITERIA:  # every slider on the page shows the rescaled weights
        assert page.slider(key=f"eco_w_{c}").value == pytest.approx(weights[c])


def test_the_weights_page_and_this_page_share_the_weights(page):
    page.slider(key="eco_w_political").set_value(0.6).run()
    page.switch_page("views/weights.py").run()
    no_exception(page)
    assert page.slider(key="w_political").value == pytest.approx(0.6)
    page.slider(key="w_economic").set_value(0.5).run()
    shared = {c: page.session_state[f"w_{c}"] for c in CRITERIA}
    page.switch_page(PAGE).run()
    no_exception(page)
    for c in CRITERIA:
        assert page.slider(key=f"eco_w_{c}").value == pytest.approx(shared[c])
    assert shared["economic"] == pytest.approx(0.5)


def test_a_weight_set_on_the_weights_page_is_drawn_here(page, paper_model):
    """The sliders live in session state (w_<criterion>), shared by every page."""
    before = factor_sizes(page)
    page.session_state["w_political"] = 0.9
    page.run()
    no_exception(page)
    after = factor_sizes(page)
    weights = {c: page.session_state[f"w_{c}"] for c in CRITERIA}
    exp = expected_sizes(paper_model, weights)
    assert after == pytest.approx(exp, rel=1e-12)
    assert after != pytest.approx(before, rel=1e-6)


def test_diagram_follows_an_edited_model(page, paper_model):
    comp = next(c for c in paper_model.comparisons if c.criterion == "policy" and c.kind == "clusters")
    edited = paper_model.with_judgment(comp.key, "credit_risk", "marketing", 1 / 9)
    page.session_state[state.MODEL] = edited
    page.run()
    no_exception(page)
    weights = {c: page.session_state[f"w_{c}"] for c in CRITERIA}
    assert factor_sizes(page) == pytest.approx(expected_sizes(edited, weights), rel=1e-12)
    assert factor_sizes(page) != pytest.approx(expected_sizes(paper_model, weights), rel=1e-6)


def test_a_model_without_an_ecosystem_gets_its_network_diagram(open_on):
    at = open_on("feedback")
    at.switch_page(PAGE).run()
    no_exception(at)
    assert at.title[0].value == "The network of Supplier choice with feedback"
    assert any("describes no ecosystem" in c.value for c in at.caption)
    spec = charts(at)["eco_chart"]
    names = {t.get("name") for t in spec["data"]}
    assert {"● Criteria", "■ Suppliers", "Node link"} <= names  # each cluster's name after its shape
    assert [s.key for s in at.slider] == ["eco_w_cost", "eco_w_quality"]
    at.slider(key="eco_w_quality").set_value(1.0).run()
    no_exception(at)
    assert at.session_state["w_quality"] == 1.0
    assert at.session_state["w_cost"] == 0.0


# ----- the ecosystems of the bundled models (issue 12) and paper 003's difficulties -----


def test_the_picker_offers_the_bundled_ecosystems_and_draws_the_chosen_one(page):
    from anp_core import load_model
    from tests.support.paper import ROOT

    template = ROOT / "data" / "models" / "templates" / "supply_chain_ecosystem_001.json"
    (picker,) = [s for s in page.selectbox if s.key == "eco_diagram"]
    assert picker.value == "current"
    # the labels: the current model's, then each bundled file with an ecosystem section (the paper's is current)
    assert picker.options[0].startswith("This model: Cross-border e-commerce")
    assert [o for o in picker.options[1:] if o.endswith("(supply_chain_ecosystem_001.json)")]
    assert not [o for o in picker.options if "cbec_trade_war.json" in o]
    picker.set_value(str(template)).run()
    no_exception(page)
    model = load_model(template)
    assert page.title[0].value.startswith("Supply\\-chain ecosystem of industrial belts")
    spec = charts(page)["eco_chart"]
    text = json.dumps(spec, ensure_ascii=False)
    assert "Sub-core service sphere" in text
    assert "Information sharing mechanism" in text
    sizes = factor_sizes(page)
    assert set(sizes) == set(model.node_ids)
    assert sizes == pytest.approx(expected_sizes(model, None), rel=1e-12)  # the template's own weights
    assert not page.slider  # the current model's sliders are not shown for another model
    assert any(b.key == "eco_open_model" for b in page.button)
    page.button(key="eco_open_model").click().run()
    no_exception(page)
    assert page.session_state["model"].id == model.id
    assert page.session_state["eco_diagram"] == "current"  # now the current model


def test_the_paper_model_stars_the_factors_003_names(page):
    spec = charts(page)["eco_chart"]
    (stars,) = [t for t in spec["data"] if (t.get("name") or "").startswith("✶")]
    assert len(stars["x"]) == 10
    assert any("Policy coordination" in h for h in stars["hovertext"])
    (table,) = [d.value for d in page.dataframe if "Named in a difficulty" in d.value.columns]
    assert (table["Named in a difficulty"] != "").sum() == 10


def test_a_model_003_does_not_name_gets_no_star(open_on):
    at = open_on("feedback")
    at.switch_page(PAGE).run()
    no_exception(at)
    spec = charts(at)["eco_chart"]
    assert not [t for t in spec["data"] if (t.get("name") or "").startswith("✶")]


def test_the_diagram_has_a_summary_and_its_data(page, paper_model):
    captions = " ".join(c.value for c in page.caption)
    assert "The diagram shows 6 clusters of 20 factors, 4 populations with 8 members" in captions.replace(
        "\\", ""
    )
    assert "Government regulation leads with 0.143" in captions.replace("\\", "")
    (table,) = [
        d.value for d in page.dataframe if "Composite" in d.value.columns and "Rank" in d.value.columns
    ]
    assert len(table) == len(paper_model.ranked_node_ids)
    assert table["Composite"].is_monotonic_decreasing
