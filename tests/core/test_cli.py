"""The command line: ``python -m anp_core evaluate``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from anp_core import evaluate
from anp_core.cli import main
from tests.conftest import MODEL_PATH, ROOT


def run_cli(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_has_the_documented_keys(capsys, paper_model):
    code, out, err = run_cli(capsys, "evaluate", str(MODEL_PATH), "--format", "json")
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert {"criterion_weights", "by_criterion", "composite", "cluster_weights", "ranks"} <= set(data)
    ev = evaluate(paper_model)
    assert data["composite"] == pytest.approx(ev.composite.to_dict(), abs=1e-15)
    assert data["ranks"] == ev.ranks.to_dict()
    assert set(data["by_criterion"]) == set(paper_model.node_ids)
    assert data["by_criterion"]["government_regulation"]["political"] == pytest.approx(
        ev.by_criterion.loc["government_regulation", "political"]
    )


def test_weights_are_renormalised_and_echoed(capsys, paper_model):
    code, out, _ = run_cli(capsys, "evaluate", str(MODEL_PATH), "--weights", "policy=2,political=2")
    assert code == 0
    assert "policy=0.5000" in out
    assert "political=0.5000" in out
    assert "economic=0.0000" in out
    code, out, _ = run_cli(
        capsys, "evaluate", str(MODEL_PATH), "--weights", "policy=2,political=2", "--format", "json"
    )
    data = json.loads(out)
    assert data["criterion_weights"]["policy"] == 0.5
    ev = evaluate(paper_model, {"policy": 1, "political": 1})
    assert data["composite"] == pytest.approx(ev.composite.to_dict(), abs=1e-15)


def test_table_is_ranked_with_cluster_and_criterion_columns(capsys):
    code, out, _ = run_cli(capsys, "evaluate", str(MODEL_PATH))
    assert code == 0
    lines = out.splitlines()
    header = next(line for line in lines if "composite" in line)
    for col in ("cluster", "cluster_weight", "policy", "socio_cultural", "rank"):
        assert col in header
    body = [line for line in lines if line.startswith("government_regulation")]
    assert body, out
    assert lines.index(body[0]) < next(
        i for i, line in enumerate(lines) if line.startswith("insurance_protection")
    )


def test_csv_format_parses(capsys):
    import io

    import pandas as pd

    code, out, _ = run_cli(capsys, "evaluate", str(MODEL_PATH), "--format", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out), index_col=0)
    assert len(df) == 20
    assert df["rank"].is_monotonic_increasing


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["evaluate", "missing.json"], "cannot read"),
        (["evaluate", str(MODEL_PATH), "--weights", "policy=abc"], "not a number"),
        (["evaluate", str(MODEL_PATH), "--weights", "tariffs=1"], "unknown criterion"),
        (["evaluate", str(MODEL_PATH), "--weights", "policy=-1"], ">= 0"),
        (["evaluate", str(MODEL_PATH), "--weights", "policy=0"], "sum to 0"),
        (["evaluate", str(MODEL_PATH), "--weights", "policy"], "name=value"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, fragment):
    code, out, err = run_cli(capsys, *args)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert fragment in err


def test_invalid_model_file_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "id": "x"}')
    proc = subprocess.run(
        [sys.executable, "-m", "anp_core", "evaluate", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "invalid model" in proc.stderr
    assert "more problem" in proc.stderr


@pytest.mark.parametrize("args", [["evaluate", "x.json", "--format", "xml"], ["frobnicate"], []])
def test_usage_errors_exit_2_with_one_line(args):
    proc = subprocess.run(
        [sys.executable, "-m", "anp_core", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_reader_that_stops_early_gets_no_traceback():
    # ``python -m anp_core evaluate MODEL | head -1``: the pipe closes while the table prints
    cmd = f"'{sys.executable}' -m anp_core evaluate '{MODEL_PATH}' | head -c 10"
    proc = subprocess.run(
        ["bash", "-o", "pipefail", "-c", cmd], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.stdout == "model: Cro"
    assert proc.stderr == ""
    assert proc.returncode == 0
