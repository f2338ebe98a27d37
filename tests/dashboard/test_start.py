"""Start page content: five sentences from the model, routes to registered pages."""

from __future__ import annotations

import re

import pytest

from dashboard.start import model_name, routes, study_sentences, tool_adds
from tests.conftest import ROOT
from tests.support.builders import network_model


def registered_pages() -> set[str]:
    return set(
        re.findall(r"""st\.Page\(\s*["']([^"']+)["']""", (ROOT / "app.py").read_text(encoding="utf-8"))
    )


def small_model():
    return network_model(
        {"a": ["a1", "a2"], "b": ["b1"]},
        {("a1", "b"): [1.0], ("a2", "b"): [1.0], ("b1", "a"): [0.7, 0.3]},
        names={"a1": "Alpha one", "a2": "Alpha two", "b1": "Beta", "a": "Cluster A", "b": "Cluster B"},
    )


def test_five_sentences_from_the_paper_model(paper_model):
    s = study_sentences(paper_model, "en")
    assert len(s) == 5
    assert s[0].startswith("Business-ecosystem model")
    assert "20 factors in 6 clusters under 5 control criteria" in s[1]
    assert "Policy environment 0.422" in s[2]
    assert "Government regulation (0.143)" in s[3]
    assert "Credit Risk Management" in s[3]
    assert "reconstructed" in s[4]


def test_five_sentences_in_chinese(paper_model):
    s = study_sentences(paper_model, "zh")
    assert s[0].startswith("跨境电商与我国特色产业带")  # the model's own Chinese description
    assert "政府监管（0.143）" in s[3]
    assert "信用风险管理" in s[3]
    assert "重构" in s[4]
    assert model_name(paper_model, "zh").startswith("中美贸易战")


def test_another_model_gets_its_own_sentences():
    s = study_sentences(small_model(), "en")
    assert s[0] == "This model is called “Test network”."
    assert "3 factors in 2 clusters under 1 control criterion" in s[1]
    assert "Alpha one" in " ".join(s) or "Beta" in " ".join(s)
    joined = " ".join(s)
    for paper_word in ("industrial", "trade war", "Government regulation"):
        assert paper_word not in joined
    assert "does not say where its judgments come from" in s[4]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_route_links_to_a_registered_page(lang):
    pages = registered_pages()
    rs = routes(lang)
    assert [r.key for r in rs] == ["policy", "teach", "analyse"]
    for r in rs:
        assert r.title
        assert r.who
        assert len(r.steps) >= 3
        for step in r.steps:
            assert step.page in pages, step.page
            assert (ROOT / step.page).is_file()
            assert step.label
            assert step.text
            assert step.icon.startswith(":material/")
    assert len(tool_adds(lang)) == 3


def test_the_start_page_is_the_default_page():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    line = next(ln for ln in app.splitlines() if "default=True" in ln)
    assert "views/start.py" in line


def test_counts_of_one_are_singular():
    """A model with one cluster and one control criterion is not described as '1 clusters under 1 control criteria'."""
    from anp_core.formats import load_any

    lunch = load_any(ROOT / "tests" / "fixtures" / "sdmod" / "superdecisions" / "Lunch.sdmod")
    s2 = study_sentences(lunch, "en")[1]
    assert "3 factors in 1 cluster under 1 control criterion (" in s2, s2
    assert "在 1 个控制准则" in study_sentences(lunch, "zh")[1]
