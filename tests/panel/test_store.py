"""The panel store: tokens, isolation between experts, hostile answers, deadlines, export."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import select, text

from anp_core import load_model
from panel.schema import Expert, Panel
from panel.store import AccessDeniedError, AnswerRejectedError, ExpertSpec, PanelError, integrity_problems
from tests.conftest import MODEL_PATH


def tokens(made):
    return [t for _, _, t in made.expert_tokens]


def test_tokens_are_stored_only_as_hashes(store, small_panel):
    with store.engine.connect() as c:
        dump = "\n".join(str(r) for t in ("panels", "experts") for r in c.execute(text(f"SELECT * FROM {t}")))
    for t in [*tokens(small_panel), small_panel.facilitator_secret]:
        assert t not in dump
        assert len(t) >= 32


def test_an_expert_sees_and_changes_only_their_own_answers(store, small_panel):
    ann, bob, cy = tokens(small_panel)
    store.save_answers(ann, [("criteria", 0, 1, 3)])
    store.save_answers(bob, [("criteria", 0, 1, 1 / 5)])
    assert store.expert_state(ann).assignments[0].answers == {(0, 1): 3.0}
    assert store.expert_state(bob).assignments[0].answers == {(0, 1): 0.2}
    assert [a.matrix.key for a in store.expert_state(cy).assignments] == ["criteria"]
    other = store.expert_state(ann).assignments[1].matrix.key
    with pytest.raises(AnswerRejectedError, match="not one of yours"):
        store.save_answers(cy, [(other, 0, 1, 3)])
    st = store.panel_state(small_panel.facilitator_secret)
    by_name = {e.name: e.id for e in st.experts}
    assert st.assignments[(by_name["Ann"], st.matrices[0].id)].answers == {(0, 1): 3.0}


@pytest.mark.parametrize("bad", ["", "x" * 10, "x" * 32, "<script>alert(1)</script>xxxxxxxx", None, 42])
def test_a_wrong_token_is_refused_plainly(store, small_panel, bad):
    with pytest.raises(AccessDeniedError, match="not valid"):
        store.expert_state(bad)
    with pytest.raises(AccessDeniedError):
        store.save_answers(bad, [("criteria", 0, 1, 3)])


def test_an_expert_token_is_not_a_facilitator_secret_and_vice_versa(store, small_panel):
    with pytest.raises(AccessDeniedError):
        store.panel_state(tokens(small_panel)[0])
    with pytest.raises(AccessDeniedError):
        store.expert_state(small_panel.facilitator_secret)


def test_a_new_link_replaces_the_old_one_at_once(store, small_panel):
    old = tokens(small_panel)[0]
    store.save_answers(old, [("criteria", 0, 1, 3)])
    new = store.new_link(small_panel.facilitator_secret, small_panel.expert_tokens[0][0])
    with pytest.raises(AccessDeniedError, match="replaced"):
        store.save_answers(old, [("criteria", 0, 2, 3)])
    assert store.expert_state(new).assignments[0].answers == {(0, 1): 3.0}


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("three", "not a number"),
        ("", "not a number"),
        (0, "positive"),
        (-3, "positive"),
        (1e308, "not a point of Saaty's scale"),
        (float("nan"), "positive"),
        (float("inf"), "positive"),
        (2.5, "not a point"),
        (10, "not a point"),
        (True, "not a judgment"),
        (None, "not a judgment"),
        ([3], "not a judgment"),
        ("=1+2", "not a number"),
    ],
)
def test_hostile_answers_are_refused_and_change_nothing(store, small_panel, value, match):
    ann = tokens(small_panel)[0]
    store.save_answers(ann, [("criteria", 0, 1, 3)])
    with pytest.raises(AnswerRejectedError, match=match):
        store.save_answers(ann, [("criteria", 0, 2, 5), ("criteria", 0, 1, value)])
    assert store.expert_state(ann).assignments[0].answers == {(0, 1): 3.0}  # all or nothing


@pytest.mark.parametrize(("i", "j"), [(1, 0), (0, 0), (0, 5), (-1, 2), ("0", 1)])
def test_pairs_outside_the_matrix_are_refused(store, small_panel, i, j):
    with pytest.raises(AnswerRejectedError, match="not a pair"):
        store.save_answers(tokens(small_panel)[0], [("criteria", i, j, 3)])


def test_submit_needs_every_pair_and_a_change_reopens_it(store, small_panel):
    cy = tokens(small_panel)[2]
    with pytest.raises(AnswerRejectedError, match="unanswered"):
        store.submit(cy, "criteria")
    store.save_answers(cy, [("criteria", i, j, 1) for i in range(5) for j in range(i + 1, 5)])
    store.submit(cy, "criteria")
    assert store.expert_state(cy).assignments[0].submitted_at is not None
    saved = store.save_answers(cy, [("criteria", 0, 1, 3)])
    assert saved.reopened == ("criteria",)
    assert store.expert_state(cy).assignments[0].submitted_at is None
    assert integrity_problems(store.engine) == []


def test_a_closed_or_expired_panel_refuses_changes_but_keeps_answers(store, small_panel):
    ann = tokens(small_panel)[0]
    store.save_answers(ann, [("criteria", 0, 1, 3)])
    store.set_open(small_panel.facilitator_secret, False)
    with pytest.raises(AccessDeniedError, match="closed"):
        store.save_answers(ann, [("criteria", 0, 1, 5)])
    assert store.expert_state(ann).assignments[0].answers == {(0, 1): 3.0}
    store.set_open(small_panel.facilitator_secret, True)
    with store.engine.begin() as c:
        c.execute(Panel.__table__.update().values(deadline=datetime.now(UTC) - timedelta(minutes=1)))
    with pytest.raises(AccessDeniedError, match="deadline"):
        store.save_answers(ann, [("criteria", 0, 1, 5)])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"name": " "}, "name of 1-200"),
        ({"experts": []}, "1 to 200 experts"),
        ({"experts": [ExpertSpec("A"), ExpertSpec("a")]}, "must be different"),
        ({"experts": [ExpertSpec("A", -1)]}, "weight"),
        ({"experts": [ExpertSpec("A", float("nan"))]}, "weight"),
        ({"experts": [ExpertSpec("A", 0)]}, "above 0"),
        ({"deadline": datetime(2000, 1, 1, tzinfo=UTC)}, "future"),
        ({"method": "mean"}, "method"),
        ({"matrices": [("x", "nodes", "y", "z")]}, "not a matrix"),
    ],
)
def test_bad_panels_are_refused_with_the_reason(store, kwargs, match):
    args = {"name": "P", "experts": [ExpertSpec("A")]} | kwargs
    with pytest.raises(PanelError, match=match):
        store.create_panel(load_model(MODEL_PATH), **args)
    with store.engine.connect() as c:
        assert c.execute(select(Expert)).first() is None


def test_export_has_every_answer_and_no_token(store, small_panel):
    ann = tokens(small_panel)[0]
    store.save_answers(ann, [("criteria", 0, 1, 3)])
    data = store.export(small_panel.facilitator_secret)
    text_ = json.dumps(data)
    assert data["format"] == "anp-panel"
    assert not any(t in text_ for t in [*tokens(small_panel), small_panel.facilitator_secret])
    ann_answers = data["experts"][0]["answers"]
    assert ann_answers[0]["judgments"] == [{"row": "policy", "col": "economic", "value": 3.0}]
    assert load_model(data["model"]).id == "cbec_trade_war"


def test_submit_records_the_cr_of_the_stored_answers(store, small_panel):
    """The CR the facilitator sees is computed by the store from what was stored, not taken from the caller."""
    cy = tokens(small_panel)[2]
    values = {(0, 1): 3, (0, 2): 1 / 5, (0, 3): 7, (0, 4): 1, (1, 2): 9, (1, 3): 1 / 3, (2, 3): 5, (1, 4): 2}
    values |= {(2, 4): 1 / 7, (3, 4): 4}
    store.save_answers(cy, [("criteria", i, j, v) for (i, j), v in values.items()])
    _, cr = store.submit(cy, "criteria")
    A = np.ones((5, 5))
    for (i, j), v in values.items():
        A[i, j], A[j, i] = v, 1 / v
    lam = max(np.linalg.eigvals(A).real)
    expected = (lam - 5) / 4 / 1.12  # Saaty's random index for n = 5
    assert cr == pytest.approx(expected, rel=1e-6)
    assert cr > 0.1  # an inconsistent matrix: the number is not a default
    assert store.expert_state(cy).assignments[0].submitted_cr == pytest.approx(cr)
