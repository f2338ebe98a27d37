"""Scenarios that carry judgments (dashboard.scenario_ui.effective, compare_effective) and the brief request."""

from __future__ import annotations

import threading
import time

import pytest

from anp_core import ANPError, evaluate
from anp_core.scenarios import Scenario
from dashboard import brief_ui, scenario_ui
from dashboard.scenario_link import JudgmentDiff, judgment_diff
from dashboard.uncertainty_jobs import Job


@pytest.fixture(scope="module")
def edited(paper_model):
    c = paper_model.comparisons[0]
    return paper_model.with_judgment(c.key, c.elements[0], c.elements[1], 9.0)


def test_a_scenario_of_weights_alone_is_evaluated_with_the_edits(paper_model, edited):
    diff = judgment_diff(paper_model, edited)
    sc = Scenario(id="w", name="W", criterion_weights={"political": 1.0})
    eff = scenario_ui.effective(sc, paper_model, edited, diff)
    assert eff.model is paper_model
    assert eff.edits
    assert len(eff.scenario.overrides) == 1
    got = evaluate(eff.model, eff.scenario.criterion_weights, eff.scenario.overrides).composite
    want = evaluate(edited, sc.criterion_weights).composite
    assert (got - want).abs().max() < 1e-15


def test_a_scenario_with_its_own_judgments_stands_on_the_opened_model(paper_model, edited):
    own = judgment_diff(paper_model, edited).overrides
    sc = Scenario(id="j", name="J", criterion_weights={"policy": 1.0}, overrides=own)
    other = paper_model.with_judgment(
        paper_model.comparisons[3].key, *paper_model.comparisons[3].elements[:2], 5.0
    )
    eff = scenario_ui.effective(sc, paper_model, other, judgment_diff(paper_model, other))
    assert eff.model is paper_model
    assert eff.scenario is sc
    assert not eff.edits


def test_compare_effective_matches_compare_and_handles_mixed_models(paper_model, edited):
    a = scenario_ui.Effective(paper_model, Scenario(id="a", name="A", criterion_weights={"policy": 1.0}))
    b = scenario_ui.Effective(edited, Scenario(id="b", name="B", criterion_weights={"political": 1.0}))
    df = scenario_ui.compare_effective([a, b])
    assert (df[("b", "composite")] - evaluate(edited, {"political": 1.0}).composite).abs().max() < 1e-15
    assert (df[("b", "rank_change")] == df[("a", "rank")] - df[("b", "rank")]).all()
    with pytest.raises(ANPError):
        scenario_ui.compare_effective([])


def test_fitting_checks_overrides_against_the_opened_model(paper_model, edited):
    own = judgment_diff(paper_model, edited).overrides
    sc = Scenario(id="j", name="J", criterion_weights={"policy": 1.0}, overrides=own)
    assert scenario_ui.fitting(edited, [sc], baseline=paper_model) == [sc]
    bad = Scenario(id="x", name="X", criterion_weights={"atlantis": 1.0})
    assert scenario_ui.fitting(paper_model, [bad]) == []


def test_saved_scenarios_carry_the_overrides(paper_model, edited):
    own = judgment_diff(paper_model, edited).overrides
    sc = scenario_ui.scenario_from_weights("Mine", {"policy": 2.0, "economic": 2.0}, overrides=own)
    assert sc.overrides == own
    assert sc.criterion_weights == {"policy": 0.5, "economic": 0.5}


def test_brief_request_shows_judgment_effects_when_it_can(paper_model, edited):
    w = {"policy": 0.5, "economic": 0.5}
    plain = brief_ui.brief_request(paper_model, paper_model, judgment_diff(paper_model, paper_model), w, "")
    assert plain.model is paper_model
    assert plain.scenario is None
    assert plain.weights == w
    req = brief_ui.brief_request(paper_model, edited, judgment_diff(paper_model, edited), w, "Mine")
    assert req.model is paper_model
    assert req.scenario.name == "Mine"
    assert len(req.scenario.overrides) == 1
    req.check()
    # an edit the scenario format cannot carry (a removed comparison): the brief is of the edited model
    cannot = JudgmentDiff(removed=(("policy", "nodes", "policy", "talent"),))
    odd = brief_ui.brief_request(paper_model, edited, cannot, w, "")
    assert odd.model is edited
    assert odd.scenario is None


def test_the_brief_html_carries_the_judgment_effects(paper_model, edited):
    req = brief_ui.brief_request(
        paper_model, edited, judgment_diff(paper_model, edited), {"policy": 1.0}, "Edited judgments"
    )
    html = brief_ui.brief_html(req, "en").decode()
    assert "Edited judgments" in html
    assert "Effect of the changed judgments" in html
    zh = brief_ui.brief_html(req, "zh").decode()
    assert "判断修改的影响" in zh


# ----- background jobs -----


def test_a_job_reports_progress_and_its_result():
    def work(progress, should_stop):
        for k in range(5):
            progress((k + 1) / 5)
        return 42

    job = Job(work, ("x",))
    assert job.wait(10)
    assert not job.running
    assert job.result == 42
    assert job.fraction == 1.0
    assert job.error is None


def test_a_job_stops_when_cancelled_and_keeps_what_it_did():
    gate = threading.Event()

    def work(progress, should_stop):
        done = 0
        while not should_stop():
            done += 1
            gate.set()
            time.sleep(0.01)
        return done

    job = Job(work, "y")
    assert gate.wait(10)
    job.cancel()
    assert job.wait(10)
    assert job.cancelled
    assert job.result >= 1


def test_a_job_turns_errors_into_messages():
    def engine_error(progress, should_stop):
        raise ANPError("spread must be between 0 and 10 doublings, got -1\nmore")

    def bug(progress, should_stop):
        raise ZeroDivisionError

    a, b = Job(engine_error, 1), Job(bug, 2)
    assert a.wait(10)
    assert b.wait(10)
    assert isinstance(a.error, ANPError)  # kept whole: the page shows its reason in its own language
    assert str(a.error).startswith("spread must be between 0 and 10 doublings, got -1")
    assert isinstance(b.error, ANPError)
    assert "unexpectedly" in str(b.error)
    assert "ZeroDivision" not in str(b.error)
