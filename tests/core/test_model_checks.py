"""A refused model file's problems (anp_core.model_checks): pydantic's errors as translatable messages."""

from __future__ import annotations

import copy
import json
import re

import pytest

from anp_core import ModelValidationError, load_model
from anp_core.i18n import translator
from anp_core.model_checks import _PYDANTIC, pydantic_message
from anp_core.scenarios import load_scenario
from tests.conftest import MODEL_PATH

EXAMPLE = MODEL_PATH.parent / "examples" / "coffee_feedback.json"
LATIN = re.compile(r"[A-Za-z]{2,}")
ZH = translator("zh")


def _broken() -> dict:
    """A model file with one pydantic error of each common kind."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["schema_version"] = 2  # literal_error
    doc["settings"] = {"sinks": "sideways"}  # literal_error with alternatives
    doc["criteria"][0]["name"] = 5  # string_type
    doc["clusters"][0]["nodes"][0]["id"] = "Bad Id"  # string_pattern_mismatch
    doc["clusters"][0]["nodes"][0]["colour"] = "red"  # extra_forbidden
    del doc["clusters"][0]["name"]  # missing
    doc["clusters"][1]["nodes"] = []  # too_short
    doc["clusters"][1]["description"] = "x" * 6000  # string_too_long
    doc["comparisons"][0]["matrix"][0][1] = -2  # greater_than
    doc["comparisons"][1]["matrix"][0][1] = "3"  # float_type (strict)
    doc["ranked_clusters"] = "all"  # tuple_type
    return doc


@pytest.fixture(scope="module")
def refused() -> ModelValidationError:
    with pytest.raises(ModelValidationError) as info:
        load_model(_broken())
    return info.value


def test_every_problem_of_a_refused_file_has_a_translatable_text(refused):
    assert len(refused.problems) >= 10
    assert all(t is not None for t in refused.texts)


def test_the_english_stays_pydantics_own(refused):
    """``str(err)`` and the problems are what they were (the CLI, logs and existing tests read them)."""
    msgs = dict(refused.problems)
    assert msgs["clusters[0].name"] == "Field required"
    assert msgs["comparisons[0].matrix[0][1]"] == "Input should be greater than 0"
    assert "clusters[0].nodes[0].colour: Extra inputs are not permitted" in str(refused)
    assert [refused.problem_text(i) for i in range(len(refused.problems))] == [
        m for _p, m in refused.problems
    ]
    assert [refused.problem_text(i, translator("en")) for i in range(3)] == [
        m for _p, m in refused.problems[:3]
    ]


def test_in_chinese_no_english_is_left_but_the_values_the_file_gave(refused):
    for i, (path, english) in enumerate(refused.problems):
        zh = refused.problem_text(i, ZH)
        assert zh != english, path
        left = zh
        for kept in ("calculus", "absorbing", "hierarchy", "null", "true", "false", "JSON", "ID"):
            left = left.replace(kept, " ")
        left = re.sub(r"'[^']*'", " ", left)  # quoted values and patterns
        assert not set(LATIN.findall(left)) - {"ID"}, (path, zh)


def test_the_chinese_texts_of_some_errors(refused):
    zh = {path: refused.problem_text(i, ZH) for i, (path, _m) in enumerate(refused.problems)}
    assert zh["clusters[0].name"] == "缺少必填字段"
    assert zh["comparisons[0].matrix[0][1]"] == "应大于 0"
    assert zh["settings.sinks"] == "应为 'calculus'、'absorbing'或'hierarchy'"
    assert zh["clusters[1].nodes"] == "列表至少应有 1 项，实际为 0 项"
    assert zh["clusters[1].description"] == "文本最多只能有 5000 个字符"


def test_english_counts_are_singular_or_plural():
    err = {
        "type": "too_short",
        "loc": ("x",),
        "ctx": {"field_type": "Tuple", "min_length": 2, "actual_length": 0},
    }
    assert pydantic_message(err).render() == "List should have at least 2 items, not 0"
    err["ctx"]["min_length"] = 1
    assert pydantic_message(err).render() == "List should have at least 1 item, not 0"


def test_an_unknown_error_type_falls_back_to_a_translated_sentence_naming_the_location():
    err = {
        "type": "uuid_parsing",
        "loc": ("clusters", 2, "nodes", 0, "id"),
        "msg": "Input should be a UUID",
        "ctx": {},
    }
    text = pydantic_message(err)
    assert text.render() == "The value at clusters[2].nodes[0].id is not valid: Input should be a UUID"
    assert text.render(ZH).startswith("clusters[2].nodes[0].id 处的值无效")


@pytest.mark.parametrize("kind", sorted(_PYDANTIC))
def test_every_error_type_has_a_chinese_template(kind):
    assert ZH(_PYDANTIC[kind]) != _PYDANTIC[kind]


def test_our_own_validator_messages_are_translated_too(tmp_path):
    """A ``value_error`` from a validator of ours (a scenario's duplicate overrides) is a Message."""
    model = load_model(MODEL_PATH)
    comp = model.comparisons[0].model_dump()
    doc = {
        "schema_version": 1,
        "id": "twice",
        "name": "Twice",
        "criterion_weights": dict.fromkeys(model.control_criteria, 1.0),
        "overrides": [comp, copy.deepcopy(comp)],
    }
    with pytest.raises(ModelValidationError) as info:
        load_scenario(json.dumps(doc).encode())
    err = info.value
    assert "overrides[1] has the same" in str(err)
    assert err.problem_text(0, ZH).startswith("overrides[1] 与 overrides[0]")


def _cross_references_broken() -> dict:
    """A structurally valid file whose cross-references are wrong (checked after pydantic)."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["clusters"][1]["id"] = doc["clusters"][0]["id"]  # duplicate id
    doc["clusters"][1]["name"] = doc["clusters"][0]["name"].upper()  # same name but for case
    doc["comparisons"][0]["criterion"] = "nowhere"  # unknown criterion
    doc["comparisons"][1]["matrix"] = [[1.0]]  # wrong shape
    doc["ranked_clusters"] = ["nowhere_else"]
    return doc


def test_cross_reference_problems_are_translated_too():
    with pytest.raises(ModelValidationError) as info:
        load_model(_cross_references_broken())
    err = info.value
    assert len(err.problems) >= 4
    assert all(t is not None for t in err.texts)
    english = dict(err.problems)
    assert any(m.startswith("duplicate id") for m in english.values())
    assert "unknown cluster 'nowhere_else'" in english.values()
    for i, (path, msg) in enumerate(err.problems):
        zh = err.problem_text(i, ZH)
        assert zh != msg, path
        left = re.sub(r"'[^']*'|\w+(?:\[\d+\])*(?:\.\w+(?:\[\d+\])*)+|\[\d+\]", " ", zh)  # ids, names, paths
        assert not set(LATIN.findall(left)) - {"ID"}, (path, zh)
