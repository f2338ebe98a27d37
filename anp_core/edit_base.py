"""What every draft edit shares: the :class:`Edit` result, :class:`DraftEditError`, name checks and ids.

:mod:`anp_core.edit` (structure) and :mod:`anp_core.edit_links` (links, judgments,
settings) build on these; :mod:`anp_core.edit` re-exports the public ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from anp_core.draft import Draft, Matrix
from anp_core.errors import ANPError
from anp_core.i18n import N_
from anp_core.messages import Arg, Join, Message, message, nmessage, verbatim
from anp_core.model_checks import name_key
from anp_core.model_schema import (
    Comparison,
)

__all__ = [
    "MAX_CLUSTERS",
    "MAX_CRITERIA",
    "MAX_NAME",
    "DraftEditError",
    "Edit",
    "comparison_over",
    "either_label",
    "empty_matrix",
    "given_count",
    "new_id",
    "replace",
    "said",
    "sentences",
]

MAX_NAME = 200
MAX_CRITERIA = 50
MAX_CLUSTERS = 200


class DraftEditError(ANPError):
    """An edit that would make the draft wrong; the message says why and what is allowed.

    ``text`` is the reason as a translatable :class:`~anp_core.messages.Message`
    (names by id): the dashboard renders it in the interface's language;
    ``str(err)`` is the English sentence (the CLI, logs), its names shown by
    ``label``.

    Parameters
    ----------
    text : Message or str
        The reason (a plain string is shown as it is in every language).
    label : callable, optional
        Turns an id into the name ``str(err)`` shows (default: the id).
    """

    def __init__(self, text: Message | str, label: Callable[[str], str] | None = None) -> None:
        self.text = text if isinstance(text, Message) else verbatim(text)
        super().__init__(self.text.render(label=label if label is not None else str))


@dataclass(frozen=True)
class Edit:
    """The result of an edit: the new draft, what changed, and what was removed with it.

    ``text``: ``message`` as a translatable :class:`~anp_core.messages.Message`
    (names by id, rendered with the new draft's names, and with those of the
    draft before the edit for what it deleted) where the edit has one.
    """

    draft: Draft
    message: str
    removed: tuple[str, ...] = ()
    text: Message | None = None


def either_label(after: Draft, before: Draft | None) -> Callable[[str], str]:
    """Return ``id -> name``: the name in ``after``, else (an id the edit deleted) the name in ``before``."""
    if before is None:
        return after.label
    known = after.all_ids()
    return lambda any_id: after.label(any_id) if any_id in known else before.label(any_id)


def said(draft: Draft, text: Message, removed: tuple[str, ...] = (), before: Draft | None = None) -> Edit:
    """Return the edit to ``draft`` whose message is ``text`` (rendered in English with its names).

    ``before``: the draft before the edit, whose names name what the edit deleted.
    """
    return Edit(draft, text.render(label=either_label(draft, before)), removed, text)


def sentences(parts: Sequence[Message]) -> Message:
    """Return several sentences as one message (separated by a space)."""
    return parts[0] if len(parts) == 1 else Message("{all}", (("all", Join(tuple(parts), " ")),))


# --------------------------------------------------------------------------
# helpers


def _fail(template: str, draft: Draft | None = None, **fields: Arg) -> DraftEditError:
    """Return the error of ``template`` (mark it ``N_``) with ``fields``; names by id rendered by ``draft``."""
    return DraftEditError(message(template, **fields), draft.label if draft is not None else None)


#: What an item is, in a sentence ("the {what} name must be text").
_KINDS = {
    "model": N_("model"),
    "criterion": N_("criterion"),
    "cluster": N_("cluster"),
    "node": N_("node"),
}


def _kind_word(what: str) -> Message:
    return message(_KINDS.get(what, what))


def _clean_name(name: object, what: str) -> str:
    if not isinstance(name, str):
        raise _fail(N_("the {what} name must be text"), what=_kind_word(what))
    text = " ".join(name.split())
    if not text:
        raise _fail(N_("give the {what} a name"), what=_kind_word(what))
    if len(text) > MAX_NAME:
        raise _fail(
            N_("the {what} name is {length} characters long; at most {limit}"),
            what=_kind_word(what),
            length=len(text),
            limit=MAX_NAME,
        )
    return text


def _check_distinct(name: str, others: Iterable[str], what: str) -> None:
    key = name_key(name)
    for other in others:
        if name_key(other) == key:
            raise _fail(
                N_("there is already a {what} named {other}; names must be distinct"),
                what=_kind_word(what),
                other=repr(other),
            )


def _slug(name: str, prefix: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:40].rstrip("_")
    if not s:
        return prefix
    return s if s[0].isalpha() else f"{prefix}_{s}"[:48]


def new_id(draft: Draft, name: str, prefix: str) -> str:
    """Return an id for ``name`` unique in ``draft`` (``^[a-z][a-z0-9_]*$``, ``prefix`` if none can be made).

    Examples
    --------
    >>> from anp_core.edit import new_draft
    >>> d = new_draft("Test", criterion=None)
    >>> new_id(d, "Cost & value", "node"), new_id(d, "成本", "node"), new_id(d, "3 roads", "node")
    ('cost_value', 'node', 'node_3_roads')
    """
    base = _slug(name, prefix)
    taken = draft.all_ids() | {draft.id}
    if base not in taken:
        return base
    k = 2
    while f"{base}_{k}" in taken:
        k += 1
    return f"{base}_{k}"


def empty_matrix(n: int) -> Matrix:
    """Return an n x n matrix with a unit diagonal and every judgment missing."""
    return tuple(tuple(1.0 if i == j else None for j in range(n)) for i in range(n))


def given_count(matrix: Matrix) -> int:
    """Return the number of judgments given (pairs above the diagonal that are not missing)."""
    return sum(1 for i, row in enumerate(matrix) for j, x in enumerate(row) if i < j and x is not None)


def _reindexed(elements: Sequence[str], matrix: Matrix, new: Sequence[str]) -> Matrix:
    """Matrix over ``new`` elements: judgments of kept pairs carried over, new pairs missing."""
    pos = {e: k for k, e in enumerate(elements)}
    out = []
    for a in new:
        row: list[float | None] = []
        for b in new:
            if a == b:
                row.append(1.0)
            elif a in pos and b in pos:
                row.append(matrix[pos[a]][pos[b]])
            else:
                row.append(None)
        out.append(tuple(row))
    return tuple(out)


def comparison_over(comp: Comparison, elements: Sequence[str]) -> Comparison:
    """Return ``comp`` over ``elements``: judgments of kept pairs carried over, new pairs missing."""
    return comp.model_copy(
        update={"elements": tuple(elements), "matrix": _reindexed(comp.elements, comp.matrix, elements)}
    )


def replace(draft: Draft, **fields: Any) -> Draft:
    """Return a copy of ``draft`` with ``fields`` replaced (the caller built them validated)."""
    return draft.model_copy(update=fields)


def _kind_of(draft: Draft, any_id: str) -> str:
    if any_id in draft.criterion_by_id:
        return "criterion"
    if any_id in draft.cluster_by_id:
        return "cluster"
    if any_id in draft.node_by_id:
        return "node"
    raise _fail(N_("no criterion, cluster or node with id {id}"), id=repr(any_id))


def _listing(items: Sequence[Message], limit: int = 4) -> Join:
    shown: list[Message] = list(items[:limit])
    if len(items) > limit:
        shown.append(nmessage("{n} more", "{n} more", len(items) - limit))
    return Join(tuple(shown), N_("; "))
