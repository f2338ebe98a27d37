"""The ``check`` command: what a draft or model still needs, with what to do (status 1 while blocked)."""

from __future__ import annotations

import json

from anp_core.cli import main
from anp_core.draft import dump_draft
from tests.core.test_draft import three_clusters
from tests.support.paper import ROOT


def test_check_a_draft_lists_what_blocks_it(tmp_path, capsys):
    path = tmp_path / "three.draft.json"
    path.write_text(dump_draft(three_clusters(judged=False)))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Three clusters: draft: 4 problems block it")
    assert "-> Judge at least 1 more pair: (b1, b2)." in out


def test_check_a_complete_model_as_json(tmp_path, capsys):
    path = tmp_path / "three.json"
    path.write_text(dump_draft(three_clusters()))
    assert main(["check", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["complete"] is True
    assert [p["code"] for p in report["problems"]] == ["limit"]


def test_check_a_wrong_file_is_bad_input(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(
        '{"schema_version": 1, "draft": true, "id": "x", "name": "X", "clusters": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]}'
    )
    assert main(["check", str(path)]) == 2
    assert "duplicate id 'a'" in capsys.readouterr().err


def test_check_reads_super_decisions_files(capsys):
    assert main(["check", str(ROOT / "tests" / "fixtures" / "sdmod" / "two_cluster_feedback.sdmod")]) == 0
    assert "complete model" in capsys.readouterr().out


def test_check_says_one_problem_in_the_singular(tmp_path, capsys):
    """All pairs judged but one: 'draft: 1 problem blocks it' (not '1 problem block it')."""
    from anp_core import edit_links as lk

    d = three_clusters()
    comp = d.comparisons[0]
    d = lk.set_judgment(d, comp.key, comp.elements[0], comp.elements[1], None).draft
    path = tmp_path / "one.draft.json"
    path.write_text(dump_draft(d))
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out.startswith("Three clusters: draft: 1 problem blocks it")
