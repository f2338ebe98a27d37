"""Saaty's scale helpers (dashboard.saaty): slider options, verbal labels, typed judgments."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.saaty import NOT_GIVEN, parse_judgment, scale_options, snap, verbal_label, verbal_labels


@pytest.mark.parametrize(
    ("text", "value"),
    [("3", 3.0), ("1/5", 0.2), (" 2.5 ", 2.5), ("25.43", 25.43), ("1e1", 10.0), (7, 7.0), ("0.5/2", 0.25)],
)
def test_parse_judgment_accepts_numbers_and_ratios(text, value):
    assert parse_judgment(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "bad", ["0", "-2", "abc", "nan", "", "  ", "inf", "1/0", "3/", None, 0, -1, True, "1/-3", "x" * 10_000]
)
def test_parse_judgment_rejects(bad):
    with pytest.raises(ValueError, match=r".") as info:
        parse_judgment(bad)
    assert len(str(info.value)) < 200  # a pasted novel is not echoed back


@given(st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False))
def test_parse_judgment_round_trips_any_positive_number(x):
    assert parse_judgment(repr(x)) == x


@given(st.floats(min_value=1e-3, max_value=1e3, allow_nan=False))
def test_scale_options_contain_the_current_value_in_descending_order(x):
    opts = scale_options(x)
    assert any(math.isclose(o, x, rel_tol=1e-9) for o in opts)
    assert opts == sorted(opts, reverse=True)
    assert 9.0 in opts
    assert 1 / 9 in opts


def test_a_missing_judgment_is_the_last_option():
    opts = scale_options(None)
    assert opts[-1] is None
    assert opts[:-1] == scale_options(1.0)
    assert snap(None) is None
    assert verbal_label(None, "A", "B") == NOT_GIVEN


def test_verbal_labels_name_the_dominant_element():
    assert verbal_label(7.0, "A", "B") == "A 7 · very strong"
    assert verbal_label(1 / 9, "A", "B") == "B 9 · extreme"
    assert verbal_label(2.0, "A", "B") == "A 2 · equal to moderate"
    assert verbal_label(2.1446, "A", "B") == "A 2.145 · between scale steps"
    assert verbal_label(25.43, "A", "B") == "A 25.43 · off-scale"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("current", [None, 3.0, 2.1446, 25.43, 1 / 7])
def test_a_sliders_labels_are_each_options_reading(lang, current):
    options = scale_options(current)
    labels = verbal_labels(options, "Row name", "Column name", lang)
    assert list(labels) == options
    assert labels == {o: verbal_label(o, "Row name", "Column name", lang) for o in options}
    assert len(set(labels.values())) == len(options)  # every option reads differently
