"""The engine's refusals carry a translatable Message: judgments, the model budget, files, with_judgment.

``str(err)`` stays the English sentence (the command line, logs); an
interface renders ``err.text`` (or ``ModelValidationError.problem_text``) in
its language. Each case checks both: the English wording the CLI prints, and
a Chinese rendering with no English word left but the ids, labels and
values the message quotes.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from anp_core import InvalidJudgmentError, ModelValidationError, PairwiseMatrix, budget, load_model
from anp_core.draft import load_draft
from anp_core.i18n import translator
from anp_core.model_file import parse_json, read_source
from tests.conftest import ROOT

ZH = translator("zh")
EXAMPLE = ROOT / "data" / "models" / "examples" / "saaty_drinks.json"
#: English words of the templates (ids and values quoted by the messages are allowed).
ENGLISH = re.compile(
    r"\b(judgments?|must|outside|reciprocal|missing|given|connect|diagonal|square|numbers?|limit|nodes|"
    r"comparisons?|file|valid|nested|deeply|text|object|draft|element|problems?|needs|priority|"
    r"deployment|variable|scale|runs)\b",
    re.IGNORECASE,
)


def chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


def _judgment_errors():
    nan = math.nan
    yield "not reciprocal", [[1, 2], [0.4, 1]], "are not reciprocal — expected 0.5"
    yield "not finite", [[1, math.inf], [0, 1]], "judgments must be finite and > 0"
    yield "not positive", [[1, -2], [-0.5, 1]], "judgments must be finite and > 0"
    yield "outside the range", [[1, 1e9], [1e-9, 1]], "is outside 1e-06 … 1e+06"
    yield "diagonal", [[2, 1], [1, 1]], "diagonal judgment (a, a) = 2 — must be 1"
    yield "diagonal missing", [[nan, 1], [1, 1]], "diagonal judgment (a, a) = missing — must be 1"
    yield "half missing", [[1, None], [1, 1]], "is given but its reciprocal (a, b) is missing"
    yield "not square", [[1, 2, 3]], "must be square and non-empty, got shape (1, 3)"
    yield "not numbers", [[1, "x"], [1, 1]], "judgments must be numbers"
    yield (
        "unconnected",
        [[1, None, 2], [None, 1, None], [0.5, None, 1]],
        "do not connect every element, so priorities are undetermined — give at least: (a, b)",
    )


@pytest.mark.parametrize(("case", "values", "english"), list(_judgment_errors()), ids=lambda x: x)
def test_a_bad_judgment_matrix_is_refused_in_english_and_in_chinese(case, values, english):
    labels = "abc"[: len(values[0])] if case != "not square" else None
    with pytest.raises(InvalidJudgmentError) as info:
        PairwiseMatrix(values, labels, name="m")
    err = info.value
    assert english in str(err)
    assert err.text is not None
    assert err.render() == str(err) == err.text.render()
    zh = err.render(ZH)
    assert chinese(zh), zh
    assert not ENGLISH.findall(zh), zh
    assert zh.startswith("m：")  # the matrix's name, then the reason


def test_the_diagonal_of_a_matrix_is_fixed_in_both_languages():
    a = PairwiseMatrix([[1, 2], [0.5, 1]], "ab", name="m")
    with pytest.raises(InvalidJudgmentError) as info:
        a.with_judgment(0, 0, 3.0)
    assert str(info.value) == "m: the diagonal is fixed at 1"
    assert info.value.render(ZH) == "m：对角线固定为 1"


def _model_with(cell: tuple[int, int], value: float, back: float | None = None) -> bytes:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    i, j = cell
    matrix = doc["comparisons"][0]["matrix"]
    matrix[i][j] = value
    matrix[j][i] = 1 / value if back is None else back
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("value", "back", "english", "zh"),
    [
        (1e7, None, "is outside 1e-06 … 1e+06", "超出"),
        (3.0, 0.5, "are not reciprocal — expected 0.333333", "不互为倒数"),
    ],
    ids=["out of range", "not reciprocal"],
)
def test_a_bad_judgment_in_a_model_file_is_a_translated_problem(value, back, english, zh):
    with pytest.raises(ModelValidationError) as info:
        load_model(_model_with((0, 1), value, back))
    err = info.value
    (i,) = [k for k, (path, _m) in enumerate(err.problems) if path.endswith(".matrix")]
    assert english in err.problems[i][1]
    assert english in str(err)
    shown = err.problem_text(i, ZH)
    assert zh in shown
    assert not ENGLISH.findall(shown.replace("comparison", "")), shown  # the matrix's name is data


def test_a_model_over_the_budget_is_refused_in_chinese():
    with (
        budget.override(max_nodes=3, max_comparisons=0, max_memory_mb=1e-6),
        pytest.raises(ModelValidationError) as info,
    ):
        load_model(EXAMPLE)
    err = info.value
    english = [m for _p, m in err.problems]
    assert any(m.startswith("8 nodes; the limit is 3 (a private deployment") for m in english), english
    assert any("ANP_MAX_COMPARISONS" in m for m in english)
    assert any("MB; the limit is" in m and "ANP_MAX_MEMORY_MB" in m for m in english)
    shown = [err.problem_text(i, ZH) for i in range(len(err.problems))]
    assert all("上限" in s for s in shown), shown
    assert not any(ENGLISH.findall(s) for s in shown), shown
    assert budget.problems(4, 1, 1) == [(p, t.render()) for p, t in budget.problem_messages(4, 1, 1)]


def _file_refusals():
    yield (
        "not UTF-8",
        lambda: parse_json(b'{"a": "\xff"}'),
        "not UTF-8 text (invalid start byte",
        "不是 UTF-8 文本（第 7 字节处：无效的起始字节）",
    )
    yield (
        "not JSON",
        lambda: parse_json(b"hello there"),
        "not valid JSON: Expecting value",
        "不是有效的 JSON：此处应为一个值（第 1 行，第 1 列）",
    )
    yield "NaN", lambda: parse_json(b'{"a": NaN}'), "NaN is not a number JSON allows", "JSON 允许"
    yield "nested", lambda: parse_json(b"[" * 300 + b"]" * 300), "JSON nested deeper than", "嵌套"
    yield (
        "not an object",
        lambda: load_model(b"[1, 2]"),
        "a model must be a JSON object, got list",
        "JSON 对象",
    )
    yield "a draft", lambda: load_model({"draft": True}), "this is a draft model", "草稿"
    yield "too big", lambda: read_source(b"x" * (6 * 2**20)), "the file is 6.3 MB; the limit is 5 MB", "上限"
    yield (
        "a big workbook",
        lambda: read_source(b"x" * (6 * 2**20), "the workbook"),
        "the workbook is",
        "工作簿",
    )
    yield "not a file", lambda: load_model(ROOT / "data"), "is not a regular file", "不是普通文件"
    yield (
        "draft not an object",
        lambda: load_draft(b'"text"'),
        "a draft must be a JSON object, got str",
        "草稿",
    )


@pytest.mark.parametrize(("case", "load", "english", "zh"), list(_file_refusals()), ids=lambda x: x)
def test_a_refused_file_is_explained_in_chinese(case, load, english, zh):
    with pytest.raises(ModelValidationError) as info:
        load()
    err = info.value
    assert english in err.problems[0][1]
    assert english in str(err)
    shown = err.problem_text(0, ZH)
    assert zh in shown, shown
    assert not ENGLISH.findall(shown), shown


def test_a_draft_with_wrong_content_is_refused_in_chinese():
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["draft"] = True
    doc["clusters"][1]["nodes"][1]["id"] = doc["clusters"][1]["nodes"][0]["id"]
    doc["comparisons"][0]["matrix"][0][1] = 1e8
    with pytest.raises(ModelValidationError) as info:
        load_draft(doc)
    err = info.value
    assert any(m.startswith("duplicate id") for _p, m in err.problems)
    shown = [err.problem_text(i, ZH) for i in range(len(err.problems))]
    assert all(chinese(s) for s in shown), shown
    paths = re.compile(r"[a-z_]+(?:\[\d+\])+(?:\.[a-z_]+(?:\[\d+\])*)*")  # JSON paths are quoted as they are
    assert not any(ENGLISH.findall(paths.sub("", s.replace("comparison", ""))) for s in shown), shown


def test_with_judgment_refusals_are_translated():
    model = load_model(EXAMPLE)
    comp = model.comparisons[0]
    key, (a, b) = comp.key, comp.elements[:2]
    cases = [
        (lambda: model.with_judgment(key, a, b, 0.0), "0.0 — judgments must be finite and > 0"),
        (lambda: model.with_judgment(key, a, b, math.nan), "judgments must be finite and > 0"),
        (lambda: model.with_judgment(key, a, b, 1e9), "is outside 1e-06 … 1e+06"),
        (lambda: model.with_judgment(key, a, a, 2.0), "the diagonal is fixed at 1"),
        (lambda: model.with_judgment(key, a, "nowhere", 2.0), "not an element of this comparison"),
        (lambda: model.with_judgment(("x", "nodes", "y", None), a, b, 2.0), "no comparison with key"),
    ]
    for edit, english in cases:
        with pytest.raises(ModelValidationError) as info:
            edit()
        err = info.value
        assert english in str(err)
        shown = err.render(ZH).replace("'nodes'", "")  # a key is data
        assert chinese(shown), shown
        assert not ENGLISH.findall(shown), shown
        assert err.render() == err.problems[0][1]


def test_a_refusal_with_several_problems_says_how_many_more():
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["schema_version"] = 2
    doc["criteria"][0]["name"] = 5
    doc["clusters"][0]["nodes"][0]["colour"] = "red"
    with pytest.raises(ModelValidationError) as info:
        load_model(doc)
    err = info.value
    n = len(err.problems) - 1
    assert err.render().endswith(f"(and {n} more problems)")
    assert err.render(ZH).endswith(f"（另有 {n} 个问题）")


def test_a_plain_string_error_has_no_text_and_renders_as_it_is():
    err = InvalidJudgmentError("something else")
    assert err.text is None
    assert err.render(ZH) == "something else"


@pytest.mark.parametrize(
    ("data", "filename", "english"),
    [
        (b"", "m.json", "the file is empty"),
        (b"hello", "notes.txt", "unsupported file type (.txt): upload a model as JSON"),
        (b"{}", "book.xlsx", "book.xlsx is not a zip archive, so it is not a valid .xlsx file"),
        (b"a,b", "book.csv", ".csv files are not read; save the workbook as .xlsx (no macros)"),
        (b"[1, 2]", "m.json", "a model must be a JSON object, got list"),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_in_english_and_in_chinese(data, filename, english):
    from anp_core.formats import load_any

    with pytest.raises(ModelValidationError) as info:
        load_any(data, filename)
    err = info.value
    assert english in err.problems[0][1]
    zh = err.problem_text(0, ZH)
    assert chinese(zh), zh
    assert not ENGLISH.search(zh.replace(filename, "")), zh


def test_a_typed_workbook_cell_is_refused_in_chinese_too():
    """A judgment typed as text in an .xlsx workbook: its cell and reason, in the interface's language."""
    import io

    from openpyxl import load_workbook

    from anp_core.excel import model_to_workbook
    from anp_core.formats import load_any

    book = load_workbook(io.BytesIO(model_to_workbook(load_model(EXAMPLE))))
    sheet = book["Judgments"]
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, float) and c.value != 1.0)
    cell.value = "abc"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ModelValidationError) as info:
        load_any(out.getvalue(), "drinks.xlsx")
    err = info.value
    i = next(k for k, (_, msg) in enumerate(err.problems) if "is not a number or a fraction" in msg)
    assert "不是数字" in err.problem_text(i, ZH)
