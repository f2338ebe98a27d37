"""What the panel store takes and returns: plain frozen records, no database rows.

An expert to create (:class:`ExpertSpec`), a new panel's links
(:class:`Created`), a panel's settings, matrices and experts, one expert's
answers to one matrix (:class:`AssignmentState`), what an expert's link shows
(:class:`ExpertState`), what the facilitator sees (:class:`PanelState`) and
the acknowledgement of saved answers (:class:`Saved`). Times are aware UTC
datetimes (:func:`as_utc`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from anp_core import Model
from anp_core.aggregation_model import MatrixKey, MatrixSpec, key_text

__all__ = [
    "AssignmentState",
    "Created",
    "ExpertInfo",
    "ExpertSpec",
    "ExpertState",
    "MatrixInfo",
    "Pair",
    "PanelInfo",
    "PanelState",
    "Saved",
    "as_utc",
    "utc_now",
]

Pair = tuple[int, int]


def utc_now() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def as_utc(dt: datetime | None) -> datetime | None:
    """Return ``dt`` in UTC (a naive datetime, as SQLite returns it, is taken as UTC); None stays None."""
    if dt is None:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


@dataclass(frozen=True)
class ExpertSpec:
    """An expert to create: display name, weight (>= 0) and the keys of the matrices they answer."""

    name: str
    weight: float = 1.0
    matrices: tuple[MatrixKey, ...] | None = None  # None: every matrix of the panel


@dataclass(frozen=True)
class Created:
    """A new panel: its id, the facilitator's secret and one private token per expert (shown once)."""

    panel_id: int
    public_id: str
    facilitator_secret: str
    expert_tokens: tuple[tuple[int, str, str], ...]  # (expert id, name, token)


@dataclass(frozen=True)
class MatrixInfo:
    """A matrix of a panel: database id, key and what the model says of it."""

    id: int
    position: int
    spec: MatrixSpec

    @property
    def key(self) -> str:
        """Text key of the matrix (see :func:`anp_core.aggregation_model.key_text`)."""
        return key_text(self.spec.key)


@dataclass(frozen=True)
class AssignmentState:
    """One expert's answers to one matrix: ``answers[(i, j)] = a_ij`` for ``i < j``."""

    expert_id: int
    matrix: MatrixInfo
    answers: Mapping[Pair, float]
    submitted_at: datetime | None
    submitted_cr: float | None

    @property
    def n_answered(self) -> int:
        """Number of pairs answered."""
        return len(self.answers)

    @property
    def complete(self) -> bool:
        """Whether every pair is answered."""
        return len(self.answers) == self.matrix.spec.n_pairs


@dataclass(frozen=True)
class PanelInfo:
    """A panel's settings."""

    id: int
    public_id: str
    name: str
    intro: str
    model_name: str
    method: str
    created_at: datetime
    deadline: datetime | None
    closed_at: datetime | None

    def open_now(self, now: datetime | None = None) -> bool:
        """Whether experts may still change answers."""
        now = now or utc_now()
        return self.closed_at is None and (self.deadline is None or now < self.deadline)


@dataclass(frozen=True)
class ExpertInfo:
    """An expert as the facilitator sees them (never their token)."""

    id: int
    position: int
    name: str
    weight: float


@dataclass(frozen=True)
class ExpertState:
    """What an expert's link shows: the panel, themselves and their own assignments only."""

    panel: PanelInfo
    expert: ExpertInfo
    assignments: tuple[AssignmentState, ...]


@dataclass(frozen=True)
class PanelState:
    """What the facilitator sees: the panel, its model, matrices, experts and every answer."""

    panel: PanelInfo
    model: Model
    matrices: tuple[MatrixInfo, ...]
    experts: tuple[ExpertInfo, ...]
    assignments: Mapping[tuple[int, int], AssignmentState] = field(
        default_factory=dict
    )  # (expert, matrix id)


@dataclass(frozen=True)
class Saved:
    """Acknowledgement of committed answers."""

    count: int
    saved_at: datetime
    reopened: tuple[str, ...] = ()  # matrices that were submitted and changed: submit them again
