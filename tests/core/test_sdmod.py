"""Super Decisions .sdmod import: fixtures written by hand, the shipped samples, refusals.

The priorities are checked against an independent computation written here:
the judgments are typed in (in their natural order, as a reader of the file
understands them), local priorities come from numpy's eigen-solver, the
supermatrix is assembled by hand and its limit is taken as the powers of the
lazy chain ``(I + W) / 2`` (same stationary vector as ``W``, no periodicity),
which is what Super Decisions' calculus limit converges to for an
irreducible network.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from anp_core import ModelValidationError, evaluate, load_model
from anp_core.sdmod import load_sdmod, sdmod_to_dict
from tests.conftest import ROOT

FIX = ROOT / "tests" / "fixtures" / "sdmod"
SAMPLES = FIX / "superdecisions"


def upper(*rows: list[float]) -> np.ndarray:
    """Full reciprocal matrix from its upper triangle rows."""
    n = len(rows) + 1
    m = np.eye(n)
    for i, row in enumerate(rows):
        for off, v in enumerate(row):
            j = i + 1 + off
            m[i, j], m[j, i] = v, 1 / v
    return m


def eig(m: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eig(m)
    w = np.abs(vectors[:, np.argmax(values.real)].real)
    return w / w.sum()


def stationary(W: np.ndarray) -> np.ndarray:
    """Limit of the normalised powers of the lazy chain (I + W) / 2, read off one column."""
    P = (np.eye(len(W)) + W) / 2
    for _ in range(60):  # P^(2^60)
        P = P @ P
        P /= P.sum(axis=0, keepdims=True)
    return P.mean(axis=1) / P.mean(axis=1).sum()


def check_priorities(model, ids: list[str], expected: np.ndarray) -> None:
    """The engine's priorities of the ranked nodes equal ``expected`` (over ``ids``) restricted to them."""
    got = evaluate(model).by_criterion.iloc[:, 0]
    ranked = list(got.index)
    assert set(ranked) <= set(ids)
    want = np.array([expected[ids.index(i)] for i in ranked])
    np.testing.assert_allclose(got.to_numpy(), want / want.sum(), rtol=1e-9)


# --------------------------------------------------------------------------- hand-written fixtures


def test_two_cluster_feedback_matches_an_independent_computation():
    model = load_sdmod(FIX / "two_cluster_feedback.sdmod")
    order = ["cost", "quality", "a", "b", "c"]
    W = np.zeros((5, 5))
    W[2:, 0] = eig(upper([3, 5], [2]))  # options w.r.t. Cost, typed in the order A, B, C
    W[2:, 1] = eig(upper([1 / 2, 1 / 4], [1 / 3]))  # w.r.t. Quality: stored as inverse judgments
    W[:2, 2] = eig(upper([2]))  # A: Cost 2x Quality
    W[:2, 3] = eig(upper([1 / 3]))  # B: stored as Quality 3x Cost
    W[1, 4] = 1.0  # C links to Quality only
    check_priorities(model, order, stationary(W))
    # and the local priorities landed on the right nodes (node order in the file is C, A, B)
    net = evaluate(model).networks["network"]
    idx = [model.node_ids.index(i) for i in order]
    np.testing.assert_allclose(net.weighted[np.ix_(idx, idx)], W, atol=1e-12)


def test_inner_dependence_and_cluster_comparison_match_an_independent_computation():
    model = load_sdmod(FIX / "inner_dependence.sdmod")
    order = ["pick_a_supplier", "price", "quality", "service", "x", "y", "z"]
    W = np.zeros((7, 7))
    W[1:4, 0] = eig(upper([2, 4], [3]))
    alt_w, crit_w = 0.75, 0.25  # clusters w.r.t. Criteria: Alternatives 3x Criteria
    W[[2, 3], 1] = crit_w * eig(upper([3]))  # Price: Quality 3x Service
    W[4:, 1] = alt_w * eig(upper([4, 5], [2]))
    W[[1, 3], 2] = crit_w * eig(upper([1]))  # Quality: Price = Service
    W[4:, 2] = alt_w * eig(upper([0.5, 0.5], [1]))
    W[[1, 2], 3] = crit_w * eig(upper([0.5]))  # Service: Price vs Quality 1/2
    W[4:, 3] = alt_w * eig(upper([2, 0.25], [0.2]))
    W[1:4, 4] = eig(upper([3, 5], [2]))  # X
    W[[1, 2], 5] = eig(upper([0.25]))  # Y: Price and Quality only
    W[1:4, 6] = eig(upper([1, 2], [4]))  # Z
    net = evaluate(model).networks["network"]
    idx = [model.node_ids.index(i) for i in order]
    np.testing.assert_allclose(net.weighted[np.ix_(idx, idx)], W, atol=1e-12)
    expected = stationary(W)  # the goal is transient; every column tends to the same vector
    assert expected[0] == pytest.approx(0.0, abs=1e-12)
    assert model.ranked_clusters == ("alternatives",)
    check_priorities(model, order, expected)


def test_structure_names_descriptions_and_ids():
    d = sdmod_to_dict(FIX / "two_cluster_feedback.sdmod")
    assert [c["name"] for c in d["clusters"]] == ["Criteria", "Options"]
    nodes = {n["id"]: n for c in d["clusters"] for n in c["nodes"]}
    assert nodes["cost"]["name"] == "1 Cost"
    assert nodes["cost"]["description"] == "Total cost of ownership"
    assert nodes["b"]["description"] == 'Option B, with a "quoted" word'
    assert nodes["c"]["description"] == "Option C; {braces} inside"
    assert d["criteria"] == [{"id": "network", "name": "two cluster feedback"}]
    assert (d["id"], d["name"]) == ("two_cluster_feedback", "two cluster feedback")
    assert d["criteria_comparison"] == {"elements": ["network"], "matrix": [[1.0]]}
    single = next(c for c in d["comparisons"] if c["kind"] == "nodes" and c["wrt"] == "c")
    assert (single["elements"], single["matrix"]) == (["quality"], [[1.0]])
    assert "3.2.0" in d["source"]["citation"]


def test_missing_judgment_is_none_in_the_dict():
    d = sdmod_to_dict(FIX / "missing_judgment.sdmod")
    goal = next(c for c in d["comparisons"] if c["wrt"] == "pick_a_supplier")
    assert goal["elements"] == ["price", "quality", "service"]
    assert goal["matrix"][0][2] is None
    assert goal["matrix"][2][0] is None
    assert goal["matrix"][0][1] == 2.0
    assert goal["matrix"][1][2] == 3.0


def _engine_takes_missing() -> bool:
    try:
        load_model(sdmod_to_dict(FIX / "missing_judgment.sdmod"))
    except ModelValidationError:
        return False
    return True


@pytest.mark.skipif(not _engine_takes_missing(), reason="the model format does not accept null judgments yet")
def test_missing_judgment_uses_harkers_method():
    model = load_sdmod(FIX / "missing_judgment.sdmod")
    # Harker: a missing pair is 0 off the diagonal and the row's diagonal gains 1 per missing pair
    B = upper([2, 4], [3])
    B[0, 2] = B[2, 0] = 0.0
    B[0, 0] = B[2, 2] = 2.0
    goal_prios = eig(B)
    net = evaluate(model).networks["network"]
    idx = [model.node_ids.index(i) for i in ("price", "quality", "service")]
    np.testing.assert_allclose(
        net.weighted[idx, model.node_ids.index("pick_a_supplier")], goal_prios, rtol=1e-9
    )


def test_all_missing_cluster_comparison_is_left_out_and_noted():
    d = sdmod_to_dict(SAMPLES / "Car_3Lvl.sdmod")
    assert not any(c["kind"] == "clusters" and c["wrt"] == "criteria" for c in d["comparisons"])
    assert "with respect to '2Criteria' have no judgments: weighed equally" in d["source"]["notes"]


def _replace(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def test_all_missing_node_comparison_is_refused_with_its_name():
    text = (FIX / "inner_dependence.sdmod").read_text()
    text = _replace(text, "2,1,1\n2 1,0 2,1 \n 0.250000 \n", "2,1,1\n2 1,0 2,1 \n 0.000000 \n")
    with pytest.raises(ModelValidationError) as err:
        sdmod_to_dict(text.encode(), "x.sdmod")
    assert "'2Criteria' with respect to 'Y'" in str(err.value)
    assert "all missing" in str(err.value)


def test_disconnected_judgments_are_refused():
    text = (FIX / "inner_dependence.sdmod").read_text()
    # Z: only Price vs Service known, Quality left unconnected
    text = _replace(
        text,
        "2,2,1\n3 2,0 1,1 0,2 \n 1.000000  4.000000 \n 2.000000 \n",
        "2,2,1\n3 2,0 1,1 0,2 \n 0  0 \n 2.000000 \n",
    )
    with pytest.raises(ModelValidationError, match="too few to connect"):
        sdmod_to_dict(text.encode(), "x.sdmod")


# --------------------------------------------------------------------------- the Super Decisions samples


def test_water_reservoir_sample_matches_an_independent_computation():
    model = load_sdmod(SAMPLES / "Water_reservoir_simple_network.sdmod")
    order = ["flood_control", "recreation", "hydroelectric_power", "lo", "med", "hi"]
    W = np.zeros((6, 6))
    # judgments typed from the file (levels w.r.t. purposes, purposes w.r.t. levels)
    W[3:, 0] = eig(upper([3.521951, 9.890411], [2.808219]))
    W[3:, 1] = eig(upper([0.110940, 0.258065], [2.326165]))
    W[3:, 2] = eig(upper([0.280193, 0.078912], [0.281633]))
    W[:3, 3] = eig(upper([2.468992, 6.066667], [2.457143]))
    W[:3, 4] = eig(upper([0.333333, 1.0], [3.0]))
    W[:3, 5] = eig(upper([0.259740, 0.084626], [0.325811]))
    expected = stationary(W)  # bipartite: period 2, so Super Decisions' Cesaro/calculus limit
    assert model.ranked_clusters == ("alternative_water_levels",)
    check_priorities(model, order, expected)
    levels = expected[3:] / expected[3:].sum()
    np.testing.assert_allclose(
        levels, [0.2232, 0.3719, 0.4049], atol=5e-5
    )  # Lo, Med, Hi: this computation's figures (no Super Decisions output is stored)
    assert evaluate(model).networks["network"].limit.period == 2


def test_lunch_sample_reads_permuted_alternatives_and_direct_data_matrices():
    d = sdmod_to_dict(SAMPLES / "Lunch.sdmod")
    menu = next(c for c in d["comparisons"] if c["wrt"] == "menu")
    # "3 1,0 2,1 0,2": node 1 (Panera) at row 0, node 2 (Piada) at row 1, node 0 (Primanti) at row 2
    assert menu["elements"] == ["panera", "piada", "primanti"]
    assert menu["matrix"][0][1:] == [3.0, 4.0]
    price = next(c for c in d["comparisons"] if c["wrt"] == "price")
    m = np.array(price["matrix"], dtype=float)
    assert m[0, 1] * m[1, 2] == pytest.approx(m[0, 2], rel=1e-5)  # direct data: a consistent matrix
    assert "direct-data multiplier (-35.0)" in d["source"]["notes"]
    load_model(d)


def test_multiple_clusters_sample_decodes_the_comparison_order():
    d = sdmod_to_dict(SAMPLES / "SD file with multiple clusters and inverse judgments.sdmod")
    demand = next(c for c in d["comparisons"] if c["wrt"] == "aggregate_demand")
    # "7 6,0 0,1 1,2 2,3 4,4 5,5 3,6": Expected Inflation first, Confidence last
    assert demand["elements"] == [
        "expected_inflation",
        "consumption",
        "net_exports",
        "investment",
        "fiscal_policy",
        "monetary_policy",
        "confidence",
    ]
    row = dict(zip(demand["elements"], demand["matrix"][1], strict=True))  # consumption's row
    assert row["net_exports"] == 7.0
    assert row["investment"] == 7.0
    assert row["fiscal_policy"] == 3.0
    prios = eig(np.array(demand["matrix"], dtype=float))
    assert demand["elements"][int(np.argmax(prios))] == "consumption"
    load_model(d)


@pytest.mark.parametrize(
    "name",
    [
        "Water_reservoir_simple_network.sdmod",
        "Lunch.sdmod",
        "Car_3Lvl.sdmod",
        "SD file with multiple clusters and inverse judgments.sdmod",
    ],
)
def test_every_network_sample_imports_and_evaluates(name):
    model = load_sdmod(SAMPLES / name)
    ev = evaluate(model)
    assert math.isclose(float(ev.composite.sum()), 1.0, rel_tol=1e-12)
    assert model.source is not None
    assert name in model.source.citation


def hierarchy_priorities(W: np.ndarray, ids: list[str], ranked: list[str]) -> np.ndarray:
    """Super Decisions' calculus on a hierarchy (pyanp's hierarchy formula), written out.

    W is nilpotent: the limit is the column-normalised sum of its powers, a
    sink's column stays 0, and the priorities are the normalised row sums,
    restricted to the ranked nodes.
    """
    S, P = np.zeros_like(W), np.eye(len(W))
    for _ in range(len(W)):
        P = P @ W
        S += P
    assert not P.any()
    sums = S.sum(axis=0)
    S[:, sums > 0] /= sums[sums > 0]
    rows = S.sum(axis=1)[[ids.index(i) for i in ranked]]
    return rows / rows.sum()


def test_lunch_sample_matches_the_calculus_limit_of_a_hierarchy():
    model = load_sdmod(SAMPLES / "Lunch.sdmod")
    ids = ["goal", "menu", "price", "quality", "speed", "panera", "piada", "primanti"]
    W = np.zeros((8, 8))
    W[1:5, 0] = eig(upper([0.5, 0.25, 3], [0.5, 0.5], [1]))  # criteria w.r.t. the goal
    W[5:, 1] = eig(upper([3, 4], [5]))  # Panera, Piada, Primanti w.r.t. Menu
    W[5:, 2] = eig(upper([1.272727, 0.909091], [0.714286]))  # Price (from direct data)
    W[5:, 3] = eig(upper([2, 2], [3.000003]))  # Quality
    W[5:, 4] = eig(upper([1, 0.333333], [0.5]))  # Speed
    expected = hierarchy_priorities(W, ids, ["panera", "piada", "primanti"])
    got = evaluate(model).by_criterion.iloc[:, 0]
    np.testing.assert_allclose(got[["panera", "piada", "primanti"]].to_numpy(), expected, rtol=1e-9)
    np.testing.assert_allclose(
        expected, [0.4105, 0.2935, 0.2960], atol=5e-5
    )  # this computation's figures (no Super Decisions output is stored)
    # the AHP composite (goal column of W^2) differs: the ANP priorities also count each criterion's column
    composite = (W @ W)[5:, 0]
    np.testing.assert_allclose(composite, [0.4230, 0.3022, 0.2748], atol=5e-5)


def test_car_3lvl_sample_matches_the_calculus_limit_of_a_hierarchy():
    model = load_sdmod(SAMPLES / "Car_3Lvl.sdmod")
    ids = ["goal", "prestige", "price", "mpg", "comfort", "initial", "maintenance", "acura", "camry", "civic"]
    W = np.zeros((10, 10))
    W[1:5, 0] = eig(upper([0.25, 0.333333, 0.5], [3, 1.5], [0.3333]))
    W[7:, 1] = eig(upper([8, 4], [0.25]))  # Prestige: Acura, Camry, Civic
    W[5:7, 2] = eig(upper([3]))  # Price: initial 3x maintenance cost (no link to the cars)
    W[7:, 3] = eig(upper([0.6667, 0.333333], [0.5]))  # MPG
    W[7:, 4] = eig(upper([4, 7], [3]))  # Comfort
    W[7:, 5] = eig(upper([0.25, 0.111111], [0.2]))  # initial cost
    W[[9, 8, 7], 6] = eig(
        upper([1.309091, 1.950907], [1.490277])
    )  # maintenance, stored as Civic, Camry, Acura
    expected = hierarchy_priorities(W, ids, ["acura", "camry", "civic"])
    got = evaluate(model).by_criterion.iloc[:, 0]
    np.testing.assert_allclose(
        got[["acura_tl", "toyota_camry", "honda_civic"]].to_numpy(), expected, rtol=1e-9
    )


def test_car_3lvl_sample_reads_the_sub_criteria_level():
    d = sdmod_to_dict(SAMPLES / "Car_3Lvl.sdmod")
    price = next(c for c in d["comparisons"] if c["wrt"] == "price")
    assert price["elements"] == ["initialcost", "maintenancecost"]
    assert price["matrix"][0][1] == 3.0
    maint = next(c for c in d["comparisons"] if c["wrt"] == "maintenancecost")
    assert maint["elements"] == ["honda_civic", "toyota_camry", "acura_tl"]  # "3 2,0 1,1 0,2"


def test_ratings_sample_is_refused():
    with pytest.raises(ModelValidationError, match="ratings model") as err:
        load_sdmod(SAMPLES / "Car_Ratings.sdmod")
    assert "line" in str(err.value)


# --------------------------------------------------------------------------- what cannot be mapped


BASE = (FIX / "two_cluster_feedback.sdmod").read_text()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "set FORMAT 1",
            "set subNumb [makeNodeHaveSub $net $name hideIt]",
            "subnetwork",
        ),
        ("set FORMAT 1", "makeNetFormulaic $net", "synthesis formula"),
        ("setFormulaType $net 0", "setFormulaType $net 3", "synthesis formula type"),
        (
            "catch {limitPowerOptions $net 2 0}",
            "catch {limitPowerOptions $net 0 1}",
            "limit matrix options 0 1",
        ),
        ("set FORMAT 1", "setOptimization 0 {New 1} {}", "resource optimisation"),
        ("set FORMAT 1", "setNodeDirectData $net {A} {Options} {1 2 3}", "direct-data"),
        ("set FORMAT 1", "set net 12", "subnetworks are not supported"),
        ("set FORMAT 1", "fancyNewCommand $net", "unknown command 'fancyNewCommand'"),
        (
            "ratings new -network $net -src {\n0\n",
            "ratings new -network $net -src {\n2\nA\nB\n",
            "ratings model",
        ),
    ],
)
def test_unmappable_features_are_refused_by_name(old, new, message):
    with pytest.raises(ModelValidationError, match=message):
        sdmod_to_dict(_replace(BASE, old, new).encode(), "x.sdmod")


def test_a_structure_mismatch_is_refused():
    text = _replace(BASE, "Options\n3\nC\nA\nB\n", "Options\n3\nC\nA\nD\n")
    with pytest.raises(ModelValidationError, match="disagree"):
        sdmod_to_dict(text.encode(), "x.sdmod")


def test_a_link_missing_from_connect_clusters_is_refused():
    text = _replace(BASE, "set init {Options}\nset final {Criteria}\nconnectClusters $net $init $final\n", "")
    with pytest.raises(ModelValidationError, match="disagree"):
        sdmod_to_dict(text.encode(), "x.sdmod")


def test_ids_are_unique_and_valid_for_awkward_names():
    text = BASE
    for old, new in (("1 Cost", "2008"), ("2 Quality", "Options"), ("A", "政府 A")):
        text = text.replace("{" + old + "}", "{" + new + "}").replace("\n" + old + "\n", "\n" + new + "\n")
    d = sdmod_to_dict(text.encode(), "2024 model (v2).sdmod")
    ids = [d["id"]] + [c["id"] for c in d["clusters"]] + [n["id"] for c in d["clusters"] for n in c["nodes"]]
    assert len(set(ids[1:])) == len(ids) - 1
    assert all(i[0].isalpha() and i.replace("_", "").isalnum() and i.isascii() for i in ids)
    model = load_model(d)
    assert model.label("options_2") == "Options"
    assert model.name == "2024 model (v2)"


def test_names_that_read_the_same_are_made_distinct():
    text = BASE
    for old, new in (("B", "a"), ("C", "Á")):
        text = text.replace("{" + old + "}", "{" + new + "}").replace("\n" + old + "\n", "\n" + new + "\n")
    d = sdmod_to_dict(text.encode(), "x.sdmod")
    names = [n["name"] for n in d["clusters"][1]["nodes"]]
    assert names == ["Á", "A", "a (2)"]
    assert "renamed 'a (2)'" in d["source"]["notes"]
    load_model(d)


def test_windows_line_endings_and_latin1_are_read():
    raw = BASE.replace("Option A", "Opción A").replace("\n", "\r\n").encode("latin-1")
    d = sdmod_to_dict(raw, "x.sdmod")
    assert any(n["description"] == "Opción A" for c in d["clusters"] for n in c["nodes"])
    assert "Latin-1" in d["source"]["notes"]


def test_path_and_bytes_give_the_same_model():
    path = Path(FIX / "inner_dependence.sdmod")
    assert load_sdmod(path) == load_sdmod(path.read_bytes(), "inner_dependence.sdmod")
