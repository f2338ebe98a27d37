"""The dashboard shows the engine's refusals in the page's language (view builders, no Streamlit run)."""

from __future__ import annotations

import re

import pytest

from anp_core import InvalidJudgmentError, PairwiseMatrix
from anp_core.i18n import translator
from dashboard import model_source, sidebar
from dashboard.judgment_ui import MatrixRef, apply_matrix_edits
from dashboard.panel_text import translate_message

ZH = translator("zh")
CREDIT = ("policy", "nodes", "policy", "credit_risk")
LATIN = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize(
    ("typed", "zh", "english"),
    [
        ("1e9", "超出 1e-06 … 1e+06 的范围", "is outside 1e-06 … 1e+06"),
        ("2e-7", "超出 1e-06 … 1e+06 的范围", "is outside 1e-06 … 1e+06"),
    ],
)
def test_a_cell_the_engine_refuses_is_explained_in_the_pages_language(paper_model, typed, zh, english):
    ref = MatrixRef.of(paper_model, CREDIT, "zh")
    new, problems = apply_matrix_edits(paper_model, ref, {0: {"consumer_complaints": typed}}, "zh")
    assert new is None
    (problem,) = problems
    assert zh in problem
    assert problem.count("政府监管") == 2  # the cell, and the engine's reason, by Chinese names
    assert LATIN.findall(problem) == ["Saaty"]
    new, problems = apply_matrix_edits(
        paper_model, MatrixRef.of(paper_model, CREDIT), {0: {"consumer_complaints": typed}}
    )
    assert english in problems[0]
    assert "(Government regulation, Consumer complaints handling)" in problems[0]


def test_one_refused_cell_is_named_and_the_others_are_not_applied(paper_model):
    ref = MatrixRef.of(paper_model, CREDIT, "en")
    new, problems = apply_matrix_edits(
        paper_model, ref, {0: {"consumer_complaints": "3", "insurance_protection": "1e7"}}
    )
    assert new is None
    (problem,) = problems
    assert problem.startswith("(Government regulation, Insurance protection): ")


def test_an_unreadable_model_file_is_told_in_chinese(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_bytes(b"this is not a model" * 20)
    opened = model_source.read_model_file(bad)
    assert opened.model is None
    ((_where, english),) = opened.problems
    assert english.startswith("not valid JSON: Expecting value (line 1, column 1)")
    ((_w, zh),) = opened.translated(ZH)
    assert zh.startswith("不是有效的 JSON")
    assert opened.translated() == opened.problems
    missing = model_source.read_model_file(tmp_path / "gone.json")
    assert missing.translated(ZH)[0][1].startswith("无法打开")
    assert model_source.read_model_file(tmp_path).translated(ZH)[0][1].endswith("不是普通文件")


def test_the_anp_model_notice_is_rendered_in_the_pages_language(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe not text")
    error = (str(bad), model_source.read_model_file(bad))
    zh = sidebar.model_error_markdown(error, ZH).replace("\\", "")
    assert "无法打开" in zh
    assert "不是 UTF-8 文本" in zh
    assert "could not be opened" not in zh
    assert "bad.json" in zh
    en = sidebar.model_error_markdown(error, translator("en")).replace("\\", "")
    assert "could not be opened:" in en
    assert "not UTF-8 text" in en
    assert "The bundled model is shown instead." in en


def test_an_engine_error_without_problems_is_rendered_from_its_message():
    with pytest.raises(InvalidJudgmentError) as info:
        PairwiseMatrix([[1, 2], [3, 1]], "ab", name="m")
    ((where, zh),) = model_source.error_problems(info.value, ZH)
    assert where == "(model)"
    assert "不互为倒数" in zh
    assert model_source.error_problems(info.value) == (("(model)", str(info.value)),)


@pytest.mark.parametrize(
    ("n", "english"), [(1, "1 pair is still unanswered"), (3, "3 pairs are still unanswered")]
)
def test_the_panels_unanswered_pairs_have_their_plural(n, english):
    assert translate_message(f"{n} pair(s) are still unanswered") == english
    assert translate_message(f"{n} pair(s) are still unanswered", ZH) == f"还有 {n} 对未回答"


def test_a_bad_judgment_in_an_uploaded_workbook_is_explained_in_chinese(paper_model):
    import io

    import openpyxl

    from anp_core import ANPError
    from anp_core.excel import model_to_workbook
    from anp_core.formats import load_any

    book = openpyxl.load_workbook(io.BytesIO(model_to_workbook(paper_model)))
    sheet = book["Judgments"]
    assert (sheet.cell(5, 1).value, sheet.cell(4, 3).value) == ("policy", "economic")
    sheet.cell(5, 3).value, sheet.cell(6, 2).value = 1e7, 1e-7  # (policy, economic) and its reciprocal
    raw = io.BytesIO()
    book.save(raw)
    with pytest.raises(ANPError) as info:
        load_any(raw.getvalue(), "judgments.xlsx")
    ((where, zh),) = model_source.error_problems(info.value, ZH)
    assert where == "criteria_comparison.matrix"
    assert zh.startswith("准则比较：判断 (policy, economic) = 1e+07 超出 1e-06 … 1e+06 的范围")
    ((_w, english),) = model_source.error_problems(info.value)
    assert english.startswith("criteria comparison: judgment (policy, economic) = 1e+07 is outside")


def test_an_example_models_source_is_tagged_in_the_pages_language():
    assert sidebar.source_text("coffee.json (example)", "zh") == "来源：coffee\\.json（示例）"
    assert sidebar.source_text("coffee.json (example)", "en") == "Source: coffee\\.json (example)"
