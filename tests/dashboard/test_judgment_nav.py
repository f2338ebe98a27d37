"""Which matrix the Judgments page shows (dashboard/judgment_nav.py): keys, titles, overrides, missing ones."""

from __future__ import annotations

import pytest

from dashboard import judgment_nav
from dashboard.judgment_nav import absent_view
from tests.support.dashboard_models import feedback_model, hierarchy_model

CREDIT = ("policy", "nodes", "policy", "credit_risk")


def test_a_missing_override_falls_back_to_the_criterion_wide_comparison(paper_model):
    key = ("policy", "nodes", "electronic_payment", "credit_risk")
    assert key not in paper_model.comparison_by_key
    assert judgment_nav.base_key(paper_model, key) == CREDIT


def test_a_missing_override_names_two_different_comparisons(paper_model):
    key = ("policy", "nodes", "electronic_payment", "credit_risk")
    view = absent_view(paper_model, key)
    assert "There is no comparison **" in view.text
    assert "applies to these columns" in view.text
    first, second = view.text.split("**")[1], view.text.split("**")[3]
    assert first != second
    assert view.button == "Create this override (starts as a copy)"


@pytest.mark.parametrize(
    "key",
    [
        ("network", "nodes", "network", "goal"),  # no criterion-wide comparison of the goal's nodes
        ("network", "nodes", "c1", "goal"),  # nor for one column
        ("network", "clusters", "network", None),  # no cluster comparison at all
        ("network", "clusters", "crits", None),
    ],
)
def test_a_comparison_that_does_not_exist_anywhere_is_not_named_twice(key):
    """The old page said "There is no comparison X yet, so X applies" with the same X twice."""
    m = hierarchy_model()
    assert key not in m.comparison_by_key
    view = absent_view(m, key)
    bold = view.text.split("**")[1::2]
    assert len(bold) == 1, view.text
    assert "applies" not in view.text
    if key[1] == "clusters":
        assert "weigh equally" in view.text


def test_creating_a_missing_comparison_starts_with_equal_judgments():
    m = hierarchy_model()
    comp = judgment_nav.starting_comparison(m, ("network", "clusters", "network", None))
    assert comp is not None
    assert set(comp.elements) == {"crits", "alts"}
    assert all(v == 1.0 for row in comp.matrix for v in row)
    new = m.with_comparisons([comp])
    assert ("network", "clusters", "network", None) in new.comparison_by_key


def test_overrides_table(paper_model):
    assert judgment_nav.overrides_table(paper_model) is None
    m = feedback_model()
    table = judgment_nav.overrides_table(m)
    assert len(table) == sum(1 for c in m.comparisons if c.wrt != c.criterion)
