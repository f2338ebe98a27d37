"""Exceptions raised by anp_core.

Every error is an :class:`ANPError` (a ``ValueError``), so a caller such as the
dashboard or the command line can catch one class and show ``str(err)``: the
messages name the matrix, the cell or the JSON path and say what is allowed.
"""

from __future__ import annotations

__all__ = [
    "ANPError",
    "InvalidJudgmentError",
    "ModelValidationError",
    "NotConvergedError",
    "NotStochasticError",
]


class ANPError(ValueError):
    """Base class of every error anp_core raises on bad input."""


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
        ``comparisons[3].matrix[0][2]``.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        head = f"invalid model: {n} problem{'s' if n != 1 else ''}"
        lines = [f"{path or '(root)'}: {msg}" for path, msg in self.problems]
        super().__init__(head + "\n" + "\n".join(f"  - {line}" for line in lines))

    def one_line(self) -> str:
        """Return a single-line summary (first problem and a count of the rest)."""
        path, msg = self.problems[0] if self.problems else ("", "unknown problem")
        rest = len(self.problems) - 1
        more = f" (and {rest} more problem{'s' if rest != 1 else ''})" if rest else ""
        return f"invalid model: {path or '(root)'}: {msg}{more}"
