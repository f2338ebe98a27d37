"""The texts of a model in other languages: the translation classes and how a text is read in a language.

Every named part of a model (criteria, clusters, nodes, populations,
recommendations, the model itself) may carry ``translations``:
``{lang: {name, description, ...}}``; other parts carry a smaller class
(a relation's label, a comparison's note, the source's notes, the published
table's name and notes). An explicit translation into a language wins over
the item's own text in that language, English included: a model whose own
names are Chinese gives its English names in ``translations.en``.
:func:`in_language` reads one field in a language; :func:`all_names` every
display name. :mod:`anp_core.model_schema` re-exports the public names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field

from anp_core.model_base import LangCode, LongText, Text, _empty, _Frozen

if TYPE_CHECKING:
    from anp_core.model_schema import Model

__all__ = [
    "ComparisonTranslation",
    "EcosystemTranslation",
    "PublishedTranslation",
    "RelationTranslation",
    "SourceTranslation",
    "Translation",
    "Translations",
    "all_names",
    "in_language",
    "named_items",
]


class Translation(_Frozen):
    """A name and description in another language (for a criterion also its examples and excluded reason)."""

    name: Text
    description: LongText = ""
    examples: tuple[Text, ...] = Field(default=(), exclude_if=_empty)
    excluded_reason: LongText = Field(default="", exclude_if=_empty)


Translations = Annotated[dict[LangCode, Translation], Field(max_length=20)]


class RelationTranslation(_Frozen):
    """A relation's label in another language."""

    label: Text = Field(default="", exclude_if=_empty)


class EcosystemTranslation(_Frozen):
    """The ecosystem's title in another language."""

    title: Text = Field(default="", exclude_if=_empty)


class ComparisonTranslation(_Frozen):
    """A comparison's note in another language."""

    note: LongText = Field(default="", exclude_if=_empty)


class SourceTranslation(_Frozen):
    """A source's notes in another language (a citation stays as published)."""

    notes: LongText = Field(default="", exclude_if=_empty)


class PublishedTranslation(_Frozen):
    """A published table's name and notes in another language (the citation stays as published)."""

    table: Text = Field(default="", exclude_if=_empty)
    notes: LongText = Field(default="", exclude_if=_empty)


def all_names(model: Model, lang: str | None) -> dict[str, str]:
    """Return the display name of every criterion, cluster, node, population and member id.

    With ``lang=None`` the items' own names; with a language, the names the
    model translates into it (ids without a translation are absent).
    """

    def name(item: Any) -> str | None:
        if lang is None:
            return str(item.name)
        t = item.translations.get(lang)
        return t.name if t is not None else None

    names: dict[str, str] = {}
    for item in named_items(model):
        n = name(item)
        if n:
            names[item.id] = n
    return names


def named_items(model: Model) -> list[Any]:
    """Return every item of ``model`` with an id, a name and ``translations``, criteria first."""
    items: list[Any] = list(model.criteria)
    for cl in model.clusters:
        items += [cl, *cl.nodes]
    for p in model.ecosystem.populations:
        items += [p, *p.members]
    return items


def in_language(item: Any, field: str, lang: str | None, *, fallback: bool = True) -> Any:
    """Return ``item.<field>`` in ``lang``: its ``translations[lang].<field>`` where given, else its own.

    For any part of a model with ``translations`` (criteria, clusters,
    nodes, populations, recommendations, the ecosystem and its relations,
    the source, the published table, comparisons). An empty translation
    (``""`` or ``()``) falls back to the item's own text, or with
    ``fallback=False`` gives it (``""``: nothing in that language).

    Examples
    --------
    >>> from anp_core.model_schema import Ecosystem
    >>> e = Ecosystem(title="Ecosystem", translations={"zh": {"title": "生态系统"}})
    >>> in_language(e, "title", "zh"), in_language(e, "title", "en"), in_language(e, "title", None)
    ('生态系统', 'Ecosystem', 'Ecosystem')
    """
    own = getattr(item, field)
    translations = getattr(item, "translations", None) or {}
    t = translations.get(lang) if lang else None
    value = getattr(t, field, None) if t is not None else None
    if value or not fallback:
        return value if value is not None else type(own)()
    return own
