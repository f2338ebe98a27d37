"""Translations of a model's prose (anp_core.model_schema): optional, round-tripped, read with in_language."""

from __future__ import annotations

import copy
import json

import pytest

from anp_core import ModelValidationError, dump_model, load_model
from anp_core.model_schema import in_language
from tests.conftest import MODEL_PATH

EXAMPLE = MODEL_PATH.parent / "examples" / "coffee_feedback.json"


def _doc() -> dict:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def test_the_bundled_model_translates_its_prose_into_chinese(paper_model):
    m = paper_model
    assert in_language(m.ecosystem, "title", "zh").startswith("跨境电商")
    assert in_language(m.ecosystem, "title", "en") == m.ecosystem.title
    assert all(in_language(r, "label", "zh") != r.label for r in m.ecosystem.relations)
    assert "重建" in in_language(m.source, "notes", "zh")
    assert in_language(m.published, "table", "zh") == "表 2"
    assert in_language(m.published, "notes", "zh").startswith("按 3 位小数")
    assert all(in_language(c, "note", "zh") != c.note for c in m.comparisons)
    assert in_language(m.criteria_comparison, "note", "zh") != m.criteria_comparison.note
    for c in m.criteria:
        zh = c.translations["zh"]
        assert len(zh.examples) == len(c.examples)
        assert bool(zh.excluded_reason) == bool(c.excluded_reason)
    # citations and quotations stay as published: the format has no field for them
    assert "citation" not in type(m.source.translations["zh"]).model_fields


def test_translations_round_trip_and_absent_ones_are_not_written(paper_model):
    assert load_model(dump_model(paper_model)) == paper_model
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    # the example translates its source notes and its comparison notes; this checks one without
    doc["source"].pop("translations", None)
    for comparison in [doc["criteria_comparison"], *doc["comparisons"]]:
        comparison.pop("translations", None)
    example = load_model(doc)
    # a model without these translations is written as before: no empty new keys
    written = json.loads(dump_model(example))
    assert "translations" not in written["ecosystem"]
    assert "translations" not in written["source"]
    assert "translations" not in written["criteria_comparison"]
    assert not [c for c in written["comparisons"] if "translations" in c]
    assert '"excluded_reason": ""' not in dump_model(paper_model)
    assert load_model(dump_model(example)) == example


def test_in_language_falls_back_to_the_items_own_text():
    doc = _doc()
    doc["ecosystem"]["translations"] = {"zh": {"title": ""}}
    doc["source"].pop("translations", None)
    m = load_model(doc)
    assert in_language(m.ecosystem, "title", "zh") == m.ecosystem.title
    assert in_language(m.ecosystem, "title", "zh", fallback=False) == ""
    assert in_language(m.source, "notes", "zh") == m.source.notes
    assert in_language(m.source, "notes", "fr", fallback=False) == ""
    assert in_language(m.criteria[0], "examples", None) == m.criteria[0].examples


@pytest.mark.parametrize(
    ("where", "value", "says"),
    [
        (("ecosystem",), {"zh": {"name": "x"}}, "Extra inputs are not permitted"),
        (("source",), {"zh": {"citation": "x"}}, "Extra inputs are not permitted"),
        (("published",), {"zh": {"table": 3}}, "string"),
        (("ecosystem",), {"not a language": {"title": "x"}}, "pattern"),
        (("published",), {"zh": {"notes": "x" * 5001}}, "at most 5000"),
    ],
)
def test_bad_translations_are_refused_with_their_path(where, value, says):
    doc = copy.deepcopy(_doc())
    target = doc
    for key in where:
        target = target[key]
    target["translations"] = value
    with pytest.raises(ModelValidationError) as err:
        load_model(doc)
    text = str(err.value)
    assert says in text
    assert f"{where[0]}.translations" in text


def test_translation_classes_live_in_their_own_module_and_are_re_exported():
    from pathlib import Path

    import anp_core.model_schema as schema
    import anp_core.model_translations as translations

    for name in translations.__all__:
        assert getattr(schema, name) is getattr(translations, name), name
    for module in (schema, translations):
        lines = Path(module.__file__).read_text(encoding="utf-8").count("\n")
        assert lines <= 600, f"{module.__name__} has {lines} lines"


NAMES_IN_CHINESE = MODEL_PATH.parent / "examples" / "warehouse_site_names.json"


def test_an_explicit_english_translation_wins_over_chinese_primary_names():
    m = load_model(NAMES_IN_CHINESE)
    assert m.name.startswith("海外仓")  # the model's own name is Chinese
    assert in_language(m, "name", "en").startswith("Overseas warehouse site")
    assert in_language(m, "name", "zh") == m.name  # no zh translation: its own text
    assert m.label("overall_benefit", "en") == "Overall benefit"
    assert m.label("overall_benefit", "zh") == "综合效益"
    assert m.label("sites", "en") == "Candidate sites"
