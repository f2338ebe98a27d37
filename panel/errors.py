"""The errors a panel page shows to its user (never with a token in the message)."""

from __future__ import annotations

__all__ = ["AccessDeniedError", "AnswerRejectedError", "PanelError"]


class PanelError(ValueError):
    """Base class of the errors a panel page shows to its user."""


class AccessDeniedError(PanelError):
    """The link is unknown, was replaced, or its panel is closed or past its deadline."""


class AnswerRejectedError(PanelError):
    """A judgment was refused (not on the scale, not the expert's matrix or pair); nothing changed."""
