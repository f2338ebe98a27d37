"""Refusals a user meets on a Chinese page are said in Chinese: uploads, ANP_MODEL, the matrix editor, a j= link.

The engine's reasons (a judgment out of range or not reciprocal, the model
budget, a file that is not JSON) reach the screen through Messages; the
English sentence is what ``str(err)`` keeps for the command line.
"""

from __future__ import annotations

import base64
import json
import re

from anp_core import load_model
from dashboard import scenario_link
from tests.app.test_every_page_i18n import BUNDLED, run_page
from tests.core.test_hostile_budget import bomb
from tests.support.apptest import no_exception

#: English words of the engine's templates; ids, file names and values are allowed.
ENGLISH = re.compile(
    r"\b(judgments?|must|outside|reciprocal|missing|limit|nodes|valid|nested|deployment|variable|"
    r"scale|runs|loaded|problems?|opened|expected|Expecting|value|comparisons?|criteria)\b"
)
#: JSON paths (``comparisons[0].matrix``) are shown as they are.
PATH = re.compile(r"[a-z_]+(?:\[\d+\])+(?:\.[a-z_]+(?:\[\d+\])*)*")


def shown(at) -> str:
    return PATH.sub("<path>", " ".join(e.value for e in at.error).replace("\\", ""))


def _model_with_judgment(value: float, back: float | None = None) -> bytes:
    doc = json.loads(BUNDLED.read_text(encoding="utf-8"))
    matrix = doc["comparisons"][0]["matrix"]
    matrix[0][1] = value
    matrix[1][0] = 1 / value if back is None else back
    return json.dumps(doc).encode()


def _upload(at, name: str, data: bytes) -> None:
    at.file_uploader[0].set_value((name, data, "application/json")).run()
    no_exception(at)


def test_an_uploaded_judgment_out_of_range_is_refused_in_chinese(monkeypatch):
    at = run_page(monkeypatch, BUNDLED, "views/weights.py", "zh")
    _upload(at, "big.json", _model_with_judgment(1e7))
    text = shown(at)
    assert "超出 1e-06 … 1e+06 的范围" in text
    assert "未能载入" in text
    assert ENGLISH.findall(text) == [], text


def test_an_uploaded_judgment_that_is_not_reciprocal_is_refused_in_chinese(monkeypatch):
    at = run_page(monkeypatch, BUNDLED, "views/weights.py", "zh")
    _upload(at, "odd.json", _model_with_judgment(3.0, 3.0))
    text = shown(at)
    assert "不互为倒数——应为 0.333333" in text
    assert ENGLISH.findall(text) == [], text


def test_a_model_over_the_budget_is_refused_in_chinese(monkeypatch):
    at = run_page(monkeypatch, BUNDLED, "views/weights.py", "zh")
    _upload(at, "huge.json", json.dumps(bomb(4, 200)).encode())
    text = shown(at)
    assert "800 个节点；上限为" in text
    assert "ANP_MAX_NODES" in text  # the variable's name stays as it is
    assert ENGLISH.findall(text) == [], text


def test_a_file_that_is_not_json_is_refused_in_chinese(monkeypatch):
    at = run_page(monkeypatch, BUNDLED, "views/weights.py", "zh")
    _upload(at, "notes.json", b"this is not a model " * 15_000)
    text = shown(at)
    assert "（文件）: 不是有效的 JSON：此处应为一个值" in text
    assert "not valid JSON" not in text
    assert "(file)" not in text


def test_an_anp_model_file_that_cannot_be_opened_is_said_in_chinese(monkeypatch, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_bytes(_model_with_judgment(1e7))
    monkeypatch.setenv("ANP_MODEL", str(bad))
    at = run_page(monkeypatch, BUNDLED, "views/weights.py", "zh")
    text = shown(at)
    assert "无法打开" in text
    assert "broken.json" in text
    assert "超出 1e-06 … 1e+06 的范围" in text
    assert "could not be opened" not in text
    assert ENGLISH.findall(text) == [], text
    at.query_params["lang"] = "en"  # the same notice follows the page's language
    at.session_state["lang"] = "en"
    at.run()
    assert "could not be opened" in at.error[0].value


def test_a_value_the_engine_refuses_in_the_matrix_editor_is_said_in_chinese(monkeypatch):
    at = run_page(monkeypatch, BUNDLED, "views/judgments.py", "zh")
    (editor,) = [d for d in at.dataframe if d.key and d.key.startswith("matrix:")]
    at.session_state[editor.key] = {
        "edited_rows": {0: {"consumer_complaints": "2e7"}},  # the page opens on credit risk's matrix
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    no_exception(at)
    text = shown(at)
    assert "超出 1e-06 … 1e+06 的范围" in text
    assert ENGLISH.findall(text) == [], text


def test_a_link_whose_judgments_do_not_fit_is_refused_in_chinese(monkeypatch):
    model = load_model(BUNDLED)
    comp = model.comparisons[0]
    rows = [list(r) for r in comp.matrix]
    rows[0][1] = rows[1][0] = 3.0  # not reciprocal
    bad = comp.model_copy(update={"matrix": tuple(tuple(r) for r in rows)})
    raw = json.dumps(scenario_link._payload(model, [], [bad]), separators=(",", ":"))
    j = base64.urlsafe_b64encode(scenario_link._deflate(raw.encode())).decode().rstrip("=")
    monkeypatch.delenv("ANP_MODEL", raising=False)
    from streamlit.testing.v1 import AppTest

    from tests.support.apptest import APP

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "zh"
    at.query_params["j"] = j
    at.switch_page("views/weights.py").run()
    no_exception(at)
    text = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "不互为倒数" in text
    assert "比较 policy/policy" in text
    assert ENGLISH.findall(text) == [], text
