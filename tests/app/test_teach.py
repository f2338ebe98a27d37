"""ANP step by step: next and back through every step, in both languages, on both networks."""

from __future__ import annotations

import pytest

from tests.app.conftest import APP

PAGE = "views/teach.py"


def teach_app(lang: str | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    ("lang", "first", "last"),
    [
        ("en", "1. The network", "8. Synthesis over the control criteria"),
        ("zh", "1. 网络结构", "8. 控制准则下的综合"),
    ],
)
def test_next_and_back_walk_every_step(lang, first, last):
    at = teach_app(lang)
    assert at.header[0].value == first
    assert at.button(key="teach_back").disabled
    for _ in range(7):
        at.button(key="teach_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.get("plotly_chart")
    assert at.header[0].value == last
    assert at.button(key="teach_next").disabled
    at.button(key="teach_back").click().run()
    assert at.header[0].value.startswith("7.")


def test_the_loaded_model_and_another_criterion():
    at = teach_app()
    at.radio(key="teach_source").set_value("current").run()
    at.selectbox(key="teach_criterion").set_value("political").run()
    for _ in range(7):
        at.button(key="teach_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
    md = " ".join(m.value for m in at.markdown)
    assert "Government regulation" in md


def test_a_link_to_a_step():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.query_params["step"] = "3"
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.header[0].value.startswith("3.")
