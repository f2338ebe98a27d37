"""Hostile input: fuzzed model files, the command line, awkward numbers.

Every bad input must end in the project's own error (ModelValidationError /
ANPError) with a message naming the problem; nothing else may escape, and no
output may hold NaN. The number of inputs tried is printed at the end of the
run ("hostile model inputs tried").
"""

from __future__ import annotations

import copy
import json
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anp_core import ANPError, ModelValidationError, evaluate, limit_matrix, load_model
from anp_core.cli import main
from anp_core.i18n import translator
from anp_core.model_checks import MAX_LISTED_ERRORS
from anp_core.model_file import MAX_ITEMS
from tests.conftest import MODEL_PATH, ROOT, count

BASE = json.loads(MODEL_PATH.read_text(encoding="utf-8"))

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=40,
)

NASTY_STRINGS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert('x')</script>",
    "Ω≈ç√∫˜µ≤≥÷ 政府监管 🚢",
    "x" * 10_000,
    "",
    "\u0000\u202e",
]
NASTY_NUMBERS = [0, -1, -1e-9, 1e308, 1e-308, float("nan"), float("inf"), float("-inf"), 10**400, True]


def check_outcome(data) -> None:
    """Load ``data``; either a valid model (then evaluate it: no NaN) or our error."""
    count("hostile model inputs tried")
    try:
        model = load_model(data)
    except ModelValidationError as exc:
        error: ModelValidationError | None = exc
    else:
        error = None
    if error is not None:
        assert error.problems
        assert all(isinstance(p, str) and isinstance(m, str) and m for p, m in error.problems)
        assert "Traceback" not in str(error)
        return
    try:
        ev = evaluate(model)
    except ANPError as exc:
        message = str(exc)
    else:
        message = None
    if message is not None:
        assert message
        return
    assert np.all(np.isfinite(ev.composite_values))
    assert ev.composite_values.sum() == pytest.approx(1.0)


def paths(node, prefix=()):
    """Every (path, value) in a JSON tree."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*prefix, i))


ALL_PATHS = [p for p, _ in paths(BASE) if p]


def get_parent(doc, path):
    node = doc
    for part in path[:-1]:
        node = node[part]
    return node


@st.composite
def mutated_models(draw):
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        try:
            parent = get_parent(doc, path)
            key = path[-1]
            parent[key]  # the path may be gone after an earlier mutation
        except (KeyError, IndexError, TypeError):
            continue
        if not isinstance(parent, dict | list):
            continue
        kind = draw(
            st.sampled_from(
                ["delete", "duplicate", "type", "number", "string", "unknown_id", "nest", "huge", "swap"]
            )
        )
        if kind == "delete":
            del parent[key]
        elif kind == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif kind == "duplicate" and isinstance(parent, dict):
            parent[f"{key}_copy"] = copy.deepcopy(parent[key])
        elif kind == "type":
            parent[key] = draw(json_values)
        elif kind == "number":
            parent[key] = draw(st.sampled_from(NASTY_NUMBERS))
        elif kind == "string":
            parent[key] = draw(st.sampled_from(NASTY_STRINGS))
        elif kind == "unknown_id":
            parent[key] = "no_such_id"
        elif kind == "nest":
            nested: object = 1.0
            for _ in range(draw(st.integers(10, 200))):
                nested = [nested]
            parent[key] = nested
        elif kind == "huge":
            parent[key] = [1.0] * draw(st.sampled_from([1000, 1_000_000]))
        elif kind == "swap" and isinstance(parent, list) and len(parent) > 1:
            parent[0], parent[-1] = parent[-1], parent[0]
    return doc


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(json_values)
def test_random_json_never_escapes(data):
    check_outcome(data if isinstance(data, dict) else {"data": data})
    try:
        text = json.dumps(data, allow_nan=True).encode()
    except (ValueError, OverflowError):
        return
    check_outcome(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_models())
def test_mutated_bundled_model_never_escapes(doc):
    check_outcome(doc)


@pytest.mark.parametrize("label", [*NASTY_STRINGS[:3], "x" * 200])
def test_labels_with_html_or_unicode_load_as_plain_text(label):
    doc = copy.deepcopy(BASE)
    doc["clusters"][0]["nodes"][0]["name"] = label
    model = load_model(doc)
    assert model.label("government_regulation") == label
    assert evaluate(model).ranks["government_regulation"] == 1


def test_many_wrong_items_give_a_short_list_of_problems():
    doc = copy.deepcopy(BASE)
    doc["comparisons"] = [1.0] * MAX_ITEMS  # as long as a list may be, and every item wrong
    with pytest.raises(ModelValidationError) as exc:
        load_model(doc)
    err = exc.value
    listed = [p for p, _m in err.problems if "[*]" not in p]
    assert listed[:MAX_LISTED_ERRORS] == [f"comparisons[{i}]" for i in range(MAX_LISTED_ERRORS)]
    rest = MAX_ITEMS - MAX_LISTED_ERRORS
    grouped = {p: m for p, m in err.problems if "[*]" in p}
    assert grouped["comparisons[*]"].endswith(f"(at {rest:,} places)")
    assert len(err.problems) < MAX_LISTED_ERRORS + 5
    assert len(str(err)) < 50_000
    i = [p for p, _m in err.problems].index("comparisons[*]")
    assert err.problem_text(i, translator("zh")).endswith(f"（共 {rest:,} 处）")


@pytest.mark.parametrize("where", [("clusters", 0, "nodes"), ("comparisons", 0, "matrix", 0)])
def test_a_million_items_in_one_list_give_one_line(where):
    doc = copy.deepcopy(BASE)
    get_parent(doc, where)[where[-1]] = [1.0] * 1_000_000  # a 5 MB file
    with pytest.raises(ModelValidationError) as exc:
        load_model(doc)
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")
    ((where_, text),) = exc.value.problems
    assert where_ == path
    if where[0] == "clusters":  # a million wrong nodes: said in one line, not a million
        assert text == f"1,000,000 items: no list or object in a model file holds more than {MAX_ITEMS:,}"
        assert exc.value.problem_text(0, translator("zh")).startswith("1,000,000 项：")
    else:  # a million numbers in a matrix row: pydantic's one "too long"
        assert "1000000" in text


def test_overlong_label_is_rejected_with_its_path():
    doc = copy.deepcopy(BASE)
    doc["clusters"][0]["nodes"][0]["name"] = "x" * 10_000
    with pytest.raises(ModelValidationError) as exc:
        load_model(doc)
    assert exc.value.problems[0][0] == "clusters[0].nodes[0].name"


@pytest.mark.parametrize(
    "text",
    [
        MODEL_PATH.read_text().replace('"schema_version": 1', '"schema_version": Infinity', 1),
        MODEL_PATH.read_text().replace("1.0,", "-Infinity,", 1),
        MODEL_PATH.read_text().replace('"id": "cbec_trade_war",', '"id": "cbec_trade_war", "id": "dup",', 1),
        "[" * 100_000,
        '{"schema_version": 1' + ', "x": [' + "1," * 1_000_000 + "1]}",
    ],
)
def test_hostile_json_text(text):
    check_outcome(text.encode())


def test_duplicate_json_keys_do_not_silently_pass_unknown_ids():
    text = MODEL_PATH.read_text().replace(
        '"id": "cbec_trade_war",', '"id": "cbec_trade_war", "id": "Bad Id",', 1
    )
    with pytest.raises(ModelValidationError, match="id"):
        load_model(text.encode())


CLI_SAMPLE = [
    b"{}",
    b"not json",
    b"[]",
    json.dumps({**BASE, "schema_version": 2}).encode(),
    json.dumps({**BASE, "clusters": []}).encode(),
    MODEL_PATH.read_text().replace("1.0,", "0,", 1).encode(),
    MODEL_PATH.read_text().replace("1.0,", "NaN,", 1).encode(),
    b"[" * 5000,
]


@pytest.mark.parametrize("data", CLI_SAMPLE)
def test_cli_rejects_hostile_models_with_exit_2_and_one_line(tmp_path, capsys, data):
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    code = main(["evaluate", str(path)])
    out, err = capsys.readouterr()
    count("hostile CLI inputs tried")
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("error: ")


def test_cli_subprocess_has_no_traceback(tmp_path):
    for i, data in enumerate(CLI_SAMPLE[:4]):
        path = tmp_path / f"bad{i}.json"
        path.write_bytes(data)
        proc = subprocess.run(
            [sys.executable, "-m", "anp_core", "evaluate", str(path)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        count("hostile CLI inputs tried")
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1


# ---- awkward numbers -------------------------------------------------------


def stochastic(M):
    M = np.asarray(M, dtype=float)
    return M / M.sum(axis=0, keepdims=True)


@pytest.mark.parametrize(
    ("W", "diagnosis"),
    [
        (np.array([[1.0]]), "primitive"),
        (np.array([[0.0, 1.0], [1.0, 0.0]]), "periodic"),
        (stochastic([[1, 1e-300], [1e-300, 1]]), "primitive"),
        (stochastic([[1, 1e300], [1, 1]]), "primitive"),
        (np.full((4, 4), 0.25), "primitive"),
        (np.block([[np.eye(2)[::-1], np.zeros((2, 2))], [np.zeros((2, 2)), np.eye(2)[::-1]]]), "reducible"),
    ],
)
def test_awkward_supermatrices_are_diagnosed_without_nan(W, diagnosis):
    res = limit_matrix(W)
    count("hostile numeric inputs tried")
    assert res.diagnosis == diagnosis
    assert np.all(np.isfinite(res.limit))
    np.testing.assert_allclose(res.limit.sum(axis=0), 1.0, atol=1e-9)


def test_reducible_with_several_closed_classes_and_transients():
    W = np.zeros((5, 5))
    W[0, 0] = 1.0  # closed class {0}
    W[1, 2] = W[2, 1] = 1.0  # closed periodic class {1, 2}
    W[:, 3] = [0.5, 0.25, 0.25, 0.0, 0.0]  # transient 3
    W[:, 4] = [0.0, 0.0, 0.0, 1.0, 0.0]  # transient 4 -> 3
    res = limit_matrix(W)
    assert res.diagnosis == "reducible"
    assert len(res.closed_classes) == 2
    np.testing.assert_allclose(res.limit[:, 4], [0.5, 0.25, 0.25, 0, 0], atol=1e-12)
    assert np.all(np.isfinite(res.limit))


@pytest.mark.parametrize("value", [1e-6, 1e6, 1.0, 9.0, 1 / 9])
def test_extreme_but_allowed_judgments_evaluate_without_nan(paper_model, value):
    key = ("policy", "nodes", "policy", "credit_risk")
    m2 = paper_model.with_judgment(key, "government_regulation", "insurance_protection", value)
    ev = evaluate(m2)
    count("hostile numeric inputs tried")
    assert np.all(np.isfinite(ev.composite_values))
    assert math.isclose(float(ev.composite_values.sum()), 1.0, rel_tol=1e-9)
