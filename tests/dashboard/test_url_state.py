"""URL parsing (dashboard.url_state.parse / encode), without Streamlit running."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import url_state
from tests.support.paper import CRITERIA

# ----- URL parsing (pure) -----


@given(
    st.lists(
        st.floats(0.0, 1.0, allow_nan=False).filter(lambda x: x == 0 or x >= 1e-6), min_size=5, max_size=5
    ).filter(lambda w: sum(w) > 0)
)
def test_encode_then_parse_round_trips(w):
    weights = dict(zip(CRITERIA, w, strict=True))
    parsed = url_state.parse(url_state.encode(weights, "Mine"), CRITERIA)
    assert not parsed.problems
    assert parsed.scenario == "Mine"
    assert parsed.weights == pytest.approx(weights, abs=5e-7)


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"w_policy": "abc"}, "not a number"),
        ({"w_policy": ""}, "not a number"),
        ({"w_policy": "inf"}, "not a finite number"),
        ({"w_policy": "-0.1"}, "negative"),
        ({"w_policy": "1.5"}, "above 1"),
        ({"w_policy": "0", "w_economic": "0.0"}, "every weight is 0"),
        ({"w_policy": ["0.5", "0.5"]}, "given 2 times"),
    ],
)
def test_parse_rejects_malformed_weights(params, problem):
    parsed = url_state.parse(params, CRITERIA)
    assert parsed.weights is None
    assert any(problem in p for p in parsed.problems), parsed.problems


@pytest.mark.parametrize(
    "raw",
    ["[Official update](https://evil.example/phish)", "![x](https://evil.example/p.png)", "<b>x</b>", "abc"],
)
def test_problems_never_echo_the_value(raw):
    parsed = url_state.parse({"w_policy": raw}, CRITERIA)
    assert parsed.problems == ["w_policy is not a number"]


def test_unknown_parameters_are_listed_to_drop_not_as_problems():
    params = {
        "w_Policy": "0.5",
        "w_": "0.5",
        "w_[Official update](https://evil.example/phish)": "0.5",
        "![x](https://evil.example/p.png)": "1",
        "page": "2",
        "embed": "true",
        "w_economic": "0.4",
    }
    parsed = url_state.parse(params, CRITERIA)
    assert not parsed.problems
    assert parsed.weights == {c: (0.4 if c == "economic" else 0.0) for c in CRITERIA}
    assert set(parsed.unknown) == set(params) - {"w_economic", "embed"}


def test_parse_ignores_other_parameters_and_cleans_the_name():
    parsed = url_state.parse({"page": "2", "scenario": "  a\x00b " + "x" * 200}, CRITERIA)
    assert parsed.weights is None
    assert not parsed.problems
    assert parsed.unknown == ["page"]
    assert parsed.scenario.startswith("a b")
    assert len(parsed.scenario) <= 80


def test_encode_drops_zero_weights_and_rounds():
    q = url_state.encode({"policy": 1 / 3, "economic": 2 / 3, "political": 0.0, "technological": 1e-9})
    assert q == {"w_policy": "0.333333", "w_economic": "0.666667"}
