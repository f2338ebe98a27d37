"""Every page on every kind of model: the paper's, the example models, and the test models.

Each model is opened the way a user opens it with ``make run MODEL=...``:
through the ``ANP_MODEL`` environment variable. Every page must run without
an exception or an error box, and show its key content for that model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from anp_core import evaluate, load_model
from dashboard.text import model_name, plain
from tests.support.apptest import PAGES, new_app, no_exception
from tests.support.dashboard_models import MODELS
from tests.support.paper import MODEL_PATH, ROOT

EXAMPLES = sorted((ROOT / "data" / "models" / "examples").glob("*.json"))
#: (label, how to get the file) of every model opened here.
CASES = [("paper", None), *((name, name) for name in MODELS), *((f"example:{p.stem}", p) for p in EXAMPLES)]


@pytest.fixture
def opened(monkeypatch, model_files, request):
    _label, which = request.param
    if which is None:
        path = MODEL_PATH
    elif isinstance(which, Path):
        path = which
    else:
        path = model_files[which]
    monkeypatch.setenv("ANP_MODEL", str(path))
    at = new_app().run()
    no_exception(at)
    return at, load_model(path)


def _check_page(at, model, page: str) -> None:
    ev = evaluate(model)
    n = len(model.ranked_node_ids)
    texts = " ".join(
        x.value for x in [*at.markdown, *at.caption, *at.info, *at.warning, *at.title, *at.subheader]
    )
    if page == "views/weights.py":
        (ranked,) = [d.value for d in at.dataframe if "Change" in d.value.columns]  # the rank table
        assert len(ranked) == n
        assert sorted(ranked.index) == sorted(model.ranked_node_ids)
        assert [s.key for s in at.slider] == [f"w_{c}" for c in model.control_criteria]
        cards = [m.value for m in at.markdown if m.value.startswith("**#")]  # the top cards
        assert 1 <= len(cards) <= 7
        assert cards[0].startswith("**#1** ")
    elif page == "views/judgments.py":
        assert {m.label for m in at.metric} == {"λmax", "CI", "CR"}
    elif page == "views/sensitivity.py":
        if len(ev.criteria) == 1:  # nothing to move the one weight against: said, nothing drawn
            assert "This model has one control criterion" in texts
            assert len(at.get("vega_lite_chart")) == 0
        else:
            assert len(at.get("vega_lite_chart")) == 2  # the lines, the tornado
            assert "Crossings along the" in texts
    elif page == "views/uncertainty.py":
        at.number_input(key="mc_draws").set_value(100)  # in the form: sent with the button
        at.button(key="mc_run").click().run()
        no_exception(at)
        if "mc_job" in at.session_state:  # the run goes on in the background: wait for it, then look
            assert at.session_state["mc_job"].wait(120)
            at.run()
        (summary,) = [d.value for d in at.dataframe if "Verdict" in d.value.columns]
        assert len(summary) == n
    elif page == "views/scenarios.py":
        # the rank-change table: its scenario columns hold text ("4 ▲1"); other tables hold numbers
        (ranks,) = [
            d.value
            for d in at.dataframe
            if "Factor" in d.value.columns and all(isinstance(v, str) for v in d.value.iloc[0, 1:])
        ]
        assert len(ranks) == n
        if model.recommendations:
            assert "recommendations and its top factors" in texts
        else:
            assert "no recommendations section" in texts
    elif page == "views/supermatrix.py":
        metrics = {m.label: m.value for m in at.metric}
        first = model.networked_criteria[0]
        assert (
            metrics["Diagnosis"]
            == ev.networks.get(first, evaluate(model, {first: 1}).networks[first]).limit.diagnosis
        )
        assert len(at.tabs) == 4
        if metrics["Diagnosis"] == "sinks":
            assert any("Zero columns in the limit" in w.value or "No column" in w.value for w in at.warning)
    elif page == "views/ecosystem.py":
        assert len(at.get("plotly_chart")) == 1
        if not model.ecosystem.populations:
            assert at.title[0].value == f"The network of {plain(model_name(model, 'en'))}"
    elif page == "views/audit.py":
        if model.published is None:
            assert "carries no published results table" in texts
        else:
            assert any("Recomputed" in d.value.columns for d in at.dataframe)


@pytest.mark.parametrize("opened", CASES, ids=[c[0] for c in CASES], indirect=True)
def test_every_page_runs_and_shows_its_content(opened):
    at, model = opened
    # the model's name in the interface's language (English: its translations.en where it has one)
    assert at.sidebar.markdown[0].value == f"**Model:** {plain(model_name(model, 'en'))}"
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at)
        assert not at.error, (page, [e.value for e in at.error])
        _check_page(at, model, page)
