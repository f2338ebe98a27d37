"""The command line with other formats: ``convert``, and .sdmod / .xlsx input to every command."""

from __future__ import annotations

import json

import openpyxl

from anp_core import load_model
from anp_core.cli import main
from anp_core.sdmod import load_sdmod
from tests.conftest import MODEL_PATH, ROOT

FIX = ROOT / "tests" / "fixtures" / "sdmod"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_convert_sdmod_to_json_and_back_through_xlsx(capsys, tmp_path):
    src = FIX / "inner_dependence.sdmod"
    js, xl, js2 = tmp_path / "m.json", tmp_path / "m.xlsx", tmp_path / "m2.json"
    code, out, err = run(capsys, "convert", src, js)
    assert (code, err) == (0, "")
    assert "wrote" in out
    assert load_model(js) == load_sdmod(src)
    assert run(capsys, "convert", js, xl)[0] == 0
    names = openpyxl.load_workbook(xl, read_only=True).sheetnames
    assert {"Judgments", "Results", "L network"} <= set(names)
    assert run(capsys, "convert", xl, js2)[0] == 0
    assert load_model(js2).node_ids == load_model(js).node_ids


def test_convert_without_results_and_refusing_to_overwrite(capsys, tmp_path):
    xl = tmp_path / "m.xlsx"
    assert run(capsys, "convert", MODEL_PATH, xl, "--no-results")[0] == 0
    assert "Results" not in openpyxl.load_workbook(xl, read_only=True).sheetnames
    code, _out, err = run(capsys, "convert", MODEL_PATH, xl)
    assert code == 2
    assert "exists; add --force" in err
    assert run(capsys, "convert", MODEL_PATH, xl, "--force")[0] == 0


def test_convert_refuses_other_output_types(capsys, tmp_path):
    code, _, err = run(capsys, "convert", MODEL_PATH, tmp_path / "m.csv")
    assert code == 2
    assert "writes .json or .xlsx" in err


def test_evaluate_reads_sdmod_and_xlsx(capsys, tmp_path):
    code, out, err = run(capsys, "evaluate", FIX / "two_cluster_feedback.sdmod", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data["composite"]) == {"cost", "quality", "a", "b", "c"}
    xl = tmp_path / "paper.xlsx"
    run(capsys, "convert", MODEL_PATH, xl)
    code, out, _ = run(capsys, "evaluate", xl, "--format", "csv")
    assert code == 0
    assert out.splitlines()[1].startswith("government_regulation")


def test_sensitivity_and_montecarlo_read_sdmod(capsys):
    src = FIX / "two_cluster_feedback.sdmod"
    assert run(capsys, "sensitivity", src, "--criterion", "network")[0] == 0
    assert run(capsys, "montecarlo", src, "--draws", "50", "--format", "json")[0] == 0


def test_a_refused_file_is_one_line_and_status_2(capsys):
    code, out, err = run(capsys, "evaluate", FIX / "superdecisions" / "Car_Ratings.sdmod")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "ratings model" in err
