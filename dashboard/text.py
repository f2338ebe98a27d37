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

import streamlit as st

from anp_core.i18n import Translator, normalise_language, translator

__all__ = ["LANG_KEY", "WORD_JOINER", "current_language", "gettext", "plain", "plot_label", "plot_text"]

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
        Outside text (``None`` gives ``""``; other objects are ``str()``-ed).

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
    s = " ".join(str(text).splitlines())
    s = _AUTOLINK.sub(lambda m: m.group(1) + WORD_JOINER, s)
    return _MARKDOWN.sub(r"\\\1", s)


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
