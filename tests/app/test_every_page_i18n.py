"""Every page of the navigation in English and in Chinese (AppTest), on the paper's model and on examples.

In Chinese no English word may be left anywhere the page shows text: titles,
headings, markdown, captions, alerts, widget labels, help and options, tab and
expander labels, metric labels, dataframe column names, the navigation, and
the charts' titles, axis titles, legend entries and hover text. What may stay
English is listed: the text a model or scenario file supplies without a
Chinese translation (names, notes, citations, quotes; they are collected from
the files, not typed here), file names, code, icons, and a short list of
acronyms, units and proper names (``ALLOWED_WORDS``).

The pages come from ``app.py``'s own navigation list, so a page added there is
checked here without editing this file.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from anp_core import load_model
from anp_core.i18n import translator
from tests.support.apptest import APP, ROOT, _protos, _texts, charts, no_exception

#: The navigation's page files, read from app.py (the hidden questionnaire page is tested elsewhere).
PAGES = tuple(
    p
    for p in re.findall(r'st\.Page\(\s*"(views/[a-z_]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    if p != "views/panel_expert.py"
)
BUNDLED = ROOT / "data" / "models" / "cbec_trade_war.json"
#: Example models: one with Chinese names (three criteria), one without any translation.
EXAMPLES = {
    "logistics": ROOT / "data" / "models" / "examples" / "logistics_three_criteria.json",
    "coffee": ROOT / "data" / "models" / "examples" / "coffee_feedback.json",
}
MODELS = {"paper": BUNDLED, **EXAMPLES}

#: Words that stay as they are in the Chinese interface: acronyms, formats, units, people and products.
ALLOWED_WORDS = frozenset(
    [
        "ANP",
        "AHP",
        "CR",
        "CI",
        "RI",
        "AIJ",
        "AIP",
        "SMAA",
        "JSON",
        "CSV",
        "PDF",
        "HTML",
        "Excel",
        "xlsx",
        "sdmod",
        "MB",
        "UTC",
        "URL",
        "ID",
        "Saaty",
        "Alonso",
        "Lamata",
        "Harker",
        "Lahdelma",
        "Salminen",
        "Kendall",
        "Dirichlet",
        "Chromium",
        "Super",
        "Decisions",
        "max",
        "min",
        "log",
        "exp",
        "Normal",
        "Uniform",
    ]
)
#: The language switch speaks both languages on purpose.
ALLOWED_PHRASES = ("Language · 语言", "English", "anp_core")

_WORD = re.compile(r"[A-Za-z]{2,}")
_ICON = re.compile(r":material/[a-z_]+:")
#: Streamlit's markdown directives for colour and size (``:green[▲ +0.012]``): syntax, not words.
_DIRECTIVE = re.compile(
    r":(?:red|orange|yellow|green|blue|violet|gray|grey|rainbow|primary|small)(?:-background|-badge)?\["
)
_CODE = re.compile(r"`[^`]*`")
_FILE = re.compile(r"[\w./-]+\.(?:json|csv|xlsx|pdf|html|sdmod|md|py|po)\b|\b\w+(?:/\w+)+/?")  # files, paths
#: Keys of the data files whose values are ids or fixed keywords, never shown as text.
_ID_KEYS = frozenset(
    {"id", "node", "source", "target", "criterion", "cluster", "wrt", "elements", "kind", "judgments", "role"}
    | {"strength", "sinks", "priorities", "factor", "factors", "ranked_clusters", "schema_version"}
)
_ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")
_PLACEHOLDER = re.compile(r"%\{[^}]*\}")  # plotly hover templates
_TAG = re.compile(r"<[^>]{0,200}>")


def _strings(node: Any, translated: bool = False) -> Iterator[str]:
    """Every string of a JSON document that a page may show untranslated.

    The name, description, title and quote of an item with a Chinese
    translation are skipped: the page must show the translation. The
    Chinese translations themselves are the file's text too (proper names
    such as RCEP or TikTok may stay in Latin letters there).
    """
    if isinstance(node, str):
        if not translated:
            yield node
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, translated)
    elif isinstance(node, dict):
        zh = (node.get("translations") or {}).get("zh") or {}
        given = {k for k, v in zh.items() if v} | ({"title"} if zh.get("name") else set())
        if zh:
            yield from _strings(zh)
        for key, value in node.items():
            if key == "translations" or (key in _ID_KEYS and isinstance(value, str | list)):
                continue
            yield from _strings(value, key in given)


@lru_cache(maxsize=8)
def _outside_text(model: Path) -> tuple[str, ...]:
    """Text the data files supply without a Chinese translation, longest first.

    The opened model's, the scenario and paper files', and the names and
    descriptions of the example and template models (pages list them).
    """
    found: set[str] = set()
    files = [model, *(ROOT / "data" / "scenarios").glob("*.json"), *(ROOT / "data" / "paper").glob("*.json")]
    for path in files:
        found.update(s.strip() for s in _strings(json.loads(path.read_text(encoding="utf-8"))))
    for path in (ROOT / "data" / "models").rglob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        found.update(
            s.strip() for s in _strings({k: doc.get(k, "") for k in ("name", "description", "translations")})
        )
    # pages quote a text's first sentence too (the Start page: a model's description)
    found |= {part.strip() for s in found for part in re.split(r"(?<=[.;!?])\s+", s)}
    found |= {s[:n].rstrip() for s in found for n in (300, 319) if len(s) > n}  # a long text cut short
    text = (s for s in found if len(s) > 1 and not _ID.fullmatch(s))  # ids are never shown as text
    return tuple(sorted(text, key=len, reverse=True))


def _chart_texts(spec: dict[str, Any]) -> Iterator[str]:
    def walk(node: Any, key: str = "") -> Iterator[str]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in {"bdata", "dtype", "shape", "template", "meta", "customdata", "ids", "uid"}:
                    continue
                yield from walk(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, key)
        elif isinstance(node, str) and key in {
            "text",
            "name",
            "hovertemplate",
            "hovertext",
            "labels",
            "x",
            "y",
            "ticktext",
            "title",
        }:
            yield node

    fig = spec.get("data", []), spec.get("layout", {})
    yield from walk(fig[0])
    yield from walk({k: v for k, v in fig[1].items() if k != "template"})


def _vega_texts(node: Any, key: str = "") -> Iterator[str]:
    """The words of a Vega-Lite specification: titles, subtitles and constant texts."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _vega_texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _vega_texts(v, key)
    elif isinstance(node, str) and key in {"title", "subtitle", "text"}:
        yield node


def page_texts(at: AppTest) -> list[tuple[str, str]]:
    """``(where, text)`` for every text the run shows (main area, sidebar, tables, charts).

    A table's column shows its ``column_config`` label (and help) where it has one, else its name.
    """
    out = [
        (f"{kind}.{field}", text)
        for kind, proto in _protos(at._tree)
        if kind != "html"  # the focus stylesheet
        for _k, field, text in _texts(kind, proto)
    ]
    for df in at.dataframe:
        config = json.loads(df.proto.columns or "{}")
        for c in df.value.columns:
            conf = config.get(str(c)) or {}
            out.append(("dataframe column", str(conf.get("label") or c)))
            if conf.get("help"):
                out.append(("dataframe column help", str(conf["help"])))
    for chart in at.get("plotly_chart"):
        out += [("chart", t) for t in _chart_texts(json.loads(chart.proto.spec))]
    for chart in at.get("vega_lite_chart"):  # its words are in the spec; its data are the model's names
        out += [("chart", t) for t in _vega_texts(json.loads(chart.proto.spec))]
    return out


def english_left(text: str, outside: tuple[str, ...] = ()) -> list[str]:
    """The English words of ``text`` once allowed ``outside`` text, code, icons and file names are removed."""
    s = html.unescape(_TAG.sub(" ", text.replace("<br>", " "))).replace("\\", "").replace("\u2060", "")
    s = re.sub(r"(?<=\w-) (?=\w)", "", s)  # a label wrapped after a hyphen ("cross-<br>border")
    s = _CODE.sub(" ", _DIRECTIVE.sub("[", _ICON.sub(" ", _PLACEHOLDER.sub(" ", s))))
    for phrase in (*ALLOWED_PHRASES, *outside):
        if phrase in s:
            s = s.replace(phrase, " ")
    s = _FILE.sub(" ", s)
    return [w for w in _WORD.findall(s) if w not in ALLOWED_WORDS]


def untranslated(at: AppTest, model: Path = BUNDLED) -> list[str]:
    """Texts of the run that still hold English words (and the words), with ``model`` opened."""
    outside = _outside_text(model)
    bad = []
    for where, text in page_texts(at):
        words = english_left(text, outside)
        if words:
            bad.append(f"[{where}] {sorted(set(words))[:6]} in {text[:160]!r}")
    return sorted(set(bad))


def run_page(monkeypatch, model: Path, page: str, lang: str) -> AppTest:
    if model != BUNDLED:
        monkeypatch.setenv("ANP_MODEL", str(model))
    at = AppTest.from_file(APP, default_timeout=120)
    if lang != "en":
        at.query_params["lang"] = lang
    at.switch_page(page).run()
    no_exception(at)
    return at


def test_the_navigation_is_read_from_app_py():
    assert len(PAGES) >= 12
    assert "views/weights.py" in PAGES
    assert "views/start.py" in PAGES


@pytest.mark.parametrize("model", list(MODELS))
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_chinese_has_no_english_left(monkeypatch, page, model):
    at = run_page(monkeypatch, MODELS[model], page, "zh")
    assert at.query_params.get("lang") in ("zh", ["zh"])
    assert untranslated(at, MODELS[model]) == []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_english_and_the_check_sees_english(monkeypatch, page):
    at = run_page(monkeypatch, BUNDLED, page, "en")
    assert "lang" not in at.query_params
    assert len(untranslated(at)) > 3  # the same check finds the English of the English interface


def test_names_are_in_the_models_language(monkeypatch):
    """The paper's criteria, clusters and factors appear under their Chinese names on the Chinese pages."""
    model = load_model(BUNDLED)
    at = run_page(monkeypatch, BUNDLED, "views/weights.py", "zh")
    shown = "\n".join(t for _w, t in page_texts(at)).replace("\\", "")
    for any_id in (*model.control_criteria, model.clusters[0].id, model.ranked_node_ids[0]):
        assert model.label(any_id, "zh") in shown
        assert model.label(any_id, "en") not in shown


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_navigation_titles_follow_the_language_and_the_paths_do_not(monkeypatch, lang):
    import streamlit as st

    seen: list[Any] = []
    navigation = st.navigation

    def spy(pages, *args, **kwargs):
        seen[:] = list(pages)
        return navigation(pages, *args, **kwargs)

    monkeypatch.setattr(st, "navigation", spy)
    run_page(monkeypatch, BUNDLED, "views/weights.py", lang)
    _ = translator(lang)
    titles = {p.url_path: p.title for p in seen}
    assert titles["weights"] == _("Weights")
    assert titles[""] == _("Start here")
    assert set(titles) == {"", *(Path(p).stem for p in PAGES if p != "views/start.py")}
    if lang == "zh":
        assert not [t for t in titles.values() if english_left(t)]


def test_results_after_running_and_editing_are_in_chinese_too(monkeypatch):
    """What appears only after an action: Monte Carlo and SMAA results, a judgment edit's message."""
    from tests.app.test_uncertainty import run_mc, run_smaa

    at = run_page(monkeypatch, BUNDLED, "views/uncertainty.py", "zh")
    at = run_mc(at)
    at.number_input(key="smaa_draws").set_value(2_000)
    at = run_smaa(at)
    assert {"mc_box", "smaa_heatmap"} <= set(charts(at))
    assert untranslated(at) == []

    at = run_page(monkeypatch, BUNDLED, "views/judgments.py", "zh")
    at.select_slider[0].set_value(3.0).run()
    no_exception(at)
    assert at.success  # the edit's message
    assert untranslated(at) == []


def test_the_model_editor_in_chinese(monkeypatch):
    at = run_page(monkeypatch, BUNDLED, "views/model.py", "zh")
    at.button(key="wb_open_current").click().run()
    no_exception(at)
    assert untranslated(at) == []


MODEL_SECTIONS = ("Structure", "Links", "Judgments", "Results")


@pytest.mark.parametrize("section", MODEL_SECTIONS)
def test_each_section_of_the_model_editor_in_chinese(monkeypatch, section):
    """The paper's model opened for editing: every section, the network and its problems, in Chinese."""
    at = run_page(monkeypatch, BUNDLED, "views/model.py", "zh")
    at.button(key="wb_open_current").click().run()
    at.session_state["wb_section"] = section
    at.toggle(key="wb_big").set_value(section == "Links").run()
    no_exception(at)
    assert untranslated(at) == []


def _draft_with_problems() -> Any:
    """A draft with one problem of each kind (names typed in Chinese or as short codes)."""
    from anp_core import edit as ed
    from anp_core import edit_links as lk
    from tests.core.test_draft import three_clusters

    d = three_clusters(judged=False, feedback=False)
    d = ed.rename(d, "overall", "总体").draft
    d = ed.set_model_info(d, name="练习网络").draft
    d = ed.add_criterion(d, "成本").draft  # a control criterion without a network
    d = ed.add_cluster(d, "孤立组").draft
    d = ed.add_node(d, d.clusters[-1].id, "d1").draft  # a cluster nothing links to
    d = ed.add_node(d, "a", "a3").draft
    key = ("overall", "nodes", "c", "a")
    for (r, c), v in {("a1", "a2"): 5.0, ("a1", "a3"): 1 / 5, ("a2", "a3"): 5.0}.items():
        d = lk.set_judgment(d, key, r, c, v).draft  # CR over 0.10
    return d


@pytest.mark.parametrize("section", MODEL_SECTIONS)
def test_a_draft_with_problems_in_chinese(monkeypatch, section):
    """Blocking problems, warnings, the limit outlook, a matrix to repair and missing judgments, in Chinese."""
    at = run_page(monkeypatch, BUNDLED, "views/model.py", "zh")
    at.session_state["wb_draft"] = _draft_with_problems()
    at.session_state["wb_section"] = section
    if section == "Judgments":
        at.session_state["wb_comparison"] = ("overall", "nodes", "c", "a")
    at.run()
    no_exception(at)
    codes = {p.code for p in at.session_state["wb_diag"][2].problems}
    assert {"no_network", "unlinked_cluster", "disconnected", "inconsistent", "limit"} <= codes
    assert untranslated(at) == []
    if section == "Judgments":
        assert any(b.key and b.key.startswith("wb_fix:") for b in at.button)  # the repairs, in Chinese
        pair = next(sb for sb in at.selectbox if sb.key and sb.key.startswith("wb_pair:"))
        pair.set_value(3.0).run()  # a judgment: what the engine says about it is in Chinese
        no_exception(at)
        assert at.success
        assert untranslated(at) == []


def test_the_model_editors_messages_in_chinese(monkeypatch):
    """What an action leaves (undo, redo, a start from scratch) and a cluster without nodes, in Chinese."""
    from anp_core import edit as ed

    at = run_page(monkeypatch, BUNDLED, "views/model.py", "zh")
    at.session_state["wb_draft"] = ed.add_cluster(_draft_with_problems(), "空组").draft
    at.run()
    codes = {p.code for p in at.session_state["wb_diag"][2].problems}
    assert "empty_cluster" in codes
    assert untranslated(at) == []
    rev = at.session_state["wb_rev"]
    at.button(key=f"wb_down:b:{rev}").click().run()  # an edit: the engine says what it did, in Chinese
    no_exception(at)
    assert at.success
    assert untranslated(at) == []
    at.text_input(key="wb_add_cluster:name").set_value("备选方案")
    next(b for b in at.button if b.proto.form_id == "wb_add_cluster").click().run()
    assert at.success  # "Added cluster …"
    assert untranslated(at) == []
    at.button(key="wb_undo_btn").click().run()
    no_exception(at)
    assert at.info  # "Undone."
    assert untranslated(at) == []
    at.button(key="wb_redo_btn").click().run()
    assert at.info  # "Redone."
    assert untranslated(at) == []
    at.text_input(key="wb_new_model").set_value("出口市场选择")
    next(b for b in at.button if b.proto.form_id == "wb_start_form").click().run()
    no_exception(at)
    assert at.success  # "Started …"
    assert untranslated(at) == []


def test_the_sidebar_switch_changes_the_language_and_the_url(monkeypatch):
    at = run_page(monkeypatch, BUNDLED, "views/weights.py", "en")
    assert at.segmented_control(key="sb_lang").value == "en"
    assert at.sidebar.text_input[0].value == "Model's own weights"
    at.segmented_control(key="sb_lang").set_value("zh").run()
    no_exception(at)
    assert at.query_params["lang"] in ("zh", ["zh"])
    assert at.title[0].value == translator("zh")("Criterion weights and the ranking")
    assert at.sidebar.text_input[0].value == translator("zh")("Model's own weights")  # the name it gave
    assert untranslated(at) == []
    # another page: the session keeps the language and puts it back into the URL
    at.query_params.pop("lang", None)
    at.switch_page("views/sensitivity.py").run()
    no_exception(at)
    assert at.query_params["lang"] in ("zh", ["zh"])
    assert at.title[0].value == translator("zh")("Sensitivity to the criterion weights")
    at.segmented_control(key="sb_lang").set_value("en").run()
    no_exception(at)
    assert "lang" not in at.query_params
    assert at.title[0].value == "Sensitivity to the criterion weights"
    assert at.sidebar.text_input[0].value == "Model's own weights"


def test_a_model_with_chinese_primary_names_is_english_on_an_english_page(monkeypatch):
    """Its ``translations.en`` names win over its own (Chinese) names in the English interface."""
    path = ROOT / "data" / "models" / "examples" / "warehouse_site_names.json"
    model = load_model(path)
    at = run_page(monkeypatch, path, "views/weights.py", "en")
    shown = "\n".join(t for _w, t in page_texts(at)).replace("\\", "")
    assert model.translations["en"].name in shown
    assert model.name not in shown
    assert model.label("overall_benefit", "en") in shown


def test_a_refused_edit_on_the_model_page_is_in_chinese(monkeypatch):
    """Why an edit was refused (a DraftEditError) is said in the interface's language, names in it too."""
    at = run_page(monkeypatch, BUNDLED, "views/model.py", "zh")
    at.session_state["wb_draft"] = _draft_with_problems()
    at.session_state["wb_section"] = "Structure"
    at.run()
    for name in ("孤立组", "   "):  # a name taken, no name
        at.text_input(key="wb_add_cluster:name").set_value(name)
        next(b for b in at.button if b.proto.form_id == "wb_add_cluster").click().run()
        no_exception(at)
        assert at.error, name
        assert untranslated(at) == []
    assert "名称" in at.error[0].value


def _bad_model_upload(kind: str = "schema") -> bytes:
    from tests.core.test_model_checks import _broken, _cross_references_broken

    return json.dumps(_broken() if kind == "schema" else _cross_references_broken()).encode()


def _english_but_the_file_s(at: AppTest, kind: str = "schema") -> list[str]:
    """Like :func:`untranslated`, the problems' locations, quoted values and ids allowed (they stay as they are)."""
    from anp_core import ModelValidationError

    try:
        load_model(_bad_model_upload(kind))
    except ModelValidationError as err:
        named = {
            q
            for _p, m in err.problems
            for q in re.findall(r"[a-z_]+(?:\[\d+\])+(?:\.[a-z_]+(?:\[\d+\])*)*", m)
        }
        paths = tuple(sorted({p for p, _m in err.problems} | named, key=len, reverse=True))
        quoted = tuple(
            sorted({q for _p, m in err.problems for q in re.findall(r"'[^']*'", m)}, key=len, reverse=True)
        )
    keywords = (*quoted, "'calculus'", "'absorbing'", "'hierarchy'", "'^[a-z][a-z0-9_]*$'", "ID")
    outside = (*paths, *keywords, *_outside_text(BUNDLED))
    bad = []
    for where, text in page_texts(at):
        words = english_left(text.replace("\\", ""), outside)
        if words:
            bad.append(f"[{where}] {sorted(set(words))[:6]} in {text[:160]!r}")
    return bad


def test_a_refused_model_upload_is_explained_in_chinese(monkeypatch):
    """pydantic's problems with an uploaded file, in Chinese: the sidebar's upload and the Model page's."""
    at = run_page(monkeypatch, BUNDLED, "views/weights.py", "zh")
    at.file_uploader[0].set_value(("broken.json", _bad_model_upload(), "application/json")).run()
    no_exception(at)
    (err,) = at.error
    shown = err.value.replace("\\", "")
    assert "缺少必填字段" in shown
    assert "clusters[0].name" in shown  # the location stays as it is
    assert "Field required" not in shown
    assert _english_but_the_file_s(at) == []

    at = run_page(monkeypatch, BUNDLED, "views/model.py", "zh")
    at.file_uploader(key=f"wb_upload:{at.session_state['wb_upload_nonce']}").upload(
        "broken.json", _bad_model_upload(), "application/json"
    )
    at.run()
    no_exception(at)
    shown = " ".join(e.value for e in at.error).replace("\\", "")
    assert "应大于 0" in shown
    assert "greater than" not in shown
    assert "`comparisons[0].matrix[0][1]`" in at.error[0].value  # a location is code, shown as it is
    assert _english_but_the_file_s(at) == []


def test_a_deletion_on_the_model_page_is_said_in_chinese(monkeypatch):
    """What a deletion removed with it (comparisons, judgments) is said in Chinese, the deleted names too."""
    at = run_page(monkeypatch, BUNDLED, "views/model.py", "zh")
    at.session_state["wb_draft"] = _draft_with_problems()
    at.session_state["wb_section"] = "Structure"
    at.run()
    rev = at.session_state["wb_rev"]
    at.button(key=f"wb_del:a:{rev}").click().run()  # cluster A: its nodes and comparisons go with it
    no_exception(at)
    assert at.success
    said = at.success[0].value
    assert "已删除元素组" in said
    assert untranslated(at) == []


def test_a_model_upload_with_broken_references_is_explained_in_chinese(monkeypatch):
    """Problems found after pydantic (duplicate ids, unknown references, a matrix's shape), in Chinese."""
    at = run_page(monkeypatch, BUNDLED, "views/weights.py", "zh")
    at.file_uploader[0].set_value(("refs.json", _bad_model_upload("refs"), "application/json")).run()
    no_exception(at)
    (err,) = at.error
    shown = err.value.replace("\\", "")
    assert "重复" in shown
    assert "duplicate" not in shown
    assert _english_but_the_file_s(at, "refs") == []


def test_a_name_taken_in_chinese_is_refused_on_the_chinese_model_page(monkeypatch):
    """The paper's cluster 平台服务 (its Chinese name): a new cluster may not read the same on this page."""
    at = run_page(monkeypatch, BUNDLED, "views/model.py", "zh")
    at.button(key="wb_open_current").click().run()
    at.session_state["wb_section"] = "Structure"
    at.run()
    taken = load_model(BUNDLED).label("platform_services", "zh")
    at.text_input(key="wb_add_cluster:name").set_value(taken)
    next(b for b in at.button if b.proto.form_id == "wb_add_cluster").click().run()
    no_exception(at)
    assert at.error
    assert taken in at.error[0].value
    assert untranslated(at) == []
