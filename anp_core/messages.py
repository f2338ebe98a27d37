"""Sentences the engine writes for people, kept translatable: an English template, its fields, names by id.

The engine knows nothing of the interface's language, but some of what it
says is shown on the pages (the Model page's list of problems). Such a
sentence is a :class:`Message`: a ``str.format`` template marked with
``N_`` (so ``make i18n`` extracts it into the catalog), and its fields. A
field is a number (formatted by the template: ``{cr:.3f}``), a literal
string (a value, a file's text), a :class:`Name` (an id the interface
shows by its display name in its language), a :class:`Join` (a list) or
another :class:`Message` (a phrase inside a sentence). A sentence with a
count has a singular and a plural template (:func:`nmessage`, marked for
extraction as ``nmessage:1,2``; rendered with the translator's
``ngettext``, so English says "1 judgment", "3 judgments" and Chinese has
its one form). :meth:`Message.render`
with no arguments gives the English sentence (what the CLI prints); the
interface passes its translator and its labeller::

    text.render(translator("zh"), lambda any_id: model.label(any_id, "zh"))

Messages are immutable and hashable (fields are tuples), so equal sentences
can be grouped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from anp_core.i18n import N_

__all__ = ["Arg", "Join", "Message", "MessageError", "Name", "message", "nmessage", "verbatim"]


def _same(text: str) -> str:
    return text


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


@dataclass(frozen=True)
class Name:
    """An id shown by its display name (a criterion, cluster or node; the interface picks the language)."""

    id: str


@dataclass(frozen=True)
class Join:
    """Several values shown as one list, separated by ``sep`` (translated: ``", "`` is ``"、"`` in Chinese)."""

    items: tuple[Arg, ...]
    sep: str = N_(", ")


@dataclass(frozen=True)
class Message:
    """A translatable sentence: an English ``str.format`` template (marked ``N_``) and its fields.

    Attributes
    ----------
    template : str
        The English text with ``{field}`` placeholders (format specs allowed
        for numbers: ``{cr:.3f}``).
    fields : tuple of (str, Arg)
        The placeholders' values, in any order.
    capitalise : bool
        Upper-case the first letter of the result (a phrase that starts a sentence).
    plural : str
        The English plural template where the sentence has a count ("" if
        not): ``template`` is then the singular, chosen for ``count`` by the
        translator's ``ngettext``.
    count : int
        The count that chooses between ``template`` and ``plural``.
    """

    template: str
    fields: tuple[tuple[str, Arg], ...] = ()
    capitalise: bool = False
    plural: str = ""
    count: int = 0

    def render(self, gettext: Callable[[str], str] = _same, label: Callable[[str], str] = _same) -> str:
        """Return the sentence: the template translated by ``gettext``, names shown by ``label``.

        Parameters
        ----------
        gettext : callable
            Translates a template (default: none, English). Its ``ngettext``
            method, where it has one (:class:`anp_core.i18n.Translator`),
            chooses a sentence with a count; else the English rule.
        label : callable
            Turns a :class:`Name`'s id into the text shown (default: the id).

        Examples
        --------
        >>> m = message(
        ...     N_("{name} has CR {cr:.2f}; see {others}."),
        ...     name=Name("a"),
        ...     cr=0.1234,
        ...     others=Join((Name("b"), "c")),
        ... )
        >>> m.render(label=str.upper)
        'A has CR 0.12; see B, c.'
        >>> nmessage("{n} judgment", "{n} judgments", 3).render()
        '3 judgments'
        """
        values = {key: _value(v, gettext, label) for key, v in self.fields}
        if self.plural:
            ngettext = getattr(gettext, "ngettext", _english_plural)
            out = str(ngettext(self.template, self.plural, self.count)).format(**values)
        else:
            out = gettext(self.template).format(**values)
        return out[:1].upper() + out[1:] if self.capitalise else out

    def __str__(self) -> str:
        return self.render()


Arg = str | int | float | Name | Join | Message


def _value(v: Arg, gettext: Callable[[str], str], label: Callable[[str], str]) -> str | int | float:
    if isinstance(v, Message):
        return v.render(gettext, label)
    if isinstance(v, Name):
        return label(v.id)
    if isinstance(v, Join):
        return gettext(v.sep).join(str(_value(x, gettext, label)) for x in v.items)
    return v


def message(template: str, **fields: Arg) -> Message:
    """Return the :class:`Message` of ``template`` (mark it with ``N_`` at the call) with ``fields``."""
    return Message(template, tuple(sorted(fields.items())))


def nmessage(singular: str, plural: str, n: int, **fields: Arg) -> Message:
    """Return the :class:`Message` with a count ``n`` (also its field ``{n}``): ``singular`` or ``plural``.

    Mark the call's two templates for extraction with the keyword
    ``nmessage:1,2`` (``make i18n``); the catalog holds their forms per
    language (one in Chinese, two in English).

    Examples
    --------
    >>> nmessage("{n} cluster", "{n} clusters", 1).render()
    '1 cluster'
    >>> from anp_core.i18n import translator
    >>> nmessage("{n} judgment to make", "{n} judgments to make", 2).render(translator("en"))
    '2 judgments to make'
    """
    return Message(singular, tuple(sorted({**fields, "n": n}.items())), plural=plural, count=n)


def verbatim(text: str) -> Message:
    """Return a message that shows ``text`` as it is, in every language (an error from elsewhere)."""
    return Message("{text}", (("text", text),))


class MessageError(ValueError):
    """A ``ValueError`` whose reason is a :class:`Message`, for pydantic validators.

    pydantic reports it as a ``value_error`` with the exception in the
    error's ``ctx``; :func:`anp_core.model_checks.pydantic_message` reads the
    message back, so the reason is shown in the interface's language.
    ``str(err)`` is the English sentence.
    """

    def __init__(self, text: Message) -> None:
        self.text = text
        super().__init__(text.render())
