"""The JSON model format: validation with JSON paths, round trips, the schema."""

from __future__ import annotations

import copy
import json

import pytest

from anp_core import ModelValidationError, load_model, save_model
from anp_core.model_file import MAX_FILE_BYTES, Comparison, dump_model, json_schema
from tests.conftest import MODEL_PATH, ROOT

SCHEMA_PATH = ROOT / "data" / "schema" / "anp-model.v1.schema.json"


@pytest.fixture
def raw():
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def problems_of(data) -> list[tuple[str, str]]:
    with pytest.raises(ModelValidationError) as exc:
        load_model(data)
    assert exc.value.problems, "a validation error must list at least one problem"
    return exc.value.problems


def test_paper_model_has_the_papers_structure(paper_model):
    m = paper_model
    assert m.schema_version == 1
    assert m.control_criteria == ("policy", "economic", "political", "technological", "socio_cultural")
    assert len(m.criteria) == 6
    geo = m.criterion_by_id["natural_geography"]
    assert geo.excluded_reason
    assert "immutable" in geo.excluded_reason
    assert [len(c.nodes) for c in m.clusters] == [4, 3, 4, 3, 3, 3]
    assert len(m.node_ids) == 20 == len(set(m.node_ids))
    roles = sorted(p.role for p in m.ecosystem.populations)
    assert roles == ["key", "keystone", "parasitic", "supporting"]
    members = sum(len(p.members) for p in m.ecosystem.populations)
    assert members == 8  # Table 1: 1 + 2 + 4 + 1 nodes
    # 1 criteria matrix + 5 criteria x (1 cluster + 6 factor matrices) = 36 editable matrices
    assert len([c for c in m.comparisons if c.criterion != "natural_geography"]) == 35
    assert all(
        c.note.startswith("Reconstructed") for c in m.comparisons if c.criterion != "natural_geography"
    )
    assert all(
        c.note.startswith("Equal judgments") for c in m.comparisons if c.criterion == "natural_geography"
    )


def test_round_trip_through_a_file_gives_an_equal_model(paper_model, tmp_path):
    path = tmp_path / "m.json"
    save_model(paper_model, path)
    again = load_model(path)
    assert again == paper_model
    assert dump_model(again) == dump_model(paper_model)
    assert load_model(path.read_bytes()) == paper_model
    assert load_model(path.read_text()) == paper_model


def test_committed_json_schema_matches_the_code():
    assert json.loads(SCHEMA_PATH.read_text()) == json_schema()


def test_bundled_file_is_canonical(paper_model):
    """The committed model is exactly what save_model writes (no hand edits drift in)."""
    assert MODEL_PATH.read_text(encoding="utf-8") == dump_model(paper_model)


def test_missing_keys_are_listed_with_paths(raw):
    del raw["criteria_comparison"]
    del raw["clusters"][0]["nodes"][1]["name"]
    found = dict(problems_of(raw))
    assert "criteria_comparison" in found
    assert "clusters[0].nodes[1].name" in found


def test_unknown_ids_and_dangling_links(raw):
    raw["comparisons"][1]["cluster"] = "no_such_cluster"
    raw["comparisons"][2]["wrt"] = "ghost"
    raw["ecosystem"]["relations"][0]["target"] = "nobody"
    paths = [p for p, _ in problems_of(raw)]
    assert "comparisons[1].cluster" in paths
    assert "comparisons[2].wrt" in paths
    assert "ecosystem.relations[0].target" in paths


def test_wrong_shape_is_reported(raw):
    raw["comparisons"][1]["matrix"] = raw["comparisons"][1]["matrix"][:-1]
    [(path, msg)] = problems_of(raw)
    assert path == "comparisons[1].matrix"
    assert "does not match" in msg


@pytest.mark.parametrize(
    ("value", "fragment"), [(float("nan"), "finite"), (-2.0, "greater than 0"), (0, "greater than 0")]
)
def test_nan_negative_zero_judgments(raw, value, fragment):
    raw["comparisons"][3]["matrix"][0][1] = value
    found = dict(problems_of(raw))
    assert fragment in found["comparisons[3].matrix[0][1]"]


def test_nan_in_json_text_is_rejected_not_parsed():
    text = MODEL_PATH.read_text().replace('"schema_version": 1', '"schema_version": NaN', 1)
    [(path, msg)] = problems_of(text.encode())
    assert path == "(file)"
    assert "NaN" in msg


def test_non_reciprocal_judgment_names_the_pair(raw):
    raw["comparisons"][1]["matrix"][0][1] *= 2
    [(path, msg)] = problems_of(raw)
    assert path == "comparisons[1].matrix"
    assert "government_regulation" in msg
    assert "not reciprocal" in msg


def test_duplicated_ids_and_comparisons(raw):
    raw["clusters"][1]["nodes"][0]["id"] = "government_regulation"
    raw["comparisons"].append(copy.deepcopy(raw["comparisons"][0]))
    msgs = " | ".join(f"{p}: {m}" for p, m in problems_of(raw))
    assert "duplicate id 'government_regulation'" in msgs
    assert "duplicates comparisons[0]" in msgs


def test_every_problem_is_listed_at_once(raw):
    raw["schema_version"] = 2
    raw["criteria"][0]["name"] = 5
    raw["clusters"][0]["id"] = "Bad Id!"
    paths = [p for p, _ in problems_of(raw)]
    assert {"schema_version", "criteria[0].name", "clusters[0].id"} <= set(paths)


def test_unknown_field_is_rejected(raw):
    raw["surprise"] = 1
    assert ("surprise", "Extra inputs are not permitted") in problems_of(raw)


def test_file_over_5_mb_is_rejected_before_parsing(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b'{"a": "' + b"x" * MAX_FILE_BYTES + b'"}')
    [(path, msg)] = problems_of(big)
    assert path == "(file)"
    assert "limit is 5 MB" in msg
    [(path, msg)] = problems_of(big.read_bytes())
    assert "limit is 5 MB" in msg


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xff\xfe not utf8", "UTF-8"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2, 3]", "must be a JSON object"),
        (b"[" * 10_000 + b"]" * 10_000, "nested deeper"),
        (b"", "not valid JSON"),
    ],
)
def test_malformed_bytes_give_one_clear_problem(data, fragment):
    [(_, msg)] = problems_of(data)
    assert fragment in msg


def test_missing_file_is_a_validation_error(tmp_path):
    [(_, msg)] = problems_of(tmp_path / "nope.json")
    assert "cannot read" in msg


def test_with_judgment_sets_the_reciprocal_and_validates(paper_model):
    key = ("political", "nodes", "political", "credit_risk")
    m2 = paper_model.with_judgment(key, "government_regulation", "insurance_protection", 3.0)
    comp = m2.comparison_by_key[key]
    i, j = comp.elements.index("government_regulation"), comp.elements.index("insurance_protection")
    assert comp.matrix[i][j] == 3.0
    assert comp.matrix[j][i] == pytest.approx(1 / 3)
    assert paper_model.comparison_by_key[key].matrix[i][j] != 3.0, "the original model is unchanged"
    for bad in (0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ModelValidationError):
            paper_model.with_judgment(key, "government_regulation", "insurance_protection", bad)
    with pytest.raises(ModelValidationError, match="not an element"):
        paper_model.with_judgment(key, "government_regulation", "electronic_payment", 2.0)


def test_criteria_judgment_edit(paper_model):
    m2 = paper_model.with_judgment(("", "criteria", "", None), "policy", "political", 1.0)
    assert m2.criteria_comparison.matrix[0][2] == 1.0


def test_with_comparisons_adds_a_node_level_override(paper_model):
    base = paper_model.comparison_by_key[("policy", "nodes", "policy", "payment")]
    override = Comparison(
        criterion="policy",
        kind="nodes",
        wrt="government_regulation",
        cluster="payment",
        elements=base.elements,
        matrix=((1, 1, 1), (1, 1, 1), (1, 1, 1)),
    )
    m2 = paper_model.with_comparisons([override])
    assert len(m2.comparisons) == len(paper_model.comparisons) + 1
    assert m2.comparison_by_key[override.key] == override


def test_with_comparisons_validates_the_replacements(paper_model):
    base = paper_model.comparison_by_key[("policy", "nodes", "policy", "payment")]
    bad_matrix = base.model_copy(update={"matrix": ((1, 2, 3), (1, 1, 1), (1, 1, 1))})
    bad_cluster = {**base.model_dump(), "wrt": "no_such_node"}
    with pytest.raises(ModelValidationError) as exc:
        paper_model.with_comparisons([bad_matrix, bad_cluster])
    paths = [p for p, _ in exc.value.problems]
    assert "replacements[0].matrix" in paths
    assert "replacements[1].wrt" in paths


def test_edited_model_equals_a_reloaded_one(paper_model):
    key = ("economic", "clusters", "economic", None)
    edited = paper_model.with_judgment(key, "credit_risk", "payment", 2.0)
    assert load_model(dump_model(edited)) == edited
    assert edited.comparison_by_key[key].matrix[0][3] == 2.0


@pytest.mark.parametrize("value", ["3", True, [3]])
def test_a_judgment_that_is_not_a_number_is_rejected_with_its_path(raw, value):
    raw["comparisons"][0]["matrix"][0][1] = value
    paths = [path for path, _ in problems_of(raw)]
    assert paths == ["comparisons[0].matrix[0][1]"]


def test_a_judgment_missing_on_one_side_only_is_rejected(raw):
    raw["comparisons"][0]["matrix"][0][1] = None
    problems = problems_of(raw)
    assert [p for p, _ in problems] == ["comparisons[0].matrix"]
    assert "missing on both sides" in problems[0][1]


def test_null_judgments_on_both_sides_are_missing_judgments(raw):
    comp = raw["comparisons"][0]
    comp["matrix"][0][1] = comp["matrix"][1][0] = None
    model = load_model(raw)
    assert model.comparisons[0].matrix[0][1] is None
    assert load_model(dump_model(model)) == model
