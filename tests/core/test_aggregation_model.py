"""Panels on whole models: matrices of a model, experts' copies aggregated, the ``aggregate`` command."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from anp_core import ModelValidationError, load_model
from anp_core.aggregation_model import (
    CRITERIA_KEY,
    aggregate_models,
    apply_aggregates,
    key_from_text,
    key_text,
    model_matrices,
)
from anp_core.cli import main
from tests.conftest import MODEL_PATH

SCALE = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1.0, 3.0, 5.0, 7.0, 9.0]


def expert_copy(seed: int) -> dict:
    data = json.loads(MODEL_PATH.read_text())
    rnd = random.Random(seed)
    for comp in [data["criteria_comparison"], *data["comparisons"]]:
        n = len(comp["elements"])
        m = [[1.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                v = rnd.choice(SCALE)
                m[i][j], m[j][i] = v, 1 / v
        comp["matrix"] = m
    return data


def test_model_matrices_lists_the_criteria_comparison_then_every_comparison(paper_model):
    specs = model_matrices(paper_model)
    assert specs[0].key == CRITERIA_KEY
    assert len(specs) == 1 + len(paper_model.comparisons)
    assert [s.key for s in specs[1:]] == [c.key for c in paper_model.comparisons]
    assert all(key_from_text(key_text(s.key)) == s.key for s in specs)
    assert specs[0].labels == tuple(paper_model.label(e) for e in paper_model.control_criteria)


def test_copies_of_the_same_model_aggregate_to_it_with_full_consensus(paper_model):
    res = aggregate_models([paper_model, paper_model, paper_model])
    for spec in res.specs:
        r = res.results[spec.key]
        np.testing.assert_allclose(r.matrix, np.array(spec.values), rtol=1e-9)
        if r.n > 1:
            assert r.consensus is not None
            assert r.consensus.s_star == pytest.approx(1.0, abs=1e-9)
    assert "AIJ" in res.model.criteria_comparison.note


def test_each_matrix_is_the_aggregate_of_the_experts_matrices():
    models = [load_model(expert_copy(s)) for s in range(3)]
    res = aggregate_models(models, "aij", [2, 1, 1])
    comp = res.model.comparisons[5]
    mats = [np.array(m.comparisons[5].matrix) for m in models]
    expected = np.exp((2 * np.log(mats[0]) + np.log(mats[1]) + np.log(mats[2])) / 4)
    np.testing.assert_allclose(np.array(comp.matrix), expected, rtol=1e-9)
    assert "consensus S*" in comp.note


def test_copies_that_compare_different_elements_are_refused(paper_model):
    other = expert_copy(1)
    other["comparisons"][1]["elements"] = list(reversed(other["comparisons"][1]["elements"]))
    with pytest.raises(ModelValidationError, match="expected"):
        aggregate_models([paper_model, load_model(other)])


def test_apply_refuses_a_matrix_the_model_does_not_have(paper_model):
    res = aggregate_models([paper_model, paper_model])
    r = res.results[CRITERIA_KEY]
    with pytest.raises(ModelValidationError, match="no such matrix"):
        apply_aggregates(paper_model, {("policy", "nodes", "nowhere", "x"): r})


def test_cli_aggregate_writes_a_model_that_evaluates(tmp_path, capsys):
    files = []
    for s in range(3):
        p = tmp_path / f"expert{s + 1}.json"
        p.write_text(json.dumps(expert_copy(s)))
        files.append(str(p))
    out, report = tmp_path / "panel.json", tmp_path / "report.json"
    rc = main(
        [
            "aggregate",
            *files,
            "-o",
            str(out),
            "--method",
            "aip",
            "--weights",
            "2,1,1",
            "--report",
            str(report),
        ]
    )
    assert rc == 0
    text = capsys.readouterr().out
    assert "3 experts, AIP" in text
    assert "Control criteria" in text
    model = load_model(out)
    assert "AIP" in model.criteria_comparison.note
    rep = json.loads(report.read_text())
    assert rep["method"] == "aip"
    assert len(rep["matrices"]) == 1 + len(model.comparisons)
    first = rep["matrices"][0]
    assert [e["weight"] for e in first["experts"]] == pytest.approx([0.5, 0.25, 0.25])
    assert 0 <= first["consensus_s_star"] <= 1
    assert main(["evaluate", str(out), "--format", "json"]) == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--weights", "1,2"], "2 weight(s) for 3 expert file(s)"),
        (["--weights", "1,x,1"], "'x' is not a number"),
        (["--weights", "0,0,0"], "at least one weight"),
        (["--weights", "1,-1,1"], "finite number >= 0"),
        (["--method", "median"], "invalid choice"),
    ],
)
def test_cli_aggregate_bad_arguments_exit_2_with_one_line(tmp_path, capsys, extra, message):
    files = []
    for s in range(3):
        p = tmp_path / f"e{s}.json"
        p.write_text(json.dumps(expert_copy(s)))
        files.append(str(p))
    rc = (
        main(["aggregate", *files, "-o", str(tmp_path / "out.json"), *extra])
        if "--method" not in extra
        else None
    )
    if rc is None:
        with pytest.raises(SystemExit) as exc:
            main(["aggregate", *files, "-o", str(tmp_path / "out.json"), *extra])
        rc = exc.value.code
    assert rc == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


def test_cli_aggregate_names_the_bad_file(tmp_path, capsys):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(expert_copy(0)))
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    assert main(["aggregate", str(good), str(bad), "-o", str(tmp_path / "o.json")]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err
    assert "not valid JSON" in err


def test_cli_aip_shows_no_group_cr_and_agreeing_experts_no_disputed_pair(tmp_path, capsys):
    """Under AIP the group CR is not applicable (not a misleading 0); equal answers name no disputed pair."""
    p1, p2, p3 = (tmp_path / f"e{k}.json" for k in range(3))
    p1.write_text(json.dumps(expert_copy(1)))
    p2.write_text(json.dumps(expert_copy(1)))
    p3.write_text(json.dumps(expert_copy(2)))
    report = tmp_path / "r.json"
    args = ["aggregate", str(p1), str(p2), "-o", str(tmp_path / "o.json"), "--report", str(report)]
    assert main([*args, "--method", "aip"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [ln for ln in lines if ln.startswith("Control criteria")]
    assert " n/a " in rows[0]
    assert "0.000" not in rows[0]
    assert rows[0].rstrip().endswith("none")  # both experts gave the same answers
    rep = json.loads(report.read_text())
    assert all(m["cr"] is None and m["disagreements"] == [] for m in rep["matrices"])
    assert "no group CR under AIP" in load_model(tmp_path / "o.json").criteria_comparison.note
    assert main(["aggregate", str(p1), str(p3), "-o", str(tmp_path / "o2.json")]) == 0  # AIJ, disagreeing
    row = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("Control criteria"))
    assert " vs " in row
    assert " n/a " not in row


COFFEE = MODEL_PATH.parent / "examples" / "coffee_feedback.json"


def two_experts(model, keys):
    """Aggregates of two experts (3 and 1/3 on every pair) for the matrices ``keys`` of ``model``."""
    from anp_core.aggregation import aggregate

    out = {}
    for s in model_matrices(model):
        if s.key in keys:
            up = np.triu(np.ones((s.n, s.n)), 1)
            a, b = (v**up * (1 / v) ** up.T for v in (3.0, 1 / 3))
            out[s.key] = aggregate([a, b], "aij", labels=s.labels)
    return out


def test_applying_every_matrix_says_the_judgments_are_the_panels_aggregate():
    from datetime import date

    from dashboard.model_notes import judgments_notice

    model = load_model(COFFEE)
    assert model.source.judgments == "illustrative"
    keys = [s.key for s in model_matrices(model)]
    new = apply_aggregates(model, two_experts(model, keys), source="panel 'Class 3B'", when=date(2026, 5, 4))
    assert new.source.judgments == "aggregated"
    assert new.source.citation == model.source.citation
    assert new.source.notes == (
        "Aggregate of panel 'Class 3B': AIJ (geometric mean of judgments) of the judgments of 2 experts, "
        "answers as of 2026-05-04."
    )
    for lang in ("en", "zh"):
        notice = judgments_notice(new, lang)
        assert "illustrative" not in notice
        assert "Class 3B" in notice
    assert "2026-05-04" in new.source.translations["zh"].notes
    assert "invented" not in new.source.translations["zh"].notes
    assert all(
        not t.note for c in new.comparisons for t in c.translations.values()
    )  # old notes described old judgments


def test_applying_part_of_the_matrices_keeps_the_earlier_kind_and_is_stable():
    from datetime import date

    model = load_model(COFFEE)
    keys = [s.key for s in model_matrices(model) if s.n >= 2][:2]
    kw = {"source": "panel 'P'", "when": date(2026, 5, 4)}
    new = apply_aggregates(model, two_experts(model, keys), **kw)
    total = sum(s.n >= 2 for s in model_matrices(model))
    assert (
        f"The other {total - 2} of the model's {total} matrices keep its earlier judgments."
        in new.source.notes
    )
    assert new.source.notes.endswith(f"Earlier judgments: illustrative ({model.source.notes}).")
    again = apply_aggregates(new, two_experts(new, keys), **kw)
    assert again.fingerprint == new.fingerprint  # applying the same aggregate again changes nothing


def test_the_cli_says_where_the_aggregated_judgments_come_from(tmp_path):
    files = []
    for s in range(2):
        p = tmp_path / f"e{s}.json"
        p.write_text(json.dumps(expert_copy(s)))
        files.append(str(p))
    assert main(["aggregate", *files, "-o", str(tmp_path / "o.json")]) == 0
    src = load_model(tmp_path / "o.json").source
    assert src.judgments == "aggregated"
    assert src.notes.startswith("Aggregate of 2 expert model files: AIJ")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_policy_brief_caveat_tells_where_applied_judgments_come_from(lang):
    from datetime import date

    from anp_core.report import build_brief, render_html

    model = load_model(COFFEE)
    keys = [s.key for s in model_matrices(model) if s.n >= 2]
    new = apply_aggregates(model, two_experts(model, keys), source="panel 'Class 3B'", when=date(2026, 5, 4))
    html = render_html(build_brief(new, mc_draws=50), lang)
    caveat = html[html.index('<section class="caveat">') :]
    caveat = caveat[: caveat.index("</section>")]
    assert "Class 3B" in caveat
    assert "2026-05-04" in caveat
    assert "illustrative" not in caveat.lower()
    assert "invented" not in caveat
