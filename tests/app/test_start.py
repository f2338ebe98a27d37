"""The Start page (the default page) in both languages, and its routes."""

from __future__ import annotations

import pytest

from tests.app.conftest import APP


def start_app(lang: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


TARGETS = (
    "scenarios",
    "weights",
    "sensitivity",
    "teach",
    "supermatrix",
    "judgments",
    "ecosystem",
    "uncertainty",
    "audit",
)


def page_links(at):
    return [el.proto for el in at.get("page_link")]


@pytest.mark.parametrize(
    ("lang", "title", "route"), [("en", "Start here", "I make policy"), ("zh", "从这里开始", "我制定政策")]
)
def test_start_page_opens_first_in_each_language(lang, title, route):
    at = start_app(lang)
    assert at.title[0].value == title
    md = " ".join(m.value for m in at.markdown)
    assert route in md
    links = page_links(at)
    assert len(links) == 11
    assert {link.page for link in links} == set(TARGETS)
    assert all(link.page_script_hash for link in links)  # each resolves to a registered page
    assert any(
        b.label.startswith("政策简报" if lang == "zh" else "Policy brief") for b in at.get("download_button")
    )


def test_the_five_sentences_are_the_models(paper_model):
    at = start_app()
    md = " ".join(m.value for m in at.markdown)
    assert "Government regulation \\(0\\.143\\)" in md  # escaped model text
    assert "reconstructed" in md


def test_a_shared_root_link_with_weights_opens_the_weights_page():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["w_political"] = "1"
    at.run()
    assert not at.exception
    assert [s.key for s in at.slider][:5] == [
        "w_policy",
        "w_economic",
        "w_political",
        "w_technological",
        "w_socio_cultural",
    ]
    assert at.slider(key="w_political").value == 1.0


def test_every_route_reaches_its_page():
    at = start_app()
    for page in sorted({link.page for link in page_links(at)}):
        at.switch_page(f"views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title or at.header, page
