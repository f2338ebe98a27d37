"""The panel pages in both interface languages (AppTest): every string translated, outside text escaped.

The expert questionnaire follows ``?lang=`` in its link (and its own switch);
the facilitator page follows ``?lang=`` too. In Chinese, no run of three or
more English words may remain in the main area (a string someone forgot to
mark), and names come in the model's Chinese. In both languages the
facilitator's, the experts' and the model's text never renders as a link.
"""

from __future__ import annotations

import re

import pytest

from anp_core import load_model
from anp_core.aggregation_model import CRITERIA_KEY, key_text, model_matrices
from anp_core.i18n import translator
from panel.store import ExpertSpec, get_store
from tests.app.conftest import MODEL_PATH
from tests.support.apptest import _protos, _texts, live_links, no_exception

HOSTILE = "[Verify](https://evil.example) ![p](https://evil.example/p.png)"
#: Three or more English words in a row: text that was not translated.
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,}){2,}")


@pytest.fixture
def panel(tmp_path, monkeypatch):
    """A panel on the paper's model: the criteria and one factor matrix, three experts, two of them done."""
    monkeypatch.setenv("ANP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ANP_DATABASE_URL", raising=False)
    model = load_model(MODEL_PATH)
    factor = next(s for s in model_matrices(model) if s.n == 3)
    store = get_store()
    made = store.create_panel(
        model,
        f"Round {HOSTILE}",
        [ExpertSpec(f"Ann {HOSTILE}"), ExpertSpec("Bob", 2.0), ExpertSpec("Cy")],
        matrices=[CRITERIA_KEY, factor.key],
        intro=f"Intro {HOSTILE}",
    )
    for (_, _, token), v in zip(made.expert_tokens[:2], (3.0, 1 / 2), strict=True):
        store.save_answers(token, [("criteria", i, j, v) for i in range(5) for j in range(i + 1, 5)])
        store.save_answers(token, [(key_text(factor.key), 0, 1, v), (key_text(factor.key), 0, 2, 2.0)])
        store.save_answers(token, [(key_text(factor.key), 1, 2, 1 / v)])
        store.submit(token, "criteria")
        store.submit(token, key_text(factor.key))
    return store, made, model


def main_texts(at) -> list[str]:
    """Every text of the main area that Streamlit renders (labels, bodies, options, help)."""
    return [text for kind, proto in _protos(at.main) for _k, _f, text in _texts(kind, proto)]


def untranslated(at, allowed: tuple[str, ...] = ()) -> list[str]:
    """Texts of the main area holding three English words in a row (outside text in ``allowed`` removed)."""
    out = []
    for text in main_texts(at):
        rest = text.replace("\\", "").replace("\u2060", "")
        for a in allowed:
            rest = rest.replace(a, "")
        if ENGLISH_RUN.search(rest):
            out.append(text)
    return out


def unescaped(text: str) -> str:
    """Markdown source as it reads (the backslashes and word joiners of ``plain()`` removed)."""
    return text.replace("\\", "").replace("\u2060", "")


def expert_app(make_app, token: str, lang: str):
    at = make_app()
    at.query_params["panel"] = token
    if lang != "en":
        at.query_params["lang"] = lang
    return at.run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_questionnaire_speaks_the_language_of_its_link(make_app, panel, lang):
    store, made, model = panel
    _ = translator(lang)
    token = made.expert_tokens[2][2]  # Cy: nothing answered yet
    at = expert_app(make_app, token, lang)
    no_exception(at)
    assert at.title[0].value.startswith(_("Expert questionnaire: {panel}").split("{")[0])
    first, second = (model.label(e, lang) for e in model.criteria_comparison.elements[:2])
    assert any(_("Save and next") == b.label for b in at.button)
    slider = at.select_slider[0]
    assert _("Equal importance") in slider.options
    assert first in slider.label
    assert second in slider.label
    if lang == "zh":
        assert first != model.label(model.criteria_comparison.elements[0])  # the model's Chinese names
        assert untranslated(at) == []
    else:
        assert len(untranslated(at)) > 5  # the check finds English where there is English
    assert live_links(at) == []

    slider.set_value(3.0)
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("pe_save:"))).click().run()
    no_exception(at)
    assert at.success[0].value.startswith(_("Saved: {first} vs {second} ({time} UTC).").split("{")[0])
    assert store.expert_state(token).assignments[0].answers == {(0, 1): 3.0}
    if lang == "zh":
        assert untranslated(at) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_questionnaire_review_and_refusal_in_both_languages(make_app, panel, lang):
    _store, made, _model = panel
    _ = translator(lang)
    at = expert_app(make_app, made.expert_tokens[0][2], lang)  # Ann: everything submitted
    no_exception(at)
    assert any(_("Your priorities") in m.value for m in at.markdown)
    assert any(m.value.startswith(_("Submitted {time} UTC.").split("{")[0]) for m in at.success)
    if lang == "zh":
        assert untranslated(at) == []
    assert live_links(at) == []

    wrong = expert_app(make_app, "x" * 43, lang)
    no_exception(wrong)
    assert wrong.title[0].value == _("Expert questionnaire")
    assert wrong.error[0].value == _(
        "This link is not valid or was replaced by a newer one. Ask the facilitator for your current link."
    )
    assert not wrong.select_slider


def test_the_language_switch_keeps_the_matrix_chosen(make_app, panel):
    _store, made, _model = panel
    at = expert_app(make_app, made.expert_tokens[0][2], "en")
    at.selectbox(key="pe_matrix").set_value(1).run()
    no_exception(at)
    at.segmented_control(key="pe_lang").set_value("zh").run()
    no_exception(at)
    assert at.query_params["lang"] == "zh"
    assert at.selectbox(key="pe_matrix").value == 1
    assert at.title[0].value.startswith("专家问卷")
    at.segmented_control(key="pe_lang").set_value("en").run()
    no_exception(at)
    assert "lang" not in at.query_params
    assert at.selectbox(key="pe_matrix").value == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_facilitator_page_in_both_languages(make_app, panel, lang):
    _store, made, model = panel
    _ = translator(lang)
    at = make_app()
    at.query_params["facilitator"] = made.facilitator_secret
    if lang != "en":
        at.query_params["lang"] = lang
    at.run().switch_page("views/panel_facilitator.py").run()
    no_exception(at)
    assert at.title[0].value == _("Expert panel")
    assert any(_("Who answered what") in m.value for m in at.markdown)
    sentence = _(
        "In the group result ({method}), {lead}; the experts differ most on {name}, from {low} to {high}."
    )
    summary = sentence.split("{lead}")[0].format(method="AIJ")
    assert any(unescaped(m.value).startswith(summary) for m in at.caption)
    assert [m.label for m in at.metric][:2] == [_("Consensus S*"), _("Group CR")]
    overview = at.dataframe[1].value
    assert list(overview.columns)[:3] == [_("Matrix"), _("Title"), _("Submitted")]
    assert overview[_("Title")].iloc[0] == _("Control criteria")
    ranking = at.dataframe[-1].value
    assert set(ranking[_("Factor")]) == {model.label(n, lang) for n in model.node_ids}
    if lang == "zh":
        assert untranslated(at) == []
    assert live_links(at) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_panel_creation_form_in_both_languages(make_app, tmp_path, monkeypatch, lang):
    monkeypatch.setenv("ANP_DATA_DIR", str(tmp_path))
    _ = translator(lang)
    at = make_app()
    if lang != "en":
        at.query_params["lang"] = lang
    at.run().switch_page("views/panel_facilitator.py").run()
    no_exception(at)
    assert at.text_input(key="pf_name").label == _("Panel name")
    if lang == "zh":
        assert untranslated(at) == []
    at.button[[b.label for b in at.button].index(_("Create the panel"))].click().run()  # no name: refused
    no_exception(at)
    assert unescaped(at.error[0].value) == _("The panel was not created: {error}").format(
        error=_("the panel needs a name of 1-200 characters")
    )
    at.text_input(key="pf_name").set_value("Round 1")
    at.button[[b.label for b in at.button].index(_("Create the panel"))].click().run()
    no_exception(at)
    assert len(at.session_state["pf_links"]) == 3
    assert [c.value.endswith("&lang=zh") for c in at.code] == [lang == "zh"] * 3
    if lang == "zh":
        assert untranslated(at) == []
