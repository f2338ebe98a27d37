"""Uncertainty page under AppTest (the whole app): Monte Carlo and SMAA in the background, results kept per inputs."""

from __future__ import annotations

import numpy as np
import pytest

from anp_core.montecarlo import monte_carlo
from tests.app.test_sensitivity import whatif_app
from tests.support.apptest import charts, no_exception

PAGE = "views/uncertainty.py"


def finish(at, timeout: float = 120):
    """Wait for the page's background runs to end (state, not time), then rerun so the page shows them."""
    for key in ("mc_job", "smaa_job"):
        try:
            job = at.session_state[key]
        except KeyError:
            continue
        assert job.wait(timeout), f"{key} did not finish in {timeout} s"
    at.run()
    no_exception(at)
    return at


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
    at.button(key="mc_run").click().run()
    no_exception(at)
    return finish(at)


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
    assert not [c for c in at.get("plotly_chart") if c.proto.id.endswith(("mc_box", "mc_heatmap"))]
    assert any("press **Run Monte Carlo**" in i.value for i in at.info)
    # the reconstruction is said plainly
    assert any("**reconstructed**" in w.value and "Table 2" in w.value for w in at.warning)
    assert any("doublings" in m.value and "one step of Saaty's scale" in m.value for m in at.markdown)
    # changing an input does not run anything either (the inputs are in a form)
    at.number_input(key="mc_draws").set_value(300).run()
    assert not at.get("plotly_chart")
    assert "mc_job" not in at.session_state


def test_running_with_small_draws_produces_the_tables_and_charts(paper_model):
    at = run_mc(whatif_app(PAGE), mc_seed=3)
    df = summary(at)
    assert len(df) == 20
    assert set(df["Verdict"]) <= {"stable", "fairly stable", "uncertain"}
    assert set(charts(at)) == {"mc_box", "mc_heatmap"}
    # the same numbers as the engine with the same inputs (sliders' weights = the paper's)
    ref = monte_carlo(
        paper_model,
        200,
        1.0,
        seed=3,
        criterion_weights={c: at.session_state[f"w_{c}"] for c in paper_model.control_criteria},
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
    at.button(key="mc_run").click().run()
    finish(at)
    assert len(at.session_state["mc_results"]) == 2
    last = summary(at)
    # the sliders move: the stored results no longer match; the last ones stay, said to be the last run's
    at.session_state["w_political"] = 0.6
    at.run()
    no_exception(at)
    assert any(
        "changed since the last run" in i.value and "the last run's results" in i.value for i in at.info
    )
    assert summary(at).equals(last)


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
    (stored,) = at.session_state["mc_results"].values()
    result = stored.result
    np.testing.assert_allclose(result.weights.sum(axis=1), 1.0, atol=1e-12)
    assert result.weights.std(axis=0).min() > 0
    assert result.distribution == distribution
    assert any("Dirichlet(c = 50)" in c.value for c in at.caption)


# ----- long runs: progress, Cancel, time budget -----


def test_cancel_stops_the_run_and_says_after_how_many_draws():
    at = run_mc(whatif_app(PAGE), mc_draws=300)
    first = summary(at)
    at.number_input(key="mc_draws").set_value(20_000)
    at.slider(key="mc_spread").set_value(2.0)
    at.button(key="mc_run").click().run()
    no_exception(at)
    job = at.session_state["mc_job"]
    if job.running:  # a fast machine may have finished 20,000 draws already
        # while it runs: a progress bar, a Cancel button, and the previous results still there
        assert at.button(key="mc_job_cancel")
        assert summary(at).equals(first)
        at.button(key="mc_job_cancel").click().run()
        finish(at)
        (note,) = [w.value for w in at.warning if "cancelled" in w.value]
        done = int(metric(at, "Draws").replace(",", ""))
        assert 0 < done < 20_000
        assert f"after {done:,} of 20,000 draws" in note
        (stored,) = [v for v in at.session_state["mc_results"].values() if v.requested == 20_000]
        assert stored.stopped == "cancelled"
        assert stored.done == done


def test_the_time_budget_stops_a_long_run():
    at = whatif_app(PAGE)
    at.number_input(key="mc_time_budget").set_value(1)
    at = run_mc(at, mc_draws=20_000)
    (stored,) = at.session_state["mc_results"].values()
    if stored.done < 20_000:
        assert stored.stopped == "budget"
        assert any("stopped at its time budget** (1 s)" in w.value for w in at.warning)
    assert len(summary(at)) == 20


def test_the_page_defaults_come_from_the_engine():
    from anp_core.montecarlo import DEFAULT_DRAWS, DEFAULT_SEED, DEFAULT_SPREAD

    at = whatif_app(PAGE)
    assert at.number_input(key="mc_draws").value == DEFAULT_DRAWS
    assert at.number_input(key="mc_seed").value == DEFAULT_SEED
    assert at.slider(key="mc_spread").value == DEFAULT_SPREAD


# ----- SMAA -----


def run_smaa(at):
    at.button(key="smaa_run").click().run()
    no_exception(at)
    return finish(at)


def test_smaa_runs_and_matches_the_engine(paper_model):
    from dashboard.smaa_run import run_smaa as engine_run

    at = whatif_app(PAGE)
    assert any("Choose the constraints and press **Run SMAA**" in i.value for i in at.info)
    at.number_input(key="smaa_draws").set_value(6_000)
    at.slider(key="smaa_spread").set_value(0.0)
    run_smaa(at)
    assert {"smaa_heatmap", "smaa_central", "smaa_confidence"} <= set(charts(at))
    (table,) = [d.value for d in at.dataframe if "Holistic" in d.value.columns]
    ref = engine_run(paper_model, 6_000, 0, None, spread=0.0).result
    first = ref.acceptability[1]
    np.testing.assert_allclose(table["First"].to_numpy(), first.loc[table.index].to_numpy())
    captions = " ".join(c.value for c in at.caption)
    assert "uniform on the simplex" in captions
    assert "ranks first in" in captions
    assert "of the weightings" in captions
    md = " ".join(m.value for m in at.markdown)
    for what in ("Rank acceptability.", "Central weights.", "Confidence factors."):
        assert f"**{what}** It answers:" in md


def test_smaa_with_an_ordinal_ranking(paper_model):
    at = whatif_app(PAGE)
    at.radio(key="smaa_constraint").set_value("order").run()
    at.multiselect(key="smaa_order").set_value(["political", "policy"]).run()
    at.number_input(key="smaa_draws").set_value(2_000)
    run_smaa(at)
    assert any("Political environment ≥ Policy environment" in c.value for c in at.caption)
    (stored,) = at.session_state["smaa_results"].values()
    w = stored.result.result.weights
    crit = stored.result.result.criteria
    assert (w[:, crit.index("political")] >= w[:, crit.index("policy")]).all()


def test_impossible_constraints_are_refused_with_the_engines_message():
    at = whatif_app(PAGE)
    at.radio(key="smaa_constraint").set_value("intervals").run()
    at.slider(key="smaa_iv_policy").set_value((0.8, 0.9))
    at.slider(key="smaa_iv_economic").set_value((0.5, 0.6)).run()
    no_exception(at)
    (err,) = [e.value for e in at.error if "cannot be used" in e.value]
    assert "no admissible weights" in err
    assert "lower bounds sum to" in err
    assert at.button(key="smaa_run").disabled
    # an ordinal ranking of one criterion is refused too
    at.radio(key="smaa_constraint").set_value("order").run()
    at.multiselect(key="smaa_order").set_value(["policy"]).run()
    assert any("at least two" in e.value for e in at.error)
    assert at.button(key="smaa_run").disabled


def test_smaa_on_an_example_model(open_on):
    at = open_on("feedback")
    at.switch_page(PAGE).run()
    no_exception(at)
    at.number_input(key="smaa_draws").set_value(2_000)
    run_smaa(at)
    assert "smaa_heatmap" in charts(at)


@pytest.mark.parametrize("page_lang", ["zh"])
def test_the_page_in_chinese(page_lang):
    at = whatif_app(PAGE, query={"lang": page_lang})
    assert at.title[0].value == "排名的不确定性"
    at = run_mc(at)
    at.number_input(key="smaa_draws").set_value(2_000)
    run_smaa(at)
    assert {"mc_box", "mc_heatmap", "smaa_heatmap"} <= set(charts(at))
    text = " ".join(x.value for x in [*at.markdown, *at.caption, *at.info])
    assert "draws" not in text.replace("Draws", "")  # no English sentence left on the page
