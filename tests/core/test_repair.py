"""Consistency repair on Saaty's scale (anp_core.repair), in the draft's problems and in ``check``."""

from __future__ import annotations

import pytest

from anp_core import PairwiseMatrix
from anp_core import edit as ed
from anp_core import edit_links as lk
from anp_core.draft import dump_draft, matrix_of
from anp_core.draft_problems import diagnose
from anp_core.repair import SAATY_SCALE, scale_repairs

CYCLE = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]  # North 9 > South, South 9 > East, East 9 > North


def _on_scale(x: float) -> bool:
    return any(abs(x - s) <= 1e-9 * s for s in SAATY_SCALE)


def test_suggestions_stay_on_the_scale_and_lower_cr_most():
    pm = PairwiseMatrix(CYCLE, labels=["North", "South", "East"])
    tips = scale_repairs(pm)
    assert tips
    for t in tips:
        assert _on_scale(t.suggested)
        assert t.cr_after < pm.cr
        # no other scale value does better on that judgment
        for s in SAATY_SCALE:
            trial = pm.with_judgment(t.row, t.col, s)
            assert trial.cr >= t.cr_after - 1e-9
    assert [t.cr_drop for t in tips] == sorted((t.cr_drop for t in tips), reverse=True)
    best = tips[0]
    # the exact consistent value (1/81) is kept as information only
    assert best.consistent is not None
    assert not best.consistent_on_scale
    assert best.consistent == pytest.approx(1 / 81, rel=1e-6)
    assert best.suggested == pytest.approx(1 / 9)


def test_no_suggestion_for_a_consistent_matrix():
    assert scale_repairs(PairwiseMatrix([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])) == []


def _cycle_draft():
    d = ed.new_draft("Cycle")
    d = ed.add_cluster(d, "Sites").draft
    for n in ("North", "South", "East"):
        d = ed.add_node(d, d.clusters[0].id, n).draft
    c = d.criteria[0].id
    cl = d.clusters[0].id
    d = lk.set_link(d, c, c, cl, True).draft
    key = (c, "nodes", c, cl)
    for (a, b), v in {("north", "south"): 9.0, ("south", "east"): 9.0, ("east", "north"): 9.0}.items():
        d = lk.set_judgment(d, key, a, b, v).draft
    return d, key


def test_draft_problem_repair_is_on_the_scale():
    d, key = _cycle_draft()
    bad = [p for p in diagnose(d).problems if p.code == "inconsistent"]
    assert len(bad) == 1
    r = bad[0].repair
    assert r is not None
    assert _on_scale(r.suggested)
    assert "to 1/81," not in bad[0].action  # the exact value only as information
    assert "is off the scale" in bad[0].action
    elements = matrix_of(d, key)[0]
    fixed = lk.set_judgment(d, key, elements[r.row], elements[r.col], r.suggested).draft
    assert PairwiseMatrix(matrix_of(fixed, key)[1]).cr == pytest.approx(r.cr_after, abs=1e-9)
    assert not [p for p in diagnose(fixed).problems if "off the" in p.message]


def test_check_prints_a_scale_value(tmp_path, capsys):
    from anp_core.cli import main

    d, _key = _cycle_draft()
    path = tmp_path / "cycle.json"
    path.write_text(dump_draft(d))
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "to 1/81," not in out
    assert "1/81, is off the scale" in out  # shown as information
    assert "to 1/9," in out
