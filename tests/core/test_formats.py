"""load_any: one entry point for JSON, .sdmod and .xlsx (paths or uploaded bytes)."""

from __future__ import annotations

import pytest

from anp_core import ModelValidationError, dump_model, load_model
from anp_core.excel import model_to_workbook
from anp_core.formats import detect_format, load_any, read_any
from anp_core.sdmod import load_sdmod
from tests.conftest import MODEL_PATH, ROOT

SDMOD = ROOT / "tests" / "fixtures" / "sdmod" / "two_cluster_feedback.sdmod"


def test_paths_of_each_format_give_the_same_model(tmp_path, paper_model):
    xlsx = tmp_path / "m.xlsx"
    xlsx.write_bytes(model_to_workbook(paper_model))
    assert load_any(MODEL_PATH) == paper_model
    assert load_any(str(MODEL_PATH)) == paper_model
    assert load_any(xlsx).id == paper_model.id
    assert load_any(SDMOD) == load_sdmod(SDMOD)


@pytest.mark.parametrize("name", ["model.json", "MODEL.JSON", "upload", None, "notes.txt"])
def test_json_bytes_are_recognised_with_or_without_a_usable_name(name, paper_model):
    assert load_any(dump_model(paper_model).encode(), name) == paper_model


@pytest.mark.parametrize("name", ["m.sdmod", "m.SDMOD", "download", None])
def test_sdmod_bytes_are_recognised(name):
    model = load_any(SDMOD.read_bytes(), name)
    assert model.control_criteria == ("network",)


@pytest.mark.parametrize("name", ["m.xlsx", "attachment", None])
def test_xlsx_bytes_are_recognised(name, paper_model):
    assert load_any(model_to_workbook(paper_model), name).node_ids == paper_model.node_ids


def test_a_json_with_a_wrong_extension_is_refused_not_guessed(paper_model):
    with pytest.raises(ModelValidationError, match="not a zip archive"):
        load_any(dump_model(paper_model).encode(), "model.xlsx")


def test_validation_errors_come_through_with_their_paths(paper_model):
    data = paper_model.model_dump(mode="json")
    data["comparisons"][0]["matrix"][0][1] = -1
    import json

    with pytest.raises(ModelValidationError, match=r"comparisons\[0\]\.matrix"):
        load_any(json.dumps(data).encode(), "bad.json")


def test_read_any_returns_the_unvalidated_dict():
    d = read_any(SDMOD)
    assert d["schema_version"] == 1
    assert load_model(d) == load_sdmod(SDMOD)


def test_detect_format_by_content():
    assert detect_format(b"  \n{}", None) == "json"
    assert detect_format(b"\xef\xbb\xbf{}", None) == "json"
    assert detect_format(b"set x 1\nmakeCluster $net", "x.tcl") == "sdmod"
    assert detect_format(b"PK\x03\x04rest", None) == "xlsx"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelValidationError, match="cannot read"):
        load_any(tmp_path / "nope.sdmod")
