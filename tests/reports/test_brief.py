"""The policy brief: content, self-contained HTML in both languages, PDF by headless Chromium."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from anp_core import evaluate, load_model
from anp_core.cli import main
from anp_core.errors import ANPError
from anp_core.report import PDFRendererMissingError, build_brief, find_chromium, render_html, write_brief
from anp_core.scenarios import Scenario, load_scenario
from tests.conftest import MODEL_PATH, ROOT
from tests.support.builders import network_model

STAMP = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
SCENARIO = ROOT / "data" / "scenarios" / "tariff_escalation.json"
needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")


def small_model():
    """A three-node network with feedback (no source, recommendations or published table)."""
    return network_model(
        {"a": ["a1", "a2"], "b": ["b1"]},
        {("a1", "b"): [1.0], ("a2", "b"): [1.0], ("b1", "a"): [0.7, 0.3], ("a1", "a"): [0.4, 0.6]},
        names={"a1": "Alpha one", "a2": "Alpha two", "b1": "Beta"},
    )


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    # CJK fonts map some glyphs to compatibility code points (Kangxi radicals, ligatures)
    return unicodedata.normalize("NFKC", text)


def plain_text(html: str) -> str:
    return unicodedata.normalize("NFKC", re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&"))


@pytest.fixture(scope="module")
def paper_brief(paper_model):
    return build_brief(paper_model, scenario=load_scenario(SCENARIO), generated=STAMP, mc_draws=300)


def test_content_follows_the_engine(paper_model, paper_brief):
    sc = load_scenario(SCENARIO)
    ev = evaluate(paper_model, sc.criterion_weights)
    base = evaluate(paper_model)
    b = paper_brief
    assert [r.id for r in b.rows[:3]] == list(ev.table().index[:3])
    for r in b.rows:
        assert r.composite == pytest.approx(ev.composite[r.id])
        assert r.rank == ev.ranks[r.id]
        assert r.base_rank == base.ranks[r.id]
    assert b.rows[0].published_rank == 1
    assert b.weights == pytest.approx(tuple(sc.criterion_weights[c] for c in b.criteria))
    assert b.top == tuple(r.id for r in b.rows[:5])
    assert b.recommendations["government_regulation"][0].section.endswith("4.2.1")
    assert {t.top for t in b.thresholds} == {1, 3, 5}
    assert len(b.stability) == 5
    assert 0 <= b.top_factor_stability <= 1
    assert b.scenario_name == "Tariff escalation"
    assert b.scenario_illustrative
    assert not b.judgments_changed


def test_html_is_self_contained_and_names_factors_and_weights(paper_model, paper_brief):
    html = render_html(paper_brief, "en")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    for banned in ("<script", "<link", "<img", "<iframe", "url(", "@import"):
        assert banned not in html.lower()
    assert not re.search(r"""(src|href)\s*=""", html)
    text = plain_text(html)
    for row in paper_brief.rows[:5]:
        assert paper_model.label(row.id) in text
        assert f"{row.composite:.3f}" in text
    assert "0.350" in text  # the scenario's policy weight
    assert "Tariff escalation" in text
    assert paper_model.fingerprint in text
    assert "reconstructed" in text  # the caveat on the judgments
    assert "Strengthen credit risk management" in text  # a linked recommendation
    svgs = re.findall(r"<svg[^>]*>", html)
    assert len(svgs) >= 4
    assert all('role="img"' in s and "aria-labelledby" in s for s in svgs)
    assert html.count("<title id=") == len(svgs)
    assert html.count("<desc id=") == len(svgs)
    assert html.count("<figcaption>") == len(svgs)


def test_html_in_chinese(paper_model, paper_brief):
    html = render_html(paper_brief, "zh")
    assert '<html lang="zh-Hans">' in html
    text = plain_text(html)
    for row in paper_brief.rows[:5]:
        assert paper_model.label(row.id, "zh") in text
    for heading in ("政策简报", "要点", "情景及其权重", "排名及其变化", "前列因素与研究建议", "可复现信息"):
        assert heading in text
    assert "加强信用风险管理与合规能力建设" in text  # the recommendation's Chinese title
    assert "0.156" in text
    assert "At a glance" not in text


def test_a_small_model_without_optional_sections(tmp_path):
    model = small_model()
    brief = build_brief(model, weights={"network": 1}, name="Only one", generated=STAMP, mc_draws=50)
    assert brief.scenario_name == "Only one"
    for lang in ("en", "zh"):
        html = render_html(brief, lang)
        text = plain_text(html)
        assert "Alpha one" in text
        assert "Beta" in text
    text = plain_text(render_html(brief, "en"))
    assert "This model links no recommendations" in text
    assert "does not say where its judgments come from" in text
    assert "Published rank" not in text
    out = write_brief(brief, tmp_path / "small.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_judgment_overrides_get_their_own_section(paper_model):
    comp = paper_model.comparison_by_key[("political", "nodes", "political", "credit_risk")]
    flat = comp.model_copy(update={"matrix": tuple(tuple(1.0 for _ in row) for row in comp.matrix)})
    sc = Scenario(id="flat", name="Flat credit risk", criterion_weights={"political": 1.0}, overrides=(flat,))
    brief = build_brief(paper_model, scenario=sc, generated=STAMP, mc_draws=50)
    assert brief.n_overrides == 1
    assert brief.judgments_changed
    text = plain_text(render_html(brief, "en"))
    assert "Effect of the changed judgments" in text
    assert "changes 1 judgment matrices" in text


def test_outside_text_is_escaped():
    model = small_model().model_copy(update={"name": "<script>alert(1)</script> & </style>"})
    brief = build_brief(model, generated=STAMP, mc_draws=20)
    html = render_html(brief, "en")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "</style> &" not in html.split("</style>", 1)[1]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        (
            {
                "weights": {"policy": 1},
                "scenario": Scenario(id="x", name="X", criterion_weights={"policy": 1}),
            },
            "not both",
        ),
        ({"weights": {"nope": 1}}, "unknown criterion"),
        ({"top": 0}, "top must be"),
        ({"mc_draws": 1}, "Monte Carlo draws"),
    ],
)
def test_bad_arguments_are_named(paper_model, kwargs, fragment):
    with pytest.raises(ANPError, match=fragment):
        build_brief(paper_model, **kwargs)


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_has_the_factor_names_and_weights(paper_model, paper_brief, lang, tmp_path):
    out = write_brief(paper_brief, tmp_path / f"brief_{lang}.pdf", lang)
    assert out.read_bytes()[:5] == b"%PDF-"
    text = pdf_text(out)
    for row in paper_brief.rows[:5]:
        assert paper_model.label(row.id, lang) in text
        assert f"{row.composite:.3f}" in text
    assert ("Policy brief" if lang == "en" else "政策简报") in text
    assert paper_model.fingerprint in text
    # Chinese text comes back out of the PDF: its fonts carry Unicode maps (Noto Sans CJK is embedded)
    if lang == "zh":
        assert "排名及其变化" in text


def test_missing_renderer_says_so_and_keeps_the_html(paper_brief, tmp_path, monkeypatch):
    monkeypatch.setenv("ANP_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(PDFRendererMissingError, match="Chromium was not found") as err:
        write_brief(paper_brief, tmp_path / "brief.pdf")
    assert "brief.html" in str(err.value)
    assert (tmp_path / "brief.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not (tmp_path / "brief.pdf").exists()


def test_cli_writes_html_and_refuses_bad_input(tmp_path, capsys, monkeypatch):
    out = tmp_path / "b.html"
    code = main(
        [
            "brief",
            str(MODEL_PATH),
            "--weights",
            "policy=1,political=1",
            "--lang",
            "zh",
            "-o",
            str(out),
            "--draws",
            "50",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "政策简报" in out.read_text(encoding="utf-8")
    for args, fragment in [
        (["-o", str(tmp_path / "b.txt")], "must end in .html or .pdf"),
        (["-o", str(out), "--lang", "fr"], "--lang must be one of"),
        (["-o", str(out), "--weights", "policy=1", "--scenario", str(SCENARIO)], "not both"),
        (["-o", str(out), "--scenario", str(tmp_path / "missing.json")], "cannot read"),
    ]:
        code = main(["brief", str(MODEL_PATH), *args])
        _, err = capsys.readouterr()
        assert code == 2
        assert fragment in err
    monkeypatch.setenv("ANP_CHROMIUM", str(tmp_path / "none"))
    code = main(["brief", str(MODEL_PATH), "-o", str(tmp_path / "c.pdf"), "--draws", "50"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "no PDF renderer" in err
    assert (tmp_path / "c.html").exists()


def test_bundled_model_loads_with_its_translations():
    assert load_model(MODEL_PATH).label("government_regulation", "zh") == "政府监管"


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_and_html_of_an_example_model(lang, tmp_path):
    """An example model (Chinese primary names, long alternative names): both formats, both languages."""
    model = load_model(ROOT / "data" / "models" / "examples" / "warehouse_site_names.json")
    brief = build_brief(model, generated=STAMP, mc_draws=200)
    html = write_brief(brief, tmp_path / f"example_{lang}.html", lang).read_text(encoding="utf-8")
    pdf = pdf_text(write_brief(brief, tmp_path / f"example_{lang}.pdf", lang))

    def letters(text: str) -> str:  # text extraction from a PDF spaces and maps punctuation its own way
        return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())

    for text in (plain_text(html), pdf):
        for row in brief.rows[:3]:
            assert letters(model.label(row.id, lang)) in letters(text)
            assert f"{row.composite:.3f}" in text
        assert model.fingerprint in text


def test_a_scenario_is_named_and_explained_in_the_briefs_language(paper_model):
    """The scenario's ``translations`` give its name and rationale in a Chinese brief; English keeps its own."""
    sc = load_scenario(ROOT / "data" / "scenarios" / "tariff_escalation.json")
    brief = build_brief(
        paper_model, scenario=sc, mc_draws=50, generated=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    zh = plain_text(render_html(brief, "zh"))
    en = plain_text(render_html(brief, "en"))
    assert sc.translations["zh"].name in zh
    assert unicodedata.normalize("NFKC", sc.translations["zh"].rationale[:30]) in zh
    assert sc.name not in zh
    assert sc.rationale[:40] not in zh
    assert sc.name in en
    assert sc.rationale[:40] in en
    assert sc.translations["zh"].name not in en
