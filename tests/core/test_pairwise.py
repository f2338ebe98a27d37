"""Pairwise matrices: validation, priorities, consistency (ANP_METHOD.md section 1)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from anp_core import InvalidJudgmentError, PairwiseMatrix, random_index
from anp_core.pairwise import RI_TABLES, consistent_matrix, eigen_priorities

SAATY = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


@st.composite
def reciprocal_matrices(draw, min_n=1, max_n=9):
    n = draw(st.integers(min_n, max_n))
    m = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            v = draw(st.sampled_from(SAATY) | st.floats(1 / 9, 9))
            m[i, j], m[j, i] = v, 1 / v
    return m


weights = arrays(np.float64, st.integers(2, 12), elements=st.floats(0.01, 100))


@given(reciprocal_matrices())
@pytest.mark.parametrize("method", ["eigen", "geometric"])
def test_priorities_are_positive_and_sum_to_one(method, m):
    w = PairwiseMatrix(m).priorities(method)
    assert np.all(w > 0)
    assert w.sum() == pytest.approx(1.0, abs=1e-12)


@given(weights)
def test_consistent_matrix_gives_cr_zero_and_exact_ratios(v):
    w_true = v / v.sum()
    A = PairwiseMatrix(consistent_matrix(w_true))
    for method in ("eigen", "geometric"):
        w = A.priorities(method)
        np.testing.assert_allclose(w, w_true, rtol=1e-9)
        np.testing.assert_allclose(np.outer(w, 1 / w), A.values, rtol=1e-9)
    assert A.cr == pytest.approx(0.0, abs=1e-9)
    assert A.lambda_max == pytest.approx(len(v), rel=1e-12)


@given(reciprocal_matrices(min_n=2), st.randoms(use_true_random=False))
def test_permuting_a_matrix_permutes_its_priorities(m, rnd):
    n = len(m)
    perm = list(range(n))
    rnd.shuffle(perm)
    w = PairwiseMatrix(m).priorities()
    wp = PairwiseMatrix(m[np.ix_(perm, perm)]).priorities()
    np.testing.assert_allclose(wp, w[perm], rtol=1e-9, atol=1e-12)


@given(reciprocal_matrices(min_n=2), st.data())
def test_reciprocal_violation_is_rejected_and_named(m, data):
    n = len(m)
    i = data.draw(st.integers(0, n - 2))
    j = data.draw(st.integers(i + 1, n - 1))
    factor = data.draw(st.floats(1.001, 5.0))
    bad = m.copy()
    bad[i, j] *= factor
    labels = [f"e{k}" for k in range(n)]
    with pytest.raises(InvalidJudgmentError, match=rf"\(e{i}, e{j}\).*not reciprocal"):
        PairwiseMatrix(bad, labels)


@given(reciprocal_matrices(min_n=2), st.data(), st.sampled_from([0.0, -1.0, -0.5, np.inf, -np.inf]))
def test_non_positive_or_non_finite_judgment_is_rejected(m, data, value):
    n = len(m)
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(0, n - 1).filter(lambda k: k != i))
    bad = m.copy()
    bad[i, j] = value
    with pytest.raises(InvalidJudgmentError, match="finite and > 0"):
        PairwiseMatrix(bad, [chr(65 + k) for k in range(n)])


def test_error_names_the_cell_by_labels():
    with pytest.raises(InvalidJudgmentError, match=r"economic: judgment \(tariffs, logistics\) = 0"):
        PairwiseMatrix([[1, 0], [1, 1]], ["tariffs", "logistics"], name="economic")


@pytest.mark.parametrize(
    ("values", "match"),
    [
        ([[1, 2, 3], [0.5, 1, 2]], "square"),
        ([], "square"),
        ([[2, 1], [1, 1]], "diagonal"),
        ([["a", 1], [1, 1]], "numbers"),
    ],
)
def test_malformed_matrices_are_rejected(values, match):
    with pytest.raises(InvalidJudgmentError, match=match):
        PairwiseMatrix(values)


def test_lambda_ci_cr_match_independent_computation():
    """Saaty's 3 x 3 example; lambda_max by numpy.linalg.eigvals, CR with the default table."""
    m = np.array([[1, 1 / 3, 1 / 2], [3, 1, 3], [2, 1 / 3, 1]])
    A = PairwiseMatrix(m)
    lam = float(max(np.linalg.eigvals(m).real))
    assert A.lambda_max == pytest.approx(lam, rel=1e-12)
    assert A.ci == pytest.approx((lam - 3) / 2, rel=1e-12)
    assert A.cr == pytest.approx((lam - 3) / 2 / 0.52, rel=1e-12)
    assert A.consistency_ratio("saaty1980") == pytest.approx((lam - 3) / 2 / 0.58, rel=1e-12)
    assert A.is_consistent()


@pytest.mark.parametrize(
    ("n", "table", "expected"),
    [
        (2, "superdecisions", 0.0),
        (3, "superdecisions", 0.52),
        (3, "saaty1980", 0.58),
        (12, "saaty1980", 1.48),
        (15, "superdecisions", 1.58),
        (4, "alonso_lamata2006", (1.7699 * 4 - 4.3513) / 3),
        (30, "superdecisions", (1.7699 * 30 - 4.3513) / 29),
    ],
)
def test_random_index_tables(n, table, expected):
    assert random_index(n, table) == pytest.approx(expected)


def test_every_table_is_named_and_unknown_table_is_rejected():
    assert set(RI_TABLES) == {"superdecisions", "saaty1980", "alonso_lamata2006"}
    with pytest.raises(InvalidJudgmentError, match="choose one of"):
        random_index(4, "nope")


@pytest.mark.parametrize("n", [1, 2])
def test_small_matrices_are_always_consistent(n):
    A = PairwiseMatrix(np.array([[1, 7], [1 / 7, 1]])[:n, :n])
    assert A.cr == 0.0
    assert A.most_inconsistent() is None


@given(weights.filter(lambda v: len(v) >= 4), st.data())
def test_most_inconsistent_finds_the_perturbed_judgment(v, data):
    w = v / v.sum()
    n = len(w)
    i = data.draw(st.integers(0, n - 2))
    j = data.draw(st.integers(i + 1, n - 1))
    m = consistent_matrix(w)
    m[i, j] *= 6.0
    m[j, i] = 1 / m[i, j]
    A = PairwiseMatrix(m)
    worst = A.most_inconsistent()
    assert (worst.row, worst.col) == (i, j)
    fixed = A.with_judgment(i, j, worst.consistent_value)
    assert fixed.cr < A.cr


def test_with_judgment_keeps_reciprocity():
    A = PairwiseMatrix(np.ones((3, 3)), "abc").with_judgment(0, 2, 5.0)
    assert A.values[0, 2] == 5.0
    assert A.values[2, 0] == pytest.approx(0.2)
    with pytest.raises(InvalidJudgmentError):
        A.with_judgment(1, 1, 3.0)
    with pytest.raises(InvalidJudgmentError, match="> 0"):
        A.with_judgment(0, 1, 0.0)


def test_extreme_ratios_give_finite_priorities():
    m = np.array([[1, 1e300], [1e-300, 1]])
    w, lam = eigen_priorities(m)
    assert np.all(np.isfinite(w))
    assert np.isfinite(lam)


# ----- incomplete judgments and consistency repair (issue 12) -----


def test_missing_judgments_are_none_and_use_harker():
    from anp_core.kernel import harker_matrix, principal_eigen

    A = PairwiseMatrix(
        [[1, 3, None, 2], [1 / 3, 1, 2, None], [None, 1 / 2, 1, 1], [1 / 2, None, 1, 1]], "abcd"
    )
    assert A.missing_pairs == ((0, 2), (1, 3))
    values = np.array(A.values)
    np.testing.assert_allclose(A.priorities(), principal_eigen(harker_matrix(values))[0])
    completed = A.completed()
    assert not np.isnan(completed).any()
    w = A.priorities()
    assert completed[0, 2] == pytest.approx(w[0] / w[2])
    assert A.cr == pytest.approx(PairwiseMatrix(completed).cr, rel=1e-9)
    llsm = PairwiseMatrix(A.values, "abcd", incomplete="llsm")
    assert np.abs(llsm.priorities() - A.priorities()).max() < 0.05


def test_disconnected_judgments_are_refused_with_the_pairs_needed():
    nan = None
    with pytest.raises(InvalidJudgmentError, match=r"give at least: \(a, c\)"):
        PairwiseMatrix([[1, 2, nan, nan], [0.5, 1, nan, nan], [nan, nan, 1, 3], [nan, nan, 1 / 3, 1]], "abcd")


def test_missing_on_one_side_only_is_refused():
    with pytest.raises(InvalidJudgmentError, match="missing on both sides"):
        PairwiseMatrix([[1, None], [2, 1]], "ab")


def test_diagonal_within_tolerance_is_one_not_an_index_error():
    """Issue 11: a diagonal of 1.000001 used to crash the reciprocity check with IndexError."""
    A = PairwiseMatrix([[1.000001, 2], [0.5, 1]], "ab")
    assert A.values[0, 0] == 1.0
    with pytest.raises(InvalidJudgmentError, match=r"diagonal judgment \(a, a\) = 1.00001"):
        PairwiseMatrix([[1.00001, 2], [0.5, 1]], "ab")


def test_repair_suggestions_lower_the_cr_best_first():
    A = PairwiseMatrix(
        [[1, 3, 5, 1 / 2], [1 / 3, 1, 2, 1 / 4], [1 / 5, 1 / 2, 1, 7], [2, 4, 1 / 7, 1]], "abcd"
    )
    assert A.cr > 0.1
    tips = A.repair_suggestions()
    assert tips
    assert tips[0].cr_after < A.cr
    assert [t.cr_drop for t in tips] == sorted((t.cr_drop for t in tips), reverse=True)
    best = tips[0]
    fixed = A.with_judgment(best.row, best.col, best.suggested)
    assert fixed.cr == pytest.approx(best.cr_after)
    assert (best.row_label, best.col_label) == ("c", "d")


def test_validated_matrix_is_built_once_per_content():
    from anp_core.pairwise import validated_matrix

    m = ((1.0, 2.0), (0.5, 1.0))
    assert validated_matrix(m, ("a", "b"), "x") is validated_matrix(m, ("a", "b"), "x")
