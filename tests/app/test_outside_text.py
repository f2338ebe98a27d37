"""Outside text never renders as a link or an image, on every page (issue 11, item 5).

A model whose every text field carries ``[Verify](https://evil.example/x)``,
``![p](https://evil.example/p.png)`` and HTML is opened on every page; shared
links carry the same payloads in parameter names and values; an upload
carries one in its file name. Every text the app renders as markdown (titles,
markdown, captions, alerts, widget labels and help, radio and select-slider
options, tab and expander labels, metric labels) is checked: no unescaped
link, image or autolink. The browser test (tests/browser) counts the links and
images Chromium actually renders.
"""

from __future__ import annotations

import pytest

from dashboard import state
from tests.support.apptest import PAGES, live_links, new_app, no_exception, rendered_markdown
from tests.support.dashboard_models import PAYLOAD

PAYLOAD_QUERY = {
    "w_[Official update](https://evil.example/phish)": "0.5",
    "w_![x](https://evil.example/p.png)": "1",
    "scenario": "[Verify account](https://evil.example) ![t](https://evil.example/t.png)",
    "w_policy": "[Verify](https://evil.example)",
}


def _every_page(at, run_mc: bool = True) -> int:
    """Visit every page (running a small Monte Carlo on the Uncertainty page); return the texts checked."""
    checked = 0
    for page in PAGES:
        at.switch_page(page).run()
        no_exception(at)
        if run_mc and page == "views/uncertainty.py":
            at.number_input(key="mc_draws").set_value(100)
            at.button[[b.label for b in at.button].index("Run Monte Carlo")].click().run()
            no_exception(at)
        assert live_links(at) == [], page
        checked += len(rendered_markdown(at))
    return checked


def test_a_model_full_of_payloads_shows_no_link_or_image_on_any_page(open_on):
    at = open_on("payload")
    checked = _every_page(at)
    assert checked > 300
    # the payloads are there, escaped: the test would catch them
    shown = [t for at_page in [at] for _, _, t in rendered_markdown(at_page) if "Verify" in t]
    assert shown


def test_the_payload_text_reads_the_same_once_rendered(open_on):
    at = open_on("payload")
    title = at.sidebar.markdown[0].value
    rendered = title.replace("\\", "").replace("\u2060", "")
    assert PAYLOAD in rendered


def test_payload_links_are_dropped_and_not_echoed(make_app):
    at = make_app()
    at.query_params.update(PAYLOAD_QUERY)
    at.run()
    no_exception(at)
    # the link's unknown parameters are gone from the URL, and a bad value of a known one too
    assert not [k for k in at.query_params if "evil" in k]
    (warning,) = [w.value for w in at.warning]
    assert "w\\_policy is not a number" in warning
    assert "2 parameters this model does not use" in warning
    assert "evil" not in warning
    _every_page(at, run_mc=False)


def test_a_payload_scenario_name_in_a_link_is_escaped_everywhere(make_app):
    at = make_app()
    at.query_params.update({"w_policy": "0.6", "w_economic": "0.4", "scenario": PAYLOAD_QUERY["scenario"]})
    at.run()
    no_exception(at)
    assert at.session_state[state.SCENARIO].startswith("[Verify account]")
    at.switch_page("views/sensitivity.py").run()
    assert any("\\[Verify account\\]" in m.value for m in at.markdown)
    _every_page(at, run_mc=False)


@pytest.mark.parametrize(
    "content", [b"not json", b'{"schema_version": 1, "id": "x", "[Verify](https://evil.example)": 1}']
)
def test_an_upload_with_a_payload_file_name_and_keys_is_escaped(app, content):
    app.file_uploader[0].set_value(
        (
            "[Verify](https://evil.example/x) ![p](https://evil.example/p.png).json",
            content,
            "application/json",
        )
    ).run()
    no_exception(app)
    (err,) = app.error
    assert "was not loaded" in err.value
    assert live_links(app) == []


def test_a_bad_anp_model_file_falls_back_to_the_bundled_model_with_a_message(monkeypatch, tmp_path):
    bad = tmp_path / "[Verify](https:__evil.example) model.json"
    bad.write_text(
        '{"schema_version": 1, "id": "Bad Id", "![p](https://evil.example/p.png)": 2}', encoding="utf-8"
    )
    monkeypatch.setenv("ANP_MODEL", str(bad))
    at = new_app().run()
    no_exception(at)
    (err,) = at.error
    assert "could not be opened" in err.value
    assert "The bundled model is shown instead" in err.value
    assert "Extra inputs are not permitted" in err.value
    assert at.session_state[state.MODEL_SOURCE].startswith("cbec_trade_war.json")
    assert live_links(at) == []
    at.button(key="model_error_dismiss").click().run()
    assert not at.error


def test_a_crafted_editor_message_is_refused_without_an_exception(app):
    app.switch_page("views/judgments.py").run()
    (editor,) = [d for d in app.dataframe if d.key and d.key.startswith("matrix:")]
    app.session_state[editor.key] = {
        "edited_rows": {
            "x; not a row": {"consumer_complaints": "3"},
            "0": {"[Verify](https://evil.example)": "2"},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    no_exception(app)
    (err,) = app.error
    assert "Matrix not changed" in err.value
    assert "is not in this matrix" in err.value
    assert live_links(app) == []
