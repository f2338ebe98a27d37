"""Text on the pages: the interface language, and outside text that never renders as markdown or HTML.

``current_language()`` reads the language a page should speak: the session's
``lang`` (set by a language switch) or the URL's ``?lang=zh``; ``gettext()``
returns the matching translator (``_ = gettext()``).

Streamlit renders markdown in most elements (markdown, captions, alerts,
headings, widget labels and help, radio and select-slider options, tabs,
expanders, metric labels, buttons, progress text); plotly renders a subset of
HTML (``<a href>``, ``<b>``, ``<br>``) in chart text. Text that comes from a
model file, an upload's name, a URL or a user goes through :func:`plain`
before it reaches a markdown element and through :func:`plot_text` before it
reaches a chart (STYLE.md 3.12). Selectbox and multiselect options, text
inputs, code blocks and dataframe cells are shown as text and need neither.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

import streamlit as st

from anp_core.errors import ANPError
from anp_core.i18n import DEFAULT_LANGUAGE, Translator, normalise_language, translator
from anp_core.model_translations import in_language

__all__ = [
    "LANG_KEY",
    "WORD_JOINER",
    "current_language",
    "description_of",
    "gettext",
    "keep_language_in_url",
    "label_text",
    "model_name",
    "name_of",
    "names_of",
    "plain",
    "plain_lines",
    "plot_label",
    "plot_text",
]

#: Session-state key and URL parameter of the interface language.
LANG_KEY = "lang"

#: U+2060: invisible, and breaks GitHub-flavoured markdown's autolinks (``https://``, ``www.``).
WORD_JOINER = "\u2060"

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&^\"'])")
_AUTOLINK = re.compile(r"(://|www)", re.IGNORECASE)


def current_language() -> str:
    """Return the interface language: session state first, then ``?lang=``, else English."""
    value = st.session_state.get(LANG_KEY)
    if value is None:
        value = st.query_params.get(LANG_KEY)
    return normalise_language(value)


def gettext() -> Translator:
    """Return the translator of the current language (use as ``_``)."""
    return translator(current_language())


def plain(text: object) -> str:
    r"""Return ``text`` escaped so that markdown shows it literally.

    Every markdown character is backslash-escaped, and a word joiner (U+2060,
    invisible) follows each ``://`` and ``www``, so no link, image, heading,
    list, emphasis, LaTeX or autolink can come out of it; the text reads the
    same. Line breaks become spaces (a name never starts a new block).

    Parameters
    ----------
    text : object
        Outside text (``None`` gives ``""``; an :class:`anp_core.ANPError` gives its
        reason in the interface's language, :meth:`~anp_core.ANPError.render`; other
        objects are ``str()``-ed).

    Returns
    -------
    str
        Markdown source that renders as ``text``.

    Examples
    --------
    >>> plain("[Verify](https://evil.example/x)")
    '\\[Verify\\]\\(https\\://\u2060evil\\.example/x\\)'
    >>> plain("Product & brand")
    'Product \\& brand'
    >>> plain(None)
    ''
    """
    if text is None:
        return ""
    if isinstance(text, ANPError):  # an engine error: its reason in the page's language
        text = text.render(gettext())
    return _escape(" ".join(str(text).splitlines()))


def _escape(s: str) -> str:
    # markdown characters backslash-escaped, a word joiner after each "://" and "www";
    # neither pattern matches a line break, so lines escaped together stay apart
    s = _AUTOLINK.sub(lambda m: m.group(1) + WORD_JOINER, s)
    return _MARKDOWN.sub(r"\\\1", s)


def plain_lines(texts: Iterable[object]) -> list[str]:
    r"""Return :func:`plain` of each of ``texts``, escaped in one pass (for long lists of sentences).

    Examples
    --------
    >>> plain_lines(["a *b*", "www.x", None]) == [plain("a *b*"), plain("www.x"), plain(None)]
    True
    """
    items = [" ".join(str(t).splitlines()) if t is not None else "" for t in texts]
    return _escape("\n".join(items)).split("\n") if items else []


def plot_text(text: object) -> str:
    """Return ``text`` for a plotly label or hover text: HTML-escaped, so no tag or link renders.

    Examples
    --------
    >>> plot_text('<a href="https://evil.example">x</a>')
    '&lt;a href=&quot;https://evil.example&quot;&gt;x&lt;/a&gt;'
    """
    if text is None:
        return ""
    return html.escape(str(text), quote=True)


def plot_label(text: object, width: int = 40) -> str:
    """Return ``text`` HTML-escaped and wrapped into lines of at most ``width`` characters (``<br>``).

    For axis labels: a long name wraps instead of squeezing the plot.

    Examples
    --------
    >>> plot_label("Product & brand")
    'Product &amp; brand'
    >>> plot_label("a " * 30, width=20).count("<br>")
    2
    """
    raw = "" if text is None else str(text)
    lines = textwrap.wrap(raw, width) or [raw]
    return "<br>".join(plot_text(line) for line in lines)


def name_of(model: Any, any_id: str, lang: str | None = None) -> str:
    """Return the display name of a criterion, cluster, factor or member in the interface language.

    The one place pages and view builders name the model's elements:
    :meth:`anp_core.Model.label` in ``lang`` (default: :func:`current_language`),
    the model's own name where it has no translation. Outside text: escape it
    (:func:`plain`, :func:`plot_text`) before it reaches markdown or a chart.

    Examples
    --------
    >>> from anp_core import load_model
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> name_of(m, "policy", "zh"), name_of(m, "policy", "en")
    ('政策环境', 'Policy environment')
    """
    return str(model.label(any_id, lang if lang is not None else current_language()))


def names_of(model: Any, lang: str | None = None) -> Callable[[str], str]:
    """Return ``name_of`` bound to ``model`` and one language (for mapping over many ids)."""
    lang = lang if lang is not None else current_language()
    return lambda any_id: name_of(model, any_id, lang)


def description_of(model: Any, any_id: str, lang: str | None = None) -> str:
    """Return the description of a criterion, cluster or factor in ``lang`` where the model has one.

    The model's ``translations[lang].description`` when given (in every
    language, English included), else its own description ("" if none).
    Outside text: escape it before showing.

    Examples
    --------
    >>> from anp_core import load_model
    >>> m = load_model("data/models/cbec_trade_war.json")
    >>> description_of(m, "policy", "zh").startswith("跨境电商综合试验区")
    True
    """
    lang = lang if lang is not None else current_language()
    item = model.criterion_by_id.get(any_id) or model.node_by_id.get(any_id)
    if item is None:
        item = next((c for c in model.clusters if c.id == any_id), None)
    if item is None:
        return ""
    return str(in_language(item, "description", lang) or "")


def model_name(model: Any, lang: str | None = None) -> str:
    """Return the model's name in ``lang``: its ``translations[lang].name`` where given, else its own name.

    An explicit translation wins in every language, English included (a
    model whose own names are Chinese gives its English name in
    ``translations.en``).

    Examples
    --------
    >>> from anp_core import load_model
    >>> m = load_model("data/models/examples/warehouse_site_names.json")
    >>> model_name(m, "en")[:25], model_name(m, "zh")[:5]
    ('Overseas warehouse site: ', '海外仓选址')
    """
    lang = lang if lang is not None else current_language()
    return str(in_language(model, "name", lang))


#: Characters that make markup in a widget label (Streamlit renders labels as inline markdown):
#: emphasis, code, links and images, HTML, LaTeX, colour and icon directives, escapes.
_LABEL_MARKUP = re.compile(r"([\\`*_\[\]<>~$:|])")
#: A label that would start a heading, a list item or a quote block.
_LABEL_BLOCK = re.compile(r"^(\s*)(#|[-+>]|\d+[.)])")


def label_text(text: object) -> str:
    r"""Return ``text`` escaped for a widget label, with as few backslashes as markdown needs.

    Streamlit renders a label as inline markdown but also puts the label,
    backslashes and all, into the widget's ``aria-label``: :func:`plain`
    would make a screen reader say "0 backslash .143". Here only the
    characters that make inline markup are escaped (see ``_LABEL_MARKUP``),
    plus a block marker at the start, and autolinks are broken with a word
    joiner as in :func:`plain`; ``.``, ``-``, ``&``, ``(`` and the like stay as
    they are.

    Examples
    --------
    >>> label_text("Product & brand 0.143 (rank 1)")
    'Product & brand 0.143 (rank 1)'
    >>> label_text("[Verify](https://evil.example) *x*")
    '\\[Verify\\](https\\://\u2060evil.example) \\*x\\*'
    >>> label_text("1. first")
    '1\\. first'
    """
    if text is None:
        return ""
    if isinstance(text, ANPError):  # an engine error: its reason in the page's language
        text = text.render(gettext())
    s = " ".join(str(text).splitlines())
    s = _AUTOLINK.sub(lambda m: m.group(1) + WORD_JOINER, s)
    s = _LABEL_MARKUP.sub(r"\\\1", s)
    return _LABEL_BLOCK.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], s)


def keep_language_in_url() -> str:
    """Pin the interface language in the session and keep it in the URL; return it.

    Called once per run by ``app.py`` before anything is drawn. A link's
    ``?lang=`` is read into the session the first time; after that the
    session holds the language (the sidebar's switch changes it) and the URL
    is brought back in step on every run: ``?lang=zh`` is re-added when
    moving to another page drops it, and removed for English (the default).
    """
    ss = st.session_state
    if ss.get(LANG_KEY) is None:
        ss[LANG_KEY] = normalise_language(st.query_params.get(LANG_KEY))
    lang = normalise_language(ss[LANG_KEY])
    if lang == DEFAULT_LANGUAGE:
        if LANG_KEY in st.query_params:
            del st.query_params[LANG_KEY]
    elif st.query_params.get(LANG_KEY) != lang:
        st.query_params[LANG_KEY] = lang
    return lang
