"""The example models in ``data/models/examples/``: each is valid and shows what it is there for.

Expected values are computed here independently of the engine (plain numpy
powers, hand formulas) or taken from the publications the examples cite.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from anp_core import PairwiseMatrix, evaluate, load_model
from anp_core.cli import main
from anp_core.limit import power_residuals
from anp_core.montecarlo import monte_carlo
from scripts.model_builder import to_json
from scripts.write_examples import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DIR = ROOT / "data" / "models" / "examples"
FILES = sorted(EXAMPLE_DIR.glob("*.json"))
CR_NOTE = re.compile(r"CR = (\d\.\d{3})\.")


def example(name: str):
    return load_model(EXAMPLE_DIR / f"{name}.json")


def index(model, ids):
    return [model.node_ids.index(i) for i in ids]


def normalise_columns(M: np.ndarray) -> np.ndarray:
    s = M.sum(axis=0)
    return np.divide(M, s, out=np.zeros_like(M), where=s > 0)


# --------------------------------------------------------------------------- every example


def test_the_files_are_the_ones_the_script_writes():
    assert sorted(p.name for p in FILES) == sorted(EXAMPLES)
    for name, build in EXAMPLES.items():
        assert (EXAMPLE_DIR / name).read_text(encoding="utf-8") == to_json(build()) + "\n", (
            f"{name} differs from scripts/write_examples.py: run python -m scripts.write_examples"
        )


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_example_validates_evaluates_and_says_where_it_comes_from(path):
    model = load_model(path)
    ev = evaluate(model)
    assert ev.composite.sum() == pytest.approx(1.0, abs=1e-12)
    assert (ev.composite_values >= 0).all()
    assert len(model.description) > 100, "the description says what the example teaches"
    assert model.source is not None
    assert model.source.citation
    if model.source.citation.startswith("Made for teaching"):
        assert model.source.judgments == "illustrative"
    else:
        assert model.published is not None, "a published example carries its published numbers"
        assert model.source.judgments == "original"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_evaluate_command_works(path, capsys):
    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    model = load_model(path)
    top = evaluate(model).table().iloc[0]["name"]
    assert model.name in out
    assert top in out
    assert main(["evaluate", str(path), "--format", "json"]) == 0


def test_monte_carlo_runs_on_a_model_with_ranked_clusters():
    mc = monte_carlo(example("coffee_feedback"), draws=20, spread=0.1, seed=1)
    assert mc.composite.shape == (20, 3)


def comparisons_with_cr(model):
    for c in model.comparisons:
        yield f"{c.criterion}/{c.wrt}/{c.cluster or 'clusters'}", c.note, PairwiseMatrix(c.matrix)
    cc = model.criteria_comparison
    yield "criteria", cc.note, PairwiseMatrix(cc.matrix)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_note_states_the_cr_of_its_matrix(path):
    for key, note, pm in comparisons_with_cr(load_model(path)):
        stated = CR_NOTE.search(note)
        if pm.n < 3:
            assert stated is None, key
            continue
        assert stated is not None, f"{key}: the note states no CR"
        assert float(stated.group(1)) == pytest.approx(pm.cr, abs=5e-4), key


def test_consistency_is_realistic_and_exactly_one_matrix_needs_repair():
    crs = {
        (p.stem, key): pm.cr for p in FILES for key, _, pm in comparisons_with_cr(load_model(p)) if pm.n >= 3
    }
    over = {k: v for k, v in crs.items() if v > 0.1}
    assert list(over) == [("coffee_feedback", "market_share/taste/shops")]
    assert 0.1 < over["coffee_feedback", "market_share/taste/shops"] < 0.2
    assert sum(v > 0 for v in crs.values()) > 0.8 * len(crs), "most judgments are realistically inconsistent"
    taste = next(c for c in example("coffee_feedback").comparisons if c.wrt == "taste")
    best = PairwiseMatrix(taste.matrix, labels=taste.elements).repair_suggestions()[0]
    assert best.cr_after < 0.1


# --------------------------------------------------------------------------- published cases


def test_drinks_reproduce_saaty_2008():
    model = example("saaty_drinks")
    ev = evaluate(model)
    published = {r.node: float(r.composite) for r in model.published.rows}
    assert published == {
        "coffee": 0.177, "wine": 0.019, "tea": 0.042, "beer": 0.116, "sodas": 0.190, "milk": 0.129, "water": 0.327,
    }  # fmt: skip
    for drink, value in published.items():
        assert ev.composite[drink] == pytest.approx(value, abs=6e-4), drink
    pm = PairwiseMatrix(model.comparisons[0].matrix)
    assert pm.consistency_ratio("saaty1980") == pytest.approx(0.022, abs=5e-4)  # as printed
    assert pm.cr == pytest.approx(0.0215, abs=5e-4)  # Super Decisions' RI table
    # the question node links to the drinks, which link to nothing
    net = ev.networks["consumption"]
    assert net.limit.sinks == tuple(index(model, [n.id for n in model.cluster_by_id["drinks"].nodes]))


def test_best_city_is_a_hierarchy_whose_goal_column_is_saatys_synthesis():
    model = example("saaty_best_city")
    ev = evaluate(model)
    net = ev.networks["quality_of_life"]
    cities = index(model, ["bethesda", "boston", "pittsburgh", "santa_fe"])
    assert net.limit.diagnosis == "sinks"
    assert net.limit.sinks == tuple(cities)
    W = np.array(net.weighted)
    assert not np.linalg.matrix_power(W, 3).any(), "three levels: W^3 = 0"
    # AHP by hand: criterion weights times the cities' priorities under each criterion
    crit = model.comparisons[0]
    w = PairwiseMatrix(crit.matrix).priorities()
    A = np.column_stack([PairwiseMatrix(c.matrix).priorities() for c in model.comparisons[1:]])
    ahp = A @ w
    published = np.array([float(r.composite) for r in model.published.rows])
    np.testing.assert_allclose(ahp, published, atol=6e-4)  # 0.229, 0.275, 0.385, 0.111
    goal = model.node_ids.index("goal_city")
    goal_column = net.limit.limit[cities, goal]
    np.testing.assert_allclose(goal_column / goal_column.sum(), ahp, rtol=1e-9)
    # the model reads the goal's column (settings.priorities = "sources"): Saaty's published answer
    assert model.settings.priorities == "sources"
    np.testing.assert_allclose(ev.composite.to_numpy(), published, atol=6e-4)
    # the default reading, normalised row sums of normalise(W + W^2) with sinks' columns zero, differs
    row_sums = model.model_copy(
        update={"settings": model.settings.model_copy(update={"priorities": "row_sums"})}
    )
    S = normalise_columns(W + W @ W)
    rows = S.sum(axis=1)[cities]
    by_rows = evaluate(row_sums).composite.to_numpy()
    np.testing.assert_allclose(by_rows, rows / rows.sum(), rtol=1e-9)
    assert np.abs(by_rows - published).max() > 0.02


# --------------------------------------------------------------------------- what each teaching example shows


def test_coffee_feedback_converges_visibly_over_many_steps():
    model = example("coffee_feedback")
    net = evaluate(model).networks["market_share"]
    W = np.array(net.weighted)
    assert net.limit.diagnosis == "primitive"
    assert np.linalg.matrix_rank(W) == W.shape[0], "not rank one: every column says something else"
    shops, groups = (
        index(model, ["campus_cafe", "high_street_chain", "station_kiosk"]),
        index(model, ["students", "office_workers", "commuters"]),
    )
    assert W[np.ix_(groups, shops)].all(), "feedback: shops -> customers"
    assert W[np.ix_(shops, groups)].all(), "feedback: customers -> shops"
    assert W[np.ix_(groups, groups)].all(), "inner dependence (word of mouth)"
    r = power_residuals(W, 200)
    assert r[9] > 1e-2, "still moving after 10 steps"
    assert r[29] > 1e-4, "still visible after 30 steps"
    assert r[99] < 1e-8, "settled by 100 steps"
    P = np.linalg.matrix_power(W, 200)
    np.testing.assert_allclose(P, net.limit.limit, atol=1e-12)


def test_two_markets_are_two_closed_classes():
    model = example("two_markets_reducible")
    net = evaluate(model).networks["influence"]
    north, south = (
        index(model, ["north_factory", "north_shop"]),
        index(model, ["south_factory", "south_shop"]),
    )
    exporters = index(model, ["exporter_a", "exporter_b"])
    assert net.limit.diagnosis == "reducible"
    assert net.limit.closed_classes == (tuple(north), tuple(south))
    W = np.array(net.weighted)
    # each class alone: factory 2 : shop 1 in the north, 1 : 3 in the south
    np.testing.assert_allclose(net.limit.limit[np.ix_(north, north)], [[2 / 3, 2 / 3], [1 / 3, 1 / 3]])
    np.testing.assert_allclose(net.limit.limit[np.ix_(south, south)], [[1 / 4, 1 / 4], [3 / 4, 3 / 4]])
    # exporters' columns mix the two classes; the classes are aperiodic so plain powers agree
    np.testing.assert_allclose(np.linalg.matrix_power(W, 400), net.limit.limit, atol=1e-12)
    # absorption by hand: from A, 3/4 goes north, 1/6 back to A, 1/12 to B (B mirrors A into the south);
    # a = P(A ends north) = 3/4 + a/6 + b/12 and b = P(B ends north) = a/6 + b/12 give a = 11/12, b = 1/6
    mix = net.limit.limit[:, exporters]
    np.testing.assert_allclose(mix[north].sum(axis=0), [11 / 12, 1 / 6], rtol=1e-12)
    np.testing.assert_allclose(mix[south].sum(axis=0), [1 / 12, 5 / 6], rtol=1e-12)


def test_supply_cycle_is_periodic_with_period_three():
    model = example("supply_cycle_periodic")
    net = evaluate(model).networks["orders"]
    assert (net.limit.diagnosis, net.limit.period) == ("periodic", 3)
    W = np.array(net.weighted)
    r = power_residuals(W, 90)
    assert r[-1] > 0.5, "the powers never settle"
    P = np.linalg.matrix_power(W, 90)
    cesaro = (P + W @ P + W @ W @ P) / 3
    np.testing.assert_allclose(cesaro, net.limit.limit, atol=1e-12)
    for cl in model.clusters:
        ids = index(model, [n.id for n in cl.nodes])
        assert net.limit.limit[ids, 0].sum() == pytest.approx(1 / 3, abs=1e-12)


def test_three_criteria_have_three_kinds_of_network():
    model = example("logistics_three_criteria")
    ev = evaluate(model)
    assert ev.criteria == ("economic", "technological", "political")
    np.testing.assert_allclose(ev.weights, [3 / 7, 1 / 7, 3 / 7])
    diag = {c: ev.networks[c].limit.diagnosis for c in ev.criteria}
    assert diag == {"economic": "primitive", "technological": "primitive", "political": "sinks"}
    modes = index(model, ["postal_parcels", "international_express", "overseas_warehouse"])
    assert ev.networks["political"].limit.sinks == tuple(modes)
    Ws = [np.array(ev.networks[c].weighted) for c in ev.criteria]
    assert not np.allclose(Ws[0], Ws[1])
    assert not np.allclose(Ws[1], Ws[2])
    # one judgment missing, priorities by Harker's method
    factors = next(c for c in model.comparisons if c.criterion == "economic" and c.wrt == "economic")
    pm = PairwiseMatrix(factors.matrix)
    assert pm.missing_pairs == ((0, 2),)
    assert "Harker" in factors.note
    # the composite is the weighted sum of the three limits
    np.testing.assert_allclose(ev.composite_values, ev.limits @ ev.weights, rtol=1e-12)


def test_names_are_translated_or_long_and_non_ascii():
    logistics = example("logistics_three_criteria")
    ids = [c.id for c in logistics.criteria] + [c.id for c in logistics.clusters] + list(logistics.node_ids)
    zh = logistics.names_in("zh")
    assert all(i in zh for i in ids)
    assert all(re.search(r"[\u4e00-\u9fff]", zh[i]) for i in ids)
    warehouse = example("warehouse_site_names")
    names = [warehouse.label(i) for i in warehouse.node_ids]
    assert all(any(ord(ch) > 127 for ch in n) for n in names)
    assert sum(len(n) > 60 for n in names) >= 3, "long enough to wrap"
    assert re.search(r"[\u4e00-\u9fff]", warehouse.name)
    assert set(warehouse.names_in("en")) >= set(warehouse.node_ids)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_example_is_named_and_described_in_chinese(path):
    """Every named part of an example reads in Chinese (a Chinese-primary file carries English instead)."""
    from anp_core.model_schema import in_language, named_items

    m = load_model(path)
    lang = "zh" if "zh" in m.languages else "en"
    assert in_language(m, "name", lang) != m.name or lang == "en"
    for item in [m, *named_items(m)]:
        assert lang in item.translations, (path.name, getattr(item, "id", m.id))
        if lang == "zh" and item.description:
            assert in_language(item, "description", "zh", fallback=False), (
                path.name,
                getattr(item, "id", m.id),
            )


def test_zh_translations_complete_a_builders_own_and_name_unknown_ids():
    from scripts.zh_translations import add_zh

    model = {"name": "M", "description": "d", "source": {}, "criteria": [], "clusters": []}
    model["clusters"] = [{"id": "c", "name": "C", "translations": {"zh": {"name": "丙"}}, "nodes": []}]
    out = add_zh(model, {"clusters": {"c": {"description": "说明"}}})
    assert out["clusters"][0]["translations"] == {"zh": {"name": "丙", "description": "说明"}}
    assert "translations" not in model["source"]
    with pytest.raises(KeyError, match="nodes gone"):
        add_zh(model, {"nodes": {"gone": {"name": "无"}}})


MODEL_FILES = sorted((ROOT / "data" / "models").rglob("*.json"))


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.name)
def test_every_comparison_note_reads_in_the_other_language(path):
    """A note of an English-primary bundled model has its Chinese text (a Chinese-primary one needs none)."""
    from anp_core.model_schema import in_language

    m = load_model(path)
    if "zh" not in m.languages:
        pytest.skip(f"{path.name} is written in Chinese")
    comparisons = [m.criteria_comparison, *m.comparisons] if m.criteria_comparison else list(m.comparisons)
    for c in comparisons:
        if c.note:
            zh = in_language(c, "note", "zh", fallback=False)
            assert zh, (path.name, c.note)
            assert zh != c.note, (path.name, zh)  # "CR = 0.009。": Chinese punctuation at least


def test_zh_notes_go_to_the_comparison_whose_note_they_translate_and_unknown_notes_are_named():
    from scripts.zh_translations import add_zh

    model = {
        "name": "M",
        "criteria": [],
        "clusters": [],
        "criteria_comparison": {"elements": ["a"], "matrix": [[1.0]], "note": "One."},
        "comparisons": [{"note": "Two."}, {"note": "Three."}],
    }
    out = add_zh(model, {"notes": {"One.": "一。", "Three.": "三。"}})
    assert out["criteria_comparison"]["translations"] == {"zh": {"note": "一。"}}
    assert "translations" not in out["comparisons"][0]
    assert out["comparisons"][1]["translations"] == {"zh": {"note": "三。"}}
    with pytest.raises(KeyError, match=r"note 'Gone\.'"):
        add_zh(model, {"notes": {"Gone.": "无。"}})
