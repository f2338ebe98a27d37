"""Exceptions raised by anp_core.

Every error is an :class:`ANPError` (a ``ValueError``), so a caller such as the
dashboard or the command line can catch one class and show ``str(err)``: the
messages name the matrix, the cell or the JSON path and say what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from anp_core.messages import Message, nmessage

__all__ = [
    "ANPError",
    "InvalidJudgmentError",
    "ModelValidationError",
    "NotConvergedError",
    "NotStochasticError",
]


def _same(text: str) -> str:
    return text


class ANPError(ValueError):
    """Base class of every error anp_core raises on bad input.

    Raised with a :class:`~anp_core.messages.Message` (``raise
    InvalidJudgmentError(message(N_("..."), ...))``), the error keeps it as
    :attr:`text`, so an interface shows the reason in its language
    (:meth:`render`); ``str(err)`` is the English sentence (the command line,
    logs). Raised with a plain string, :attr:`text` is None.
    """

    text: Message | None = None

    def __init__(self, *args: object) -> None:
        if len(args) == 1 and isinstance(args[0], Message):
            self.text = args[0]
            args = (args[0].render(),)
        super().__init__(*args)

    def render(
        self, gettext: Callable[[str], str] | None = None, label: Callable[[str], str] | None = None
    ) -> str:
        """Return the reason translated by ``gettext`` (a translator); English without one or without a text.

        ``label`` shows the ids the reason names (:class:`~anp_core.messages.Name`)
        by their display names (default: the ids, as ``str(err)`` does).

        Examples
        --------
        >>> from anp_core.i18n import translator
        >>> from anp_core.i18n import N_
        >>> from anp_core.messages import message
        >>> err = InvalidJudgmentError(message(N_("the diagonal is fixed at 1")))
        >>> str(err), err.render(translator("zh"))
        ('the diagonal is fixed at 1', '对角线固定为 1')
        """
        if gettext is None or self.text is None:
            return str(self)
        return self.text.render(gettext, label or _same)


class InvalidJudgmentError(ANPError):
    """A pairwise comparison matrix is not square, finite, positive or reciprocal."""


class NotStochasticError(ANPError):
    """A supermatrix is not column-stochastic (columns must sum to 1 or be all 0)."""


class NotConvergedError(ANPError):
    """An iterative computation did not reach its tolerance within its step budget."""


class ModelValidationError(ANPError):
    """A model file or dict failed validation.

    Parameters
    ----------
    problems : list of (path, message)
        Every problem found, each with its JSON path such as
        ``comparisons[3].matrix[0][2]``; the message in English, or a
        :class:`~anp_core.messages.Message` (kept as the problem's text, its
        English rendering as the message).
    texts : sequence of Message or None, optional
        The same messages as translatable :class:`~anp_core.messages.Message`
        objects, one per problem (None where a problem has none): an
        interface shows a problem in its language with
        :meth:`problem_text`.
    """

    def __init__(
        self,
        problems: Sequence[tuple[str, str | Message]],
        texts: Sequence[Message | None] | None = None,
    ) -> None:
        self.problems: list[tuple[str, str]] = [
            (path, msg.render() if isinstance(msg, Message) else msg) for path, msg in problems
        ]
        given = list(texts or ())
        self.texts: tuple[Message | None, ...] = tuple(
            given[i] if i < len(given) else (msg if isinstance(msg, Message) else None)
            for i, (_path, msg) in enumerate(problems)
        )
        n = len(self.problems)
        head = f"invalid model: {n} problem{'s' if n != 1 else ''}"
        lines = [f"{path or '(root)'}: {msg}" for path, msg in self.problems]
        super().__init__(head + "\n" + "\n".join(f"  - {line}" for line in lines))

    def problem_text(
        self, i: int, gettext: Callable[[str], str] | None = None, label: Callable[[str], str] | None = None
    ) -> str:
        """Return problem ``i``'s message translated by ``gettext`` (a translator), English without one.

        A problem without a translatable text gives its English message;
        ``label`` shows the ids it names (default: the ids).
        """
        text = self.texts[i]
        if gettext is None or text is None:
            return self.problems[i][1]
        return text.render(gettext, label or _same)

    def render(
        self, gettext: Callable[[str], str] | None = None, label: Callable[[str], str] | None = None
    ) -> str:
        """Return the first problem (translated by ``gettext`` where it can be) and a count of the rest."""
        if not self.problems:
            return str(self)
        rest = len(self.problems) - 1
        first = self.problem_text(0, gettext, label)
        if not rest:
            return first
        more = nmessage("{text} (and {n} more problem)", "{text} (and {n} more problems)", rest, text=first)
        return more.render(gettext) if gettext is not None else more.render()

    def one_line(self) -> str:
        """Return a single-line summary (first problem and a count of the rest)."""
        path, msg = self.problems[0] if self.problems else ("", "unknown problem")
        rest = len(self.problems) - 1
        more = f" (and {rest} more problem{'s' if rest != 1 else ''})" if rest else ""
        return f"invalid model: {path or '(root)'}: {msg}{more}"
