"""A draft's problem and diagnosis types, and the constructor every check uses.

:mod:`anp_core.draft_problems` (what the draft still needs) and
:mod:`anp_core.draft_outlook` (what its limit will do) build their lists of
:class:`Problem`; :mod:`anp_core.draft_problems` re-exports these types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from anp_core.draft import (
    Draft,
)
from anp_core.messages import Message
from anp_core.model_schema import ComparisonKey, Model
from anp_core.repair import ScaleRepair

__all__ = ["SEVERITY_ORDER", "Diagnosis", "Problem", "Severity", "said"]

Severity = Literal["blocking", "warning", "info"]
SEVERITY_ORDER = {"blocking": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Problem:
    """One thing a draft still needs, or worth knowing, with what to do about it.

    Attributes
    ----------
    severity : {"blocking", "warning", "info"}
        ``blocking`` problems keep :func:`to_model` from building a model;
        warnings (missing but estimable judgments, unlinked clusters,
        CR > 0.10, a reducible limit) and infos (what the limit will do) do not.
    code : str
        Kind of problem: ``no_criteria``, ``no_control``, ``no_clusters``,
        ``empty_cluster``, ``no_network``, ``disconnected``, ``missing``,
        ``unlinked_cluster``, ``unreached_node``, ``cluster_comparison``,
        ``inconsistent``, ``unused``, ``limit``, ``invalid``.
    where : str
        The JSON path of what is concerned (``comparisons[2]``).
    message : str
        What is wrong, with names (English; ``text`` translates).
    action : str
        What to do about it (English; ``todo`` translates).
    key : tuple or None
        The comparison concerned (:data:`CRITERIA_KEY` for the criteria comparison).
    criterion : str or None
        The criterion concerned.
    pairs : tuple of (str, str)
        For ``disconnected``: a smallest set of pairs (ids) still to judge.
    cr : float or None
        For ``inconsistent``: the matrix's consistency ratio.
    repair : ScaleRepair or None
        For ``inconsistent``: the single judgment change on Saaty's scale that lowers CR most.
    text, todo : Message or None
        ``message`` and ``action`` as translatable messages (names by id):
        ``text.render(_, label)`` shows them in the interface's language.
    """

    severity: Severity
    code: str
    where: str
    message: str
    action: str
    key: ComparisonKey | None = None
    criterion: str | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    cr: float | None = None
    repair: ScaleRepair | None = None
    text: Message | None = None
    todo: Message | None = None


@dataclass(frozen=True)
class Diagnosis:
    """Every problem of a draft, blocking first, and the finished model when nothing blocks."""

    problems: tuple[Problem, ...]
    model: Model | None

    @property
    def blocking(self) -> tuple[Problem, ...]:
        """Problems that keep the draft from being a model."""
        return tuple(p for p in self.problems if p.severity == "blocking")

    @property
    def complete(self) -> bool:
        """Whether the draft is a valid model."""
        return self.model is not None


def said(
    draft: Draft,
    severity: Severity,
    code: str,
    where: str,
    text: Message,
    todo: Message,
    **details: object,
) -> Problem:
    """Return a problem whose message and action are ``text`` and ``todo`` (kept, and rendered in English)."""
    return Problem(
        severity,
        code,
        where,
        text.render(label=draft.label),
        todo.render(label=draft.label),
        text=text,
        todo=todo,
        **details,  # type: ignore[arg-type]
    )
