"""Text on the pages: the interface language and outside text made safe for markdown.

``current_language()`` reads the language a page should speak: the session's
``lang`` (set by a language switch) or the URL's ``?lang=zh``; ``gettext()``
returns the matching translator (``_ = gettext()``). ``plain()`` escapes text
from a model file, a URL or a user before Streamlit renders it as markdown
(STYLE.md 3.12).
"""

from __future__ import annotations

import re

import streamlit as st

from anp_core.i18n import Translator, normalise_language, translator

__all__ = ["LANG_KEY", "current_language", "gettext", "plain"]

#: Session-state key and URL parameter of the interface language.
LANG_KEY = "lang"

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


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
    r"""Return ``text`` escaped for markdown: no link, image, HTML or formatting survives.

    Every markdown character is backslash-escaped and a word joiner (U+2060)
    breaks ``://`` and ``www.`` so that no autolink forms; the text looks the
    same.

    Examples
    --------
    >>> plain(
    ...     "*bold* [x](https://evil.example)"
    ... ) == r"\*bold\* \[x\]\(https\:" + "\u2060" + r"//evil\.example\)"
    True
    """
    s = _MARKDOWN.sub(r"\\\1", str(text))
    s = s.replace("\\://", "\\:\u2060//")
    return re.sub(r"(?i)www", "w\u2060ww", s)
