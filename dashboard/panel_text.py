"""Words of the panel pages in the interface language: Saaty's verbal scale, consensus words, the panel's messages.

The panel package (:mod:`panel`) speaks English: its refusals, creation
problems and "no result yet" notes are fixed sentences, a few with a number
or a name in them. :func:`translate_message` recognises each of them and
returns the translation from the catalog (marked here with ``N_``), with the
number or name put back; anything it does not recognise is returned
unchanged, so a new message still reads, in English. The tests raise every
message the package can give to a page and check that it is recognised.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from anp_core.i18n import N_, Translator, translator
from dashboard.text_alternatives import Formats, english_join

__all__ = [
    "EN",
    "VERBAL_TEXT",
    "consensus_word",
    "formats",
    "join",
    "translate_message",
]

#: The English translator (the default of every builder: the pages pass the current one).
EN = translator("en")

#: Saaty's verbal scale (1-9), as :data:`panel.scale.VERBAL` says it; even values are in-betweens.
VERBAL_TEXT: dict[int, str] = {
    1: N_("equal importance"),
    2: N_("equal to moderate"),
    3: N_("moderate importance"),
    4: N_("moderate to strong"),
    5: N_("strong importance"),
    6: N_("strong to very strong"),
    7: N_("very strong importance"),
    8: N_("very strong to extreme"),
    9: N_("extreme importance"),
}

#: Goepel's words for the consensus S* (:func:`anp_core.agreement.consensus_word`).
_CONSENSUS_WORDS = (N_("very low"), N_("low"), N_("moderate"), N_("high"), N_("very high"))


def _unanswered(_: Translator, n: str) -> str:
    """Return the panel's "N pair(s) are still unanswered" with the count's plural form."""
    return _.ngettext("{n} pair is still unanswered", "{n} pairs are still unanswered", int(n)).format(n=n)


#: (pattern of the English message, its msgid): the messages of :mod:`panel` a page shows.
_MESSAGES: tuple[tuple[re.Pattern[str], str | Callable[..., str]], ...] = tuple(
    (re.compile(pattern + r"\Z"), msgid)
    for pattern, msgid in (
        # refusals (panel.access)
        (
            re.escape(
                "This link is not valid. Check that you copied the whole link, or ask the facilitator for a new one."
            ),
            N_(
                "This link is not valid. Check that you copied the whole link, or ask the facilitator for a new one."
            ),
        ),
        (
            re.escape(
                "This link is not valid or was replaced by a newer one. Ask the facilitator for your current link."
            ),
            N_(
                "This link is not valid or was replaced by a newer one. Ask the facilitator for your current link."
            ),
        ),
        (re.escape("This facilitator link is not valid."), N_("This facilitator link is not valid.")),
        (
            re.escape(
                "This panel is closed: answers can no longer be changed. The answers you saved were kept."
            ),
            N_("This panel is closed: answers can no longer be changed. The answers you saved were kept."),
        ),
        (
            r"This panel's deadline \((?P<deadline>[^)]*)\) has passed: answers can no longer be changed\. "
            r"The answers you saved were kept\.",
            N_(
                "This panel's deadline ({deadline}) has passed: answers can no longer be changed. "
                "The answers you saved were kept."
            ),
        ),
        # submitting (panel.answers)
        (r"(?P<n>\d+) pair\(s\) are still unanswered", _unanswered),
        (re.escape("that matrix is not one of yours"), N_("that matrix is not one of yours")),
        # creating a panel (panel.creation)
        (
            re.escape("the panel needs a name of 1-200 characters"),
            N_("the panel needs a name of 1-200 characters"),
        ),
        (
            re.escape("choose at least one matrix (of two or more elements)"),
            N_("choose at least one matrix (of two or more elements)"),
        ),
        (r"a panel has 1 to (?P<n>\d+) experts", N_("a panel has 1 to {n} experts")),
        (
            r"every expert needs a name of 1-(?P<n>\d+) characters",
            N_("every expert needs a name of 1-{n} characters"),
        ),
        (re.escape("expert names must be different"), N_("expert names must be different")),
        (
            r"(?P<name>.*): weight must be a number from 0 to 1000",
            N_("{name}: weight must be a number from 0 to 1000"),
        ),
        (
            r"(?P<name>.*): choose at least one of the panel's matrices",
            N_("{name}: choose at least one of the panel's matrices"),
        ),
        (
            re.escape("at least one expert needs a weight above 0"),
            N_("at least one expert needs a weight above 0"),
        ),
        (re.escape("the deadline must be in the future"), N_("the deadline must be in the future")),
        (
            re.escape("the introduction is limited to 5000 characters"),
            N_("the introduction is limited to 5000 characters"),
        ),
        # the experts table of the creation form (dashboard.panel_views.parse_experts)
        (
            r"row (?P<row>\d+): weight (?P<value>.*) is not a number",
            N_("row {row}: weight {value} is not a number"),
        ),
        # group results (panel.results)
        (re.escape("no answers yet"), N_("no answers yet")),
        (
            re.escape("no expert has submitted this matrix yet"),
            N_("no expert has submitted this matrix yet"),
        ),
    )
)


def translate_message(text: object, _: Translator = EN) -> str:
    """Return a message of the panel package in ``_``'s language (unknown parts unchanged).

    A message made of several problems joined by ``"; "`` is translated part
    by part and joined again with the language's separator.

    Examples
    --------
    >>> translate_message("3 pair(s) are still unanswered", translator("zh"))
    '还有 3 对未回答'
    >>> translate_message("1 pair(s) are still unanswered")
    '1 pair is still unanswered'
    >>> translate_message("something new", translator("zh"))
    'something new'
    """
    parts = str(text).split("; ")
    out = []
    for part in parts:
        for pattern, msgid in _MESSAGES:
            m = pattern.match(part)
            if m is not None:
                fields = m.groupdict()
                out.append(msgid(_, **fields) if callable(msgid) else _(msgid).format(**fields))
                break
        else:
            out.append(part)
    return _("; ").join(out)


def consensus_word(word: str, _: Translator = EN) -> str:
    """Return Goepel's consensus word (``"very low"`` … ``"very high"``) in ``_``'s language."""
    return _(word) if word in _CONSENSUS_WORDS else word


def join(items: Sequence[str], _: Translator = EN) -> str:
    """Join names as the language does: ``a, b and c`` (English), ``a、b 和 c`` (Chinese)."""
    if _.language == "en":
        return english_join(items)
    if len(items) <= 1:
        return "".join(items)
    return _("{first} and {last}").format(first=_(", ").join(items[:-1]), last=items[-1])


def formats(_: Translator = EN) -> Formats:
    """Return the :class:`~dashboard.text_alternatives.Formats` of ``_``'s language (numbers per locale)."""
    if _.language == "en":
        return Formats()
    return Formats(
        number=lambda x: _.number(x, 3),
        share=lambda x: _.percent(x, 0),
        count=str,
        join=lambda items: join(items, _),
    )
