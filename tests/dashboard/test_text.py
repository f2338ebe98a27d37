"""plain() and plot_text() (dashboard.text): outside text never renders as markdown or HTML."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.text import WORD_JOINER, plain, plain_lines, plot_text
from tests.support.paper import ROOT

ROOT_MODELS = ROOT / "data" / "models"

PAYLOADS = [
    "[Verify](https://evil.example/x)",
    "![p](https://evil.example/p.png)",
    "<https://evil.example>",
    "https://evil.example/x",
    "HTTP://EVIL.EXAMPLE",
    "www.evil.example",
    "*bold* _it_ `code` # head",
    "1. list\n- item",
    ":red[colour] :material/home: $x^2$",
    '<a href="https://evil.example">x</a>',
    "[ref]: https://evil.example",
]

#: What markdown would turn into a link, an image, an autolink or formatting, if left unescaped.
_ACTIVE = re.compile(r"(?<!\\)[\[\]()*_`#<>!:$]|https?://(?!\u2060)|www(?!\u2060)", re.IGNORECASE)


def unescaped(text: str) -> list[str]:
    """Markdown characters in ``text`` not preceded by a backslash, and autolinks without a word joiner."""
    return _ACTIVE.findall(text.replace("\\\\", ""))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_escapes_every_markdown_character_and_breaks_autolinks(payload):
    out = plain(payload)
    assert not unescaped(out), out
    assert "\n" not in out
    assert out.replace("\\", "").replace(WORD_JOINER, "") == " ".join(payload.splitlines())


@given(st.text(max_size=200))
def test_plain_reads_the_same_once_rendered(text):
    out = plain(text)
    assert not unescaped(out)
    # markdown drops a backslash before punctuation; the word joiner is invisible
    rendered = re.sub(r"\\(.)", r"\1", out).replace(WORD_JOINER, "")
    assert rendered == " ".join(text.splitlines())


def test_plain_of_nothing_and_of_objects():
    assert plain(None) == ""
    assert plain(0.5) == "0\\.5"


def test_plot_text_escapes_html():
    assert (
        plot_text('<a href="https://evil.example">x</a>')
        == "&lt;a href=&quot;https://evil.example&quot;&gt;x&lt;/a&gt;"
    )
    assert plot_text("Product & brand") == "Product &amp; brand"
    assert plot_text(None) == ""


def test_an_explicit_translation_wins_in_every_language_english_included():
    """A model whose own names are Chinese gives its English names in ``translations.en``."""
    from anp_core import load_model
    from dashboard.text import description_of, model_name, name_of

    m = load_model(ROOT_MODELS / "examples" / "warehouse_site_names.json")
    assert model_name(m, "en") == m.translations["en"].name
    assert model_name(m, "zh") == m.name
    assert name_of(m, "sites", "en") == "Candidate sites"
    assert name_of(m, "sites", "zh") == m.cluster_by_id["sites"].name
    doc = m.model_dump()
    doc["criteria"][0]["translations"]["en"]["description"] = "The overall benefit of a site."
    m2 = load_model(doc)
    assert description_of(m2, "overall_benefit", "en") == "The overall benefit of a site."
    assert description_of(m2, "overall_benefit", "zh") == "选址的总体收益。"


def test_plain_gives_an_engine_error_in_the_interface_language(monkeypatch):
    """Every page shows an engine error through plain(): its reason comes in the page's language, escaped."""
    import streamlit as st

    from anp_core import ANPError
    from anp_core.i18n import N_
    from anp_core.messages import message
    from dashboard.text import plain

    err = ANPError(message(N_("the computation failed unexpectedly (the server log has the details)")))
    monkeypatch.setattr(st, "session_state", {"lang": "zh"})
    assert plain(err) == "计算意外失败（详情见服务器日志）"
    monkeypatch.setattr(st, "session_state", {"lang": "en"})
    assert plain(err) == "the computation failed unexpectedly \\(the server log has the details\\)"


@given(st.lists(st.one_of(st.none(), st.text())))
def test_plain_lines_is_plain_of_each_text(texts):
    assert plain_lines(texts) == [plain(t) for t in texts]
