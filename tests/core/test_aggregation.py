"""Group aggregation (AIJ, AIP), Harker completion, Goepel's consensus, disagreement."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from anp_core import InvalidJudgmentError, PairwiseMatrix
from anp_core.aggregation import aggregate, compatibility_index, complete_harker, consensus, consensus_word

NAN = math.nan
SAATY = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9]


def recip(upper: dict[tuple[int, int], float | None], n: int) -> list[list[float]]:
    m = [[1.0 if i == j else NAN for j in range(n)] for i in range(n)]
    for (i, j), v in upper.items():
        if v is not None:
            m[i][j], m[j][i] = v, 1 / v
    return m


def test_aij_is_the_geometric_mean_of_judgments_pair_by_pair():
    e1 = recip({(0, 1): 4, (0, 2): 9, (1, 2): 2}, 3)
    e2 = recip({(0, 1): 1, (0, 2): 1, (1, 2): 1 / 2}, 3)
    g = aggregate([e1, e2])
    np.testing.assert_allclose(g.matrix[0], [1, 2, 3], rtol=1e-12)
    np.testing.assert_allclose(g.matrix[1, 2], 1.0, rtol=1e-12)
    np.testing.assert_allclose(g.matrix * g.matrix.T, np.ones((3, 3)), rtol=1e-12)
    np.testing.assert_allclose(g.priorities, PairwiseMatrix(g.matrix).priorities(), rtol=1e-12)


def test_aij_weights_are_exponents_of_the_geometric_mean():
    e1, e2 = recip({(0, 1): 4}, 2), recip({(0, 1): 1}, 2)
    g = aggregate([e1, e2], weights=[3, 1])
    assert g.matrix[0, 1] == pytest.approx(4 ** (3 / 4), rel=1e-12)
    assert [e.weight for e in g.experts] == pytest.approx([0.75, 0.25])


def test_aij_skips_a_missing_judgment_and_renormalises_weights_over_who_gave_it():
    e1 = recip({(0, 1): 2, (0, 2): 8, (1, 2): 4}, 3)
    e2 = recip({(0, 1): 2, (0, 2): None, (1, 2): 1}, 3)
    g = aggregate([e1, e2], weights=[1, 3])
    assert g.matrix[0, 2] == pytest.approx(8, rel=1e-12)  # only expert 1 gave it
    assert g.matrix[1, 2] == pytest.approx(4 ** (1 / 4), rel=1e-12)
    assert g.judged_by[0, 2] == 1
    assert g.judged_by[1, 2] == 2
    assert g.experts[1].note == "incomplete (Harker)"
    assert not g.experts[1].complete


def test_a_pair_no_expert_judged_stays_missing_and_is_completed_by_harker():
    e1 = recip({(0, 1): 2, (1, 2): 2}, 3)
    e2 = recip({(0, 1): 2, (1, 2): 2}, 3)
    g = aggregate([e1, e2])
    assert math.isnan(g.matrix[0, 2])
    assert g.missing_pairs == ((0, 2),)
    assert g.completed[0, 2] == pytest.approx(4.0, rel=1e-9)  # consistent completion
    assert g.cr == pytest.approx(0.0, abs=1e-9)
    assert g.upper_values()[0][2] is None


def test_harker_priorities_are_those_of_the_completed_matrix():
    a = recip({(0, 1): 3, (0, 2): 5, (1, 3): 2, (2, 3): 1 / 3}, 4)
    done = complete_harker(a)
    # Harker's C matrix: c_ij = 0 for a missing pair, c_ii = 1 + missing in row i
    c = np.where(np.isnan(a), 0.0, a)
    np.fill_diagonal(c, 1 + np.isnan(a).sum(axis=1))
    vals, vecs = np.linalg.eig(c)
    w = np.abs(vecs[:, np.argmax(vals.real)].real)
    w /= w.sum()
    np.testing.assert_allclose(PairwiseMatrix(done).priorities(), w, rtol=1e-9)


@given(
    w=arrays(np.float64, st.integers(3, 7), elements=st.floats(0.05, 1.0)),
    seed=st.integers(0, 10_000),
)
def test_harker_completion_of_a_consistent_matrix_recovers_its_ratios(w, seed):
    n = len(w)
    full = np.outer(w, 1 / w)
    rng = np.random.default_rng(seed)
    a = full.copy()
    # drop pairs off a spanning path 0-1-...-(n-1), so the judgments stay connected
    for i in range(n):
        for j in range(i + 2, n):
            if rng.random() < 0.6:
                a[i, j] = a[j, i] = np.nan
    np.testing.assert_allclose(complete_harker(a), full, rtol=1e-7)


def test_disconnected_judgments_are_refused_naming_the_unlinked_elements():
    a = recip({(0, 1): 2, (2, 3): 3}, 4)
    with pytest.raises(InvalidJudgmentError, match=r"do not connect every element.*give at least: \(A, C\)"):
        complete_harker(a, labels="ABCD")
    with pytest.raises(InvalidJudgmentError, match="do not connect every element"):
        aggregate([a], labels="ABCD")


def test_an_expert_with_disconnected_judgments_is_kept_for_aij_but_has_no_priorities():
    good = recip({(0, 1): 2, (0, 2): 4, (1, 2): 2, (0, 3): 8, (1, 3): 4, (2, 3): 2}, 4)
    split = recip({(0, 1): 2, (2, 3): 3}, 4)
    g = aggregate([good, split])
    assert g.experts[1].priorities is None
    assert "do not connect every element" in g.experts[1].note
    assert g.consensus is None  # only one expert has priorities
    g2 = aggregate([good, split], "aip")
    np.testing.assert_allclose(g2.priorities, g.experts[0].priorities, rtol=1e-12)


def test_aip_is_the_normalised_weighted_geometric_mean_of_priorities():
    e1, e2 = recip({(0, 1): 3}, 2), recip({(0, 1): 1 / 3}, 2)
    g = aggregate([e1, e2], "aip", weights=[1, 1])
    np.testing.assert_allclose(g.priorities, [0.5, 0.5], rtol=1e-12)
    g = aggregate([e1, e2], "aip", weights=[2, 1])
    w1, w2 = np.array([0.75, 0.25]), np.array([0.25, 0.75])
    expected = w1 ** (2 / 3) * w2 ** (1 / 3)
    np.testing.assert_allclose(g.priorities, expected / expected.sum(), rtol=1e-12)
    assert g.cr is None  # the AIP matrix w_i / w_j is consistent by construction: no group CR applies


@given(
    ws=st.lists(arrays(np.float64, 4, elements=st.floats(0.05, 1.0)), min_size=2, max_size=5),
    lam=st.lists(st.floats(0.1, 5.0), min_size=5, max_size=5),
)
def test_aij_and_aip_agree_on_consistent_matrices(ws, lam):
    mats = [np.outer(w, 1 / w) for w in ws]
    weights = lam[: len(ws)]
    a = aggregate(mats, "aij", weights)
    b = aggregate(mats, "aip", weights)
    np.testing.assert_allclose(a.priorities, b.priorities, rtol=1e-8)


@given(
    st.lists(
        st.lists(st.sampled_from(SAATY), min_size=6, max_size=6),
        min_size=2,
        max_size=6,
    ),
    st.randoms(use_true_random=False),
)
def test_group_matrix_is_reciprocal_and_expert_order_does_not_matter(uppers, rnd):
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    mats = [recip(dict(zip(pairs, u, strict=True)), 4) for u in uppers]
    g = aggregate(mats)
    np.testing.assert_allclose(g.matrix * g.matrix.T, np.ones((4, 4)), rtol=1e-12)
    shuffled = list(mats)
    rnd.shuffle(shuffled)
    h = aggregate(shuffled)
    np.testing.assert_allclose(g.matrix, h.matrix, rtol=1e-12)
    assert g.consensus is not None
    assert h.consensus is not None
    assert g.consensus.s_star == pytest.approx(h.consensus.s_star, abs=1e-12)
    assert 0.0 <= g.consensus.s_star <= 1.0 + 1e-12  # judgments on the 1..9 scale


def test_identical_experts_have_full_consensus_and_no_spread():
    m = recip({(0, 1): 3, (0, 2): 5, (1, 2): 2}, 3)
    g = aggregate([m, m, m])
    assert g.consensus is not None
    assert g.consensus.s_star == pytest.approx(1.0, abs=1e-12)
    assert g.consensus.word == "very high"
    assert all(d.geometric_sd == pytest.approx(1.0) for d in g.disagreements)
    assert all(e.compatibility == pytest.approx(1.0, abs=0.05) for e in g.experts)


def test_consensus_matches_goepel_formula_by_hand():
    """Goepel (2018) S*, computed here step by step for two experts and n = 3, M = 9."""
    p = np.array([[0.8, 0.1, 0.1], [0.1, 0.1, 0.8]])
    h = lambda v: -(v * np.log(v)).sum()  # noqa: E731
    h_alpha = (h(p[0]) + h(p[1])) / 2
    h_gamma = h(p.mean(axis=0))
    m_beta = 1 / math.exp(h_gamma - h_alpha)
    big, small = 9 / 11, 1 / 11
    h_amin = -big * math.log(big) - 2 * small * math.log(small)
    cor = math.exp(math.log(3) - h_amin)
    expected = (m_beta - 1 / cor) / (1 - 1 / cor)
    c = consensus(p)
    assert c.s_star == pytest.approx(expected, rel=1e-12)
    assert c.s_star == pytest.approx(0.321, abs=5e-4)
    assert c.homogeneity == pytest.approx((m_beta - 0.5) / 0.5, rel=1e-12)


def test_a_zero_weight_expert_counts_as_absent():
    a = recip({(0, 1): 3, (0, 2): 5, (1, 2): 2}, 3)
    b = recip({(0, 1): 1 / 3, (0, 2): 1, (1, 2): 5}, 3)
    c = recip({(0, 1): 9, (0, 2): 9, (1, 2): 9}, 3)
    with_zero = aggregate([a, b, c], weights=[1, 1, 0])
    without = aggregate([a, b])
    np.testing.assert_allclose(with_zero.matrix, without.matrix, rtol=1e-12)
    assert with_zero.consensus is not None
    assert without.consensus is not None
    assert with_zero.consensus.s_star == pytest.approx(without.consensus.s_star, rel=1e-12)


def test_the_most_disputed_pair_comes_first():
    a = recip({(0, 1): 1, (0, 2): 9, (1, 2): 1}, 3)
    b = recip({(0, 1): 1, (0, 2): 1 / 9, (1, 2): 2}, 3)
    d = aggregate([a, b], labels=["x", "y", "z"]).disagreements
    assert (d[0].row_label, d[0].col_label) == ("x", "z")
    assert d[0].low == pytest.approx(1 / 9)
    assert d[0].high == pytest.approx(9)
    assert d[0].geometric_sd == pytest.approx(9.0, rel=1e-9)  # ln-values ±ln 9 around 0


def test_compatibility_index_is_one_for_judgments_that_are_the_ratios():
    w = np.array([0.5, 0.3, 0.2])
    assert compatibility_index(np.outer(w, 1 / w), w) == pytest.approx(1.0)
    worse = recip({(0, 1): 1 / 5, (0, 2): 1, (1, 2): 5}, 3)
    assert compatibility_index(worse, w) > 1.1


def test_results_are_immutable():
    g = aggregate([recip({(0, 1): 3}, 2), recip({(0, 1): 2}, 2)])
    for arr in (g.matrix, g.completed, g.priorities, g.judged_by, g.experts[0].priorities):
        with pytest.raises(ValueError, match="read-only"):
            arr[0] = 0  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.cr = 0.5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("mats", "kwargs", "match"),
    [
        ([[[1, 0], [0, 1]]], {}, "finite and > 0"),
        ([[[1, -2], [-0.5, 1]]], {}, "finite and > 0"),
        ([[[1, 1e308], [1e-308, 1]], [[1, 2], [0.5, 1]]], {}, "is outside 1e-06"),
        ([[[1, 1e5], [1e-5, 1]], [[1, 2], [0.5, 1]]], {}, None),
        ([[[1, math.inf], [0, 1]]], {}, "finite and > 0"),
        ([[[1, 2], [2, 1]]], {}, "not reciprocal"),
        ([[[1, 2], [None, 1]]], {}, "missing on both sides"),
        ([[[1, 2], [0.5, 1]], [[1]]], {}, "1 x 1 matrix, the others are 2 x 2"),
        ([[["a", 2], [0.5, 1]]], {}, "must be numbers"),
        ([[[2, 2], [0.5, 1]]], {}, "diagonal"),
        ([], {}, "no expert matrices"),
        ([[[1, 2], [0.5, 1]]], {"weights": [1, 2]}, "2 weights for 1 experts"),
        ([[[1, 2], [0.5, 1]]], {"weights": [-1]}, ">= 0"),
        ([[[1, 2], [0.5, 1]]], {"weights": [0]}, "at least one"),
        ([[[1, 2], [0.5, 1]]], {"method": "mean"}, "unknown aggregation method"),
    ],
)
def test_hostile_input_is_refused_with_a_message(mats, kwargs, match):
    if match is None:  # a large but accepted ratio must not overflow anything
        g = aggregate(mats, **kwargs)
        assert np.all(np.isfinite(g.priorities))
        assert g.consensus is not None
        assert math.isfinite(g.consensus.s_star)
        return
    with pytest.raises(InvalidJudgmentError, match=match):
        aggregate(mats, **kwargs)


def test_consensus_word_scale():
    assert [consensus_word(x) for x in (0.2, 0.55, 0.7, 0.8, 0.9)] == [
        "very low",
        "low",
        "moderate",
        "high",
        "very high",
    ]


def test_consensus_needs_two_experts():
    with pytest.raises(InvalidJudgmentError, match="at least two"):
        consensus([[0.5, 0.5]])
