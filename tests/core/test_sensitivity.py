"""One-way sensitivity (anp_core.sensitivity) against brute force and evaluate."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anp_core import ANPError, evaluate, load_model
from anp_core.sensitivity import (
    crossings,
    curves,
    lines,
    top_change_points,
    top_change_points_all,
    top_change_thresholds,
    tornado,
)
from tests.conftest import ROOT

GRID = np.linspace(0.0, 1.0, 200_001)


@pytest.fixture(scope="module")
def ev(paper_model):
    return evaluate(paper_model)


def moved_weights(ev, criterion: str, t: float) -> dict[str, float]:
    """v_k = t, the other criteria rescaled to share 1 - t in their proportions."""
    v = dict(zip(ev.criteria, ev.weights.tolist(), strict=True))
    rest = 1.0 - v[criterion]
    out = {c: (w * (1.0 - t) / rest if rest > 0 else (1.0 - t) / (len(v) - 1)) for c, w in v.items()}
    out[criterion] = t
    return out


def brute_force_crossings(ev, criterion: str):
    """Per factor pair, where c_i - c_j changes sign on the grid.

    Returns ``(brackets, touches)``: ``brackets[(i, j)] = (t_a, t_b)`` for a
    strict sign change between consecutive grid points, ``touches[(i, j)] = t``
    for a grid point where the two lines are equal (within rounding), which in
    the paper's model happens only at t = 1, where two published economic
    priorities are equal. Only the sampled values are used (no use of the
    lines' linearity): the order of the factors is compared between
    consecutive grid points, and every pair whose order flips is a sign change.
    """
    values = lines(ev, criterion).at(GRID)  # (grid, factors)
    order = np.argsort(values, axis=1, kind="stable")
    pos = np.argsort(order, axis=1)  # position of each factor in the ascending order
    brackets, touches = {}, {}
    for g in np.nonzero((pos[1:] != pos[:-1]).any(axis=1))[0]:
        before, after = pos[g], pos[g + 1]
        for i, j in itertools.combinations(range(values.shape[1]), 2):
            if (before[i] < before[j]) != (after[i] < after[j]):
                d0 = values[g, i] - values[g, j]
                d1 = values[g + 1, i] - values[g + 1, j]
                if abs(d0) > 1e-15 and abs(d1) > 1e-15:
                    assert (i, j) not in brackets, "two lines cross at most once"
                    brackets[(i, j)] = (GRID[g], GRID[g + 1])
    srt = np.take_along_axis(values, order, axis=1)
    for g, p in zip(*np.nonzero(np.diff(srt, axis=1) <= 1e-15), strict=True):
        i, j = sorted((int(order[g, p]), int(order[g, p + 1])))
        touches[(i, j)] = GRID[g]
    return brackets, touches


def check_crossings_exact(ev, criterion: str) -> int:
    """Every grid sign change brackets exactly one reported crossing of that pair, and vice versa."""
    ids = list(ev.model.node_ids)
    reported = crossings(ev, criterion)
    found = {}
    for c in reported:
        i, j = sorted((ids.index(c.overtaker), ids.index(c.overtaken)))
        assert (i, j) not in found, f"pair {(c.overtaker, c.overtaken)} reported twice"
        found[(i, j)] = c
    brackets, touches = brute_force_crossings(ev, criterion)
    missing = set(brackets) - set(found)
    assert not missing, f"{criterion}: sign changes on the grid not reported: {missing}"
    extra = set(found) - set(brackets)
    for pair in extra:  # only a touch on a grid point (an exact tie) may be reported without a bracket
        assert pair in touches, f"{criterion}: reported {found[pair]} but the grid shows no sign change"
        assert found[pair].t == pytest.approx(touches[pair], abs=1e-9)
    ln = lines(ev, criterion)
    for pair, (lo, hi) in brackets.items():
        c = found[pair]
        assert lo <= c.t <= hi, f"{c} not in the grid bracket [{lo}, {hi}]"
        a, b = ids.index(c.overtaker), ids.index(c.overtaken)
        at_t = ln.at(c.t)
        assert at_t[a] == pytest.approx(c.value, abs=1e-14)
        assert at_t[b] == pytest.approx(c.value, abs=1e-14)
        # the overtaker is below before the crossing and above after it
        assert ln.at(lo)[a] < ln.at(lo)[b]
        assert ln.at(hi)[a] > ln.at(hi)[b]
    ts = [c.t for c in reported]
    assert ts == sorted(ts)
    return len(brackets)


@pytest.mark.parametrize("criterion", ["policy", "economic", "political", "technological", "socio_cultural"])
def test_crossings_match_a_200001_point_grid_on_the_paper_model(ev, criterion):
    check_crossings_exact(ev, criterion)


def test_political_crossings_of_the_paper_model_are_listed(ev):
    n = check_crossings_exact(ev, "political")
    assert n == 15
    first = crossings(ev, "political")[0]
    names = {f: ev.model.label(f) for f in ev.model.node_ids}
    sentence = first.sentence(names, "political")
    assert sentence == (
        "Consumer complaints handling overtakes Talent cultivation system when the political weight exceeds 0.0176"
    )


@settings(max_examples=12)
@given(
    st.lists(st.floats(0.01, 1.0), min_size=5, max_size=5),
    st.sampled_from(["policy", "economic", "political", "technological", "socio_cultural"]),
)
def test_crossings_match_the_grid_under_any_base_weights(paper_model, raw, criterion):
    ev = evaluate(paper_model).reweighted(dict(zip(paper_model.control_criteria, raw, strict=True)))
    check_crossings_exact(ev, criterion)


@pytest.mark.parametrize("t", [0.0, 0.05, 0.181, 0.5, 0.93, 1.0])
@pytest.mark.parametrize("criterion", ["political", "policy", "socio_cultural"])
def test_lines_reproduce_evaluate(paper_model, ev, criterion, t):
    expected = evaluate(paper_model, moved_weights(ev, criterion, t)).composite_values
    np.testing.assert_allclose(lines(ev, criterion).at(t), expected, atol=1e-14)


def test_curves_are_the_lines_on_a_grid(ev):
    df = curves(ev, "economic", resolution=11)
    assert df.shape == (11, 20)
    np.testing.assert_allclose(df.to_numpy(), lines(ev, "economic").at(np.linspace(0, 1, 11)))
    np.testing.assert_allclose(df.sum(axis=1), 1.0, atol=1e-12)


def test_lines_when_the_criterion_holds_all_the_weight(paper_model):
    ev = evaluate(paper_model, {"political": 1.0})
    ln = lines(ev, "political")
    assert ln.current == 1.0
    # the others share 1 - t equally (documented choice)
    even = {c: 0.25 * 0.6 for c in ev.criteria if c != "political"} | {"political": 0.4}
    np.testing.assert_allclose(ln.at(0.4), evaluate(paper_model, even).composite_values, atol=1e-14)


def test_lines_reject_an_unknown_criterion(ev):
    with pytest.raises(ANPError, match="natural_geography"):
        lines(ev, "natural_geography")
    with pytest.raises(ANPError):
        curves(ev, "political", resolution=1)


def grid_threshold(ev, criterion: str, k: int, direction: int) -> float:
    """First grid weight above (below) the current one whose top-k set differs."""
    ln = lines(ev, criterion)
    t0 = ln.current
    base = np.sort(np.argsort(-ln.at(t0), kind="stable")[:k])
    mask = t0 < GRID if direction > 0 else t0 > GRID
    ts, vals = GRID[mask], ln.at(GRID[mask])
    if direction < 0:
        ts, vals = ts[::-1], vals[::-1]
    tops = np.sort(np.argsort(-vals, axis=1, kind="stable")[:, :k], axis=1)
    changed = np.nonzero((tops != base).any(axis=1))[0]
    return float(ts[changed[0]]) if len(changed) else float("nan")


@pytest.mark.parametrize("criterion", ["policy", "economic", "political", "technological", "socio_cultural"])
def test_top_change_thresholds_agree_with_a_grid_search(ev, criterion):
    df = top_change_thresholds(ev, criterion, tops=(1, 3, 5))
    step = GRID[1] - GRID[0]
    for _, row in df.iterrows():
        k = int(row["top"])
        for col, direction in (("change_above", +1), ("change_below", -1)):
            exact, grid = row[col], grid_threshold(ev, criterion, k, direction)
            if np.isnan(grid):
                assert np.isnan(exact), f"{criterion} top {k} {col}: {exact} but the grid sees no change"
            else:
                # the grid sees the change at the first point past the exact threshold
                assert abs(grid - exact) <= step + 1e-12, f"{criterion} top {k} {col}: {exact} vs grid {grid}"
        dists = [row["change_above"] - row["current"], row["current"] - row["change_below"]]
        finite = [d for d in dists if not np.isnan(d)]
        if finite:
            assert row["smallest_change"] == pytest.approx(min(finite))
        else:
            assert np.isnan(row["smallest_change"])


def test_top1_of_the_paper_model_changes_when_political_falls_to_about_0_102(ev):
    row = top_change_thresholds(ev, "political", tops=(1,)).iloc[0]
    assert row["change_below"] == pytest.approx(0.1021, abs=5e-5)
    assert row["smallest_change"] == pytest.approx(0.181 - row["change_below"], abs=1e-12)


@pytest.mark.parametrize("delta", [0.01, 0.1, 0.25, 0.5, 1.0])
def test_tornado_values_equal_evaluate_at_the_clipped_weights(paper_model, ev, delta):
    factors = ["government_regulation", "comprehensive_service_platform", "product_brand"]
    df = tornado(ev, delta, factors)
    assert len(df) == len(ev.criteria) * len(factors)
    ids = list(paper_model.node_ids)
    for c, v in zip(ev.criteria, ev.weights, strict=True):
        lo, hi = max(v - delta, 0.0), min(v + delta, 1.0)
        low = evaluate(paper_model, moved_weights(ev, c, lo)).composite_values
        high = evaluate(paper_model, moved_weights(ev, c, hi)).composite_values
        sub = df[df["criterion"] == c].set_index("factor")
        for f in factors:
            assert sub.loc[f, "weight_low"] == pytest.approx(lo)
            assert sub.loc[f, "weight_high"] == pytest.approx(hi)
            assert sub.loc[f, "low"] == pytest.approx(low[ids.index(f)], abs=1e-14)
            assert sub.loc[f, "high"] == pytest.approx(high[ids.index(f)], abs=1e-14)
            assert sub.loc[f, "base"] == pytest.approx(ev.composite_values[ids.index(f)], abs=1e-14)


@pytest.mark.parametrize("delta", [0.0, -0.1, 1.5])
def test_tornado_rejects_a_bad_delta(ev, delta):
    with pytest.raises(ANPError, match="delta"):
        tornado(ev, delta)


def test_exact_crossing_counts_for_every_criterion(paper_model):
    """Issue 9: counts computed in exact arithmetic from Table 2; ties at weight 1 are not crossings."""
    from anp_core import evaluate
    from anp_core.sensitivity import crossings, end_ties

    ev = evaluate(paper_model)
    counts = {c: len(crossings(ev, c)) for c in ev.criteria}
    assert counts == {
        "policy": 55,
        "economic": 52,
        "political": 15,
        "technological": 32,
        "socio_cultural": 29,
    }
    for c in ev.criteria:
        for x in crossings(ev, c):
            assert 0 < x.t < 1
    ties = {c: len(end_ties(ev, c)) for c in ev.criteria}
    assert ties == {"policy": 1, "economic": 2, "political": 2, "technological": 2, "socio_cultural": 1}


def test_crossings_do_not_depend_on_the_last_bits(paper_model):
    """Perturbing every priority by 1e-15 relative (BLAS rounding) changes no count."""
    from anp_core import evaluate
    from anp_core.sensitivity import Lines, crossings

    ev = evaluate(paper_model)
    rng = np.random.default_rng(0)
    import anp_core.sensitivity as sens

    original = sens.lines

    def noisy(e, c):
        ln = original(e, c)
        jitter = 1 + rng.uniform(-1e-15, 1e-15, size=ln.intercept.shape)
        return Lines(ln.criterion, ln.current, ln.factor_ids, ln.intercept * jitter, ln.slope * jitter)

    expected = {c: len(crossings(ev, c)) for c in ev.criteria}
    sens.lines = noisy
    try:
        for _ in range(20):
            assert {c: len(crossings(ev, c)) for c in ev.criteria} == expected
    finally:
        sens.lines = original


def _top_set(ln, t: float, k: int) -> tuple[int, ...]:
    """The lines of the k largest composite weights at ``t``, each named by the first factor with that line.

    Factors with the same line (equal within 1e-12 of the largest weight at both ends) are one line:
    which of them the last bits put first is no change of the top k.
    """
    start, end = ln.intercept, ln.intercept + ln.slope
    tol = 1e-12 * max(np.abs(start).max(), np.abs(end).max())
    same = (np.abs(start[:, None] - start[None, :]) <= tol) & (np.abs(end[:, None] - end[None, :]) <= tol)
    first = np.argmax(same, axis=0)
    return tuple(sorted(first[np.argsort(-ln.at(t), kind="stable")[:k]].tolist()))


OTHER_MODELS = sorted((ROOT / "data" / "models" / "examples").glob("*.json")) + sorted(
    (ROOT / "data" / "models" / "templates").glob("*.json")
)


@pytest.mark.parametrize("path", OTHER_MODELS, ids=lambda p: p.stem)
def test_top_change_points_are_the_first_changes_on_every_model(path):
    """Between the current weight and the point found the top-k set stays; just past the point it differs.

    Checked on every example and template model, under its own weights and three random ones, for
    every criterion, both sides and k = 1, 2, 3 and all factors but one. A side without a point sees
    no change at any of 1999 weights inside (0, 1); the ends are left out, where lines may meet
    without crossing (with one criterion every composite weight is 0 at weight 0).
    """
    model = load_model(path)
    rng = np.random.default_rng(7)
    crits = list(evaluate(model).criteria)
    weightings = [None] + [
        dict(zip(crits, rng.dirichlet(np.ones(len(crits))), strict=True)) for _ in range(3)
    ]
    n = len(model.ranked_node_ids)
    tops = sorted({k for k in (1, 2, 3, n - 1) if 1 <= k <= n})
    grid = np.linspace(0.0, 1.0, 2001)[1:-1]
    for weights in weightings:
        ev = evaluate(model, weights)
        for c in ev.criteria:
            ln = lines(ev, c)
            t0, above, below = top_change_points(ev, c, tops)
            assert t0 == ln.current
            for k, up, down in zip(tops, above.tolist(), below.tolist(), strict=True):
                now = _top_set(ln, t0, k)
                for point, step in ((up, 1.0), (down, -1.0)):
                    if np.isnan(point):
                        side = grid[(grid - t0) * step > 0]
                        assert all(_top_set(ln, t, k) == now for t in side), (path.stem, c, k, step)
                        continue
                    assert (point - t0) * step > 0, (path.stem, c, k, step, point)
                    between = grid[((grid - t0) * step > 0) & ((point - grid) * step > 1e-9)]
                    assert all(_top_set(ln, t, k) == now for t in between), (path.stem, c, k, step, point)
                    assert _top_set(ln, float(np.clip(point + step * 1e-10, 0, 1)), k) != now, (
                        path.stem,
                        c,
                        k,
                        step,
                        point,
                    )


@pytest.mark.parametrize(
    "path", [ROOT / "data" / "models" / "cbec_trade_war.json", *OTHER_MODELS], ids=lambda p: p.stem
)
def test_top_change_points_of_all_criteria_together_are_each_criterions(path):
    """The batched call (one sort for the probes of every criterion) gives what one criterion at a time gives."""
    model = load_model(path)
    rng = np.random.default_rng(11)
    crits = list(evaluate(model).criteria)
    n = len(model.ranked_node_ids)
    for weights in [None, dict(zip(crits, rng.dirichlet(np.ones(len(crits))), strict=True))]:
        ev = evaluate(model, weights)
        for tops in [(1, 3, 5), (1, max(n - 1, 1))]:
            current, above, below = top_change_points_all(ev, tops)
            assert above.shape == below.shape == (len(crits), len(tops))
            for i, c in enumerate(ev.criteria):
                t0, up, down = top_change_points(ev, c, tops)
                assert current[i] == t0
                np.testing.assert_array_equal(above[i], up)
                np.testing.assert_array_equal(below[i], down)
