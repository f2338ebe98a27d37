"""Uncertainty page under AppTest (the whole app): Monte Carlo on a button, results kept per inputs."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core.montecarlo import monte_carlo
from tests.app.test_sensitivity import whatif_app
from tests.support.apptest import no_exception

PAGE = "views/uncertainty.py"


def run_mc(at, **inputs):
    """Fill the form (small draws by default) and press the button."""
    inputs = {"mc_draws": 200} | inputs
    for key, value in inputs.items():
        if key in ("mc_draws", "mc_seed", "mc_concentration"):
            at.number_input(key=key).set_value(value)
        elif key == "mc_spread":
            at.slider(key=key).set_value(value)
        elif key in ("mc_distribution", "mc_weights_mode"):
            at.radio(key=key).set_value(value)
        elif key == "mc_vary_weights":
            at.checkbox(key=key).set_value(value)
    at.button[[b.label for b in at.button].index("Run Monte Carlo")].click().run()
    no_exception(at)
    return at


def summary(at):
    (df,) = [d.value for d in at.dataframe if "Verdict" in d.value.columns]
    return df


def metric(at, label: str) -> str:
    (m,) = [m for m in at.metric if m.label == label]
    return m.value


def test_nothing_runs_until_the_button():
    at = whatif_app(PAGE)
    assert at.title[0].value == "Uncertainty of the ranking"
    assert "mc_results" not in at.session_state or at.session_state["mc_results"] == {}
    assert not at.get("plotly_chart")
    assert any("press **Run Monte Carlo**" in i.value for i in at.info)
    # the reconstruction is said plainly
    assert any("**reconstructed**" in w.value and "Table 2" in w.value for w in at.warning)
    assert any("doublings" in m.value and "one step of Saaty's scale" in m.value for m in at.markdown)
    # changing an input does not run anything either (the inputs are in a form)
    at.number_input(key="mc_draws").set_value(300).run()
    assert not at.get("plotly_chart")


def test_running_with_small_draws_produces_the_tables_and_charts(paper_model):
    at = run_mc(whatif_app(PAGE), mc_seed=3)
    df = summary(at)
    assert len(df) == 20
    assert set(df["Verdict"]) <= {"stable", "fairly stable", "uncertain"}
    assert len(at.get("plotly_chart")) == 2  # box plots + heatmap
    # the same numbers as the engine with the same inputs (sliders' weights = the paper's)
    ref = monte_carlo(
        paper_model,
        200,
        1.0,
        seed=3,
        criterion_weights={c: at.session_state[f"w_{c}"] for c in paper_model.control_criteria},
        batch_size=500,
    )
    assert metric(at, "Top factor stays the same") == f"{ref.top_factor_stability:.1%}"
    assert metric(at, "Draws") == "200"
    np.testing.assert_allclose(df["P(top 1)"].to_numpy(), ref.summary["p_top1"].to_numpy())
    assert list(df["Factor"]) == list(ref.summary["name"])


def test_the_result_is_kept_across_reruns_and_pages():
    at = run_mc(whatif_app(PAGE))
    first = summary(at)
    stored = dict(at.session_state["mc_results"])
    at.switch_page("views/sensitivity.py").run()
    at.switch_page(PAGE).run()
    no_exception(at)
    assert summary(at).equals(first)
    assert dict(at.session_state["mc_results"]).keys() == stored.keys()


def test_spread_zero_is_perfectly_stable():
    at = run_mc(whatif_app(PAGE), mc_spread=0.0)
    assert metric(at, "Top factor stays the same") == "100.0%"
    assert set(summary(at)["Verdict"]) == {"stable"}


def test_changed_inputs_ask_for_a_new_run():
    at = run_mc(whatif_app(PAGE))
    at.number_input(key="mc_seed").set_value(5)
    at.button[[b.label for b in at.button].index("Run Monte Carlo")].click().run()
    assert len(at.session_state["mc_results"]) == 2
    # the sliders move: the stored results no longer match
    at.session_state["w_political"] = 0.6
    at.run()
    no_exception(at)
    assert not [d for d in at.dataframe if "Verdict" in d.value.columns]
    assert any("changed since the last run" in i.value for i in at.info)


@pytest.mark.parametrize("distribution", ["loguniform", "lognormal"])
def test_distributions_and_dirichlet_weights_run(distribution):
    at = run_mc(
        whatif_app(PAGE),
        mc_distribution=distribution,
        mc_vary_weights=True,
        mc_concentration=50.0,
        mc_weights_mode="model",
    )
    assert len(summary(at)) == 20
    (result,) = at.session_state["mc_results"].values()
    np.testing.assert_allclose(result.weights.sum(axis=1), 1.0, atol=1e-12)
    assert result.weights.std(axis=0).min() > 0
    assert result.distribution == distribution
    assert any("Dirichlet(c = 50)" in c.value for c in at.caption)
