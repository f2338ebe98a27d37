"""Where the dashboard's models come from (dashboard.model_source): ANP_MODEL, files, examples."""

from __future__ import annotations

import os

import pytest

from dashboard import model_source
from tests.support.dashboard_models import write_models
from tests.support.paper import MODEL_PATH


def test_a_good_file_opens(tmp_path):
    path = write_models(tmp_path, ["sink"])["sink"]
    opened = model_source.read_model_file(path)
    assert opened.model is not None
    assert opened.model.id == "test_network"
    assert opened.source == "sink.json"
    assert not opened.problems


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json {", "not valid JSON"),
        (b"[1]", "must be a JSON object"),
        (b'{"schema_version": 1}', "Field required"),
    ],
)
def test_a_bad_file_gives_its_problems_and_no_model(tmp_path, content, expected):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    opened = model_source.read_model_file(path)
    assert opened.model is None
    assert any(expected in what for _, what in opened.problems), opened.problems


def test_missing_files_directories_and_fifos_are_refused_without_reading(tmp_path):
    missing = model_source.read_model_file(tmp_path / "nope.json")
    assert missing.model is None
    assert "cannot open" in missing.problems[0][1]
    folder = model_source.read_model_file(tmp_path)
    assert folder.model is None
    assert "not a regular file" in folder.problems[0][1]
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    piped = model_source.read_model_file(fifo)  # would block forever if it were read
    assert piped.model is None
    assert "not a regular file" in piped.problems[0][1]


def test_a_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (model_source.MAX_FILE_BYTES + 1))
    opened = model_source.read_model_file(path)
    assert opened.model is None
    assert "is over" in opened.problems[0][1]


def test_startup_path_reads_anp_model():
    assert model_source.startup_path({}) is None
    assert model_source.startup_path({"ANP_MODEL": "  "}) is None
    assert model_source.startup_path({"ANP_MODEL": str(MODEL_PATH)}) == MODEL_PATH


def test_example_files_list_the_json_files_of_the_folder(tmp_path):
    write_models(tmp_path, ["periodic", "sink"])
    (tmp_path / "notes.txt").write_text("not a model")
    files = model_source.example_files({"ANP_EXAMPLES": str(tmp_path)})
    assert [f.name for f in files] == ["periodic.json", "sink.json"]
    assert model_source.example_files({"ANP_EXAMPLES": str(tmp_path / "none")}) == []


def test_problem_lists_are_capped():
    problems = [(f"p{k}", "bad") for k in range(20)]
    lines = model_source.format_problems(problems)
    assert len(lines) == 13
    assert lines[-1] == "… and 8 more"


def test_the_count_of_problems_left_out_is_said_in_the_interface_language():
    from anp_core.i18n import translator
    from dashboard.model_source import format_problems

    problems = [(f"clusters[{i}].name", "Field required") for i in range(15)]
    assert format_problems(problems)[-1] == "… and 3 more"
    assert format_problems(problems, translator("zh"))[-1] == "… 另有 3 条"


def test_anp_model_opens_super_decisions_and_excel_files_as_uploads_do(tmp_path):
    """``ANP_MODEL`` (and ``make run MODEL=``) takes every format the upload takes, not only JSON."""
    from pathlib import Path

    from anp_core import load_model
    from anp_core.excel import model_to_workbook

    sdmod = Path(__file__).resolve().parents[1] / "fixtures" / "sdmod" / "superdecisions" / "Lunch.sdmod"
    opened = model_source.read_model_file(sdmod)
    assert opened.model is not None, opened.problems
    assert opened.source == "Lunch.sdmod"
    xlsx = tmp_path / "paper.xlsx"
    xlsx.write_bytes(model_to_workbook(load_model(MODEL_PATH)))
    opened = model_source.read_model_file(xlsx)
    assert opened.model is not None, opened.problems
    assert opened.model.id == "cbec_trade_war"
