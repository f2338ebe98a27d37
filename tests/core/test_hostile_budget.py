"""Hostile input, issue 11's families: node-count bombs, overflow, special files, extreme
judgments, unicode duplicates, duplicate overrides and bad command-line arguments.

Each family counts its inputs ("hostile inputs tried: <family>", printed at the end of the run); each
input must end in the project's own error naming the problem, or in a correct result.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import unicodedata

import numpy as np
import pytest

from anp_core import ANPError, ModelValidationError, budget, evaluate, load_model
from anp_core.cli import main
from anp_core.scenarios import load_scenario
from tests.conftest import MODEL_PATH, ROOT, count

BASE = json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def bomb(n_clusters: int, per_cluster: int) -> dict:
    """A tiny file describing a huge network: one 2 x 2 comparison, n_clusters x per_cluster nodes."""
    clusters = [
        {
            "id": f"c{i}",
            "name": f"C{i}",
            "nodes": [{"id": f"n{i}_{j}", "name": f"N{i} {j}"} for j in range(per_cluster)],
        }
        for i in range(n_clusters)
    ]
    return {
        "schema_version": 1,
        "id": "bomb",
        "name": "Bomb",
        "criteria": [{"id": "k", "name": "K"}],
        "criteria_comparison": {"elements": ["k"], "matrix": [[1.0]]},
        "clusters": clusters,
        "comparisons": [
            {
                "criterion": "k",
                "kind": "nodes",
                "wrt": "k",
                "cluster": "c0",
                "elements": ["n0_0", "n0_1"],
                "matrix": [[1.0, 2.0], [0.5, 1.0]],
            }
        ],
    }


@pytest.mark.parametrize(("clusters", "per_cluster"), [(25, 200), (50, 200), (4, 200), (200, 4), (3, 201)])
def test_node_count_bombs_are_refused_before_any_supermatrix(clusters, per_cluster):
    count("hostile inputs tried: node-count bombs")
    raw = bomb(clusters, per_cluster)
    n = clusters * per_cluster
    with pytest.raises(ModelValidationError) as info:
        load_model(raw)
    text = str(info.value)
    if per_cluster > 200:
        assert "at most 200 items" in text
    else:
        assert f"{n} nodes; the limit is {budget.current().max_nodes}" in text
        assert "ANP_MAX_NODES" in text


def test_a_private_deployment_can_raise_the_budget():
    count("hostile inputs tried: node-count bombs")
    raw = bomb(4, 200)
    with budget.override(max_nodes=1_000):
        model = load_model(raw)
    assert len(model.node_ids) == 800


def test_memory_estimate_refuses_many_large_networks():
    count("hostile inputs tried: node-count bombs")
    raw = bomb(3, 200)
    with (
        budget.override(max_memory_mb=10),
        pytest.raises(ModelValidationError, match="needs about 16 MB; the limit is 10 MB"),
    ):
        load_model(raw)


@pytest.mark.parametrize(
    "weights",
    [
        {"policy": 1e308, "political": 1e308},
        {"policy": 1e308, "political": 1e308, "economic": 1e308, "technological": 1e308},
        {"policy": 1.7976931348623157e308, "political": 5e-324},
        {"policy": 1e-320},
    ],
)
def test_overflowing_or_tiny_weights_give_real_results(paper_model, weights):
    count("hostile inputs tried: weight overflow")
    ev = evaluate(paper_model, weights)
    assert np.isfinite(ev.weights).all()
    assert ev.weights.sum() == pytest.approx(1.0)
    assert ev.composite_values.sum() == pytest.approx(1.0)
    assert len(set(ev.rank_values.tolist())) > 1


def test_overflowing_weights_on_the_command_line(capsys):
    count("hostile inputs tried: weight overflow")
    assert main(["evaluate", str(MODEL_PATH), "--weights", "policy=1e308,political=1e308"]) == 0
    out = capsys.readouterr().out
    assert "policy=0.5000" in out
    assert "political=0.5000" in out


@pytest.mark.parametrize("kind", ["dev_zero", "fifo", "directory", "empty", "symlink_to_dev_zero", "missing"])
def test_special_files_are_refused_quickly(tmp_path, kind):
    count("hostile inputs tried: special files")
    path = tmp_path / "model.json"
    if kind == "dev_zero":
        path = "/dev/zero"
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "symlink_to_dev_zero":
        path.symlink_to("/dev/zero")
    with pytest.raises(ModelValidationError) as info:
        load_model(str(path))
    text = str(info.value)
    expected = {
        "dev_zero": "not a regular file",
        "fifo": "not a regular file",
        "directory": "not a regular file",
        "symlink_to_dev_zero": "not a regular file",
        "empty": "not valid JSON",
        "missing": "cannot read",
    }[kind]
    assert expected in text


def test_special_file_on_the_command_line_exits_2_without_reading_it():
    count("hostile inputs tried: special files")
    proc = subprocess.run(
        [sys.executable, "-m", "anp_core", "evaluate", "/dev/zero"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "not a regular file" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("cells", "fragment"),
    [
        ({(0, 1): 1e300}, "outside 1e-06"),
        ({(0, 1): 1e-320}, "outside 1e-06"),
        ({(0, 1): 1e7}, "outside 1e-06"),
        ({(0, 1): 1e300, (0, 2): 1e300, (1, 2): 1e200}, "outside 1e-06"),
        ({(0, 1): 2e6}, "outside 1e-06"),
    ],
)
def test_extreme_judgments_are_refused_naming_the_cell(cells, fragment):
    count("hostile inputs tried: extreme judgments")
    raw = copy.deepcopy(BASE)
    comp = raw["comparisons"][1]  # policy / credit_risk: four factors
    for (i, j), v in cells.items():
        comp["matrix"][i][j] = v
        comp["matrix"][j][i] = 1 / v if 1 / v != float("inf") else 1e308
    with pytest.raises(ModelValidationError) as info:
        load_model(raw)
    text = str(info.value)
    assert fragment in text
    assert "(Government regulation" in text or "(government_regulation" in text


def test_extreme_judgment_edit_is_refused_naming_the_cell(paper_model):
    count("hostile inputs tried: extreme judgments")
    key = ("policy", "nodes", "policy", "credit_risk")
    with pytest.raises(
        ModelValidationError,
        match=r"\(government_regulation, insurance_protection\) = 9.99989e-321 is outside",
    ):
        paper_model.with_judgment(key, "government_regulation", "insurance_protection", 1e-320)


def _renamed(path: list, name: str) -> dict:
    raw = copy.deepcopy(BASE)
    target = raw
    for p in path:
        target = target[p]
    target["name"] = name
    return raw


@pytest.mark.parametrize(
    ("path", "other_path", "name"),
    [
        (["clusters", 0, "nodes", 1], "clusters[0].nodes[0]", "Government regulation"),
        (["clusters", 0, "nodes", 1], "clusters[0].nodes[0]", "government REGULATION"),
        (["clusters", 1, "nodes", 0], "clusters[0].nodes[0]", " Government regulation "),
        (["clusters", 1], "clusters[0]", "Credit Risk Management"),
        (["criteria", 1], "criteria[0]", "policy environment"),
    ],
)
def test_duplicate_names_by_case_or_space_are_refused(path, other_path, name):
    count("hostile inputs tried: unicode duplicates")
    raw = _renamed(path, name)
    with pytest.raises(ModelValidationError) as info:
        load_model(raw)
    text = str(info.value)
    assert other_path in text
    assert "names must be distinct" in text


def test_nfc_and_nfd_spellings_of_one_name_are_the_same_name():
    count("hostile inputs tried: unicode duplicates")
    raw = copy.deepcopy(BASE)
    raw["clusters"][0]["nodes"][0]["name"] = unicodedata.normalize("NFC", "Régulation")
    raw["clusters"][0]["nodes"][1]["name"] = unicodedata.normalize("NFD", "Régulation")
    with pytest.raises(ModelValidationError, match=r"case or accents\) at clusters\[0\]\.nodes\[0\]\.name"):
        load_model(raw)


def test_duplicate_override_keys_in_a_scenario_are_refused():
    count("hostile inputs tried: duplicate overrides")
    comp = BASE["comparisons"][0]
    scenario = {"id": "dup", "name": "Dup", "criterion_weights": {"policy": 1.0}, "overrides": [comp, comp]}
    with pytest.raises(ModelValidationError, match=r"overrides\[1\] has the same"):
        load_scenario(scenario)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["montecarlo", "--seed", "-1", "--draws", "10"], "seed must be a whole number >= 0"),
        (["montecarlo", "--spread", "-1", "--draws", "10"], "spread must be between 0 and 10"),
        (["montecarlo", "--spread", "nan", "--draws", "10"], "spread must be between 0 and 10"),
        (["montecarlo", "--draws", "0"], "draws must be a positive integer"),
        (["evaluate", "--weights", "policy=0.5,policy=0.9"], "'policy' given twice"),
        (["evaluate", "--weights", "policy=0.5,political=0.2,policy=0.9"], "'policy' given twice"),
        (["evaluate", "--weights", ""], "no name=value pairs"),
        (["evaluate", "--weights", "=3"], "is not name=value"),
        (["evaluate", "--weights", "policy=inf"], "must be finite"),
    ],
)
def test_bad_command_line_arguments_exit_2_with_one_line(capsys, args, fragment):
    count("hostile inputs tried: command-line arguments")
    assert main([args[0], str(MODEL_PATH), *args[1:]]) == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert err.count("\n") == 1


def test_negative_zero_spread_is_zero(capsys):
    count("hostile inputs tried: command-line arguments")
    assert main(["montecarlo", str(MODEL_PATH), "--spread", "-0.0", "--draws", "50"]) == 0
    assert "top factor unchanged in 100.0% of draws" in capsys.readouterr().out


def test_monte_carlo_honours_its_time_budget_and_cancel(paper_model):
    from anp_core.montecarlo import monte_carlo

    count("hostile inputs tried: long computations")
    mc = monte_carlo(paper_model, draws=1_000_000, time_budget=0.0, batch_size=500)
    assert mc.draws == 500
    assert "time budget" in mc.stopped
    calls = []
    mc = monte_carlo(
        paper_model, draws=10_000, batch_size=1_000, should_stop=lambda: calls.append(1) or len(calls) >= 3
    )
    assert mc.draws == 3_000
    assert mc.stopped.startswith("cancelled after 3,000 of 10,000")


def test_anp_error_is_raised_for_unknown_weights(paper_model):
    count("hostile inputs tried: weight overflow")
    with pytest.raises(ANPError):
        evaluate(paper_model, {"nowhere": 1.0})
